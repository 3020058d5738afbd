"""Settings for the career pathways portal, driven by environment variables.

Development needs nothing set. ``DJANGO_ENV=production`` turns on the guard:
DEBUG off, a required secret key and hosts, secure cookies and HSTS, and
WhiteNoise's compressed manifest storage. See ``.env.example``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


IS_PRODUCTION = os.environ.get("DJANGO_ENV", "development").strip().lower() == "production"

if IS_PRODUCTION:
    DEBUG = False
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_ENV=production "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS must be set when DJANGO_ENV=production "
            "(a comma-separated list such as careers.example.org)."
        )
else:
    DEBUG = env_bool("DJANGO_DEBUG", default=True)
    # A development-only key: production refuses to start without its own.
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "dev-only-insecure-key-not-for-production"
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "csp",
    "axes",
    "core",
    "careers",
    "pathways",
    "search",
    "feedback",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.pagecache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pathways.redirects.MovedPageRedirectMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}

# A slow or stopped database fails fast rather than holding a worker: a connect timeout, and
# on PostgreSQL a statement and lock timeout (seconds; 0 turns one off). A persistent
# connection's health check would cost every request a `SELECT 1`, cache hits included: a
# broken connection fails its query instead (503, or the last content version read), and
# Django drops it at the end of that request.
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "2"))
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "5"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DATABASE_CONNECT_TIMEOUT,
        options=(
            f"-c statement_timeout={int(DATABASE_STATEMENT_TIMEOUT * 1000)}"
            f" -c lock_timeout={int(DATABASE_STATEMENT_TIMEOUT * 1000)}"
        ),
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", DATABASE_STATEMENT_TIMEOUT)
    # A new connection for every request, so a database file restored in place is used from
    # the next request on (a kept connection would read the replaced file until it expired).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# The content version (core.versions) is read at most once every CONTENT_VERSION_TTL
# seconds per process (0: every read; the tests' setting), waiting at most
# CONTENT_VERSION_WAIT seconds for the database before the last version read stands.
CONTENT_VERSION_TTL = float(os.environ.get("CONTENT_VERSION_TTL", "1"))
CONTENT_VERSION_WAIT = float(os.environ.get("CONTENT_VERSION_WAIT", "0.5"))
# /healthz says "degraded" when the SQLite database's disk has less free space than this.
HEALTHZ_MIN_FREE_DISK_MB = int(os.environ.get("HEALTHZ_MIN_FREE_DISK_MB", "50"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The apps whose models are content, in fixture loading order: any committed change to them
# moves the content version (core.versions), which every cache is keyed on; each has a
# fixture (fixtures/<app>.json) that `seed` loads; "Content editors" may edit them all. The
# content version itself (core.ContentVersion) is not content: core.content.NOT_CONTENT.
CONTENT_APPS = ["core", "careers", "pathways", "search"]

# Public pages are cached whole (core.pagecache.PageCacheMiddleware) in the "pages" cache,
# keyed on the content version read from the database, so every process is fresh after a
# save whether or not the cache is shared. Local memory by default; set REDIS_URL so all web
# processes share one copy. Redis calls time out fast and any cache error serves the page
# without the cache. "objects" keeps page data and fragments unpickled in each process.
REDIS_URL = os.environ.get("REDIS_URL", "")
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(60 * 60)))
CACHE_TIMEOUT_SECONDS = float(os.environ.get("CACHE_TIMEOUT_SECONDS", "0.25"))
OBJECT_CACHE = {
    "BACKEND": "core.cache.ObjectCache",
    # At most 64 MB of kept pages: a plan's whole page is about 83 KB, and the benchmark's
    # 5,000 sets of answers keep 57 MB (587 whole pages; docs/deployment.md).
    "OPTIONS": {"MAX_ENTRIES": 5000, "MAX_BYTES": 64 * 2**20},
}
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": alias,
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT_SECONDS,
                "socket_timeout": CACHE_TIMEOUT_SECONDS,
            },
        }
        for alias in ("default", "pages")
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }
CACHES["objects"] = OBJECT_CACHE
# With a shared pages cache (Redis), each process also keeps its most used pages itself.
PAGE_CACHE_LOCAL_ENTRIES = int(os.environ.get("PAGE_CACHE_LOCAL_ENTRIES", "200"))

# The admin lives at a path of the deployer's choosing (with a trailing slash).
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

# Admin sign-in (django-axes, core.lockout.LockoutHandler): 5 failures for one username from
# one address, or 20 from one address whatever the usernames, within 15 minutes lock that
# pair (or that address) for 15 minutes; an editor elsewhere can still sign in. Unlock early
# with `manage.py axes_reset_username NAME` or `manage.py axes_reset_ip ADDRESS` (or
# `axes_reset` for everything).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "core.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = 5
AXES_ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The client's address, read by django-ipware. Behind N trusted proxies (DJANGO_PROXY_COUNT)
# X-Forwarded-For holds the client's address and the N - 1 proxies after it (the nearest
# proxy is the connection's own address): ipware counts those N - 1 and takes the client's,
# and a header with anything more (a forged address) gives no address at all rather than
# the forged one. With no proxy, only the connection's own address counts.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Admin sign-in: a `next` that is not this site's lands on the admin's index, never on
# Django's default /accounts/profile/ (a 404 here). An editor's session lasts a working day.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
SESSION_COOKIE_AGE = int(float(os.environ.get("DJANGO_SESSION_HOURS", "8")) * 60 * 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Outside production, WhiteNoise serves straight from the source folders (no collectstatic).
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
WHITENOISE_AUTOREFRESH = not IS_PRODUCTION

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Public facts about the site that templates show; not secrets.
SITE_NAME = os.environ.get("SITE_NAME", "Career Pathways")
# Where visitors can write to the team (the about, privacy and accessibility pages show it);
# when empty, they point to the feedback form at the end of every page.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "").strip()
# Who runs the site: the publisher the about page names and the data controller the privacy
# notice names. When empty, both pages say plainly that it has not been set.
SITE_OPERATOR = os.environ.get("SITE_OPERATOR", "").strip()
# How many days the web server in front of the site keeps its access logs, as the operator
# set it up (the privacy notice says so); empty when not said.
SERVER_LOG_DAYS = int(os.environ["SERVER_LOG_DAYS"]) if os.environ.get("SERVER_LOG_DAYS") else None

# "Is this page useful?": how many answers one address may send in a window of minutes.
FEEDBACK_LIMIT = int(os.environ.get("FEEDBACK_LIMIT", "5"))
FEEDBACK_LIMIT_MINUTES = int(os.environ.get("FEEDBACK_LIMIT_MINUTES", "10"))

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent only over HTTPS (browsers ignore it on plain HTTP), so safe to set everywhere.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is a promise browsers keep for months whatever the site later sends: the operator
# opts in (DJANGO_HSTS_PRELOAD=true) once every subdomain is served over HTTPS.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
# `check --deploy` warns when preload is off; off is the deliberate default.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Scripts and styles from this site only: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)

if IS_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Load balancers check health over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A request with a Host header not in ALLOWED_HOSTS is anyone's to send: one WARNING line
    # each, without the traceback Django logs with it at ERROR.
    "filters": {"bad_host": {"()": "core.log_filters.BadHostFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {"django.security.DisallowedHost": {"filters": ["bad_host"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Content last reviewed longer ago than this is listed as due for review in the admin.
CONTENT_REVIEW_MONTHS = int(os.environ.get("CONTENT_REVIEW_MONTHS", "12"))
