import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { LOADING_DELAY, delayedFlag } from './loading-delay';

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
