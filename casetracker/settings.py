"""Settings for CaseTracker, read from the environment (see .env.example).

With no environment at all this is the embedded default: a SQLite file under var/
and Celery tasks run in-process. Production sets DATABASE_URL (PostgreSQL),
CELERY_BROKER_URL (Redis), SECRET_KEY and ALLOWED_HOSTS.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# The process environment wins over .env; READ_DOT_ENV=false ignores the file (tests).
if env.bool("READ_DOT_ENV", default=True):
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-only")
else:
    # No default: a production server must never run on a known key.
    SECRET_KEY = env.str("SECRET_KEY")
# Fernet keys for sensitive fields, newest first: only the first encrypts, all
# decrypt, so a new key goes in front and `manage.py rotate_keys` re-encrypts.
if DEBUG:
    FIELD_ENCRYPTION_KEYS = env.list(
        "FIELD_ENCRYPTION_KEYS",
        default=["Y2FzZXRyYWNrZXItZGV2LWtleS1uZXZlci1pbi11c2U="],
    )
else:
    FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin with our site (the dashboard, sections ordered for work).
    "casetracker.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_countries",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "casetracker.apps.SignInAttemptsConfig",  # django-axes, named for people
    "django_otp",
    "casetracker.apps.TwoFactorDevicesConfig",  # django_otp.plugins.otp_totp
    "csp",
    "accounts",
    "cases",
    "sources",
    "api",
    "audit",
    "pfif",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outermost after static files: every answer gets the headers, lockouts too.
    "csp.middleware.CSPMiddleware",
    "casetracker.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The browser's language, or the one chosen on this device.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Once the user is known: the language they chose, on any device.
    "accounts.languages.UserLanguageMiddleware",
    "accounts.middleware.SessionPolicyMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Writes access log entries after the request's transaction (audit/).
    "audit.middleware.AccessLogMiddleware",
    # Last, as django-axes asks: turns a lockout into its answer (accounts/lockout.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "casetracker.urls"
WSGI_APPLICATION = "casetracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Project-wide template overrides (the admin's user menu, Swagger UI).
        "DIRS": [BASE_DIR / "casetracker" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'casetracker.sqlite3'}"
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The laptop serves concurrent requests (the admin's autocomplete, two
    # gunicorn workers): readers never wait for the writer (WAL), and every
    # transaction takes the write lock when it begins, waiting up to 20 s for it,
    # rather than failing with "database is locked" when it first writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
    # A file, not Django's in-memory default: with an in-memory database the
    # test server's threads share one connection, and two requests at once (the
    # admin's autocomplete) collide in "cannot start a transaction within a
    # transaction". With a file each thread has its own, as on the laptop.
    DATABASES["default"].setdefault("TEST", {"NAME": str(VAR_DIR / "test.sqlite3")})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out login before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# At least 12 characters (OWASP ASVS 2.1.1), not a common or an all-digit one.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}", "OPTIONS": options}
    for name, options in (
        ("UserAttributeSimilarityValidator", {}),
        ("MinimumLengthValidator", {"min_length": 12}),
        ("CommonPasswordValidator", {}),
        ("NumericPasswordValidator", {}),
    )
]

LANGUAGE_CODE = "en"
# The languages of the people who use CaseTracker, each named in itself.
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("kk", "Қазақша"),
    ("ug", "ئۇيغۇرچە"),
    ("tr", "Türkçe"),
    ("zh-hans", "简体中文"),
]
# Our catalogues, built from locale/*/LC_MESSAGES/django.po by `make`; then
# the Kazakh messages Django's own admin lacks (locale_django), which Django
# merges message by message with its own.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_django"]
# Date and number formats for the languages Django has none for (Kazakh).
FORMAT_MODULE_PATH = ["casetracker.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# The project's own static files (the favicon); the apps' come from their folders.
STATICFILES_DIRS = [BASE_DIR / "casetracker" / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
EVIDENCE_ROOT = env.path("EVIDENCE_ROOT", default=VAR_DIR / "evidence")
# The domain of this database's PFIF record ids (domain/local-id): a name the
# group controls, so that no other repository issues the same ids.
PFIF_DOMAIN = env.str("PFIF_DOMAIN", default="casetracker.invalid")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Captured articles (bodies and WARC records): never served, never modified.
    "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": EVIDENCE_ROOT},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# The cache holds API throttle counts: shared (Redis) when several processes serve.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Security headers. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Preloading HSTS binds the operator's whole domain for months and is hard to undo:
# that is each operator's decision (SECURE_HSTS_PRELOAD=true), not a default.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no covering indexes: PersonNameKey's index is made there without
    # the INCLUDE column, which serves PostgreSQL's index-only scans.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Reverse proxies in front of Django that append to X-Forwarded-For: 0 means the
# client connects directly and the header (which anyone can send) is ignored.
PROXY_COUNT = env.int("PROXY_COUNT", default=1 if BEHIND_TLS_PROXY else 0)
# The dashboard's map: a tile server such as
# https://tile.openstreetmap.org/{z}/{x}/{y}.png (its terms permitting), or none
# for country outlines from our own static files, which work offline.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")


def tile_source(url: str) -> str:
    """Return the CSP source of a tile URL: its scheme and host, {s} a wildcard."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0].replace('{s}', '*')}"


