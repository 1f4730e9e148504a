/**
 * What the bench reads from a Lighthouse report (the JSON `lighthouse --output=json`
 * writes; its full shape is lighthouse/types/lhr/lhr.d.ts). Only the fields used here
 * are declared, and each is checked, so a report of another shape is an error, not a
 * score of undefined.
 */

/** The categories the table reports, as Lighthouse names them. */
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

/** An audit that lowered a score, or that Lighthouse flags without weighing it. */
export interface AuditFinding {
  readonly id: string;
  /** 0 to 100, as the report shows it. */
  readonly score: number;
  /** Its weight in the category it counts for; 0 for a flag that costs no points. */
  readonly weight: number;
  readonly category: Category;
  /** Lighthouse's own summary, e.g. "250 ms" or "Potential savings of 21 KiB". */
  readonly displayValue?: string;
}

/** An HTTPS or CSP audit: its score, its mode, and what each of its findings says. */
export interface SecurityAudit {
  readonly score: number | null;
  readonly mode: string;
  readonly findings: readonly string[];
}

/** A request of the page to its own origin: path, status, and protocol (`h2`, `http/1.1`). */
export interface PageRequest {
  readonly path: string;
  readonly status: number;
  readonly protocol: string;
}

/** One Lighthouse run of one page, as the bench keeps it. */
export interface PageReport {
  readonly requestedUrl: string;
  readonly finalUrl: string;
  /** 0 to 100 per category, as the report shows them. */
  readonly scores: Readonly<Record<Category, number>>;
  /** Audits below full score that have weight in a category: what the points were lost to. */
  readonly costPoints: readonly AuditFinding[];
  /** Audits below full score without weight (opportunities such as unused JavaScript). */
  readonly flagged: readonly AuditFinding[];
  /** The HTTPS and CSP audits as Lighthouse gave them (score null: not scored). */
  readonly security: Readonly<Record<string, SecurityAudit>>;
  /** Same-origin requests of the page. */
  readonly requests: readonly PageRequest[];
  readonly warnings: readonly string[];
  readonly lighthouseVersion: string;
  readonly userAgent: string;
  /** Form factor and throttling method, e.g. "mobile, simulate". */
  readonly settings: string;
}

/** The audits that say something about transport security and script injection. */
const SECURITY_AUDITS = ['is-on-https', 'redirects-http', 'csp-xss'];

interface RawAudit {
  readonly score: number | null;
  readonly scoreDisplayMode: string;
  readonly displayValue?: string;
  readonly details?: { readonly items?: readonly unknown[] };
}

