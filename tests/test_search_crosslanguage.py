"""Cross-language search through the GCM thesaurus, on the database backend."""

import pytest
from django.contrib.auth.models import AnonymousUser

from hub.models import Concept
from search.facade import matching_post_ids, search
from search.query import ContributionQuery, Sort
from tests.search_corpus import contribute

pytestmark = pytest.mark.django_db

ANONYMOUS = AnonymousUser()


@pytest.fixture
def remittance_posts():
    return {
        "en": contribute("Remittances should cost less than three percent to send.", language="en"),
        "ar": contribute("يجب خفض تكلفة التحويلات المالية إلى الأسر في مصر والأردن.", language="ar"),
        "fr": contribute("Les transferts de fonds vers le Maroc restent trop chers.", language="fr"),
        "other": contribute("Les frais de visa augmentent chaque année.", language="fr"),
    }


def run(text, **fields):
    return search(ContributionQuery(text=text, **fields), ANONYMOUS)


def test_a_query_finds_the_concept_in_the_other_languages(remittance_posts):
    result = run("remittances")
    ids = [hit.post_id for hit in result.hits]
    assert set(ids) == {remittance_posts[lang].pk for lang in ("en", "ar", "fr")}
    assert result.total == 3
    # The contribution in the query's own words comes first, and says so.
    assert ids[0] == remittance_posts["en"].pk
    assert result.hits[0].through == ()
    through = {hit.language: hit.through for hit in result.hits[1:]}
    assert [t.concept for t in through["ar"]] == ["remittances"]
    assert through["ar"][0].terms == ("التحويلات المالية",)
    assert through["fr"][0].terms == ("transferts de fonds",)
    assert through["fr"][0].label == "remittances"


def test_every_page_of_a_cross_language_search_follows_on_from_the_one_before(remittance_posts):
    # Own-word matches are read first and those found through a concept only
    # when a page reaches past them: paging one at a time, two at a time or
    # all at once lists the same contributions in the same order.
    more = [
        contribute(f"Remittances corridor number {n} needs cheaper transfers.", language="en")
        for n in range(3)
    ]
    everything = [hit.post_id for hit in run("remittances", page_size=50).hits]
    assert len(everything) == 6
    assert set(everything[:4]) == {remittance_posts["en"].pk, *(post.pk for post in more)}
    for size in (1, 2, 4, 5):
        paged = [
            hit.post_id for page in range(1, 8) for hit in run("remittances", page_size=size, page=page).hits
        ]
        assert paged == everything, size
    assert run("remittances", page_size=5, page=3).hits == []


def test_the_snippet_marks_the_concept_words_in_the_hits_language(remittance_posts):
    hits = {hit.language: hit for hit in run("remittances").hits}
    assert "«التحويلات»" in hits["ar"].snippet
    assert "«transferts»" in hits["fr"].snippet


def test_switched_off_it_finds_only_the_query_words(remittance_posts):
    result = run("remittances", cross_language=False)
    assert [hit.post_id for hit in result.hits] == [remittance_posts["en"].pk]


@pytest.mark.parametrize("text", ["التحويلات المالية", "transferts de fonds"])
def test_every_language_reaches_the_others(remittance_posts, text):
    found = {hit.language for hit in run(text).hits}
    assert found == {"en", "ar", "fr"}


def test_words_outside_the_concept_stay_required(remittance_posts):
    assert {hit.language for hit in run("remittances Maroc").hits} == {"fr"}


def test_newest_first_and_paper_selection_follow_the_switch(remittance_posts):
    ids = {p.pk for lang, p in remittance_posts.items() if lang != "other"}
    assert {h.post_id for h in run("remittances", sort=Sort.NEWEST).hits} == ids
    assert set(matching_post_ids(ContributionQuery(text="remittances"), ANONYMOUS)) == ids
    off = ContributionQuery(text="remittances", cross_language=False)
    assert matching_post_ids(off, ANONYMOUS) == [remittance_posts["en"].pk]


def test_a_concept_edited_in_the_admin_applies_at_once_without_reindexing(remittance_posts):
    assert run("remittances").total == 3
    concept = Concept.objects.get(key="remittances")
    concept.terms_fr = "envois de fonds"
    concept.save()
    assert {hit.language for hit in run("remittances").hits} == {"en", "ar"}


# ---------------------------------------------------------------- the Elasticsearch backend
#
# The same expansion, from the same thesaurus rows, at search time: the
# request carries the concept's terms as phrases in each language's
# analysed fields, and Elasticsearch's ``matched_queries`` say how each hit
# matched. Tested on the request bodies against the stub server.

from search import crosslanguage  # noqa: E402 (the backend's section of this file)
from search.backends.elasticsearch import ElasticsearchBackend, make_client  # noqa: E402
from search.backends.elasticsearch.query import OWN_WORDS_BOOST, request_body  # noqa: E402
from tests.es_stub import StubElasticsearch  # noqa: E402
from tests.test_search_elasticsearch import canned_hit, readable_forums  # noqa: E402


@pytest.fixture
def es():
    server = StubElasticsearch()
    yield server, ElasticsearchBackend(client=make_client(server.url, timeout=0.5), sleep=lambda s: None)
    server.close()


def _phrases(body):
    either = body["query"]["bool"]["must"][0]["bool"]["should"]
    units = either[1]["bool"]["must"]
    return {
        clause["multi_match"]["query"]: clause["multi_match"]
        for unit in units
        for clause in unit.get("bool", {}).get("should", [])
        if clause.get("multi_match", {}).get("type") == "phrase"
    }


