/**
 * The server a run of the suite talks to, as contract/main.ts hands it over: its name
 * (shown in every test's name), its base URL, and which listed differences from real
 * DRF to expect of it.
 */
import { it } from 'node:test';
import type { AuthFlavor } from '../api/paths';
import { fetchToken, SEED_ADMIN } from '../scripts/servers';
import { send, type Call, type Reply } from './http';
import { SchemaChecks } from './schema';

/**
 * `drf`: Django REST Framework itself (drf-server, or a user's server). `mock`: the mock
 * API, whose deliberate differences are listed in mock-api/README.md.
 */
export type ServerKind = 'mock' | 'drf';

export interface Target {
  readonly name: string;
  /** Without a trailing slash; the API's paths are appended to it. */
  readonly url: string;
  readonly kind: ServerKind;
  /**
   * The server answers every path of its origin itself (a fresh server of the plain run).
   * False for a `--base-url`, where a proxy or a site in front may answer the paths
   * outside the API's own prefixes (an SPA's index.html, say).
   */
  readonly ownsOrigin: boolean;
  /**
   * The server refuses the 11th failed login of a username within a minute, as drf-server
   * and the mock do; false (`--no-login-throttle`): plain DRF, where every failed login
   * is a 400.
   */
  readonly loginThrottle: boolean;
  /**
   * The server serves its OpenAPI schema at `/polls/api/schema/`, as the plain run's
   * servers do (contract/schema-view.ts); false for a `--base-url`, which need not.
   */
  readonly servesSchema: boolean;
  /**
   * The token backend whose cases to run (contract/flavors.ts) instead of the tutorial's
   * suite; absent or `authtoken`: the tutorial's views, the whole suite.
   */
  readonly flavor?: AuthFlavor;
}

/** The environment variable that carries the targets, as JSON, from main.ts to the suite. */
export const TARGETS_ENV = 'CONTRACT_TARGETS';

/** The targets main.ts put in the environment; throws when the suite was started without it. */
export function targetsFromEnv(): Target[] {
  const json = process.env[TARGETS_ENV];
  if (!json) throw new Error(`${TARGETS_ENV} is not set: run the suite with npm run test:contract`);
  return JSON.parse(json) as Target[];
}

export class ServerUnderTest {
  private key: string | undefined;
  /** Every answer of this server's run, checked against api/openapi.yaml. */
  readonly schema = new SchemaChecks();

  constructor(readonly target: Target) {}

  get kind(): ServerKind {
    return this.target.kind;
  }

  get ownsOrigin(): boolean {
    return this.target.ownsOrigin;
  }

  get loginThrottle(): boolean {
    return this.target.loginThrottle;
  }

  get url(): string {
    return this.target.url;
  }

  async send(path: string, call: Call = {}): Promise<Reply> {
    const reply = await send(this.target.url, path, call);
    this.schema.check(path, call, reply);
    return reply;
  }

  /** Sends with the admin's current key in `Authorization: Token <key>`. */
  async sendAuthorized(path: string, call: Call = {}): Promise<Reply> {
    const key = await this.token();
    return this.send(path, {
      ...call,
      headers: { Authorization: `Token ${key}`, ...call.headers },
    });
  }

  /**
   * The seed admin's key: DRF hands every login the same one, so one login serves until
   * logout. The suite never makes admin's login fail more than twice, far from the throttle.
   */
  async token(): Promise<string> {
    this.key ??= await fetchToken(this.target.url, SEED_ADMIN);
    return this.key;
  }

  /** After a test logs the admin out: the next `token()` logs in again. */
  forgetToken(): void {
    this.key = undefined;
  }

  /** `it`, with this server's name at the end of the test's name, where a JUnit report shows it. */
  test(name: string, fn: () => Promise<void>): void {
    it(`${name} [${this.target.name}]`, fn);
  }
}
