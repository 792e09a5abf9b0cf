"""The embedded backend: full-text search in the site's own database.

SQLite FTS5 (the default) or PostgreSQL full text over the analysed terms of
``search_contributiondocument`` (see ``search.models`` and
``search.backends.database.fulltext``); filters, visibility and facets are SQL over that
table's columns.

Bounded cost for broad queries (quality targets §1.4, P8): ranking costs
about 3 µs and each facet dimension about 1.4 µs per matching row, so a word
found in most of a million contributions cannot be ranked or faceted over
every match. With ``SEARCH_RANK_WINDOW`` = K:

- Relevance: when more than K visible contributions match the query and
  filters, only the newest K of them (by post id) are ranked; the pages go
  on past them with the older matches, newest first, so every match is still
  reachable. ``ranking_capped`` is then set.
- Facets: computed in one statement (the match set materialised once, one
  GROUP BY per dimension over it, each ignoring its own filter). When the
  query text matches more than K contributions in all, they are computed
  over the newest K matches only and ``facets_capped`` is set: the counts
  then describe the most recent matches, and the UI says so.
- The total is always exact (one COUNT, far cheaper per row than ranking).
- Newest first never needs a window: it reads the matches in date order.
"""

# ruff: noqa: S608 — SQL is assembled from this module's constants and
# placeholders only; every value, and every term typed by a user, is a parameter.

from datetime import datetime, time, timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import RFC3986_SUBDELIMS
from machina.core.db.models import get_model

from forum import visibility
from hub.core.batches import batches as _batches
from search import crosslanguage, stamp
from search.backends import Backend, IndexDifferences, RebuildReport
from search.backends.database import documents, facetcounts, fulltext
from search.backends.database.campaigns import campaign_conditions
from search.models import ContributionDocument
from search.query import FACETS, MAX_PAGE_SIZE, FacetCount, Hit, SearchResult, Sort
from search.snippets import snippet
from search.text import plain_text

Post = get_model("forum_conversation", "Post")
Contribution = get_model("regional_forum", "Contribution")

DOC = fulltext.DOCUMENTS
OBJ = "search_documentobjective"
POST = Post._meta.db_table
TOPIC = get_model("forum_conversation", "Topic")._meta.db_table
FORUM = get_model("forum", "Forum")._meta.db_table
CONTRIBUTION = Contribution._meta.db_table
# Added to the score of a contribution found only through a concept, so that
# every contribution matching the query's own words ranks before it.
THROUGH_CONCEPT_PENALTY = 1_000_000
FACET_VALUES = 100  # values kept per dimension (topics can be many); selected values always stay
# The facet statement's row giving the oldest id and the count of the newest matches counted.
_WINDOW = "_window"
REBUILD_BATCH = 1000
# How long cached totals and facets live when the index does not change.
AGGREGATES_SECONDS = 600


def rank_window():
    return getattr(settings, "SEARCH_RANK_WINDOW", 20_000)


# The analysed alternatives of each query word (shared with cross-language search).
search_terms = crosslanguage.query_words


def _fts5_quote(term):
    return '"' + term.replace('"', '""') + '"'


def fts5_expression(words):
    """An FTS5 query of quoted terms only: alternatives OR-ed, words AND-ed.

    User text never reaches FTS5's query syntax: every term is a quoted
    string, so operators, column filters or stray quotes typed in the box
    are just characters of a term the analysis already cut out.
    """
    return " AND ".join(
        "(" + " OR ".join(_fts5_quote(t) for t in alternatives) + ")" for alternatives in words
    )


def fts5_expanded(expansion):
    """The FTS5 query of an expansion: each unit its words AND-ed, or one of
    its phrases (a quoted string of several terms is an FTS5 phrase)."""
    parts = []
    for indexes, phrases in expansion.units():
        own = fts5_expression([expansion.words[i] for i in indexes])
        parts.append("(" + " OR ".join([f"({own})", *(_fts5_quote(" ".join(p)) for p in phrases)]) + ")")
    return " AND ".join(parts)


