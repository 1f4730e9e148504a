import { HttpErrorResponse } from '@angular/common/http';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { LOADING_DELAY } from '../load-state';
import { LoadStatus } from './load-status';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LoadStatus', () => {
  let fixture: ComponentFixture<LoadStatus>;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: LOADING_DELAY, useValue: 20 }],
    });
    fixture = TestBed.createComponent(LoadStatus);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  const status = () => element.querySelector('[role="status"]');
  const skeleton = () => element.querySelector('.skeleton');

  it('shows nothing but an empty live region when idle', () => {
    expect(status()?.textContent?.trim()).toBe('');
    expect(skeleton()).toBeNull();
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(element.querySelector('a')).toBeNull();
  });

  it('shows the skeleton and announces the label only after the delay', async () => {
    fixture.componentRef.setInput('loading', true);
    fixture.componentRef.setInput('label', 'Loading polls…');
    await fixture.whenStable();
    expect(skeleton()).toBeNull();
    expect(status()?.textContent?.trim()).toBe('');

    await wait(40);
    await fixture.whenStable();
    expect(skeleton()?.getAttribute('aria-hidden')).toBe('true');
    expect(status()?.textContent?.trim()).toBe('Loading polls…');

    fixture.componentRef.setInput('loading', false);
    await fixture.whenStable();
    expect(skeleton()).toBeNull();
    expect(status()?.textContent?.trim()).toBe('');
  });

  it('shows not found with a link back to the list', async () => {
    fixture.componentRef.setInput('notFound', true);
    await fixture.whenStable();

    const link = element.querySelector('a');
    expect(link?.textContent?.trim()).toBe('Back to polls');
    expect(link?.getAttribute('href')).toBe('/polls');
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows an error in an alert with a Retry button that emits', async () => {
    let retries = 0;
    fixture.componentInstance.retry.subscribe(() => retries++);
    fixture.componentRef.setInput('error', new HttpErrorResponse({ status: 503 }));
    await fixture.whenStable();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain('error 503');
    const button = element.querySelector('button');
    expect(button?.textContent?.trim()).toBe('Retry');
    button?.click();
    expect(retries).toBe(1);
  });
});
