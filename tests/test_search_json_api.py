"""The JSON API (/api/v1/contributions/), its tokens, limits and OpenAPI description."""

import json
from io import StringIO
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from openapi_spec_validator import validate

from search.backends import SearchUnavailable
from search.http import json_api
from search.models import ApiToken
from search.params import params_from_query
from search.query import FACETS, ContributionQuery
from tests.search_corpus import make_corpus

pytestmark = pytest.mark.django_db

URL = "/api/v1/contributions/"
RESULT_FIELDS = {
    "id",
    "matched_through",
    "external_id",
    "url",
    "region",
    "topic",
    "type",
    "objectives",
    "language",
    "stakeholder_group",
    "organisation",
    "country",
    "created",
    "has_attachment",
    "campaign",
    "snippet",
}


@pytest.fixture
def corpus():
    return make_corpus()


def get(client, params=None, **headers):
    response = client.get(URL, params or {}, headers=headers)
    assert response["Content-Type"].startswith("application/json")
    return response, response.json()


def ids(data):
    return {result["id"] for result in data["results"]}


# ------------------------------------------------------------------ shape and parameters


def test_the_answer_has_the_documented_shape(client, corpus):
    posts, _hidden = corpus
    response, data = get(client, {"q": "recruitment"})
    assert response.status_code == 200
    assert set(data) == {
        "count",
        "page",
        "page_size",
        "next",
        "previous",
        "results",
        "facets",
        "facets_capped",
        "ranking_capped",
        "errors",
    }
    assert data["count"] == 2 and data["page"] == 1 and data["page_size"] == 20
    assert data["next"] is None and data["previous"] is None and data["errors"] == []
    assert set(data["facets"]) == set(FACETS)
    first = {r["id"]: r for r in data["results"]}[posts["visas"].pk]
    assert set(first) == RESULT_FIELDS
    assert first["url"].startswith("http://testserver/") and f"#{posts['visas'].pk}" in first["url"]
    assert first["region"] == "europe" and first["type"] == "recommendation"
    assert first["objectives"] == [5, 6] and first["country"] == "FR" and first["language"] == "en"
    assert first["stakeholder_group"] == "civil-society"
    assert first["topic"] == {"id": posts["visas"].topic_id, "subject": "Labour mobility"}
    assert first["created"].startswith("2024-03-01T00:00:00")
    assert "«recruitment»" in first["snippet"]
    # private answers: never cached for someone else
    assert "private" in response["Cache-Control"] and "Authorization" in response["Vary"]


def test_arabic_comes_back_readable(client, corpus):
    response, data = get(client, {"q": "الخدمة"})
    assert data["count"] == 1
    assert "الخدمات".encode() in response.content  # not \u escapes


def test_filters_dates_sort_and_paging(client, corpus):
    posts, _hidden = corpus
    _r, data = get(client, {"objective": ["5", "6"], "region": "europe"})
    assert ids(data) == {posts["visas"].pk}
    _r, data = get(client, {"language": "fr"})
    assert ids(data) == {posts["french"].pk}
    _r, data = get(client, {"type": ["report", "question"]})
    assert ids(data) == {posts["arabic"].pk, posts["question"].pk}
    _r, data = get(client, {"group": "academia", "country": "sn"})
    assert ids(data) == {posts["recruitment"].pk}
    _r, data = get(client, {"from": "2024-01-10", "to": "2024-05-01"})
    assert ids(data) == {posts["arabic"].pk, posts["visas"].pk, posts["recruitment"].pk}
    _r, data = get(client, {"attachment": "yes"})
    assert data["count"] == 0

    _r, data = get(client, {"sort": "newest", "page_size": "2"})
    assert data["count"] == 5 and [r["id"] for r in data["results"]] == [
        posts["question"].pk,
        posts["recruitment"].pk,
    ]
    assert data["previous"] is None
    next_url = urlsplit(data["next"])
    assert next_url.path == URL
    # newest is already the default without words, so it is left out
    assert dict(parse_qsl(next_url.query)) == {"page": "2", "page_size": "2"}
    _r, data = get(client, dict(parse_qsl(next_url.query)))
    assert [r["id"] for r in data["results"]] == [posts["visas"].pk, posts["arabic"].pk]
    _r, data = get(client, {"sort": "newest", "page_size": "2", "page": "3"})
    assert ids(data) == {posts["french"].pk} and data["next"] is None
    assert dict(parse_qsl(urlsplit(data["previous"]).query))["page"] == "2"


