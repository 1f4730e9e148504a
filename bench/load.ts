import autocannon, { type Options, type Result } from 'autocannon';

/** What one load run measured. */
export interface LoadStats {
  /** Completed requests per second over the measured run. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly seconds: number;
}

/**
 * Runs autocannon and fails on any error or non-2xx answer: a benchmark of 401s or
 * 500s would be fast and meaningless, so a bad run is an error, not a number.
 */
export async function load(label: string, options: Options): Promise<LoadStats> {
  const result: Result = await autocannon(options);
  const bad = result.errors + result.timeouts + result.non2xx;
  if (bad > 0) {
    const statuses = Object.entries(result.statusCodeStats)
      .map(([status, { count }]) => `${status}×${count}`)
      .join(', ');
    throw new Error(
      `${label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx (statuses: ${statuses || 'none'})`,
    );
  }
  const requests = result.requests.total;
  if (requests === 0 || result.duration <= 0) throw new Error(`${label}: no request completed`);
  return {
    rps: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    seconds: result.duration,
  };
}
