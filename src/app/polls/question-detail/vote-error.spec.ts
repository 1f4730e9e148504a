import { HttpErrorResponse } from '@angular/common/http';

import { voteErrorMessage } from './vote-error';

describe('voteErrorMessage', () => {
  it('explains a choice that no longer exists in plain words', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: { choice: ['Invalid pk "7" - object does not exist.'] },
    });
    expect(voteErrorMessage(error)).toContain('That choice is no longer available');
  });

  it('reads the refused choice by field name, whatever language the server speaks', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: { choice: ['Clé primaire « 7 » non valide - l’objet n’existe pas.'] },
    });
    expect(voteErrorMessage(error)).toContain('That choice is no longer available');
  });

  it("passes on the server's words, as they came, for other refusals", () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: { non_field_errors: ['Die Abstimmung ist geschlossen.'] },
    });
    expect(voteErrorMessage(error)).toBe(
      'Your vote was not counted: Die Abstimmung ist geschlossen.',
    );
  });

  it('uses a DRF detail message', () => {
    const error = new HttpErrorResponse({
      status: 429,
      error: { detail: 'Request was throttled. Expected available in 3 seconds.' },
    });
    expect(voteErrorMessage(error)).toContain('Request was throttled');
  });

  it('explains an ended session', () => {
    expect(voteErrorMessage(new HttpErrorResponse({ status: 401 }))).toContain(
      'Your session has ended',
    );
  });

  it('explains a question that was deleted', () => {
    expect(voteErrorMessage(new HttpErrorResponse({ status: 404 }))).toContain('no longer exists');
  });

  it('explains a network failure, or a proxy that cannot reach the API, in the words the whole app uses', () => {
    for (const status of [0, 502, 503, 504]) {
      expect(voteErrorMessage(new HttpErrorResponse({ status, error: 'Bad gateway' })))
        .withContext(String(status))
        .toBe(
          'Your vote could not be sent. Cannot reach the server. Check your connection and try again.',
        );
    }
  });

  it('names the status when the server gave no words', () => {
    expect(voteErrorMessage(new HttpErrorResponse({ status: 500, error: '' }))).toBe(
      'Your vote could not be sent (error 500). Please try again.',
    );
  });

  it('has words for an error that is not an HTTP response', () => {
    expect(voteErrorMessage(new Error('boom'))).toBe(
      'Your vote could not be sent. Please try again.',
    );
  });
});
