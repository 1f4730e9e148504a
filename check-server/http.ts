/**
 * The requests of check-server: one method, path and header set at a time, redirects
 * not followed (a redirect to a login page is an answer to report), a time limit on
 * each, and the body kept as text and, when it is JSON, parsed.
 */

/** What the server answered. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed, when it is JSON; undefined otherwise. */
  readonly json: unknown;
}

/** No HTTP answer came: nothing listens, the name is unknown, TLS failed, or time ran out. */
export class NoAnswer extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NoAnswer';
  }
}

export interface Request {
  readonly method: 'GET' | 'POST' | 'OPTIONS';
  /** Appended to the base URL as it is: `/accounts/get_auth_token/`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON, with its Content-Type. */
  readonly json?: unknown;
}

export type Send = (request: Request) => Promise<Answer>;

// The system error codes that undici passes on in `cause`, in a user's words.
const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'the connection closed without an answer',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the TLS certificate is signed by an unknown authority',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the TLS certificate is signed by an unknown authority',
  CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the TLS certificate is for another host name',
};

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // Connecting to a name with several addresses fails with an AggregateError of them.
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  const code: unknown = 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function reasonFor(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const code = errorCode(cause);
  const known = code === undefined ? undefined : REASONS[code];
  if (known !== undefined) return known;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A `Send` for the server at `baseUrl` (no trailing slash); rejects with NoAnswer. */
export function sender(baseUrl: string, timeoutMs: number): Send {
  return async ({ method, path, headers = {}, json }) => {
    const all: Record<string, string> = { Accept: 'application/json', ...headers };
    if (json !== undefined) all['Content-Type'] = 'application/json';
    try {
      const response = await fetch(baseUrl + path, {
        method,
        headers: all,
        body: json === undefined ? undefined : JSON.stringify(json),
        redirect: 'manual',
        // The whole exchange, body included: a server that stalls halfway is no answer either.
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, json: parseJson(text) };
    } catch (error) {
      throw new NoAnswer(reasonFor(error, timeoutMs));
    }
  };
}
