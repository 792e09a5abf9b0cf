"""The Elasticsearch backend without a server.

(a) golden JSON: the request bodies elasticsearch-dsl builds for a set of
    queries, compared with bodies written out here;
(b) a stub HTTP server on loopback (tests/es_stub.py): response handling,
    the rebuild's alias swap, the outbox worker with its retries, back-off
    and dead letters, and a rolled-back post leaving no outbox row.
The same checks against a real server: test_search_elasticsearch_live.py.
"""

import time
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from machina.core.db.models import get_model

from forum.models import Contribution
from forum.seeding import seed_contributions
from search.backends import IndexDifferences, SearchUnavailable, _backend
from search.backends.elasticsearch import SCAN_PAGE, ElasticsearchBackend, RebuildFailed, make_client, outbox
from search.backends.elasticsearch import source as es_source
from search.backends.elasticsearch.bulk import BatchSizer
from search.backends.elasticsearch.documents import ALIAS, index_for
from search.backends.elasticsearch.query import OPEN, request_body
from search.facade import matching_post_ids, readable_forum_ids
from search.models import IndexOutbox
from search.query import FACETS, ContributionQuery, FacetCount, Hit, Sort

from .es_stub import FakeIndex, StubElasticsearch, bulk_ok, closed_port_url, rejected

Post = get_model("forum_conversation", "Post")
Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")

FORUMS = {1, 2, 3}

# ---------------------------------------------------------------- (a) golden JSON

FIELDS = [
    "subject.ar^2",
    "subject.fr^2",
    "subject.en^2",
    "subject.folded^2",
    "body.ar",
    "body.fr",
    "body.en",
    "body.folded",
    "attachment_text.ar^0.5",
    "attachment_text.fr^0.5",
    "attachment_text.en^0.5",
    "attachment_text.folded^0.5",
    "organisation.text",
    "author_name.text",
]
VISIBILITY = [{"terms": {"forum_id": [1, 2, 3]}}, {"term": {"visible": True}}]
BY_RELEVANCE = ["_score", {"created": {"order": "desc"}}, {"post_id": {"order": "desc"}}]
BY_DATE = [{"created": {"order": "desc"}}, {"post_id": {"order": "desc"}}]
SOURCE = {"excludes": ["body", "attachment_text", "digest"]}
HIGHLIGHT = {
    "fields": {
        "body.ar": {},
        "body.fr": {},
        "body.en": {},
        "body.folded": {},
        "attachment_text.ar": {},
        "attachment_text.fr": {},
        "attachment_text.en": {},
        "attachment_text.folded": {},
    },
    "pre_tags": ["\ue000"],
    "post_tags": ["\ue001"],
    "fragment_size": 150,
    "number_of_fragments": 1,
    "max_analyzed_offset": 999_999,  # below the index's bound of 1,000,000
    "order": "score",
}


def text_clauses(*words):
    """User text as sent: one analysed (never parsed) match per word, every word required."""
    return [{"multi_match": {"query": word, "fields": FIELDS, "operator": "and"}} for word in words]


def facet(field, size, filter_):
    return {"filter": filter_, "aggs": {"values": {"terms": {"field": field, "size": size}}}}


ALL = {"match_all": {}}
UNFILTERED_AGGS = {
    "region": facet("region", 10, ALL),
    "topic": facet("topic_id", 50, ALL),
    "objective": facet("objectives", 30, ALL),
    "group": facet("stakeholder_group", 30, ALL),
    "country": facet("country", 250, ALL),
    "language": facet("language", 10, ALL),
    "type": facet("type", 10, ALL),
    "has_attachment": facet("has_attachment", 2, ALL),
}


def walk_keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from walk_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk_keys(item)


def test_golden_text_only():
    body = request_body(ContributionQuery(text="migration policy"), {3, 1, 2})
    assert body == {
        "query": {"bool": {"must": text_clauses("migration", "policy"), "filter": VISIBILITY}},
        "aggs": UNFILTERED_AGGS,
        "highlight": HIGHLIGHT,
        "sort": BY_RELEVANCE,
        "_source": SOURCE,
        "from": 0,
        "size": 20,
        "track_total_hits": True,
    }


def test_golden_arabic_text_is_sent_as_typed():
    # Analysis (normalisation, light stemming) is the index's job: the
    # query words go out untouched so they are analysed like the documents.
    text = "وَالمُهَاجِرِينَ إلى الهجرة الآمنة"
    body = request_body(ContributionQuery(text=text), FORUMS)
    assert body["query"] == {"bool": {"must": text_clauses(*text.split()), "filter": VISIBILITY}}
    assert body["highlight"] == HIGHLIGHT


REGION = {"terms": {"region": ["africa", "asia-pacific"]}}
TOPIC = {"terms": {"topic_id": [7]}}
OBJECTIVE = {"terms": {"objectives": [5, 23]}}
GROUP = {"terms": {"stakeholder_group": ["youth"]}}
COUNTRY = {"terms": {"country": ["MA", "SN"]}}
LANGUAGE = {"terms": {"language": ["ar", "fr"]}}
TYPE = {"terms": {"type": ["report"]}}
ATTACHMENT = {"term": {"has_attachment": True}}


def bool_filter(*clauses):
    return {"bool": {"filter": list(clauses)}}


