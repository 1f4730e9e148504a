import { InjectionToken, inject } from '@angular/core';

/**
 * Origin of the DRF-style API. Empty means "same origin as the app": in development
 * `ng serve` proxies the API paths, in production a reverse proxy does. The auth header
 * is only ever sent to relative URLs or to this origin.
 */
export const API_ORIGIN = new InjectionToken<string>('API_ORIGIN', {
  providedIn: 'root',
  factory: () => '',
});

/**
 * The one way the app builds an API request URL: returns a function that puts a path of
 * `API_PATHS` on the configured {@link API_ORIGIN} (a trailing slash on the origin is
 * dropped), or leaves it relative when the origin is empty. Call it in an injection
 * context (a field initializer).
 */
export function injectApiUrl(): (path: string) => string {
  const origin = inject(API_ORIGIN).replace(/\/+$/, '');
  return (path) => origin + path;
}

/**
 * Whether a request URL goes to the API and may therefore carry the user's token: with
 * no API origin configured, a URL on the app's own origin (a relative one, or an absolute
 * one naming it); with one, only a URL on exactly that origin. Origins are compared after
 * parsing, so look-alikes such as `//evil.example/`, `https://api.example.evil.example/`
 * or `https://api.example@evil.example/` never match, and a malformed API origin matches
 * nothing.
 *
 * @param url the request URL as passed to HttpClient
 * @param apiOrigin the configured {@link API_ORIGIN}; empty means the page's origin
 * @param pageUrl the page's base URL, to resolve relative URLs against
 */
export function isApiUrl(url: string, apiOrigin: string, pageUrl: string): boolean {
  let target: URL;
  let page: URL;
  try {
    page = new URL(pageUrl);
    target = new URL(url, page);
  } catch {
    return false;
  }
  return target.origin === (apiOrigin === '' ? page.origin : originOf(apiOrigin));
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    // Opaque origins (data:, blob:, typos without a scheme) all serialise as "null".
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
