import type { RequestHandler } from 'express';
import { apiView, DEFAULT_VIEW_SETTINGS } from '../drf/api-view';
import { charField, validate } from '../drf/fields';
import { charFieldInfo, drfKeyFor, tokenDeletingView, type AccountsDeps } from './accounts';

/**
 * djoser 2.1's `djoser.urls.authtoken` with its default settings (LOGIN_FIELD username,
 * TOKEN_MODEL DRF's Token, CREATE_SESSION_ON_LOGIN off), on DRF's one key per user.
 */

/**
 * `POST /auth/token/login/`: TokenCreateView (AllowAny) with TokenCreateSerializer, whose
 * fields are both optional: a missing one is "Unable to log in", as `authenticate()`
 * refuses a None; a blank or null one is the field's own error. Answers `{"auth_token": key}`.
 */
export function djoserLoginView(deps: AccountsDeps): RequestHandler {
  const optional = { ...charFieldInfo('Password'), required: false };
  return apiView(
    {
      ...DEFAULT_VIEW_SETTINGS,
      name: 'Token Create',
      description: 'Use this endpoint to obtain user authentication token.',
      requiresAuthentication: false,
      // The serializer declares password; LOGIN_FIELD is added after it, in __init__.
      actions: { POST: { password: optional, username: { ...optional, label: 'Username' } } },
      handlers: {
        POST: async ({ data, respond }) => {
          const { password, username } = validate(await data(), {
            password: charField({ required: false }),
            username: charField({ required: false }),
          });
          respond(200, { auth_token: await drfKeyFor(deps, username, password) });
        },
      },
    },
    deps.authenticate,
  );
}

/** `POST /auth/token/logout/`: TokenDestroyView (IsAuthenticated) deletes the user's token; 204. */
export function djoserLogoutView(deps: AccountsDeps): RequestHandler {
  return tokenDeletingView(deps, {
    name: 'Token Destroy',
    description: 'Use this endpoint to logout user (remove user authentication token).',
  });
}