def test_facet_counts_equal_the_results_they_lead_to(client, corpus):
    _r, everything = get(client, {"q": "workers"})
    assert everything["count"] == 3
    for name in ("region", "objective", "group", "country", "language", "type"):
        for facet in everything["facets"][name]:
            _r, narrowed = get(client, {"q": "workers", name: facet["value"]})
            assert narrowed["count"] == facet["count"], (name, facet)


# ------------------------------------------------------------------ who sees what


def test_anonymous_callers_see_public_approved_contributions_only(client, corpus):
    posts, hidden = corpus
    _r, data = get(client, {"q": "workers recruitment visas", "page_size": "100"})
    assert ids(data) == {posts["visas"].pk}
    _r, data = get(client, {"page_size": "100"})
    assert ids(data) == {post.pk for post in posts.values()}
    assert not ids(data) & {post.pk for post in hidden.values()}
    assert sum(f["count"] for f in data["facets"]["region"]) == len(posts)


def test_a_token_reads_what_its_user_may_read(client, corpus, staff_user):
    _posts, hidden = corpus
    _token, key = ApiToken.objects.create_token(staff_user, "analysis")
    _r, data = get(client, {"q": "staff"})
    assert data["count"] == 0
    response, data = get(client, {"q": "staff"}, Authorization=f"Token {key}")
    assert response.status_code == 200 and ids(data) == {hidden["closed"].pk}
    assert ApiToken.objects.get().last_used is not None
    # Bearer is accepted too
    _r, data = get(client, {"q": "staff"}, Authorization=f"Bearer {key}")
    assert ids(data) == {hidden["closed"].pk}


def test_the_session_reads_what_its_user_may_read(client, corpus, staff_user):
    _posts, hidden = corpus
    client.force_login(staff_user)
    _r, data = get(client, {"q": "staff"})
    assert ids(data) == {hidden["closed"].pk}


