import type { RequestHandler } from 'express';
import { apiView, DEFAULT_VIEW_SETTINGS, type Authenticate } from '../drf/api-view';
import { charField, validate } from '../drf/fields';
import {
  FORM_MEDIA_TYPE,
  JSON_MEDIA_TYPE,
  JSON_RENDERER,
  MULTIPART_MEDIA_TYPE,
} from '../drf/media-types';
import { drfErrors, sendEmpty } from '../drf/responses';
import type { AuthStore, Token, User } from './auth-store';
import type { PyValue } from '../python/values';
import type { LoginThrottle } from './login-throttle';
import { spendHashingTime, verifyPassword } from './passwords';
import { isExpired } from './token-authentication';

export interface AccountsDeps {
  readonly store: AuthStore;
  readonly throttle: LoginThrottle;
  readonly authenticate: Authenticate<User, Token>;
  readonly tokenTtlSeconds?: number;
}

export const charFieldInfo = (label: string, readOnly = false) => ({
  type: 'string',
  required: !readOnly,
  read_only: readOnly,
  label,
});

/**
 * `POST /accounts/get_auth_token/`: DRF's ObtainAuthToken, plus a throttle on failed
 * logins per username. The key comes back unchanged on every login until logout.
 */
export function obtainAuthTokenView(deps: AccountsDeps): RequestHandler {
  return apiView(
    {
      name: 'Obtain Auth Token',
      renderers: [JSON_RENDERER],
      parsers: [FORM_MEDIA_TYPE, MULTIPART_MEDIA_TYPE, JSON_MEDIA_TYPE],
      requiresAuthentication: false,
      actions: {
        POST: {
          username: charFieldInfo('Username'),
          password: charFieldInfo('Password'),
          token: charFieldInfo('Token', true),
        },
      },
      handlers: {
        POST: async ({ data, respond }) => {
          const user = await authTokenSerializerUser(deps, await data());
          respond(200, { token: drfTokenOf(deps, user).key });
        },
      },
    },
    deps.authenticate,
  );
}

/** The serializer error every flavour's login gives for credentials Django refuses. */
export const invalidCredentials = () =>
  drfErrors.validation({ non_field_errors: ['Unable to log in with provided credentials.'] });

/**
 * `authenticate(username, password)` behind the failed-login throttle: a username with
 * too many recent failures is refused (429) before its password is checked.
 */
export async function throttledLogin(
  deps: Pick<AccountsDeps, 'store' | 'throttle'>,
  username: string,
  password: string,
): Promise<User | null> {
  const wait = deps.throttle.waitSeconds(username);
  if (wait !== null) throw drfErrors.throttled(wait);
  // Counted as a failure before the password check, which awaits: logins sent side
  // by side each see the others, so no more than the limit are ever checked.
  const failure = deps.throttle.recordFailure(username);
  const user = await checkCredentials(deps.store, username, password);
  if (user) deps.throttle.withdrawFailure(username, failure);
  return user;
}

/**
 * DRF's AuthTokenSerializer on a login's body: its field errors, then the user these
 * credentials are, past the throttle, or "Unable to log in".
 */
export async function authTokenSerializerUser(
  deps: Pick<AccountsDeps, 'store' | 'throttle'>,
  body: PyValue,
): Promise<User> {
  const { username, password } = validate(body, {
    username: charField(),
    password: charField({ trimWhitespace: false }),
  });
  const user = await throttledLogin(deps, username, password);
  if (!user) throw invalidCredentials();
  return user;
}

/**
 * djoser's and dj-rest-auth's login: the user's DRF key for these credentials, or
 * "Unable to log in" when a username or password is missing or empty, or Django refuses them.
 */
export async function drfKeyFor(
  deps: AccountsDeps,
  username: string | undefined,
  password: string | undefined,
): Promise<string> {
  const user = username && password ? await throttledLogin(deps, username, password) : null;
  if (!user) throw invalidCredentials();
  return drfTokenOf(deps, user).key;
}

/** `Token.objects.get_or_create(user=user)`, with a new key when the old one has expired. */
export function drfTokenOf(deps: AccountsDeps, user: User): Token {
  const current = deps.store.tokenOf(user);
  const expired = current && isExpired(current, deps.tokenTtlSeconds, Date.now());
  return expired ? deps.store.createToken(user) : deps.store.getOrCreateToken(user);
}

/**
 * Django's ModelBackend.authenticate: an unknown username costs a hash too, and an
 * inactive user is refused only after the password was checked.
 */
async function checkCredentials(
  store: AuthStore,
  username: string,
  password: string,
): Promise<User | null> {
  const user = store.findUser(username);
  if (!user) {
    await spendHashingTime(password);
    return null;
  }
  const matches = await verifyPassword(password, user.password);
  // The store may have been reloaded while hashing; answer for the user as it is now.
  const current = store.findUser(username);
  return matches && current?.is_active && current.password === user.password ? current : null;
}

/** `POST /accounts/logout/`: deletes the caller's token and answers 204 without a body. */
export function logoutView(deps: AccountsDeps): RequestHandler {
  return tokenDeletingView(deps, { name: 'Logout' });
}

/**
 * A logout view for DRF's own tokens (IsAuthenticated): deletes the caller's key and
 * answers 204 without a body; `view` names it in its OPTIONS metadata.
 */
export function tokenDeletingView(
  deps: AccountsDeps,
  view: { readonly name: string; readonly description?: string },
): RequestHandler {
  return apiView(
    {
      ...DEFAULT_VIEW_SETTINGS,
      ...view,
      handlers: {
        POST: ({ res, credentials }) => {
          if (credentials) deps.store.deleteToken(credentials.token.key);
          sendEmpty(res, 204);
        },
      },
    },
    deps.authenticate,
  );
}
