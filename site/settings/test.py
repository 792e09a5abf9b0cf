"""Test profile: what pytest uses. Fast hashing, in-memory e-mail, no DEBUG."""

import atexit
import shutil
import tempfile

from .base import *  # noqa: F403
from .base import CACHES, DURABLE_CACHE, VAR_DIR, env

DEBUG = False
SECRET_KEY = "test-only-key-0a1b2c3d4e5f"  # noqa: S105 (tests only)
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "test-media"))
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "test-private"))
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files come from the apps' folders through the finders; tests never
# run collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# The site's own durable cache, in a directory of this test run: two runs at
# once (SQLite, PostgreSQL) must not clear each other's rate-limit counters.
_cache_dir = tempfile.mkdtemp(prefix="hub-test-cache-")
atexit.register(shutil.rmtree, _cache_dir, ignore_errors=True)
if CACHES["default"]["BACKEND"] == DURABLE_CACHE["BACKEND"]:
    CACHES = {**CACHES, "default": {**DURABLE_CACHE, "LOCATION": _cache_dir}}
if CACHES["pages"]["BACKEND"].endswith("PageFileCache"):
    CACHES = {**CACHES, "pages": {**CACHES["pages"], "LOCATION": f"{_cache_dir}/pages"}}
# A trained objective model is written only where a test says; the default
# path is this run's own, so the site's var/ model never answers a test.
_model_dir = tempfile.mkdtemp(prefix="hub-test-objective-model-")
atexit.register(shutil.rmtree, _model_dir, ignore_errors=True)
OBJECTIVE_SUGGESTER_PATH = f"{_model_dir}/objective-suggester.joblib"
# The open data's files, likewise: a dump from `make run` in var/ never
# answers a test's download.
_open_data_dir = tempfile.mkdtemp(prefix="hub-test-open-data-")
atexit.register(shutil.rmtree, _open_data_dir, ignore_errors=True)
OPEN_DATA_DIR = f"{_open_data_dir}/open-data"
