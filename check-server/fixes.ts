import { FLAVOR_PATHS, type AuthFlavor } from '../api/paths';

/**
 * What to change on the server, for each diagnosis: the settings, or the few lines of
 * view and URL, written as the Django project would hold them. Each is a list of lines
 * for the report to indent.
 */

/** A URL pattern for Django's `path()`: the path as check-server called it, without its leading slash. */
function pattern(path: string): string {
  return path.replace(/^\/+/, '');
}

/** The authentication class that reads `Authorization: Token <key>` for each backend. */
function tokenAuthenticationClass(flavor: AuthFlavor): string {
  return flavor === 'knox'
    ? 'knox.auth.TokenAuthentication'
    : 'rest_framework.authentication.TokenAuthentication';
}

export function tokenAuthenticationFirst(flavor: AuthFlavor): string[] {
  return [
    'In settings.py, TokenAuthentication first (or alone):',
    '    REST_FRAMEWORK = {',
    "        'DEFAULT_AUTHENTICATION_CLASSES': [",
    `            '${tokenAuthenticationClass(flavor)}',`,
    '            # SessionAuthentication after it, if the browsable API needs it',
    '        ],',
    '    }',
    'The first class decides the challenge of a 401; SessionAuthentication has none, so DRF',
    'turns the 401 into a 403, and the app cannot tell that it must log in again.',
  ];
}

export const IS_AUTHENTICATED = [
  'In settings.py:',
  '    REST_FRAMEWORK = {',
  "        'DEFAULT_PERMISSION_CLASSES': [",
  "            'rest_framework.permissions.IsAuthenticated',",
  '        ],',
  '    }',
  'and no permission_classes = [AllowAny] on the view.',
];

export function tokenKeyword(keyword: string, flavor: AuthFlavor): string[] {
  if (flavor === 'knox') {
    return [
      `The app sends "Authorization: Token <key>", as knox's TokenAuthentication reads it by`,
      `default; this server wants "${keyword} <key>". In settings.py, knox's prefix must be`,
      "its default, 'Token': in REST_KNOX, drop the key or set",
      "    'AUTH_HEADER_PREFIX': 'Token',",
    ];
  }
  return [
    `The app sends "Authorization: Token <key>", as DRF's TokenAuthentication reads it; this`,
    `server wants "${keyword} <key>". Use DRF's class, first in settings.py, with no subclass`,
    `that sets keyword = '${keyword}':`,
    `    'DEFAULT_AUTHENTICATION_CLASSES': ['${tokenAuthenticationClass(flavor)}'],`,
  ];
}

export const PASS_AUTHORIZATION = [
  "Apache with mod_wsgi drops the header unless the site's configuration says:",
  '    WSGIPassAuthorization On',
  'A proxy in front (nginx, a load balancer, a CDN) must pass the Authorization header on;',
  'nginx does unless told proxy_set_header Authorization "".',
];

function logoutView(logoutPath: string): string[] {
  return [
    "DRF has no logout view of its own: deleting the caller's token is what revokes it.",
    'In views.py:',
    '    from rest_framework.response import Response',
    '    from rest_framework.views import APIView',
    '',
    '    class LogoutView(APIView):',
    '        def post(self, request):',
    '            if request.auth is not None:',
    '                request.auth.delete()',
    '            return Response(status=204)',
    'and in urls.py:',
    `    path('${pattern(logoutPath)}', LogoutView.as_view()),`,
  ];
}