def test_golden_every_filter():
    query = ContributionQuery(
        text="return",
        regions=frozenset({"asia-pacific", "africa"}),
        topics=frozenset({7}),
        objectives=frozenset({23, 5}),
        groups=frozenset({"youth"}),
        countries=frozenset({"SN", "MA"}),
        languages=frozenset({"fr", "ar"}),
        types=frozenset({"report"}),
        date_from=date(2024, 1, 1),
        date_to=date(2024, 6, 30),
        has_attachment=True,
    )
    body = request_body(query, FORUMS)
    # Visibility and dates: in the query's bool.filter, where no facet lifts them.
    assert body["query"] == {
        "bool": {
            "must": text_clauses("return"),
            "filter": [
                *VISIBILITY,
                {"range": {"created": {"time_zone": "UTC", "gte": "2024-01-01", "lt": "2024-07-01"}}},
            ],
        }
    }
    # Facet dimensions: post_filter for the hits, and each dimension's
    # aggregation filtered by all the others (disjunctive facets).
    assert body["post_filter"] == bool_filter(
        REGION, TOPIC, OBJECTIVE, GROUP, COUNTRY, LANGUAGE, TYPE, ATTACHMENT
    )
    assert body["aggs"] == {
        "region": facet(
            "region", 10, bool_filter(TOPIC, OBJECTIVE, GROUP, COUNTRY, LANGUAGE, TYPE, ATTACHMENT)
        ),
        "topic": facet(
            "topic_id", 50, bool_filter(REGION, OBJECTIVE, GROUP, COUNTRY, LANGUAGE, TYPE, ATTACHMENT)
        ),
        "objective": facet(
            "objectives", 30, bool_filter(REGION, TOPIC, GROUP, COUNTRY, LANGUAGE, TYPE, ATTACHMENT)
        ),
        "group": facet(
            "stakeholder_group",
            30,
            bool_filter(REGION, TOPIC, OBJECTIVE, COUNTRY, LANGUAGE, TYPE, ATTACHMENT),
        ),
        "country": facet(
            "country", 250, bool_filter(REGION, TOPIC, OBJECTIVE, GROUP, LANGUAGE, TYPE, ATTACHMENT)
        ),
        "language": facet(
            "language", 10, bool_filter(REGION, TOPIC, OBJECTIVE, GROUP, COUNTRY, TYPE, ATTACHMENT)
        ),
        "type": facet(
            "type", 10, bool_filter(REGION, TOPIC, OBJECTIVE, GROUP, COUNTRY, LANGUAGE, ATTACHMENT)
        ),
        "has_attachment": facet(
            "has_attachment", 2, bool_filter(REGION, TOPIC, OBJECTIVE, GROUP, COUNTRY, LANGUAGE, TYPE)
        ),
    }


def test_golden_without_attachment_and_open_date_range():
    body = request_body(ContributionQuery(has_attachment=False, date_from=date(2023, 3, 1)), FORUMS)
    assert body["query"] == {
        "bool": {"filter": [*VISIBILITY, {"range": {"created": {"time_zone": "UTC", "gte": "2023-03-01"}}}]}
    }
    assert body["post_filter"] == bool_filter({"term": {"has_attachment": False}})
    assert body["aggs"]["has_attachment"] == facet("has_attachment", 2, ALL)
    assert body["aggs"]["region"] == facet("region", 10, bool_filter({"term": {"has_attachment": False}}))


def test_golden_sort_newest():
    body = request_body(ContributionQuery(text="droits", sort=Sort.NEWEST), FORUMS)
    assert body["sort"] == BY_DATE
    assert "highlight" in body


def test_golden_browse_without_text():
    # No text: newest first whatever the sort, no scoring, no highlight.
    body = request_body(ContributionQuery(), FORUMS)
    assert body == {
        "query": {"bool": {"filter": VISIBILITY}},
        "aggs": UNFILTERED_AGGS,
        "sort": BY_DATE,
        "_source": SOURCE,
        "from": 0,
        "size": 20,
        "track_total_hits": True,
    }


@pytest.mark.parametrize(
    ("page", "page_size", "start", "size"),
    [
        (3, 20, 40, 20),
        (1, 20, 0, 20),
        (0, 20, 0, 20),
        (-5, 20, 0, 20),
        (10**9, 20, 9_980, 20),  # from + size stays inside the 10,000-hit window
        (2, 10**6, 100, 100),  # page size capped
        (101, 100, 9_900, 100),
    ],
)
def test_golden_pages(page, page_size, start, size):
    body = request_body(ContributionQuery(text="x", page=page, page_size=page_size), FORUMS)
    assert (body["from"], body["size"]) == (start, size)
    assert body["from"] + body["size"] <= 10_000


HOSTILE = [
    '"unbalanced',
    "a AND",
    "NEAR(",
    "body:",
    "*",
    "(x",
    "a OR OR b",
    "^",
    "x NOT",
    "visible:false",
    "is_approved:false",
    "forum_id:*",
    "region:*",
    "/.*/",
    "*suffix",
    "a~10",
    '"a" + "b" | -c \\ (d',
    "nul\x00byte",
    "\u202eevil",
    "word " * 10_000,
    "x" * 100_000,
    '{"query": {"match_all": {}}}',
]


# Every operator of Elasticsearch's query syntaxes (simple_query_string and
# query_string): none may reach the engine, as none reaches the database's.
OPERATOR_CHARACTERS = set('+|-"*()~\\:^/[]{}<>!?&=')


def sent_words(body):
    """The words of the user's text in a request body, asserting each went as a plain match."""
    words = []
    for clause in body["query"]["bool"].get("must", []):
        ((kind, match),) = clause.items()
        assert kind == "multi_match"
        assert set(match) == {"query", "fields", "operator"}  # no type, flags, fuzziness or slop
        assert (match["fields"], match["operator"]) == (FIELDS, "and")
        words.append(match["query"])
    return words


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_golden_hostile_text(text):
    body = request_body(ContributionQuery(text=text), FORUMS)
    assert not {"query_string", "simple_query_string"} & set(walk_keys(body))
    # Whatever the text says, visibility is the same filter, outside the text clause.
    assert body["query"]["bool"]["filter"] == VISIBILITY
    assert "post_filter" not in body
    words = sent_words(body)
    assert len(words) <= 32
    for word in words:
        assert not OPERATOR_CHARACTERS & set(word)
        assert word not in {"AND", "OR", "NOT", "NEAR"}
        assert "\x00" not in word and len(word) <= 500


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('"a" + "b" | -c \\ (d', ["a", "b", "c", "d"]),
        ("migrants OR workers", ["migrants", "workers"]),  # both required, as on the database
        ("NOT visas", ["visas"]),
        ("asile -retour", ["asile", "retour"]),
        ('"droits des femmes"', ["droits", "des", "femmes"]),  # no phrase: words
        ("migr* return~2", ["migr", "return", "2"]),  # no prefix, no fuzziness
        ("visible:false body.fr:x", ["visible", "false", "body", "fr", "x"]),
        ("l'accès aux droits", ["l'accès", "aux", "droits"]),  # elision is the French analyser's
        ("«الهجرة» (و) المهاجرين", ["الهجرة", "و", "المهاجرين"]),
        ("* ( ) ~ |", []),  # no words: a browse, newest first, as on the database
    ],
)
def test_golden_operators_reach_the_engine_only_as_words(text, words):
    body = request_body(ContributionQuery(text=text), FORUMS)
    assert sent_words(body) == words
    assert body["sort"] == (BY_RELEVANCE if words else BY_DATE)


