"""CSV, XLSX and JSON exports of a whole result set, and their data dictionary."""

import csv
import io
import json
from datetime import datetime

import pytest
from django.core.cache import cache
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext
from machina.core.db.models import get_model
from openpyxl import load_workbook

from forum.models import Contribution
from search.backends import SearchUnavailable
from search.facade import index_posts
from search.http import exports
from search.http.export_columns import COLUMNS, safe_cell
from search.models import ApiToken
from tests.factories import UserFactory
from tests.search_corpus import contribute, make_corpus

pytestmark = pytest.mark.django_db

Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")

CSV_URL = "/en/search/export/csv/"
XLSX_URL = "/en/search/export/xlsx/"
JSON_URL = "/en/search/export/json/"


@pytest.fixture
def corpus():
    return make_corpus()


def read_csv(response):
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark for spreadsheet software"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def read_json(response):
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"] and ".json" in response["Content-Disposition"]
    return json.loads(b"".join(response.streaming_content).decode("utf-8"))


def as_csv_row(record):
    """A JSON contribution written as the CSV writes its row (the CSV's own
    conventions, restated here rather than borrowed from the code under test)."""

    def cell(key, value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, list):
            return "; ".join(str(item) for item in value)
        if key == "created":
            return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M:%S")
        return str(value)

    return [cell(c.key, record[c.key]) for c in COLUMNS]


def csv_and_json_rows(client, params=None, **kwargs):
    """The data rows of the CSV and of the JSON for one search, in the order sent."""
    rows = read_csv(client.get(CSV_URL, params or {}, **kwargs))[1:]
    document = read_json(client.get(JSON_URL, params or {}, **kwargs))
    assert document["count"] == len(document["contributions"])
    return rows, [as_csv_row(record) for record in document["contributions"]]


def column(rows, key):
    index = [c.key for c in COLUMNS].index(key)
    return [row[index] for row in rows[1:] if len(row) > index]


def test_csv_has_every_column_and_every_visible_contribution(client, corpus):
    posts, hidden = corpus
    response = client.get(CSV_URL)
    assert "attachment" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    assert 'rel="describedby"' in response["Link"]
    rows = read_csv(response)
    assert rows[0] == [str(c.label) for c in COLUMNS]
    assert len(rows) == 1 + len(posts)
    assert all(len(row) == len(COLUMNS) for row in rows)
    assert {int(i) for i in column(rows, "id")} == {p.pk for p in posts.values()}
    assert not {int(i) for i in column(rows, "id")} & {p.pk for p in hidden.values()}
    by_id = {int(row[0]): dict(zip([c.key for c in COLUMNS], row, strict=True)) for row in rows[1:]}
    visas = by_id[posts["visas"].pk]
    assert visas["region"] == "europe" and visas["objectives"] == "5; 6" and visas["country"] == "FR"
    assert visas["created"] == "2024-03-01 00:00:00"
    assert visas["url"].startswith("http://testserver/en/forum/")
    assert visas["text"] == "Seasonal workers need multiple-entry visas and fair recruitment."
    # Markdown is gone from the whole text
    assert by_id[posts["question"].pk]["text"].startswith("How are workers counted")


def test_csv_follows_the_search_parameters(client, corpus):
    posts, _hidden = corpus
    rows = read_csv(client.get(CSV_URL, {"q": "recruitment"}))
    assert {int(i) for i in column(rows, "id")} == {posts["visas"].pk, posts["recruitment"].pk}
    rows = read_csv(client.get(CSV_URL, {"language": "ar", "page": "7"}))  # every page, whatever page says
    assert {int(i) for i in column(rows, "id")} == {posts["arabic"].pk}


