"""How an analysis paper is shown, printed and downloaded: its charts (SVG with
a table), quotations and lists that drop what is no longer public, the PDF
(Arabic shaped, right to left) and the CSV of its contribution set."""

import csv
import datetime
import io
import subprocess
from datetime import UTC

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from machina.core.db.models import get_model
from wagtail.models import Locale

from forum.models import Contribution
from hub.models import AnalysisPaperPage
from hub.models.paper_generations import FrozenContribution, GenerationStatus, PaperGeneration
from hub.papers import charts
from hub.papers.pdf import static_path
from tests import page_tree
from tests.poppler import PDFTOPPM, PDFTOTEXT, POPPLER, needs_poppler
from tests.search_corpus import contribute

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

ARABIC_TITLE = "ما قاله أصحاب المصلحة في الدول العربية"
CHART = {
    "title": "Contributions by stakeholder group",
    "description": "Civil society wrote most.",
    "kind": "bars",
    "series_label": "Contributions",
    "comparison_label": "",
    "rows": [
        {"label": "Civil society", "value": 1234, "comparison_value": None},
        {"label": "Academia", "value": 56, "comparison_value": None},
        {"label": "Trade unions", "value": 7, "comparison_value": None},
    ],
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def region_page():
    return page_tree.add_region_page(page_tree.english_home(), "arab-states")


def freeze(region_page, posts, language="en", title="Paper"):
    generation = PaperGeneration.objects.create(
        region_page=region_page,
        title=title,
        language=language,
        query="region=arab-states&from=2024-01-01",
        status=GenerationStatus.FINISHED,
        as_of=datetime.datetime(2024, 6, 1, 12, tzinfo=UTC),
        contribution_count=len(posts),
    )
    FrozenContribution.objects.bulk_create(
        FrozenContribution(generation=generation, post_id=post.pk, content_hash=f"{post.pk:064x}")
        for post in posts
    )
    return generation


def body(quoted, *, objective=5, chart=CHART):
    return [
        ("paper_chart", chart),
        (
            "paper_chart",
            {
                "title": "Contributions per month",
                "description": "",
                "kind": "timeline",
                "series_label": "This period",
                "comparison_label": "Earlier period",
                "rows": [
                    {"label": "2024-01", "value": 3, "comparison_value": 1},
                    {"label": "2024-02", "value": 5, "comparison_value": 2},
                ],
            },
        ),
        *[
            (
                "cited_quotation",
                {
                    "quote": f"Quoted words {post.pk}",
                    "contribution": post.pk,
                    "citation": "",
                    "language": "en",
                },
            )
            for post in quoted
        ],
        ("key_terms", {"heading": "", "language": "en", "terms": [{"term": "visas", "count": 4}]}),
        (
            "cited_contributions",
            {"heading": "", "objective": objective, "kinds": ["recommendation", "pledge"]},
        ),
    ]


def make_paper(
    parent, generation, quoted, *, live=True, title="Labour mobility in the Arab States", **fields
):
    page = AnalysisPaperPage(
        title=title,
        slug=fields.pop("slug", "labour-mobility"),
        published_on=datetime.date(2024, 6, 20),
        contribution_count=generation.contribution_count,
        contributions_as_of=generation.as_of,
        contribution_query=generation.query,
        generation=generation,
        body=body(quoted, **fields),
    )
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.live = False
        page.save()
    page.refresh_from_db()
    return page


@pytest.fixture
def paper(region_page):
    posts = {
        "visas": contribute(
            "Open more regular pathways for workers.", objectives=(5,), kind="recommendation"
        ),
        "pledge": contribute("We pledge to fund legal aid.", objectives=(5,), kind="pledge"),
        "other": contribute("Count returnees properly.", objectives=(1,), kind="recommendation"),
        "comment": contribute("Just a comment.", objectives=(5,), kind="comment"),
    }
    generation = freeze(region_page, posts.values())
    page = make_paper(region_page, generation, [posts["visas"], posts["pledge"]])
    return page, posts


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


# ------------------------------------------------------------------ charts


def test_chart_svg_is_an_image_with_title_desc_and_a_matching_table():
    chart = charts.build(CHART, "en")
    svg = BeautifulSoup(str(chart.svg), "html.parser").svg
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title")["id"] == title_id and svg.find("title").get_text() == CHART["title"]
    assert svg.find("desc")["id"] == desc_id and svg.find("desc").get_text() == CHART["description"]
    assert "style=" not in str(chart.svg)  # the CSP forbids inline styles
    assert all(text.get("font-size") for text in svg.find_all("text"))
    assert [(row.label, row.value) for row in chart.table] == [
        ("Civil society", "1,234"),
        ("Academia", "56"),
        ("Trade unions", "7"),
    ]


def test_chart_block_renders_the_table_with_the_rows(client, paper):
    page, _posts = paper
    soup = html_of(client, page.url)
    figure = soup.select(".paper-chart")[0]
    assert figure.select_one("svg[role=img] title").get_text() == CHART["title"]
    cells = [
        [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])] for tr in figure.select("tbody tr")
    ]
    assert cells == [["Civil society", "1,234"], ["Academia", "56"], ["Trade unions", "7"]]
    timeline = soup.select(".paper-chart")[1]
    assert timeline.select("thead th")[-1].get_text() == "Earlier period"
    assert len(timeline.select("svg rect")) >= 4 + 2  # two columns a month, and the legend


