/**
 * The answers in which the mock API differs from DRF on purpose, one function each, so a
 * test states both answers instead of skipping the case. Every one is listed, with why,
 * under "Differences from a real DRF server" in mock-api/README.md.
 */
import assert from 'node:assert/strict';
import { assertReply, detail, JSON_TYPE, NOT_FOUND, type Expected } from './expect';
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

/**
 * A request Django refuses before DRF sees it (a `Host` that is not a domain name, more
 * than 1000 fields): Django answers its HTML "Bad Request (400)" page, as does a proxy in
 * front that refuses it first; the mock answers DRF's JSON, with Django's message.
 */
export function assertRefusedByDjango(
  kind: ServerKind,
  reply: Reply,
  mockMessage: string,
  message: string,
): void {
  if (kind === 'mock') {
    assertReply(
      reply,
      { status: 400, body: detail(mockMessage), headers: { 'content-type': JSON_TYPE } },
      message,
    );
    return;
  }
  assert.equal(reply.status, 400, message);
  assert.match(reply.headers['content-type'] ?? '', /^text\/html\b/, message);
}

/**
 * JSON nested deeper than Python's stack: DRF's parser catches only ValueError, so the
 * RecursionError is Django's HTML 500; the mock answers the parse error DRF would make of it.
 */
export function assertDeepJson(kind: ServerKind, reply: Reply): void {
  if (kind === 'mock') {
    assertReply(reply, {
      status: 400,
      body: detail(
        'JSON parse error - maximum recursion depth exceeded while decoding a JSON array from a unicode string',
      ),
      headers: { 'content-type': JSON_TYPE },
    });
    return;
  }
  assert.equal(reply.status, 500);
  assert.match(reply.headers['content-type'] ?? '', /^text\/html\b/);
}

/**
 * A body over 1 MB: the mock refuses it with 413; Django reads JSON of any size, so DRF
 * answers what the body says (`expected`), unless a proxy in front refuses it with 413 first.
 */
export function assertLargeBody(kind: ServerKind, reply: Reply, expected: Expected): void {
  if (kind === 'mock') {
    assertReply(reply, {
      status: 413,
      body: detail('Request body is too large: the limit is 1048576 bytes.'),
      headers: { 'content-type': JSON_TYPE },
    });
    return;
  }
  if (reply.status === 413) return;
  assertReply(reply, expected);
}

/**
 * A JSON body in a charset other than UTF-8, Latin-1, ASCII and UTF-16 (`cp1252`): DRF
 * decodes it with Python's codec; the mock reads it as UTF-8, with Python's error where
 * the bytes are not UTF-8. `drf` is DRF's answer to the decoded body.
 */
export function assertOtherCharset(
  kind: ServerKind,
  reply: Reply,
  mockError: string,
  drf: Expected,
): void {
  if (kind === 'mock') {
    assertReply(reply, { status: 400, body: detail(`JSON parse error - ${mockError}`) });
    return;
  }
  assertReply(reply, drf);
}
