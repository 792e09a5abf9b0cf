"""One limit on a query's length, the same on every surface that takes one.

Each surface is given two queries: "visas", spaces, then a word that matches
nothing. In the first the word ends exactly at MAX_QUERY_CHARS, so it is
searched and nothing is found; in the second it starts there, so it is cut
off and the visas contributions are found. A surface with a longer limit
would find nothing for the second, one with a shorter limit something for
the first.
"""

from urllib.parse import parse_qs

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from search.models import SavedSearch
from search.query import MAX_QUERY_CHARS
from tests.registration_helpers import person
from tests.search_corpus import make_corpus

pytestmark = pytest.mark.django_db

NOTHING = "zzzznowhere"
WITHIN = "visas" + " " * (MAX_QUERY_CHARS - len("visas") - len(NOTHING)) + NOTHING
BEYOND = "visas" + " " * (MAX_QUERY_CHARS - len("visas")) + NOTHING


@pytest.fixture(autouse=True)
def generous_limits(settings):
    settings.SEARCH_RATE_LIMITS = {"anonymous": ((10_000, 1),), "authenticated": ((10_000, 1),)}


@pytest.fixture
def corpus():
    return make_corpus()


def test_the_queries_sit_on_either_side_of_the_limit():
    assert len(WITHIN) == MAX_QUERY_CHARS
    assert BEYOND[:MAX_QUERY_CHARS].strip() == "visas"


def hits_on_page(client, url, q):
    page = BeautifulSoup(client.get(url, {"q": q}).content, "html.parser")
    assert page.select_one("#search-q, #contributions-q")["maxlength"] == str(MAX_QUERY_CHARS)
    return len(page.select("#search-hits article"))


@pytest.mark.parametrize("url", ["/en/search/", "/en/search/contributions/", "/en/forum/search/"])
def test_the_search_pages_cut_the_query_at_the_limit(client, corpus, url):
    assert hits_on_page(client, url, WITHIN) == 0
    assert hits_on_page(client, url, BEYOND) == hits_on_page(client, url, "visas") > 0


def test_the_site_search_echoes_the_query_as_it_searched_it(client, corpus):
    response = client.get("/en/search/", {"q": "x" * (MAX_QUERY_CHARS + 100)})
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#search-q")["value"] == "x" * MAX_QUERY_CHARS


def test_the_json_api_cuts_the_query_at_the_limit(client, corpus):
    def count(q):
        return client.get("/api/v1/contributions/", {"q": q}).json()["count"]

    assert count(WITHIN) == 0
    assert count(BEYOND) == count("visas") > 0


def test_a_saved_search_keeps_the_query_cut_at_the_limit(django_user_model):
    client = Client()
    client.force_login(person(django_user_model, "nadia"))
    client.post(reverse("search_saved:save"), {"params": f"q={'v' * (MAX_QUERY_CHARS + 50)}"})
    (saved,) = SavedSearch.objects.all()
    assert parse_qs(saved.params)["q"] == ["v" * MAX_QUERY_CHARS]
