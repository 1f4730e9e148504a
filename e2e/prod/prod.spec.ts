/**
 * The production setup as a browser and an HTTP client meet it: the built app behind
 * nginx running deploy/nginx.conf over HTTPS, with the mock API behind nginx.
 */
import { test as base, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect as http2Connect } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect as tlsConnect, type SecureVersion } from 'node:tls';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { API_PATHS, FLAVOR_PATHS } from '../../api/paths';
import type { Question } from '../../api/types';
import { BROWSER_DIR } from '../../scripts/compress';
import {
  fetchToken,
  freePort,
  hasIpv6Loopback,
  startMockApi,
  startNginx,
  type MockApi,
  type Nginx,
} from '../../scripts/servers';
import { ADMIN, expect, logIn, tokenCookie } from '../fixtures';

// Set by global-setup.ts; empty while the runner only lists the tests.
const APP_URL = process.env['PROD_URL'] ?? '';
const HTTP_URL = process.env['PROD_HTTP_URL'] ?? '';
const API_URL = process.env['PROD_API_URL'] ?? '';
const ACME_ROOT = process.env['PROD_ACME_ROOT'] ?? '';
const certificate = {
  cert: process.env['PROD_TLS_CERT'] ?? '',
  key: process.env['PROD_TLS_KEY'] ?? '',
};

const test = base.extend({ baseURL: APP_URL });

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The bytes as they came over the wire, not decompressed. */
  readonly body: Buffer;
}

/** One request with node's own client, trusting the run's certificate, no decoding. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      target,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        ca: target.protocol === 'https:' ? readFileSync(certificate.cert) : undefined,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** The headers deploy/security-headers.conf puts on every answer, each exactly once. */
function expectSecurityHeaders(response: RawResponse, what: string): void {
  const { headers } = response;
  expect(headers['strict-transport-security'], what).toBe('max-age=31536000; includeSubDomains');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], what).toMatch(/^(?:[a-z-]+=\(\), )*[a-z-]+=\(\)$/);
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
    expect(headers['permissions-policy'], what).toContain(`${feature}=()`);
  }
  expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
  // server_tokens off: the name, never the version.
  expect(headers['server'], what).toBe('nginx');
}

/** A hashed file of the build: the main bundle, as index.html names it. */
function hashedScript(): string {
  const name = readdirSync(BROWSER_DIR).find((file) => /^main-[\w-]{8}\.js$/.test(file));
  if (!name) throw new Error(`no main-HASH.js in ${BROWSER_DIR}`);
  return name;
}

const builtFile = (name: string) => readFileSync(join(BROWSER_DIR, name));

/** The Content-Security-Policy of an answer; empty when it has none. */
const cspOf = (answer: RawResponse) => String(answer.headers['content-security-policy'] ?? '');

/** The nonce a page answer's CSP allows styles by. */
function styleNonce(answer: RawResponse): string {
  const csp = cspOf(answer);
  const nonce = /style-src 'self' 'nonce-([0-9a-f]{32})'/.exec(csp)?.[1];
  if (!nonce) throw new Error(`no style nonce in the CSP: ${csp}`);
  return nonce;
}

/** index.html as nginx serves it: the build's placeholder replaced by the answer's nonce. */
function pageAsServed(answer: RawResponse): Buffer {
  return Buffer.from(
    builtFile('index.html').toString('utf8').replaceAll('CSP_NONCE', styleNonce(answer)),
  );
}

/** CSP violations of a page, across its navigations, as the browser reports them. */
async function collectViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void })
        .reportViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  return violations;
}

/** The nonces of the page's <style> elements, and the one the page was served with. */
function styleNonces(page: Page) {
  return page.evaluate(() => ({
    page: document.querySelector('app-root')?.getAttribute('ngCspNonce'),
    styles: [...document.querySelectorAll('style')].map((style) => style.nonce),
  }));
}

