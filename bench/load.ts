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
  // autocannon reports its duration in whole sampling ticks (1 s), far too coarse for a
  // fixed amount of requests that takes a second or two, so the wall time is taken here:
  // from the start of the measured run (after any warm-up) to the last response.
  let startedAt = performance.now();
  let lastAt = startedAt;
  let responses = 0;
  const instance = autocannon(options);
  instance.on('start', () => {
    startedAt = performance.now();
    responses = 0;
  });
  instance.on('response', () => {
    lastAt = performance.now();
    responses++;
  });
  const result: Result = await instance;
  const bad = result.errors + result.timeouts + result.non2xx;
  if (bad > 0) {
    const statuses = Object.entries(result.statusCodeStats)
      .map(([status, { count }]) => `${status}×${count}`)
      .join(', ');
    throw new Error(
      `${label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx (statuses: ${statuses || 'none'})`,
    );
  }
  const seconds = (lastAt - startedAt) / 1000;
  if (responses === 0 || seconds <= 0) throw new Error(`${label}: no request completed`);
  return {
    rps: responses / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: responses,
    seconds,
  };
}
