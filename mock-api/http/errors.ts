import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { SuspiciousOperation } from '../django/exceptions';
import { drfErrors, renderJson, sendJson } from '../drf/responses';
import { loggablePath } from './request-log';

/**
 * Django answers an unknown URL with its HTML "Not Found" page; the mock answers
 * DRF's JSON body instead, so that every error a client sees is JSON.
 */
export const notFound: RequestHandler = (_req, res) => {
  const error = drfErrors.notFound();
  sendJson(res, error.status, error.data);
};

/** DRF's APIException default: what a client is told about a bug on the server. */
const SERVER_ERROR = { detail: 'A server error occurred.' } as const;

/**
 * The last handler. A SuspiciousOperation is Django refusing a request on purpose:
 * 400, with its message. Anything else escaped the views because of a bug or a broken
 * data directory: 500, and the stack goes to `report` (stderr) for the developer.
 * The report names the request by its method and path, never its query. The error's
 * text is reported as it is, but for what would be a credential of this request, were
 * the text to quote it: any word shaped like a key, and the words of 8 characters or
 * more after the scheme of the `Authorization` header. Nothing else is blanked: a bug
 * whose message quotes the body would report it, password and all.
 */
export function finalErrorHandler(report: (message: string) => void): ErrorRequestHandler {
  // Express takes a function for an error handler by its four parameters.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  return (err: unknown, req, res, _next) => {
    if (err instanceof SuspiciousOperation) {
      if (!res.headersSent) sendJson(res, 400, { detail: err.message });
      return;
    }
    // A client that went away mid-request is no bug worth reporting.
    if (!req.socket.destroyed) {
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      report(
        `mock-api: unexpected error on ${req.method} ${loggablePath(req.originalUrl)}: ` +
          withoutCredentials(detail, req),
      );
    }
    if (res.headersSent) {
      // Too late for an answer: cut the connection, so that the client cannot take what
      // was sent for a whole answer. Cut it once what was written has gone out: a client
      // then sees its answer break off, not a connection dropped before any answer, which
      // it may take for a stale keep-alive one and send the request again. Not through
      // Express's own handler, which does the same but first prints the raw error.
      setImmediate(() => req.socket.destroy());
      return;
    }
    sendJson(res, 500, SERVER_ERROR);
  };
}

// DRF's keys are 40 hex digits; an error message must not carry one to the log.
const TOKEN_SHAPED = /\b[0-9a-fA-F]{40}\b/g;

/** The report's text with the request's credentials, should an error quote them, blanked out. */
function withoutCredentials(text: string, req: IncomingMessage): string {
  // The words after the scheme: `Token <key>`, `Basic <user:password in base64>`. Shorter
  // words than any real credential would blank out half the stack, and are left.
  const [, ...words] = (req.headers.authorization ?? '').split(/\s+/).filter(Boolean);
  let clean = text.replace(TOKEN_SHAPED, '[token]');
  for (const word of words.filter((w) => w.length >= 8)) {
    clean = clean.split(word).join('[credentials]');
  }
  return clean;
}

/**
 * Requests Node's HTTP parser rejects (bad header bytes, a broken request line,
 * headers too large) never reach the app; answer those in JSON too.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, detail] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'Request header fields too large.']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'Request timeout.']
        : [400, 'Bad Request', 'Bad request.'];
  const body = renderJson({ detail });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString()}`,
  );
}
