/**
 * check-server with each token backend (`--flavor`), and finding it without the option:
 * against the mock API serving each one, against real djoser (drf-server with djoser
 * on), and with the wrong backend named. Judged by the backend line, the checks' marks,
 * the logout's answer and, for knox, the tokens left on the server.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AUTH_FLAVORS, FLAVOR_PATHS, type AuthFlavor } from '../api/paths';
import { startDrfServer, startMockApi, type DrfServer, type MockApi } from '../scripts/servers';
import { checkLine, loginArgs, marks, runCheckServer, TOKEN_SHAPE } from './testing';

/** Two users, so that a run with --flavor and one without can log in side by side. */
const ERIN = { username: 'erin', password: 'erin-flavour-pw-1' } as const;
const FRANK = { username: 'frank', password: 'frank-flavour-pw-2' } as const;

/** The login answer's key field, and the logout's answer, of each backend. */
const EXPECTED: Readonly<Record<AuthFlavor, { field: string; logout: string }>> = {
  authtoken: { field: 'token', logout: '204' },
  djoser: { field: 'auth_token', logout: '204' },
  'dj-rest-auth': { field: 'key', logout: '200 "Successfully logged out."' },
  knox: { field: 'token', logout: '204' },
};

/** The knox tokens the mock API holds in its data directory. */
async function knoxTokens(api: MockApi): Promise<number> {
  const data = JSON.parse(await readFile(join(api.dataDir, 'auth.json'), 'utf8')) as {
    knox_tokens?: unknown[];
  };
  return data.knox_tokens?.length ?? 0;
}

function assertCompatible(
  { code, stdout, stderr }: { code: number | null; stdout: string; stderr: string },
  flavor: AuthFlavor,
): void {
  const { login, logout } = FLAVOR_PATHS[flavor];
  assert.equal(stderr, '');
  assert.equal(code, 0, stdout);
  assert.deepEqual(marks(stdout), ['✓', '✓', '✓', '✓', '✓', '✓'], stdout);
  assert.match(
    checkLine(stdout, 'login') ?? '',
    new RegExp(`^✓ login: POST ${login} answered 200`),
  );
  assert.equal(
    checkLine(stdout, 'logout'),
    `✓ logout: POST ${logout} answered ${EXPECTED[flavor].logout}, and the old key is refused after it (401)`,
  );
  assert.ok(!TOKEN_SHAPE.test(stdout), 'no key in the output');
}

describe('check-server with each token backend of the mock API', { concurrency: true }, () => {
  const apis: MockApi[] = [];
  after(async () => {
    await Promise.all(apis.map((api) => api.stop()));
  });

  for (const flavor of AUTH_FLAVORS) {
    test(`${flavor}: compatible with --flavor, and found without it`, async () => {
      const api = await startMockApi({ flavor, users: [ERIN, FRANK] });
      apis.push(api);

      const [given, found] = await Promise.all([
        runCheckServer([...loginArgs(api.url, ERIN), '--flavor', flavor]),
        runCheckServer(loginArgs(api.url, FRANK)),
      ]);

      assertCompatible(given, flavor);
      assert.match(given.stdout, new RegExp(`^Token backend: ${flavor} \\(--flavor\\)$`, 'm'));
      assertCompatible(found, flavor);
      const line = `Token backend: ${flavor}, found at POST ${FLAVOR_PATHS[flavor].login} ("${EXPECTED[flavor].field}" in its answer)`;
      assert.ok(found.stdout.split('\n').includes(line), found.stdout);
      if (flavor === 'knox') {
        assert.match(checkLine(given.stdout, 'login') ?? '', /with a token and its expiry$/);
        assert.equal(await knoxTokens(api), 0, 'each run ended the token it made');
      }
    });
  }

  test('knox: --json names the backend found; --keep-token leaves its one token', async () => {
    const api = await startMockApi({ flavor: 'knox', users: [ERIN] });
    apis.push(api);

    const json = await runCheckServer([...loginArgs(api.url, ERIN), '--json']);
    const kept = await runCheckServer([...loginArgs(api.url, ERIN), '--keep-token']);

    assert.equal(json.code, 0, json.stdout);
    const report = JSON.parse(json.stdout) as { flavor: string; backend: string };
    assert.equal(report.flavor, 'knox');
    assert.equal(report.backend, 'knox, found at POST /api/auth/login/ ("token" in its answer)');
    assert.equal(kept.code, 0, kept.stdout);
    assert.equal(await knoxTokens(api), 1, 'the token of the --keep-token run, only');
  });

  test("--flavor djoser against the tutorial's login: says what it found instead", async () => {
    const api = await startMockApi({ users: [ERIN] });
    apis.push(api);

    const { code, stdout } = await runCheckServer([
      ...loginArgs(api.url, ERIN),
      '--flavor',
      'djoser',
    ]);

    assert.equal(code, 1);
    assert.match(
      checkLine(stdout, 'login') ?? '',
      /^✗ login: POST \/auth\/token\/login\/ answered 404.*: wrong path; the server has authtoken's login at POST \/accounts\/get_auth_token\/ instead \("token" in its answer\): --flavor authtoken$/,
    );
    assert.match(stdout, /^ {8}npm run check-server -- --flavor authtoken \.\.\.$/m);
    assert.equal(
      checkLine(stdout, 'logout'),
      '- logout: not checked: the server does not accept the token',
    );
  });

  test('--flavor knox against dj-rest-auth: the logout and login each name theirs', async () => {
    const api = await startMockApi({ flavor: 'dj-rest-auth', users: [ERIN] });
    apis.push(api);

    const { code, stdout } = await runCheckServer([
      ...loginArgs(api.url, ERIN),
      '--flavor',
      'knox',
      '--login-path',
      FLAVOR_PATHS['dj-rest-auth'].login,
      '--logout-path',
      FLAVOR_PATHS['dj-rest-auth'].logout,
    ]);

    assert.equal(code, 1);
    assert.equal(
      checkLine(stdout, 'login'),
      `✗ login: POST /dj-rest-auth/login/ answered 200 without a "token" and an "expiry" field: it has "key", dj-rest-auth's login answer`,
    );
  });
});

describe('check-server against real djoser (drf-server with djoser on)', () => {
  let server: DrfServer;
  before(async () => {
    server = await startDrfServer({ djoser: true, users: [ERIN] });
  });
  after(async () => {
    await server?.stop();
  });

  test("--flavor djoser: compatible; without it, the tutorial's login is found first", async () => {
    const [given, found] = await Promise.all([
      runCheckServer([...loginArgs(server.url, ERIN), '--flavor', 'djoser']),
      runCheckServer(loginArgs(server.url, { username: 'admin', password: 'admin' })),
    ]);

    assertCompatible(given, 'djoser');
    assertCompatible(found, 'authtoken');
    assert.match(
      found.stdout,
      /^Token backend: authtoken, found at POST \/accounts\/get_auth_token\/ \("token" in its answer\)$/m,
    );
  });
});
