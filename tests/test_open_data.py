"""The open data (hub/opendata/): the nightly dump of the public contributions,
its files, its schedule, its addresses and its page."""

import codecs
import csv
import hashlib
import io
import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hub.models import OpenDataSettings
from hub.opendata import dump, reading, tasks
from hub.opendata.dictionary import MEANINGS, fields
from search.query import Hit, SearchResult
from tests.search_corpus import contribute, make_corpus

pytestmark = pytest.mark.django_db

API = "/api/v1/contributions/"
PETITION = (
    "We the undersigned call on governments to end the immigration detention of migrant children, "
    "to provide alternatives to detention in the community, and to guarantee access to justice."
)
ARABIC_LICENCE = "تُنشر هذه البيانات بموجب رخصة المشاع الإبداعي، نسب المصنف 4.0."
FILES = (dump.JSONL, dump.CSV, dump.MANIFEST)


@pytest.fixture(autouse=True)
def open_data_dir(settings, tmp_path):
    settings.OPEN_DATA_DIR = str(tmp_path / "open-data")
    return tmp_path / "open-data"


@pytest.fixture
def corpus():
    """The search tests' five public and three hidden contributions, with a
    campaign, three posted at the same moment (the order falls to the id) and
    a subject a spreadsheet would take for a formula."""
    posts, hidden = make_corpus()
    same_moment = datetime(2024, 5, 1, tzinfo=UTC)
    for n in range(3):
        posts[f"same_{n}"] = contribute(f"Remittance costs, point {n}.", region="africa", created=same_moment)
    for greeting, name in (("Dear colleagues,", "Maria"), ("Hello,", "Ahmed")):
        posts[name] = contribute(f"{greeting} {PETITION} {name}", author_name=name, region="europe")
    posts["formula"] = contribute("Fees.", subject="=HYPERLINK(1)", created=datetime(2023, 1, 5, tzinfo=UTC))
    return posts, hidden


def write(**options):
    out = StringIO()
    call_command("write_open_data", stdout=out, **options)
    return out.getvalue()


def jsonl_rows(directory):
    return [json.loads(line) for line in (directory / dump.JSONL).read_text(encoding="utf-8").splitlines()]


def api_rows(client, page_size):
    """Every result an anonymous caller gets, following the API's next links."""
    rows, address, params = [], API, {"page_size": page_size}
    while address:
        answer = client.get(address, params).json()
        rows += answer["results"]
        address, params = answer["next"], None
    return rows


def html(response):
    return BeautifulSoup(response.content, "html.parser")


# ---------------------------------------------------------------- what the dump holds


def test_the_rows_are_what_the_api_answers_an_anonymous_caller(client, corpus, open_data_dir):
    posts, _hidden = corpus
    assert "11 public contribution(s) written" in write()
    rows = jsonl_rows(open_data_dir)
    assert rows == api_rows(client, page_size=3)
    assert {row["id"] for row in rows} == {post.pk for post in posts.values()}
    campaigned = {row["id"]: row["campaign"] for row in rows if row["campaign"]}
    assert set(campaigned) == {posts["Maria"].pk, posts["Ahmed"].pk}
    assert {campaign["size"] for campaign in campaigned.values()} == {2}
    assert rows[0]["url"].startswith("http://testserver/en/forum/")


def test_paged_in_small_segments_the_rows_are_still_the_apis_page_by_page(
    client, corpus, open_data_dir, monkeypatch
):
    # Two pages of two per segment: the search starts again on the last day
    # written, and goes deeper on a day of four contributions.
    monkeypatch.setattr(reading, "SEGMENT_PAGES", 2)
    asked = []
    searched = reading.search
    monkeypatch.setattr(
        reading, "search", lambda query, viewer: asked.append(query) or searched(query, viewer)
    )
    pages = list(reading.public_rows(page_size=2))
    # Past two pages a segment goes on only while its last row is of the day it started on.
    assert [(str(query.date_to), query.page) for query in asked] == [
        ("None", 1), ("None", 2),
        ("2024-05-01", 1), ("2024-05-01", 2), ("2024-05-01", 3),
        ("2024-01-10", 1), ("2024-01-10", 2),
    ]  # fmt: skip
    assert all(len(page) <= 2 for page in pages)
    assert [row for page in pages for row in page] == api_rows(client, page_size=2)


