/**
 * The answers in which the mock API differs from DRF on purpose, one function each, so a
 * test states both answers instead of skipping the case. Every one is listed, with why,
 * under "Differences from a real DRF server" in mock-api/README.md.
 */
import assert from 'node:assert/strict';
import { JSON_TYPE, NOT_FOUND, type Expected } from './expect';
import type { Reply } from './http';
import type { ServerKind } from './server-under-test';

/** Django's own 404 page with `DEBUG = False` and no 404.html template. */
const DJANGO_NOT_FOUND_PAGE = `
<!doctype html>
<html lang="en">
<head>
  <title>Not Found</title>
</head>
<body>
  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>
</body>
</html>
`;

/**
 * A URL that no view answers. DRF never sees it, so Django answers with its HTML page;
 * the mock answers DRF's JSON 404, which its clients already read.
 */
export function unknownUrl(kind: ServerKind): Expected {
  return kind === 'mock'
    ? { status: 404, body: NOT_FOUND, headers: { 'content-type': JSON_TYPE } }
    : { status: 404, body: DJANGO_NOT_FOUND_PAGE, headers: { 'content-type': 'text/html' } };
}

/**
 * The bytes after the headers of an answer to HEAD. Django's development server sends
 * GET's body anyway (a client must ignore it); the mock sends none.
 */
export function headBody(kind: ServerKind, getBody: string): string {
  return kind === 'mock' ? '' : getBody;
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
