import { TestBed } from '@angular/core/testing';

import { AppMessages } from './app-messages';

describe('AppMessages', () => {
  it('holds one message at a time until cleared', () => {
    const messages = TestBed.inject(AppMessages);
    expect(messages.current()).toBeNull();

    messages.error('Cannot reach the server.');
    expect(messages.current()).toEqual({ kind: 'error', text: 'Cannot reach the server.' });

    messages.notice('Your session has ended.');
    expect(messages.current()).toEqual({ kind: 'notice', text: 'Your session has ended.' });

    messages.clear();
    expect(messages.current()).toBeNull();
  });
});
