import autocannon, { type Options } from 'autocannon';
import { percentile } from './stats';

/** What a load measurement found. */
export interface LoadStats {
  /** Completed requests per second of measured time. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly seconds: number;
}

/** One autocannon run's raw figures, so that several runs can be pooled. */
interface Sample {
  readonly seconds: number;
  readonly latencies: readonly number[];
}

/**
 * One autocannon run. Fails on any error or non-2xx answer: a benchmark of 401s or 500s
 * would be fast and meaningless, so a bad run is an error, not a number.
 *
 * Time and latencies are taken here from autocannon's events: its own duration is
 * counted in whole sampling ticks (1 s), too coarse for a fixed amount of requests that
 * takes a second or two, and per-response times (high resolution) pool exactly across
 * runs where its percentiles would not.
 */
async function run(label: string, options: Options): Promise<Sample> {
  let startedAt = performance.now();
  let lastAt = startedAt;
  const latencies: number[] = [];
  // autocannon only notices the end of a run when it takes a sample: sample often, so
  // that a 2-second slice lasts 2 seconds and not up to 3.
  const instance = autocannon({ sampleInt: 100, ...options });
  instance.on('start', () => (startedAt = performance.now()));
  instance.on('response', (_client, _status, _bytes, ms) => {
    lastAt = performance.now();
    latencies.push(ms);
  });
  const result = await instance;
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
  if (latencies.length === 0 || seconds <= 0) throw new Error(`${label}: no request completed`);
  return { seconds, latencies };
}

function stats(samples: readonly Sample[]): LoadStats {
  const latencies = samples.flatMap((s) => s.latencies);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  return {
    rps: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    requests: latencies.length,
    seconds,
  };
}

/** A single load run, e.g. a fixed amount of requests. */
export async function load(label: string, options: Options): Promise<LoadStats> {
  return stats([await run(label, options)]);
}

export interface LoadTarget {
  readonly label: string;
  readonly options: Options;
}

/**
 * Measures several targets for `seconds` each, in `rounds` slices that alternate between
 * them (forwards, then backwards), after a warm-up of each. On a shared machine a
 * neighbour's burst then slows every target alike instead of whichever ran at the time.
 */
export async function compareLoads(
  targets: readonly LoadTarget[],
  timing: { readonly seconds: number; readonly rounds: number; readonly warmupSeconds: number },
): Promise<LoadStats[]> {
  for (const target of targets) {
    await run(`${target.label} (warm-up)`, { ...target.options, duration: timing.warmupSeconds });
  }
  const samples: Sample[][] = targets.map(() => []);
  for (let round = 0; round < timing.rounds; round++) {
    const order = targets.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const target = targets[i];
      if (!target) continue;
      const duration = timing.seconds / timing.rounds;
      samples[i]?.push(await run(target.label, { ...target.options, duration }));
    }
  }
  return samples.map(stats);
}
