import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuild } from '../../scripts/build';
import { requirePackages, selfSignedCertificate } from '../../scripts/nginx';
import { startMockApi, startNginx } from '../../scripts/servers';
import { ALICE } from '../users';

/**
 * Checks that nginx, its brotli module and openssl are installed, builds the app if it is
 * stale, makes a fresh certificate, and starts the run's own mock API (a fresh copy of the
 * seed, plus alice) behind nginx, on free ports. The workers read
 * the URLs and the certificate's folder from the environment they inherit. The returned
 * function is the global teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // Before anything else: nginx's or openssl's own failure would not say what to install.
  requirePackages();
  await ensureBuild();
  const tlsDir = await mkdtemp(join(tmpdir(), 'prod-tls-'));
  // Whatever has started when a later step throws is stopped, and the folder removed.
  const stops: (() => Promise<void>)[] = [() => rm(tlsDir, { recursive: true, force: true })];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const certificate = await selfSignedCertificate(tlsDir);
    const api = await startMockApi({ users: [ALICE] });
    stops.push(() => api.stop());
    const nginx = await startNginx({ apiTarget: api.url, certificate });
    stops.push(() => nginx.stop());
    process.env['PROD_URL'] = nginx.url;
    process.env['PROD_HTTP_URL'] = nginx.httpUrl;
    process.env['PROD_ACME_ROOT'] = nginx.acmeRoot;
    process.env['PROD_API_URL'] = api.url;
    process.env['PROD_TLS_CERT'] = certificate.cert;
    process.env['PROD_TLS_KEY'] = certificate.key;
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
