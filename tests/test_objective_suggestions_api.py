"""POST /api/v1/objective-suggestions/: who may ask, what a wrong request is
told (in the caller's language), the answer's shape, its limit and its place
in the OpenAPI document."""

import json

import pytest
from django.test import override_settings
from openapi_spec_validator import validate

from search.models import ApiToken
from tests.factories import StakeholderFactory
from tests.test_access_matrix import new_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/objective-suggestions/"
TEXT = "Abolish the recruitment fees that agencies charge migrant workers."


@pytest.fixture
def author():
    client = new_client()
    client.force_login(StakeholderFactory())
    return client


def ask(client, body, **headers):
    response = client.post(URL, json.dumps(body), content_type="application/json", headers=headers)
    assert response["Content-Type"].startswith("application/json")
    return response, response.json()


def test_a_signed_in_author_gets_suggestions_best_first(author):
    response, data = ask(author, {"text": TEXT, "language": "en"})
    assert response.status_code == 200
    assert set(data) == {"suggestions"}
    suggestions = data["suggestions"]
    assert suggestions[0]["objective"] == 6
    assert all(set(s) == {"objective", "score"} for s in suggestions)
    scores = [s["score"] for s in suggestions]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Les frais de recrutement facturés aux travailleurs migrants", "fr"),
        ("رسوم الاستقدام التي يدفعها العمال المهاجرون", "ar"),
    ],
)
def test_arabic_and_french_texts_are_read_in_their_language(author, text, language):
    _response, data = ask(author, {"text": text, "language": language})
    assert data["suggestions"][0]["objective"] == 6


def test_a_text_of_unknown_words_gets_an_empty_list(author):
    response, data = ask(author, {"text": "qwertz xyzzy", "language": "en"})
    assert response.status_code == 200 and data == {"suggestions": []}


def test_an_api_token_may_ask_and_a_bad_one_is_refused(staff_user):
    _token, key = ApiToken.objects.create_token(staff_user, "script")
    response, data = ask(new_client(), {"text": TEXT, "language": "en"}, authorization=f"Token {key}")
    assert response.status_code == 200 and data["suggestions"]
    response, data = ask(new_client(), {"text": TEXT, "language": "en"}, authorization="Token wrong")
    assert response.status_code == 401 and data["detail"]


def test_anonymous_callers_are_refused():
    response, data = ask(new_client(), {"text": TEXT, "language": "en"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"]
    assert data["detail"] and data["errors"]


def test_a_session_call_needs_its_csrf_token():
    client = new_client(enforce_csrf_checks=True)
    client.force_login(StakeholderFactory())
    response, _data = ask(client, {"text": TEXT, "language": "en"})
    assert response.status_code == 403


def test_only_post_is_answered(author):
    assert author.get(URL).status_code == 405


@pytest.mark.parametrize(
    ("body", "told"),
    [
        ({"language": "en"}, "Send the text"),
        ({"text": "", "language": "en"}, "Send the text"),
        ({"text": None, "language": "en"}, "Send the text"),
        ({"text": TEXT}, "Say which language"),
        ({"text": TEXT, "language": "de"}, "must be ar, en or fr"),
        ({"text": TEXT, "language": ["en"]}, "must be ar, en or fr"),
        ({"text": ["a", "list"], "language": "en"}, "must be a string"),
        ({"text": {"nested": 1}, "language": "en"}, "must be a string"),
        ({"text": "nul\x00byte", "language": "en"}, ""),
        ([TEXT], ""),
        ("just a string", ""),
    ],
)
def test_a_wrong_request_is_told_what_is_wrong(author, body, told):
    response, data = ask(author, body)
    assert response.status_code == 400
    assert told in data["detail"]
    assert data["errors"]


def test_a_body_that_is_not_json_is_a_400(author):
    response = author.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_the_message_is_in_the_callers_language(author):
    _response, data = ask(author, {"text": TEXT, "language": "de"}, accept_language="fr")
    assert "doit être" in data["detail"]
    _response, data = ask(author, {"language": "en"}, accept_language="ar")
    assert any("\u0600" <= c <= "\u06ff" for c in data["detail"])


@pytest.mark.parametrize(
    "text", ["word " * 50_000, "x" * 300_000, "\u202eevil\u202c", "مهاجر\u200f\u2067" * 1000]
)
def test_huge_and_hostile_texts_are_answered(author, text):
    response, _data = ask(author, {"text": text, "language": "ar"})
    assert response.status_code == 200


@override_settings(OBJECTIVE_SUGGESTION_RATE_LIMIT="3/m")
def test_too_many_requests_are_refused_with_a_wait(author):
    for _ in range(3):
        assert ask(author, {"text": TEXT, "language": "en"})[0].status_code == 200
    response, data = ask(author, {"text": TEXT, "language": "en"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1 and data["detail"]


def test_the_openapi_document_describes_it(client):
    document = client.get("/api/v1/openapi.json").json()
    validate(document)
    operation = document["paths"]["/objective-suggestions/"]["post"]
    assert {"200", "400", "401", "429"} <= set(operation["responses"])
    schemas = document["components"]["schemas"]
    request = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schemas[request]["required"]) == {"text", "language"}
    assert set(schemas["Suggestion"]["properties"]) == {"objective", "score"}