interface RawReport {
  readonly lighthouseVersion: string;
  readonly requestedUrl: string;
  readonly finalDisplayedUrl: string;
  readonly runtimeError?: { readonly code: string; readonly message: string };
  readonly runWarnings: readonly string[];
  readonly userAgent: string;
  readonly configSettings: { readonly formFactor: string; readonly throttlingMethod: string };
  readonly categories: Readonly<
    Record<
      string,
      {
        readonly score: number | null;
        readonly auditRefs: readonly { readonly id: string; readonly weight: number }[];
      }
    >
  >;
  readonly audits: Readonly<Record<string, RawAudit>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function asReport(json: unknown): RawReport {
  const ok =
    isRecord(json) &&
    typeof json['lighthouseVersion'] === 'string' &&
    typeof json['finalDisplayedUrl'] === 'string' &&
    isRecord(json['categories']) &&
    isRecord(json['audits']) &&
    isRecord(json['configSettings']);
  if (!ok) throw new Error('not a Lighthouse report (no version, final URL, categories or audits)');
  return json as unknown as RawReport;
}

const percent = (score: number) => Math.round(score * 100);

/** The audits below full score of one category, split by whether they weigh in it. */
function findings(report: RawReport, category: Category): AuditFinding[] {
  const refs = report.categories[category]?.auditRefs ?? [];
  return refs.flatMap(({ id, weight }) => {
    const audit = report.audits[id];
    if (!audit || audit.score === null || audit.score >= 1) return [];
    // Informative and manual audits carry a score for display only.
    if (!['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode)) return [];
    return [
      { id, score: percent(audit.score), weight, category, displayValue: audit.displayValue },
    ];
  });
}

/**
 * Reads one report of `requestedUrl`. Throws when Lighthouse hit a runtime error, a
 * category has no score, or the page ended elsewhere than it was asked for (a logged-in
 * page that ends on /login was measured logged out).
 */
export function readReport(json: unknown, requestedUrl: string): PageReport {
  const report = asReport(json);
  if (report.runtimeError) {
    throw new Error(
      `Lighthouse on ${requestedUrl}: ${report.runtimeError.code}: ${report.runtimeError.message}`,
    );
  }
  const wanted = new URL(requestedUrl);
  const final = new URL(report.finalDisplayedUrl);
  if (final.origin !== wanted.origin || final.pathname !== wanted.pathname) {
    throw new Error(
      `Lighthouse asked for ${requestedUrl} but ended on ${report.finalDisplayedUrl}`,
    );
  }
  const scores = Object.fromEntries(
    CATEGORIES.map((category) => {
      const score = report.categories[category]?.score;
      if (typeof score !== 'number') {
        throw new Error(`Lighthouse on ${requestedUrl} gave no ${category} score`);
      }
      return [category, percent(score)];
    }),
  ) as Record<Category, number>;
  const all = CATEGORIES.flatMap((category) => findings(report, category));
  const costPoints = all.filter((finding) => finding.weight > 0);
  const security = Object.fromEntries(
    SECURITY_AUDITS.flatMap((id) => {
      const audit = report.audits[id];
      if (!audit) return [];
      const { score, scoreDisplayMode: mode } = audit;
      const findings = (audit.details?.items ?? []).map((item) =>
        isRecord(item) && typeof item['description'] === 'string'
          ? item['description']
          : JSON.stringify(item),
      );
      return [[id, { score, mode, findings }]];
    }),
  );
  return {
    requestedUrl,
    finalUrl: report.finalDisplayedUrl,
    scores,
    costPoints,
    // An audit weighed in one category and listed without weight in another is one finding.
    flagged: all.filter(
      (finding) => finding.weight === 0 && !costPoints.some((cost) => cost.id === finding.id),
    ),
    security,
    requests: sameOriginRequests(report, wanted.origin),
    warnings: report.runWarnings,
    lighthouseVersion: report.lighthouseVersion,
    userAgent: report.userAgent,
    settings: `${report.configSettings.formFactor}, ${report.configSettings.throttlingMethod}`,
  };
}

/** The page's requests to its own origin, from the network-requests audit. */
function sameOriginRequests(report: RawReport, origin: string): PageRequest[] {
  const items = report.audits['network-requests']?.details?.items ?? [];
  return items.flatMap((item) => {
    if (!isRecord(item) || typeof item['url'] !== 'string') return [];
    const url = new URL(item['url']);
    const status = typeof item['statusCode'] === 'number' ? item['statusCode'] : 0;
    const protocol = typeof item['protocol'] === 'string' ? item['protocol'] : '';
    return url.origin === origin ? [{ path: url.pathname, status, protocol }] : [];
  });
}

/**
 * The run to report among several of the same page: the one with the median performance
 * score (the first of them on a tie), so that all four figures come from one real run.
 */
export function medianRun(runs: readonly PageReport[]): PageReport {
  const sorted = [...runs].sort((a, b) => a.scores.performance - b.scores.performance);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new Error('no Lighthouse runs to choose from');
  return runs.find((run) => run.scores.performance === median.scores.performance) ?? median;
}

/** "total-blocking-time 84 (250 ms)": an audit as the notes under the table show it. */
export function describeFinding(finding: AuditFinding): string {
  const value = finding.displayValue ? ` (${finding.displayValue})` : '';
  return `${finding.id} ${finding.score}${value}`;
}
