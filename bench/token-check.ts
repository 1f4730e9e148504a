import type { Options } from 'autocannon';
import type { BenchConfig } from './config';
import { compareLoads, type LoadStats } from './load';

export interface GetTarget {
  readonly label: string;
  readonly url: string;
  /** null for plain json-server, which checks nothing. */
  readonly token: string | null;
}

/**
 * The benchmark's authenticated GET on each target: the configured connections for
 * the configured seconds each, after a warm-up, interleaved (see compareLoads).
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
