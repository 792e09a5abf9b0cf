"""The participation dashboard: every figure equals an independent count.

A mixed set of contributions (five regions, two review cycles, three
languages, every type; held posts, a held topic, a closed space; accounts
and imported authors) is counted through the ORM here, one filter per
figure, and compared with every table the dashboard's API returns, for the
public and for staff, under several filters. The page, the CSV downloads and
the API serve the same tables; each figure's link finds what it counts.
"""

import csv
import io
import random
from collections import Counter
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.models import Contribution, ContributionKind
from hub.models import Country, Region, ReviewCycle
from hub.papers.figures import few_threshold
from tests.factories import UserFactory, VerifiedUserFactory
from tests.page_tree import add_region_page, english_home
from tests.search_corpus import closed_forum, contribute

pytestmark = pytest.mark.django_db

REGIONS = ("africa", "arab-states", "asia-pacific", "europe", "latin-america-caribbean")
GROUPS = ("civil-society", "academia", "migrants", "trade-unions", None)
COUNTRIES = {
    "africa": "SN",
    "arab-states": "JO",
    "asia-pacific": "PH",
    "europe": "FR",
    "latin-america-caribbean": "MX",
}
API = "/api/v1/participation/"


def make_cycles():
    first = ReviewCycle.objects.create(
        slug="first",
        name_en="First",
        name_fr="Premier",
        name_ar="الأول",
        starts=date(2020, 1, 1),
        ends=date(2021, 12, 31),
    )
    second = ReviewCycle.objects.create(
        slug="second",
        name_en="Second",
        name_fr="Deuxième",
        name_ar="الثاني",
        starts=date(2023, 1, 1),
        ends=date(2025, 12, 31),
    )
    return first, second


def make_contributions(count=40, seed=7):
    rng = random.Random(seed)
    authors = [UserFactory() for _ in range(4)]
    for n in range(count):
        region = rng.choice(REGIONS)
        year = rng.choice((2020, 2021, 2023, 2024, 2024))
        post = contribute(
            f"Contribution {n} on labour mobility and safe pathways.",
            region=region,
            kind=rng.choice(ContributionKind.values),
            language=rng.choice(("en", "fr", "ar")),
            objectives=rng.sample(range(1, 24), rng.choice((0, 1, 2))),
            group=rng.choice(GROUPS),
            country=rng.choice((COUNTRIES[region], COUNTRIES[region], "BR", None)),
            created=datetime(year, rng.randint(1, 12), rng.randint(1, 28), 12, tzinfo=UTC),
            author_name=rng.choice(("", "Amina", "Jorge")),
        )
        poster = rng.choice([*authors, None])
        organisation = rng.choice(("", "", "Union A", "Network B", f"Org {n % 5}"))
        Contribution.objects.filter(pk=post.pk).update(organisation=organisation)
        if poster is not None:
            type(post).objects.filter(pk=post.pk).update(poster=poster)
    # What the public never counts.
    when = datetime(2024, 2, 2, tzinfo=UTC)
    contribute("Held post", region="europe", approved=False, created=when, group="academia")
    contribute("Held topic", region="africa", topic_approved=False, created=when, group="migrants")
    contribute("Closed space", region="europe", forum=closed_forum(), created=when, group="academia")


@pytest.fixture(autouse=True)
def generous_limits(settings):
    # The tests call the API often; its limits have their own tests.
    settings.SEARCH_API_RATE_LIMITS = {"anonymous": "1000/s", "authenticated": "1000/s"}


@pytest.fixture
def data():
    cycles = make_cycles()
    make_contributions()
    return cycles


# ---------------------------------------------------------------- independent counts


def visible(staff=False):
    """What the audience counts, written out here: approved posts of approved
    topics in the regional spaces' forums (and, for a superuser, every forum)."""
    rows = Contribution.objects.filter(post__approved=True, post__topic__approved=True)
    if not staff:
        rows = rows.filter(post__topic__forum__regional_space__isnull=False)
    return rows


