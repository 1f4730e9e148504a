"""
Settings of the tutorial's polls server: Django 3.2 and Django REST framework 3.14 with
token authentication, as Debian 12 packages them.

The DRF_SERVER_* environment variables below switch on the misconfigurations that break
a token client (the tests use them), or djoser's endpoints; without them this is the
correct setup.
"""
import importlib.util
import os
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_switch(name):
    value = os.environ.get(name, '')
    if value not in ('', '0', '1'):
        raise ImproperlyConfigured(f'{name} must be 1 or 0, got {value!r}')
    return value == '1'


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(',') if item.strip()]


# The database and the secret key live here, never in the repository. The database holds
# every live token as it is (DRF stores keys unhashed): the folder is its owner's alone.
DATA_DIR = Path(os.environ.get('DRF_SERVER_DATA_DIR') or BASE_DIR / 'data').resolve()
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
DATA_DIR.chmod(0o700)


def secret_key(path):
    """The key made on the first run, whole or not at all, so two first runs agree on one."""
    if not path.exists():
        draft = path.with_name(f'.{path.name}.{os.getpid()}')
        # Readable by its owner only from the start.
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, 'w', encoding='ascii') as file:
            file.write(get_random_secret_key())
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text(encoding='ascii').strip()


SECRET_KEY = secret_key(DATA_DIR / 'secret_key')

DEBUG = False

# Loopback only, by name and by address; DRF_SERVER_ALLOWED_HOSTS replaces the list.
ALLOWED_HOSTS = env_list('DRF_SERVER_ALLOWED_HOSTS', ['127.0.0.1', 'localhost', '[::1]'])

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'corsheaders',
    'rest_framework',
    'rest_framework.authtoken',
    'drf_spectacular',
    'accounts',
    'polls',
]

MIDDLEWARE = [
    # First, so that a preflight is answered before anything else looks at it.
    'corsheaders.middleware.CorsMiddleware',
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]

ROOT_URLCONF = 'mysite.urls'

# The browsable API renders DRF's templates.
TEMPLATES = [
    {
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'APP_DIRS': True,
        'OPTIONS': {
            'context_processors': [
                'django.template.context_processors.request',
                'django.contrib.auth.context_processors.auth',
            ],
        },
    },
]

WSGI_APPLICATION = 'mysite.wsgi.application'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': DATA_DIR / 'db.sqlite3',
    }
}

DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'

LANGUAGE_CODE = 'en-us'
TIME_ZONE = 'UTC'
USE_I18N = True
USE_L10N = True
USE_TZ = True

STATIC_URL = '/static/'

# With DEBUG off Django reports a server error to nobody; say it on stderr.
LOGGING = {
    'version': 1,
    'disable_existing_loggers': False,
    'handlers': {'stderr': {'class': 'logging.StreamHandler'}},
    'loggers': {'django': {'handlers': ['stderr'], 'level': 'ERROR'}},
}

# A token client needs TokenAuthentication alone, or at least first: the first class
# decides the 401's WWW-Authenticate challenge, and SessionAuthentication has none, so
# with it first a missing token is a 403.
TOKEN_KEYWORD = os.environ.get('DRF_SERVER_TOKEN_KEYWORD') or 'Token'
if not re.fullmatch(r'[A-Za-z][A-Za-z0-9_-]*', TOKEN_KEYWORD):
    raise ImproperlyConfigured(
        f'DRF_SERVER_TOKEN_KEYWORD must be one word, got {TOKEN_KEYWORD!r}'
    )
TOKEN_AUTHENTICATION = (
    'rest_framework.authentication.TokenAuthentication'
    if TOKEN_KEYWORD == 'Token'
    else 'accounts.authentication.KeywordTokenAuthentication'
)
AUTHENTICATION_CLASSES = [TOKEN_AUTHENTICATION]
if env_switch('DRF_SERVER_SESSION_AUTH_FIRST'):
    AUTHENTICATION_CLASSES.insert(0, 'rest_framework.authentication.SessionAuthentication')

PERMISSION_CLASS = (
    'rest_framework.permissions.AllowAny'
    if env_switch('DRF_SERVER_ALLOW_ANY')
    else 'rest_framework.permissions.IsAuthenticated'
)

REST_FRAMEWORK = {
    'DEFAULT_AUTHENTICATION_CLASSES': AUTHENTICATION_CLASSES,
    'DEFAULT_PERMISSION_CLASSES': [PERMISSION_CLASS],
    # Failed logins per username (accounts.throttling), counted in this process's cache.
    'DEFAULT_THROTTLE_RATES': {'failed_login': '10/min'},
    'DEFAULT_SCHEMA_CLASS': 'drf_spectacular.openapi.AutoSchema',
}

# Without it the tokens could never be revoked: DRF has no logout view of its own.
LOGOUT_ROUTE = not env_switch('DRF_SERVER_NO_LOGOUT')

# djoser's token login and logout (djoser.urls.authtoken) at auth/, beside the tutorial's
# own. They use DRF's Token model and the authentication above; the login gets the same
# throttle as the tutorial's, which djoser does not have.
DJOSER_ROUTES = env_switch('DRF_SERVER_DJOSER')
if DJOSER_ROUTES:
    if importlib.util.find_spec('djoser') is None:
        raise ImproperlyConfigured(
            'DRF_SERVER_DJOSER=1 needs djoser: sudo apt-get install python3-djoser'
        )
    INSTALLED_APPS.append('djoser')
    DJOSER = {
        # djoser's default, the user model's USERNAME_FIELD, stated: the login's field.
        'LOGIN_FIELD': 'username',
        'SERIALIZERS': {'token_create': 'accounts.djoser_serializers.TokenCreateSerializer'},
    }

# A browser app on another origin sends a preflight first, asking for the Authorization
# header; django-cors-headers' default CORS_ALLOW_HEADERS include authorization and
# content-type. Local origins (any port) are allowed, and DRF_SERVER_CORS_ORIGINS adds
# more: scheme://host[:port], comma-separated.
CORS_ALLOWED_ORIGIN_REGEXES = [r'^https?://(localhost|127\.0\.0\.1)(:\d+)?$']
CORS_ALLOWED_ORIGINS = env_list('DRF_SERVER_CORS_ORIGINS')
# A token that expires (knox's) comes with its expiry by the server's clock; the app
# reads the answer's Date to follow it by its own, and a browser hides Date from a page
# on another origin unless it is exposed.
CORS_EXPOSE_HEADERS = ['Date']

SPECTACULAR_SETTINGS = {
    'TITLE': 'Polls API',
    'DESCRIPTION': "The tutorial's polls, behind Django REST framework token authentication.",
    'VERSION': '1.0.0',
    'SERVE_INCLUDE_SCHEMA': False,
    # A request body and an answer are two components (AuthTokenRequest, AuthToken), so
    # that a generated client neither sends the read-only fields nor expects the
    # write-only ones back.
    'COMPONENT_SPLIT_REQUEST': True,
    # The schema is public: a stale key in a client's Authorization header must not turn
    # it into a 401 (drf-spectacular's view would run TokenAuthentication otherwise).
    'SERVE_AUTHENTICATION': [],
}