def test_arabic_round_trips(client, corpus):
    rows = read_csv(client.get(CSV_URL, {"language": "ar"}))
    assert column(rows, "text") == ["نوصي بتعزيز وصول العمال المهاجرين إلى الخدمات الأساسية"]
    rows = read_csv(client.get("/ar/search/export/csv/", {"language": "ar"}))
    with translation.override("ar"):  # headers in the page's language
        assert rows[0] == [str(c.label) for c in COLUMNS]
    assert column(rows, "region") == ["arab-states"]  # values stay stable keys


def test_headers_follow_the_language(client, corpus):
    french = read_csv(client.get("/fr/search/export/csv/"))[0]
    with translation.override("fr"):
        assert french == [str(c.label) for c in COLUMNS]


def test_hidden_contributions_reach_only_those_who_may_read_them(client, corpus, staff_user):
    _posts, hidden = corpus
    rows = read_csv(client.get(CSV_URL, {"q": "staff"}))
    assert rows[1:] == []
    _token, key = ApiToken.objects.create_token(staff_user, "exports")
    rows = read_csv(client.get(CSV_URL, {"q": "staff"}, headers={"authorization": f"Token {key}"}))
    assert column(rows, "id") == [str(hidden["closed"].pk)]
    # never the unapproved ones, whoever asks
    client.force_login(staff_user)
    rows = read_csv(client.get(CSV_URL, {"q": "pending"}))
    assert rows[1:] == []


def test_a_bad_token_is_refused(client):
    response = client.get(CSV_URL, headers={"authorization": "Token wrong"})
    assert response.status_code == 401


@pytest.fixture
def hostile():
    """Contributions whose cells would be formulas if written as they are."""
    posts = {
        "hyperlink": contribute('=HYPERLINK("http://x","y")', subject='=HYPERLINK("http://x","y")'),
        "plus": contribute("+1", subject="+1"),
        "minus": contribute("-1", subject="-1"),
        "at": contribute("@SUM(A1:A9)", subject="@SUM(A1:A9)"),
    }
    Contribution.objects.filter(post=posts["plus"]).update(organisation="\tcalc")
    Contribution.objects.filter(post=posts["minus"]).update(organisation="\rcmd|' /C calc'!A0")
    # PostgreSQL refuses a NUL in text outright; SQLite stores one (an old import, say).
    control = "ok\x07" if connection.vendor == "postgresql" else "ok\x00\x07"
    Contribution.objects.filter(post=posts["at"]).update(organisation=control)
    index_posts(post.pk for post in posts.values())
    return posts


def test_csv_neutralises_formulas(client, hostile):
    rows = read_csv(client.get(CSV_URL))
    cells = {key: column(rows, key) for key in ("text", "topic", "organisation")}
    assert sorted(cells["text"]) == sorted(['\'=HYPERLINK("http://x","y")', "'+1", "'-1", "'@SUM(A1:A9)"])
    assert sorted(cells["topic"]) == sorted(cells["text"])
    assert "'\tcalc" in cells["organisation"]
    assert "'\rcmd|' /C calc'!A0" in cells["organisation"]
    assert "ok" in cells["organisation"]  # control characters dropped
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_safe_cell():
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", "\x00x"):
        assert safe_cell(dangerous).startswith("'")
    assert safe_cell("plain") == "plain"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell(12) == 12
    assert safe_cell("x" * 40_000) == "x" * 32_767