def narrowed(rows, *, cycle=None, regions=(), languages=(), types=()):
    if regions:
        rows = rows.filter(space__region__slug__in=regions)
    if languages:
        rows = rows.filter(language__in=languages)
    if types:
        rows = rows.filter(kind__in=types)
    if cycle is not None:
        rows = rows.filter(post__created__date__gte=cycle.starts, post__created__date__lte=cycle.ends)
    return rows


def authors_of(rows):
    return len(
        {
            ("account", poster) if poster else ("name", name)
            for poster, name in rows.values_list("post__poster_id", "author_name")
        }
    )


def organisations_of(rows):
    return len(set(rows.exclude(organisation="").values_list("organisation", flat=True)))


def tables_of(answer):
    return {table["id"]: table for table in answer["tables"]}


def value(table, column="contributions", **keys):
    for row in table["rows"]:
        if all(row["keys"][name] == str(key) for name, key in keys.items()):
            return row["values"][column]
    return 0


def assert_tables_equal_counts(answer, rows, previous_rows):
    tables = tables_of(answer)
    # Totals.
    assert value(tables["totals"], measure="contributions") == rows.count()
    assert value(tables["totals"], measure="organisations") == organisations_of(rows)
    assert value(tables["totals"], measure="authors") == authors_of(rows)
    if previous_rows is not None:
        assert value(tables["totals"], "previous", measure="contributions") == previous_rows.count()
        assert value(tables["totals"], "previous", measure="authors") == authors_of(previous_rows)
    # One dimension at a time, this cycle and the previous one.
    for table_id, field in (
        ("groups", "stakeholder_group__slug"),
        ("languages", "language"),
        ("types", "kind"),
    ):
        expected = Counter(v or "" for v in rows.values_list(field, flat=True))
        got = {
            row["keys"][tables[table_id]["key_names"][0]]: row["values"]["contributions"]
            for row in tables[table_id]["rows"]
        }
        assert {k: n for k, n in got.items() if n} == dict(expected), table_id
        if previous_rows is not None:
            before = Counter(v or "" for v in previous_rows.values_list(field, flat=True))
            got = {
                row["keys"][tables[table_id]["key_names"][0]]: row["values"]["previous"]
                for row in tables[table_id]["rows"]
            }
            assert {k: n for k, n in got.items() if n} == dict(before), table_id
    countries = Counter(str(c or "") for c in rows.values_list("country__code", flat=True))
    assert {r["keys"]["country"]: r["values"]["contributions"] for r in tables["countries"]["rows"]} == dict(
        countries
    )
    objectives = Counter(rows.values_list("objectives__number", flat=True).exclude(objectives__number=None))
    got = {int(r["keys"]["objective"]): r["values"]["contributions"] for r in tables["objectives"]["rows"]}
    assert {k: n for k, n in got.items() if n} == dict(objectives)
    months = Counter(created.strftime("%Y-%m") for created in rows.values_list("post__created", flat=True))
    got = {r["keys"]["month"]: r["values"]["contributions"] for r in tables["months"]["rows"]}
    assert {k: n for k, n in got.items() if n} == dict(months)
    # The regions side by side.
    for row in tables["regions"]["rows"]:
        region = row["keys"]["region"]
        in_region = rows.filter(space__region__slug=region)
        member_states = set(Country.objects.filter(region__slug=region).values_list("code", flat=True))
        assert row["values"]["contributions"] == in_region.count()
        assert row["values"]["organisations"] == organisations_of(in_region)
        assert row["values"]["authors"] == authors_of(in_region)
        reached = {str(c) for c in in_region.values_list("country__code", flat=True) if c}
        assert row["values"]["member_states"] == len(reached & {str(c) for c in member_states})
        addressed = set(in_region.values_list("objectives__number", flat=True)) - {None}
        assert row["values"]["objectives"] == len(addressed)
    # Cross-tabulations, cell by cell.
    for row in tables["group_by_region"]["rows"]:
        for region, n in row["values"].items():
            group = row["keys"]["group"] or None
            cell = rows.filter(space__region__slug=region, stakeholder_group__slug=group)
            if group is None:
                cell = rows.filter(space__region__slug=region, stakeholder_group=None)
            assert n == cell.count(), (row["keys"], region)
    for row in tables["group_by_language"]["rows"]:
        for language, n in row["values"].items():
            group = row["keys"]["group"] or None
            cell = rows.filter(language=language)
            cell = (
                cell.filter(stakeholder_group__slug=group) if group else cell.filter(stakeholder_group=None)
            )
            assert n == cell.count(), (row["keys"], language)
    for row in tables["objective_by_region"]["rows"]:
        for region, n in row["values"].items():
            number = int(row["keys"]["objective"])
            assert n == rows.filter(space__region__slug=region, objectives__number=number).count()
    # Who is missing: every group, objective and member state at or under the region's "few", and no other.
    listed = {
        (r["keys"]["region"], r["keys"]["dimension"], r["keys"]["key"]): r["values"]["contributions"]
        for r in tables["missing"]["rows"]
    }
    for region in {r["keys"]["region"] for r in tables["regions"]["rows"]}:
        in_region = rows.filter(space__region__slug=region)
        few = few_threshold(in_region.count())
        for code in Country.objects.filter(region__slug=region).values_list("code", flat=True):
            n = in_region.filter(country__code=code).count()
            assert ((region, "country", str(code)) in listed) == (n <= few)
        for number in range(1, 24):
            n = in_region.filter(objectives__number=number).count()
            assert listed.get((region, "objective", str(number))) == (n if n <= few else None)
        for slug in ("civil-society", "academia", "migrants", "trade-unions", "media"):
            n = in_region.filter(stakeholder_group__slug=slug).count()
            assert listed.get((region, "group", slug)) == (n if n <= few else None)


