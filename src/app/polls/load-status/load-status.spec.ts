import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { TEST_LOADING_DELAY, wait } from '../../../testing/polls-testing';
import { LOADING_DELAY } from '../loading-delay';
import { LoadStatus } from './load-status';

describe('LoadStatus', () => {
  let fixture: ComponentFixture<LoadStatus>;
  let element: HTMLElement;
  let heading: HTMLHeadingElement;
  const state = {
    loading: signal(false),
    notFound: signal(false),
    error: signal<unknown>(undefined),
    reload: jasmine.createSpy('reload'),
  };

  beforeEach(async () => {
    state.loading.set(false);
    state.notFound.set(false);
    state.error.set(undefined);
    state.reload.calls.reset();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: LOADING_DELAY, useValue: TEST_LOADING_DELAY }],
    });
    heading = document.createElement('h1');
    heading.tabIndex = -1;
    document.body.append(heading);
    fixture = TestBed.createComponent(LoadStatus);
    fixture.componentRef.setInput('state', state);
    fixture.componentRef.setInput('heading', heading);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => heading.remove());

  const status = () => element.querySelector('[role="status"]');
  const skeleton = () => element.querySelector('.skeleton');

  it('shows nothing but an empty live region when idle', () => {
    expect(status()?.textContent?.trim()).toBe('');
    expect(skeleton()).toBeNull();
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(element.querySelector('a')).toBeNull();
  });

  it('shows the skeleton and announces the label only after the delay', async () => {
    state.loading.set(true);
    fixture.componentRef.setInput('label', 'Loading polls…');
    await fixture.whenStable();
    expect(skeleton()).toBeNull();
    expect(status()?.textContent?.trim()).toBe('');

    await wait(2 * TEST_LOADING_DELAY);
    await fixture.whenStable();
    expect(skeleton()?.getAttribute('aria-hidden')).toBe('true');
    expect(status()?.textContent?.trim()).toBe('Loading polls…');

    state.loading.set(false);
    await fixture.whenStable();
    expect(skeleton()).toBeNull();
    expect(status()?.textContent?.trim()).toBe('');
  });

  it('shows not found with a link back to the list', async () => {
    state.notFound.set(true);
    await fixture.whenStable();

    const link = element.querySelector('a');
    expect(link?.textContent?.trim()).toBe('Back to polls');
    expect(link?.getAttribute('href')).toBe('/polls');
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows an error in an alert with Retry, which reloads and keeps focus on the heading', async () => {
    state.error.set(new HttpErrorResponse({ status: 500 }));
    await fixture.whenStable();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain('error 500');
    const button = element.querySelector('button');
    expect(button?.textContent?.trim()).toBe('Retry');
    button?.click();
    expect(state.reload).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(heading);
  });
});
