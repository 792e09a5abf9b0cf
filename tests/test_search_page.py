"""The analysts' contribution search page and the site search, through the test client."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_countries import countries

from forum.models import RegionalSpace
from hub.models import Region
from search import ratelimit
from search.backends import SearchUnavailable
from search.http.presentation import marked_snippet
from tests.search_corpus import contribute, make_corpus

pytestmark = pytest.mark.django_db

PAGE = "/en/search/contributions/"


@pytest.fixture(autouse=True)
def generous_limits(settings):
    """Most tests search many times a second; the rate-limit tests set the real limits."""
    settings.SEARCH_RATE_LIMITS = {"anonymous": ((10_000, 1),), "authenticated": ((10_000, 1),)}


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def total(page):
    return int(re.search(r"\d+", page.select_one("#results-heading").get_text()).group())


def hit_links(page):
    return [a["href"] for a in page.select("#search-hits article h3 a")]


def options(page):
    """(parameter, value, count) of every value offered in the facets."""
    found = []
    for box in page.select("#search-filters input.form-check-input"):
        if not box["value"] or box["name"] == "crosslanguage":
            continue  # the "either" choice of attachments; the cross-language switch
        count = box.find_next_sibling("label").select_one(".facet-count").get_text()
        found.append((box["name"], box["value"], int(count)))
    return found


@pytest.fixture
def corpus():
    return make_corpus()


def post_ids(page):
    return {int(parse_qsl(urlsplit(href).query)[0][1]) for href in hit_links(page)}


# ------------------------------------------------------------------ facets, chips, results


def test_every_facet_count_is_the_number_of_results_it_gives(client, corpus):
    for text in ("", "workers"):
        page = html(client.get(PAGE, {"q": text}))
        offered = options(page)
        assert {name for name, _value, _count in offered} >= {"region", "objective", "type", "language"}
        for name, value, count in offered:
            narrowed = html(client.get(PAGE, {"q": text, name: value}))
            assert total(narrowed) == count == len(hit_links(narrowed)), (text, name, value)


def test_checking_a_value_narrows_and_shows_a_removable_chip(client, corpus):
    posts, _hidden = corpus
    page = html(client.get(PAGE, {"region": "africa"}))
    assert post_ids(page) == {posts["recruitment"].pk, posts["french"].pk}
    assert page.select_one("#f-region-africa").has_attr("checked")
    chips = page.select("#active-filters .search-chip")
    assert [chip.bdi.get_text() for chip in chips] == ["Region: Africa"]
    assert dict(parse_qsl(urlsplit(chips[0]["href"]).query)) == {}


def test_a_chip_removes_exactly_one_value(client, corpus):
    posts, _hidden = corpus
    page = html(client.get(PAGE, {"objective": ["5", "6"], "language": "en", "from": "2024-01-01"}))
    assert post_ids(page) == {posts["visas"].pk, posts["recruitment"].pk}
    chips = {chip.bdi.get_text(): chip["href"] for chip in page.select("#active-filters .search-chip")}
    objective_6 = next(href for label, href in chips.items() if label.startswith("GCM objective: 6."))
    assert sorted(parse_qsl(urlsplit(objective_6).query)) == [
        ("from", "2024-01-01"),
        ("language", "en"),
        ("objective", "5"),
    ]
    assert post_ids(html(client.get(objective_6))) == {posts["visas"].pk}
    from_chip = chips["From 2024-01-01"]
    assert sorted(parse_qsl(urlsplit(from_chip).query)) == [
        ("language", "en"),
        ("objective", "5"),
        ("objective", "6"),
    ]


def test_hidden_contributions_never_appear_or_count(client, corpus):
    posts, hidden = corpus
    page = html(client.get(PAGE, {"q": "workers recruitment visas"}))
    assert post_ids(page) == {posts["visas"].pk}
    assert total(page) == 1
    assert all(count <= 1 for _name, _value, count in options(page))
    everything = html(client.get(PAGE))
    assert total(everything) == len(posts)
    assert not post_ids(everything) & {post.pk for post in hidden.values()}


def test_a_hidden_topic_is_never_named_even_when_asked_for(client, corpus):
    _posts, hidden = corpus
    topic = hidden["closed"].topic
    topic.subject = "Secret staff matters"
    topic.save()
    response = client.get(PAGE, {"topic": str(topic.pk)})
    assert response.status_code == 200
    assert "Secret staff matters" not in response.content.decode()
    assert total(html(response)) == 0


def test_arabic_page_is_right_to_left_with_arabic_names(client, corpus):
    page = html(client.get("/ar/search/contributions/", {"region": "arab-states"}))
    assert page.html["dir"] == "rtl"
    with translation.override("ar"):
        region_title = translation.gettext("Region")
    assert region_title != "Region"
    assert page.select_one("[data-facet=region] summary").get_text() == region_title
    arab_states = Region.objects.get(slug="arab-states", locale__language_code="ar").name
    assert page.select_one("#f-region-arab-states").find_next_sibling("label").bdi.get_text() == arab_states
    with translation.override("ar"):
        jordan = str(countries.name("JO"))
    assert jordan in page.select_one("#search-hits").get_text()
    snippet = page.select_one("#search-hits .search-snippet")
    assert snippet["dir"] == "auto"
    assert snippet["lang"] == "ar"


def test_matches_are_marked_and_user_html_stays_text(client):
    contribute(
        "Fair recruitment <script>alert(1)</script> and <b>bold</b> claims.",
        subject="<img src=x onerror=alert(1)> recruitment",
    )
    page = html(client.get(PAGE, {"q": "recruitment"}))
    hits = page.select_one("#search-hits")
    assert not hits.select("script, img, b")
    snippet = hits.select_one(".search-snippet")
    assert [mark.get_text() for mark in snippet.select("mark")] == ["recruitment"]
    assert "<script>alert(1)</script>" in snippet.get_text()
    assert "<img src=x onerror=alert(1)> recruitment" in hits.select_one("h3 a").get_text()


def test_snippet_marks_only_the_pairs_search_made():
    assert marked_snippet("a «visas» « guillemets » <i>x</i> »") == (
        "a <mark>visas</mark> « guillemets » &lt;i&gt;x&lt;/i&gt; »"
    )


def test_sort_and_pages_keep_the_whole_search_in_the_url(client):
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for day in range(23):
        contribute(f"Remittance corridor number {day}", created=start + timedelta(day))
    first = html(client.get(PAGE, {"q": "remittance", "sort": "newest", "region": "arab-states"}))
    assert total(first) == 23 and len(hit_links(first)) == 20
    next_url = first.select_one("a[rel=next]")["href"]
    assert sorted(parse_qsl(urlsplit(next_url).query)) == [
        ("page", "2"),
        ("q", "remittance"),
        ("region", "arab-states"),
        ("sort", "newest"),
    ]
    second = html(client.get(next_url))
    assert len(hit_links(second)) == 3
    assert "number 0" in second.select("#search-hits .search-snippet")[-1].get_text()


# ------------------------------------------------------------------ site search, forum box, errors


def test_site_search_shows_pages_and_contributions(client, corpus):
    posts, _hidden = corpus
    page = html(client.get("/en/search/", {"q": "migration"}))
    assert page.select("#pages-heading + ul a")  # the home page's title
    assert post_ids(page) == {posts["question"].pk}
    see_all = page.select_one("#see-all-contributions")["href"]
    assert see_all == "/en/search/contributions/?q=migration"


def test_site_search_hands_filtered_searches_to_the_contribution_page(client):
    response = client.get("/en/search/", {"space": "arab-states", "until": "2024-06-01"})
    assert response.status_code == 302
    assert response["Location"] == "/en/search/contributions/?region=arab-states&to=2024-06-01"


def test_forum_search_box_reaches_the_contribution_page(client, corpus):
    posts, _hidden = corpus
    url = reverse("forum_search:search")
    page = html(client.get(url, {"q": "recruitment"}))
    assert page.select_one("#search-filters")
    assert posts["recruitment"].pk in post_ids(page)
    europe = RegionalSpace.objects.get(region__slug="europe").forum_id
    response = client.get(url, {"q": "visas", "search_forums": [str(europe)], "search_topics": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/en/search/contributions/?q=visas&region=europe"


def test_bad_parameters_are_explained_not_fatal(client, corpus):
    response = client.get(PAGE, {"from": "last tuesday", "objective": "five", "page": "x", "sort": "best"})
    assert response.status_code == 200
    page = html(response)
    assert len(page.select("#search-errors li")) == 2
    assert total(page) == len(corpus[0])
    for query in ['"unbalanced', "a AND", "NEAR(", "x" * 100_000, "nul\x00byte"]:
        assert client.get(PAGE, {"q": query}).status_code == 200


def test_search_engine_down_is_a_friendly_503(client, monkeypatch):
    def down(query, viewer):
        raise SearchUnavailable("connection refused")

    monkeypatch.setattr("search.http.views.search", down)
    response = client.get(PAGE, {"q": "visas"})
    assert response.status_code == 503
    assert html(response).h1.get_text() == "Search is temporarily unavailable"
    site = client.get("/en/search/", {"q": "visas"})
    assert site.status_code == 200
    assert html(site).select_one("#contributions-unavailable")


# ------------------------------------------------------------------ rate limits (RL3)


@pytest.fixture
def real_limits(settings):
    settings.SEARCH_RATE_LIMITS = ratelimit.DEFAULT_LIMITS


@pytest.mark.usefixtures("real_limits")
@pytest.mark.parametrize("url", [PAGE, "/en/search/"])
def test_anonymous_searches_are_limited_per_second_and_per_minute(client, url):
    with time_machine.travel(datetime(2025, 3, 3, 10, 0, 0, 200_000, tzinfo=UTC), tick=False) as clock:
        assert [client.get(url, {"q": "x"}).status_code for _ in range(3)] == [200, 200, 429]
        limited = client.get(url, {"q": "x"})
        assert limited["Retry-After"] == "1"
        for _ in range(13):
            clock.shift(1)
            assert client.get(url, {"q": "x"}).status_code == 200
        clock.shift(1)
        limited = client.get(url, {"q": "x"})
        assert limited.status_code == 429
        assert 1 <= int(limited["Retry-After"]) <= 60
        other = client.get(url, {"q": "x"}, REMOTE_ADDR="192.0.2.7")
        assert other.status_code == 200  # counted per address


@pytest.mark.usefixtures("real_limits")
def test_signed_in_people_may_search_30_times_a_minute(client, verified_user):
    client.force_login(verified_user)
    with time_machine.travel(datetime(2025, 3, 3, 10, 0, 0, tzinfo=UTC), tick=False):
        codes = [client.get(PAGE, {"q": "x"}).status_code for _ in range(31)]
    assert codes == [200] * 30 + [429]


# ------------------------------------------------------------------ cost


def test_the_page_costs_the_same_queries_for_5_or_20_hits(client):
    def queries():
        client.get(PAGE, {"q": "harvest"})  # warm caches (locales, permissions)
        with CaptureQueriesContext(connection) as captured:
            page = html(client.get(PAGE, {"q": "harvest"}))
        return len(captured), len(hit_links(page))

    kinds = ["comment", "report", "pledge", "question", "recommendation"]
    groups = ["academia", "civil-society"]
    for n in range(20):
        contribute(
            f"Harvest season workers {n}",
            subject=f"Harvest {n}",
            kind=kinds[n % 5],
            objectives=(n % 23 + 1, (n + 7) % 23 + 1),
            group=groups[n % 2],
            country=["JO", "EG", "LB"][n % 3],
        )
        if n == 4:
            five = queries()
    twenty = queries()
    assert five[1] == 5 and twenty[1] == 20
    assert twenty[0] == five[0]


def test_capped_ranking_and_facets_are_said_in_plain_words(client, corpus, settings):
    settings.SEARCH_RANK_WINDOW = 2  # as if "workers" matched more than the backend ranks
    page = html(client.get(PAGE, {"q": "workers"}))
    assert total(page) == 3  # the total stays exact
    assert page.select_one("#ranking-capped") and page.select_one("#facets-capped")
    assert not html(client.get(PAGE, {"q": "bondage"})).select_one("#ranking-capped")
