"""Search backends behind the one query API (minimal version from the
Elasticsearch branch; the database branch holds the full one — merge there).

Every backend offers: ``search(query, visible_forum_ids) -> SearchResult``,
``index(post_ids)``, ``remove(post_ids)``, ``rebuild(progress)``,
``status()`` and ``verify()``.
"""

from dataclasses import dataclass, field
from typing import Protocol


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


class SearchBackend(Protocol):
    def search(self, query, visible_forum_ids): ...

    def index(self, post_ids): ...

    def remove(self, post_ids): ...

    def rebuild(self, progress=None): ...

    def status(self): ...

    def verify(self): ...