@pytest.mark.parametrize("header", ["Token nonsense", "Token ", "token " + "x" * 500, "Bearer wrong"])
def test_a_bad_token_is_refused(client, corpus, header):
    response, data = get(client, {}, Authorization=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert data["detail"]


def test_a_deactivated_users_token_stops_working(client, staff_user):
    _token, key = ApiToken.objects.create_token(staff_user, "old")
    staff_user.is_active = False
    staff_user.save()
    response, _data = get(client, {}, Authorization=f"Token {key}")
    assert response.status_code == 401


def test_other_authorization_schemes_are_left_alone(client, corpus):
    response, data = get(client, {}, Authorization="Basic dXNlcjpwYXNz")
    assert response.status_code == 200 and data["count"] == 5


# ------------------------------------------------------------------ limits and failures


@override_settings(SEARCH_API_RATE_LIMITS={"anonymous": "3/m", "authenticated": "5/m"})
def test_too_many_requests_get_429_with_retry_after(client, staff_user):
    for _attempt in range(3):
        assert get(client)[0].status_code == 200
    response, data = get(client)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert data["detail"]
    # an account has its own, larger allowance
    _token, key = ApiToken.objects.create_token(staff_user, "analysis")
    for _attempt in range(5):
        assert get(client, Authorization=f"Token {key}")[0].status_code == 200
    assert get(client, Authorization=f"Token {key}")[0].status_code == 429


@override_settings(SEARCH_API_RATE_LIMITS={"anonymous": "2/m"})
def test_refused_tokens_count_against_the_address(client):
    for _attempt in range(2):
        assert get(client, Authorization="Token guess")[0].status_code == 401
    assert get(client, Authorization="Token guess")[0].status_code == 429


def test_an_unavailable_search_engine_is_a_503(client, monkeypatch):
    def unavailable(query, viewer):
        raise SearchUnavailable("down")

    monkeypatch.setattr(json_api, "search", unavailable)
    response, data = get(client, {"q": "visas"})
    assert response.status_code == 503
    assert response["Retry-After"] and data["detail"]


HOSTILE = [
    {"q": '"unbalanced'},
    {"q": "AND OR NOT"},
    {"q": "title:visas NEAR(a b) *"},
    {"q": "x" * 100_000},
    {"q": "visas\x00"},
    {"q": "'; DROP TABLE forum_post; --"},
    {"page": "-3"},
    {"page": "abc"},
    {"page": "99999999999999999999"},
    {"page_size": "0"},
    {"page_size": "1000000"},
    {"page_size": "many"},
    {"from": "yesterday", "to": "2024-13-45"},
    {"objective": ["abc", "5"], "topic": "1.5"},
    {"region": "' OR 1=1 --"},
    {"country": "\x00\x01"},
    {"sort": "<script>"},
    {"attachment": "maybe"},
    {"language": ["x" * 1000] * 60},
]


@pytest.mark.parametrize("params", HOSTILE)
def test_hostile_parameters_never_fail(client, corpus, params):
    response, data = get(client, params)
    assert response.status_code == 200
    assert isinstance(data["results"], list)


def test_ignored_parameters_are_reported(client, corpus):
    _r, data = get(client, {"from": "yesterday", "page_size": "1000", "objective": "abc"})
    assert len(data["errors"]) == 3
    assert data["page_size"] == 20


def test_only_reading_is_allowed(client):
    assert client.post(URL).status_code == 405
    assert client.head(URL).status_code == 200


# ------------------------------------------------------------------ description


def test_the_openapi_document_is_valid_and_complete(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    operation = document["paths"]["/contributions/"]["get"]
    documented = [p["name"] for p in operation["parameters"]]
    assert sorted(documented) == sorted(json_api.PARAMETERS)
    # every parameter the shared URL reader writes is one the API reads
    query = ContributionQuery(
        text="x",
        regions=frozenset({"europe"}),
        topics=frozenset({1}),
        objectives=frozenset({5}),
        groups=frozenset({"academia"}),
        countries=frozenset({"FR"}),
        languages=frozenset({"ar"}),
        types=frozenset({"report"}),
        has_attachment=True,
        cross_language=False,
        page=2,
    )
    dates = {"from": "2024-01-01", "to": "2024-02-01"}
    written = {name for name, _value in params_from_query(query, sort="newest", **dates)}
    assert {"q", "region", "from", "to", "attachment", "crosslanguage", "sort", "page"} <= written
    assert written <= set(json_api.PARAMETERS)
    schemas = document["components"]["schemas"]
    assert set(schemas["Contribution"]["properties"]) == RESULT_FIELDS
    facets = schemas["ContributionList"]["properties"]["facets"]["$ref"].rsplit("/", 1)[-1]
    assert set(schemas[facets]["properties"]) == set(FACETS)


def test_the_openapi_document_matches_real_answers(client, corpus):
    import jsonschema

    document = client.get("/api/v1/openapi.json").json()
    schema = {**document["components"]["schemas"]["ContributionList"], "components": document["components"]}
    schema = json.loads(json.dumps(schema))
    _r, data = get(client, {"q": "workers"})
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_the_api_page_explains_and_links(client):
    for language in ("en", "ar", "fr"):
        response = client.get("/api/v1/", headers={"accept-language": language})
        assert response.status_code == 200
        assert b'href="/api/v1/openapi.json"' in response.content
        assert b"/search/export/csv/" in response.content


# ------------------------------------------------------------------ token command


def test_the_token_command_creates_lists_and_revokes(client, staff_user, corpus):
    out, err = StringIO(), StringIO()
    call_command("api_token", "create", "EDITOR@example.org", "--name", "Review", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert len(key) >= 40 and "Review" in err.getvalue()
    token = ApiToken.objects.get()
    assert token.key_hash != key and key.startswith(token.prefix)
    assert get(client, {}, Authorization=f"Token {key}")[0].status_code == 200
    listing = StringIO()
    call_command("api_token", "list", stdout=listing)
    assert token.prefix in listing.getvalue() and key not in listing.getvalue()
    call_command("api_token", "revoke", token.prefix, stdout=StringIO())
    assert get(client, {}, Authorization=f"Token {key}")[0].status_code == 401


def test_no_token_prefix_reads_as_a_command_line_option(staff_user):
    # token_urlsafe starts with "-" one time in 64; 500 tokens miss it with odds of about 1 in 3,000.
    prefixes = [ApiToken.objects.create_token(staff_user, f"t{n}")[0].prefix for n in range(500)]
    assert not [prefix for prefix in prefixes if prefix.startswith("-")]
