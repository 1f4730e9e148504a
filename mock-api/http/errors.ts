import type { ErrorRequestHandler } from 'express';
import type { Socket } from 'node:net';
import { renderJson } from '../drf/responses';

/**
 * The last handler: nothing a client sends may produce a 500. Whatever escaped the
 * views is answered as a bad request and reported on stderr for the developer.
 */
export function finalErrorHandler(report: (message: string) => void): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    const aborted = req.destroyed || (req as { aborted?: boolean }).aborted === true;
    if (!aborted) {
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      report(
        `mock-api: unexpected error on ${req.method} ${(req.url ?? '').split('?')[0]}: ${detail}`,
      );
    }
    if (res.headersSent) {
      // Too late for an answer: Express's own handler closes the connection.
      next(err);
      return;
    }
    const body = renderJson({ detail: 'Bad request.' });
    res.statusCode = 400;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Content-Length', body.length);
    res.end(body);
  };
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
