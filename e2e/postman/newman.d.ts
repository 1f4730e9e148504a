/**
 * The part of newman's programmatic API that run.ts uses; newman ships no types and
 * @types/newman is not a dependency.
 */
declare module 'newman' {
  export interface NewmanRunOptions {
    collection: string | object;
    reporters?: string | string[];
    reporter?: Record<string, Record<string, unknown>>;
    envVar?: { key: string; value: string }[];
    timeoutRequest?: number;
    color?: 'on' | 'off' | 'auto';
  }

  export interface NewmanRunFailure {
    error: { name?: string; message: string; test?: string };
    at: string;
    source?: { name: string };
  }

  export interface NewmanRunSummary {
    run: {
      stats: {
        requests: { total: number; failed: number };
        assertions: { total: number; failed: number };
      };
      failures: NewmanRunFailure[];
      error: Error | null;
    };
  }

  export function run(
    options: NewmanRunOptions,
    callback: (error: Error | null, summary: NewmanRunSummary) => void,
  ): unknown;
}