def test_golden_nul_only_text_is_no_text():
    body = request_body(ContributionQuery(text="\x00\x00 "), FORUMS)
    assert body["query"] == {"bool": {"filter": VISIBILITY}}


def test_golden_index_analysis():
    definition = index_for("hub-contributions-20240101000000000000").to_dict()
    analysis = definition["settings"]["analysis"]
    assert analysis["analyzer"] == {
        "hub_arabic": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [
                "lowercase",
                "decimal_digit",
                "hub_arabic_stop",
                "arabic_normalization",
                "hub_arabic_stemmer",
            ],
        },
        "hub_french": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["hub_french_elision", "lowercase", "hub_french_stop", "hub_french_stemmer"],
        },
        "hub_english": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["hub_english_possessive", "lowercase", "hub_english_stop", "hub_english_stemmer"],
        },
        "hub_folded": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "decimal_digit", "arabic_normalization"],
        },
    }
    assert analysis["filter"]["hub_arabic_stemmer"] == {"type": "stemmer", "language": "arabic"}
    assert analysis["filter"]["hub_french_stemmer"] == {"type": "stemmer", "language": "light_french"}
    assert analysis["filter"]["hub_english_stemmer"] == {"type": "stemmer", "language": "english"}
    assert definition["settings"]["highlight"] == {"max_analyzed_offset": 1_000_000}
    mappings = definition["mappings"]
    assert mappings["dynamic"] == "strict"
    for field in ("subject", "body", "attachment_text"):
        assert mappings["properties"][field] == {
            "type": "text",
            "index": False,
            "fields": {
                "ar": {"type": "text", "analyzer": "hub_arabic"},
                "fr": {"type": "text", "analyzer": "hub_french"},
                "en": {"type": "text", "analyzer": "hub_english"},
                "folded": {"type": "text", "analyzer": "hub_folded"},
            },
        }
    assert mappings["properties"]["objectives"] == {"type": "integer"}
    assert mappings["properties"]["visible"] == {"type": "boolean"}
    assert mappings["properties"]["forum_id"] == {"type": "long"}


# ---------------------------------------------------------------- (b) stub server


@pytest.fixture
def stub():
    server = StubElasticsearch()
    yield server
    server.close()
    assert not server.errors


@pytest.fixture
def backend(stub):
    return ElasticsearchBackend(client=make_client(stub.url, timeout=0.5), sleep=lambda seconds: None)


@pytest.fixture
def es_settings(settings, stub):
    settings.ELASTICSEARCH_URL = stub.url
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    return settings


@pytest.fixture
def contributions(db):
    seed_contributions(12, seed=77)
    return list(Contribution.objects.filter(external_id__startswith="seed-77-").order_by("pk"))


def readable_forums():
    return set(Forum.objects.values_list("pk", flat=True))


def canned_hit(contribution):
    document = es_source.document_for(contribution)
    source = {k: v for k, v in document.items() if k not in ("body", "attachment_text", "digest")}
    return {"_index": "hub-contributions-1", "_id": str(contribution.pk), "_score": 3.2, "_source": source}


def canned_aggregations():
    buckets = {
        "region": [{"key": "africa", "doc_count": 5}, {"key": "arab-states", "doc_count": 2}],
        "topic": [{"key": 41, "doc_count": 4}],
        "objective": [{"key": 5, "doc_count": 3}, {"key": 23, "doc_count": 1}],
        "group": [{"key": "youth", "doc_count": 2}],
        "country": [{"key": "MA", "doc_count": 2}],
        "language": [{"key": "ar", "doc_count": 4}, {"key": "fr", "doc_count": 3}],
        "type": [{"key": "report", "doc_count": 7}],
        "has_attachment": [
            {"key": 0, "key_as_string": "false", "doc_count": 6},
            {"key": 1, "key_as_string": "true", "doc_count": 1},
        ],
    }
    return {name: {"doc_count": 7, "values": {"buckets": buckets[name]}} for name in FACETS}


def test_search_turns_the_response_into_a_result(stub, backend, contributions):
    first, second, hidden = contributions[:3]
    Post.objects.filter(pk=hidden.pk).update(approved=False)  # hidden since it was indexed
    # Built here: the stub's thread must not use the test's database connection.
    first_hit, second_hit, hidden_hit = canned_hit(first), canned_hit(second), canned_hit(hidden)

    def answer(request):
        # Marks come back with whatever tags the request asked for.
        open_, close = request.body["highlight"]["pre_tags"][0], request.body["highlight"]["post_tags"][0]
        return {
            "took": 3,
            "timed_out": False,
            "hits": {
                "total": {"value": 7, "relation": "eq"},
                "hits": [
                    {
                        **first_hit,
                        "highlight": {"body.fr": [f"les {open_}migrants{close} dits « sans papiers »"]},
                    },
                    second_hit,
                    {**hidden_hit, "highlight": {"body.ar": [f"{open_}الهجرة{close}"]}},
                ],
            },
            "aggregations": canned_aggregations(),
        }

    stub.on("POST|GET", "/hub-contributions/_search", answer)
    query = ContributionQuery(text="migrants", regions=frozenset({"africa"}))
    result = backend.search(query, readable_forums())

    (request,) = stub.requests
    assert request.path == "/hub-contributions/_search"
    assert request.body == request_body(query, readable_forums())
    assert result.total == 6  # the hit the database no longer shows is not counted
    assert [hit.post_id for hit in result.hits] == [first.pk, second.pk]
    hit = result.hits[0]
    post = first.post
    topic = post.topic
    assert hit == Hit(
        post_id=first.pk,
        url=reverse("forum_conversation:topic", args=[topic.forum.slug, topic.forum_id, topic.slug, topic.pk])
        + f"?post={post.pk}#{post.pk}",
        topic_id=topic.pk,
        topic_subject=topic.subject,
        region=first.space.region.slug,
        type=first.kind,
        objectives=tuple(sorted(o.number for o in first.objectives.all())),
        language=first.language,
        stakeholder_group=first.stakeholder_group.slug if first.stakeholder_group else None,
        organisation=first.organisation,
        country=str(first.country.code) if first.country else None,
        author_name=first.author_name,
        created=post.created,
        external_id=first.external_id,
        snippet="les «migrants» dits \u2039 sans papiers \u203a",
        has_attachment=False,
    )
    # No highlight (no match in the body): the stored summary, unmarked.
    assert result.hits[1].snippet == es_source.document_for(second)["summary"]
    assert "«" not in result.hits[1].snippet
    assert result.facets["region"] == [FacetCount("africa", 5), FacetCount("arab-states", 2)]
    assert result.facets["objective"] == [FacetCount("5", 3), FacetCount("23", 1)]
    assert result.facets["topic"] == [FacetCount("41", 4)]
    assert result.facets["has_attachment"] == [FacetCount("false", 6), FacetCount("true", 1)]
    assert set(result.facets) == set(FACETS)


