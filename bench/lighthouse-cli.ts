/**
 * Lighthouse on the system Chromium: one browser launched here, which Lighthouse's own
 * command line drives through its debugging port, so that the cookies set here are the
 * ones the audited page sees.
 *
 * The command line runs in a plain Node child, not in this process: tsx compiles every
 * file it loads with esbuild's keepNames, which wraps functions in `__name(...)`, and
 * Lighthouse sends some of its functions into the page as source text, where `__name`
 * does not exist ("ReferenceError: __name is not defined" in computeBenchmarkIndex).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type CookieData } from 'puppeteer-core';
import { QUIET_FLAGS } from '../scripts/chromium.cjs';
import type { Certificate } from '../scripts/nginx';
import { runCommand } from '../scripts/servers';
import { chromiumPath } from './browser';
import { CATEGORIES, readReport, type PageReport } from './lighthouse-report';

const LIGHTHOUSE_CLI = join(dirname(require.resolve('lighthouse/package.json')), 'cli', 'index.js');

/**
 * The base64 SHA-256 of the certificate's public key (its SubjectPublicKeyInfo), the
 * form Chromium's `--ignore-certificate-errors-spki-list` takes.
 */
export function spkiHash(certificatePem: string): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({
    type: 'spki',
    format: 'der',
  });
  return createHash('sha256').update(spki).digest('base64');
}

/**
 * The flags Chromium runs with. A self-signed certificate is accepted by its key alone
 * (`--ignore-certificate-errors-spki-list`): any other certificate error still stops
 * the page, and Lighthouse reports it (INSECURE_DOCUMENT_REQUEST), where
 * `--ignore-certificate-errors` would let every certificate through.
 */
export function chromeFlags(certificateSpki: string): string[] {
  return [
    '--headless=new',
    ...QUIET_FLAGS,
    `--ignore-certificate-errors-spki-list=${certificateSpki}`,
  ];
}

export interface LighthouseChrome {
  /** Every flag Chromium was started with, puppeteer's defaults included. */
  readonly flags: readonly string[];
  /** Replaces every cookie of the browser with `cookies` (none: logged out everywhere). */
  setCookies(cookies: readonly CookieData[]): Promise<void>;
  /** One Lighthouse run of `url`, all four categories, Lighthouse's default (mobile) settings. */
  run(url: string): Promise<PageReport>;
  close(): Promise<void>;
}

/** Starts the system Chromium headless, trusting `certificate`'s key for HTTPS. */
export async function launchLighthouseChrome(certificate: Certificate): Promise<LighthouseChrome> {
  const browser: Browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    // The flags carry --headless=new; `headless: true` would add it a second time.
    headless: false,
    args: chromeFlags(spkiHash(await readFile(certificate.cert, 'utf8'))),
    // The bench's own handlers stop the servers and remove the work folder on a signal;
    // puppeteer would exit first. Its exit hook still kills Chromium's process group.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const port = new URL(browser.wsEndpoint()).port;
  const context = browser.defaultBrowserContext();
  return {
    flags: browser.process()?.spawnargs.slice(1) ?? [],
    async setCookies(cookies) {
      await context.deleteCookie(...(await context.cookies()));
      if (cookies.length > 0) await context.setCookie(...cookies);
    },
    async run(url) {
      const stdout = await runCommand(
        process.execPath,
        [
          LIGHTHOUSE_CLI,
          url,
          '--hostname=127.0.0.1',
          `--port=${port}`,
          `--only-categories=${CATEGORIES.join(',')}`,
          '--output=json',
          '--output-path=stdout',
          '--quiet',
          '--no-enable-error-reporting',
        ],
        { timeoutMs: 180_000 },
      );
      return readReport(JSON.parse(stdout), url);
    },
    close: () => browser.close(),
  };
}
