import { readFileSync, statSync, type Stats } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';

/** The data files hold objects of arrays of flat records. */
export type RecordFile<T> = { readonly [K in keyof T]: readonly object[] };

/**
 * One JSON data file. Writes are atomic (a temporary file renamed over the old one,
 * so a crash never leaves half a file), and the file notices when something else
 * (the CLI, a test resetting the data) replaced it since it was last read or written.
 */
export class JsonFile {
  private seen: string | null = null;

  /** `mode`: the file's permissions on every write (0o600 for a file of secrets). */
  constructor(
    readonly path: string,
    private readonly mode?: number,
  ) {}

  /** Parses the file. Throws DataFileError when it is missing or not JSON. */
  read(): unknown {
    let text: string;
    let stats: Stats;
    try {
      stats = statSync(this.path);
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      throw new DataFileError(this.path, e instanceof Error ? e.message : String(e));
    }
    try {
      const data: unknown = JSON.parse(text);
      this.seen = fingerprint(stats);
      return data;
    } catch (e) {
      throw new DataFileError(this.path, `not valid JSON (${e instanceof Error ? e.message : e})`);
    }
  }

  /** Replaces the file atomically, one record per line so that diffs stay readable. */
  write<T extends RecordFile<T>>(data: T): void {
    writeFileAtomic.sync(
      this.path,
      formatRecords(data),
      this.mode === undefined ? undefined : { mode: this.mode },
    );
    this.seen = fingerprint(statSync(this.path));
  }

  /** True when the file on disk is not the one this object last read or wrote. */
  changedOnDisk(): boolean {
    try {
      return fingerprint(statSync(this.path)) !== this.seen;
    } catch {
      return false;
    }
  }
}

function fingerprint(stats: Stats): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

/** `{"users": [\n  {...},\n  {...}\n], ...}` with each record compact on its own line. */
export function formatRecords<T extends RecordFile<T>>(data: T): string {
  const entries = Object.entries(data) as [string, readonly object[]][];
  const sections = entries.map(([key, records]) => {
    const lines = records.map((record) => `    ${JSON.stringify(record)}`);
    const body = lines.length > 0 ? `[\n${lines.join(',\n')}\n  ]` : '[]';
    return `  ${JSON.stringify(key)}: ${body}`;
  });
  return `{\n${sections.join(',\n')}\n}\n`;
}

/** What is wrong with one record of a data file, or null when it is usable. */
export type RecordCheck = (record: Readonly<Record<string, unknown>>) => string | null;

/**
 * The record arrays `checks` names, from a data file's parsed JSON, each record checked
 * cheaply (one pass, nothing hashed). Throws a DataFileError naming the array and the
 * index of the first bad record, never its content (which may hold a password hash).
 */
export function recordArrays<K extends string>(
  data: unknown,
  path: string,
  checks: Readonly<Record<K, RecordCheck>>,
): Record<K, readonly object[]> {
  const fail = (reason: string) => new DataFileError(path, reason);
  if (typeof data !== 'object' || data === null) throw fail('expected an object');
  const names = Object.keys(checks) as K[];
  const arrays = names.map((name) => {
    const records: unknown = Object.getOwnPropertyDescriptor(data, name)?.value;
    if (!Array.isArray(records)) {
      throw fail(`expected ${names.map((n) => `"${n}"`).join(' and ')} arrays`);
    }
    records.forEach((record: unknown, index) => {
      const isObject = typeof record === 'object' && record !== null && !Array.isArray(record);
      const problem = isObject ? checks[name]({ ...record }) : 'not an object';
      if (problem !== null) throw fail(`${name}[${index}]: ${problem}`);
    });
    return [name, records];
  });
  return Object.fromEntries(arrays) as Record<K, readonly object[]>;
}

/** A data file that cannot be used; the message says which and why. */
export class DataFileError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}
