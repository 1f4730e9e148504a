import { Choice, Question } from '../../../../api/types';
import { tally, votesLabel } from './tally';

function question(...votes: number[]): Question {
  const choices: Choice[] = votes.map((count, index) => ({
    id: index + 1,
    choice_text: `Choice ${index + 1}`,
    votes: count,
  }));
  return { id: 1, question_text: 'Q?', pub_date: '2024-01-01T00:00:00Z', choices };
}

describe('tally', () => {
  it('adds up the votes and gives each choice its share', () => {
    const result = tally(question(3, 1));

    expect(result.total).toBe(4);
    expect(result.choices.map((choice) => choice.percent)).toEqual([75, 25]);
    expect(result.choices.map((choice) => choice.share)).toEqual([75, 25]);
  });

  it('shows 0% for every choice when nobody has voted, without dividing by zero', () => {
    const result = tally(question(0, 0, 0));

    expect(result.total).toBe(0);
    for (const choice of result.choices) {
      expect(choice.percent).toBe(0);
      expect(choice.share).toBe(0);
      expect(choice.leading).toBeFalse();
    }
  });

  it('rounds each percent to the nearest whole number', () => {
    const result = tally(question(1, 1, 1));

    expect(result.choices.map((choice) => choice.percent)).toEqual([33, 33, 33]);
    expect(result.choices[0].share).toBeCloseTo(33.333, 3);
  });

  it('rounds halves up', () => {
    // 1 of 8 is 12.5%, 7 of 8 is 87.5%.
    expect(tally(question(1, 7)).choices.map((choice) => choice.percent)).toEqual([13, 88]);
  });

  it('rounds two thirds to 67%', () => {
    expect(tally(question(2, 1)).choices.map((choice) => choice.percent)).toEqual([67, 33]);
  });

  it('gives one choice with all the votes 100%', () => {
    expect(tally(question(0, 5)).choices.map((choice) => choice.percent)).toEqual([0, 100]);
  });

  it('marks the leading choices, ties included', () => {
    expect(tally(question(2, 5, 5)).choices.map((choice) => choice.leading)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('handles a question without choices', () => {
    expect(tally(question())).toEqual({ total: 0, choices: [] });
  });

  it('keeps the server order and the wire names', () => {
    const [first] = tally(question(4, 9)).choices;
    expect(first.id).toBe(1);
    expect(first.choice_text).toBe('Choice 1');
    expect(first.votes).toBe(4);
  });
});

describe('votesLabel', () => {
  it('uses the singular only for one', () => {
    expect(votesLabel(0)).toBe('0 votes');
    expect(votesLabel(1)).toBe('1 vote');
    expect(votesLabel(2)).toBe('2 votes');
  });
});
