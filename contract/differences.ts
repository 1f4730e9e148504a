/**
 * The answers in which the mock API differs from DRF on purpose, one function each, so a
 * test states both answers instead of skipping the case. Every one is listed, with why,
 * under "Differences from a real DRF server" in mock-api/README.md.
 */
import assert from 'node:assert/strict';
import { assertReply, JSON_TYPE, NOT_FOUND } from './expect';
import type { Reply } from './http';
import type { ServerKind } from './server-under-test';

/**
 * A URL that no view answers. DRF never sees it, so Django answers with an HTML page (its
 * own "Not Found", or the site's 404.html); the mock answers DRF's JSON 404, which its
 * clients already read.
 */
export function assertUnknownUrl(kind: ServerKind, reply: Reply, message: string): void {
  if (kind === 'mock') {
    assertReply(
      reply,
      { status: 404, body: NOT_FOUND, headers: { 'content-type': JSON_TYPE } },
      message,
    );
    return;
  }
  assert.equal(reply.status, 404, message);
  assert.match(reply.headers['content-type'] ?? '', /^text\/html\b/, message);
}

/**
 * The bytes after the headers of an answer to HEAD: none from the mock. Django 3.2 sends
 * GET's body, under runserver and gunicorn alike; a proxy in front may drop it.
 */
export function assertHeadBody(kind: ServerKind, headBody: string, getBody: string): void {
  const allowed = kind === 'mock' ? [''] : ['', getBody];
  assert.ok(
    allowed.includes(headBody),
    `the bytes after the headers of HEAD: ${headBody.slice(0, 80)}`,
  );
}

/** `Content-Length` of a 204: Django sends `0`, the mock sends none (both mean no body). */
export function noContentLength(kind: ServerKind): string | null {
  return kind === 'mock' ? null : '0';
}

/**
 * What a browser gets (`Accept: text/html`, `?format=api`): DRF's browsable API, an HTML
 * page; the mock has no HTML renderer and answers JSON, as to any other client.
 */
export function assertBrowsableApi(kind: ServerKind, reply: Reply, message: string): void {
  assert.equal(reply.status, 200, message);
  if (kind === 'mock') {
    assert.equal(reply.headers['content-type'], JSON_TYPE, message);
    assert.doesNotThrow(() => JSON.parse(reply.body), message);
    return;
  }
  assert.equal(reply.headers['content-type'], 'text/html; charset=utf-8', message);
  assert.match(reply.body, /<title>[^<]* – Django REST framework<\/title>/, message);
}
