import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runProcess } from '../scripts/servers';
import { parseOptions } from './main';

const MAIN = join(__dirname, 'main.ts');

function runMain(args: readonly string[]) {
  return runProcess(process.execPath, ['--import', 'tsx', MAIN, ...args], { timeoutMs: 30_000 });
}

describe('npm run test:contract, its command line', () => {
  it('takes a base URL with a path prefix, and drops its final slash', () => {
    assert.deepEqual(parseOptions([]), { mock: false, loginThrottle: true, flavor: 'authtoken' });
    assert.deepEqual(parseOptions(['--base-url', 'https://polls.example/api/']), {
      baseUrl: 'https://polls.example/api',
      mock: false,
      loginThrottle: true,
      flavor: 'authtoken',
    });
    assert.deepEqual(parseOptions(['--base-url', 'http://127.0.0.1:3000', '--mock']), {
      baseUrl: 'http://127.0.0.1:3000',
      mock: true,
      loginThrottle: true,
      flavor: 'authtoken',
    });
  });

  it('takes --flavor for a server with another token backend', () => {
    assert.deepEqual(parseOptions(['--base-url', 'https://polls.example', '--flavor', 'knox']), {
      baseUrl: 'https://polls.example',
      mock: false,
      loginThrottle: true,
      flavor: 'knox',
    });
  });

  it('takes --no-login-throttle for a server without the failed-login throttle', () => {
    assert.deepEqual(parseOptions(['--base-url', 'https://polls.example', '--no-login-throttle']), {
      baseUrl: 'https://polls.example',
      mock: false,
      loginThrottle: false,
      flavor: 'authtoken',
    });
  });

  it('refuses bad arguments with one line and exit code 2, starting nothing', async () => {
    for (const [args, message] of [
      [['--base-url', 'ftp://polls.example'], /--base-url must be http\(s\):\/\/host/],
      [['--base-url', 'http://polls.example/?x=1'], /no query, fragment or user/],
      [['--base-url', 'http://admin:admin@polls.example'], /no query, fragment or user/],
      [['--base-url', 'not a url'], /--base-url must be an http\(s\) URL, got "not a url"/],
      [['--base-url'], /argument missing/],
      [['--mock'], /--mock describes the server at --base-url/],
      [['--no-login-throttle'], /--no-login-throttle describes the server at --base-url/],
      [['--flavor', 'djoser'], /--flavor describes the server at --base-url/],
      [['--base-url', 'http://polls.example', '--flavor', 'jwt'], /--flavor must be one of/],
      [['--port', '3000'], /Unknown option '--port'/],
      [['extra'], /Unexpected argument 'extra'/],
    ] as const) {
      const result = await runMain(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stdout, '', args.join(' '));
      assert.match(result.stderr, /^test:contract: [^\n]+\n$/, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
    }
  });

  it('prints its options for --help or -h, exit code 0, starting nothing', async () => {
    for (const flag of ['--help', '-h']) {
      const result = await runMain([flag]);
      assert.equal(result.code, 0, flag);
      assert.equal(result.stderr, '', flag);
      assert.match(result.stdout, /^usage: npm run test:contract/, flag);
      assert.match(result.stdout, /\n--no-login-throttle +the server has no failed-login throttle/);
    }
  });

  it('says in one line that nothing answers, exit code 1', async () => {
    const result = await runMain(['--base-url', 'http://127.0.0.1:1']);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^test:contract: nothing answers at http:\/\/127\.0\.0\.1:1: connect ECONNREFUSED[^\n]*\n$/,
    );
  });
});