MAP_TILE_SOURCES = [tile_source(MAP_TILE_URL)] if MAP_TILE_URL else []
# Scripts, styles and images from this site only; the few inline ones carry the
# request's nonce (Swagger UI's, in casetracker/templates/). No framing, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # data: for the QR code of two-factor setup and Swagger UI's icons;
        # the map's tile server when one is set.
        "img-src": [SELF, "data:", *MAP_TILE_SOURCES],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Sessions (browser logins; the API's tokens are separate). A login lasts at most
# SESSION_COOKIE_AGE and ends after SESSION_IDLE_TIMEOUT without a request
# (accounts/sessions.py); closing the browser ends it too.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Two-factor authentication (django-otp, TOTP): every browser login must also give
# a code from an authenticator app. Off in development so `make run` logs in with
# the password alone.
OTP_REQUIRED_FOR_STAFF = env.bool("OTP_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "CaseTracker"

# Login lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is refused for AXES_COOLOFF_TIME hours.
# The pair, not the username alone: an attacker elsewhere cannot lock a case
# worker out of their own account (see docs/security.md, "Login").
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_TIME", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# The client's address: REMOTE_ADDR, or behind PROXY_COUNT proxies the address the
# outermost one saw, counted from the right of X-Forwarded-For. The proxy nearest
# us is REMOTE_ADDR, not in the header, so ipware counts one fewer. Not strict: what
# a client writes into the header itself, left of our proxies' entries, is skipped.
# X-Forwarded-For alone: ipware would otherwise prefer a public REMOTE_ADDR (the
# proxy's) to a client's private address.
if PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR"]
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
IPWARE_STRICT = False

# Celery: with no broker, tasks run in-process (the embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Our tasks are idempotent, so a task lost with its worker is safely run again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose worker died is delivered again after this many seconds (Redis);
# workers look for such tasks every minute (or sooner, for a shorter timeout).
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": min(CELERY_VISIBILITY_TIMEOUT, 60),
    "unacked_restore_throttle": 1,
}
CELERY_BEAT_SCHEDULE = {
    "poll-feeds": {"task": "sources.tasks.poll_feeds", "schedule": 15 * 60},
    "sweep-new-names": {"task": "sources.tasks.sweep_new_names", "schedule": 60},
    "resume-stalled-imports": {
        "task": "sources.tasks.resume_stalled_imports",
        "schedule": 5 * 60,
    },
    # Suggestions only: a case worker decides every merge.
    "find-duplicate-persons": {
        "task": "cases.tasks.find_duplicate_persons",
        "schedule": crontab(hour=3, minute=0),
    },
}

SIMPLE_HISTORY_REVERT_DISABLED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # httpx logs every request at INFO: the import logs what matters itself.
    # axes.apps announces itself at every start, manage.py commands included.
    "loggers": {
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},
    },
}

# Article import (sources): fetching, extraction.
# Networks (CIDR) fetched from although loopback, private or reserved: none by
# default; tests allow 127.0.0.1/32 for their local server.
SOURCES_FETCH_ALLOWED_NETWORKS = env.list("SOURCES_FETCH_ALLOWED_NETWORKS", default=[])
SOURCES_FETCH_MAX_BYTES = env.int("SOURCES_FETCH_MAX_BYTES", default=10 * 1024 * 1024)
SOURCES_FETCH_CONNECT_TIMEOUT = env.float("SOURCES_FETCH_CONNECT_TIMEOUT", default=10.0)
SOURCES_FETCH_READ_TIMEOUT = env.float("SOURCES_FETCH_READ_TIMEOUT", default=30.0)
SOURCES_FETCH_MAX_REDIRECTS = 5
SOURCES_FETCH_USER_AGENT = env.str(
    "SOURCES_FETCH_USER_AGENT",
    default="CaseTracker/0.1 (human-rights documentation; archives cited articles)",
)
SOURCES_EXTRACTION_TIME_LIMIT = env.int("SOURCES_EXTRACTION_TIME_LIMIT", default=30)

# REST API (api): policy in one place.
# The changes feed serves history this many seconds old and older, so that a
# transaction still open when a client reads cannot commit a change behind it.
API_CHANGES_SETTLE_SECONDS = env.float("API_CHANGES_SETTLE_SECONDS", default=5.0)
REST_FRAMEWORK: dict[str, object] = {
    # Token first: its challenge makes a request without credentials a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "api.permissions.TokenScope",
        "api.permissions.ModelPermissions",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "api.renderers.CSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.ContentNegotiation",
    "DEFAULT_FILTER_BACKENDS": ["api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.KeysetPagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonRateThrottle",
        "api.throttling.UserRateThrottle",
    ],
    # Counted in the default cache: per process unless CACHES points at Redis.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "user": env.str("API_THROTTLE_USER", default="1200/minute"),
    },
    "EXCEPTION_HANDLER": "api.exceptions.handle_exception",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Coordinates as JSON numbers, as in case bundles.
    "COERCE_DECIMAL_TO_STRING": False,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CaseTracker API",
    "DESCRIPTION": (
        "Cases of enforced disappearance, their persons, detentions and sources. "
        "Guide: [/api/v1/guide/](/api/v1/guide/) (docs/api.md): how to pull "
        "every case, export everything and keep a copy in sync."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Request bodies without the read-only fields of the answers.
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "FacilityKindEnum": "cases.models.FacilityKind",
        "DetentionKindEnum": "cases.models.DetentionKind",
        "NameKindEnum": "cases.models.NameKind",
        "SubmittedByEnum": "cases.models.SubmittedBy",
        "CountryEnum": "django_countries.countries",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_answers",
        "api.schema.describe_parameters",
        "api.schema.state_what_is_refused",
    ],
    # Swagger UI's files from our own static files: no third-party CDN learns
    # who reads the API documentation.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
