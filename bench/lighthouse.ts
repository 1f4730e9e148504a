import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CookieData } from 'puppeteer-core';
import { API_PATHS } from '../api/paths';
import { compressAssets } from '../scripts/compress';
import { selfSignedCertificate } from '../scripts/nginx';
import {
  fetchToken,
  SEED_ADMIN,
  startMockApi,
  startNginx,
  type Credentials,
} from '../scripts/servers';
import { TARGETS, type BenchConfig, type LighthousePage } from './config';
import { launchLighthouseChrome } from './lighthouse-cli';
import {
  CATEGORIES,
  describeFinding,
  medianRun,
  type AuditFinding,
  type PageReport,
} from './lighthouse-report';
import { row, type Section } from './report';
import { startStaticServer } from './static-server';

/** The two ways the same build is served: the baseline first, then production. */
const SETUPS = ['static', 'nginx'] as const;
type Setup = (typeof SETUPS)[number];

const LABELS: Readonly<Record<Setup, string>> = {
  static: 'plain static server',
  nginx: 'nginx over https',
};

/** The pages that need a session: the question list is behind the auth guard. */
const LOGGED_IN: Readonly<Record<LighthousePage, boolean>> = { '/login': false, '/polls': true };

/**
 * The cookies the app writes when `user` logs in on `origin` (TokenStorage): `token` and
 * `username`, path `/`, SameSite=Strict, Secure on https. Session cookies, as without
 * "Keep me signed in".
 */
function sessionCookies(origin: string, token: string, user: Credentials): CookieData[] {
  const url = new URL(origin);
  const base = {
    domain: url.hostname,
    path: '/',
    secure: url.protocol === 'https:',
    sameSite: 'Strict',
  } as const;
  return [
    { ...base, name: 'token', value: token },
    { ...base, name: 'username', value: user.username },
  ];
}

/** Throws unless the page was audited logged in: its question list answered 200. */
function assertLoggedIn(report: PageReport): void {
  const list = report.requests.find((request) => request.path === API_PATHS.questions);
  if (list?.status !== 200) {
    throw new Error(
      `Lighthouse on ${report.requestedUrl} saw no question list (${list ? `status ${list.status}` : 'no request'}): the page was not logged in`,
    );
  }
}

/** One setup's findings for the notes: what cost points, then what was only flagged. */
function findingsNote(setup: Setup, reports: readonly PageReport[]): string {
  const list = (findings: readonly AuditFinding[]) =>
    findings.length === 0 ? 'none' : findings.map(describeFinding).join(', ');
  const pages = reports.map(
    (report) =>
      `${new URL(report.requestedUrl).pathname}: cost points: ${list(report.costPoints)}; ` +
      `flagged without weight: ${list(report.flagged)}`,
  );
  return `Lighthouse audits below 100, ${LABELS[setup]} (the reported runs): ${pages.join('. ')}.`;
}

/**
 * Lighthouse's four category scores for each page, on the production setup (the build
 * behind the committed nginx config over HTTPS, with its precompressed files) against
 * the same build on the plain static server, each with the same fresh mock API behind
 * it. Runs alternate between the two setups; each row reports the run with the median
 * performance score.
 */
export async function measureLighthouse(
  config: BenchConfig,
  appDir: string,
  work: string,
  log: (message: string) => void,
): Promise<Section> {
  // A copy, so that the build measured by the other sections (or one given with --dist)
  // is not written to; compressed as `npm run build` compresses, for nginx's *_static.
  const served = join(work, 'lighthouse-app');
  await cp(appDir, served, { recursive: true });
  await compressAssets(served);
  const certificateDir = join(work, 'certificate');
  await mkdir(certificateDir);
  const certificate = await selfSignedCertificate(certificateDir);

  const api = await startMockApi();
  const nginx = await startNginx({ apiTarget: api.url, certificate, root: served });
  const plain = await startStaticServer(served, api.url);
  const origins: Readonly<Record<Setup, string>> = { static: plain.url, nginx: nginx.url };
  const runs = new Map<string, PageReport[]>();
  let chromiumFlags: readonly string[] = [];
  try {
    const token = await fetchToken(api.url, SEED_ADMIN);
    const chrome = await launchLighthouseChrome(certificate);
    chromiumFlags = chrome.flags;
    try {
      for (let run = 1; run <= config.lighthouseRuns; run++) {
        for (const page of config.lighthousePages) {
          for (const setup of SETUPS) {
            log(`lighthouse: ${page}, ${LABELS[setup]}, run ${run} of ${config.lighthouseRuns}`);
            const origin = origins[setup];
            const cookies = LOGGED_IN[page] ? sessionCookies(origin, token, SEED_ADMIN) : [];
            await chrome.setCookies(cookies);
            const report = await chrome.run(origin + page);
            if (LOGGED_IN[page]) assertLoggedIn(report);
            const key = `${setup} ${page}`;
            runs.set(key, [...(runs.get(key) ?? []), report]);
          }
        }
      }
    } finally {
      await chrome.close();
    }
  } finally {
    await plain.close();
    await nginx.stop();
    await api.stop();
  }

  const reported = (setup: Setup, page: LighthousePage) =>
    medianRun(runs.get(`${setup} ${page}`) ?? []);
  const rows = config.lighthousePages.flatMap((page) =>
    CATEGORIES.map((category) =>
      row(
        `Lighthouse ${page} ${category}`,
        reported('nginx', page).scores[category],
        'score',
        { label: LABELS.static, value: reported('static', page).scores[category] },
        { on: 'value', op: '>=', limit: TARGETS.lighthouse[category] },
      ),
    ),
  );
  const any = reported('nginx', config.lighthousePages[0] ?? '/login');
  return {
    rows,
    notes: SETUPS.map((setup) =>
      findingsNote(
        setup,
        config.lighthousePages.map((page) => reported(setup, page)),
      ),
    ),
    details: {
      lighthouseVersion: any.lighthouseVersion,
      userAgent: any.userAgent,
      settings: any.settings,
      chromiumFlags,
      pages: Object.fromEntries(
        config.lighthousePages.map((page) => [
          page,
          Object.fromEntries(
            SETUPS.map((setup) => {
              const report = reported(setup, page);
              const { finalUrl, scores, costPoints, flagged, security, requests, warnings } =
                report;
              const all = (runs.get(`${setup} ${page}`) ?? []).map((r) => r.scores);
              return [
                setup,
                { finalUrl, scores, runs: all, costPoints, flagged, security, requests, warnings },
              ];
            }),
          ),
        ]),
      ),
    },
  };
}
