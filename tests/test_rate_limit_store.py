"""Rate limits remember while their window lasts, however many other keys
the cache holds: a bot's hundreds of searches used to push a locked-out
login and a refused export out of the local-memory cache (300 entries)."""

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

from hub.core.cache import DurableFileCache
from search.ratelimit import consume

from .test_accounts import PASSWORD

pytestmark = pytest.mark.django_db

OTHERS = 1000


def a_thousand_other_clients():
    """The counters of 1,000 other addresses, written as their searches write them."""
    for i in range(OTHERS):
        consume("search", f"ip:10.1.{i // 256}.{i % 256}", "15/m")


def test_a_locked_out_login_stays_locked_after_a_thousand_other_keys(client, verified_user):
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": verified_user.email, "password": "wrong"})
    a_thousand_other_clients()
    response = client.post("/en/accounts/login/", {"login": verified_user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


@override_settings(SEARCH_EXPORT_RATE_LIMITS={"anonymous": "2/h", "authenticated": "3/h"})
def test_a_refused_export_stays_refused_after_a_thousand_other_keys(client):
    for _attempt in range(2):
        b"".join(client.get("/en/search/export/csv/").streaming_content)
    assert client.get("/en/search/export/csv/").status_code == 429
    a_thousand_other_clients()
    response = client.get("/en/search/export/csv/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1


def test_the_store_drops_expired_entries_only(tmp_path):
    store = DurableFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10}})
    store.set("gone", 1, timeout=-1)
    store._createdir()
    for i in range(50):
        store.set(f"live{i}", i, timeout=60)
    assert all(store.get(f"live{i}") == i for i in range(50))
    assert len(store._list_cache_files()) == 50


def test_without_cache_url_every_profile_uses_the_durable_store():
    assert django_settings.CACHES["default"]["BACKEND"] == "hub.core.cache.DurableFileCache"
