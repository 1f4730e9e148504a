import type { BenchConfig } from './config';
import { load, type LoadStats } from './load';

/**
 * The benchmark's GET: 10 connections for the configured seconds after a warm-up, with
 * the token header when there is one (plain json-server gets none: it checks nothing).
 */
export function measureGet(
  label: string,
  url: string,
  token: string | null,
  config: BenchConfig,
): Promise<LoadStats> {
  return load(label, {
    url,
    connections: config.getConnections,
    duration: config.loadSeconds,
    warmup: { connections: config.getConnections, duration: config.warmupSeconds },
    headers: token === null ? {} : { Authorization: `Token ${token}` },
  });
}
