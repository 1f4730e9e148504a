import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFinding, medianRun, readReport, type PageReport } from './lighthouse-report';

const URL_ASKED = 'https://localhost:8443/polls';

/** A category of the report: its score and its audits with their weights. */
function category(score: number, weights: Record<string, number>) {
  return { score, auditRefs: Object.entries(weights).map(([id, weight]) => ({ id, weight })) };
}

/** A report as `lighthouse --output=json` writes it, cut to the fields read, with `changes`. */
function lhr(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    lighthouseVersion: '12.2.3',
    requestedUrl: URL_ASKED,
    finalDisplayedUrl: URL_ASKED,
    runWarnings: [],
    userAgent: 'HeadlessChrome',
    configSettings: { formFactor: 'mobile', throttlingMethod: 'simulate' },
    categories: {
      performance: category(0.954, {
        'total-blocking-time': 30,
        'unused-javascript': 0,
        'first-contentful-paint': 10,
      }),
      accessibility: category(1, { 'color-contrast': 7 }),
      'best-practices': category(0.96, { 'is-on-https': 5, 'csp-xss': 0, viewport: 1 }),
      seo: category(1, { viewport: 0 }),
    },
    audits: {
      'total-blocking-time': {
        score: 0.84,
        scoreDisplayMode: 'numeric',
        displayValue: '250 ms',
      },
      'unused-javascript': {
        score: 0,
        scoreDisplayMode: 'metricSavings',
        displayValue: 'Potential savings of 21 KiB',
      },
      'first-contentful-paint': { score: 1, scoreDisplayMode: 'numeric' },
      'color-contrast': { score: 1, scoreDisplayMode: 'binary' },
      'is-on-https': { score: 1, scoreDisplayMode: 'binary', details: { items: [] } },
      // Informative: a score for display that costs nothing and is no finding.
      'csp-xss': {
        score: 0,
        scoreDisplayMode: 'informative',
        details: {
          items: [{ description: 'No CSP found in enforcement mode' }, { severity: 'High' }],
        },
      },
      viewport: { score: 0, scoreDisplayMode: 'metricSavings' },
      'network-requests': {
        score: 1,
        scoreDisplayMode: 'informative',
        details: {
          items: [
            { url: URL_ASKED, statusCode: 200, protocol: 'h2' },
            { url: 'https://localhost:8443/polls/api/questions/', statusCode: 401, protocol: 'h2' },
            { url: 'https://fonts.example.com/a.woff2', statusCode: 200 },
          ],
        },
      },
    },
    ...changes,
  };
}

describe('readReport', () => {
  it('reads the four scores as the report shows them, 0 to 100', () => {
    assert.deepEqual(readReport(lhr(), URL_ASKED).scores, {
      performance: 95,
      accessibility: 100,
      'best-practices': 96,
      seo: 100,
    });
  });

  it('lists what cost points apart from what was flagged without weight, each audit once', () => {
    const report = readReport(lhr(), URL_ASKED);
    assert.deepEqual(
      report.costPoints.map((f) => [f.id, f.score, f.weight, f.category]),
      [
        ['total-blocking-time', 84, 30, 'performance'],
        ['viewport', 0, 1, 'best-practices'],
      ],
    );
    assert.deepEqual(
      report.flagged.map((f) => f.id),
      ['unused-javascript'],
    );
  });

  it('keeps the HTTPS and CSP audits as Lighthouse gave them, and the same-origin requests', () => {
    const report = readReport(lhr(), URL_ASKED);
    assert.deepEqual(report.security, {
      'is-on-https': { score: 1, mode: 'binary', findings: [] },
      'csp-xss': {
        score: 0,
        mode: 'informative',
        findings: ['No CSP found in enforcement mode', '{"severity":"High"}'],
      },
    });
    assert.deepEqual(report.requests, [
      { path: '/polls', status: 200, protocol: 'h2' },
      { path: '/polls/api/questions/', status: 401, protocol: 'h2' },
    ]);
    assert.equal(report.settings, 'mobile, simulate');
  });

  it("refuses a run that ended on another page: the guard's redirect means logged out", () => {
    const redirected = lhr({
      finalDisplayedUrl: 'https://localhost:8443/login?returnUrl=%2Fpolls',
    });
    assert.throws(
      () => readReport(redirected, URL_ASKED),
      /asked for https:\/\/localhost:8443\/polls but ended on .*\/login\?returnUrl/,
    );
  });

  it("refuses a run with Lighthouse's runtime error, and a category without a score", () => {
    const failed = lhr({
      runtimeError: {
        code: 'INSECURE_DOCUMENT_REQUEST',
        message: 'The URL you have provided does not have a valid security certificate.',
      },
    });
    assert.throws(() => readReport(failed, URL_ASKED), /INSECURE_DOCUMENT_REQUEST: The URL/);
    const base = lhr();
    const categories = { ...(base['categories'] as object), seo: { score: null, auditRefs: [] } };
    assert.throws(() => readReport({ ...base, categories }, URL_ASKED), /gave no seo score/);
    assert.throws(() => readReport({ audits: {} }, URL_ASKED), /not a Lighthouse report/);
  });
});

describe('medianRun', () => {
  const run = (performance: number, accessibility: number): PageReport => ({
    ...readReport(lhr(), URL_ASKED),
    scores: { performance, accessibility, 'best-practices': 100, seo: 100 },
  });

  it('reports the whole run with the median performance score', () => {
    assert.equal(medianRun([run(97, 1), run(91, 2), run(95, 3)]).scores.accessibility, 3);
    assert.equal(medianRun([run(95, 1)]).scores.accessibility, 1);
    assert.throws(() => medianRun([]), /no Lighthouse runs/);
  });
});

describe('describeFinding', () => {
  it("gives the audit's id, its score and Lighthouse's own summary", () => {
    const [blocking] = readReport(lhr(), URL_ASKED).costPoints;
    assert.ok(blocking);
    assert.equal(describeFinding(blocking), 'total-blocking-time 84 (250 ms)');
  });
});