class _Dialect:
    """How one database matches and ranks; everything else is shared SQL."""

    objectives_join = ""  # joins ``o`` (number) to each row ``d`` of the facet statement
    # A match's post id and score in the statements built on ``source``.
    match_id, match_score = "m.id", "m.score"

    @property
    def ranked_order(self):
        """Best first; among equal scores, newest first."""
        return f"{self.match_score}, d.post_id DESC"

    def source(self, match):
        """The FROM clause of the matches ``m`` of ``match(...)``, each with its document row ``d``."""
        sql, params = match
        return f"({sql}) m JOIN {DOC} d ON d.post_id = m.id", params

    def newest_matched(self, match, columns, flags, base_where):
        """The facet statement's two tables: ``newest``, the ids of the newest
        text matches (a LIMIT parameter follows the match's), and ``matched``,
        their document ``columns`` and ``flags`` where ``base_where`` holds."""
        return (
            f"newest AS MATERIALIZED (SELECT id FROM ({match}) t ORDER BY id DESC LIMIT %s),"
            f" matched AS MATERIALIZED (SELECT {columns}{flags} FROM newest m"
            f" JOIN {DOC} d ON d.post_id = m.id WHERE {base_where})"
        )

    def match(self, words, *, score, min_id=None, below_id=None):
        """SQL selecting ``id`` (post id) [and ``score``, lower is better] of the matches, and its params."""
        raise NotImplementedError

    def ranked_parts(self, words):
        """``match(words, score=True)`` as parts ranked one after the other: every
        row of a part before any of the next (the query's own words, then
        what only a concept found), so a page can stop at the first part."""
        return [self.match(words, score=True)]


class _SQLite(_Dialect):
    objectives_join = f"JOIN {OBJ} o ON o.document_id = d.post_id"

    def match(self, words, *, score, min_id=None, below_id=None):
        if words.matches:
            return self._expanded(words, score, min_id, below_id)
        if words.words:
            columns = f"rowid AS id{f', bm25({fulltext.FTS}) AS score' if score else ''}"
            sql, params = (
                f"SELECT {columns} FROM {fulltext.FTS} WHERE {fulltext.FTS} MATCH %s",
                [fts5_expression(words.words)],
            )
            key = "rowid"
        else:
            sql, params, key = (
                f"SELECT post_id AS id{', 0 AS score' if score else ''} FROM {DOC} WHERE 1=1",
                [],
                "post_id",
            )
        return _bound(sql, params, key, min_id, below_id)

    def ranked_parts(self, words):
        if not words.matches:
            return [self.match(words, score=True)]
        # The query's own words first (bm25 is negative, lower is better);
        # what only a concept found comes after all of them.
        exact, expanded = fts5_expression(words.words), fts5_expanded(words)
        ranked = f"SELECT rowid AS id, bm25({fulltext.FTS}){{penalty}} AS score FROM {fulltext.FTS}"
        ranked += f" WHERE {fulltext.FTS} MATCH %s"
        return [
            (ranked.format(penalty=""), [exact]),
            (ranked.format(penalty=" + %s"), [THROUGH_CONCEPT_PENALTY, f"({expanded}) NOT ({exact})"]),
        ]

    def _expanded(self, expansion, score, min_id, below_id):
        if not score:
            sql = f"SELECT rowid AS id FROM {fulltext.FTS} WHERE {fulltext.FTS} MATCH %s"
            return _bound(sql, [fts5_expanded(expansion)], "rowid", min_id, below_id)
        (exact_sql, exact_params), (through_sql, through_params) = self.ranked_parts(expansion)
        sql = f"SELECT id, score FROM ({exact_sql} UNION ALL {through_sql}) WHERE 1=1"
        return _bound(sql, [*exact_params, *through_params], "id", min_id, below_id)


