/**
 * `npm test`: runs every suite in turn, then prints one aggregate line,
 * `tests: N passed, N failed[, N skipped]`, counted from the JUnit files the suites
 * write into test-reports/. Lint counts as one check. A suite that exits non-zero
 * without reporting a failure (it could not start, or crashed) counts as one failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

interface Suite {
  readonly name: string;
  readonly script: string;
  /** JUnit file the suite writes; absent for checks that count as a single test. */
  readonly report?: string;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const REPORTS = 'test-reports';

const SUITES: readonly Suite[] = [
  { name: 'lint', script: 'lint' },
  { name: 'unit', script: 'test:unit', report: 'unit.xml' },
  { name: 'api', script: 'test:api', report: 'api.xml' },
  { name: 'contract', script: 'test:contract', report: 'contract.xml' },
  { name: 'clients', script: 'test:clients', report: 'clients.xml' },
  { name: 'postman', script: 'test:postman', report: 'postman.xml' },
  { name: 'e2e', script: 'test:e2e', report: 'e2e.xml' },
  // The same browser flows that meet the API, against the real Django server.
  { name: 'e2e-drf', script: 'test:e2e:drf', report: 'e2e-drf.xml' },
  { name: 'prod', script: 'test:prod', report: 'prod.xml' },
  { name: 'bench', script: 'test:bench', report: 'bench.xml' },
];

const parser = new XMLParser({ ignoreAttributes: true, isArray: () => true });

/** Counts every <testcase> anywhere in a parsed JUnit document. */
function countCases(node: unknown, counts: Counts): void {
  if (Array.isArray(node)) {
    node.forEach((child) => countCases(child, counts));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'testcase') {
      countCases(value, counts);
      continue;
    }
    for (const testCase of value as Record<string, unknown>[]) {
      if (
        typeof testCase === 'object' &&
        testCase !== null &&
        ('failure' in testCase || 'error' in testCase)
      )
        counts.failed++;
      else if (typeof testCase === 'object' && testCase !== null && 'skipped' in testCase)
        counts.skipped++;
      else counts.passed++;
    }
  }
}

function runSuite(suite: Suite): Counts {
  console.log(`\n=== ${suite.name}: npm run ${suite.script} ===\n`);
  const { status } = spawnSync('npm', ['run', '--silent', suite.script], { stdio: 'inherit' });
  const ok = status === 0;
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };

  if (!suite.report) {
    counts[ok ? 'passed' : 'failed'] = 1;
    return counts;
  }
  const file = join(REPORTS, suite.report);
  if (existsSync(file)) countCases(parser.parse(readFileSync(file, 'utf8')), counts);
  if (!ok && counts.failed === 0) {
    console.error(
      `${suite.name}: exited with ${status ?? 'a signal'} without reporting a failing test; counted as one failure.`,
    );
    counts.failed++;
  }
  if (ok && counts.passed + counts.failed + counts.skipped === 0) {
    console.error(`${suite.name}: passed but reported no tests (${file}); counted as one failure.`);
    counts.failed++;
  }
  return counts;
}

rmSync(REPORTS, { recursive: true, force: true });
// The node:test reporters write into it but do not create it.
mkdirSync(REPORTS);
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const rows: string[] = [];
for (const suite of SUITES) {
  const counts = runSuite(suite);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  rows.push(
    `  ${suite.name.padEnd(8)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
}

console.log(`\n${rows.join('\n')}`);
const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
console.log(`tests: ${total.passed} passed, ${total.failed} failed${skipped}`);
process.exitCode = total.failed > 0 ? 1 : 0;
