"""A ``ContributionQuery`` as an Elasticsearch request, and the response back.

Shape of every request (the golden JSON tests pin it):

- ``query.bool.must``: the user's text, only ever as plain words, one
  ``multi_match`` per word over explicit fields (analysed, never parsed:
  no query syntax at all, so text can neither target fields
  (``visible:false``) nor fail on stray quotes), every word required — as
  the database backend reads a query (``query_words``);
- ``query.bool.filter``: the viewer's visibility (readable forum ids,
  ``visible``) and the date range — conditions no facet may lift;
- ``post_filter``: the facet-dimension filters, so that
- ``aggs``: one filtered aggregation per facet dimension, each filtered by
  every *other* dimension (disjunctive faceting: a checked region's
  siblings still show what they would add);
- highlighting bounded by ``max_analyzed_offset``; from/size inside the
  10,000-hit window.
"""

import re
from dataclasses import replace
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import get_language
from elasticsearch.dsl import A, Q, Search

from search.analysis import _OPERATORS as OPERATOR_WORDS
from search.analysis import MAX_QUERY_WORDS
from search.analysis import query_terms as analysis_query_terms
from search.backends.elasticsearch import campaigns
from search.backends.elasticsearch.documents import ALIAS, HIGHLIGHT_MAX_ANALYZED_OFFSET, LANGUAGE_SUBFIELDS
from search.query import FACETS, MAX_PAGE_SIZE, MAX_QUERY_CHARS, FacetCount, Sort, ThroughConcept

MAX_WINDOW = 10_000  # index.max_result_window: from + size never exceeds it
FRAGMENT_CHARS = 150
# Per-field weight: a word in the topic subject says more than one in a
# 40-page attachment.
TEXT_FIELDS = {"subject": 2, "body": 1, "attachment_text": 0.5}
SEARCHED_FIELDS = [
    *(
        f"{field}.{sub}^{weight}" if weight != 1 else f"{field}.{sub}"
        for field, weight in TEXT_FIELDS.items()
        for sub in LANGUAGE_SUBFIELDS
    ),
    "organisation.text",
    "author_name.text",
]
# A query word: letters, digits and the marks and joiners inside Arabic
# words (as the database backend's parser reads words), and apostrophes
# inside a word, which Elasticsearch's French elision needs whole (l'accès).
# Everything else — quotes, + | - * ( ) ~ \ : and the like — separates words.
QUERY_WORD = re.compile(r"[\w'\u2019\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u00ad\u200c-\u200f]+")
SEARCHABLE = re.compile(r"[^\W_]")
# Highlight fields in order of preference for the snippet.
HIGHLIGHT_FIELDS = [f"{field}.{sub}" for field in ("body", "attachment_text") for sub in LANGUAGE_SUBFIELDS]

# facet name → (document field, how many values to return)
FACET_FIELDS = {
    "region": ("region", 10),
    "topic": ("topic_id", 50),
    "objective": ("objectives", 30),
    "group": ("stakeholder_group", 30),
    "country": ("country", 250),
    "language": ("language", 10),
    "type": ("type", 10),
    "has_attachment": ("has_attachment", 2),
}
assert set(FACET_FIELDS) == set(FACETS)  # noqa: S101 (a new facet must be mapped here)

# Elasticsearch marks matches with these private-use characters; they become
# « » only after any « » already in the text are made unambiguous.
OPEN, CLOSE = "\ue000", "\ue001"
SOURCE_EXCLUDES = ["body", "attachment_text", "digest"]


def clean_text(text):
    """Text as sent: no NUL or other C0 controls, bounded length."""
    text = "".join(ch if ch >= " " or ch in "\t\n" else " " for ch in text)
    return text[:MAX_QUERY_CHARS].strip()