class _PostgreSQL(_Dialect):
    # Each matched document's objectives by the foreign key's index. As a plain
    # join the planner hashed the whole objectives table instead (160,000 rows
    # for 3,000 matches at 100k: 54 of a mid search's 73 ms); OFFSET 0 keeps
    # the subquery from being flattened back into that join.
    objectives_join = (
        f"CROSS JOIN LATERAL (SELECT number FROM {OBJ} WHERE document_id = d.post_id OFFSET 0) o"
    )
    # The matches are rows of the documents table itself (their columns, plus
    # ``id`` and ``score``), so the statements read each matched row once:
    # joining them back to the same table cost a probe per match, 2,993 of
    # them for a mid-frequency word at 100k, and hashed the whole table for
    # a broad one. PostgreSQL flattens the subquery into one scan.
    match_id, match_score = "d.id", "d.score"
    _COLUMNS = f"{DOC}.*, post_id AS id"

    def source(self, match):
        sql, params = match
        return f"({sql}) d", params

    def newest_matched(self, match, columns, flags, base_where):
        return (
            f"newest AS MATERIALIZED (SELECT d.id, d.forum_id, d.visible, d.created, {columns}"
            f" FROM ({match}) d ORDER BY d.id DESC LIMIT %s),"
            f" matched AS MATERIALIZED (SELECT {columns}{flags} FROM newest d WHERE {base_where})"
        )

    @staticmethod
    def _tsquery(words):
        # phraseto_tsquery takes any text as a parameter: nothing typed is parsed as tsquery syntax.
        groups = [
            "(" + " || ".join("phraseto_tsquery('simple', %s)" for _t in alternatives) + ")"
            for alternatives in words
        ]
        return " && ".join(groups), [t for alternatives in words for t in alternatives]

    @staticmethod
    def _expanded_tsquery(expansion):
        parts, params = [], []
        for indexes, phrases in expansion.units():
            own, terms = _PostgreSQL._tsquery([expansion.words[i] for i in indexes])
            parts.append(
                "(" + " || ".join([f"({own})", *("phraseto_tsquery('simple', %s)" for _p in phrases)]) + ")"
            )
            params += [*terms, *(" ".join(p) for p in phrases)]
        return " && ".join(parts), params

    def match(self, words, *, score, min_id=None, below_id=None):
        if words.matches:
            tsquery, terms = self._expanded_tsquery(words)
            columns = self._COLUMNS
            params = []
            if score:
                exact, exact_terms = self._tsquery(words.words)
                # The query's own words first; what only a concept found after all of them.
                columns += (
                    f", -ts_rank(terms_vector, {tsquery})"
                    f" + CASE WHEN terms_vector @@ ({exact}) THEN 0 ELSE %s END AS score"
                )
                params = [*terms, *exact_terms, THROUGH_CONCEPT_PENALTY]
            sql = f"SELECT {columns} FROM {DOC} WHERE terms_vector @@ ({tsquery})"
            params += terms
        elif words.words:
            tsquery, terms = self._tsquery(words.words)
            columns = f"{self._COLUMNS}{f', -ts_rank(terms_vector, {tsquery}) AS score' if score else ''}"
            sql = f"SELECT {columns} FROM {DOC} WHERE terms_vector @@ ({tsquery})"
            params = (terms if score else []) + terms
        else:
            sql, params = f"SELECT {self._COLUMNS}{', 0 AS score' if score else ''} FROM {DOC} WHERE 1=1", []
        return _bound(sql, params, "post_id", min_id, below_id)


def _bound(sql, params, key, min_id, below_id):
    if min_id is not None:
        sql, params = f"{sql} AND {key} >= %s", [*params, min_id]
    if below_id is not None:
        sql, params = f"{sql} AND {key} < %s", [*params, below_id]
    return sql, params


