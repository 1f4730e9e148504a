/**
 * How check-server shows its findings: one line per check (✓ passed, ✗ failed, ! a
 * warning, - not run), the fix indented under it, then a summary; or the same as JSON.
 */
import type { CheckResult, CheckStatus, Report } from './checks';

const MARKS: Readonly<Record<CheckStatus, string>> = {
  pass: '✓',
  fail: '✗',
  warn: '!',
  skip: '-',
};

/** Compatible when nothing failed; warnings and checks not run do not count against it. */
export function isCompatible(report: Report): boolean {
  return report.reachable && report.checks.every((check) => check.status !== 'fail');
}

/** The one line for a server that gave no answer at all. */
export function unreachableLine(baseUrl: string, reason: string): string {
  return `Cannot reach ${baseUrl}: ${reason}. Is the server running, and is --base-url right?`;
}

function count(checks: readonly CheckResult[], status: CheckStatus): number {
  return checks.filter((check) => check.status === status).length;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `Compatible: 6 checks passed, 1 warning.` or `Not compatible: 2 of 7 checks failed (...)`. */
export function summary(checks: readonly CheckResult[]): string {
  const failed = checks.filter((check) => check.status === 'fail');
  const run = checks.length - count(checks, 'skip');
  const extras = [
    ...(count(checks, 'warn') > 0 ? [plural(count(checks, 'warn'), 'warning')] : []),
    ...(count(checks, 'skip') > 0 ? [`${count(checks, 'skip')} not run`] : []),
  ];
  const tail = extras.length > 0 ? `, ${extras.join(', ')}` : '';
  if (failed.length === 0) {
    return `Compatible: ${plural(count(checks, 'pass'), 'check')} passed${tail}.`;
  }
  const names = failed.map((check) => check.title).join(', ');
  return `Not compatible: ${failed.length} of ${plural(run, 'check')} failed (${names})${tail}.`;
}

/** The report as text for a person. */
export function formatText(baseUrl: string, username: string, report: Report): string {
  if (!report.reachable) return `${unreachableLine(baseUrl, report.reason)}\n`;
  const lines = [
    `Checking ${baseUrl} as ${username}, the way the app calls it:`,
    `Token backend: ${report.backend.line}`,
  ];
  // One cause often fails several checks: its fix is written out once.
  const shown = new Set<string>();
  for (const check of report.checks) {
    lines.push(`${MARKS[check.status]} ${check.title}: ${check.message}`);
    const fix = check.fix ?? [];
    const key = fix.join('\n');
    if (fix.length > 0 && shown.has(key)) lines.push('    The fix is the one above.');
    else for (const line of fix) lines.push(line === '' ? '' : `    ${line}`);
    shown.add(key);
  }
  lines.push(summary(report.checks));
  return `${lines.join('\n')}\n`;
}

/** The report for a program: the same findings, and `compatible` for the verdict. */
export function formatJson(baseUrl: string, username: string, report: Report): string {
  const body = report.reachable
    ? {
        baseUrl,
        username,
        compatible: isCompatible(report),
        reachable: true,
        flavor: report.backend.flavor,
        backend: report.backend.line,
        summary: summary(report.checks),
        checks: report.checks,
      }
    : {
        baseUrl,
        username,
        compatible: false,
        reachable: false,
        flavor: null,
        error: unreachableLine(baseUrl, report.reason),
        checks: [],
      };
  return `${JSON.stringify(body, null, 2)}\n`;
}