/** Console errors and uncaught exceptions of a page, from now on. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const votesText = (count: number) => `${count} ${count === 1 ? 'vote' : 'votes'}`;

test('over HTTPS a user logs in, lists, votes, sees the results, stays in over a reload, logs out', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const violations = await collectViolations(page);
  const token = await fetchToken(API_URL, ADMIN);
  const response = await fetch(API_URL + API_PATHS.questions, {
    headers: { Authorization: `Token ${token}` },
  });
  const questions = (await response.json()) as Question[];
  const question = questions.find((candidate) => candidate.choices.length >= 2);
  if (!question) throw new Error('the seed has no question with two choices');
  const choice = question.choices[1];

  await page.goto('/login');
  await logIn(page);
  await expect(page).toHaveURL(`${APP_URL}/polls`);
  const cookie = await tokenCookie(page);
  expect(cookie?.value).toBe(token);
  expect(cookie?.secure).toBe(true);
  expect(cookie?.sameSite).toBe('Strict');

  await page.getByRole('link', { name: question.question_text, exact: true }).click();
  const group = page.getByRole('group', { name: question.question_text });
  await group.getByRole('radio', { name: choice.choice_text, exact: true }).check();
  await page.getByRole('button', { name: 'Vote', exact: true }).click();
  await expect(page).toHaveURL(`${APP_URL}/polls/${question.id}/results`);
  const row = page
    .getByRole('listitem')
    .filter({ has: page.getByText(choice.choice_text, { exact: true }) });
  await expect(row).toContainText(votesText(choice.votes + 1));
  // Angular's run-time component styles carry the page's nonce, so the CSP lets them in.
  const nonces = await styleNonces(page);
  expect(nonces.page).toMatch(/^[0-9a-f]{32}$/);
  expect(nonces.styles.length).toBeGreaterThan(0);
  expect(nonces.styles.every((nonce) => nonce === nonces.page)).toBe(true);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await expect(row).toContainText(votesText(choice.votes + 1));

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(`${APP_URL}/login`);
  expect(await tokenCookie(page)).toBeUndefined();
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});

test('the page runs under a CSP: scripts from its origin only, styles by a fresh nonce', async ({
  page,
}) => {
  const first = await send(`${APP_URL}/login`);
  const directives = new Map(
    cspOf(first)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources.join(' ')]),
  );
  expect(directives.get('script-src')).toBe("'self'");
  expect(directives.get('object-src')).toBe("'none'");
  expect(directives.get('base-uri')).toBe("'self'");
  expect(directives.get('frame-ancestors')).toBe("'none'");
  expect(directives.get('form-action')).toBe("'self'");
  expect(directives.get('connect-src')).toBe("'self'");
  expect(cspOf(first)).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(first.body.equals(pageAsServed(first))).toBe(true);
  // A 304 would keep an old nonce under a new CSP.
  expect(first.headers['etag']).toBeUndefined();
  expect(first.headers['last-modified']).toBeUndefined();
  const second = await send(`${APP_URL}/login`);
  expect(styleNonce(second)).not.toBe(styleNonce(first));

  // The policy is enforced: a style without the nonce is refused, and reported.
  const violations = await collectViolations(page);
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  expect(violations).toEqual([]);
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { display: none; }';
    document.head.append(style);
  });
  await expect.poll(() => violations).toEqual(['style-src-elem blocked inline']);
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
});

test('a deep link opens the app on that page, after the login it asks for', async ({ page }) => {
  await page.goto('/polls/1');
  await expect(page).toHaveURL(`${APP_URL}/login?returnUrl=%2Fpolls%2F1`);
  await logIn(page);
  await expect(page).toHaveURL(`${APP_URL}/polls/1`);
  await expect(page.getByRole('button', { name: 'Vote', exact: true })).toBeVisible();

  for (const path of ['/polls/1', '/login?returnUrl=%2Fpolls', '/']) {
    const answer = await send(APP_URL + path);
    expect(answer.status, path).toBe(200);
    expect(answer.body.equals(pageAsServed(answer)), path).toBe(true);
  }
});

test('the page, a hashed file, API answers and errors all carry the security headers', async () => {
  const token = await fetchToken(API_URL, ADMIN);
  const answers: [string, RawResponse, number][] = [
    ['the page', await send(`${APP_URL}/login`), 200],
    ['a hashed file', await send(`${APP_URL}/${hashedScript()}`), 200],
    [
      'an API answer',
      await send(`${APP_URL}${API_PATHS.questions}`, {
        headers: { Authorization: `Token ${token}` },
      }),
      200,
    ],
    ['an API 401', await send(`${APP_URL}${API_PATHS.questions}`), 401],
    ['a missing file', await send(`${APP_URL}/chunk-XYZ.js`), 404],
    ['the redirect', await send(`${HTTP_URL}/polls`), 301],
  ];
  for (const [what, answer, status] of answers) {
    expect(answer.status, what).toBe(status);
    expectSecurityHeaders(answer, what);
  }
});

test('TLS 1.2 and 1.3 are spoken, with HTTP/2; TLS 1.1, a cipher without forward secrecy and another host name are refused', async () => {
  const { port } = new URL(APP_URL);
  const ca = readFileSync(certificate.cert);
  const handshake = (version: SecureVersion, ciphers = 'DEFAULT', servername = 'localhost') =>
    new Promise<string>((resolve, reject) => {
      const socket = tlsConnect({
        host: '127.0.0.1',
        port: Number(port),
        servername,
        ca,
        minVersion: version,
        maxVersion: version,
        // Lets the client offer old versions, so that a refusal can only be the server's.
        ciphers: `${ciphers}@SECLEVEL=0`,
        ALPNProtocols: ['h2', 'http/1.1'],
      });
      socket.once('secureConnect', () => {
        resolve(`${socket.getProtocol()} ${socket.alpnProtocol}`);
        socket.end();
      });
      socket.once('error', reject);
    });
  expect(await handshake('TLSv1.3')).toBe('TLSv1.3 h2');
  expect(await handshake('TLSv1.2')).toBe('TLSv1.2 h2');
  await expect(handshake('TLSv1.1')).rejects.toMatchObject({
    code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  });
  // Another host name on the same port gets no certificate at all.
  await expect(handshake('TLSv1.3', 'DEFAULT', 'other.example')).rejects.toMatchObject({
    code: 'ERR_SSL_TLSV1_UNRECOGNIZED_NAME',
  });
  // Forward secret only: a TLS 1.2 client offering nothing but plain RSA key exchange.
  await expect(handshake('TLSv1.2', 'AES128-GCM-SHA256')).rejects.toMatchObject({
    code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  });

  const session = http2Connect(APP_URL, { ca });
  try {
    const status = await new Promise<number>((resolve, reject) => {
      const stream = session.request({ ':path': '/login' });
      stream.once('response', (headers) => resolve(Number(headers[':status'])));
      stream.once('error', reject);
      stream.resume();
    });
    expect(status).toBe(200);
  } finally {
    session.close();
  }
});

test('on IPv6 the same ports redirect and speak TLS with HTTP/2', async () => {
  test.skip(!(await hasIpv6Loopback()), 'this machine has no IPv6 loopback; the lines are dropped');
  const httpPort = new URL(HTTP_URL).port;
  const redirect = await send(`http://[::1]:${httpPort}/polls?x=1`);
  expect(redirect.status).toBe(301);
  expect(redirect.headers['location']).toBe(`${APP_URL}/polls?x=1`);
  const alpn = await new Promise<string>((resolve, reject) => {
    const socket = tlsConnect({
      host: '::1',
      port: Number(new URL(APP_URL).port),
      servername: 'localhost',
      ca: readFileSync(certificate.cert),
      ALPNProtocols: ['h2', 'http/1.1'],
    });
    socket.once('secureConnect', () => {
      resolve(String(socket.alpnProtocol));
      socket.end();
    });
    socket.once('error', reject);
  });
  expect(alpn).toBe('h2');
});

test('hashed files are cached for a year, the page is asked again each time', async () => {
  const page = await send(`${APP_URL}/polls`);
  expect(page.headers['cache-control']).toBe('no-cache');
  expect((await send(`${APP_URL}/index.html`)).headers['cache-control']).toBe('no-cache');
  const hashed = await send(`${APP_URL}/${hashedScript()}`);
  expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  // A chunk a newer build removed must not be remembered as missing for a year.
  const gone = await send(`${APP_URL}/chunk-ABCD1234.js`);
  expect(gone.status).toBe(404);
  expect(gone.headers['cache-control']).toBeUndefined();
});

test('brotli or gzip is sent when accepted, and decompresses to the built file', async () => {
  const styles = readdirSync(BROWSER_DIR).find((file) => /^styles-[\w-]{8}\.css$/.test(file));
  for (const file of [hashedScript(), styles ?? 'styles.css']) {
    const path = `/${file}`;
    const original = builtFile(file);
    const br = await send(APP_URL + path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding'], path).toBe('br');
    expect(br.headers['vary'], path).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).equals(original), path).toBe(true);
    expect(br.body.length, path).toBeLessThan(original.length / 2);

    const gz = await send(APP_URL + path, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers['content-encoding'], path).toBe('gzip');
    expect(gunzipSync(gz.body).equals(original), path).toBe(true);

    const plain = await send(APP_URL + path);
    expect(plain.headers['content-encoding'], path).toBeUndefined();
    expect(plain.body.equals(original), path).toBe(true);
  }

  // The page is written per answer (its nonce), so it is gzipped on the fly.
  const page = await send(`${APP_URL}/login`, { headers: { 'Accept-Encoding': 'gzip, br' } });
  expect(page.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(page.body).equals(pageAsServed(page))).toBe(true);

  // API answers are compressed on the fly.
  const token = await fetchToken(API_URL, ADMIN);
  const api = await send(APP_URL + API_PATHS.questions, {
    headers: { Authorization: `Token ${token}`, 'Accept-Encoding': 'gzip' },
  });
  expect(api.status).toBe(200);
  expect(api.headers['content-encoding']).toBe('gzip');
  const questions = JSON.parse(gunzipSync(api.body).toString('utf8')) as Question[];
  expect(questions.length).toBeGreaterThan(0);
});

test('plain HTTP answers 301 to the same path and query on https', async () => {
  const answer = await send(`${HTTP_URL}/login?returnUrl=%2Fpolls%2F1&x=a%20b`);
  expect(answer.status).toBe(301);
  expect(answer.headers['location']).toBe(`${APP_URL}/login?returnUrl=%2Fpolls%2F1&x=a%20b`);
});

test("plain HTTP answers certbot's challenge from its webroot, and nothing else", async () => {
  const challenge = '/.well-known/acme-challenge/';
  writeFileSync(join(ACME_ROOT, challenge, 'token-1'), 'token-1.key');
  const answer = await send(`${HTTP_URL}${challenge}token-1`);
  expect(answer.status).toBe(200);
  expect(answer.body.toString('utf8')).toBe('token-1.key');
  expect((await send(`${HTTP_URL}${challenge}other`)).status).toBe(404);
  const outside = await send(`${HTTP_URL}/.well-known/other`);
  expect(outside.status).toBe(301);
  expect(outside.headers['location']).toBe(`${APP_URL}/.well-known/other`);
});

test('a missing file with an extension is a 404, never the app', async () => {
  for (const path of [
    '/chunk-XYZ.js',
    '/x.png',
    '/media/gone-ABCD1234.woff2',
    '/polls/styles.css',
  ]) {
    const answer = await send(APP_URL + path);
    expect(answer.status, path).toBe(404);
    expect(answer.body.toString('utf8'), path).not.toContain('<app-root>');
  }
});

test('a body over 1 MB gets a JSON 413; a smaller one reaches the API', async () => {
  const token = await fetchToken(API_URL, ADMIN);
  const headers = { Authorization: `Token ${token}`, 'Content-Type': 'application/json' };
  const big = JSON.stringify({ choice: 1, padding: 'x'.repeat(1024 * 1024) });
  const refused = await send(APP_URL + API_PATHS.vote(1), { method: 'POST', headers, body: big });
  expect(refused.status).toBe(413);
  expect(refused.headers['content-type']).toBe('application/json');
  expect(JSON.parse(refused.body.toString('utf8'))).toEqual({ detail: expect.any(String) });
  expectSecurityHeaders(refused, '413');

  const small = JSON.stringify({ choice: 999_999, padding: 'x'.repeat(1000) });
  const passed = await send(APP_URL + API_PATHS.vote(1), { method: 'POST', headers, body: small });
  expect(passed.status).toBe(400);
});

test('only the names the build hashes are cached as immutable, not a public/ file like them', async () => {
  const root = mkdtempSync(join(tmpdir(), 'prod-root-'));
  mkdirSync(join(root, 'media'));
  const files = {
    'chunk-AbCd_12-.js': 'public, max-age=31536000, immutable',
    'media/font-ABCDEFGH.woff2': 'public, max-age=31536000, immutable',
    'logo-inverted.png': 'no-cache',
    'media-ABCDEFGH.png': 'no-cache',
  };
  for (const file of Object.keys(files)) writeFileSync(join(root, file), 'x');
  const own = await startNginx({ apiTarget: 'http://127.0.0.1:9', certificate, root });
  try {
    for (const [file, cacheControl] of Object.entries(files)) {
      const answer = await send(`${own.url}/${file}`);
      expect(answer.status, file).toBe(200);
      expect(answer.headers['cache-control'], file).toBe(cacheControl);
    }
  } finally {
    await own.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test.describe('against an upstream of its own', () => {
  /** What the upstream received last. */
  let received: IncomingHttpHeaders = {};
  const upstream: Server = createServer((request, response) => {
    received = request.headers;
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ token: 'x' }));
  });
  // Unset when beforeAll failed: afterAll must not hide that error behind one of its own.
  let nginx: Nginx | undefined;
  let proxyUrl = '';

  test.beforeAll(async () => {
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { port } = upstream.address() as AddressInfo;
    nginx = await startNginx({ apiTarget: `http://127.0.0.1:${port}`, certificate });
    proxyUrl = nginx.url;
  });

  test.afterAll(async () => {
    await nginx?.stop();
    if (upstream.listening) upstream.close();
  });

  test('the proxy passes Authorization on, and sets Host and X-Forwarded-*', async () => {
    const answer = await send(proxyUrl + API_PATHS.questions, {
      headers: { Authorization: 'Token abc123', 'X-Forwarded-For': '203.0.113.9' },
    });
    expect(answer.status).toBe(200);
    expectSecurityHeaders(answer, 'proxied');
    expect(received['authorization']).toBe('Token abc123');
    expect(received['host']).toBe('localhost');
    expect(received['x-forwarded-proto']).toBe('https');
    // The address the connection came from, not the one the client claimed.
    expect(received['x-forwarded-for']).toBe('127.0.0.1');
  });

  test("every token backend's login and logout reach the API, with the token", async () => {
    for (const flavor of Object.values(FLAVOR_PATHS)) {
      for (const path of Object.values(flavor)) {
        received = {};
        const answer = await send(proxyUrl + path, {
          method: 'POST',
          headers: { Authorization: 'Token abc123', 'Content-Type': 'application/json' },
          body: '{}',
        });
        expect(answer.status, path).toBe(200);
        expect(received['authorization'], path).toBe('Token abc123');
      }
    }
  });

  test('an upstream that is down gets a JSON 502; the login form says so', async ({ page }) => {
    const closed = new Promise<void>((resolve) => upstream.close(() => resolve()));
    // nginx keeps idle connections to its upstream; end them, as a crash would.
    upstream.closeAllConnections();
    await closed;
    const answer = await send(proxyUrl + API_PATHS.questions);
    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual({ detail: expect.any(String) });
    expectSecurityHeaders(answer, '502');

    await page.goto(`${proxyUrl}/login`);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert')).toContainText('Cannot reach the server');
  });
});

