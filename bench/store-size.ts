import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_PATHS } from '../api/paths';
import { AuthStore } from '../mock-api/auth/auth-store';
import { startMockApi, type RunningServer } from '../scripts/servers';
import { TARGETS, type BenchConfig } from './config';
import { prepareStore, type Store } from './mock-api';
import { row, type Section } from './report';
import { median, since } from './stats';
import { measureGets } from './token-check';

function users(count: number): string {
  return `${count.toLocaleString('en-US')} users`;
}

/**
 * Median times, in this process, for the mock API's own AuthStore to load the
 * users-and-tokens file (read, parse, validate, index), and for a bare read and
 * JSON.parse of the same file: the least any loader must do. The server's start-up
 * time holds the same work, buried in the noise of starting node and compiling
 * TypeScript.
 */
function timeStoreLoad(file: string, runs: number): { storeMs: number; parseMs: number } {
  const store: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    parse.push(since(start));
    start = performance.now();
    const loaded = AuthStore.open(file);
    store.push(since(start));
    if (loaded.users().length === 0 || data === null) throw new Error(`${file} loaded no users`);
  }
  return { storeMs: median(store), parseMs: median(parse) };
}

/**
 * Starts the mock API on both stores `readyStarts` times, alternating so that drift in
 * the machine's load hits both alike, and keeps the last pair running.
 */
async function startPairs(
  config: BenchConfig,
  small: Store,
  large: Store,
): Promise<{
  small: RunningServer;
  large: RunningServer;
  readyMs: { small: number[]; large: number[] };
}> {
  const readyMs = { small: [] as number[], large: [] as number[] };
  let pair: { small: RunningServer; large: RunningServer } | undefined;
  for (let i = 0; i < Math.max(1, config.readyStarts); i++) {
    await pair?.small.stop();
    await pair?.large.stop();
    pair = {
      small: await startMockApi({ dataDir: small.dir }),
      large: await startMockApi({ dataDir: large.dir }),
    };
    readyMs.small.push(pair.small.readyMs);
    readyMs.large.push(pair.large.readyMs);
  }
  if (!pair) throw new Error('no server started');
  return { ...pair, readyMs };
}

/**
 * What a large token store costs: loading it, starting the server on it, and the
 * authenticated GET with a token from its middle, each against the small store.
 */
export async function measureStoreSize(
  config: BenchConfig,
  small: Store,
  work: string,
  log: (message: string) => void,
): Promise<Section> {
  log(`token store of ${users(config.largeStore)}`);
  const large = await prepareStore(join(work, 'large'), config.largeStore);
  log('server start times');
  const servers = await startPairs(config, small, large);
  try {
    const load = timeStoreLoad(large.file, Math.max(3, config.readyStarts));
    log(`GET with ${users(config.smallStore)} and ${users(config.largeStore)}`);
    const [few, many] = await measureGets(
      [
        {
          label: 'mock API GET, small store',
          url: `${servers.small.url}${API_PATHS.questions}`,
          token: small.token,
        },
        {
          label: 'mock API GET, large store',
          url: `${servers.large.url}${API_PATHS.questions}`,
          token: large.token,
        },
      ],
      config,
    );
    if (!few || !many) throw new Error('a GET measurement is missing');
    const smallMs = median(servers.readyMs.small);
    const largeMs = median(servers.readyMs.large);
    const baseline = users(config.smallStore);
    const largeLabel = users(config.largeStore);
    return {
      details: {
        storeWriteMs: large.writeMs,
        readyMs: { ...servers.readyMs, differenceMs: largeMs - smallMs },
        storeLoadMs: load,
        get: { smallStore: few, largeStore: many },
      },
      rows: [
        row(
          `GET questions, ${largeLabel}`,
          many.rps,
          'req/s',
          { label: baseline, value: few.rps },
          { on: 'ratio', op: '>=', limit: TARGETS.largeStoreRatio },
        ),
        row(`GET questions, ${largeLabel}, p99`, many.p99Ms, 'ms', {
          label: baseline,
          value: few.p99Ms,
        }),
        row(`token store load, ${largeLabel}`, load.storeMs, 'ms', {
          label: 'bare JSON.parse of the file',
          value: load.parseMs,
        }),
        // The same load seen from outside: process start until the URL is printed.
        row(`server start, ${largeLabel}`, largeMs, 'ms', { label: baseline, value: smallMs }),
      ],
    };
  } finally {
    await servers.small.stop();
    await servers.large.stop();
  }
}
