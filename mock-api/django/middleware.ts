import type { RequestHandler } from 'express';
import { drfErrors, sendJson } from '../drf/responses';
import { appendSlashLocation, pathInfo, resolve, splitTarget, type RouteName } from './urls';

/**
 * What Django's default SecurityMiddleware and XFrameOptionsMiddleware add to every
 * response of a Django 3.2 project.
 */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
};

/**
 * The URLconf: a known URL goes to its view (with the captured pk in
 * `res.locals.pk`); an unknown one gets CommonMiddleware's slash redirect when adding
 * a slash would help, else a 404. Nothing else is reachable, json-server's own routes
 * (`/db`, `/questions`, `/choices`, ...) included.
 */
export function urlRouting(views: Readonly<Record<RouteName, RequestHandler>>): RequestHandler {
  return (req, res, next) => {
    const target = collapseLeadingSlashes(req.url ?? '/');
    const route = resolve(pathInfo(splitTarget(target).path));
    if (route) {
      if (route.pk !== undefined) res.locals['pk'] = route.pk;
      views[route.name](req, res, next);
      return;
    }
    const location = appendSlashLocation(target);
    if (location !== null) {
      // Django builds this response after XFrameOptionsMiddleware has run.
      res.removeHeader('X-Frame-Options');
      res.statusCode = 301;
      res.setHeader('Location', location);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Length', 0);
      res.end();
      return;
    }
    notFound(req, res, next);
  };
}

/** Python's http.server (Django's runserver) reduces a leading `//...` to one slash. */
function collapseLeadingSlashes(target: string): string {
  return target.startsWith('//') ? `/${target.replace(/^\/+/, '')}` : target;
}

/**
 * Django answers an unknown URL with its HTML "Not Found" page; the mock answers
 * DRF's JSON body instead, so that every error a client sees is JSON.
 */
export const notFound: RequestHandler = (_req, res) => {
  const error = drfErrors.notFound();
  sendJson(res, error.status, error.data);
};
