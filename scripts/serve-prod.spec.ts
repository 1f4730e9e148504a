/**
 * `npm run serve:prod` as a user meets it: it serves the app over HTTPS and redirects
 * plain HTTP there, with the mock API or API_TARGET behind it or the API on API_ORIGIN,
 * and Ctrl-C or SIGTERM leaves no server and no open port behind.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, test } from 'node:test';
import { API_PATHS, FLAVOR_PATHS } from '../api/paths';
import { selfSignedCertificate } from './nginx';
import { LOCAL_MOCK_API, freePort } from './servers';

const SERVE_PROD = join(__dirname, 'serve-prod.ts');
const tlsDirs: string[] = [];
after(() => Promise.all(tlsDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Whether any process is left in the process group `pgid`. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

async function httpsStatus(url: string, ca: Buffer): Promise<number> {
  return (await httpsGet(url, ca)).status;
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Resolves once serve:prod printed its ready line, or ended; a build may come first. */
async function ready(serving: ReturnType<typeof run>): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (!serving.output().stdout.includes('Ready:') && Date.now() < deadline) {
    if (serving.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.match(
    serving.output().stdout,
    /Ready: open https:\/\/localhost:\d+/,
    serving.output().stderr,
  );
}

function run(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE_PROD], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

for (const [signal, code] of [
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const) {
  test(`serves https, redirects http, and stops everything on ${signal} with ${code}`, async (t) => {
    const tlsDir = await mkdtemp(join(tmpdir(), 'serve-prod-'));
    tlsDirs.push(tlsDir);
    const { cert, key } = await selfSignedCertificate(tlsDir);
    // nginx's own folder goes in here, so that the test can see it made and removed.
    const temp = join(tlsDir, 'tmp');
    await mkdir(temp);
    const [httpsPort, httpPort] = [await freePort(), await freePort()];
    // No mock API on port 3000: an upstream that is not there is enough for the app's page.
    const serving = run({
      HTTPS_PORT: String(httpsPort),
      HTTP_PORT: String(httpPort),
      // Relative, as a user types them: from the working directory, not nginx's.
      TLS_CERT: relative(process.cwd(), cert),
      TLS_KEY: relative(process.cwd(), key),
      API_TARGET: 'http://127.0.0.1:9',
      TMPDIR: temp,
    });
    // Stopped even when an assertion below fails, so that no server keeps its ports.
    t.after(() => {
      if (serving.child.exitCode === null) serving.child.kill('SIGTERM');
      return serving.exited;
    });
    await ready(serving);

    const ca = await readFile(cert);
    assert.equal(await httpsStatus(`https://localhost:${httpsPort}/polls/1`, ca), 200);
    assert.equal(await refused(httpPort), false);
    // tsx keeps its cache in the same folder.
    const nginxDirs = async () => (await readdir(temp)).filter((name) => name.startsWith('nginx-'));
    const prefixes = await nginxDirs();
    assert.equal(prefixes.length, 1, 'nginx runs from one folder of its own');
    const nginxPid = Number(await readFile(join(temp, String(prefixes[0]), 'nginx.pid'), 'utf8'));
    assert.ok(groupAlive(nginxPid), 'the nginx master leads its process group');

    serving.child.kill(signal);
    assert.equal(await serving.exited, code);
    assert.equal(await refused(httpsPort), true, 'the https port is closed');
    assert.equal(await refused(httpPort), true, 'the http port is closed');
    assert.deepEqual(await nginxDirs(), [], "nginx's folder is removed");
    assert.equal(groupAlive(nginxPid), false, 'no nginx process is left');
  });
}

test('a port that is not a number is one line and exit code 1', async () => {
  const serving = run({ HTTPS_PORT: 'abc' });
  assert.equal(await serving.exited, 1);
  assert.equal(serving.output().stderr, 'serve:prod: HTTPS_PORT must be a port number (got abc)\n');
});

test('an API_TARGET other than http://host[:port] is refused in one line with exit code 1', async () => {
  for (const target of ['https://api.example.com', 'http://127.0.0.1:8000/api', 'ftp://x', 'x']) {
    const serving = run({ API_TARGET: target });
    assert.equal(await serving.exited, 1, target);
    assert.equal(
      serving.output().stderr,
      `serve:prod: API_TARGET must be http://host[:port] with no path (got ${target}); an https upstream needs proxy_ssl settings that deploy/nginx.conf does not have\n`,
    );
  }
});

test('an AUTH_FLAVOR the app does not know is refused in one line with exit code 1', async () => {
  for (const flavor of ['simplejwt', 'Knox', 'djoser"; x']) {
    const serving = run({ AUTH_FLAVOR: flavor });
    assert.equal(await serving.exited, 1, flavor);
    assert.equal(
      serving.output().stderr,
      `serve:prod: AUTH_FLAVOR must be one of authtoken, djoser, dj-rest-auth, knox (got ${flavor})\n`,
    );
  }
});

test('a TLS_CERT or TLS_KEY that is not there is one line and exit code 1', async () => {
  const serving = run({ TLS_CERT: 'no-such.crt', TLS_KEY: 'no-such.key' });
  assert.equal(await serving.exited, 1);
  assert.equal(
    serving.output().stderr,
    `serve:prod: TLS_CERT: no such file ${resolve('no-such.crt')}\n`,
  );
});

test('by default: the mock API on 127.0.0.1:3000 behind nginx, and the certificate of tmp/tls', async (t) => {
  if (!(await refused(LOCAL_MOCK_API.port))) {
    t.skip(`port ${LOCAL_MOCK_API.port} is in use (npm start?): the default cannot be run here`);
    return;
  }
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const serving = run({ HTTPS_PORT: String(httpsPort), HTTP_PORT: String(httpPort) });
  t.after(() => {
    if (serving.child.exitCode === null) serving.child.kill('SIGTERM');
    return serving.exited;
  });
  await ready(serving);
  assert.match(serving.output().stdout, /API http:\/\/127\.0\.0\.1:3000;/);

  // Trusting only the certificate made on first run: any other would fail the handshake.
  const ca = await readFile(resolve(__dirname, '..', 'tmp', 'tls', 'localhost.crt'));
  assert.equal(await httpsStatus(`https://localhost:${httpsPort}/login`, ca), 200);
  // The mock API answers through nginx (no token, so the developer's data is not touched).
  const api = await httpsGet(`https://localhost:${httpsPort}${API_PATHS.questions}`, ca);
  assert.equal(api.status, 401);
  assert.deepEqual(JSON.parse(api.body), {
    detail: 'Authentication credentials were not provided.',
  });

  serving.child.kill('SIGTERM');
  assert.equal(await serving.exited, 143);
  assert.equal(await refused(LOCAL_MOCK_API.port), true, 'the mock API is stopped too');
});

test('with AUTH_FLAVOR, the mock API behind nginx serves that backend, and the app is told so', async (t) => {
  if (!(await refused(LOCAL_MOCK_API.port))) {
    t.skip(`port ${LOCAL_MOCK_API.port} is in use (npm start?): the default cannot be run here`);
    return;
  }
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const serving = run({
    HTTPS_PORT: String(httpsPort),
    HTTP_PORT: String(httpPort),
    AUTH_FLAVOR: 'djoser',
  });
  t.after(() => {
    if (serving.child.exitCode === null) serving.child.kill('SIGTERM');
    return serving.exited;
  });
  await ready(serving);
  const ca = await readFile(resolve(__dirname, '..', 'tmp', 'tls', 'localhost.crt'));
  const config = await httpsGet(`https://localhost:${httpsPort}/config.json`, ca);
  assert.deepEqual(JSON.parse(config.body), { apiOrigin: '', authFlavor: 'djoser' });
  // Asked without a login, so the developer's data is not touched: djoser's login is there
  // (POST only), DRF's is not.
  const djoser = await httpsGet(`https://localhost:${httpsPort}${FLAVOR_PATHS.djoser.login}`, ca);
  assert.equal(djoser.status, 405);
  const drf = await httpsGet(`https://localhost:${httpsPort}${API_PATHS.login}`, ca);
  assert.equal(drf.status, 404);
  serving.child.kill('SIGTERM');
  assert.equal(await serving.exited, 143);
});

test('with API_ORIGIN and AUTH_FLAVOR, the app is told its API origin and backend, and no API starts behind nginx', async (t) => {
  const tlsDir = await mkdtemp(join(tmpdir(), 'serve-prod-'));
  tlsDirs.push(tlsDir);
  const { cert, key } = await selfSignedCertificate(tlsDir);
  const [httpsPort, httpPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const origin = `http://127.0.0.1:${apiPort}`;
  const serving = run({
    HTTPS_PORT: String(httpsPort),
    HTTP_PORT: String(httpPort),
    TLS_CERT: cert,
    TLS_KEY: key,
    API_ORIGIN: `${origin}/`,
    AUTH_FLAVOR: 'dj-rest-auth',
  });
  t.after(() => {
    if (serving.child.exitCode === null) serving.child.kill('SIGTERM');
    return serving.exited;
  });
  await ready(serving);
  assert.match(
    serving.output().stdout,
    new RegExp(`must allow https://localhost:${httpsPort} by CORS; token backend dj-rest-auth;`),
  );
  const config = await httpsGet(`https://localhost:${httpsPort}/config.json`, await readFile(cert));
  assert.deepEqual(JSON.parse(config.body), { apiOrigin: origin, authFlavor: 'dj-rest-auth' });
  assert.equal(await refused(apiPort), true, 'serve:prod started nothing on the API origin');
  serving.child.kill('SIGINT');
  assert.equal(await serving.exited, 130);
});

test('an API_ORIGIN that is not an https origin (or http on loopback) is one line and exit code 1', async () => {
  for (const origin of [
    'http://api.example.com',
    'https://api.example.com/api',
    'api.example.com',
    'https://a$b.example.com',
  ]) {
    const serving = run({ API_ORIGIN: origin });
    assert.equal(await serving.exited, 1, origin);
    assert.equal(
      serving.output().stderr,
      `serve:prod: API_ORIGIN must be an origin such as https://api.example.com, with no path, and https unless on loopback (got ${origin})\n`,
    );
  }
  const both = run({ API_ORIGIN: 'https://api.example.com', API_TARGET: 'http://127.0.0.1:8000' });
  assert.equal(await both.exited, 1);
  assert.equal(
    both.output().stderr,
    'serve:prod: set API_TARGET (an API behind nginx) or API_ORIGIN (an API on its own origin), not both\n',
  );
});
