"""Search backends: what ``search.api`` dispatches to.

``settings.SEARCH_BACKEND`` names one: ``database`` (the default, the site's
own database) or ``elasticsearch`` (when ``ELASTICSEARCH_URL`` is set). The
Elasticsearch backend is imported only when chosen, so its client library is
never loaded on a site that does not use it.
"""

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from django.conf import settings


class SearchUnavailable(Exception):
    """The search engine could not answer (down, hanging, overloaded): the
    page shows "search temporarily unavailable" and the API answers 503."""


@dataclass
class IndexDifferences:
    """What ``verify`` found between the database and the index (post ids)."""

    missing: list[int] = field(default_factory=list)  # in the database, not in the index
    extra: list[int] = field(default_factory=list)  # in the index, not in the database
    stale: list[int] = field(default_factory=list)  # in both, with different content

    def __bool__(self):
        return bool(self.missing or self.extra or self.stale)


BACKENDS = {
    "database": "search.backends.database.DatabaseBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}


class Backend:
    """What every backend does. ``visible_forum_ids`` are the forums the viewer
    may read; a backend returns only approved posts of approved topics there."""

    name = ""

    def search(self, query, visible_forum_ids):
        """→ ``search.query.SearchResult`` for a ``ContributionQuery``."""
        raise NotImplementedError

    def index(self, post_ids):
        """Bring these posts' entries up to date (or remove them), in the caller's transaction."""
        raise NotImplementedError

    def remove(self, post_ids):
        """Forget these posts (deleted, or no longer contributions)."""
        raise NotImplementedError

    def rebuild(self, progress=None):
        """Index everything from scratch; ``progress(n)`` is called after each batch of n posts."""
        raise NotImplementedError

    def sync(self, progress=None):
        """Index what is missing or stale, forget what is gone; returns how many posts were touched."""
        raise NotImplementedError

    def status(self):
        """→ dict of figures for operators (counts, versions)."""
        raise NotImplementedError

    def verify(self):
        """→ list of differences between the visible contributions and the index (empty: in step)."""
        raise NotImplementedError


def _load(dotted):
    module, _dot, name = dotted.rpartition(".")
    return getattr(import_module(module), name)


@cache
def _backend(name):
    try:
        dotted = BACKENDS[name]
    except KeyError:
        raise ValueError(f"Unknown SEARCH_BACKEND {name!r}; choose one of {', '.join(BACKENDS)}") from None
    return _load(dotted)()


def get_backend(name=None):
    """The configured backend (one instance per process and name)."""
    return _backend(name or getattr(settings, "SEARCH_BACKEND", "database"))