SELECTIONS = [
    ({}, {"cycle": "second"}),
    ({"cycle": "all"}, {"cycle": None}),
    ({"cycle": "first"}, {"cycle": "first"}),
    ({"region": "africa"}, {"cycle": "second", "regions": ("africa",)}),
    ({"language": "fr", "cycle": "all"}, {"cycle": None, "languages": ("fr",)}),
    (
        {"type": "recommendation", "region": "europe"},
        {"cycle": "second", "regions": ("europe",), "types": ("recommendation",)},
    ),
]


@pytest.mark.parametrize(("params", "meaning"), SELECTIONS)
def test_every_public_figure_equals_an_independent_count(client, data, params, meaning):
    first, second = data
    cycles = {"first": first, "second": second, None: None}
    answer = client.get(API, params).json()
    assert answer["view"] == "public" and answer["errors"] == []
    cycle = cycles[meaning["cycle"]]
    filters = {k: meaning.get(k, ()) for k in ("regions", "languages", "types")}
    rows = narrowed(visible(), cycle=cycle, **filters)
    previous = narrowed(visible(), cycle=first, **filters) if cycle is second else None
    assert (answer["previous_cycle"] or {}).get("slug") == ("first" if cycle is second else None)
    assert rows.count() > 0
    assert_tables_equal_counts(answer, rows, previous)


@pytest.mark.parametrize(("params", "meaning"), SELECTIONS)
def test_every_staff_figure_equals_an_independent_count(client, data, params, meaning):
    first, second = data
    staff = VerifiedUserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    answer = client.get(API, {**params, "view": "staff"}).json()
    assert answer["view"] == "staff"
    cycles = {"first": first, "second": second, None: None}
    cycle = cycles[meaning["cycle"]]
    filters = {k: meaning.get(k, ()) for k in ("regions", "languages", "types")}
    rows = narrowed(visible(staff=True), cycle=cycle, **filters)
    previous = narrowed(visible(staff=True), cycle=first, **filters) if cycle is second else None
    assert_tables_equal_counts(answer, rows, previous)
    # The closed space counts for staff, never for the public.
    if cycle is not first and not any(filters.values()):
        assert rows.filter(post__topic__forum__regional_space__isnull=True).exists()
    waiting = tables_of(answer)["waiting"]
    held = Contribution.objects.exclude(post__approved=True, post__topic__approved=True)
    held = narrowed(held, languages=filters["languages"], types=filters["types"])
    for row in waiting["rows"]:
        assert (
            row["values"]["contributions"] == held.filter(space__region__slug=row["keys"]["region"]).count()
        )


