"""Configuration a deployment relies on: production checks, imports, catalogues."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "siteconf.settings.production",
    "SECRET_KEY": "x7$k2!production-like-secret-key-with-enough-length-and-variety-93",
    "ALLOWED_HOSTS": "hub.example.org",
    "DATABASE_URL": "sqlite:////tmp/hub-deploy-check.sqlite3",
}


def run_manage(*args, env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "services",
    [
        {},
        # What compose.yaml gives the web service (nothing is contacted by the checks).
        {
            "DATABASE_URL": "postgres://hub:secret@postgres:5432/hub",
            "CACHE_URL": "redis://redis:6379/0",
            "ELASTICSEARCH_URL": "http://elasticsearch:9200",
            "BEHIND_TLS_PROXY": "1",
        },
    ],
    ids=["sqlite", "postgres-redis-elasticsearch"],
)
def test_production_settings_pass_the_deployment_checks(services):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides={**PRODUCTION_ENV, **services}
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    env["SECRET_KEY"] = ""
    result = run_manage("check", env_overrides={**env, "SECRET_KEY": ""})
    assert result.returncode != 0


def test_machinas_haystack_search_is_never_imported():
    code = (
        "import django, sys; django.setup(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "import siteconf.urls; print('haystack' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "siteconf.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_catalogue_translates_every_string(language):
    catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (make test installs it)")
def test_catalogues_hold_every_string_marked_in_the_code(tmp_path):
    """Extract the strings afresh and compare with the committed catalogues."""
    for name in ("hub", "forum", "search", "site", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    shutil.copy(ROOT / "siteconf.py", tmp_path)
    (tmp_path / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "siteconf.settings.test"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ar", "--no-location"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        check=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(tmp_path / "locale/ar/LC_MESSAGES/django.po"))}
    for language in ("ar", "fr"):
        committed = {e.msgid for e in polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES/django.po"))}
        missing = sorted(fresh - committed)
        assert not missing, f"{language} catalogue lacks {missing} (run make messages)"


@pytest.mark.parametrize(
    ("services", "backend"),
    [
        ({}, "hub.core.cache.DurableFileCache"),
        ({"CACHE_URL": "redis://redis:6379/0"}, "django.core.cache.backends.redis.RedisCache"),
    ],
    ids=["no-cache-url", "redis"],
)
def test_production_keeps_rate_limits_in_a_cache_that_drops_no_live_entry(services, backend):
    """Without CACHE_URL no local-memory cache (300 entries, per process): the
    rate limits' counters would be forgotten under a bot's load."""
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        env_overrides={**PRODUCTION_ENV, **services},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == backend
