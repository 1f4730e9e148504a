import type { ServerResponse } from 'node:http';

/**
 * An error answered the way DRF's exception handler answers an APIException:
 * its status, its data as the JSON body, and its extra headers.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly data: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(typeof data === 'object' && data !== null && 'detail' in data ? String(data.detail) : '');
  }
}

const TOKEN_CHALLENGE = { 'WWW-Authenticate': 'Token' };

/** The errors DRF 3.14 raises, with its exact messages. */
export const drfErrors = {
  notAuthenticated: () =>
    new ApiError(401, { detail: 'Authentication credentials were not provided.' }, TOKEN_CHALLENGE),
  authenticationFailed: (detail: string) => new ApiError(401, { detail }, TOKEN_CHALLENGE),
  notFound: () => new ApiError(404, { detail: 'Not found.' }),
  methodNotAllowed: (method: string) =>
    new ApiError(405, { detail: `Method "${method}" not allowed.` }),
  notAcceptable: () =>
    new ApiError(406, { detail: 'Could not satisfy the request Accept header.' }),
  unsupportedMediaType: (contentType: string) =>
    new ApiError(415, { detail: `Unsupported media type "${contentType}" in request.` }),
  parseError: (detail: string) => new ApiError(400, { detail }),
  /** `wait` in seconds; DRF rounds it up and sends it as Retry-After. */
  throttled: (wait: number) => {
    const seconds = Math.ceil(wait);
    const unit = seconds === 1 ? 'second' : 'seconds';
    const detail = `Request was throttled. Expected available in ${seconds} ${unit}.`;
    return new ApiError(429, { detail }, seconds ? { 'Retry-After': String(seconds) } : {});
  },
  validation: (errors: Record<string, string[]>) => new ApiError(400, errors),
};

/**
 * DRF's JSONRenderer: compact separators (or `indent`), UTF-8 without escaping,
 * and U+2028/U+2029 escaped so the output is also valid JavaScript.
 */
export function renderJson(data: unknown, indent?: number): Buffer {
  const text = JSON.stringify(data, null, indent)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return Buffer.from(text, 'utf8');
}

export interface JsonOptions {
  /** Pretty-printing a client asked for with `Accept: application/json; indent=N`. */
  readonly indent?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Sends `data` as DRF's Response would (no charset, Content-Length, no ETag). */
export function sendJson(
  res: ServerResponse,
  status: number,
  data: unknown,
  options: JsonOptions = {},
): void {
  const body = renderJson(data, options.indent);
  res.statusCode = status;
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/** A DRF Response without data: no body and no Content-Type. */
export function sendEmpty(res: ServerResponse, status: number): void {
  res.statusCode = status;
  res.removeHeader('Content-Type');
  res.end();
}
