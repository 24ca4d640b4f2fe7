"""Django settings, read from environment variables with safe defaults (see docs/settings.md)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("TECHTALENT_DATA_DIR", Path.cwd() / "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


PRODUCTION = os.environ.get("TECHTALENT_PRODUCTION", "0") == "1"


def _secret_key() -> str:
    """The secret key from TECHTALENT_SECRET_KEY, else one generated once and kept in the data folder."""
    if key := os.environ.get("TECHTALENT_SECRET_KEY"):
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "TECHTALENT_PRODUCTION=1 needs TECHTALENT_SECRET_KEY (see docs/settings.md)"
        )
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("TECHTALENT_DEBUG", "0") == "1"
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("TECHTALENT_DEBUG=1 cannot be combined with TECHTALENT_PRODUCTION=1")
ALLOWED_HOSTS = os.environ.get("TECHTALENT_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("TECHTALENT_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Behind TLS (the production profile turns these on; each can be set on its own).
_SECURE = "1" if PRODUCTION else "0"
SESSION_COOKIE_SECURE = os.environ.get("TECHTALENT_SECURE_COOKIES", _SECURE) == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = os.environ.get("TECHTALENT_SSL_REDIRECT", _SECURE) == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("TECHTALENT_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("TECHTALENT_HSTS_INCLUDE_SUBDOMAINS", _SECURE) == "1"
SECURE_HSTS_PRELOAD = os.environ.get("TECHTALENT_HSTS_PRELOAD", _SECURE) == "1"
if _proxy := os.environ.get("TECHTALENT_PROXY_SSL_HEADER", ""):
    _header, _, _value = _proxy.partition("=")
    SECURE_PROXY_SSL_HEADER = (_header.strip(), _value.strip() or "https")
    USE_X_FORWARDED_HOST = os.environ.get("TECHTALENT_USE_X_FORWARDED_HOST", "0") == "1"
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "techtalent.web",
    "techtalent.taxonomy",
    "techtalent.extraction",
    "techtalent.monitor",
    "techtalent.matching",
    "techtalent.orgs",
    "techtalent.catalog",
    "techtalent.scan",
    "techtalent.vacancies",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "techtalent.web.middleware.InterfaceLanguageMiddleware",
    "techtalent.web.request_limits.RequestSizeMiddleware",
    "techtalent.web.nul_bytes.NulByteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "techtalent.taxonomy.middleware.TaxonomyStampMiddleware",
]

ROOT_URLCONF = "techtalent.site.urls"
WSGI_APPLICATION = "techtalent.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'techtalent.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LOGIN_URL = "matching:login"
LOGIN_REDIRECT_URL = "matching:passport"
LOGOUT_REDIRECT_URL = "web:home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

CACHE_DIR = Path(os.environ.get("TECHTALENT_CACHE_DIR", DATA_DIR / "cache")).resolve()
ESCO_DIR = os.environ.get("ESCO_DIR", "")
DERIVE_WITH_DICTIONARY = os.environ.get("TECHTALENT_DERIVE_DICTIONARY", "1") == "1"

# Uploads stop at the limit while they stream in; bodies above it are refused from their Content-Length.
FILE_UPLOAD_HANDLERS = [
    "techtalent.web.request_limits.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
CSRF_FAILURE_VIEW = "techtalent.web.errors.csrf_failure"

# Requests per client (signed-in user, else address) and window: "N/s", "N/m", "N/h" or "N/d"; empty = off.
THROTTLE_RATES = {
    "login": os.environ.get("TECHTALENT_THROTTLE_LOGIN", "10/m"),
    "signup": os.environ.get("TECHTALENT_THROTTLE_SIGNUP", "10/h"),
    "extract": os.environ.get("TECHTALENT_THROTTLE_EXTRACT", "60/m"),
    "match": os.environ.get("TECHTALENT_THROTTLE_MATCH", "120/m"),
}
# Throttle counts live in this cache: per server process by default; a folder shares them between processes.
_CACHE_DIR = os.environ.get("TECHTALENT_THROTTLE_CACHE_DIR", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": _CACHE_DIR}
        if _CACHE_DIR
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "techtalent"}
    )
}
# Clients are told apart by REMOTE_ADDR; behind N proxies set TECHTALENT_NUM_PROXIES=N to use X-Forwarded-For.
NINJA_NUM_PROXIES = int(os.environ.get("TECHTALENT_NUM_PROXIES", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TECHTALENT_LOG_LEVEL", "WARNING")},
}