def test_xlsx_opens_with_both_sheets(client, corpus, hostile):
    posts, hidden = corpus
    response = client.get(XLSX_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_TYPE
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Contributions", "Data dictionary"]
    data = list(workbook["Contributions"].iter_rows(values_only=True))
    assert list(data[0]) == [str(c.label) for c in COLUMNS]
    ids = {row[0] for row in data[1:]}
    assert ids == {p.pk for p in posts.values()} | {p.pk for p in hostile.values()}
    assert not ids & {p.pk for p in hidden.values()}
    texts = {row[-1] for row in data[1:]}
    assert "نوصي بتعزيز وصول العمال المهاجرين إلى الخدمات الأساسية" in texts
    assert '\'=HYPERLINK("http://x","y")' in texts
    for row in workbook["Contributions"].iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    dictionary = list(workbook["Data dictionary"].iter_rows(values_only=True))
    assert [row[1] for row in dictionary[1:]] == [c.key for c in COLUMNS]
    assert all(row[2] for row in dictionary[1:])


def test_xlsx_sheets_are_named_in_the_language(client, corpus):
    response = client.get("/fr/search/export/xlsx/")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    with translation.override("fr"):
        assert workbook.sheetnames == [gettext("Contributions"), gettext("Data dictionary")]


def read_xlsx(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_an_arabic_xlsx_reads_right_to_left_and_heads_the_link_column_as_a_link(client, corpus):
    workbook = read_xlsx(client.get("/ar/search/export/xlsx/"))
    # Both sheets open right to left, column A at the right, as Arabic is read.
    assert [sheet.sheet_view.rightToLeft for sheet in workbook] == [True, True]
    header = [cell.value for cell in workbook.worksheets[0][1]]
    assert header[[c.key for c in COLUMNS].index("url")] == "الرابط"


def test_english_and_french_xlsx_read_left_to_right(client, corpus):
    for language, link in (("en", "Link"), ("fr", "Lien")):
        workbook = read_xlsx(client.get(f"/{language}/search/export/xlsx/"))
        assert not any(sheet.sheet_view.rightToLeft for sheet in workbook), language
        header = [cell.value for cell in workbook.worksheets[0][1]]
        assert header[[c.key for c in COLUMNS].index("url")] == link


def test_the_data_dictionary_download(client):
    response = client.get("/fr/search/export/dictionary/")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert [row[1] for row in rows[1:]] == [c.key for c in COLUMNS]
    assert "attachment" in response["Content-Disposition"]


def test_exports_read_every_page(client, corpus, monkeypatch):
    posts, _hidden = corpus
    monkeypatch.setattr(exports, "MAX_PAGE_SIZE", 2)
    rows = read_csv(client.get(CSV_URL))
    assert sorted(int(i) for i in column(rows, "id")) == sorted(p.pk for p in posts.values())


@override_settings(EXPORT_MAX_ROWS=3)
def test_a_capped_export_says_so(client, corpus, monkeypatch):
    monkeypatch.setattr(exports, "MAX_PAGE_SIZE", 2)
    response = client.get(CSV_URL)
    assert response["X-Export-Truncated"] == "true" and response["X-Total-Count"] == "5"
    rows = read_csv(response)
    assert len(rows) == 1 + 3 + 1
    assert len(rows[-1]) == 1 and "3" in rows[-1][0] and "5" in rows[-1][0]
    response = client.get(XLSX_URL)
    data = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    )
    assert len(data) == 5 and "5" in data[-1][0]


@override_settings(SEARCH_EXPORT_RATE_LIMITS={"anonymous": "2/h", "authenticated": "3/h"})
def test_exports_are_rate_limited(client, corpus):
    for _attempt in range(2):
        read_csv(client.get(CSV_URL))
    response = client.get(XLSX_URL)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1


def test_one_export_at_a_time(client, corpus):
    first = client.get(CSV_URL)
    assert first.status_code == 200
    second = client.get(XLSX_URL)
    assert second.status_code == 429 and second["Retry-After"]
    b"".join(first.streaming_content)  # reading to the end closes it and frees the slot
    assert client.get(XLSX_URL).status_code == 200


def test_an_unread_export_frees_its_slot_when_closed(client, corpus):
    first = client.get(CSV_URL)
    # Closing a response sends request_finished, whose handler would close the
    # test's own database connection on PostgreSQL (the test client only
    # shields responses it iterates itself).
    request_finished.disconnect(close_old_connections)
    try:
        first.close()
    finally:
        request_finished.connect(close_old_connections)
    assert client.get(CSV_URL).status_code == 200


def test_an_unavailable_search_engine_is_a_503(client, monkeypatch):
    def unavailable(query, viewer):
        raise SearchUnavailable("down")

    monkeypatch.setattr(exports, "search", unavailable)
    response = client.get(CSV_URL)
    assert response.status_code == 503 and response["Retry-After"]
    monkeypatch.undo()
    assert client.get(CSV_URL).status_code == 200  # the slot was freed


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"unbalanced AND'},
        {"q": "x" * 100_000},
        {"q": "a\x00b"},
        {"from": "nope", "page": "-1"},
        {"objective": "abc", "region": "' OR 1=1"},
    ],
)
def test_hostile_parameters_never_fail(client, corpus, params):
    read_csv(client.get(CSV_URL, params))
    assert client.get(XLSX_URL, params).status_code == 200
    read_json(client.get(JSON_URL, params))


