/**
 * The requests as a server sees them, and what comes back: redirects not followed,
 * JSON parsed and anything else kept as text, and a reason when no answer comes.
 */
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { after, describe, test } from 'node:test';
import { freePort } from '../scripts/servers';
import { NoAnswer, sender } from './http';
import { listen, type TestServer } from './testing';

describe('sender', () => {
  const servers: TestServer[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  test('sends Accept and, with a JSON body, its Content-Type; parses a JSON answer', async () => {
    let seen: { headers: IncomingHttpHeaders; body: string } | undefined;
    const server = await listen((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen = { headers: req.headers, body };
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end('{"non_field_errors":["Unable to log in with provided credentials."]}');
      });
    });
    servers.push(server);

    const answer = await sender(
      server.url,
      1000,
    )({
      method: 'POST',
      path: '/accounts/get_auth_token/',
      json: { username: 'carol', password: 'x' },
    });

    assert.equal(seen?.headers.accept, 'application/json');
    assert.equal(seen?.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(seen?.body ?? ''), { username: 'carol', password: 'x' });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.json, {
      non_field_errors: ['Unable to log in with provided credentials.'],
    });
  });

  test('a redirect is the answer, not followed; an HTML body stays text', async () => {
    const server = await listen((req, res) => {
      res.writeHead(302, { Location: '/accounts/login/', 'Content-Type': 'text/html' });
      res.end('<p>moved</p>');
    });
    servers.push(server);

    const answer = await sender(server.url, 1000)({ method: 'GET', path: '/polls/api/' });

    assert.equal(answer.status, 302);
    assert.equal(answer.headers.get('location'), '/accounts/login/');
    assert.equal(answer.text, '<p>moved</p>');
    assert.equal(answer.json, undefined);
  });

  test('no answer in time: NoAnswer with the limit in seconds', async () => {
    const server = await listen((req) => req.resume());
    servers.push(server);

    await assert.rejects(
      sender(server.url, 300)({ method: 'GET', path: '/' }),
      (error: unknown) => error instanceof NoAnswer && error.reason === 'no answer within 0.3 s',
    );
  });

  test('nothing listening: NoAnswer "connection refused"', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;

    await assert.rejects(
      sender(url, 1000)({ method: 'GET', path: '/' }),
      (error: unknown) => error instanceof NoAnswer && error.reason === 'connection refused',
    );
  });
});
