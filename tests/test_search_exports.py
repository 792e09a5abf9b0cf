"""CSV and XLSX exports of a whole result set, and their data dictionary."""

import csv
import io

import pytest
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
from tests.search_corpus import contribute, make_corpus

pytestmark = pytest.mark.django_db

Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")

CSV_URL = "/en/search/export/csv/"
XLSX_URL = "/en/search/export/xlsx/"


@pytest.fixture
def corpus():
    return make_corpus()


def read_csv(response):
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark for spreadsheet software"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


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


def test_the_search_page_links_its_results_exports(client, corpus):
    from bs4 import BeautifulSoup

    response = client.get("/en/search/contributions/", {"language": "ar"})
    links = [a["href"] for a in BeautifulSoup(response.content, "html.parser").select(".search-exports a")]
    assert "/en/search/export/csv/?language=ar" in links
    assert "/en/search/export/xlsx/?language=ar" in links
