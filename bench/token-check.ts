import type { Options } from 'autocannon';
import { API_PATHS } from '../api/paths';
import type { RunningServer } from '../scripts/servers';
import { TARGETS, type BenchConfig } from './config';
import { JSON_SERVER_QUESTIONS } from './json-server';
import { compareLoads, type LoadStats } from './load';
import { row, type Section } from './report';

export interface GetTarget {
  readonly label: string;
  readonly url: string;
  /** null for plain json-server, which checks nothing. */
  readonly token: string | null;
}

/**
 * The benchmark's GET on each target: the configured connections for the configured
 * seconds each, after a warm-up, interleaved (see compareLoads).
 */
export function measureGets(
  targets: readonly GetTarget[],
  config: BenchConfig,
): Promise<LoadStats[]> {
  return compareLoads(
    targets.map(({ label, url, token }) => {
      const options: Options = {
        url,
        connections: config.getConnections,
        headers: token === null ? {} : { Authorization: `Token ${token}` },
      };
      return { label, options };
    }),
    { seconds: config.loadSeconds, rounds: config.loadRounds, warmupSeconds: config.warmupSeconds },
  );
}

/**
 * What checking the token costs: the authenticated GET of the questions on the mock
 * API, against stock json-server serving the same questions and choices with no auth.
 */
export async function measureTokenCheck(
  config: BenchConfig,
  api: RunningServer,
  jsonServer: RunningServer,
  token: string,
): Promise<Section> {
  const [plain, checked] = await measureGets(
    [
      { label: 'json-server GET', url: `${jsonServer.url}${JSON_SERVER_QUESTIONS}`, token: null },
      { label: 'mock API GET', url: `${api.url}${API_PATHS.questions}`, token },
    ],
    config,
  );
  if (!plain || !checked) throw new Error('a GET measurement is missing');
  const baseline = 'json-server, no auth';
  return {
    details: { jsonServer: plain, mockApi: checked },
    rows: [
      row(
        'GET questions with token check',
        checked.rps,
        'req/s',
        { label: baseline, value: plain.rps },
        { on: 'ratio', op: '>=', limit: TARGETS.tokenCheckRatio },
      ),
      row('GET questions with token check, p99', checked.p99Ms, 'ms', {
        label: baseline,
        value: plain.p99Ms,
      }),
    ],
  };
}
