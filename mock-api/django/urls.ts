import { SCHEMA_PATH, type AuthFlavor } from '../../api/paths';
import { findUtf8Problem } from '../python/codecs';
import { unquoteToBytes } from '../python/urllib';

/** Where the polls app includes DefaultRouter's URLs, and the routes the router registers. */
const ROUTER_PREFIX = '/polls/api/';
const ROUTER_ROUTES = [
  // The root view DefaultRouter adds, and the routes of the questions viewset.
  ['', 'api-root'],
  ['questions/', 'question-list'],
  ['questions/<pk>/', 'question-detail'],
  ['questions/<pk>/vote/', 'question-vote'],
] as const;

/**
 * Each token backend's URLs, as its urls.py writes them, under the prefix its docs
 * include them at. djoser's `re_path(r"^token/login/?$")` and dj-rest-auth's
 * `re_path(r'logout/?$')` take the path with or without its final slash; the others
 * are `path()`s, which APPEND_SLASH redirects to.
 */
const AUTH_URLS = {
  authtoken: [
    ['/accounts/get_auth_token/', 'obtain-auth-token'],
    ['/accounts/logout/', 'logout'],
  ],
  djoser: [
    ['/auth/token/login/?', 'djoser-login'],
    ['/auth/token/logout/?', 'djoser-logout'],
  ],
  'dj-rest-auth': [
    ['/dj-rest-auth/login/', 'rest-login'],
    ['/dj-rest-auth/logout/?', 'rest-logout'],
  ],
  knox: [
    ['/api/auth/login/', 'knox-login'],
    ['/api/auth/logout/', 'knox-logout'],
    ['/api/auth/logoutall/', 'knox-logoutall'],
  ],
} as const;

type RouterRouteName = (typeof ROUTER_ROUTES)[number][1];
type AuthRouteName = (typeof AUTH_URLS)[AuthFlavor][number][1];
export type RouteName = AuthRouteName | RouterRouteName | 'schema';
/** The routes `reverse` can build: those that capture no pk. */
export type ListRouteName = Exclude<RouteName, 'question-detail' | 'question-vote'>;

export interface ResolvedRoute {
  readonly name: RouteName;
  /** The `pk` path segment, still a string, as the URL pattern captured it. */
  readonly pk?: string;
  /** The format suffix (`json` of `questions.json`), which picks the renderer. */
  readonly format?: string;
}

interface Pattern {
  readonly name: RouteName;
  readonly regex: RegExp;
  /** The path `reverse` gives; `{format}` stands for the suffix on a suffix pattern. */
  readonly path: string;
  readonly suffix: boolean;
}

/**
 * DefaultRouter's `format_suffix_patterns`: after each of its routes, the same route
 * with `.<format>` instead of its final slash (the root keeps its slash:
 * `/polls/api/.json`), a slash after the suffix optional.
 */
function routerPatterns(): Pattern[] {
  return ROUTER_ROUTES.flatMap(([route, name]) => {
    const path = ROUTER_PREFIX + route;
    const suffixed = ROUTER_PREFIX + route.replace(/\/$/, '');
    return [
      { name, regex: patternRegex(`${path}$`), path, suffix: false },
      {
        name,
        regex: patternRegex(`${suffixed}\\.(?<format>[a-z0-9]+)/?$`),
        path: `${suffixed}.{format}`,
        suffix: true,
      },
    ];
  });
}

// The paths hold no regex syntax but `<pk>`, which DRF's SimpleRouter captures as `[^/.]+`.
function patternRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace('<pk>', '(?<pk>[^/.]+)')}`);
}

/** The project's URLconf with each flavour's auth URLs, in Django's order: the only URLs the mock answers. */
function urlconfOf(flavor: AuthFlavor): readonly Pattern[] {
  return [
    ...AUTH_URLS[flavor].map(([pattern, name]) => ({
      name,
      regex: patternRegex(`${pattern}$`),
      path: pattern.replace(/\?$/, ''),
      suffix: false,
    })),
    { name: 'schema', regex: patternRegex(`${SCHEMA_PATH}$`), path: SCHEMA_PATH, suffix: false },
    ...routerPatterns(),
  ];
}
const URLCONFS: Readonly<Record<AuthFlavor, readonly Pattern[]>> = {
  authtoken: urlconfOf('authtoken'),
  djoser: urlconfOf('djoser'),
  'dj-rest-auth': urlconfOf('dj-rest-auth'),
  knox: urlconfOf('knox'),
};
const URLCONF = URLCONFS.authtoken;

/** The auth routes a flavour's URLconf has. */
export function authRouteNames(flavor: AuthFlavor): readonly AuthRouteName[] {
  return AUTH_URLS[flavor].map(([, name]) => name);
}

/** Django's URL resolver over `path_info` (the decoded path), in the flavour's URLconf. */
export function resolve(pathInfo: string, flavor: AuthFlavor = 'authtoken'): ResolvedRoute | null {
  for (const { regex, name } of URLCONFS[flavor]) {
    const match = regex.exec(pathInfo);
    if (!match) continue;
    const groups = match.groups;
    return {
      name,
      ...(groups?.['pk'] === undefined ? {} : { pk: groups['pk'] }),
      ...(groups?.['format'] === undefined ? {} : { format: groups['format'] }),
    };
  }
  return null;
}

/**
 * `django.urls.reverse(name)` for the routes that capture nothing, and with `format`
 * the route's suffix pattern, as DRF's `reverse(..., format=format)` builds it.
 */
export function reverse(name: ListRouteName, format?: string): string {
  const found = URLCONF.find((p) => p.name === name && p.suffix === (format !== undefined));
  if (!found)
    throw new Error(`no URL named ${name}${format === undefined ? '' : ' with a format'}`);
  return found.path.replace('{format}', format ?? '');
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
export function appendSlashLocation(
  target: string,
  flavor: AuthFlavor = 'authtoken',
): string | null {
  const { path, query } = splitTarget(target);
  const decoded = pathInfo(path);
  if (decoded.endsWith('/') || resolve(`${decoded}/`, flavor) === null) return null;
  const escapedPath = quote(`${decoded}/`, "/:@&+$,-_.!~*'()");
  const escapedQuery = query ? `?${quote(query, "/#%[]=:;$&()+,!?*@'~")}` : '';
  // Django's escape_leading_slashes: never a protocol-relative URL.
  return (escapedPath + escapedQuery).replace(/^\/\//, '/%2F');
}