def test_search_hydrates_a_page_in_one_query(stub, backend, contributions, django_assert_num_queries):
    hits = [canned_hit(c) for c in contributions[:10]]
    stub.on("POST|GET", "/hub-contributions/_search", {"hits": {"total": {"value": 10}, "hits": hits}})
    forums = readable_forums()
    with django_assert_num_queries(1):
        result = backend.search(ContributionQuery(), forums)
    assert len(result.hits) == 10


def test_search_without_readable_forum_asks_nothing(stub, backend):
    result = backend.search(ContributionQuery(text="x"), set())
    assert (result.total, result.hits, stub.requests) == (0, [], [])
    assert set(result.facets) == set(FACETS)


OPERATORS_TYPED = '"asile" + retour | -(femmes*) ~2 AND NOT visible:false \\'


def test_operators_typed_in_the_box_never_reach_the_server(stub, backend, db):
    """What the server receives, for a search page and for an id scan: words only."""
    stub.on("POST|GET", "/hub-contributions/_search", scan_answer([]))
    backend.matching_ids(ContributionQuery(text=OPERATORS_TYPED), FORUMS)
    stub.on("POST|GET", "/hub-contributions/_search", {"hits": {"total": {"value": 0}, "hits": []}})
    backend.search(ContributionQuery(text=OPERATORS_TYPED), FORUMS)
    scan, page = stub.calls("POST", "/hub-contributions/_search")
    for request in (scan, page):
        assert not {"query_string", "simple_query_string"} & set(walk_keys(request.body))
        assert sent_words(request.body) == ["asile", "retour", "femmes", "2", "visible", "false"]


def test_search_on_a_refused_connection_is_unavailable(db):  # db: the thesaurus is read first
    backend = ElasticsearchBackend(client=make_client(closed_port_url(), timeout=0.5))
    with pytest.raises(SearchUnavailable):
        backend.search(ContributionQuery(text="x"), FORUMS)


def test_search_on_a_hanging_server_gives_up_within_the_timeout(stub, db):
    stub.on("POST|GET", "/hub-contributions/_search", {}, delay=3)
    backend = ElasticsearchBackend(client=make_client(stub.url, timeout=0.3))
    started = time.monotonic()
    with pytest.raises(SearchUnavailable):
        backend.search(ContributionQuery(text="x"), FORUMS)
    assert time.monotonic() - started < 2


def test_search_on_an_overloaded_server_is_unavailable(stub, backend, db):
    stub.on("POST|GET", "/hub-contributions/_search", rejected(), status=429)
    with pytest.raises(SearchUnavailable):
        backend.search(ContributionQuery(text="x"), FORUMS)


# ---------------------------------------------------------------- every matching id (analysis papers)
#
# ``matching_ids`` reads ids only, newest first, page after page with
# search_after: the same selection as paging through ``search``, past the
# 10,000-hit window. Its bodies are written out here like the golden ones.

SCAN_BODY = {
    "sort": BY_DATE,
    "_source": ["post_id"],
    "size": SCAN_PAGE,
    "track_total_hits": False,
}


def scan_entries(contributions):
    """(created in epoch milliseconds, post id) of each contribution: the
    ``sort`` values Elasticsearch gives a hit sorted by created, post_id."""
    return [(int(c.post.created.timestamp() * 1000), c.pk) for c in contributions]


def scan_answer(entries):
    """Answer ``_search`` as a server holding ``entries`` would answer the
    request ``matching_ids`` sends: newest first, ``size`` of them after
    ``search_after``. Runs in the stub's thread: no database here."""
    ordered = sorted(entries, reverse=True)

    def answer(request):
        body = request.body
        after = tuple(body.get("search_after") or ())
        rest = [entry for entry in ordered if not after or entry < after]
        hits = [
            {
                "_index": "hub-contributions-1",
                "_id": str(pk),
                "_score": None,
                "_source": {"post_id": pk},
                "sort": [created, pk],
            }
            for created, pk in rest[: body["size"]]
        ]
        # track_total_hits false: no total in the answer.
        return {"took": 1, "timed_out": False, "hits": {"max_score": None, "hits": hits}}

    return answer


def visibility(forum_ids):
    return [{"terms": {"forum_id": sorted(forum_ids)}}, {"term": {"visible": True}}]


def newest_first(entries):
    return [pk for _created, pk in sorted(entries, reverse=True)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (ContributionQuery(), {"bool": {"filter": VISIBILITY}}),
        (
            ContributionQuery(text="migration policy", sort=Sort.RELEVANCE),
            {"bool": {"must": text_clauses("migration", "policy"), "filter": VISIBILITY}},
        ),
        (ContributionQuery(text="\x00\x00 "), {"bool": {"filter": VISIBILITY}}),
        (
            ContributionQuery(text="nul\x00byte"),
            {"bool": {"must": text_clauses("nul", "byte"), "filter": VISIBILITY}},
        ),
    ],
    ids=["browse", "text", "nul-only-text", "nul-in-text"],
)
def test_matching_ids_request_body(stub, backend, db, query, expected):
    stub.on("POST|GET", "/hub-contributions/_search", scan_answer([]))
    assert backend.matching_ids(query, {3, 1, 2}) == []
    (request,) = stub.requests
    assert (request.method, request.path, request.params) == ("POST", "/hub-contributions/_search", {})
    # Newest first whatever the query's sort; no page, aggregations or highlight.
    assert request.body == {"query": expected, **SCAN_BODY}


