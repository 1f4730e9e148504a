import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { LOADING_DELAY, delayedFlag } from './loading-delay';

const DELAY = 30;

describe('delayedFlag', () => {
  // A mock clock: a real one would let a busy browser stretch a short wait past the delay.
  beforeEach(() => jasmine.clock().install());
  afterEach(() => jasmine.clock().uninstall());

  function setUp() {
    TestBed.configureTestingModule({ providers: [{ provide: LOADING_DELAY, useValue: DELAY }] });
    const busy = signal(false);
    const shown = TestBed.runInInjectionContext(() => delayedFlag(busy));
    return { busy, shown };
  }

  it('stays false for a request that ends before the delay', () => {
    const { busy, shown } = setUp();
    busy.set(true);
    TestBed.tick();
    jasmine.clock().tick(DELAY - 1);
    busy.set(false);
    TestBed.tick();
    jasmine.clock().tick(10 * DELAY);
    TestBed.tick();

    expect(shown()).toBeFalse();
  });

  it('turns true after the delay and false as soon as the request ends', () => {
    const { busy, shown } = setUp();
    busy.set(true);
    TestBed.tick();
    jasmine.clock().tick(DELAY - 1);
    expect(shown()).toBeFalse();

    jasmine.clock().tick(1);
    expect(shown()).toBeTrue();

    busy.set(false);
    TestBed.tick();
    expect(shown()).toBeFalse();
  });
});
