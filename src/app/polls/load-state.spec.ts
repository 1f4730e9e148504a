import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import {
  LOADING_DELAY,
  delayedFlag,
  isNotFound,
  loadErrorMessage,
  validQuestionId,
} from './load-state';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('delayedFlag', () => {
  function setUp() {
    TestBed.configureTestingModule({ providers: [{ provide: LOADING_DELAY, useValue: 30 }] });
    const busy = signal(false);
    const shown = TestBed.runInInjectionContext(() => delayedFlag(busy));
    return { busy, shown };
  }

  it('stays false for a request that ends before the delay', async () => {
    const { busy, shown } = setUp();
    busy.set(true);
    TestBed.tick();
    await wait(5);
    busy.set(false);
    TestBed.tick();
    await wait(50);
    TestBed.tick();

    expect(shown()).toBeFalse();
  });

  it('turns true after the delay and false as soon as the request ends', async () => {
    const { busy, shown } = setUp();
    busy.set(true);
    TestBed.tick();
    expect(shown()).toBeFalse();

    await wait(50);
    expect(shown()).toBeTrue();

    busy.set(false);
    TestBed.tick();
    expect(shown()).toBeFalse();
  });
});

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

describe('isNotFound', () => {
  it('is true only for a 404 response', () => {
    expect(isNotFound(new HttpErrorResponse({ status: 404 }))).toBeTrue();
    expect(isNotFound(new HttpErrorResponse({ status: 500 }))).toBeFalse();
    expect(isNotFound(new Error('404'))).toBeFalse();
    expect(isNotFound(undefined)).toBeFalse();
  });
});

describe('loadErrorMessage', () => {
  it('explains a network failure', () => {
    expect(loadErrorMessage(new HttpErrorResponse({ status: 0 }))).toContain(
      'could not be reached',
    );
  });

  it('explains an ended session rather than naming the status', () => {
    expect(loadErrorMessage(new HttpErrorResponse({ status: 401 }))).toBe(
      'Your session has ended. Please log in again.',
    );
  });

  it('explains a missing permission', () => {
    expect(loadErrorMessage(new HttpErrorResponse({ status: 403 }))).toContain('permission');
  });

  it('names the status of a server error', () => {
    expect(loadErrorMessage(new HttpErrorResponse({ status: 500 }))).toContain('error 500');
  });

  it('has words for an error that is not an HTTP response', () => {
    expect(loadErrorMessage(new Error('boom'))).toBe(
      'Something went wrong while loading this page.',
    );
  });
});
