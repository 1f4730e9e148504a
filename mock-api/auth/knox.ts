import type { Request, RequestHandler } from 'express';
import { apiView, DEFAULT_VIEW_SETTINGS, type Authenticate } from '../drf/api-view';
import { drfErrors, sendEmpty } from '../drf/responses';
import { authTokenSerializerUser, type AccountsDeps } from './accounts';
import type { AuthStore, KnoxToken, User } from './auth-store';
import { decodeUtf8, tokenWord } from './token-authentication';

/**
 * django-rest-knox with its default settings (64-character keys stored as SHA-512
 * digests, TOKEN_TTL 10 hours, AUTO_REFRESH off, no USER_SERIALIZER, no
 * TOKEN_LIMIT_PER_USER), mounted at `api/auth/` as its docs show.
 */

/** knox's default TOKEN_TTL: 10 hours. */
export const KNOX_DEFAULT_TTL_SECONDS = 10 * 3600;

export interface KnoxDeps extends Pick<AccountsDeps, 'store' | 'throttle'> {
  readonly authenticate: Authenticate<User, KnoxToken>;
  /** TOKEN_TTL in seconds; null: tokens never expire. */
  readonly ttlSeconds: number | null;
}

/**
 * knox's TokenAuthentication: DRF's header rules, then the key's digest looked up. An
 * expired token is deleted (with the user's other expired ones) and is "Invalid token.";
 * AUTO_REFRESH is off, so using a token does not extend it.
 */
export function knoxTokenAuthentication(
  store: AuthStore,
  now: () => number = Date.now,
): Authenticate<User, KnoxToken> {
  const expired = (token: KnoxToken) => token.expiry !== null && Date.parse(token.expiry) < now();
  return (req: Request) => {
    const word = tokenWord(req);
    if (word === null) return null;
    // knox decodes the key as UTF-8 without catching the error (a 500); refused here.
    const key = decodeUtf8(word);
    const found = key === null ? undefined : store.findKnoxToken(key);
    if (!found) throw drfErrors.authenticationFailed('Invalid token.');
    const { user, token } = found;
    store.deleteKnoxTokens((other) => other.user === user.id && expired(other));
    if (expired(token)) throw drfErrors.authenticationFailed('Invalid token.');
    if (!user.is_active) throw drfErrors.authenticationFailed('User inactive or deleted.');
    return { user, token };
  };
}

/**
 * `POST /api/auth/login/`: the LoginView subclass of knox's docs (AllowAny, DRF's
 * AuthTokenSerializer on the body), behind knox's TokenAuthentication, the project's only
 * authentication class. The body decides: HTTP Basic is no login here. Every login creates
 * a new token: `{"expiry": ISO 8601, "token": key}`.
 */
export function knoxLoginView(deps: KnoxDeps): RequestHandler {
  return apiView<User, KnoxToken>(
    {
      ...DEFAULT_VIEW_SETTINGS,
      name: 'Login',
      requiresAuthentication: false,
      handlers: {
        POST: async ({ data, respond }) => {
          const user = await authTokenSerializerUser(deps, await data());
          const { key, token } = deps.store.createKnoxToken(user, deps.ttlSeconds);
          respond(200, { expiry: token.expiry && pythonIsoformat(token.expiry), token: key });
        },
      },
    },
    deps.authenticate,
  );
}

/**
 * DRF's DateTimeField in UTC: Python's `isoformat()` (microseconds only when there are
 * any) with `+00:00` written `Z`.
 */
export function pythonIsoformat(iso: string): string {
  const [seconds = iso, millis = '000'] = iso.replace(/Z$/, '').split('.');
  return millis === '000' ? `${seconds}Z` : `${seconds}.${millis.padEnd(6, '0')}Z`;
}

/**
 * A knox logout view: deletes the tokens `ended` picks for the request's credentials;
 * 204 with no body, as knox's LogoutView and LogoutAllView answer.
 */
function knoxEndingView(
  deps: KnoxDeps,
  view: { readonly name: string; readonly description?: string },
  ended: (token: KnoxToken, credentials: { user: User; token: KnoxToken }) => boolean,
): RequestHandler {
  return apiView(
    {
      ...DEFAULT_VIEW_SETTINGS,
      ...view,
      handlers: {
        POST: ({ res, credentials }) => {
          if (credentials) deps.store.deleteKnoxTokens((token) => ended(token, credentials));
          sendEmpty(res, 204);
        },
      },
    },
    deps.authenticate,
  );
}

/** `POST /api/auth/logout/`: ends the token of this request only; 204. */
export function knoxLogoutView(deps: KnoxDeps): RequestHandler {
  return knoxEndingView(
    deps,
    { name: 'Logout' },
    (token, { token: own }) => token.digest === own.digest,
  );
}

/** `POST /api/auth/logoutall/`: ends every token of the user; 204. */
export function knoxLogoutAllView(deps: KnoxDeps): RequestHandler {
  const description = 'Log the user out of all sessions\nI.E. deletes all auth tokens for the user';
  return knoxEndingView(
    deps,
    { name: 'Logout All', description },
    (token, { user }) => token.user === user.id,
  );
}
