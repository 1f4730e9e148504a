// The HTTP statuses the app reacts to, as plain constants the build inlines. Angular's
// `HttpStatusCode` is a runtime enum of every status (2.5 kB minified) that lands in the
// initial bundle as soon as any code names one of its members.

/** Not a status a server sends: the request got no answer (offline, refused, blocked by CORS). */
export const NO_RESPONSE = 0;
export const BAD_REQUEST = 400;
export const UNAUTHORIZED = 401;
export const FORBIDDEN = 403;
export const NOT_FOUND = 404;
export const TOO_MANY_REQUESTS = 429;
export const BAD_GATEWAY = 502;
export const SERVICE_UNAVAILABLE = 503;
export const GATEWAY_TIMEOUT = 504;

/**
 * Whether the API could not be reached: the request got no answer (status 0), or the
 * proxy in front of the API (nginx, `ng serve`) answered that it could not reach it
 * (502-504). Every page says the same then.
 */
export function isUnreachable(status: number): boolean {
  return status === NO_RESPONSE || (status >= BAD_GATEWAY && status <= GATEWAY_TIMEOUT);
}
