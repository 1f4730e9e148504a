/**
 * `npm run serve:prod`: the production build behind Debian's nginx, running the committed
 * deploy/nginx.conf, at https://localhost:8443 (http://localhost:8080 redirects there).
 * Behind it the mock API on 127.0.0.1:3000 with the data of `npm start`, unless
 * API_TARGET names another server. With API_ORIGIN the API is on that origin instead:
 * nginx tells the app so in its runtime config and the CSP, proxies nothing, and starts
 * nothing behind it. AUTH_FLAVOR names the API's token backend (authtoken, the default,
 * djoser, dj-rest-auth or knox): nginx tells the app in its runtime config, so the same
 * build logs in at that backend's paths, and the mock API serves it. HTTPS_PORT and
 * HTTP_PORT change the ports; TLS_CERT
 * and TLS_KEY (relative to the working directory) name a real certificate instead of the self-signed one made on first run
 * into tmp/tls/.
 *
 * Exit codes: 1 for a missing package, a bad setting or a failed start; after Ctrl-C or SIGTERM every
 * server is stopped and the exit code is 128 + the signal's number.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEFAULT_DATA_DIR } from '../mock-api/data-dir';
import { ensureBuild } from './build';
import { tokenSafeOrigin } from '../api/origins';
import { isNginxSafe, requirePackages, selfSignedCertificate, type Certificate } from './nginx';
import { authFlavorSetting, foreground, prefixed, startLocalApi, startNginx } from './servers';

const TLS_DIR = resolve(__dirname, '..', 'tmp', 'tls');

const run = foreground();

/** TLS_CERT and TLS_KEY, or the self-signed certificate, made once. */
async function certificate(): Promise<Certificate> {
  const cert = process.env['TLS_CERT'];
  const key = process.env['TLS_KEY'];
  if (cert || key) {
    if (!cert || !key) throw new Error('set both TLS_CERT and TLS_KEY, or neither');
    // nginx would read a relative path against its own temporary prefix.
    const given = { cert: resolve(cert), key: resolve(key) };
    for (const [name, path] of [
      ['TLS_CERT', given.cert],
      ['TLS_KEY', given.key],
    ]) {
      if (!existsSync(path)) throw new Error(`${name}: no such file ${path}`);
    }
    return given;
  }
  const made = { cert: join(TLS_DIR, 'localhost.crt'), key: join(TLS_DIR, 'localhost.key') };
  if (existsSync(made.cert) && existsSync(made.key)) return made;
  await mkdir(TLS_DIR, { recursive: true });
  return selfSignedCertificate(TLS_DIR);
}

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a port number (got ${process.env[name]})`);
  }
  return value;
}

/**
 * API_TARGET as nginx's upstream: only http://host[:port]. The config's proxy_pass speaks
 * plain HTTP, so an https target would get the tokens in clear text, and a path would be
 * dropped.
 */
function apiTarget(): string | undefined {
  const value = process.env['API_TARGET'];
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (
    url?.protocol !== 'http:' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    value.replace(/\/$/, '') !== url.origin
  ) {
    throw new Error(
      `API_TARGET must be http://host[:port] with no path (got ${value}); an https upstream needs proxy_ssl settings that deploy/nginx.conf does not have`,
    );
  }
  return url.origin;
}

/**
 * API_ORIGIN: an origin that may receive the token (https, or http on loopback only),
 * that nginx can write into its quoted strings.
 */
function apiOrigin(): string | undefined {
  const value = process.env['API_ORIGIN'];
  if (!value) return undefined;
  const origin = tokenSafeOrigin(value);
  if (origin === undefined || !isNginxSafe(origin)) {
    throw new Error(
      `API_ORIGIN must be an origin such as https://api.example.com, with no path, and https unless on loopback (got ${value})`,
    );
  }
  return origin;
}

async function main(): Promise<void> {
  requirePackages();
  const httpsPort = port('HTTPS_PORT', 8443);
  const httpPort = port('HTTP_PORT', 8080);
  const externalTarget = apiTarget();
  const externalOrigin = apiOrigin();
  const flavor = authFlavorSetting();
  if (externalTarget && externalOrigin) {
    throw new Error(
      'set API_TARGET (an API behind nginx) or API_ORIGIN (an API on its own origin), not both',
    );
  }
  const tls = await certificate();
  await ensureBuild();
  const { url: target, servers } = externalOrigin
    ? { url: externalOrigin, servers: [] }
    : await startLocalApi(externalTarget, DEFAULT_DATA_DIR, prefixed('api'), flavor);
  const nginx = await startNginx({
    ...(externalOrigin ? { apiOrigin: externalOrigin } : { apiTarget: target }),
    certificate: tls,
    authFlavor: flavor,
    httpsPort,
    httpPort,
    onLine: prefixed('nginx'),
  });
  servers.push(nginx);
  const api = externalOrigin
    ? `the API on its own origin ${target}: it must allow ${nginx.url} by CORS`
    : `API ${target}`;
  const login = flavor ? `; token backend ${flavor}` : '';
  console.log(
    `\n  Ready: open ${nginx.url} (${nginx.httpUrl} redirects there; ${api}${login}; Ctrl-C stops)\n`,
  );

  await run.watch('serve:prod', servers);
}

main().catch(async (error: unknown) => {
  if (!run.stopping) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`serve:prod: ${message.split('\n')[0]}`);
  }
  await run.shutDown(1);
});
