import type { RequestHandler } from 'express';
import { buildAbsoluteUri } from '../django/hosts';
import { reverse, type ListRouteName } from '../django/urls';
import { requestState } from '../request-state';
import { apiView, DEFAULT_VIEW_SETTINGS, formatOverride, type Authenticate } from './api-view';

/**
 * DefaultRouter's APIRootView: an APIView with only `get`, under the project's default
 * authentication and permission (IsAuthenticated), answering `{"name": "absolute URL"}`
 * for each list route the router registered, built from the request's Host as
 * DRF's `reverse(..., request=request, format=...)` builds it: with the request's format
 * suffix (`/polls/api/.json` lists `.../questions.json`), and its `?format=` kept.
 */
export function apiRootView<User>(
  listRoutes: Readonly<Record<string, ListRouteName>>,
  authenticate: Authenticate<User, unknown>,
): RequestHandler {
  return apiView(
    {
      ...DEFAULT_VIEW_SETTINGS,
      // DRF's get_view_name and get_view_description of the APIRootView class.
      name: 'Api Root',
      description: 'The default basic root view for DefaultRouter',
      handlers: {
        GET: ({ req, respond }) => {
          const { format } = requestState(req);
          const override = formatOverride(req);
          const query =
            override === undefined ? '' : `?${new URLSearchParams({ format: override })}`;
          const urls = Object.entries(listRoutes).map(([key, name]) => [
            key,
            buildAbsoluteUri(req, reverse(name, format)) + query,
          ]);
          respond(200, Object.fromEntries(urls));
        },
      },
    },
    authenticate,
  );
}