def bounded_page(query):
    """The query with page size and page inside the 10,000-hit window."""
    size = max(1, min(query.page_size, MAX_PAGE_SIZE))
    page = max(1, min(query.page, MAX_WINDOW // size))
    return replace(query, page=page, page_size=size)


def facet_filters(query):
    """facet name → the filter clause for that dimension's chosen values."""
    chosen = {
        "region": query.regions,
        "topic": query.topics,
        "objective": query.objectives,
        "group": query.groups,
        "country": query.countries,
        "language": query.languages,
        "type": query.types,
    }
    filters = {
        name: Q("terms", **{FACET_FIELDS[name][0]: sorted(values)})
        for name, values in chosen.items()
        if values
    }
    if query.has_attachment is not None:
        filters["has_attachment"] = Q("term", has_attachment=query.has_attachment)
    return filters


def fixed_filters(query, visible_forum_ids):
    """Visibility and date range: applied before any facet is counted."""
    clauses = [Q("terms", forum_id=sorted(visible_forum_ids)), Q("term", visible=True)]
    if query.date_from or query.date_to:
        bounds = {"time_zone": settings.TIME_ZONE}
        if query.date_from:
            bounds["gte"] = query.date_from.isoformat()
        if query.date_to:
            # date_to is inclusive: everything before the next day starts.
            bounds["lt"] = (query.date_to + timedelta(days=1)).isoformat()
        clauses.append(Q("range", created=bounds))
    return clauses + campaigns.filters(query)


def query_words(text):
    """The words of the user's text, as sent: what the database backend's
    parser keeps (``search.analysis.query_terms``), left unanalysed for the
    index's analysers. Operator words (AND, OR, NOT, NEAR in capitals) and
    every character of a query syntax are dropped; at most MAX_QUERY_WORDS."""
    words = []
    for match in QUERY_WORD.finditer(clean_text(text)):
        word = match.group().strip("'\u2019")
        if word not in OPERATOR_WORDS and SEARCHABLE.search(word):
            words.append(word)
    return words[:MAX_QUERY_WORDS]


def text_clauses(words):
    """Every word required, each in any searched field. A word the analyser
    cuts in several tokens needs all of them in one field."""
    return [Q("multi_match", query=word, fields=SEARCHED_FIELDS, operator="and") for word in words]


# Names of the clauses Elasticsearch reports in a hit's ``matched_queries``.
OWN_WORDS = "own-words"
CONCEPT_PREFIX = "concept:"
# Added to the score of a contribution that matches the query's own words,
# so that it ranks before every one found only through a concept.
OWN_WORDS_BOOST = 1000


def concept_phrases(expansion):
    """Clause name → (concept match, language, written term) of every phrase
    the expansion adds, in a stable order (the names go into the request)."""
    named = {}
    for match in expansion.matches if expansion else ():
        for language, written, _phrase in match.phrases():
            named[f"{CONCEPT_PREFIX}{len(named)}"] = (match, language, written)
    return named


def _phrase_clause(name, language, written):
    fields = [f"{field}.{language}" for field in TEXT_FIELDS]
    return Q("multi_match", query=written, type="phrase", fields=fields, _name=name)


def _word_indexes(word, expansion):
    """The positions in ``expansion.words`` of what the analysis reads in one typed word."""
    positions = {alternatives: i for i, alternatives in enumerate(expansion.words)}
    read = (tuple(sorted(a)) for a in analysis_query_terms(word))
    return {positions[a] for a in read if a in positions}


def text_condition(words, expansion=None):
    """The text part of the query: every word required, or, where a span of
    words names a thesaurus concept, that span or one of the concept's terms
    in the other languages (as phrases, in that language's analysed fields)."""
    exact = text_clauses(words)
    if not expansion or not expansion.matches:
        return exact, []
    named = concept_phrases(expansion)
    spans = {}
    for name, (match, language, written) in named.items():
        spans.setdefault((match.start, match.end), []).append(_phrase_clause(name, language, written))
    covered = {i for start, end in spans for i in range(start, end)}
    indexes = {word: _word_indexes(word, expansion) for word in words}
    units = [
        Q("multi_match", query=word, fields=SEARCHED_FIELDS, operator="and")
        for word in words
        if not indexes[word] or not indexes[word] <= covered
    ]
    for (start, end), phrases in spans.items():
        span_words = [w for w in words if indexes[w] and indexes[w] <= set(range(start, end))]
        own = [Q("bool", must=text_clauses(span_words))] if span_words else []
        units.append(Q("bool", should=[*own, *phrases], minimum_should_match=1))
    either = Q(
        "bool", should=[Q("bool", must=exact, _name=OWN_WORDS), Q("bool", must=units)], minimum_should_match=1
    )
    boost = Q("constant_score", filter=Q("bool", must=exact), boost=OWN_WORDS_BOOST)
    return [either], [boost]


def build_search(query, visible_forum_ids, expansion=None):
    """The elasticsearch-dsl ``Search`` for ``query`` as seen by a viewer who
    may read ``visible_forum_ids``. ``query`` should be ``bounded_page``-d.
    ``expansion`` (``search.crosslanguage``) adds the concepts found in the
    query; the thesaurus is read at search time, never indexed."""
    words = query_words(query.text)
    search = Search(index=ALIAS)
    must, should = text_condition(words, expansion)
    condition = {"must": must, "filter": fixed_filters(query, visible_forum_ids)}
    if should:
        condition["should"] = should
    search = search.query(Q("bool", **condition))
    filters = facet_filters(query)
    if filters:
        search = search.post_filter(Q("bool", filter=[filters[name] for name in FACETS if name in filters]))
    for name in FACETS:
        field, size = FACET_FIELDS[name]
        others = [filters[other] for other in FACETS if other in filters and other != name]
        facet = A("filter", filter=Q("bool", filter=others) if others else Q("match_all"))
        facet.bucket("values", "terms", field=field, size=size)
        search.aggs.bucket(name, facet)
    if words:
        search = search.highlight_options(
            pre_tags=[OPEN],
            post_tags=[CLOSE],
            fragment_size=FRAGMENT_CHARS,
            number_of_fragments=1,
            max_analyzed_offset=HIGHLIGHT_MAX_ANALYZED_OFFSET,
            order="score",
        ).highlight(*HIGHLIGHT_FIELDS)
    if query.sort == Sort.NEWEST or not words:
        search = search.sort({"created": {"order": "desc"}}, {"post_id": {"order": "desc"}})
    else:
        search = search.sort("_score", {"created": {"order": "desc"}}, {"post_id": {"order": "desc"}})
    start = (query.page - 1) * query.page_size
    search = search.source(excludes=SOURCE_EXCLUDES).extra(
        from_=start, size=query.page_size, track_total_hits=True
    )
    return search


def request_body(query, visible_forum_ids, expansion=None):
    """The JSON body sent to ``POST /hub-contributions/_search``."""
    return build_search(bounded_page(query), visible_forum_ids, expansion).to_dict()


# ---------------------------------------------------------------- response


def marked(fragment):
    """A highlighted fragment with matches between « and ». Guillemets the
    author typed become single ones (U+2039, U+203A), so every « » in a
    snippet is a match mark."""
    text = fragment.replace("«", "\u2039").replace("»", "\u203a")
    return " ".join(text.replace(OPEN, "«").replace(CLOSE, "»").split())


def snippet(hit):
    highlight = hit.get("highlight") or {}
    fragments = [highlight[field][0] for field in HIGHLIGHT_FIELDS if highlight.get(field)]
    for fragment in fragments:
        if OPEN in fragment:
            return marked(fragment)
    summary = (hit.get("_source") or {}).get("summary") or ""
    return marked(summary)


def through(hit, named):
    """``Hit.through`` from the clauses Elasticsearch says the hit matched."""
    matched = hit.get("matched_queries") or ()
    if not named or OWN_WORDS in matched:
        return ()
    found = {}
    for name in matched:
        if name in named:
            match, _language, written = named[name]
            found.setdefault(match.key, (match, []))[1].append(written)
    found = {key: (match, list(dict.fromkeys(terms))) for key, (match, terms) in found.items()}
    reader = (get_language() or "en")[:2]
    return tuple(
        ThroughConcept(
            key, match.concept.label(reader if reader in ("ar", "en", "fr") else "en"), tuple(terms)
        )
        for key, (match, terms) in found.items()
    )


def parse_hit(hit, named=None):
    """The Hit fields Elasticsearch knows (all but ``url``)."""
    source = hit["_source"]
    return {
        "post_id": int(source["post_id"]),
        "topic_id": int(source["topic_id"]),
        "topic_subject": source.get("subject") or "",
        "region": source.get("region") or "",
        "type": source.get("type") or "",
        "objectives": tuple(source.get("objectives") or ()),
        "language": source.get("language") or "",
        "stakeholder_group": source.get("stakeholder_group"),
        "organisation": source.get("organisation") or "",
        "country": source.get("country"),
        "author_name": source.get("author_name") or "",
        "created": datetime.fromisoformat(source["created"]),
        "external_id": source.get("external_id"),
        "snippet": snippet(hit),
        "has_attachment": bool(source.get("has_attachment")),
        "through": through(hit, named),
    }


def bucket_value(bucket):
    # Booleans come back as key 1/0 with key_as_string "true"/"false".
    return str(bucket.get("key_as_string", bucket["key"]))


def parse_facets(aggregations):
    return {
        name: [
            FacetCount(value=bucket_value(bucket), count=bucket["doc_count"])
            for bucket in aggregations.get(name, {}).get("values", {}).get("buckets", [])
        ]
        for name in FACETS
    }


def parse_response(body, expansion=None):
    """(total, hit field dicts, facets) from a ``_search`` response body."""
    total = body["hits"]["total"]
    total = total["value"] if isinstance(total, dict) else int(total)
    named = concept_phrases(expansion)
    hits = [parse_hit(hit, named) for hit in body["hits"]["hits"]]
    return total, hits, parse_facets(body.get("aggregations") or {})