def test_the_request_carries_the_concepts_terms_in_their_languages_fields():
    query = ContributionQuery(text="remittances Morocco")
    body = request_body(query, {1, 2}, crosslanguage.expand_query(query))
    either = body["query"]["bool"]["must"][0]["bool"]
    own = either["should"][0]["bool"]
    assert own["_name"] == "own-words"
    assert [c["multi_match"]["query"] for c in own["must"]] == ["remittances", "Morocco"]
    assert either["minimum_should_match"] == 1
    # "Morocco" is no concept: it stays required beside the concept's terms.
    units = either["should"][1]["bool"]["must"]
    assert units[0]["multi_match"]["query"] == "Morocco"
    phrases = _phrases(body)
    assert phrases["التحويلات المالية"]["fields"] == ["subject.ar", "body.ar", "attachment_text.ar"]
    assert phrases["transferts de fonds"]["fields"] == ["subject.fr", "body.fr", "attachment_text.fr"]
    assert "remittances" not in phrases  # the query's own language is not expanded
    # The query's own words rank first.
    (boost,) = body["query"]["bool"]["should"]
    assert boost["constant_score"]["boost"] == OWN_WORDS_BOOST


def test_switched_off_the_request_is_the_monolingual_one():
    query = ContributionQuery(text="remittances", cross_language=False)
    body = request_body(query, {1, 2}, crosslanguage.expand_query(query))
    assert body == request_body(query, {1, 2})
    assert "should" not in body["query"]["bool"]


def test_each_hit_says_whether_it_matched_its_own_words_or_a_concept(es, remittance_posts):
    stub, backend = es
    first, second = remittance_posts["en"].contribution, remittance_posts["ar"].contribution
    first_hit, second_hit = canned_hit(first), canned_hit(second)
    query = ContributionQuery(text="remittances")
    names = {}

    def answer(request):
        for name, clause in _phrases(request.body).items():
            names[name] = clause["_name"]
        return {
            "hits": {
                "total": {"value": 2},
                "hits": [
                    {**first_hit, "matched_queries": ["own-words"]},
                    {**second_hit, "matched_queries": [names["التحويلات المالية"]]},
                ],
            }
        }

    stub.on("POST|GET", "/hub-contributions/_search", answer)
    result = backend.search(query, readable_forums())
    assert result.hits[0].through == ()
    (through,) = result.hits[1].through
    assert (through.concept, through.label, through.terms) == (
        "remittances",
        "remittances",
        ("التحويلات المالية",),
    )


# ---------------------------------------------------------------- the surfaces: page, API, export


def test_the_json_api_says_how_each_result_matched_and_can_turn_it_off(client, remittance_posts):
    data = client.get("/api/v1/contributions/", {"q": "remittances"}).json()
    through = {r["language"]: r["matched_through"] for r in data["results"]}
    assert through["en"] == []
    assert through["ar"] == [
        {"concept": "remittances", "label": "remittances", "terms": ["التحويلات المالية"]}
    ]
    off = client.get("/api/v1/contributions/", {"q": "remittances", "crosslanguage": "off"}).json()
    assert [r["language"] for r in off["results"]] == ["en"]
    assert '"crosslanguage"' in client.get("/api/v1/openapi.json").content.decode()


def test_the_search_page_marks_hits_found_through_a_concept_and_its_switch_removes_them(
    client, remittance_posts, settings
):
    settings.SEARCH_RATE_LIMITS = {"anonymous": ((10_000, 1),), "authenticated": ((10_000, 1),)}
    page = client.get("/en/search/contributions/", {"q": "remittances"}).content.decode()
    switch = page.split('id="contributions-crosslanguage"')[1][:200]
    assert " checked" in switch
    assert page.count("search-through") == 2
    assert "through the concept “<bdi>remittances</bdi>”" in page
    # The form sends "off" then the ticked box's "on"; unticked, only "off".
    off = client.get(
        "/en/search/contributions/", {"q": "remittances", "crosslanguage": "off"}
    ).content.decode()
    assert off.count("search-hit ") == 1 and "search-through" not in off
    on = client.get(
        "/en/search/contributions/?q=remittances&crosslanguage=off&crosslanguage=on"
    ).content.decode()
    assert on.count("search-through") == 2
    # What the page exports follows the switch.
    assert "crosslanguage=off" in off.split("search-exports")[1][:400]


def test_the_csv_export_follows_the_switch(client, staff_user, remittance_posts):
    client.force_login(staff_user)

    def rows(params):
        response = client.get("/en/search/export/csv/", params)
        return b"".join(response.streaming_content).decode().strip().count("\n")

    assert rows({"q": "remittances"}) == 3
    assert rows({"q": "remittances", "crosslanguage": "off"}) == 1


def test_the_switch_round_trips_through_the_address_saved_searches_and_papers():
    from django.http import QueryDict

    from hub.papers.generate import normalise_query
    from search.params import params_from_query, query_from_params
    from search.saved.searches import normalise

    off, _errors = query_from_params(QueryDict("q=remittances&crosslanguage=off"))
    assert not off.cross_language
    assert ("crosslanguage", "off") in params_from_query(off)
    on, _errors = query_from_params(QueryDict("q=remittances"))
    assert on.cross_language and not any(name == "crosslanguage" for name, _v in params_from_query(on))
    assert "crosslanguage=off" in normalise("q=remittances&crosslanguage=off")[0]
    assert "crosslanguage=off" in normalise_query("q=remittances&crosslanguage=off", "arab-states")