def test_the_search_page_links_its_results_exports(client, corpus):
    from bs4 import BeautifulSoup

    response = client.get("/en/search/contributions/", {"language": "ar"})
    links = [a["href"] for a in BeautifulSoup(response.content, "html.parser").select(".search-exports a")]
    assert "/en/search/export/csv/?language=ar" in links
    assert "/en/search/export/xlsx/?language=ar" in links


def test_the_search_page_links_the_json_export_and_the_api_page_describes_it(client, corpus):
    from bs4 import BeautifulSoup

    response = client.get("/en/search/contributions/", {"language": "ar"})
    links = BeautifulSoup(response.content, "html.parser").select(".search-exports a")
    assert ("/en/search/export/json/?language=ar", "JSON") in [(a["href"], a.text) for a in links]
    assert b"/search/export/json/" in client.get("/api/v1/").content


def test_json_rows_are_the_csv_rows(client, corpus):
    for params in ({}, {"q": "recruitment"}, {"language": "ar"}, {"objective": ["5", "6"], "sort": "newest"}):
        rows, records = csv_and_json_rows(client, params)
        assert records == rows, params
        assert rows, params
        cache.clear()  # the anonymous allowance is ten exports an hour


def test_json_rows_are_the_csv_rows_for_readers_who_see_more(client, corpus, staff_user):
    posts, hidden = corpus
    _token, key = ApiToken.objects.create_token(staff_user, "exports")
    rows, records = csv_and_json_rows(client, {"q": "staff"}, headers={"authorization": f"Token {key}"})
    assert records == rows and column([[], *rows], "id") == [str(hidden["closed"].pk)]
    # A moderator of the held posts' space: the search shows nobody a held post
    # (see the CSV test above), and the JSON, on the same path, shows the same.
    client.force_login(UserFactory(moderates=["europe"]))
    rows, records = csv_and_json_rows(client, {"q": "workers"})
    assert records == rows
    ids = {int(i) for i in column([[], *rows], "id")}
    assert posts["visas"].pk in ids
    assert not ids & {hidden["unapproved"].pk, hidden["unapproved_topic"].pk}


def test_the_json_document(client, corpus):
    posts, _hidden = corpus
    document = read_json(client.get(JSON_URL, {"q": "recruitment", "objective": "6", "page": "3"}))
    assert document["query"] == {"q": "recruitment", "objective": ["6"]}  # every page, whatever page says
    assert document["errors"] == []
    assert datetime.fromisoformat(document["generated"]).tzinfo is not None
    assert document["total"] == document["count"] == 2
    assert document["complete"] is True and document["notes"] == []
    by_id = {record["id"]: record for record in document["contributions"]}
    assert set(by_id) == {posts["visas"].pk, posts["recruitment"].pk}
    visas = by_id[posts["visas"].pk]
    assert list(visas) == [c.key for c in COLUMNS]
    assert visas["objectives"] == [5, 6] and visas["topic_id"] == posts["visas"].topic_id
    assert visas["created"] == "2024-03-01T00:00:00+00:00"
    assert visas["has_attachment"] is False
    assert visas["external_id"] is None and visas["campaign"] is None and visas["campaign_size"] is None
    assert visas["country"] == "FR" and visas["stakeholder_group"] == "civil-society"