def test_arabic_bars_grow_from_the_right_with_labels_on_the_right():
    arabic = {**CHART, "rows": [{"label": "المجتمع المدني", "value": 1234, "comparison_value": None}]}
    english = charts.build(CHART, "en")
    chart = charts.build(arabic, "ar")
    svg = BeautifulSoup(str(chart.svg), "html.parser").svg
    assert svg["direction"] == "rtl"
    bar = svg.find("rect")
    label = next(text for text in svg.find_all("text") if "المجتمع" in text.get_text())
    # The bar ends at the label column's inner edge, on the right; it grows leftwards.
    assert float(bar["x"]) + float(bar["width"]) == pytest.approx(charts.WIDTH - charts.LABEL_WIDTH, abs=0.5)
    assert float(label["x"]) > charts.WIDTH / 2 and label["direction"] == "rtl"
    english_bar = BeautifulSoup(str(english.svg), "html.parser").svg.find("rect")
    assert float(english_bar["x"]) == pytest.approx(charts.LABEL_WIDTH, abs=0.5)
    # Numbers in the Arabic chart and table are written the Arabic locale's way (Western digits).
    assert chart.table[0].value.replace(".", "").replace(",", "").replace("\u066c", "") == "1234"


# ------------------------------------------------------------------ the page


def test_page_says_how_many_as_of_when_and_links_the_search_and_downloads(client, paper):
    page, _posts = paper
    soup = html_of(client, page.url)
    sources = soup.select_one(".paper-sources").get_text(" ", strip=True)
    assert "Based on 4 contributions, as of 1 June 2024." in sources
    search = soup.select_one(".paper-sources a")["href"]
    assert search == "/en/search/?region=arab-states&from=2024-01-01"
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".paper-downloads a")}
    assert links["Download the PDF"] == page.url + "pdf/"
    assert links["Download the contributions (CSV)"] == page.url + "contributions/csv/"


def test_quotations_and_lists_link_their_contributions(client, paper):
    page, posts = paper
    soup = html_of(client, page.url)
    quotes = soup.select(".cited-quotation")
    assert len(quotes) == 2
    blockquote = quotes[0].select_one("blockquote")
    assert blockquote["lang"] == "en" and blockquote.p["dir"] == "auto"
    link = quotes[0].select_one("figcaption a")["href"]
    assert link.endswith(f"?post={posts['visas'].pk}#{posts['visas'].pk}")
    assert client.get(link.split("#")[0]).status_code == 200
    listed = soup.select(".cited-contributions li")
    # objective 5, recommendations and pledges only: not the comment, not objective 1
    assert [li.select_one("a")["href"].rsplit("#", 1)[1] for li in listed] == [
        str(posts["pledge"].pk),
        str(posts["visas"].pk),
    ]
    assert all(li.p["dir"] == "auto" and len(li.p.get_text()) <= 300 for li in listed)


