import { ResourceRef, Signal, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { Question } from '../../../api/types';
import { isNotFound } from './load-error';
import { PollsApi } from './polls-api';

/** The states around a page's load, as `LoadStatus` shows them. */
export interface PageLoadState {
  /** True while the first load runs; reloading what is already on screen does not count. */
  readonly loading: Signal<boolean>;
  /** True when nothing exists at this address: an id that cannot be one, or a 404. */
  readonly notFound: Signal<boolean>;
  /** The failed load's error, or undefined: hidden while a retry runs, so Retry shows progress. */
  readonly error: Signal<unknown>;
  /** Loads again. */
  reload(): void;
}

/** A polls page's data, with the states {@link PageLoadState} derives from it. */
export interface PageLoad<T> extends PageLoadState {
  readonly data: ResourceRef<T | undefined>;
}

/** Loads every question. Call it in an injection context (a field initializer). */
export function loadQuestions(): PageLoad<Question[]> {
  const api = inject(PollsApi);
  return pageLoad(rxResource({ stream: () => api.questions() }), signal(false));
}

/**
 * Loads the question of the `:id` route parameter, again whenever it changes. An id that
 * cannot be a primary key is "not found" without asking the server. Call it in an
 * injection context (a field initializer).
 */
export function loadQuestion(id: Signal<number>): PageLoad<Question> & {
  /** The id as a question id, or undefined when it cannot be one. */
  readonly questionId: Signal<number | undefined>;
} {
  const api = inject(PollsApi);
  const questionId = computed(() => validQuestionId(id()));
  const data = rxResource({
    params: () => questionId(),
    stream: ({ params }) => api.question(params),
  });
  const notFound = computed(() => questionId() === undefined || isNotFound(data.error()));
  return { ...pageLoad(data, notFound), questionId };
}

/**
 * The `:id` route parameter as a question id, or undefined when it cannot be one ("abc",
 * "1.5", "-2"): such a URL is "not found" without asking the server.
 */
export function validQuestionId(id: number): number | undefined {
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function pageLoad<T>(data: ResourceRef<T | undefined>, notFound: Signal<boolean>): PageLoad<T> {
  return {
    data,
    notFound,
    loading: computed(() => data.isLoading() && !data.hasValue()),
    // The previous error stays on the resource while it reloads.
    error: computed(() => (data.isLoading() || notFound() ? undefined : data.error())),
    reload: () => data.reload(),
  };
}