/** Where each package's docs mount it, with what INSTALLED_APPS needs. */
const MOUNTS: Readonly<Record<Exclude<AuthFlavor, 'authtoken'>, readonly string[]>> = {
  djoser: [
    "djoser's token URLs (Debian: python3-djoser), in urls.py:",
    "    path('auth/', include('djoser.urls.authtoken')),",
    "with 'rest_framework.authtoken' and 'djoser' in INSTALLED_APPS.",
  ],
  'dj-rest-auth': [
    "dj-rest-auth's URLs, in urls.py:",
    "    path('dj-rest-auth/', include('dj_rest_auth.urls')),",
    "with 'rest_framework.authtoken' and 'dj_rest_auth' in INSTALLED_APPS.",
  ],
  knox: [
    "knox's URLs, in urls.py, with the LoginView of knox's docs (AuthTokenSerializer, AllowAny):",
    "    path('api/auth/', include('knox.urls')),",
    "with 'knox' in INSTALLED_APPS and 'knox.auth.TokenAuthentication' first in",
    'DEFAULT_AUTHENTICATION_CLASSES.',
  ],
};

/** The login of `flavor` is not at `loginPath`. */
export function loginRoute(flavor: AuthFlavor, loginPath: string): string[] {
  if (flavor !== 'authtoken') {
    return [
      'Point --login-path at its login, or mount ' + MOUNTS[flavor][0],
      ...MOUNTS[flavor].slice(1),
    ];
  }
  return [
    "Point --login-path at the view that hands out tokens, or add DRF's to urls.py:",
    '    from rest_framework.authtoken.views import obtain_auth_token',
    `    path('${pattern(loginPath)}', obtain_auth_token),`,
    "with 'rest_framework.authtoken' in INSTALLED_APPS (then manage.py migrate).",
  ];
}

/** A token login that also starts a Django session. */
export function loginSession(flavor: AuthFlavor): string[] {
  if (flavor === 'dj-rest-auth') {
    return [
      "In settings.py, dj-rest-auth's login without a session:",
      '    REST_SESSION_LOGIN = False',
    ];
  }
  if (flavor === 'knox') {
    return [
      "In the LoginView of knox's docs, put the user on the request without a session:",
      '    request.user = user  # in place of login(request, user)',
      "knox's LoginView makes the token for request.user; a token login needs no session,",
      'and no logout of a token ends one.',
    ];
  }
  return [
    'Take the django.contrib.auth.login(request, user) call out of the login view: a',
    'token login needs no session, and no logout of a token ends one.',
  ];
}

export function loginWithoutSession(loginPath: string): string[] {
  return [
    'SessionAuthentication checks CSRF for a caller with a session cookie; a token login',
    'must not. Give the login view no authentication classes:',
    '    from rest_framework.authtoken.views import ObtainAuthToken',
    '',
    '    class LoginView(ObtainAuthToken):',
    '        authentication_classes = []',
    'and in urls.py:',
    `    path('${pattern(loginPath)}', LoginView.as_view()),`,
  ];
}

/** The logout of `flavor` is not at `logoutPath`. */
export function logoutRoute(flavor: AuthFlavor, logoutPath: string): string[] {
  if (flavor === 'authtoken') return logoutView(logoutPath);
  return [
    'Point --logout-path at its logout, or mount ' + MOUNTS[flavor][0],
    ...MOUNTS[flavor].slice(1),
  ];
}

/** The login answers without the key's field, and no backend's fields either. */
export function tokenField(field: string): string[] {
  return [
    `The app reads the key from "${field}". Simple JWT's login answers {"access": ...,`,
    '"refresh": ...}, which the app cannot use: give it one of the token backends',
    '(--flavor authtoken, djoser, dj-rest-auth or knox), or route --login-path to',
    'rest_framework.authtoken.views.obtain_auth_token.',
  ];
}

/** The server uses the token backend `flavor`, not the one checked. */
export function backend(flavor: AuthFlavor): string[] {
  const { login, logout } = FLAVOR_PATHS[flavor];
  return [
    `This is ${flavor}'s login. Check it as such, and deploy the app with that backend:`,
    `    npm run check-server -- --flavor ${flavor} ...`,
    `    AUTH_FLAVOR=${flavor} npm run serve:prod`,
    `The app calls ${flavor}'s login and logout where its docs mount them: ${login}`,
    `and ${logout}. Where the server has it elsewhere, pass --login-path and`,
    '--logout-path to this check; the app calls those two paths only.',
  ];
}

