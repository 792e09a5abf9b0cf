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

from datetime import date
from pathlib import Path
from urllib.parse import quote, quote_from_bytes

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from tests.test_access_matrix import ACTORS, MATRIX, client_for, world  # noqa: F401 (a fixture)

# Hypothesis keeps its files under var/ (ignored by git), never in the repository's root.
set_hypothesis_home_dir(Path(__file__).resolve().parent.parent / "var" / "hypothesis")

pytestmark = pytest.mark.django_db

EXAMPLES_PER_ACTOR = 30
HUGE = "9" * 20

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

# Drawn mostly at and past the ends of what the databases and the calendar hold.
HUGE_NUMBERS = st.one_of(
    st.sampled_from([2**31 - 1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**20, -(10**20), 0, -1]),
    st.integers(min_value=2**31, max_value=10**40),
    st.integers(min_value=-(10**40), max_value=-1),
    st.integers(),
).map(str)
FAR_DAYS = st.one_of(
    st.sampled_from(["9999-12-31", "0001-01-01", "9999-12-31T23:59:59-14:00", "10000-01-01", "2024-02-30"]),
    st.dates(max_value=date(1899, 12, 31)).map(date.isoformat),
    st.dates(min_value=date(3000, 1, 1)).map(date.isoformat),
    st.dates().map(date.isoformat),
)
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40).map(lambda text: quote(text, safe=""))
WITH_NUL = st.text(max_size=10).map(lambda text: quote(text + "\x00" + text, safe=""))
NOT_UTF8 = st.binary(min_size=1, max_size=12).map(quote_from_bytes) | st.sampled_from(
    ["%ff%fe", "%c0%af", "%ed%a0%80"]
)
VALUES = st.one_of(HUGE_NUMBERS, FAR_DAYS, TEXT, WITH_NUL, NOT_UTF8)
IDS = {"topic", "objective", "search_forums", "event", "post", "page", "page_size"}
DAYS = {"from", "to", "until"}


def pair(name):
    """A value for ``name``: most often of the kind it is read as, else anything."""
    if name in IDS:
        values = st.one_of(HUGE_NUMBERS, HUGE_NUMBERS, HUGE_NUMBERS, VALUES)
    elif name in DAYS:
        values = st.one_of(FAR_DAYS, FAR_DAYS, FAR_DAYS, VALUES)
    else:
        values = VALUES
    return values.map(lambda value: f"{name}={value}")


# Repeated keys come from drawing the same name more than once.
QUERY_STRINGS = st.lists(st.sampled_from(NAMES).flatmap(pair), min_size=1, max_size=6).map("&".join)
# The pages that read parameters (search, API, exports, admin lists) are drawn
# three times in four; the matrix's other pages the rest.
READERS = ("/en/search/", "/ar/search/", "/api/", "/admin/", "/en/forum/search/")


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
    readers = [url for url in urls if url.startswith(READERS)]

    @settings(
        max_examples=EXAMPLES_PER_ACTOR,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    # The inputs once found to give a 500, always tried, before the generated ones.
    @example(url="/en/search/contributions/", query=f"to=9999-12-31&topic={HUGE}")
    @example(url="/api/v1/contributions/", query=f"objective={HUGE}&from=0001-01-01")
    @example(url="/en/search/export/csv/", query=f"topic={HUGE}")
    @example(url="/en/search/export/xlsx/", query="to=9999-12-31")
    @example(url="/en/forum/search/", query=f"search_forums={HUGE}&search_forums={HUGE}")
    @example(url="/admin/registrations/", query=f"event={HUGE}")
    @example(url="/admin/registrations/export/", query=f"event=-{HUGE}")
    @example(url="/admin/papers/new/", query=f"topic={HUGE}&to=9999-12-31")
    @given(url=st.one_of(*[st.sampled_from(readers)] * 3, st.sampled_from(urls)), query=QUERY_STRINGS)
    def no_server_error(url, query):
        cache.clear()  # one export at a time per address: each request starts fresh
        address = f"{url}{'&' if '?' in url else '?'}{query}"
        response = client.get(address)
        assert response.status_code < 500, (actor, address, response.status_code)

    no_server_error()


# ---------------------------------------------------------------- ids in the address itself

PATH_IDS = (str(2**31), str(2**63), HUGE)


def _addresses_with_ids(value):
    """An address for every URL pattern that takes a number, the number written ``value``."""
    from django.urls import NoReverseMatch, reverse

    from tests.test_access_matrix import _patterns

    for namespace, pattern in _patterns():
        if not pattern.name:
            continue
        converters = getattr(pattern.pattern, "converters", {})
        named = list(pattern.pattern.regex.groupindex)
        if converters:
            if not any(type(c).__name__ == "IntConverter" for c in converters.values()):
                continue
            kwargs = {k: value if type(c).__name__ == "IntConverter" else "x" for k, c in converters.items()}
        elif named and r"\d+" in pattern.pattern.regex.pattern:
            kwargs = dict.fromkeys(named, value)
        else:
            continue
        try:
            yield reverse(namespace + pattern.name, kwargs=kwargs)
        except NoReverseMatch:
            continue


@pytest.mark.parametrize("actor", ["anon", "mod_a", "superuser"])
def test_no_id_in_an_address_gives_a_500(world, actor):  # noqa: F811 (the fixture)
    """Every pattern with a number in its path, given one past what the
    databases hold: a 404 or a refusal, never a 500."""
    client = client_for(world, actor, raise_request_exception=False)
    failures, tried = [], 0
    for value in PATH_IDS:
        for address in _addresses_with_ids(value):
            tried += 1
            cache.clear()
            response = client.get(address)
            if response.status_code >= 500:
                failures.append(f"{address} → {response.status_code}")
    assert tried > 100
    assert not failures, "\n".join(failures)