def test_a_moderator_sees_what_waits_in_their_space_only(client, data):
    moderator = VerifiedUserFactory(moderates=["europe"])
    client.force_login(moderator)
    answer = client.get(API, {"view": "staff"}).json()
    waiting = tables_of(answer)["waiting"]
    assert [(r["keys"]["region"], r["values"]["contributions"]) for r in waiting["rows"]] == [("europe", 1)]
    page = client.get(reverse("participation:staff"))
    assert page.status_code == 200
    assert b'id="waiting"' in page.content


def test_the_staff_view_is_for_moderators_and_analysts(client, data):
    assert client.get(API, {"view": "staff"}).status_code == 401
    page = client.get(reverse("participation:staff"))
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    client.force_login(VerifiedUserFactory())
    assert client.get(API, {"view": "staff"}).status_code == 403
    assert client.get(reverse("participation:staff")).status_code == 403
    assert client.get(reverse("participation:staff_csv", args=["waiting"])).status_code == 403
    # The public page offers no staff link to a stakeholder, and counts no held post.
    page = client.get(reverse("participation:dashboard"))
    assert b"staff-view-link" not in page.content


def test_each_figure_links_to_the_search_that_finds_it(client, data):
    answer = client.get(API, {"region": "africa"}).json()
    tables = tables_of(answer)
    checked = 0
    for table_id in ("totals", "groups", "languages", "types", "regions", "objectives"):
        for row in tables[table_id]["rows"][:4]:
            for column, url in row["searches"].items():
                # Distinct organisations and authors link to the contributions they are counted from.
                distinct = row["keys"].get("measure") in ("organisations", "authors")
                if (
                    url is None
                    or distinct
                    or row["values"][column] == 0
                    or column not in ("contributions", "previous")
                ):
                    continue
                parts = urlsplit(url)
                assert parts.path == reverse("search_contributions")
                found = client.get(f"/api/v1/contributions/?{parts.query}").json()
                assert found["count"] == row["values"][column], (table_id, row["keys"], column)
                checked += 1
    assert checked >= 10


def test_the_page_and_each_csv_hold_the_api_numbers(client, data):
    params = {"region": "arab-states", "cycle": "all"}
    answer = tables_of(client.get(API, params).json())
    page = client.get(reverse("participation:dashboard"), params)
    assert page.status_code == 200
    html = page.content.decode()
    for table_id, table in answer.items():
        assert f'id="{table_id}"' in html
        response = client.get(reverse("participation:csv", args=[table_id]), params)
        assert response["Content-Type"].startswith("text/csv")
        assert f"participation-{table_id}.csv" in response["Content-Disposition"]
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        columns = [c["key"] for c in table["columns"]]
        assert lines[0][: len(table["key_names"])] == table["key_names"]
        assert [[int(n) for n in line[len(table["key_names"]) + 1 :]] for line in lines[1:]] == [
            [row["values"][c] for c in columns] for row in table["rows"]
        ]
    assert client.get(reverse("participation:csv", args=["nothing"])).status_code == 404


def test_arabic_page_is_right_to_left_with_its_own_names(client, data):
    page = client.get("/ar/participation/", {"cycle": "first"})
    html = page.content.decode()
    assert 'dir="rtl"' in html
    assert "الأول" in html  # the cycle's Arabic name
    assert 'direction="rtl"' in html  # the charts mirror