def test_matching_ids_request_body_with_every_filter(stub, backend, db):
    stub.on("POST|GET", "/hub-contributions/_search", scan_answer([]))
    query = ContributionQuery(
        text="return",
        regions=frozenset({"asia-pacific", "africa"}),
        topics=frozenset({7}),
        objectives=frozenset({23, 5}),
        groups=frozenset({"youth"}),
        countries=frozenset({"SN", "MA"}),
        languages=frozenset({"fr", "ar"}),
        types=frozenset({"report"}),
        date_from=date(2024, 1, 1),
        date_to=date(2024, 6, 30),
        has_attachment=True,
        page=7,
        page_size=3,
    )
    backend.matching_ids(query, FORUMS)
    (request,) = stub.requests
    # No facet counts to keep disjunctive: every filter goes in bool.filter,
    # after visibility and dates; no post_filter.
    assert request.body == {
        "query": {
            "bool": {
                "must": text_clauses("return"),
                "filter": [
                    *VISIBILITY,
                    {"range": {"created": {"time_zone": "UTC", "gte": "2024-01-01", "lt": "2024-07-01"}}},
                    REGION,
                    TOPIC,
                    OBJECTIVE,
                    GROUP,
                    COUNTRY,
                    LANGUAGE,
                    TYPE,
                    ATTACHMENT,
                ],
            }
        },
        **SCAN_BODY,
    }


def test_matching_ids_without_attachment(stub, backend, db):
    stub.on("POST|GET", "/hub-contributions/_search", scan_answer([]))
    backend.matching_ids(ContributionQuery(has_attachment=False), FORUMS)
    (request,) = stub.requests
    assert request.body["query"] == {"bool": {"filter": [*VISIBILITY, {"term": {"has_attachment": False}}]}}


def test_matching_ids_reads_on_after_a_full_page(stub, backend, contributions):
    # A full page of SCAN_PAGE hits, then a short one: two requests, the
    # second starting after the first page's last hit. Documents of posts
    # deleted since they were indexed (ids the database no longer has)
    # fill most of the first page and are dropped.
    real = scan_entries(contributions)
    # Ghosts share the real documents' dates, so both pages hold real ones.
    ghosts = [(real[i % len(real)][0], 900_000 + i) for i in range(SCAN_PAGE)]
    entries = real + ghosts
    ordered = sorted(entries, reverse=True)
    real_ids = {pk for _created, pk in real}
    assert real_ids & {pk for _c, pk in ordered[:SCAN_PAGE]} and real_ids & {
        pk for _c, pk in ordered[SCAN_PAGE:]
    }
    stub.on("POST|GET", "/hub-contributions/_search", scan_answer(entries))

    found = backend.matching_ids(ContributionQuery(), readable_forums())

    assert found == newest_first(real)
    first, second = stub.requests
    assert first.body == {"query": {"bool": {"filter": visibility(readable_forums())}}, **SCAN_BODY}
    assert second.body == {**first.body, "search_after": list(ordered[SCAN_PAGE - 1])}


@pytest.mark.parametrize("page", [5, 4, 13])
def test_matching_ids_follows_search_after_until_a_short_page(
    stub, backend, contributions, monkeypatch, page
):
    # 12 contributions and one deleted post's document: pages of 5 end on a
    # short page of 3; pages of 4 on a short page of 1; a page of 13 is full,
    # so an empty page ends it.
    monkeypatch.setattr("search.backends.elasticsearch.SCAN_PAGE", page)
    unapproved, in_closed_topic, elsewhere = contributions[1], contributions[4], contributions[7]
    Post.objects.filter(pk=unapproved.pk).update(approved=False)
    Topic.objects.filter(pk=in_closed_topic.post.topic_id).update(approved=False)
    hidden_forum = elsewhere.post.topic.forum_id
    forums = readable_forums() - {hidden_forum}
    entries = [*scan_entries(contributions), (int(timezone.now().timestamp() * 1000), 999_999)]
    stub.on("POST|GET", "/hub-contributions/_search", scan_answer(entries))

    found = backend.matching_ids(ContributionQuery(), forums)

    hidden = {unapproved.pk, 999_999} | {
        c.pk
        for c in contributions
        if c.post.topic_id == in_closed_topic.post.topic_id or c.post.topic.forum_id == hidden_forum
    }
    assert found == [pk for pk in newest_first(entries) if pk not in hidden]
    assert len(found) >= 5  # most of the set is still there
    ordered = sorted(entries, reverse=True)
    assert len(stub.requests) == len(entries) // page + 1
    for number, request in enumerate(stub.requests):
        expected = {"query": {"bool": {"filter": visibility(forums)}}, **SCAN_BODY, "size": page}
        if number:
            expected["search_after"] = list(ordered[number * page - 1])
        assert request.body == expected