def test_held_posts_held_topics_and_private_spaces_never_appear(corpus, open_data_dir):
    _posts, hidden = corpus
    write()
    hidden_ids = {post.pk for post in hidden.values()}
    assert not {row["id"] for row in jsonl_rows(open_data_dir)} & hidden_ids
    with (open_data_dir / dump.CSV).open(encoding="utf-8-sig", newline="") as table:
        assert not {int(row["id"]) for row in csv.DictReader(table)} & hidden_ids


def test_the_csv_has_the_same_rows_in_columns(corpus, open_data_dir):
    posts, _hidden = corpus
    write()
    raw = (open_data_dir / dump.CSV).read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and b"\r\n" in raw  # as the search's CSV export
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, cells = table[0], table[1:]
    assert header[:6] == ["id", "external_id", "url", "region", "topic_id", "topic_subject"]
    assert {"campaign_id", "campaign_size", "objectives", "snippet", "matched_through"} <= set(header)
    rows = jsonl_rows(open_data_dir)
    assert len(cells) == len(rows)
    for line, row in zip(cells, rows, strict=True):
        cell = dict(zip(header, line, strict=True))
        assert int(cell["id"]) == row["id"]
        assert cell["external_id"] == (row["external_id"] or "")
        assert cell["url"] == row["url"] and cell["created"] == row["created"]
        assert int(cell["topic_id"]) == row["topic"]["id"]
        assert cell["objectives"] == "; ".join(str(n) for n in row["objectives"])
        assert cell["stakeholder_group"] == (row["stakeholder_group"] or "")
        assert cell["has_attachment"] == ("true" if row["has_attachment"] else "false")
        campaign = row["campaign"] or {}
        assert cell["campaign_id"] == str(campaign.get("id", ""))
        assert cell["campaign_size"] == str(campaign.get("size", ""))
        assert cell["matched_through"] == ""
        if row["id"] == posts["formula"].pk:
            # JSON holds the text as written; the spreadsheet gets it guarded.
            assert row["topic"]["subject"] == "=HYPERLINK(1)"
            assert cell["topic_subject"] == "'=HYPERLINK(1)"
        else:
            assert cell["topic_subject"] == row["topic"]["subject"] and cell["snippet"] == row["snippet"]
    arabic = next(cell for cell in cells if cell[0] == str(posts["arabic"].pk))
    assert "نوصي بتعزيز وصول العمال المهاجرين" in arabic[header.index("snippet")]


def test_the_manifest_says_when_how_many_and_each_files_checksum(corpus, open_data_dir):
    before = timezone.now().replace(microsecond=0)
    write()
    manifest = json.loads((open_data_dir / dump.MANIFEST).read_text())
    assert manifest["contributions"] == 11
    assert datetime.fromisoformat(manifest["written"]) >= before
    for name in (dump.JSONL, dump.CSV):
        data = (open_data_dir / name).read_bytes()
        assert manifest["files"][name] == {
            "rows": 11,
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }


def test_every_field_has_a_type_and_a_meaning():
    assert [field.column for field in fields()] == [column for column, _path in reading.csv_columns()]
    assert set(MEANINGS) == {field.column for field in fields()}
    assert all(str(field.type) and str(field.meaning) for field in fields())
    assert {field.json for field in fields()} >= {"topic.id", "topic.subject", "campaign.id", "campaign.size"}


# ---------------------------------------------------------------- replaced whole


