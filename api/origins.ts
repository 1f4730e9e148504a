/** Host names a browser trusts over plain http from an https page: the machine itself. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The origin `value` names, if an API there may receive the user's token: https, or
 * plain http on loopback only (anywhere else the token would cross a network in clear,
 * and a browser blocks such an API from an https page anyway), with nothing after the
 * origin but an optional slash. Undefined for anything else.
 */
export function tokenSafeOrigin(value: string): string | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  const secure =
    url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  return secure && value.replace(/\/$/, '') === url.origin ? url.origin : undefined;
}
