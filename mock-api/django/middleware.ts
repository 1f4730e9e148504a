import type { RequestHandler } from 'express';
import type { AuthFlavor } from '../../api/paths';
import { requestState } from '../request-state';
import { getHost } from './hosts';
import { appendSlashLocation, pathInfo, resolve, splitTarget, type RouteName } from './urls';

/**
 * What the default middleware of a Django 3.2 project adds: SecurityMiddleware's two
 * headers to every response, XFrameOptionsMiddleware's to every response that passed
 * it. XFrameOptionsMiddleware comes last in MIDDLEWARE, after CommonMiddleware, so the
 * answers CommonMiddleware gives itself (the bad-Host 400, the slash redirect) never
 * reach it: allowedHosts and urlRouting take the header off those two.
 */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
};

/**
 * CommonMiddleware asks for `request.get_host()` on every request, before its slash
 * redirect: a Host that is not a valid domain name raises DisallowedHost, a 400.
 */
export const allowedHosts: RequestHandler = (req, res, next) => {
  try {
    getHost(req);
  } catch (e) {
    // CommonMiddleware raises this before the request reaches XFrameOptionsMiddleware,
    // which therefore never sees the 400.
    res.removeHeader('X-Frame-Options');
    next(e);
    return;
  }
  next();
};

/**
 * The URLconf: a known URL goes to its view (with the captured pk and format suffix in
 * the request's state); an unknown one gets CommonMiddleware's slash redirect when adding a slash
 * would help, else goes on to the app's 404. Nothing else is reachable, json-server's
 * own routes (`/db`, `/questions`, `/choices`, ...) included.
 */
export function urlRouting(
  views: Readonly<Partial<Record<RouteName, RequestHandler>>>,
  flavor: AuthFlavor = 'authtoken',
): RequestHandler {
  return (req, res, next) => {
    const target = collapseLeadingSlashes(req.url ?? '/');
    const route = resolve(pathInfo(splitTarget(target).path), flavor);
    if (route) {
      const view = views[route.name];
      if (!view) throw new Error(`no view for the URL named ${route.name}`);
      if (route.pk !== undefined) requestState(req).pk = route.pk;
      if (route.format !== undefined) requestState(req).format = route.format;
      view(req, res, next);
      return;
    }
    const location = appendSlashLocation(target, flavor);
    if (location !== null) {
      // CommonMiddleware answers before the request reaches XFrameOptionsMiddleware,
      // which therefore never sees the redirect.
      res.removeHeader('X-Frame-Options');
      res.statusCode = 301;
      res.setHeader('Location', location);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Length', 0);
      res.end();
      return;
    }
    next();
  };
}

/** Python's http.server (Django's runserver) reduces a leading `//...` to one slash. */
function collapseLeadingSlashes(target: string): string {
  return target.startsWith('//') ? `/${target.replace(/^\/+/, '')}` : target;
}