def test_a_failing_dump_leaves_the_previous_one_intact(corpus, open_data_dir):
    write()
    before = {name: (open_data_dir / name).read_bytes() for name in FILES}

    def pages_then_a_failure():
        yield next(reading.public_rows(page_size=2))
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        dump.write(pages_then_a_failure())
    assert {name: (open_data_dir / name).read_bytes() for name in FILES} == before
    assert sorted(p.name for p in open_data_dir.iterdir()) == sorted(FILES)  # no temporary file left


def test_a_reader_of_the_old_file_keeps_reading_it_whole(corpus, open_data_dir):
    write()
    old = (open_data_dir / dump.JSONL).read_bytes()
    with (open_data_dir / dump.JSONL).open("rb") as reader:
        first = reader.read(10)
        contribute("A late contribution about visas.", created=datetime(2025, 1, 1, tzinfo=UTC))
        write()
        assert first + reader.read() == old
    assert (open_data_dir / dump.JSONL).read_bytes() != old
    assert json.loads((open_data_dir / dump.MANIFEST).read_text())["contributions"] == 12


def test_a_day_deeper_than_the_search_pages_stops_the_dump(monkeypatch):
    # Elasticsearch answers its last page again past its window of hits.
    moment = datetime(2024, 5, 1, tzinfo=UTC)
    page = [
        Hit(post_id=pk, url="/", topic_id=1, topic_subject="", region="africa", type="comment",
            objectives=(), language="en", stakeholder_group=None, organisation="", country=None,
            author_name="", created=moment, external_id=None, snippet="")
        for pk in (9, 8)
    ]  # fmt: skip
    monkeypatch.setattr(reading, "search", lambda query, viewer: SearchResult(query, 1_000_000, page))
    with pytest.raises(reading.DayTooLong):
        list(reading.public_hits(page_size=2))


# ---------------------------------------------------------------- the nightly chain


def test_the_task_writes_what_the_command_writes_and_queues_the_next_night(corpus, open_data_dir, settings):
    settings.OPEN_DATA_DUMP_HOUR = 3
    write()
    by_command = {name: (open_data_dir / name).read_bytes() for name in (dump.JSONL, dump.CSV)}
    command_manifest = json.loads((open_data_dir / dump.MANIFEST).read_text())
    result = tasks.write_open_data.call()
    assert result["contributions"] == 11
    assert {name: (open_data_dir / name).read_bytes() for name in by_command} == by_command
    assert json.loads((open_data_dir / dump.MANIFEST).read_text())["files"] == command_manifest["files"]
    (waiting,) = tasks.waiting_runs()
    assert waiting.run_after.astimezone(UTC).hour == 3 and waiting.run_after.minute == 0
    assert timezone.now() < waiting.run_after <= timezone.now() + timezone.timedelta(days=1)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 12, 7, 1, 59, tzinfo=UTC), datetime(2026, 12, 7, 2, 0, tzinfo=UTC)),
        (datetime(2026, 12, 7, 2, 0, tzinfo=UTC), datetime(2026, 12, 8, 2, 0, tzinfo=UTC)),
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), datetime(2027, 1, 1, 2, 0, tzinfo=UTC)),
    ],
)
def test_the_next_night_is_the_next_dump_hour_in_utc(settings, now, expected):
    settings.OPEN_DATA_DUMP_HOUR = 2
    assert tasks.next_run(now) == expected


def test_schedule_starts_one_chain_only():
    assert "queued for the task worker" in write(schedule=True)
    assert "already scheduled" in write(schedule=True)
    assert tasks.waiting_runs().count() == 1


# ---------------------------------------------------------------- the stable addresses


def test_the_files_are_at_stable_addresses_without_a_language():
    assert [reverse(f"open_data_files:{name}") for name in ("jsonl", "csv", "manifest")] == [
        "/open-data/contributions.jsonl",
        "/open-data/contributions.csv",
        "/open-data/manifest.json",
    ]