def _dialect():
    if connection.vendor == "sqlite":
        return _SQLite()
    if connection.vendor == "postgresql":
        return _PostgreSQL()
    raise NotImplementedError(
        f"The database search backend supports SQLite and PostgreSQL, not {connection.vendor}."
    )


def _in(column, values):
    values = list(values)
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def _day_start(day):
    """Midnight of ``day`` in the site's time zone, as the database stores datetimes
    (raw SQL parameters skip the model fields' conversion: SQLite compares text)."""
    return connection.ops.adapt_datetimefield_value(timezone.make_aware(datetime.combine(day, time.min)))


class _Conditions:
    """WHERE clauses on a document row ``d``: visibility, dates, and each facet's filter."""

    def __init__(self, query, forum_ids):
        self.base = [_in("d.forum_id", sorted(forum_ids)), ("d.visible = %s", [True])]
        if query.date_from:
            self.base.append(("d.created >= %s", [_day_start(query.date_from)]))
        if query.date_to:
            self.base.append(("d.created < %s", [_day_start(query.date_to + timedelta(days=1))]))
        self.base += campaign_conditions(query)
        self.facet = {}
        if query.regions:
            self.facet["region"] = _in("d.region", sorted(query.regions))
        if query.topics:
            self.facet["topic"] = _in("d.topic_id", sorted(int(t) for t in query.topics))
        if query.objectives:
            numbers_sql, numbers = _in("number", sorted(int(n) for n in query.objectives))
            # EXISTS probes the (number, document) index per candidate row;
            # IN (SELECT …) built the whole list of documents with the
            # objective first (the count at 1M went from 126 to 51 ms).
            self.facet["objective"] = (
                f"EXISTS (SELECT 1 FROM {OBJ} o WHERE o.document_id = d.post_id AND o.{numbers_sql})",
                numbers,
            )
        if query.groups:
            self.facet["group"] = _in("d.stakeholder_group", sorted(query.groups))
        if query.countries:
            self.facet["country"] = _in("d.country", sorted(c.upper() for c in query.countries))
        if query.languages:
            self.facet["language"] = _in("d.language", sorted(query.languages))
        if query.types:
            self.facet["type"] = _in("d.type", sorted(query.types))
        if query.has_attachment is not None:
            self.facet["has_attachment"] = ("d.has_attachment = %s", [bool(query.has_attachment)])

    @property
    def only_visibility(self):
        """Nothing narrows the readable documents: no date, campaign or facet filter."""
        return len(self.base) == 2 and not self.facet

    def where(self):
        parts = self.base + list(self.facet.values())
        if not parts:
            return "1=1", []
        return " AND ".join(f"({sql})" for sql, _p in parts), [p for _sql, params in parts for p in params]


def _kept(counts, query):
    """Each dimension's values, most frequent first, cut to ``FACET_VALUES`` (selected values stay)."""
    selected = {name: {str(v).lower() for v in values} for name, values in query.filters().items()}
    for name, values in counts.items():
        values.sort(key=lambda fc: (-fc.count, fc.value))
        keep = selected.get(name, set())
        counts[name] = [fc for i, fc in enumerate(values) if i < FACET_VALUES or fc.value.lower() in keep]
    return counts


# Facet name → the value column of the materialised match set, as text.
_FACET_VALUE = {
    "region": "d.region",
    "topic": "CAST(d.topic_id AS TEXT)",
    "group": "d.stakeholder_group",
    "country": "d.country",
    "language": "d.language",
    "type": "d.type",
    "has_attachment": "CASE WHEN d.has_attachment THEN 'true' ELSE 'false' END",
}


_URL_SENTINELS = {"forum_slug": "zqxforum", "forum_pk": 987654321, "slug": "zqxtopic", "pk": 987654329}


def _topic_url_template():
    """The topic URL in the active language as a format string: ``reverse``
    costs tens of microseconds a call, and a page has up to a hundred hits."""
    url = reverse("forum_conversation:topic", kwargs=_URL_SENTINELS)
    for name, sentinel in _URL_SENTINELS.items():
        url = url.replace(str(sentinel), "{" + name + "}")
    return url