def test_hidden_contributions_disappear_from_quotations_lists_and_csv(client, paper):
    page, posts = paper
    Post.objects.filter(pk=posts["visas"].pk).update(approved=False)
    Topic.objects.filter(pk=posts["pledge"].topic_id).update(approved=False)
    soup = html_of(client, page.url)
    assert soup.select(".cited-quotation") == []
    assert soup.select(".cited-contributions li") == []
    text = soup.get_text(" ", strip=True)
    assert f"Quoted words {posts['visas'].pk}" not in text
    assert "2 of them are no longer public" in text
    rows = read_csv(client.get(page.url + "contributions/csv/"))
    assert {int(row[0]) for row in rows[1:]} == {posts["other"].pk, posts["comment"].pk}


def test_a_contribution_moved_to_a_closed_space_or_deleted_disappears(client, paper):
    from tests.search_corpus import closed_forum

    page, posts = paper
    Topic.objects.filter(pk=posts["visas"].topic_id).update(forum=closed_forum())
    posts["pledge"].delete()
    soup = html_of(client, page.url)
    assert soup.select(".cited-quotation") == []
    rows = read_csv(client.get(page.url + "contributions/csv/"))
    assert {int(row[0]) for row in rows[1:]} == {posts["other"].pk, posts["comment"].pk}


def test_page_cost_does_not_grow_with_the_listed_contributions(client, region_page):
    posts = [contribute(f"Recommendation {n}", objectives=(5,)) for n in range(2)]
    generation = freeze(region_page, posts)
    page = make_paper(region_page, generation, posts[:1])

    def cost():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url)
        assert response.status_code == 200
        return len(captured), response

    client.get(page.url)
    small, _response = cost()
    more = [contribute(f"Recommendation more {n}", objectives=(5,), kind="pledge") for n in range(15)]
    FrozenContribution.objects.bulk_create(
        FrozenContribution(generation=generation, post_id=post.pk, content_hash="0" * 64) for post in more
    )
    client.get(page.url)  # posting changed the forums: the visitors' permission answer is cached again
    large, response = cost()
    assert len(BeautifulSoup(response.content, "html.parser").select(".cited-contributions li")) == 17
    assert large == small


def test_draft_paper_downloads_are_404_for_the_public(client, region_page):
    post = contribute("Draft material.", objectives=(5,))
    page = make_paper(region_page, freeze(region_page, [post]), [post], live=False, slug="draft")
    assert client.get(f"{region_page.url}draft/").status_code == 404
    assert client.get(f"{region_page.url}draft/pdf/").status_code == 404
    assert client.get(f"{region_page.url}draft/contributions/csv/").status_code == 404
    assert not page.live


# ------------------------------------------------------------------ CSV


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_public_frozen_contribution(client, paper):
    page, posts = paper
    Contribution.objects.filter(post=posts["visas"]).update(organisation='=HYPERLINK("http://x")')
    rows = read_csv(client.get(page.url + "contributions/csv/"))
    assert rows[0][0] == "Post id" and rows[0][-1].startswith("Content hash")
    by_id = {int(row[0]): row for row in rows[1:]}
    assert set(by_id) == {post.pk for post in posts.values()}
    visas = by_id[posts["visas"].pk]
    assert visas[1].startswith("http://testserver/en/forum/") and visas[1].endswith(f"#{posts['visas'].pk}")
    assert visas[2:6] == ["arab-states", "recommendation", "5", "en"]
    assert visas[7] == '\'=HYPERLINK("http://x")'  # formula guard
    assert visas[-1] == f"{posts['visas'].pk:064x}"
    # a post that was never in the set is not added
    later = contribute("Arrived after the paper.", objectives=(5,))
    rows = read_csv(client.get(page.url + "contributions/csv/"))
    assert later.pk not in {int(row[0]) for row in rows[1:]}


# ------------------------------------------------------------------ PDF


def test_pdf_fetcher_refuses_anything_but_our_static_files():
    assert static_path("https://hub.invalid/static/hub/css/paper-print.css")
    assert static_path("https://example.org/static/hub/css/paper-print.css") is None
    assert static_path("https://hub.invalid/static/../settings.py") is None
    assert static_path("file:///etc/passwd") is None
    assert static_path("https://hub.invalid/media/x.png") is None


