"""The one contribution query API: what callers ask and what they get back.

Views, the JSON API, exports, analysis papers and the forum's search box
build a ``ContributionQuery`` and call ``search(query, viewer)`` (in
``search.facade``); the backend — the database (default) or Elasticsearch —
is chosen by configuration, never by the caller.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# The one limit on a query's text, on every surface (site search, contribution
# search and the spaces' search box, JSON API, exports, saved searches, alerts,
# analysis papers, both backends): longer text is cut, never refused, except
# in the paper form, which says so (Django's own message, translated).
MAX_QUERY_CHARS = 500


def query_text(raw):
    """A query's text as every surface takes it: NULs removed (PostgreSQL
    refuses them), cut at MAX_QUERY_CHARS, trimmed."""
    return raw.replace("\x00", "")[:MAX_QUERY_CHARS].strip()


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"


# Every filter dimension, as named in URLs, the JSON API and facet results.
FACETS = ("region", "topic", "objective", "group", "country", "language", "type", "has_attachment")


@dataclass(frozen=True)
class ContributionQuery:
    """Query text, filters, sort and page. Filter values are stable keys:
    region / stakeholder-group / type slugs, objective numbers, ISO country
    codes, language codes, topic ids. Within a dimension values are OR-ed;
    dimensions are AND-ed."""

    text: str = ""
    regions: frozenset[str] = frozenset()
    topics: frozenset[int] = frozenset()
    objectives: frozenset[int] = frozenset()
    groups: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    has_attachment: bool | None = None
    # Also find contributions in the other languages, through the GCM
    # thesaurus (search.crosslanguage); on unless the searcher turns it off.
    cross_language: bool = True
    # Campaigns (search.campaigns): show one contribution per campaign (its
    # earliest), so totals count voices; or only one campaign's contributions.
    collapse_campaigns: bool = False
    campaign: int | None = None
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    page_size: int = PAGE_SIZE

    def filters(self):
        """The filters that are set, by facet name (for chips and URLs)."""
        values = {
            "region": self.regions,
            "topic": self.topics,
            "objective": self.objectives,
            "group": self.groups,
            "country": self.countries,
            "language": self.languages,
            "type": self.types,
        }
        return {name: value for name, value in values.items() if value}


@dataclass(frozen=True)
class ThroughConcept:
    """How a hit found only through the thesaurus matched: the concept (its
    key, and its preferred term in the reader's language) and the concept's
    terms found in the hit."""

    concept: str
    label: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    post_id: int
    url: str
    topic_id: int
    topic_subject: str
    region: str  # slug
    type: str
    objectives: tuple[int, ...]
    language: str
    stakeholder_group: str | None
    organisation: str
    country: str | None  # ISO code
    author_name: str
    created: datetime
    external_id: str | None
    # Plain text with the matches marked by « and » characters replaced at
    # display time by <mark>; never HTML, so it is escaped like any user text.
    snippet: str
    has_attachment: bool = False
    # Empty when the hit matched the query's own words; otherwise the
    # concepts through which cross-language search found it.
    through: tuple[ThroughConcept, ...] = ()
    # (campaign id, its size) when near-identical contributions from other
    # authors make it one of a campaign (search.campaigns), else None.
    campaign: tuple[int, int] | None = None


@dataclass(frozen=True)
class FacetCount:
    value: str  # the stable key (slug, number as text, code, id as text, "true"/"false")
    count: int


@dataclass
class SearchResult:
    query: ContributionQuery
    total: int
    hits: list[Hit]
    # facet name → counts, for every dimension in FACETS, computed over the
    # whole visible result set (each dimension ignoring its own filter, so a
    # checked value's siblings still show what they would add).
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    # True when the ranking was cut to a window of the best candidates
    # because the query matched too much to rank all (see the backend).
    ranking_capped: bool = False
    # True when the facet counts were computed over a window of the newest
    # matches only (a very broad query); ``total`` stays exact.
    facets_capped: bool = False
