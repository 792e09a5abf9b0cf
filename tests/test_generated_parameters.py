"""Generated URL parameters on every page the access matrix reads, as each of
its actors: no answer is a 500.

Hypothesis draws query strings a person or a bot could send: numbers far
past what SQLite and PostgreSQL hold and negative ones, days at the ends of
the calendar, NUL and other control characters, bytes that are no UTF-8
(percent-encoded, as they arrive), and the same key repeated. The names are
the parameters the site reads (search, API, exports, organisers' and papers'
lists) and a few it does not. The pages and the people are the access
matrix's own (tests.test_access_matrix builds them once per module).
"""

from pathlib import Path
from urllib.parse import quote, quote_from_bytes

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from tests.test_access_matrix import ACTORS, MATRIX, client_for, world  # noqa: F401 (a fixture)

# Hypothesis keeps its files under var/ (ignored by git), never in the repository's root.
set_hypothesis_home_dir(Path(__file__).resolve().parent.parent / "var" / "hypothesis")

pytestmark = pytest.mark.django_db

EXAMPLES_PER_ACTOR = 25

# The names the site reads, and some it does not.
NAMES = (
    "q",
    "topic",
    "objective",
    "region",
    "group",
    "country",
    "language",
    "type",
    "from",
    "to",
    "until",
    "space",
    "attachment",
    "sort",
    "page",
    "page_size",
    "search_forums",
    "event",
    "participant_type",
    "status",
    "role",
    "post",
    "next",
    "format",
    "draft_language",
    "xyz",
)

HUGE_NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([2**31 - 1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**20, 0, -1]),
).map(str)
FAR_DAYS = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["9999-12-31", "0001-01-01", "10000-01-01", "2024-02-30", "9999-12-31T23:59:59-14:00"]),
)
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40).map(lambda text: quote(text, safe=""))
WITH_NUL = st.text(max_size=10).map(lambda text: quote(text + "\x00" + text, safe=""))
NOT_UTF8 = st.binary(min_size=1, max_size=12).map(quote_from_bytes) | st.sampled_from(
    ["%ff%fe", "%c0%af", "%ed%a0%80"]
)
VALUES = st.one_of(HUGE_NUMBERS, FAR_DAYS, TEXT, WITH_NUL, NOT_UTF8)
# Repeated keys come from drawing the same name more than once.
QUERY_STRINGS = st.lists(st.tuples(st.sampled_from(NAMES), VALUES), min_size=1, max_size=6).map(
    lambda pairs: "&".join(f"{name}={value}" for name, value in pairs)
)


@pytest.fixture(autouse=True)
def generous_limits(settings):
    # A 429 is no 500, but would hide what the search does with the parameters.
    settings.SEARCH_RATE_LIMITS = {"anonymous": ((10_000, 1),), "authenticated": ((10_000, 1),)}
    settings.SEARCH_API_RATE_LIMITS = {"anonymous": "1000/s", "authenticated": "1000/s"}
    settings.SEARCH_EXPORT_RATE_LIMITS = {"anonymous": "1000/s", "authenticated": "1000/s"}


def pages(w):
    """Every address the matrix reads with GET, once, and the lists behind its admin pages."""
    urls = {row[2].url(w) for row in MATRIX if row[2].method == "get"}
    urls |= {"/admin/registrations/", "/admin/registrations/export/", "/admin/papers/new/"}
    return sorted(urls)


@pytest.mark.parametrize("actor", ACTORS)
def test_no_generated_parameters_give_a_500(world, actor):  # noqa: F811 (the fixture)
    client = client_for(world, actor)
    urls = pages(world)

    @settings(
        max_examples=EXAMPLES_PER_ACTOR,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(url=st.sampled_from(urls), query=QUERY_STRINGS)
    def no_server_error(url, query):
        cache.clear()  # one export at a time per address: each request starts fresh
        address = f"{url}{'&' if '?' in url else '?'}{query}"
        response = client.get(address)
        assert response.status_code < 500, (actor, address, response.status_code)

    no_server_error()
