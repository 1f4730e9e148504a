import { findUtf8Problem } from '../python/codecs';
import { unquoteToBytes } from '../python/urllib';

/** The project's URLconf: the only URLs the mock answers, with their names. */
const URLCONF = [
  ['/accounts/get_auth_token/', 'obtain-auth-token'],
  ['/accounts/logout/', 'logout'],
  // DefaultRouter's root view, and the routes it registers for the questions viewset.
  ['/polls/api/', 'api-root'],
  ['/polls/api/questions/', 'question-list'],
  ['/polls/api/questions/<pk>/', 'question-detail'],
  ['/polls/api/questions/<pk>/vote/', 'question-vote'],
] as const;

export type RouteName = (typeof URLCONF)[number][1];

export interface ResolvedRoute {
  readonly name: RouteName;
  /** The `pk` path segment, still a string, as the URL pattern captured it. */
  readonly pk?: string;
}

// The paths hold no regex syntax but `<pk>`, which DRF's SimpleRouter captures as `[^/.]+`.
const PATTERNS = URLCONF.map(
  ([path, name]) => [new RegExp(`^${path.replace('<pk>', '(?<pk>[^/.]+)')}$`), name] as const,
);

/** Django's URL resolver over `path_info` (the decoded path). */
export function resolve(pathInfo: string): ResolvedRoute | null {
  for (const [pattern, name] of PATTERNS) {
    const match = pattern.exec(pathInfo);
    if (match)
      return match.groups?.['pk'] === undefined ? { name } : { name, pk: match.groups['pk'] };
  }
  return null;
}

/** `django.urls.reverse(name)` for the routes that capture nothing. */
export function reverse(name: Exclude<RouteName, 'question-detail' | 'question-vote'>): string {
  const found = URLCONF.find(([, routeName]) => routeName === name);
  if (!found) throw new Error(`no URL named ${name}`);
  return found[0];
}

/** The request target split the way WSGI splits it. */
export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?');
  return q < 0
    ? { path: target, query: '' }
    : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/**
 * `request.path_info`: percent escapes decoded to bytes (the server reads the
 * target as Latin-1), then UTF-8, with invalid sequences percent-encoded again
 * (Django's `repercent_broken_unicode`).
 */
export function pathInfo(rawPath: string): string {
  let data = unquoteToBytes(rawPath);
  for (;;) {
    const problem = findUtf8Problem(data);
    if (!problem) return Buffer.from(data).toString('utf8');
    const broken = data.subarray(problem.start, problem.start + problem.length);
    const requoted = Buffer.from(
      [...broken].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    );
    data = Uint8Array.from([
      ...data.subarray(0, problem.start),
      ...requoted,
      ...data.subarray(problem.start + problem.length),
    ]);
  }
}

// Python's quote() never escapes these, plus the `safe` set each Django caller passes.
const ALWAYS_SAFE = /[A-Za-z0-9_.~-]/;

function quote(text: string, safe: string): string {
  let out = '';
  for (const char of text) {
    if (ALWAYS_SAFE.test(char) || safe.includes(char)) {
      out += char;
    } else {
      for (const byte of Buffer.from(char, 'utf8')) {
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
    }
  }
  return out;
}

/**
 * CommonMiddleware's APPEND_SLASH: when a path is unknown but the path with a slash
 * is known, the Location Django redirects to (301), else null.
 */
export function appendSlashLocation(target: string): string | null {
  const { path, query } = splitTarget(target);
  const decoded = pathInfo(path);
  if (decoded.endsWith('/') || resolve(`${decoded}/`) === null) return null;
  const escapedPath = quote(`${decoded}/`, "/:@&+$,-_.!~*'()");
  const escapedQuery = query ? `?${quote(query, "/#%[]=:;$&()+,!?*@'~")}` : '';
  // Django's escape_leading_slashes: never a protocol-relative URL.
  return (escapedPath + escapedQuery).replace(/^\/\//, '/%2F');
}
