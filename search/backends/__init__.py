"""Search backends: what ``search.facade`` dispatches to, and the contract they share.

``settings.SEARCH_BACKEND`` names one: ``database`` (the default, the site's
own database) or ``elasticsearch`` (when ``ELASTICSEARCH_URL`` is set). The
Elasticsearch backend is imported only when chosen, so its client library is
never loaded on a site that does not use it.

Both subclass ``Backend`` and return the same types from every method, so
``manage.py search_index`` and ``search.facade`` never ask which one they have.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from django.conf import settings


class SearchUnavailable(Exception):
    """The search engine could not answer (down, hanging, overloaded): the
    page shows "search temporarily unavailable" and the API answers 503."""


class IndexWriteFailed(Exception):
    """The index refused documents during a rebuild or sync (a bug in a
    document, not a busy server): the command stops and says which."""


@dataclass
class IndexDifferences:
    """What ``verify`` found between the visible contributions and the index (post ids).

    Empty (false) when they are in step. Iterating gives one line per
    difference, as ``search_index verify`` prints them.
    """

    missing: list[int] = field(default_factory=list)  # a visible contribution the index lacks
    extra: list[int] = field(default_factory=list)  # indexed as findable, not a visible contribution
    stale: list[int] = field(default_factory=list)  # indexed from an older state of the post (or analysis)
    other: list[str] = field(default_factory=list)  # the index's own faults, not tied to one post

    def __bool__(self):
        return bool(self.missing or self.extra or self.stale or self.other)

    def __len__(self):
        return len(self.missing) + len(self.extra) + len(self.stale) + len(self.other)

    def __iter__(self):
        for pk in self.missing:
            yield f"post {pk}: visible contribution missing from the index"
        for pk in self.extra:
            yield f"post {pk}: indexed as findable but not a visible contribution"
        for pk in self.stale:
            yield f"post {pk}: indexed from an older version of the post or of the analysis"
        yield from self.other

    def post_ids(self):
        """Every post a ``sync`` has to index again (or forget)."""
        return sorted({*self.missing, *self.extra, *self.stale})


@dataclass
class RebuildReport:
    """What ``rebuild`` did: how many contributions it indexed, and where."""

    documents: int
    index: str = ""  # the new concrete index, when the backend builds one and swaps to it
    replaced: list[str] = field(default_factory=list)  # the indices it replaced (then deleted)
    batch_sizes: list[int] = field(default_factory=list)

    def __iter__(self):
        """Lines for operators beyond the count (empty for the database)."""
        if self.index:
            replaced = ", ".join(self.replaced) or "none"
            yield f"Now searching {self.index} (replaced: {replaced})."


BACKENDS = {
    "database": "search.backends.database.DatabaseBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}


class Backend(ABC):
    """What every backend does. ``visible_forum_ids`` are the forums the viewer
    may read; a backend returns only approved posts of approved topics there
    (``forum.visibility``), whatever its index says."""

    name = ""

    @abstractmethod
    def search(self, query, visible_forum_ids):
        """→ ``search.query.SearchResult`` for a ``ContributionQuery``."""

    @abstractmethod
    def matching_ids(self, query, visible_forum_ids):
        """→ post ids of every visible match, newest first (no ranking, no hits)."""

    @abstractmethod
    def index(self, post_ids):
        """Bring these posts' entries up to date (or remove them), in the caller's transaction."""

    @abstractmethod
    def remove(self, post_ids):
        """Forget these posts (deleted, or no longer contributions)."""

    def campaigns_changed(self, post_ids):
        """These posts' campaign or representative changed (``search.campaigns``).
        The database backend reads the campaign tables at query time: nothing to do."""
        return

    @abstractmethod
    def rebuild(self, progress=None):
        """Index every contribution from scratch → ``RebuildReport``;
        ``progress(n)`` is called after each batch of n posts."""

    @abstractmethod
    def sync(self, progress=None):
        """Index what is missing or stale, forget what should not be there →
        how many posts were touched (``int``); afterwards ``verify`` is empty."""

    @abstractmethod
    def status(self):
        """→ dict of figures for operators; always ``backend``, ``documents`` and ``contributions``."""

    @abstractmethod
    def verify(self):
        """→ ``IndexDifferences`` between the visible contributions and the index (empty: in step)."""


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
