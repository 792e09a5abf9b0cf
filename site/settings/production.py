"""Production profile: secure by default; secrets and hosts come from the environment.

Served by ``gunicorn -c site/gunicorn.conf.py siteconf.wsgi`` with static
files from whitenoise (after ``manage.py collectstatic``), PostgreSQL
(``DATABASE_URL``), an optional Redis cache (``CACHE_URL=redis://…``),
Elasticsearch when ``ELASTICSEARCH_URL`` is set, and the workers
``manage.py db_worker --backend background`` and (with Elasticsearch)
``manage.py search_worker``; see the README's "Production" section.

``manage.py check --deploy --fail-level WARNING`` passes once SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL are set (see the README's table).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, env

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")  # required: no default in production
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")  # required
if len(SECRET_KEY) < 50 or not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production needs SECRET_KEY (50+ characters) and ALLOWED_HOSTS.")

# ---------------------------------------------------------------- HTTPS, cookies, headers

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Set when a TLS-terminating proxy sets X-Forwarded-Proto.
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Secure, HttpOnly (session) and SameSite=Lax (base) cookies.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# The Content-Security-Policy, nosniff, Referrer-Policy and
# Cross-Origin-Opener-Policy come from base (site/security.py).

# ---------------------------------------------------------------- database and cache

# Each gunicorn worker keeps its connection for a minute and checks it before
# reuse. (Copies, not changes: base's dictionaries are shared with every profile.)
DATABASES = {
    **DATABASES,
    "default": {
        **DATABASES["default"],
        "CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
    },
}

# CACHE_URL=redis://host:6379/0 selects Django's own Redis backend (the
# `redis` package); without it the workers of this machine share a file
# cache that drops no live entry, so rate limits hold (hub/core/cache.py).
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis outage must not hang requests: calls to the cache fail after a
    # second instead of waiting for the operating system's TCP timeouts.
    redis_options = {**CACHES["default"].get("OPTIONS", {}), "socket_connect_timeout": 1, "socket_timeout": 1}
    CACHES = {**CACHES, "default": {"KEY_PREFIX": "hub", **CACHES["default"], "OPTIONS": redis_options}}

# ---------------------------------------------------------------- static files

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# ---------------------------------------------------------------- logs

# Errors (with their traceback) go to standard error, where the process
# manager collects them; gunicorn writes the access log to standard output.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