def test_bad_filters_are_named_and_dropped(client, data):
    page = client.get(
        reverse("participation:dashboard"), {"region": "atlantis", "cycle": "third", "type": "<b>"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "atlantis" in html and "third" in html and "&lt;b&gt;" in html
    answer = client.get(API, {"region": "atlantis", "language": "xx"}).json()
    assert len(answer["errors"]) == 2 and answer["regions"] == [] and answer["languages"] == []


def test_figures_follow_a_new_contribution_and_a_hidden_one(client, data):
    before = value(tables_of(client.get(API, {"cycle": "all"}).json())["totals"], measure="contributions")
    post = contribute("Another", region="africa", created=datetime(2024, 4, 4, tzinfo=UTC))
    after = value(tables_of(client.get(API, {"cycle": "all"}).json())["totals"], measure="contributions")
    assert after == before + 1
    post.approved = False
    post.save()
    hidden = value(tables_of(client.get(API, {"cycle": "all"}).json())["totals"], measure="contributions")
    assert hidden == before


def test_a_cycle_covering_some_regions_counts_theirs_only(client, data):
    _first, second = data
    second.regions.set(Region.objects.filter(slug__in=["africa", "europe"], locale__language_code="en"))
    answer = client.get(API).json()
    regions = [r["keys"]["region"] for r in tables_of(answer)["regions"]["rows"]]
    assert regions == ["africa", "europe"]
    rows = narrowed(visible(), cycle=second, regions=("africa", "europe"))
    assert value(tables_of(answer)["totals"], measure="contributions") == rows.count()


def test_the_dashboard_costs_the_same_queries_however_many_contributions(client):
    make_cycles()
    make_contributions(count=5, seed=1)

    def cold_queries():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("participation:dashboard")).status_code == 200
        return len(queries)

    few = cold_queries()
    make_contributions(count=40, seed=2)
    assert cold_queries() == few
    # Warm, a handful.
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("participation:dashboard"))
    # The two stamps (pages, permissions) and the page's frame (the site, its locale).
    assert len(queries) <= 5, [q["sql"] for q in queries.captured_queries]


def test_the_openapi_document_describes_the_participation_figures(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/participation/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"region", "cycle", "language", "type", "view"}
    assert "/contributions/" in document["paths"]


def test_the_menu_leads_to_the_dashboard(client, data):
    home = client.get(reverse("participation:dashboard"))
    assert f'href="{reverse("participation:dashboard")}"' in home.content.decode()


def test_the_public_dashboard_is_served_from_the_page_cache_until_a_change(data):
    url = f"{reverse('participation:dashboard')}?region=africa&cycle=all"
    assert Client().get(url)["X-Page-Cache"] == "miss"
    again = Client().get(url)
    assert again["X-Page-Cache"] == "hit"
    count = int(again.content.decode().split('data-measure="contributions">')[1].split("<")[0])
    contribute("A new voice from Dakar", region="africa", created=datetime(2024, 5, 5, tzinfo=UTC))
    after = Client().get(url)
    assert after["X-Page-Cache"] == "miss"
    assert f'data-measure="contributions">{count + 1}<' in after.content.decode()
    # Two values of one filter, or a parameter it does not read: rendered, never stored.
    assert "X-Page-Cache" not in Client().get(url + "&region=europe")
    assert "X-Page-Cache" not in Client().get(url + "&utm=x")


def test_new_filters_count_against_the_search_limits_and_cached_ones_do_not(client, data, settings):
    settings.SEARCH_RATE_LIMITS = {"anonymous": ((2, 60),), "authenticated": ((2, 60),)}
    url = reverse("participation:dashboard")
    assert client.get(url, {"region": "africa"}).status_code == 200
    assert client.get(url, {"region": "europe"}).status_code == 200
    refused = client.get(url, {"region": "asia-pacific"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many new figures" in refused.content.decode()
    # Figures already counted are served whatever the limit.
    assert client.get(url, {"region": "africa"}).status_code == 200


def test_the_region_page_shows_its_share_and_leads_to_the_dashboard(client, data):
    page = add_region_page(english_home(), "africa")
    html = client.get(page.url).content.decode()
    assert 'id="region-participation"' in html
    rows = narrowed(visible(), cycle=data[1], regions=("africa",))
    assert f'data-measure="contributions">{rows.count()}<' in html
    assert f'data-measure="authors">{authors_of(rows)}<' in html
    link = reverse("participation:dashboard") + "?region=africa&amp;cycle=second"
    assert link in html
