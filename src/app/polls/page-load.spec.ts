import { validQuestionId } from './page-load';

describe('validQuestionId', () => {
  it('accepts positive whole numbers', () => {
    expect(validQuestionId(1)).toBe(1);
    expect(validQuestionId(42)).toBe(42);
  });

  it('rejects what cannot be a primary key', () => {
    for (const id of [NaN, 0, -2, 1.5, Infinity]) {
      expect(validQuestionId(id)).toBeUndefined();
    }
  });
});
