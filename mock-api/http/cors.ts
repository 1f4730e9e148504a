import cors from 'cors';
import type { RequestHandler } from 'express';

/** Any port, http or https, on localhost or 127.0.0.1: where a developer's client runs. */
export const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;

// django-cors-headers' defaults, so a client that passes here passes there.
const ALLOWED_HEADERS =
  'accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with';
const ALLOWED_METHODS = 'DELETE, GET, OPTIONS, PATCH, POST, PUT';

// What a sandboxed iframe, a data: URL or a redirect across origins sends; allowed only
// when listed, as in django-cors-headers.
const NULL_ORIGIN = 'null';

// scheme://netloc and nothing after it: django-cors-headers' checks E013 (a scheme and
// a netloc) and E014 (no path, query or fragment; a trailing slash is a path).
const ORIGIN_SHAPE = /^https?:\/\/[^/?#]+$/i;

/**
 * Why `origin` cannot be an allowed origin, or undefined when it can: `null`, or
 * `http(s)://host[:port]` exactly as a browser serializes it in the Origin header.
 * django-cors-headers compares scheme and netloc as written, so a value it accepts but
 * no browser sends (`https://App.Example`, `https://app.example:443`, a user name) would
 * silently never match there; here it is refused with the form that does match.
 */
export function allowedOriginProblem(origin: string): string | undefined {
  if (origin === NULL_ORIGIN) return undefined;
  let serialized: string | undefined;
  try {
    serialized = ORIGIN_SHAPE.test(origin) ? new URL(origin).origin : undefined;
  } catch {
    serialized = undefined;
  }
  if (serialized === undefined) {
    return 'must be http(s)://host[:port] with no path, not even a trailing slash, or null';
  }
  if (serialized !== origin) return `must be written as a browser sends it, "${serialized}"`;
  return undefined;
}

/**
 * CORS as django-cors-headers does it with CORS_ALLOWED_ORIGINS set to
 * `allowedOrigins` and CORS_ALLOWED_ORIGIN_REGEXES matching local origins: every
 * response varies on Origin, an allowed origin (exactly one of the list, or a local
 * one) is echoed back, other origins get no CORS headers at all, and a preflight
 * (OPTIONS with Access-Control-Request-Method) is answered 200 before any
 * authentication. Throws on an origin `allowedOriginProblem` refuses.
 */
export function djangoCors(allowedOrigins: readonly string[] = []): RequestHandler {
  for (const origin of allowedOrigins) {
    const problem = allowedOriginProblem(origin);
    if (problem) throw new Error(`an allowed CORS origin ${problem}, got "${origin}"`);
  }
  // The Origin header is compared whole: a browser always sends the serialized form,
  // so equal strings are equal scheme, host and port, and look-alikes differ.
  const listed = new Set(allowedOrigins);
  const isAllowed = (origin: string) => listed.has(origin) || LOCAL_ORIGIN.test(origin);
  const handler = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && isAllowed(origin)),
    methods: ALLOWED_METHODS,
    allowedHeaders: ALLOWED_HEADERS,
    // drf-server's CORS_EXPOSE_HEADERS: the app measures knox's expiry against the Date.
    exposedHeaders: 'Date',
    maxAge: 86400,
    preflightContinue: true,
  });
  return (req, res, next) => {
    res.setHeader('Vary', 'Origin');
    handler(req, res, () => {
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
        // django-cors-headers, the first middleware, answers before the others add headers.
        res.statusCode = 200;
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.setHeader('Content-Length', 0);
        res.end();
        return;
      }
      next();
    });
  };
}
