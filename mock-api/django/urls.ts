import { findUtf8Problem } from '../drf/python-codecs';

/** The project's URLconf: the only URLs the mock answers. */
export type RouteName =
  'obtain-auth-token' | 'logout' | 'question-list' | 'question-detail' | 'question-vote';

export interface ResolvedRoute {
  readonly name: RouteName;
  /** The `pk` path segment, still a string, as the URL pattern captured it. */
  readonly pk?: string;
}

// DRF's SimpleRouter captures a pk as `[^/.]+`.
const PATTERNS: readonly (readonly [RegExp, RouteName])[] = [
  [/^\/accounts\/get_auth_token\/$/, 'obtain-auth-token'],
  [/^\/accounts\/logout\/$/, 'logout'],
  [/^\/polls\/api\/questions\/$/, 'question-list'],
  [/^\/polls\/api\/questions\/(?<pk>[^/.]+)\/$/, 'question-detail'],
  [/^\/polls\/api\/questions\/(?<pk>[^/.]+)\/vote\/$/, 'question-vote'],
];

/** Django's URL resolver over `path_info` (the decoded path). */
export function resolve(pathInfo: string): ResolvedRoute | null {
  for (const [pattern, name] of PATTERNS) {
    const match = pattern.exec(pathInfo);
    if (match)
      return match.groups?.['pk'] === undefined ? { name } : { name, pk: match.groups['pk'] };
  }
  return null;
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
  const bytes: number[] = [];
  for (let i = 0; i < rawPath.length; i++) {
    const escape = rawPath.slice(i + 1, i + 3);
    if (rawPath[i] === '%' && /^[0-9a-fA-F]{2}$/.test(escape)) {
      bytes.push(parseInt(escape, 16));
      i += 2;
    } else {
      bytes.push(rawPath.charCodeAt(i) & 0xff);
    }
  }
  let data = Uint8Array.from(bytes);
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
