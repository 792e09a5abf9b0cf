"""Settings of the search peers benchmark (tests/benchmarks/search_peers.py):
the development profile plus django-haystack and machina's own search app,
whose Whoosh index goes to ``BENCH_WHOOSH_PATH`` (under var/bench/). Only the
benchmark uses it; the product's settings do not change."""

import os

from siteconf.settings.dev import *  # noqa: F403
from siteconf.settings.dev import BASE_DIR, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "haystack", "machina.apps.forum_search"]

HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": os.environ.get("BENCH_WHOOSH_PATH", str(BASE_DIR / "var" / "bench" / "whoosh")),
    }
}
# Index only what the benchmark sends (no indexing on save).
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
