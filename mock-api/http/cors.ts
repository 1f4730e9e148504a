import cors from 'cors';
import type { RequestHandler } from 'express';

/** Any port, http or https, on localhost or 127.0.0.1: where a developer's client runs. */
export const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;

// django-cors-headers' defaults, so a client that passes here passes there.
const ALLOWED_HEADERS =
  'accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with';
const ALLOWED_METHODS = 'DELETE, GET, OPTIONS, PATCH, POST, PUT';

const localOnly = cors({
  origin: (origin, callback) => callback(null, origin !== undefined && LOCAL_ORIGIN.test(origin)),
  methods: ALLOWED_METHODS,
  allowedHeaders: ALLOWED_HEADERS,
  maxAge: 86400,
  preflightContinue: true,
});

/**
 * CORS as django-cors-headers does it with CORS_ALLOWED_ORIGIN_REGEXES for local
 * origins: every response varies on Origin, allowed origins are echoed back, other
 * origins get no CORS headers at all, and a preflight (OPTIONS with
 * Access-Control-Request-Method) is answered 200 before any authentication.
 */
export const localhostCors: RequestHandler = (req, res, next) => {
  res.setHeader('Vary', 'Origin');
  localOnly(req, res, () => {
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
