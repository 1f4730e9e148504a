import { startDevServer, startDrfServer, startMockApi } from '../scripts/servers';
import { API_UNDER_TEST } from './api-under-test';
import { ALICE } from './users';

/**
 * Starts the run's own API (a fresh copy of the seed, plus alice) and dev server, on
 * free ports, so a run never touches a developer's data or a server on 3000/4200: the
 * mock API, or with E2E_API=drf the real Django server of drf-server/. The workers read
 * the URLs from the environment they inherit. The returned function is the global
 * teardown: it stops both and deletes the data.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const api =
    API_UNDER_TEST === 'drf'
      ? await startDrfServer({ users: [ALICE] })
      : await startMockApi({ users: [ALICE] });
  try {
    const app = await startDevServer({ apiTarget: api.url });
    process.env['E2E_API_URL'] = api.url;
    process.env['E2E_APP_URL'] = app.url;
    return async () => {
      await app.stop();
      await api.stop();
    };
  } catch (error) {
    await api.stop();
    throw error;
  }
}
