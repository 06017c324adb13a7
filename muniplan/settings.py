"""MuniPlan settings: everything comes from the environment; with nothing set it runs on SQLite."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from muniplan.lib.secret_key import secret_key

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("MUNIPLAN_VAR_DIR", BASE_DIR.parent / "var"))

DEBUG = os.environ.get("MUNIPLAN_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("MUNIPLAN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("MUNIPLAN_CSRF_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
    "muniplan.accounts",
    "muniplan.audit",
    "muniplan.plans",
    "muniplan.resolutions",
    "muniplan.transfer",
    "muniplan.documents",
    "csp",
    "axes",
    "muniplan.execution",
    "muniplan.control",
    "muniplan.publishing",
    "ninja",  # serves the API docs' Swagger files itself: the machines are offline
    "muniplan.reports",
    "muniplan.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "muniplan.lib.middleware.HugeNumberMiddleware",
    "muniplan.lib.middleware.MethodNotAllowedPage",
    "muniplan.lib.middleware.HtmxLoginRedirect",
    "axes.middleware.AxesMiddleware",  # last: it turns a refused login into the lockout page
]

ROOT_URLCONF = "muniplan.urls"
WSGI_APPLICATION = "muniplan.wsgi.application"

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
                "muniplan.accounts.context_processors.roles",
            ],
        },
    },
]

_default_sqlite = f"sqlite:///{VAR_DIR / 'muniplan.sqlite3'}"
if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(
        parents=True, exist_ok=True
    )  # the embedded database needs its folder on a fresh clone
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_sqlite))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

# Production (a server database, debug off) refuses to start without MUNIPLAN_SECRET_KEY; the embedded
# default keeps its own random key in var/secret_key.
SECRET_KEY = secret_key(
    environ_key=os.environ.get("MUNIPLAN_SECRET_KEY"),
    embedded=DEBUG or DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3",
    key_file=VAR_DIR / "secret_key",
)

# Background work (reminders, batch imports) goes through Django's Tasks API. The embedded default
# queues in the database, so `make run` needs no broker; tests run tasks at once.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    # Several app servers share one Redis queue; workers run
    # `muniplan rqworker --job-class django_tasks_rq.Job default`.
    "rq": "django_tasks_rq.RQBackend",
}
RQ_QUEUES = {"default": {"URL": os.environ.get("MUNIPLAN_REDIS_URL", "redis://127.0.0.1:6379/0")}}
# Exports of larger plans than these (activities) run in the background with a progress page.
MUNIPLAN_EXPORT_BACKGROUND_ACTIVITIES = int(
    os.environ.get("MUNIPLAN_EXPORT_BACKGROUND_ACTIVITIES", 300)
)
MUNIPLAN_EXPORT_BACKGROUND_PDF = int(os.environ.get("MUNIPLAN_EXPORT_BACKGROUND_PDF", 100))
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("MUNIPLAN_TASKS", "database")]}}

# Mail (reminder digests): SMTP when MUNIPLAN_EMAIL_HOST is set, else printed to the console.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("MUNIPLAN_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("MUNIPLAN_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("MUNIPLAN_EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("MUNIPLAN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("MUNIPLAN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("MUNIPLAN_EMAIL_TLS") == "1"
EMAIL_USE_SSL = os.environ.get("MUNIPLAN_EMAIL_SSL") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("MUNIPLAN_EMAIL_FROM", "MuniPlan <muniplan@localhost>")
# Where the installation is reached: links in e-mails, calendar feeds and files made outside a request.
MUNIPLAN_SITE_URL = os.environ.get("MUNIPLAN_SITE_URL", "http://127.0.0.1:8000")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "muniplan.accounts.passwords.SimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "muniplan.accounts.lockout.LockoutBackend",  # first: a locked-out login is refused before the password is checked
    "muniplan.accounts.backends.ModelBackend",
]
LOGIN_URL = "accounts-login"
LOGIN_REDIRECT_URL = "plans-list"
LOGOUT_REDIRECT_URL = "accounts-login"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = os.environ.get("MUNIPLAN_TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static"
]  # muniplan.css and vendor/htmx.min.js: the project is no app
MEDIA_ROOT = Path(os.environ.get("MUNIPLAN_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: uploads go through access-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

# Uploads: a plan document is small; 20 MB is generous and anything larger is refused by name.
MUNIPLAN_MAX_UPLOAD_BYTES = int(os.environ.get("MUNIPLAN_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Several app servers share one cache and the sessions through Redis; without it (`make run`, the
# tests) each process keeps its own memory cache and sessions live in the database.
if os.environ.get("MUNIPLAN_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["MUNIPLAN_REDIS_URL"],
            "KEY_PREFIX": "muniplan",
        }
    }
    # Read from Redis, written through to the database: a restarted Redis signs no one out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if os.environ.get("MUNIPLAN_HTTPS") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("MUNIPLAN_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("MUNIPLAN_HSTS_SECONDS", 365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading HSTS is the domain owner's decision, made by submitting the domain; not a setting.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Behind a proxy (nginx) the client's address and scheme come from the headers the proxy sets; the
# proxy must overwrite X-Forwarded-Proto and append to X-Forwarded-For.
BEHIND_PROXY = os.environ.get("MUNIPLAN_BEHIND_PROXY", os.environ.get("MUNIPLAN_HTTPS", "")) == "1"
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script anywhere: JavaScript comes from our static files only. Inline style attributes remain
# in a few templates and htmx adds its indicator style, so styles may be inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Login protection (django-axes): five wrong passwords lock the login, and separately the address, for
# 30 minutes; an administrator of the person's organization can unlock earlier, on its page.
AXES_FAILURE_LIMIT = int(os.environ.get("MUNIPLAN_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = float(os.environ.get("MUNIPLAN_LOGIN_LOCKOUT_HOURS", 0.5))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "muniplan.accounts.lockout.locked_out_page"
AXES_CLIENT_IP_CALLABLE = "muniplan.accounts.lockout.client_address"

LOG_LEVEL = os.environ.get("MUNIPLAN_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_one_line": {"()": "muniplan.lib.logs.ClientErrorsOneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["client_errors_one_line"]}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own "django" handlers would write each 403/404 a second time (and mail in production):
    # its records go to the one console handler above, once.
    "loggers": {"django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}},
}