def pdf_text(content, tmp_path):
    """The PDF's text (pdftotext), once pdftoppm has drawn every page; skips where poppler is missing."""
    if not POPPLER:
        pytest.skip("poppler-utils (make system-deps) is not installed")
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "paper.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    subprocess.run([PDFTOPPM, "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png")), "pdftoppm drew no page"
    return text


def get_pdf(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"%PDF")
    return response, content


@needs_poppler
def test_english_pdf_renders_and_holds_its_text(client, paper, tmp_path):
    page, posts = paper
    response, content = get_pdf(client, page.url + "pdf/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment") and "labour-mobility-in-the-arab-states-en.pdf" in disposition
    text = " ".join(pdf_text(content, tmp_path).split())
    assert "Labour mobility in the Arab States" in text
    assert "Based on 4 contributions, as of 1 June 2024." in text
    assert "Contributions by stakeholder group" in text and "1,234" in text  # chart and its table
    assert f"Quoted words {posts['visas'].pk}" in text
    # The second download is the cached file.
    _again, second = get_pdf(client, page.url + "pdf/")
    assert second == content


@needs_poppler
def test_pdf_drops_a_contribution_hidden_after_it_was_cached(client, paper, tmp_path):
    page, posts = paper
    _response, before = get_pdf(client, page.url + "pdf/")
    assert f"Quoted words {posts['visas'].pk}" in " ".join(pdf_text(before, tmp_path).split())
    Post.objects.filter(pk=posts["visas"].pk).update(approved=False)
    _response, after = get_pdf(client, page.url + "pdf/")
    (tmp_path / "after").mkdir()
    assert f"Quoted words {posts['visas'].pk}" not in " ".join(pdf_text(after, tmp_path / "after").split())


@pytest.fixture
def arabic_region_page(region_page):
    arabic = Locale.objects.get(language_code="ar")
    translated = region_page.copy_for_translation(arabic)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


@needs_poppler
def test_arabic_pdf_holds_the_arabic_title_as_text_and_renders(client, arabic_region_page, tmp_path):
    post = contribute("نوصي بتعزيز وصول العمال المهاجرين إلى الخدمات", language="ar", objectives=(5,))
    generation = freeze(arabic_region_page, [post], language="ar", title=ARABIC_TITLE)
    page = make_paper(arabic_region_page, generation, [post], title=ARABIC_TITLE, slug="paper-ar")
    assert page.url.startswith("/ar/")
    soup = html_of(client, page.url)
    assert soup.html["dir"] == "rtl"
    assert soup.select_one(".paper-chart svg")["direction"] == "rtl"
    response, content = get_pdf(client, page.url + "pdf/")
    assert "-ar.pdf" in response["Content-Disposition"]
    text = pdf_text(content, tmp_path)
    assert ARABIC_TITLE in " ".join(text.split())


@needs_poppler
def test_french_pdf(client, region_page, tmp_path):
    french = Locale.objects.get(language_code="fr")
    parent = region_page.copy_for_translation(french)
    parent.save_revision().publish()
    post = contribute("Les voies régulières doivent être élargies.", language="fr", objectives=(5,))
    generation = freeze(parent, [post], language="fr")
    page = make_paper(parent, generation, [post], title="Mobilité de la main-d'œuvre", slug="mobilite")
    _response, content = get_pdf(client, page.url + "pdf/")
    text = " ".join(pdf_text(content, tmp_path).split())
    assert "Mobilité de la main-d" in text and "œuvre" in text
    assert "Fondé sur" in text or "1 contribution" in text


def test_editors_preview_a_draft_as_pdf(rf, staff_user, region_page):
    """Wagtail's preview (reached only by those who may edit the page) offers the PDF too."""
    post = contribute("Draft material.", objectives=(5,))
    page = make_paper(region_page, freeze(region_page, [post]), [post], live=False, slug="draft")
    assert ("pdf", "PDF") in [(mode, str(label)) for mode, label in page.preview_modes]
    request = rf.get("/admin/")
    request.user = staff_user
    draft = page.get_latest_revision_as_object()
    response = draft.serve_preview(request, "pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
