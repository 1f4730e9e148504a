/**
 * The checks of `npm run check-server`: the requests the app makes, in the app's order
 * (log in, call the API with the token, log out), and the answers DRF 3.14 gives when the
 * server is set up for a token client. Each answer that differs is named with its cause
 * and the fix. DRF's words are translated to the server's LANGUAGE_CODE, so the checks
 * decide from statuses, headers and field names, and compare answers with each other;
 * the server's words are shown as they came.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

import { drfErrorMessage } from '../api/drf-errors';
import {
  API_PATHS,
  AUTH_FLAVORS,
  FLAVOR_ANSWERS,
  FLAVOR_PATHS,
  type AuthFlavor,
} from '../api/paths';
import * as fixes from './fixes';
import { NoAnswer, type Answer, type Send } from './http';

export interface CheckOptions {
  /** The server root, without a trailing slash. */
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  /**
   * The token backend. Absent: found by trying each backend's login path, unless
   * `loginPath` is given, which is then the tutorial's (authtoken) login.
   */
  readonly flavor?: AuthFlavor;
  /** Default: the backend's. */
  readonly loginPath?: string;
  /** Default: the backend's. */
  readonly logoutPath?: string;
  /** Any GET endpoint that needs a token. */
  readonly apiPath: string;
  /** The app's origin, when it is served from another one than the API. */
  readonly origin?: string;
  /** Do not log out: logging out ends every session of the user. */
  readonly keepToken: boolean;
  /** Try wrong passwords until the server says 429; locks the user out for a while. */
  readonly checkThrottle: boolean;
}

export const DEFAULT_PATHS = {
  loginPath: API_PATHS.login,
  logoutPath: API_PATHS.logout,
  apiPath: API_PATHS.questions,
} as const;

export type CheckId =
  | 'base-url'
  | 'login'
  | 'without-token'
  | 'with-token'
  | 'wrong-key'
  | 'cors'
  | 'logout'
  | 'throttle';

/** pass ✓, fail ✗ (the app will not work), warn ! (it works, but mind this), skip (not run). */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  readonly id: CheckId;
  readonly title: string;
  readonly status: CheckStatus;
  /** One line: what the server answered and, for a failure or a warning, why it matters. */
  readonly message: string;
  /** What to change on the server, as lines, for a failure or a warning. */
  readonly fix?: readonly string[];
}

/** The token backend the run used: given, or found, or none (`flavor` null). */
export interface Backend {
  readonly flavor: AuthFlavor | null;
  /** One line: which backend, and how it was found. */
  readonly line: string;
}

export type Report =
  | {
      readonly reachable: true;
      readonly backend: Backend;
      readonly checks: readonly CheckResult[];
    }
  | { readonly reachable: false; readonly reason: string };

const NO_ENDPOINT = 'not checked: nothing at --api-path (see above)';

/** Wrong logins tried before the throttle check gives up; the tutorial's server locks at 10. */
export const THROTTLE_ATTEMPTS = 30;

const TITLES: Readonly<Record<CheckId, string>> = {
  'base-url': 'base URL',
  login: 'login',
  'without-token': 'without a token',
  'with-token': 'with the token',
  'wrong-key': 'a wrong key',
  cors: 'CORS',
  logout: 'logout',
  throttle: 'login throttle',
};

function result(
  id: CheckId,
  status: CheckStatus,
  message: string,
  fix?: readonly string[],
): CheckResult {
  return { id, title: TITLES[id], status, message, ...(fix ? { fix } : {}) };
}

