import type { RequestHandler } from 'express';
import { apiView, DEFAULT_VIEW_SETTINGS } from '../drf/api-view';
import { charField, optionalEmailField, validate } from '../drf/fields';
import { drfErrors } from '../drf/responses';
import { charFieldInfo, drfKeyFor, type AccountsDeps } from './accounts';

/**
 * dj-rest-auth's LoginView and LogoutView with the default settings (no JWT, TokenModel
 * DRF's Token, no allauth), on DRF's one key per user. With REST_SESSION_LOGIN on (the
 * default) Django also starts a session; the mock has no sessions.
 */

/**
 * `POST /dj-rest-auth/login/`: LoginSerializer's username and email are optional (blank
 * allowed), its password required. No username is "Unable to log in"; the users have no
 * email, so an email finds nobody (it must still be a valid address). Answers `{"key": key}`.
 */
export function restLoginView(deps: AccountsDeps): RequestHandler {
  const optional = { required: false, read_only: false };
  return apiView(
    {
      ...DEFAULT_VIEW_SETTINGS,
      name: 'Login',
      description: [
        'Check the credentials and return the REST Token',
        'if the credentials are valid and authenticated.',
        'Calls Django Auth login method to register User ID',
        'in Django session framework',
        '',
        'Accept the following POST parameters: username, password',
        "Return the REST Framework Token Object's key.",
      ].join('\n'),
      requiresAuthentication: false,
      actions: {
        POST: {
          username: { type: 'string', ...optional, label: 'Username' },
          email: { type: 'email', ...optional, label: 'Email' },
          password: charFieldInfo('Password'),
        },
      },
      handlers: {
        POST: async ({ data, respond }) => {
          const { username, password } = validate(await data(), {
            username: charField({ required: false, allowBlank: true }),
            email: optionalEmailField(),
            password: charField(),
          });
          respond(200, { key: await drfKeyFor(deps, username, password) });
        },
      },
    },
    deps.authenticate,
  );
}

/**
 * `POST /dj-rest-auth/logout/`: AllowAny, so it answers the same with or without a token;
 * with one, the user's key is deleted. GET is refused (ACCOUNT_LOGOUT_ON_GET off) but
 * defined, so Allow names it.
 */
export function restLogoutView(deps: AccountsDeps): RequestHandler {
  return apiView(
    {
      ...DEFAULT_VIEW_SETTINGS,
      name: 'Logout',
      description: [
        'Calls Django logout method and delete the Token object',
        'assigned to the current User object.',
        '',
        'Accepts/Returns nothing.',
      ].join('\n'),
      requiresAuthentication: false,
      handlers: {
        GET: ({ req }) => {
          throw drfErrors.methodNotAllowed(req.method);
        },
        POST: ({ credentials, respond }) => {
          if (credentials) deps.store.deleteToken(credentials.token.key);
          respond(200, { detail: 'Successfully logged out.' });
        },
      },
    },
    deps.authenticate,
  );
}
