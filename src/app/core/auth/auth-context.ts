import { HttpContextToken } from '@angular/common/http';

/**
 * Set to true to send an API request without the `Authorization` header. The login
 * request does: DRF answers 401 to a bad token header even on the token endpoint, so a
 * stale cookie would otherwise make a correct password fail.
 */
export const SKIP_AUTH = new HttpContextToken<boolean>(() => false);

/**
 * Set to true when the caller handles every failure of the request itself: the
 * interceptors then neither post an app-wide message nor end the session on a 401.
 */
export const SILENT_ERRORS = new HttpContextToken<boolean>(() => false);