function isSuccess(answer: Answer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What each backend's login and logout answer (api/paths.ts), as the app reads them. */
const ANSWERS: Readonly<
  Record<
    AuthFlavor,
    {
      readonly tokenField: string;
      readonly expiryField?: string;
      readonly logoutStatus: 200 | 204;
      readonly keyBytes: number;
    }
  >
> = FLAVOR_ANSWERS;

/** The key in `flavor`'s login answer, when the answer has that backend's fields. */
function tokenOf(body: unknown, flavor: AuthFlavor): string | undefined {
  if (!isRecord(body)) return undefined;
  const { tokenField, expiryField } = ANSWERS[flavor];
  const token = body[tokenField];
  if (typeof token !== 'string' || token === '') return undefined;
  // knox's expiry is null where its TOKEN_TTL is None, but the field is always there.
  return expiryField === undefined || expiryField in body ? token : undefined;
}

/** The backend whose login answer this is, by its fields; knox's before the tutorial's. */
function answerFlavor(body: unknown): AuthFlavor | undefined {
  const order: readonly AuthFlavor[] = ['knox', 'authtoken', 'djoser', 'dj-rest-auth'];
  return order.find((flavor) => tokenOf(body, flavor) !== undefined);
}

/** `a "token" field`, or knox's `a "token" and an "expiry" field`. */
function expectedFields(flavor: AuthFlavor): string {
  const { tokenField, expiryField } = ANSWERS[flavor];
  return expiryField === undefined
    ? `a "${tokenField}" field`
    : `a "${tokenField}" and an "${expiryField}" field`;
}

function fieldsOf(body: unknown): string {
  return isRecord(body)
    ? `it has ${Object.keys(body)
        .map((field) => `"${field}"`)
        .join(', ')}`
    : 'it is not a JSON object';
}

/** `401 "Invalid token."`: the status and, for an error, the server's own message. */
function describeAnswer(answer: Answer): string {
  if (answer.status < 400) return String(answer.status);
  const message = drfErrorMessage(answer.json);
  if (message !== undefined) return `${answer.status} "${message}"`;
  const type = answer.headers.get('content-type') ?? '';
  if (type.startsWith('text/html')) return `${answer.status} (an HTML page)`;
  return String(answer.status);
}

/** The scheme of a WWW-Authenticate challenge (`Token`, `Bearer realm="api"` gives Bearer). */
function challengeOf(answer: Answer): string | undefined {
  const header = answer.headers.get('www-authenticate');
  const scheme = header?.trim().split(/[\s,]/)[0];
  return scheme ? scheme : undefined;
}

function isTokenScheme(scheme: string | undefined): boolean {
  // DRF compares the keyword without regard to case.
  return scheme?.toLowerCase() === 'token';
}

function tokenHeader(key: string): Record<string, string> {
  return { Authorization: `Token ${key}` };
}

/** Two answers a client cannot tell apart: the same status and the same body. */
function sameAnswer(a: Answer, b: Answer): boolean {
  return a.status === b.status && a.text === b.text;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** Header lists as a browser reads them: comma-separated, any case. */
function listed(header: string | null): Set<string> {
  return new Set((header ?? '').split(',').map((item) => item.trim().toLowerCase()));
}

/** The headers of the app's calls that a preflight must allow. */
const PREFLIGHT_HEADERS = ['authorization', 'content-type'] as const;

/**
 * Runs every check against the server; `send` makes the requests. Resolves a report, or
 * `reachable: false` when the first request gets no answer at all.
 */
export async function checkServer(options: CheckOptions, send: Send): Promise<Report> {
  const run = new CheckRun(options, send);
  return run.all();
}

/** One run's state: the token login issued, and the answer to a call without one. */
class CheckRun {
  #token: string | undefined;
  /** The answer to the API call without a token, to compare the others with. */
  private withoutToken: Answer | undefined;
  private tokenAccepted = false;
  private readonly results: CheckResult[] = [];
  /** Given, or the default with --login-path; undefined until found. */
  private flavor: AuthFlavor | undefined;
  private loginPath: string;
  private logoutPath: string;
  private backend: Backend;

  constructor(
    private readonly options: CheckOptions,
    private readonly send: Send,
  ) {
    this.flavor = options.flavor ?? (options.loginPath === undefined ? undefined : 'authtoken');
    const paths = FLAVOR_PATHS[this.assumedFlavor];
    this.loginPath = options.loginPath ?? paths.login;
    this.logoutPath = options.logoutPath ?? paths.logout;
    const how = options.flavor === undefined ? 'the default with --login-path' : '--flavor';
    this.backend = { flavor: this.flavor ?? null, line: `${this.flavor} (${how})` };
  }

  /** The backend the checks and their fixes assume: the one named or found, else the tutorial's. */
  private get assumedFlavor(): AuthFlavor {
    return this.flavor ?? 'authtoken';
  }

  /** What the app expects of the backend in use; the tutorial's when none was found. */
  private get answers() {
    return ANSWERS[this.assumedFlavor];
  }

  async all(): Promise<Report> {
    this.results.push(this.baseUrl());
    let login: CheckResult;
    try {
      login = await this.logIn();
    } catch (error) {
      if (error instanceof NoAnswer) return { reachable: false, reason: error.reason };
      throw error;
    }
    this.results.push(login);
    await this.guarded('without-token', () => this.callWithoutToken());
    await this.guarded('with-token', () => this.callWithToken());
    await this.guarded('wrong-key', () => this.callWithWrongKey());
    if (this.options.origin !== undefined) {
      const origin = this.options.origin;
      await this.guarded('cors', () => this.cors(origin));
    }
    await this.guarded('logout', () => this.logOut());
    if (this.options.checkThrottle) await this.guarded('throttle', () => this.throttle());
    return { reachable: true, backend: this.backend, checks: this.results };
  }

  /** Runs a check; a request that gets no answer fails that check, not the run. */
  private async guarded(id: CheckId, check: () => Promise<CheckResult>): Promise<void> {
    try {
      this.results.push(await check());
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      this.results.push(result(id, 'fail', `no answer: ${error.reason}`));
    }
  }

  /**
   * The status and the server's message. Belt and braces: whatever a server echoes,
   * neither the password nor the token reaches the output.
   */
  private describe(answer: Answer): string {
    const secrets = [this.options.password, this.#token].filter(
      (secret): secret is string => secret !== undefined && secret !== '',
    );
    return secrets.reduce((text, secret) => text.split(secret).join('***'), describeAnswer(answer));
  }

  /** The API path is not there: the calls with a key would only say 404 again. */
  private noEndpoint(): boolean {
    return this.withoutToken?.status === 404;
  }

  /**
   * Whether a call with a key got exactly the refusal of the call without one: the
   * server never saw the key, whatever its language.
   */
  private refusedLikeWithoutToken(answer: Answer): boolean {
    const before = this.withoutToken;
    if (before === undefined || (before.status !== 401 && before.status !== 403)) return false;
    return sameAnswer(answer, before);
  }

  private get(path: string, key?: string, headers: Record<string, string> = {}): Promise<Answer> {
    const authorization = key === undefined ? {} : tokenHeader(key);
    return this.send({ method: 'GET', path, headers: { ...authorization, ...headers } });
  }

  private baseUrl(): CheckResult {
    const url = new URL(this.options.baseUrl);
    if (url.protocol === 'https:') {
      return result('base-url', 'pass', 'https://: the password and the token travel encrypted');
    }
    if (isLoopback(url.hostname)) {
      return result('base-url', 'pass', 'http:// to this machine: fine for development');
    }
    return result(
      'base-url',
      'warn',
      `plain http:// to ${url.hostname}: the password and the token travel in clear`,
      fixes.HTTPS,
    );
  }

  private postLogin(path: string): Promise<Answer> {
    const { username, password } = this.options;
    return this.send({ method: 'POST', path, json: { username, password } });
  }

  private async logIn(): Promise<CheckResult> {
    const flavor = this.flavor;
    if (flavor === undefined) return this.detectAndLogIn();
    return this.judgeLogin(await this.postLogin(this.loginPath), flavor);
  }

  /**
   * Tries each backend's login path, in the order of AUTH_FLAVORS; the first that is not
   * a 404 is the server's, and its answer's fields confirm it. One login only.
   */
  private async detectAndLogIn(): Promise<CheckResult> {
    const missing: string[] = [];
    for (const flavor of AUTH_FLAVORS) {
      const paths = FLAVOR_PATHS[flavor];
      const answer = await this.postLogin(paths.login);
      if (answer.status === 404) {
        missing.push(paths.login);
        continue;
      }
      this.flavor = flavor;
      this.loginPath = paths.login;
      this.logoutPath = this.options.logoutPath ?? paths.logout;
      const check = await this.judgeLogin(answer, flavor);
      const other = answerFlavor(answer.json);
      const at = `POST ${paths.login}`;
      const field = ANSWERS[flavor].tokenField;
      // The key in its field confirms the backend, whatever else the login check says.
      const confirmed = this.#token !== undefined;
      let line: string;
      if (confirmed) line = `${flavor}, found at ${at} ("${field}" in its answer)`;
      else if (answer.status !== 200) {
        line = `${flavor} by its path, ${at}; not confirmed, the login answered ${answer.status}`;
      } else {
        const named = other === undefined ? '' : `, ${other}'s`;
        line = `not confirmed: ${at} is ${flavor}'s path, but its answer has no "${field}"${named}`;
      }
      this.backend = { flavor: confirmed ? flavor : null, line };
      return check;
    }
    const tried = `POST ${missing.join(', ')}`;
    this.backend = { flavor: null, line: `none found: ${tried} all answered 404` };
    return result(
      'login',
      'fail',
      `none of the known login paths is there: ${tried} answered 404`,
      fixes.NO_LOGIN,
    );
  }

  /** The login's answer, judged as `flavor`'s. */
  private async judgeLogin(answer: Answer, flavor: AuthFlavor): Promise<CheckResult> {
    const { loginPath } = this;
    const { username } = this.options;
    const call = `POST ${loginPath} answered`;
    if (answer.status === 200) {
      const token = tokenOf(answer.json, flavor);
      if (token !== undefined) {
        this.#token = token;
        const expiry = ANSWERS[flavor].expiryField === undefined ? '' : ' and its expiry';
        if (setsSessionCookie(answer)) {
          return result(
            'login',
            'warn',
            `${call} 200 with a token${expiry}, and a Django session cookie (sessionid): the browser keeps it, and where SessionAuthentication is on, the next login without a CSRF token is a 403`,
            fixes.loginSession(flavor),
          );
        }
        return result('login', 'pass', `${call} 200 with a token${expiry}`);
      }
      const other = answerFlavor(answer.json);
      const named = other === undefined ? '' : `, ${other}'s login answer`;
      return result(
        'login',
        'fail',
        `${call} 200 without ${expectedFields(flavor)}: ${fieldsOf(answer.json)}${named}`,
        other === undefined ? fixes.tokenField(ANSWERS[flavor].tokenField) : fixes.backend(other),
      );
    }
    if (answer.status === 404) {
      const elsewhere = await this.loginElsewhere(loginPath);
      if (elsewhere !== undefined) {
        return result(
          'login',
          'fail',
          `${call} ${this.describe(answer)}: wrong path; ${elsewhere.found}`,
          fixes.backend(elsewhere.flavor),
        );
      }
      return result(
        'login',
        'fail',
        `${call} ${this.describe(answer)}: wrong path`,
        fixes.loginRoute(flavor, loginPath),
      );
    }
    if (answer.status === 400) {
      return result(
        'login',
        'fail',
        `${call} ${this.describe(answer)}: credentials refused`,
        fixes.CREDENTIALS,
      );
    }
    // DRF says "CSRF Failed: ..." (never translated), Django's own page "CSRF verification failed".
    if (answer.status === 403 && /CSRF/i.test(answer.text)) {
      return result(
        'login',
        'fail',
        `${call} ${this.describe(answer)}: the login view has SessionAuthentication, which checks CSRF`,
        fixes.loginWithoutSession(loginPath),
      );
    }
    if (answer.status === 429) {
      const wait = answer.headers.get('retry-after');
      const until = wait === null ? '' : `; try again in ${wait} s`;
      return result(
        'login',
        'fail',
        `${call} ${this.describe(answer)}: too many failed logins for ${username}${until}`,
      );
    }
    return result('login', 'fail', `${call} ${this.describe(answer)} instead of 200 with a token`);
  }

  /**
   * Another backend's login on this server, when the one called is a 404: what a user
   * who named the wrong --flavor needs to hear. A token it hands out is ended at once
   * where that ends no one else's session (knox's), or unless --keep-token.
   */
  private async loginElsewhere(
    called: string,
  ): Promise<{ readonly flavor: AuthFlavor; readonly found: string } | undefined> {
    for (const flavor of AUTH_FLAVORS) {
      const paths = FLAVOR_PATHS[flavor];
      if (paths.login === called) continue;
      const answer = await this.postLogin(paths.login);
      if (answer.status === 404) continue;
      const at = `POST ${paths.login}`;
      const token = tokenOf(answer.json, flavor);
      if (token === undefined) {
        return { flavor, found: `a login answers ${answer.status} at ${at}, ${flavor}'s path` };
      }
      if (flavor === 'knox' || !this.options.keepToken) {
        await this.send({ method: 'POST', path: paths.logout, headers: tokenHeader(token) });
      }
      const field = ANSWERS[flavor].tokenField;
      return {
        flavor,
        found: `the server has ${flavor}'s login at ${at} instead ("${field}" in its answer): --flavor ${flavor}`,
      };
    }
    return undefined;
  }

  private async callWithoutToken(): Promise<CheckResult> {
    const { apiPath } = this.options;
    const answer = await this.get(apiPath);
    this.withoutToken = answer;
    const call = `GET ${apiPath} answered ${this.describe(answer)}`;
    const scheme = challengeOf(answer);
    if (isSuccess(answer)) {
      return result(
        'without-token',
        'fail',
        `${call}: the endpoint answers without a token: IsAuthenticated is missing`,
        fixes.IS_AUTHENTICATED,
      );
    }
    if (answer.status === 404) {
      return result('without-token', 'fail', `${call}: wrong path`, fixes.API_PATH);
    }
    if (answer.status >= 300 && answer.status < 400) {
      const location = answer.headers.get('location') ?? 'nowhere';
      return result(
        'without-token',
        'fail',
        `${call}, a redirect to ${location}: a login page, not DRF's 401`,
        fixes.tokenAuthenticationFirst(this.assumedFlavor),
      );
    }
    if (scheme !== undefined && !isTokenScheme(scheme)) {
      return result(
        'without-token',
        'fail',
        `${call} with WWW-Authenticate: ${scheme}: the server expects "${scheme} <key>", not "Token <key>"`,
        fixes.tokenKeyword(scheme, this.assumedFlavor),
      );
    }
    if (answer.status === 401 && scheme !== undefined) {
      return result('without-token', 'pass', `${call} with WWW-Authenticate: Token`);
    }
    if (answer.status === 403) {
      return result(
        'without-token',
        'fail',
        `${call} and no WWW-Authenticate: SessionAuthentication (or another class without a challenge) is listed before TokenAuthentication in DEFAULT_AUTHENTICATION_CLASSES`,
        fixes.tokenAuthenticationFirst(this.assumedFlavor),
      );
    }
    if (answer.status === 401) {
      return result(
        'without-token',
        'warn',
        `${call} without WWW-Authenticate: the app logs in again, but DRF would say "Token"`,
      );
    }
    return result('without-token', 'fail', `${call} instead of 401 with WWW-Authenticate: Token`);
  }

  private async callWithToken(): Promise<CheckResult> {
    const { apiPath } = this.options;
    if (this.#token === undefined) {
      return result('with-token', 'skip', 'not checked: login gave no token');
    }
    if (this.noEndpoint()) return result('with-token', 'skip', NO_ENDPOINT);
    const answer = await this.get(apiPath, this.#token);
    const call = `GET ${apiPath} with "Token <key>" answered ${this.describe(answer)}`;
    if (isSuccess(answer)) {
      this.tokenAccepted = true;
      return result(
        'with-token',
        'pass',
        `GET ${apiPath} with "Token <key>" answered ${answer.status}`,
      );
    }
    const unseen = this.refusedLikeWithoutToken(answer);
    const scheme = this.withoutToken && challengeOf(this.withoutToken);
    if (unseen && scheme !== undefined && !isTokenScheme(scheme)) {
      return result(
        'with-token',
        'fail',
        `${call}, as without a token: the server expects "${scheme} <key>"`,
        fixes.tokenKeyword(scheme, this.assumedFlavor),
      );
    }
    if (unseen) {
      return result(
        'with-token',
        'fail',
        `${call} for a key that login just issued, as without a token: the Authorization header is stripped on the way: Apache mod_wsgi needs WSGIPassAuthorization On; check the proxy`,
        fixes.PASS_AUTHORIZATION,
      );
    }
    return result('with-token', 'fail', `${call}: the key that login just issued is refused`);
  }

  private async callWithWrongKey(): Promise<CheckResult> {
    const { apiPath } = this.options;
    if (this.noEndpoint()) return result('wrong-key', 'skip', NO_ENDPOINT);
    // A key of the backend's shape that no server has issued: random bytes in hex.
    const answer = await this.get(apiPath, randomBytes(this.answers.keyBytes).toString('hex'));
    const call = `GET ${apiPath} with a key never issued answered ${this.describe(answer)}`;
    const unseen = this.refusedLikeWithoutToken(answer);
    if (answer.status === 401 && !unseen && drfErrorMessage(answer.json) !== undefined) {
      return result('wrong-key', 'pass', call);
    }
    const expected = 'instead of 401 "Invalid token."';
    if (isSuccess(answer)) {
      return result(
        'wrong-key',
        'fail',
        `${call} ${expected}: any key is let in`,
        fixes.IS_AUTHENTICATED,
      );
    }
    if (unseen) {
      return result(
        'wrong-key',
        'fail',
        `${call} ${expected}, as without a token: the server did not read "Token <key>" (see above)`,
      );
    }
    if (answer.status === 403 && challengeOf(answer) === undefined) {
      return result(
        'wrong-key',
        'fail',
        `${call} ${expected}: SessionAuthentication (or another class without a challenge) is listed before TokenAuthentication`,
        fixes.tokenAuthenticationFirst(this.assumedFlavor),
      );
    }
    return result('wrong-key', 'fail', `${call} ${expected}`);
  }

  private async cors(origin: string): Promise<CheckResult> {
    const { apiPath } = this.options;
    const { loginPath, logoutPath } = this;
    const calls = [
      { method: 'GET', path: apiPath },
      { method: 'POST', path: loginPath },
      { method: 'POST', path: logoutPath },
    ] as const;
    const fix = fixes.corsHeaders(origin);
    for (const { method, path } of calls) {
      const answer = await this.send({
        method: 'OPTIONS',
        path,
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': method,
          'Access-Control-Request-Headers': PREFLIGHT_HEADERS.join(', '),
        },
      });
      const problem = preflightProblem(answer, origin, method);
      if (problem !== undefined) {
        return result(
          'cors',
          'fail',
          `the preflight of ${method} ${path} from ${origin} answered ${problem}: the browser blocks the app's calls`,
          fix,
        );
      }
    }
    // The answer itself must name the origin too, or the browser hides it from the app.
    const answer = await this.get(apiPath, this.#token, { Origin: origin });
    const allowed = answer.headers.get('access-control-allow-origin');
    if (allowed !== origin && allowed !== '*') {
      const got =
        allowed === null
          ? 'no Access-Control-Allow-Origin'
          : `Access-Control-Allow-Origin: ${allowed}`;
      return result(
        'cors',
        'fail',
        `GET ${apiPath} from ${origin} answered ${answer.status} with ${got}: the browser hides the answer from the app`,
        fix,
      );
    }
    const posts = [loginPath, logoutPath].join(', ');
    return result(
      'cors',
      'pass',
      `${origin} may call GET ${apiPath} and POST ${posts} with ${PREFLIGHT_HEADERS.join(', ')}`,
    );
  }

  private async logOut(): Promise<CheckResult> {
    const { apiPath } = this.options;
    const { logoutPath } = this;
    if (this.options.keepToken) {
      return result('logout', 'skip', 'not checked (--keep-token): the token stays valid');
    }
    const key = this.#token;
    if (key === undefined || !this.tokenAccepted) {
      return result('logout', 'skip', 'not checked: the server does not accept the token');
    }
    const answer = await this.send({ method: 'POST', path: logoutPath, headers: tokenHeader(key) });
    // dj-rest-auth's logout says so: 200 {"detail": "Successfully logged out."}.
    const said = isSuccess(answer) ? drfErrorMessage(answer.json) : undefined;
    const described = said === undefined ? this.describe(answer) : `${answer.status} "${said}"`;
    const call = `POST ${logoutPath} answered ${described}`;
    const fix = fixes.logoutRoute(this.assumedFlavor, logoutPath);
    const expected = this.answers.logoutStatus;
    if (answer.status === 404 || answer.status === 405) {
      return result('logout', 'fail', `${call}: tokens are never revoked`, fix);
    }
    if (!isSuccess(answer)) return result('logout', 'fail', `${call} instead of ${expected}`);
    const after = await this.get(apiPath, key);
    if (isSuccess(after)) {
      return result(
        'logout',
        'fail',
        `${call}, but the old key still works (GET ${apiPath} answered ${after.status}): tokens are never revoked`,
        fix,
      );
    }
    if (answer.status !== expected) {
      const whose = this.flavor === undefined ? '' : `, ${this.flavor}'s`;
      return result(
        'logout',
        'fail',
        `${call} instead of ${expected}${whose}: the app takes any other answer for a logout that failed, and tells the user so`,
      );
    }
    return result(
      'logout',
      'pass',
      `${call}, and the old key is refused after it (${after.status})`,
    );
  }

  private async throttle(): Promise<CheckResult> {
    const { username } = this.options;
    const { loginPath } = this;
    // Wrong passwords say something only where the right one logs in.
    if (this.#token === undefined) return result('throttle', 'skip', 'not checked: login failed');
    const wrong = `not-the-password-${randomBytes(8).toString('hex')}`;
    for (let attempt = 1; attempt <= THROTTLE_ATTEMPTS; attempt++) {
      const answer = await this.send({
        method: 'POST',
        path: loginPath,
        json: { username, password: wrong },
      });
      if (answer.status === 429) {
        const wait = answer.headers.get('retry-after');
        const until = wait === null ? 'for a while' : `for ${wait} s`;
        return result(
          'throttle',
          'pass',
          `429 after ${attempt - 1} wrong passwords; ${username} cannot log in ${until}`,
        );
      }
      if (answer.status !== 400) {
        return result(
          'throttle',
          'fail',
          `a wrong password got ${this.describe(answer)} instead of 400 or 429`,
        );
      }
    }
    return result(
      'throttle',
      'warn',
      `no 429 after ${THROTTLE_ATTEMPTS} wrong passwords: nothing slows down password guessing`,
      fixes.loginThrottle(this.assumedFlavor, loginPath),
    );
  }
}

/** What is wrong with a preflight's answer for the app, or undefined when it lets the call through. */
function preflightProblem(answer: Answer, origin: string, method: string): string | undefined {
  const allowed = answer.headers.get('access-control-allow-origin');
  if (allowed === null) return `${answer.status} without Access-Control-Allow-Origin`;
  if (allowed !== origin && allowed !== '*') {
    return `${answer.status} with Access-Control-Allow-Origin: ${allowed}`;
  }
  if (!isSuccess(answer)) return `${answer.status}`;
  // GET and POST pass without being listed; a list that names others leaves them out.
  const methods = answer.headers.get('access-control-allow-methods');
  if (methods !== null && !listed(methods).has(method.toLowerCase()) && !listed(methods).has('*')) {
    return `${answer.status} with Access-Control-Allow-Methods: ${methods}`;
  }
  // A "*" here never covers Authorization.
  const headers = listed(answer.headers.get('access-control-allow-headers'));
  const missing = PREFLIGHT_HEADERS.filter((name) => !headers.has(name));
  if (missing.length > 0) {
    return `${answer.status} without ${missing.join(' and ')} in Access-Control-Allow-Headers`;
  }
  return undefined;
}

/** Whether an answer sets Django's session cookie (SESSION_COOKIE_NAME's default). */
function setsSessionCookie(answer: Answer): boolean {
  return answer.headers.getSetCookie().some((cookie) => /^sessionid=/i.test(cookie.trim()));
}