@pytest.mark.parametrize("name", FILES)
def test_before_the_first_dump_each_address_says_so_with_a_404(client, name):
    response = client.get(f"/open-data/{name}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "The open data has not been written yet" in response.content.decode()
    assert html(response).find("a", href="/en/open-data/")


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        (dump.JSONL, "application/jsonl"),
        (dump.CSV, "text/csv; charset=utf-8"),
        (dump.MANIFEST, "application/json"),
    ],
)
def test_the_addresses_serve_the_files_as_downloads(client, corpus, open_data_dir, name, content_type):
    write()
    response = client.get(f"/open-data/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert b"".join(response.streaming_content) == (open_data_dir / name).read_bytes()
    response.close()
    assert "public" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    again = client.get(f"/open-data/{name}", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert client.post(f"/open-data/{name}").status_code == 405


# ---------------------------------------------------------------- the page


def set_licence(**statements):
    settings_row = OpenDataSettings.load()
    for name, value in statements.items():
        setattr(settings_row, name, value)
    settings_row.save()


def test_the_page_in_arabic_shows_the_licence_right_to_left_and_the_data_dictionary(client, corpus):
    set_licence(
        licence_en="Published under CC BY 4.0.",
        licence_ar=ARABIC_LICENCE,
        licence_url="https://creativecommons.org/licenses/by/4.0/",
    )
    write()
    page = html(client.get("/ar/open-data/"))
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    licence = page.find(id="open-data-licence")
    assert licence["lang"] == "ar" and licence["dir"] == "rtl"
    assert ARABIC_LICENCE in licence.get_text()
    assert page.find("a", href="https://creativecommons.org/licenses/by/4.0/", rel="license")
    dictionary = page.find(id="open-data-dictionary")
    names = [row.th.code.get_text() for row in dictionary.tbody.find_all("tr")]
    assert names == [field.column for field in fields()]
    assert all(row.th["dir"] == "ltr" for row in dictionary.tbody.find_all("tr"))
    assert all(
        len(row.find_all("td")) == 2 and row.find_all("td")[1].get_text(strip=True)
        for row in dictionary.tbody.find_all("tr")
    )
    links = {a["href"] for a in page.find(id="open-data-files").find_all("a")}
    assert links == {"/open-data/contributions.jsonl", "/open-data/contributions.csv"}
    assert page.find("a", href="/open-data/manifest.json")
    assert page.find(id="open-data-written").time["datetime"]


def test_a_licence_not_yet_translated_is_shown_in_english_left_to_right(client, corpus):
    set_licence(licence_en="Published under CC BY 4.0.", licence_ar=ARABIC_LICENCE)
    licence = html(client.get("/fr/open-data/")).find(id="open-data-licence")
    assert licence["lang"] == "en" and licence["dir"] == "ltr"
    assert "CC BY 4.0" in licence.get_text()


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl"), ("fr", "ltr")])
def test_the_page_is_there_in_each_language_before_the_first_dump(client, language, direction):
    response = client.get(f"/{language}/open-data/")
    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == language and page.html["dir"] == direction
    assert not page.find(id="open-data-files")
    assert page.find(id="open-data-dictionary")
    assert client.get("/open-data/").status_code == 302  # to a language's page


def test_the_page_shows_each_files_size_and_the_count(client, corpus, open_data_dir):
    write()
    page = html(client.get("/en/open-data/"))
    written = page.find(id="open-data-written").get_text(" ", strip=True)
    assert "11 contributions" in written and "UTC" in written
    sizes = [
        row.find_all("td")[2].get_text(strip=True)
        for row in page.find(id="open-data-files").tbody.find_all("tr")
    ]
    assert all(size.endswith(("KB", "bytes")) for size in sizes)


def test_the_footer_links_the_open_data_page(client):
    assert html(client.get("/fr/")).select_one("footer").find("a", href="/fr/open-data/")


def test_the_page_is_cached_for_anonymous_readers_until_a_new_dump(corpus):
    write()
    assert Client().get("/en/open-data/")["X-Page-Cache"] == "miss"
    assert Client().get("/en/open-data/")["X-Page-Cache"] == "hit"
    write()  # nothing else changed in the database
    assert Client().get("/en/open-data/")["X-Page-Cache"] == "miss"
