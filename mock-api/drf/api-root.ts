import type { RequestHandler } from 'express';
import { buildAbsoluteUri } from '../django/hosts';
import { apiView, DEFAULT_VIEW_SETTINGS, type Authenticate } from './api-view';

/**
 * DefaultRouter's APIRootView: an APIView with only `get`, under the project's default
 * authentication and permission (IsAuthenticated), answering `{"name": "absolute URL"}`
 * for each list route the router registered, built from the request's Host as
 * DRF's `reverse(..., request=request)` builds it.
 */
export function apiRootView<User, Token>(
  listRoutes: Readonly<Record<string, string>>,
  authenticate: Authenticate<User, Token>,
): RequestHandler {
  return apiView(
    {
      ...DEFAULT_VIEW_SETTINGS,
      // DRF's get_view_name and get_view_description of the APIRootView class.
      name: 'Api Root',
      description: 'The default basic root view for DefaultRouter',
      handlers: {
        GET: ({ req, respond }) => {
          const urls = Object.entries(listRoutes).map(([key, path]) => [
            key,
            buildAbsoluteUri(req, path),
          ]);
          respond(200, Object.fromEntries(urls));
        },
      },
    },
    authenticate,
  );
}