def test_the_anonymous_json_never_holds_a_held_post_or_a_private_space(client, corpus):
    posts, hidden = corpus
    document = read_json(client.get(JSON_URL))
    ids = {record["id"] for record in document["contributions"]}
    assert ids == {p.pk for p in posts.values()}
    assert not ids & {p.pk for p in hidden.values()}
    for words in ("pending", "topic", "staff"):
        cache.clear()  # one export at a time and ten an hour, per address
        assert read_json(client.get(JSON_URL, {"q": words}))["contributions"] == [], words


def test_arabic_json_is_written_unescaped(client, corpus):
    response = client.get("/ar/search/export/json/", {"language": "ar"})
    content = b"".join(response.streaming_content)
    arabic = "نوصي بتعزيز وصول العمال المهاجرين إلى الخدمات الأساسية"
    assert arabic.encode("utf-8") in content
    assert b"\\u" not in content
    document = json.loads(content.decode("utf-8"))
    assert [record["text"] for record in document["contributions"]] == [arabic]
    assert document["contributions"][0]["region"] == "arab-states"  # values stay stable keys


def test_json_text_is_as_written(client, hostile):
    # The apostrophe guarding against formulas is for spreadsheets; a program reads the text itself.
    texts = {record["text"] for record in read_json(client.get(JSON_URL))["contributions"]}
    assert texts == {'=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1:A9)"}


def test_bad_json_parameters_are_dropped_and_said(client, corpus):
    posts, _hidden = corpus
    rows, records = csv_and_json_rows(client, {"language": "ar", "from": "nope"})
    assert records == rows and column([[], *rows], "id") == [str(posts["arabic"].pk)]
    document = read_json(client.get(JSON_URL, {"language": "ar", "from": "nope"}))
    assert document["query"] == {"language": ["ar"]}
    assert len(document["errors"]) == 1 and "nope" in document["errors"][0]


@override_settings(EXPORT_MAX_ROWS=3)
def test_a_capped_json_export_says_so(client, corpus, monkeypatch):
    monkeypatch.setattr(exports, "MAX_PAGE_SIZE", 2)
    response = client.get(JSON_URL)
    assert response["X-Export-Truncated"] == "true" and response["X-Total-Count"] == "5"
    document = read_json(response)
    assert document["total"] == 5 and document["limit"] == 3
    assert document["count"] == len(document["contributions"]) == 3
    assert document["complete"] is False
    assert len(document["notes"]) == 1 and "3" in document["notes"][0] and "5" in document["notes"][0]


def test_a_json_export_cut_by_an_unavailable_engine_says_so(client, corpus, monkeypatch):
    monkeypatch.setattr(exports, "MAX_PAGE_SIZE", 2)
    response = client.get(JSON_URL)

    def unavailable(query, viewer):
        raise SearchUnavailable("down")

    monkeypatch.setattr(exports, "search", unavailable)  # after the first page
    document = read_json(response)
    assert document["count"] == 2 and document["total"] == 5
    assert document["complete"] is False and len(document["notes"]) == 1


@override_settings(SEARCH_EXPORT_RATE_LIMITS={"anonymous": "2/h", "authenticated": "3/h"})
def test_json_exports_share_the_rate_limit(client, corpus):
    read_csv(client.get(CSV_URL))
    read_json(client.get(JSON_URL))
    for url in (JSON_URL, CSV_URL):
        response = client.get(url)
        assert response.status_code == 429
        assert int(response["Retry-After"]) >= 1


def test_one_json_export_at_a_time(client, corpus):
    first = client.get(JSON_URL)
    assert first.status_code == 200
    assert client.get(CSV_URL).status_code == 429
    b"".join(first.streaming_content)  # reading to the end closes it and frees the slot
    read_json(client.get(JSON_URL))