export const NO_LOGIN = [
  'Point --login-path at the view that hands out tokens, or mount one where its docs do:',
  "DRF's obtain_auth_token at accounts/get_auth_token/ (see drf-server/), or",
  ...Object.values(MOUNTS).map((lines) => `  ${lines[1]?.trim() ?? ''}`),
];

export const CREDENTIALS = [
  'Check --username and --password (or POLLS_PASSWORD): the user must exist and be active',
  '(manage.py createsuperuser, or manage.py changepassword USER).',
];

export const API_PATH = [
  "Point --api-path at a GET endpoint that needs a token (the tutorial's is /polls/api/questions/).",
];

export function corsHeaders(origin: string): string[] {
  return [
    'With django-cors-headers (Debian: python3-django-cors-headers), in settings.py:',
    "    INSTALLED_APPS = [..., 'corsheaders']",
    "    MIDDLEWARE = ['corsheaders.middleware.CorsMiddleware', ...]  # first",
    `    CORS_ALLOWED_ORIGINS = ['${origin}']`,
    'Keep its default CORS_ALLOW_HEADERS: they include authorization and content-type.',
  ];
}

const ANON_RATE = "with 'DEFAULT_THROTTLE_RATES': {'anon': '10/min'} in REST_FRAMEWORK";

/** Logins at `loginPath` are not throttled: how to throttle the login of `flavor`. */
export function loginThrottle(flavor: AuthFlavor, loginPath: string): string[] {
  const route = `    path('${pattern(loginPath)}', ThrottledLoginView.as_view()),`;
  switch (flavor) {
    case 'authtoken':
      return [
        "DRF's ObtainAuthToken has no throttle (throttle_classes = ()). Give it one, e.g.:",
        '    from rest_framework.authtoken.views import ObtainAuthToken',
        '    from rest_framework.throttling import AnonRateThrottle',
        '',
        '    class ThrottledLoginView(ObtainAuthToken):',
        '        throttle_classes = [AnonRateThrottle]',
        'and in urls.py, in place of obtain_auth_token:',
        route,
        `${ANON_RATE}; drf-server's`,
        'accounts/throttling.py counts failed logins per username instead.',
      ];
    case 'djoser':
      return [
        "djoser's TokenCreateView has no throttle of its own. Give it one, e.g.:",
        '    from djoser.views import TokenCreateView',
        '    from rest_framework.throttling import AnonRateThrottle',
        '',
        '    class ThrottledLoginView(TokenCreateView):',
        '        throttle_classes = [AnonRateThrottle]',
        "and in urls.py, before include('djoser.urls.authtoken'), which would answer first:",
        route,
        `${ANON_RATE}.`,
      ];
    case 'dj-rest-auth':
      return [
        "dj-rest-auth's LoginView has throttle_scope = 'dj_rest_auth'; give the scope a rate:",
        '    REST_FRAMEWORK = {',
        "        'DEFAULT_THROTTLE_CLASSES': ['rest_framework.throttling.ScopedRateThrottle'],",
        "        'DEFAULT_THROTTLE_RATES': {'dj_rest_auth': '10/min'},",
        '    }',
        'ScopedRateThrottle lets the views without a scope through.',
      ];
    case 'knox':
      return [
        'Give the LoginView that takes the JSON login (the subclass of knox.views.LoginView',
        "with AllowAny and AuthTokenSerializer, as in knox's docs) a throttle:",
        '    from rest_framework.throttling import AnonRateThrottle',
        '',
        '    class LoginView(KnoxLoginView):',
        '        permission_classes = [AllowAny]',
        '        throttle_classes = [AnonRateThrottle]  # the line to add',
        `${ANON_RATE}.`,
      ];
  }
}

export const HTTPS = [
  'Serve the API over https://: anyone on the way can read the password and the token,',
  'and the token works until the user logs out.',
];
