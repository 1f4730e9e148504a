/** Assertions on a whole answer, so that a failure shows every field that differs at once. */
import assert from 'node:assert/strict';
import type { Reply } from './http';

export interface Expected {
  readonly status: number;
  /** The exact body text. */
  readonly body?: string;
  /** Headers by lower-case name, compared exactly; `null`: the header must be absent. */
  readonly headers?: Readonly<Record<string, string | null>>;
}

/** Compares the status, and the body and headers that `expected` names. */
export function assertReply(reply: Reply, expected: Expected, message?: string): void {
  const actual: { status: number; body?: string; headers?: Record<string, string | null> } = {
    status: reply.status,
  };
  if (expected.body !== undefined) actual.body = reply.body;
  if (expected.headers !== undefined) {
    actual.headers = Object.fromEntries(
      Object.keys(expected.headers).map((name) => [name, reply.headers[name] ?? null]),
    );
  }
  assert.deepEqual(actual, expected, message);
}

/** DRF's body for an APIException: `{"detail":"..."}`, compact. */
export function detail(message: string): string {
  return JSON.stringify({ detail: message });
}

export const JSON_TYPE = 'application/json';
export const NOT_FOUND = detail('Not found.');
export const NOT_PROVIDED = detail('Authentication credentials were not provided.');
export const INVALID_TOKEN = detail('Invalid token.');

/** The `Allow` header of each kind of view, in DRF's order. */
export const ALLOW = {
  readOnly: 'GET, HEAD, OPTIONS',
  postOnly: 'POST, OPTIONS',
} as const;

/** A 401 as DRF sends it: the challenge a client reads to know it needs a token. */
export function unauthorized(message: string, allow: string): Expected {
  return {
    status: 401,
    body: detail(message),
    headers: { 'content-type': JSON_TYPE, 'www-authenticate': 'Token', allow },
  };
}
