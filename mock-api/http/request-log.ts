import type { RequestHandler } from 'express';

/**
 * One line per request once it is answered: `METHOD /path STATUS 12ms`. Only the path
 * is logged: never the query string, headers or body, where tokens and passwords live.
 */
export function requestLog(write: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const path = loggablePath(req.url);
    const method = req.method ?? '-';
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      write(`${method} ${path} ${res.statusCode} ${Math.round(ms)}ms`);
    };
    res.on('finish', log);
    res.on('close', log);
    next();
  };
}

/**
 * The path of a request target, fit for a log: no query string (where secrets may be),
 * and one line of plain text whatever bytes the path holds.
 */
export function loggablePath(target: string | undefined): string {
  const path = (target ?? '/').split('?')[0] ?? '/';
  return path.replace(
    /[^\x21-\x7e]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