def test_matching_ids_drops_hits_in_one_query_per_page(
    stub, backend, contributions, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("search.backends.elasticsearch.SCAN_PAGE", 5)
    stub.on("POST|GET", "/hub-contributions/_search", scan_answer(scan_entries(contributions)))
    forums = readable_forums()
    with django_assert_num_queries(3):  # pages of 5, 5 and 2
        assert len(backend.matching_ids(ContributionQuery(), forums)) == len(contributions)


def test_matching_ids_without_readable_forum_asks_nothing(stub, backend):
    assert backend.matching_ids(ContributionQuery(text="x"), set()) == []
    assert stub.requests == []


def test_matching_ids_on_an_overloaded_server_is_unavailable(stub, backend, db):
    stub.on("POST|GET", "/hub-contributions/_search", rejected(), status=429)
    with pytest.raises(SearchUnavailable):
        backend.matching_ids(ContributionQuery(text="x"), FORUMS)


def test_matching_ids_overloaded_after_the_first_page_is_unavailable(
    stub, backend, contributions, monkeypatch
):
    # No partial set: a paper frozen from half the matches would be wrong.
    monkeypatch.setattr("search.backends.elasticsearch.SCAN_PAGE", 5)
    stub.on("POST|GET", "/hub-contributions/_search", rejected(), status=429)
    stub.on("POST|GET", "/hub-contributions/_search", scan_answer(scan_entries(contributions)), times=1)
    with pytest.raises(SearchUnavailable):
        backend.matching_ids(ContributionQuery(), readable_forums())
    assert len(stub.requests) == 2


def test_matching_ids_on_a_refused_connection_is_unavailable(db):
    backend = ElasticsearchBackend(client=make_client(closed_port_url(), timeout=0.5))
    with pytest.raises(SearchUnavailable):
        backend.matching_ids(ContributionQuery(text="x"), FORUMS)


def test_matching_ids_on_a_hanging_server_gives_up_within_the_timeout(stub, db):
    stub.on("POST|GET", "/hub-contributions/_search", {}, delay=3)
    backend = ElasticsearchBackend(client=make_client(stub.url, timeout=0.3))
    started = time.monotonic()
    with pytest.raises(SearchUnavailable):
        backend.matching_ids(ContributionQuery(), FORUMS)
    assert time.monotonic() - started < 2


@pytest.fixture
def site_backend(es_settings):
    """``search.facade`` with the site's own backend, built from ``es_settings``."""
    _backend.cache_clear()
    yield
    _backend.cache_clear()


def test_matching_post_ids_uses_the_backends_id_scan(stub, site_backend, contributions):
    stub.on("POST|GET", "/hub-contributions/_search", scan_answer(scan_entries(contributions)))
    viewer = AnonymousUser()
    forums = readable_forum_ids(viewer)
    assert forums
    query = ContributionQuery(languages=frozenset({"fr", "ar"}), sort=Sort.RELEVANCE, page=3, page_size=10)
    found = matching_post_ids(query, viewer)
    visible = set(
        Post.objects.filter(approved=True, topic__approved=True, topic__forum_id__in=forums).values_list(
            "pk", flat=True
        )
    )
    assert found == [pk for pk in newest_first(scan_entries(contributions)) if pk in visible]
    (request,) = stub.requests
    assert request.body == {
        "query": {"bool": {"filter": [*visibility(forums), LANGUAGE]}},
        **SCAN_BODY,
    }


# ---------------------------------------------------------------- rebuild

OLD = "hub-contributions-20240101000000000000"
NEW = r"hub-contributions-\d{20}"


def rebuild_routes(stub):
    stub.on("PUT", f"/{NEW}", {"acknowledged": True})
    stub.on("PUT|POST", "/_bulk", bulk_ok)
    stub.on("PUT", f"/{NEW}/_settings", {"acknowledged": True})
    stub.on("POST", f"/{NEW}/_refresh", {})
    stub.on("GET", "/_alias/hub-contributions", {OLD: {"aliases": {ALIAS: {}}}})
    stub.on("POST", "/_aliases", {"acknowledged": True})
    stub.on("DELETE", f"/{NEW}", {"acknowledged": True})


def test_rebuild_loads_a_new_index_then_swaps_the_alias_in_one_call(stub, backend, contributions):
    rebuild_routes(stub)
    done = []
    report = backend.rebuild(progress=done.append, sizer=BatchSizer(fixed=5))

    total = Contribution.objects.count()
    new = report.index
    assert report.documents == total == sum(done)
    assert done == [5] * (total // 5) + ([total % 5] if total % 5 else [])
    sequence = [(r.method, r.path) for r in stub.requests]
    bulks = len(done)
    assert sequence == [
        ("PUT", f"/{new}"),
        *[("PUT", "/_bulk")] * bulks,
        ("PUT", f"/{new}/_settings"),
        ("POST", f"/{new}/_refresh"),
        ("GET", "/_alias/hub-contributions"),
        ("POST", "/_aliases"),
        ("DELETE", f"/{OLD}"),
    ]
    create = stub.requests[0].body
    assert create["settings"]["refresh_interval"] == "-1"  # no refreshes while loading
    assert create["mappings"] == index_for(new).to_dict()["mappings"]
    assert stub.calls("PUT", f"/{new}/_settings")[0].body == {"index": {"refresh_interval": "1s"}}
    # Every document went to the new index, not through the alias.
    sent = [line for r in stub.calls("PUT", "/_bulk") for line in r.lines]
    targets = {line["index"]["_index"] for line in sent[::2]}
    assert targets == {new}
    assert sorted(int(line["_id"]) for line in (x["index"] for x in sent[::2])) == sorted(
        Contribution.objects.values_list("pk", flat=True)
    )
    # The swap: remove and add in one atomic request.
    assert stub.calls("POST", "/_aliases")[0].body == {
        "actions": [
            {"remove": {"index": OLD, "alias": ALIAS}},
            {"add": {"index": new, "alias": ALIAS}},
        ]
    }
    assert report.replaced == [OLD]


def test_first_rebuild_adds_the_alias(stub, backend, contributions):
    rebuild_routes(stub)
    stub.on("GET", "/_alias/hub-contributions", {"error": "alias missing", "status": 404}, status=404)
    report = backend.rebuild(sizer=BatchSizer(fixed=100))
    assert stub.calls("POST", "/_aliases")[0].body == {
        "actions": [{"add": {"index": report.index, "alias": ALIAS}}]
    }
    assert not stub.calls("DELETE")


def test_rebuild_backs_off_when_the_cluster_is_busy(stub, contributions):
    slept = []
    backend = ElasticsearchBackend(client=make_client(stub.url, timeout=0.5), sleep=slept.append)
    rebuild_routes(stub)
    stub.on("PUT|POST", "/_bulk", rejected(), status=429, times=2)
    sizer = BatchSizer(start=100)
    backend.rebuild(sizer=sizer)
    assert slept == [0.5, 1.0]
    assert sizer.current == 50 and sizer.settled  # halved and no longer growing
    assert len(stub.calls("POST", "/_aliases")) == 1


def test_a_failed_rebuild_deletes_its_index_and_keeps_the_alias(stub, backend, contributions):
    rebuild_routes(stub)

    def mapping_error(request):
        first = request.lines[0]["index"]
        return {
            "errors": True,
            "items": [
                {
                    "index": {
                        "_index": first["_index"],
                        "_id": first["_id"],
                        "status": 400,
                        "error": {"type": "document_parsing_exception", "reason": "bad"},
                    }
                }
            ],
        }

    stub.on("PUT|POST", "/_bulk", mapping_error)
    with pytest.raises(RebuildFailed):
        backend.rebuild(sizer=BatchSizer(fixed=100))
    new = stub.requests[0].path
    assert stub.requests[-1].method == "DELETE" and stub.requests[-1].path == new
    assert not stub.calls("POST", "/_aliases")


def test_rebuild_sends_again_what_the_worker_sent_while_it_loaded(stub, backend, contributions, es_settings):
    rebuild_routes(stub)
    before = IndexOutbox.objects.create(post_id=contributions[0].pk, operation="index", state="done")
    before.created = timezone.now() - timedelta(hours=1)
    before.save()
    during = IndexOutbox.objects.create(
        post_id=contributions[1].pk,
        operation="index",
        state="done",
        created=timezone.now() + timedelta(seconds=5),
    )
    backend.rebuild(sizer=BatchSizer(fixed=100))
    before.refresh_from_db()
    during.refresh_from_db()
    assert (before.state, during.state) == ("done", "pending")


def test_batch_size_doubles_while_throughput_improves():
    sizer = BatchSizer(start=100, maximum=800)
    sizer.record(100, 1.0)  # 100 docs/s
    assert sizer.size() == 200
    sizer.record(200, 1.0)  # 200 docs/s: better, double again
    assert sizer.size() == 400
    sizer.record(400, 3.0)  # 133 docs/s: worse, keep 400
    assert sizer.size() == 400 and sizer.settled
    sizer.record(400, 0.1)
    assert sizer.size() == 400
    capped = BatchSizer(start=100, maximum=200)
    for _ in range(5):
        capped.record(capped.size(), 0.001)
    assert capped.size() == 200
    assert BatchSizer(fixed=750).size() == 750
    fixed = BatchSizer(fixed=750)
    fixed.record(750, 0.001)
    assert fixed.size() == 750


# ---------------------------------------------------------------- outbox and worker


def test_enqueue_writes_in_the_posts_transaction_and_a_rollback_leaves_nothing(es_settings, db):
    posts_before = Post.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        seed_contributions(1, seed=91)
        contribution = Contribution.objects.get(external_id="seed-91-1")
        # The import queued it in its own transaction; queuing again adds nothing.
        assert list(IndexOutbox.objects.values_list("post_id", flat=True)) == [contribution.pk]
        assert outbox.enqueue([contribution.pk]) == 0
        raise RuntimeError("the view failed after saving")
    assert Post.objects.count() == posts_before
    assert not IndexOutbox.objects.exists()


def test_enqueue_does_nothing_for_the_database_backend(settings, db):
    settings.SEARCH_BACKEND = "database"
    assert outbox.enqueue([1, 2]) == 0
    assert not IndexOutbox.objects.exists()


def test_backend_index_and_remove_only_queue(stub, backend, contributions, es_settings):
    backend.index([contributions[0].pk, contributions[0].pk])
    backend.remove([contributions[1].pk])
    assert stub.requests == []  # nothing talks to Elasticsearch while a post is saved
    assert sorted(IndexOutbox.objects.values_list("post_id", "operation")) == sorted(
        [(contributions[0].pk, "index"), (contributions[1].pk, "remove")]
    )


def test_worker_drains_the_outbox(stub, backend, contributions, es_settings):
    index = FakeIndex(stub)
    kept, edited, deleted = contributions[:3]
    outbox.enqueue([kept.pk, edited.pk, deleted.pk])
    outbox.enqueue([edited.pk])  # edited twice: sent once
    outbox.enqueue([424242], outbox.Operation.REMOVE)  # never indexed: delete answers 404, fine
    Post.objects.filter(pk=deleted.pk).delete()

    report = backend.drain()

    assert (report.claimed, report.done, report.retried, report.dead) == (5, 5, 0, 0)
    (request,) = stub.calls("PUT", "/_bulk")
    assert request.params == {"require_alias": ["true"]}
    actions = [line for line in request.lines if set(line) & {"index", "delete"}]
    assert {(next(iter(a)), a[next(iter(a))]["_index"], int(a[next(iter(a))]["_id"])) for a in actions} == {
        ("index", ALIAS, kept.pk),
        ("index", ALIAS, edited.pk),
        ("delete", ALIAS, deleted.pk),
        ("delete", ALIAS, 424242),
    }
    assert index.documents[kept.pk] == es_source.document_for(kept)
    assert set(IndexOutbox.objects.values_list("state", flat=True)) == {"done"}
    assert backend.drain().claimed == 0


def test_newest_operation_wins(stub, backend, contributions, es_settings):
    FakeIndex(stub)
    outbox.enqueue([contributions[0].pk])
    outbox.enqueue([contributions[0].pk], outbox.Operation.REMOVE)
    backend.drain()
    (request,) = stub.calls("PUT", "/_bulk")
    assert request.lines == [{"delete": {"_index": ALIAS, "_id": str(contributions[0].pk)}}]


def steady(max_attempts=5):
    return outbox.RetryPolicy(max_attempts=max_attempts, base_delay=10, max_delay=60, jitter=False)


def make_due():
    IndexOutbox.objects.filter(state="pending").update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_worker_backs_off_on_429_then_sends_after_recovery(stub, backend, contributions, es_settings):
    FakeIndex(stub)
    stub.on("PUT|POST", "/_bulk", rejected(), status=429, times=4)
    outbox.enqueue([contributions[0].pk])
    delays = []
    for _ in range(4):
        before = timezone.now()
        report = outbox.drain_once(backend.send, policy=steady())
        assert (report.claimed, report.retried) == (1, 1)
        row = IndexOutbox.objects.get()
        assert row.state == "pending" and "429" in row.last_error
        delays.append(round((row.next_attempt_at - before).total_seconds()))
        assert outbox.drain_once(backend.send, policy=steady()).claimed == 0  # not due yet
        make_due()
    assert delays == [10, 20, 40, 60]  # exponential, capped
    report = outbox.drain_once(backend.send, policy=steady())
    assert report.done == 1
    assert IndexOutbox.objects.get().state == "done"


def test_jitter_keeps_the_delay_within_half_and_full():
    policy = outbox.RetryPolicy(base_delay=4, max_delay=60)
    for attempts in range(1, 8):
        full = min(4 * 2 ** (attempts - 1), 60)
        assert all(full / 2 <= policy.delay(attempts) <= full for _ in range(20))


def test_worker_retries_when_the_connection_is_refused(contributions, es_settings):
    backend = ElasticsearchBackend(client=make_client(closed_port_url(), timeout=0.5))
    outbox.enqueue([contributions[0].pk])
    report = outbox.drain_once(backend.send, policy=steady())
    assert report.retried == 1
    row = IndexOutbox.objects.get()
    assert (row.state, row.attempts) == ("pending", 1)
    assert "ConnectionError" in row.last_error


def test_worker_retries_when_the_server_hangs(stub, contributions, es_settings):
    stub.on("PUT|POST", "/_bulk", bulk_ok, delay=3)
    backend = ElasticsearchBackend(client=make_client(stub.url, timeout=0.3))
    outbox.enqueue([contributions[0].pk])
    started = time.monotonic()
    report = outbox.drain_once(backend.send, policy=steady())
    assert time.monotonic() - started < 2
    assert report.retried == 1
    assert "ConnectionTimeout" in IndexOutbox.objects.get().last_error


def test_rows_are_dead_after_n_attempts(stub, backend, contributions, es_settings):
    stub.on("PUT|POST", "/_bulk", rejected(), status=429)
    outbox.enqueue([contributions[0].pk, contributions[1].pk])
    policy = steady(max_attempts=3)
    for _ in range(3):
        outbox.drain_once(backend.send, policy=policy)
        make_due()
    assert list(IndexOutbox.objects.values_list("state", "attempts").distinct()) == [("dead", 3)]
    assert outbox.drain_once(backend.send, policy=policy).claimed == 0
    assert outbox.requeue() == 2
    assert set(IndexOutbox.objects.values_list("state", "attempts")) == {("pending", 0)}


def test_a_poison_document_is_dead_lettered_while_the_rest_proceed(stub, backend, contributions, es_settings):
    index = FakeIndex(stub)
    poison, good = contributions[:2]

    def partly(request):
        answer = index.bulk(request)
        for item in answer["items"]:
            result = next(iter(item.values()))
            if int(result["_id"]) == poison.pk:
                result.update(status=400, error={"type": "document_parsing_exception", "reason": "bad field"})
                index.documents.pop(poison.pk)
        return {**answer, "errors": True}

    stub.on("PUT|POST", "/_bulk", partly)
    outbox.enqueue([poison.pk, good.pk])
    policy = steady(max_attempts=2)
    report = outbox.drain_once(backend.send, policy=policy)
    assert (report.done, report.retried) == (1, 1)
    make_due()
    report = outbox.drain_once(backend.send, policy=policy)
    assert report.dead == 1
    states = dict(IndexOutbox.objects.values_list("post_id", "state"))
    assert states == {poison.pk: "dead", good.pk: "done"}
    assert (
        "400 document_parsing_exception: bad field" in IndexOutbox.objects.get(post_id=poison.pk).last_error
    )
    assert set(index.documents) == {good.pk}


def test_posts_saved_while_search_is_down_reach_the_index_after_recovery(stub, contributions, es_settings):
    down = ElasticsearchBackend(client=make_client(closed_port_url(), timeout=0.5))
    for contribution in contributions:
        with transaction.atomic():
            Post.objects.filter(pk=contribution.pk).update(subject="edited while down")
            down.index([contribution.pk])
    assert outbox.drain(down.send, policy=steady()).retried == len(contributions)
    assert outbox.counts()["pending"] == len(contributions)

    index = FakeIndex(stub)
    up = ElasticsearchBackend(client=make_client(stub.url, timeout=0.5))
    make_due()
    report = up.drain(batch_size=5)
    assert report.done == len(contributions)
    assert outbox.counts()["pending"] == 0
    # Contributions outside this test's seed were never queued: index them too.
    others = Contribution.objects.exclude(pk__in=[c.pk for c in contributions]).values_list("pk", flat=True)
    up.send(dict.fromkeys(others, "index"))
    assert up.verify() == IndexDifferences()
    assert len(index.documents) == Contribution.objects.count()


def test_verify_lists_missing_extra_and_stale_documents(stub, backend, contributions, es_settings):
    index = FakeIndex(stub)
    backend.send(dict.fromkeys(Contribution.objects.values_list("pk", flat=True), "index"))
    missing, stale = contributions[:2]
    index.documents.pop(missing.pk)
    index.documents[stale.pk] = {**index.documents[stale.pk], "digest": "old"}
    index.documents[999_999] = {"post_id": 999_999, "digest": "x"}
    assert backend.verify() == IndexDifferences(missing=[missing.pk], extra=[999_999], stale=[stale.pk])


def test_status(stub, backend, contributions, es_settings):
    index = FakeIndex(stub)
    backend.send({contributions[0].pk: "index"})
    outbox.enqueue([contributions[1].pk])
    status = backend.status()
    assert status["indices"] == ["hub-contributions-1"]
    assert status["documents"] == len(index.documents) == 1
    assert status["contributions"] == Contribution.objects.count()
    assert status["outbox"]["pending"] == 1


def test_search_worker_command_once(stub, contributions, es_settings):
    index = FakeIndex(stub)
    outbox.enqueue([c.pk for c in contributions])
    out = StringIO()
    call_command("search_worker", "--once", stdout=out, stderr=StringIO())
    assert f"{len(contributions)} change(s) sent" in out.getvalue()
    assert set(index.documents) == {c.pk for c in contributions}
    assert outbox.counts() == {"pending": 0, "dead": 0, "oldest_pending": None}


def test_search_worker_creates_an_empty_index_when_there_is_none(stub, contributions, es_settings):
    FakeIndex(stub)
    stub.on("GET", "/_alias/hub-contributions", {"error": "missing", "status": 404}, status=404)
    stub.on("PUT", f"/{NEW}", {"acknowledged": True})
    out = StringIO()
    call_command("search_worker", "--once", stdout=out, stderr=StringIO())
    (create,) = stub.calls("PUT", f"/{NEW}")
    assert create.body["aliases"] == {ALIAS: {}}
    assert "search_index rebuild" in out.getvalue()


def test_search_worker_survives_a_server_that_is_down(contributions, settings):
    settings.ELASTICSEARCH_URL = closed_port_url()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    outbox.enqueue([contributions[0].pk])
    err = StringIO()
    call_command("search_worker", "--once", stdout=StringIO(), stderr=err)
    assert "not reachable" in err.getvalue()
    assert outbox.counts()["pending"] == 1


def test_snippet_marks_survive_author_guillemets():
    from search.backends.elasticsearch.query import CLOSE, snippet

    hit = {"highlight": {"body.fr": [f"« {OPEN}asile{CLOSE} » et   retour"]}, "_source": {"summary": "x"}}
    assert snippet(hit) == "\u2039 «asile» \u203a et retour"


def test_created_dates_round_trip():
    from search.backends.elasticsearch.query import parse_hit

    source = {"post_id": 1, "topic_id": 2, "created": "2024-03-05T10:11:12+00:00"}
    assert parse_hit({"_source": source})["created"] == datetime(2024, 3, 5, 10, 11, 12, tzinfo=UTC)