test('the runtime config is served fresh on every visit: the API is behind this origin', async () => {
  const answer = await send(`${APP_URL}/config.json`);
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toBe('application/json');
  expect(answer.headers['cache-control']).toBe('no-cache');
  expectSecurityHeaders(answer, 'config.json');
  expect(JSON.parse(answer.body.toString('utf8'))).toEqual({
    apiOrigin: '',
    authFlavor: 'authtoken',
  });
});

test.describe('with the API on its own origin', () => {
  // Unset when beforeAll failed: afterAll must not hide that error behind one of its own.
  let api: MockApi | undefined;
  let nginx: Nginx | undefined;
  let appUrl = '';
  let apiUrl = '';

  test.beforeAll(async () => {
    // The mock must allow the app's origin, so nginx's port is chosen first.
    const httpsPort = await freePort();
    appUrl = `https://localhost:${httpsPort}`;
    api = await startMockApi({ corsOrigins: [appUrl] });
    apiUrl = api.url;
    nginx = await startNginx({ apiOrigin: apiUrl, certificate, httpsPort });
  });

  test.afterAll(async () => {
    await nginx?.stop();
    await api?.stop();
  });

  test('the config and the CSP name the API origin, and nothing is proxied', async () => {
    const config = await send(`${appUrl}/config.json`);
    expect(JSON.parse(config.body.toString('utf8'))).toEqual({
      apiOrigin: apiUrl,
      authFlavor: 'authtoken',
    });
    const page = await send(`${appUrl}/login`);
    expect(cspOf(page)).toContain(`connect-src 'self' ${apiUrl};`);
    const login = await send(appUrl + API_PATHS.login, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    // nginx's static files take no POST: the login never reaches an API through it.
    expect(login.status).toBe(405);
  });

  test('a user logs in and lists; every API call goes to the API origin, with the token', async ({
    page,
  }) => {
    const errors = collectErrors(page);
    const violations = await collectViolations(page);
    // Every header as sent, the cookies the browser adds included.
    const sent: Promise<{ url: string; method: string; headers: Record<string, string> }>[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/accounts/') || path.startsWith('/polls/api/')) {
        sent.push(
          request
            .allHeaders()
            .then((headers) => ({ url: request.url(), method: request.method(), headers })),
        );
      }
    });

    await page.goto(`${appUrl}/login`);
    await logIn(page);
    await expect(page).toHaveURL(`${appUrl}/polls`);
    const token = (await tokenCookie(page))?.value;
    expect(token).toMatch(/^[0-9a-f]{40}$/);
    const listed = await fetch(apiUrl + API_PATHS.questions, {
      headers: { Authorization: `Token ${token}` },
    });
    const [first] = (await listed.json()) as Question[];
    await expect(
      page.getByRole('link', { name: first?.question_text ?? 'a question', exact: true }),
    ).toBeVisible();
    const calls = await Promise.all(sent);

    expect(calls.map(({ method, url }) => `${method} ${url}`)).toEqual([
      `POST ${apiUrl}${API_PATHS.login}`,
      `GET ${apiUrl}${API_PATHS.questions}`,
    ]);
    expect(calls[0]?.headers['authorization']).toBeUndefined();
    expect(calls[1]?.headers['authorization']).toBe(`Token ${token}`);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});

// On an nginx of its own, with no API behind it: the API's own throttle (the mock's lets
// ten logins run at once) must not be taken for nginx's, and no other test loses its logins.
// A login nginx lets through gets its 502; one it holds back gets its 429.
test("logins beyond nginx's burst get a JSON 429 with Retry-After, on every backend's login path", async () => {
  const own = await startNginx({ apiTarget: 'http://127.0.0.1:9', certificate });
  try {
    const login = (path: string) =>
      send(own.url + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
    const attempts = await Promise.all(Array.from({ length: 30 }, () => login(API_PATHS.login)));
    const statuses = attempts.map((answer) => answer.status);
    // One, and the burst of 20 (a few more if the 30 took seconds to arrive).
    expect(statuses.filter((status) => status === 502).length).toBeGreaterThanOrEqual(21);
    const throttled = attempts.filter((answer) => answer.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 502 || status === 429)).toBe(true);
    for (const answer of throttled) {
      expect(answer.headers['retry-after']).toBe('3');
      expect(JSON.parse(answer.body.toString('utf8'))).toEqual({ detail: expect.any(String) });
      expectSecurityHeaders(answer, '429');
    }
    // Every backend's login path counts in the same limit: the burst is spent there too,
    // while the rest of the API is not limited.
    for (const { login: path } of Object.values(FLAVOR_PATHS)) {
      expect((await login(path)).status, path).toBe(429);
    }
    expect((await send(own.url + API_PATHS.questions)).status).toBe(502);
  } finally {
    await own.stop();
  }
});
