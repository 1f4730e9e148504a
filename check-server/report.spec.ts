/**
 * The report as a person and a program read it: the marks, a cause's fix written once,
 * the summary's verdict and counts, and the JSON.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CheckResult, Report } from './checks';
import { formatJson, formatText, isCompatible, summary } from './report';

const FIX = ['In settings.py:', "    'X': 1,"];
const CHECKS: CheckResult[] = [
  { id: 'base-url', title: 'base URL', status: 'warn', message: 'plain http://' },
  { id: 'login', title: 'login', status: 'pass', message: 'ok' },
  { id: 'without-token', title: 'without a token', status: 'fail', message: '403', fix: FIX },
  { id: 'wrong-key', title: 'a wrong key', status: 'fail', message: '403 again', fix: FIX },
  { id: 'logout', title: 'logout', status: 'skip', message: 'not checked' },
];
const BACKEND = { flavor: 'djoser', line: 'djoser (--flavor)' } as const;
const REPORT: Report = { reachable: true, backend: BACKEND, checks: CHECKS };

describe('report', () => {
  test('one line per check with its mark; a fix shared by two checks is written once', () => {
    const text = formatText('http://127.0.0.1:8000', 'admin', REPORT);

    assert.equal(
      text,
      [
        'Checking http://127.0.0.1:8000 as admin, the way the app calls it:',
        'Token backend: djoser (--flavor)',
        '! base URL: plain http://',
        '✓ login: ok',
        '✗ without a token: 403',
        '    In settings.py:',
        "        'X': 1,",
        '✗ a wrong key: 403 again',
        '    The fix is the one above.',
        '- logout: not checked',
        'Not compatible: 2 of 4 checks failed (without a token, a wrong key), 1 warning, 1 not run.',
        '',
      ].join('\n'),
    );
  });

  test('warnings and checks not run leave a server compatible', () => {
    const checks = CHECKS.filter((check) => check.status !== 'fail');

    assert.equal(isCompatible({ reachable: true, backend: BACKEND, checks }), true);
    assert.equal(summary(checks), 'Compatible: 1 check passed, 1 warning, 1 not run.');
    assert.equal(isCompatible(REPORT), false);
  });

  test('an unreachable server: one line, and JSON that says so', () => {
    const report: Report = { reachable: false, reason: 'connection refused' };

    assert.equal(
      formatText('http://127.0.0.1:1', 'admin', report),
      'Cannot reach http://127.0.0.1:1: connection refused. Is the server running, and is --base-url right?\n',
    );
    const json = JSON.parse(formatJson('http://127.0.0.1:1', 'admin', report)) as Record<
      string,
      unknown
    >;
    assert.equal(json['compatible'], false);
    assert.equal(json['reachable'], false);
    assert.deepEqual(json['checks'], []);
  });

  test('the JSON holds every check with its fix, and the verdict', () => {
    const json = JSON.parse(formatJson('http://127.0.0.1:8000', 'admin', REPORT)) as {
      compatible: boolean;
      flavor: string;
      backend: string;
      checks: CheckResult[];
    };

    assert.equal(json.compatible, false);
    assert.equal(json.flavor, 'djoser');
    assert.equal(json.backend, 'djoser (--flavor)');
    assert.deepEqual(json.checks, CHECKS);
  });
});