def _quote(slug):
    # As ``reverse`` quotes a path argument (django.urls.resolvers).
    return quote(slug, safe=RFC3986_SUBDELIMS + "/~:@")


def _as_datetime(value):
    """A datetime column read by raw SQL, as the ORM would give it (SQLite gives it naive, or as text)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, connection.timezone)
    return value


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class DatabaseBackend(Backend):
    name = "database"

    # ------------------------------------------------------------------ searching

    def search(self, query, visible_forum_ids):
        page_size = min(max(int(query.page_size), 1), MAX_PAGE_SIZE)
        page = max(int(query.page), 1)
        forum_ids = set(visible_forum_ids)
        words = crosslanguage.expand_query(query)
        if not forum_ids:
            return SearchResult(query=query, total=0, hits=[], facets={name: [] for name in FACETS})
        dialect, conditions, window = _dialect(), _Conditions(query, forum_ids), rank_window()

        facets, total, facet_floor = self._aggregates(dialect, words, conditions, window, query, forum_ids)

        offset = (page - 1) * page_size
        ranking_capped = False
        if query.sort == Sort.NEWEST or not words.words:
            rows = self._page(
                dialect,
                dialect.match(words, score=False),
                conditions,
                "d.created DESC, d.post_id DESC",
                page_size,
                offset,
            )
        elif total <= window:
            rows = self._ranked_page(dialect, dialect.ranked_parts(words), conditions, page_size, offset)
        else:
            ranking_capped = True
            rows = self._capped_page(dialect, words, conditions, window, page_size, offset)
        return SearchResult(
            query=query,
            total=total,
            hits=self._hits(rows, words),
            facets=facets,
            ranking_capped=ranking_capped,
            facets_capped=facet_floor is not None,
        )

    def matching_ids(self, query, visible_forum_ids):
        """Post ids of every visible match, newest first, in one statement (no ranking, no hits)."""
        forum_ids = set(visible_forum_ids)
        if not forum_ids:
            return []
        words = crosslanguage.expand_query(query)
        dialect = _dialect()
        source, params = dialect.source(dialect.match(words, score=False))
        where, where_params = _Conditions(query, forum_ids).where()
        rows = _fetch(
            f"SELECT d.post_id FROM {source} WHERE {where} ORDER BY d.created DESC, d.post_id DESC",
            [*params, *where_params],
        )
        return [row[0] for row in rows]

    def _aggregates(self, dialect, words, conditions, window, query, forum_ids):
        """Facets, total and facet floor: from the cache while the index keeps its stamp.

        They are most of the cost of a broad query or a browse at a million
        contributions, and the same for every page of a search and every
        viewer who reads the same spaces (see ``search.stamp``).
        """
        if not words.words and conditions.only_visibility:
            # Browsing everything: exact counts, kept by triggers, in one small query.
            facets, total = self._counted_facets(forum_ids, query)
            return facets, total, None
        key = stamp.cache_key(
            stamp.INDEX,
            sorted(forum_ids),
            words.words,
            words.units(),
            sorted((name, sorted(map(str, values))) for name, values in query.filters().items()),
            query.date_from,
            query.date_to,
            query.has_attachment,
            query.collapse_campaigns,
            query.campaign,
            window,
            FACET_VALUES,
        )
        cached = cache.get(key)
        if cached is not None:
            return cached
        # Facets count the newest K text matches; when there are K or more,
        # the oldest of them is the floor and the total is counted apart.
        facets, total, facet_floor = self._facets(dialect, words, conditions, window, query)
        if facet_floor is not None:
            total = self._count(dialect, dialect.match(words, score=False), conditions)
        cache.set(key, (facets, total, facet_floor), AGGREGATES_SECONDS)
        return facets, total, facet_floor

    @staticmethod
    def _nth_newest(dialect, match, n, conditions=None):
        source, params = dialect.source(match)
        where, where_params = conditions.where() if conditions else ("1=1", [])
        key = dialect.match_id
        rows = _fetch(
            f"SELECT {key} FROM {source} WHERE {where} ORDER BY {key} DESC LIMIT 1 OFFSET %s",
            [*params, *where_params, n - 1],
        )
        return rows[0][0] if rows else None

    @staticmethod
    def _count(dialect, match, conditions):
        source, params = dialect.source(match)
        where, where_params = conditions.where()
        return _fetch(f"SELECT count(*) FROM {source} WHERE {where}", [*params, *where_params])[0][0]

    @staticmethod
    def _page(dialect, match, conditions, order, limit, offset):
        source, params = dialect.source(match)
        where, where_params = conditions.where()
        return _fetch(
            f"SELECT d.post_id, d.has_attachment FROM {source} WHERE {where}"
            f" ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, *where_params, limit, offset],
        )

    def _ranked_page(self, dialect, parts, conditions, limit, offset):
        """A page of the best first: each part is read only if the page reaches past the ones before."""
        rows = []
        for part in parts:
            found = self._page(dialect, part, conditions, dialect.ranked_order, limit - len(rows), offset)
            rows += found
            if len(rows) == limit:
                break
            # This part had ``offset + len(found)`` rows in all when it filled part of the page.
            offset = 0 if found else offset - self._count(dialect, part, conditions)
        return rows

    def _capped_page(self, dialect, words, conditions, window, limit, offset):
        """Rank the newest ``window`` matches; after them, older matches newest first."""
        floor = self._nth_newest(dialect, dialect.match(words, score=False), window, conditions)
        rows = []
        if offset < window:
            rows = self._page(
                dialect,
                dialect.match(words, score=True, min_id=floor),
                conditions,
                dialect.ranked_order,
                min(limit, window - offset),
                offset,
            )
        if len(rows) < limit:
            rows += self._page(
                dialect,
                dialect.match(words, score=False, below_id=floor),
                conditions,
                f"{dialect.match_id} DESC",
                limit - len(rows),
                max(0, offset - window),
            )
        return rows

    def _facets(self, dialect, words, conditions, window, query):
        """Every dimension's counts (and the total) over the newest ``window`` text matches, in one statement.

        The text is matched once: its newest ``window`` ids are materialised,
        then joined to the documents and materialised again for the branches.
        Returns the facets, the total, and the floor (the oldest id counted)
        when the window was full, else None.
        """
        match_sql, match_params = dialect.match(words, score=False)
        base_where = " AND ".join(f"({sql})" for sql, _p in conditions.base)
        base_params = [p for _sql, params in conditions.base for p in params]
        columns = "d.post_id, d.region, d.topic_id, d.stakeholder_group, d.country, d.language, d.type"
        columns += ", d.has_attachment"
        # Each facet's filter is evaluated once per matched row, as a column
        # of ``matched``; each branch combines the columns of the others. (In
        # every branch's WHERE, the objective filter probed its index once per
        # row and branch: 66 of a filtered search's 107 ms on PostgreSQL at 100k.)
        flags = "".join(f", ({sql}) AS f_{name}" for name, (sql, _p) in conditions.facet.items())
        flag_params = [p for _sql, facet_params in conditions.facet.values() for p in facet_params]

        def other_filters(except_facet=None):
            return " AND ".join(f"d.f_{name}" for name in conditions.facet if name != except_facet) or "1=1"

        branches, params = [], [*match_params, window, *flag_params, *base_params]
        for name in FACETS:
            if name == "objective":
                value, join = "CAST(o.number AS TEXT)", dialect.objectives_join
            else:
                value, join = _FACET_VALUE[name], ""
            branches.append(
                f"SELECT %s, {value}, count(*) FROM matched d {join}"
                f" WHERE {other_filters(name)} GROUP BY {value}"
            )
            params.append(name)
        branches.append(f"SELECT %s, '', count(*) FROM matched d WHERE {other_filters()}")
        params.append("")
        branches.append("SELECT %s, CAST(min(id) AS TEXT), count(*) FROM newest")
        params.append(_WINDOW)
        newest_matched = dialect.newest_matched(match_sql, columns, flags, base_where)
        sql = f"WITH {newest_matched} " + " UNION ALL ".join(branches)
        counts, total, floor = {name: [] for name in FACETS}, 0, None
        for name, value, count in _fetch(sql, params):
            if not name:
                total = count
            elif name == _WINDOW:
                floor = int(value) if count >= window else None
            elif value not in ("", None):
                counts[name].append(FacetCount(str(value), count))
        return _kept(counts, query), total, floor

    @staticmethod
    def _counted_facets(forum_ids, query):
        """Every document's facets and the total, from the counts the triggers keep (``facetcounts``)."""
        with connection.cursor() as cursor:
            held, total = facetcounts.read(cursor, forum_ids)
        counts = {
            name: [FacetCount(value, documents) for value, documents in held.get(name, ()) if value]
            for name in FACETS
        }
        return _kept(counts, query), total

    def _hits(self, rows, words):
        """The page's hits from the index rows and the post's text, in two statements.

        Built from raw rows rather than ORM objects: compiling a four-join
        ORM query and making model instances cost about 9 ms a page, most of
        a selective search's time.
        """
        ids = [post_id for post_id, _attached in rows]
        if not ids:
            return []
        placeholders = ", ".join(["%s"] * len(ids))
        found = {
            row[0]: row
            for row in _fetch(
                f"SELECT d.post_id, d.region, d.type, d.language, d.stakeholder_group, d.country,"
                f" d.created, d.external_id, d.has_attachment, t.id, t.subject, t.slug, f.id, f.slug,"
                f" c.organisation, c.author_name, p._content_rendered, p.content, d.terms"
                f" FROM {DOC} d JOIN {POST} p ON p.id = d.post_id JOIN {TOPIC} t ON t.id = p.topic_id"
                f" JOIN {FORUM} f ON f.id = t.forum_id JOIN {CONTRIBUTION} c ON c.post_id = d.post_id"
                f" WHERE d.post_id IN ({placeholders})",
                ids,
            )
        }
        objectives = {}
        for post_id, number in _fetch(
            f"SELECT document_id, number FROM {OBJ} WHERE document_id IN ({placeholders}) ORDER BY number",
            ids,
        ):
            objectives.setdefault(post_id, []).append(number)
        terms = {term for alternatives in words.words for term in alternatives} | words.phrase_terms()
        topic_url = _topic_url_template()
        return [
            self._hit(found[pk], objectives.get(pk, ()), terms, topic_url, words) for pk in ids if pk in found
        ]

    @staticmethod
    def _hit(row, objectives, terms, topic_url, expansion):
        (post_id, region, kind, language, group, country, created, external_id, has_attachment) = row[:9]
        topic_id, subject, topic_slug, forum_id, forum_slug, organisation, author_name = row[9:16]
        rendered, source, document_terms = row[16:19]
        url = topic_url.format(
            forum_slug=_quote(forum_slug), forum_pk=forum_id, slug=_quote(topic_slug), pk=topic_id
        )
        return Hit(
            post_id=post_id,
            url=visibility.at_post(url, post_id),
            topic_id=topic_id,
            topic_subject=subject,
            region=region,
            type=kind,
            objectives=tuple(objectives),
            language=language,
            stakeholder_group=group or None,
            organisation=organisation,
            country=country or None,
            author_name=author_name,
            created=_as_datetime(created),
            external_id=external_id or None,
            snippet=snippet(plain_text(rendered, source), terms, language),
            has_attachment=bool(has_attachment),
            through=crosslanguage.through(expansion, (document_terms or "").split(), language)
            if expansion.matches
            else (),
        )

    # ------------------------------------------------------------------ indexing

    def index(self, post_ids):
        return documents.index_posts(post_ids)

    def remove(self, post_ids):
        documents.remove_posts(post_ids)

    def rebuild(self, progress=None):
        """Empty the index, then index every contribution in batches of one transaction each."""
        progress = progress or (lambda n: None)
        with transaction.atomic(), connection.cursor() as cursor:
            facetcounts.suspend(cursor, connection.vendor)
            fulltext.truncate(connection)
            facetcounts.resume(cursor, connection.vendor)
        ids = Contribution.objects.order_by("pk").values_list("pk", flat=True)
        done = 0
        for batch in _batches(ids.iterator(chunk_size=REBUILD_BATCH), REBUILD_BATCH):
            documents.index_posts(batch)
            done += len(batch)
            progress(len(batch))
        return RebuildReport(documents=done)

    def _stale_ids(self):
        version = documents.analysis_version()
        missing = Contribution.objects.filter(post__search_document__isnull=True)
        stale = ContributionDocument.objects.filter(
            Q(~Q(analysis_version=version)) | Q(post__updated__gt=F("indexed_at"))
        )
        orphans = ContributionDocument.objects.filter(post__contribution__isnull=True)
        return (
            set(missing.values_list("pk", flat=True))
            | set(stale.values_list("pk", flat=True))
            | set(orphans.values_list("pk", flat=True))
        )

    def sync(self, progress=None):
        """Index again what ``_stale_ids`` and ``verify`` find, so that verify is empty afterwards
        (a post hidden or moved without its save signal changes no timestamp)."""
        progress = progress or (lambda n: None)
        ids = sorted(self._stale_ids() | set(self._differences().post_ids()))
        for batch in _batches(iter(ids), REBUILD_BATCH):
            documents.index_posts(batch)
            progress(len(batch))
        with transaction.atomic(), connection.cursor() as cursor:
            if facetcounts.differences(cursor):  # only a hand-made change to the tables gets here
                facetcounts.recount(cursor)
        return len(ids)

    def status(self):
        documents_ = ContributionDocument.objects.aggregate(
            documents=Count("pk"), visible=Count("pk", filter=Q(visible=True))
        )
        return {
            "backend": self.name,
            "database": connection.vendor,
            "contributions": Contribution.objects.count(),
            **documents_,
            "stale": len(self._stale_ids()),
            "analysis_version": documents.analysis_version(),
        }

    def verify(self):
        """Differences between the visible contributions and the visible documents."""
        differences = self._differences()
        differences.other = fulltext.integrity_problems(connection) + self._facet_count_problems()
        return differences

    @staticmethod
    def _facet_count_problems():
        with connection.cursor() as cursor:
            wrong = facetcounts.differences(cursor)
        return [
            f"facet count of space {forum_id}, {dimension} = {value!r}: {held} held, {counted} counted"
            for forum_id, dimension, value, held, counted in wrong[:20]
        ] + ([f"… and {len(wrong) - 20} more facet counts"] if len(wrong) > 20 else [])

    def _differences(self):
        visible = set(
            visibility.public_posts(Contribution.objects, prefix="post__").values_list("pk", flat=True)
        )
        indexed = set(ContributionDocument.objects.filter(visible=True).values_list("pk", flat=True))
        older = ContributionDocument.objects.exclude(analysis_version=documents.analysis_version())
        moved = ContributionDocument.objects.exclude(
            topic_id=F("post__topic_id")
        ) | ContributionDocument.objects.exclude(forum_id=F("post__topic__forum_id"))
        return IndexDifferences(
            missing=sorted(visible - indexed),
            extra=sorted(indexed - visible),
            stale=sorted({*older.values_list("pk", flat=True), *moved.values_list("pk", flat=True)}),
        )
