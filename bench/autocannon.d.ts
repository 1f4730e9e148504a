// autocannon 8 ships no types; this declares only the part the benchmark uses.
declare module 'autocannon' {
  export interface Options {
    url: string;
    connections?: number;
    /** Seconds; ignored when `amount` is set. */
    duration?: number;
    amount?: number;
    method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    headers?: Record<string, string>;
    body?: string;
    warmup?: { connections?: number; duration?: number };
    /** Milliseconds between samples; a run only stops on a sample. Default 1000. */
    sampleInt?: number;
    /** Seconds before a request counts as a timeout. */
    timeout?: number;
  }

  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
    total: number;
  }

  export interface Result {
    /** Seconds, to the hundredth. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    /** Milliseconds per request. */
    latency: Histogram & { totalCount: number };
    /** Requests per one-second sample; `total` counts completed requests. */
    requests: Histogram & { sent: number };
  }

  /** The running benchmark: awaitable for the result, and an event emitter while it runs. */
  export interface Instance extends Promise<Result> {
    /** Emitted once the connections are set up (after any warm-up). */
    on(event: 'start', listener: () => void): this;
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void,
    ): this;
  }

  export default function autocannon(options: Options): Instance;
}
