"""A generated paper from end to end: generated, published, read, printed
and downloaded — in English and in Arabic — and a long paper's PDF drawn by
the task worker instead of the request."""

import csv
import html
import io
import re
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale

from hub.models import AnalysisPaperPage, GenerationStatus
from hub.papers import generate, tasks
from tests.page_tree import add_region_page, english_home
from tests.poppler import needs_poppler
from tests.search_corpus import closed_forum, contribute
from tests.test_papers_output import pdf_text

pytestmark = [
    pytest.mark.django_db,
]

ARAB = "arab-states"
ARABIC_TITLE = "ما قاله أصحاب المصلحة في فضاء الدول العربية"


@pytest.fixture
def region_page():
    return add_region_page(english_home(), ARAB)


@pytest.fixture
def contributions():
    visible = [
        contribute(
            "We recommend that recruitment fees be paid by employers, never by migrant workers.",
            kind="recommendation",
            objectives=(6,),
            group="trade-unions",
            country="JO",
            created=datetime(2024, 2, 1, tzinfo=UTC),
        ),
        contribute(
            "نوصي بضمان وصول جميع المهاجرين إلى الرعاية الصحية الأساسية دون خوف من الترحيل.",
            kind="recommendation",
            language="ar",
            objectives=(15,),
            group="civil-society",
            country="LB",
            created=datetime(2024, 3, 1, tzinfo=UTC),
        ),
        contribute(
            "Our city pledges to open a one-stop centre for newly arrived migrants.",
            kind="pledge",
            objectives=(15, 16),
            group="local-authorities",
            country="TN",
            created=datetime(2024, 4, 1, tzinfo=UTC),
        ),
    ]
    hidden = [
        contribute("A held post about recruitment fees.", objectives=(6,), approved=False),
        contribute("Staff notes on recruitment fees.", objectives=(6,), forum=closed_forum()),
    ]
    return visible, hidden


def generated(region_page, *, title="What the Arab States space said", language="en", on_commit=None):
    generation = generate.start(
        region_page=region_page, title=title, language=language, query=f"region={ARAB}"
    )
    generation = generate.run(generation)
    assert generation.status == GenerationStatus.FINISHED, generation.error
    page = AnalysisPaperPage.objects.get(pk=generation.page.pk)
    if on_commit is None:
        page.save_revision().publish()
    else:
        with on_commit(execute=True):
            page.save_revision().publish()
    page.refresh_from_db()
    return generation, page


@needs_poppler
def test_a_published_generated_paper_reads_prints_and_downloads(region_page, contributions, tmp_path):
    visible, hidden = contributions
    generation, page = generated(region_page)
    client = Client()
    text = client.get(page.url).content.decode()
    assert "Based on 3 contributions, as of" in text
    # Every quotation and listed contribution links to a visible contribution that shows its words.
    links = set(re.findall(r'href="([^"]*\?post=(\d+)[^"]*)"', text))
    assert {int(post_id) for _url, post_id in links} == {post.pk for post in visible}
    for url, post_id in links:
        shown = client.get(html.unescape(url))
        assert shown.status_code == 200
        words = next(post.content.raw for post in visible if post.pk == int(post_id))
        assert words[:40] in shown.content.decode()
    for post in hidden:
        assert post.content.raw not in text
    # The CSV holds the frozen set, no more.
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(client.get(f"{page.url}contributions/csv/").streaming_content).decode("utf-8-sig")
            )
        )
    )
    assert sorted(int(row[0]) for row in rows[1:]) == sorted(post.pk for post in visible)
    assert len(rows) - 1 == page.contribution_count == generation.contribution_count
    # The PDF: the title as text, every page drawable.
    response = client.get(f"{page.url}pdf/")
    assert response["Content-Type"] == "application/pdf"
    printed = pdf_text(b"".join(response.streaming_content), tmp_path)
    assert "What the Arab States space said" in printed
    assert "one-stop centre" in printed and "held post" not in printed


@needs_poppler
def test_an_arabic_paper_prints_its_title_as_arabic_text(region_page, contributions, tmp_path):
    arabic_region = region_page.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic_region.save_revision().publish()
    _generation, page = generated(region_page, title=ARABIC_TITLE, language="ar")
    assert page.locale.language_code == "ar" and page.get_parent().pk == arabic_region.pk
    response = Client().get(f"{page.url}pdf/")
    assert response.status_code == 200
    printed = pdf_text(b"".join(response.streaming_content), tmp_path)
    assert ARABIC_TITLE in printed
    # Its address is printed as read, not as percent escapes.
    assert "%D9" not in printed


@needs_poppler
def test_a_long_papers_pdf_is_drawn_by_the_worker(
    region_page, contributions, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PAPER_PDF_INLINE_MAX_CONTRIBUTIONS = 2
    # Publishing queues the drawing once the page is committed.
    _generation, page = generated(region_page, on_commit=django_capture_on_commit_callbacks)
    drawings = DBTaskResult.objects.filter(task_path="hub.papers.tasks.draw_pdf")
    assert drawings.count() == 1
    client = Client()
    response = client.get(f"{page.url}pdf/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "The PDF is being prepared" in response.content.decode()
    assert drawings.count() == 1  # asked again: not queued twice
    tasks.draw_pdf.call(page.pk)
    response = client.get(f"{page.url}pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "What the Arab States space said" in pdf_text(b"".join(response.streaming_content), tmp_path)


def french(page):
    """Every translatable string of ``page`` as wagtail-localize segments it, marked as French."""
    from wagtail_localize.models import StringSegment, TranslationSource

    source, _created = TranslationSource.update_or_create_from_instance(page)
    segments = StringSegment.objects.filter(source=source).exclude(context__path="slug")
    return {s.string.data: f"FR {s.string.data}" for s in segments.select_related("string")}


@needs_poppler
def test_a_generated_paper_translates_with_wagtail_localize(
    region_page, contributions, tmp_path, django_capture_on_commit_callbacks
):
    from hub.translation import translate_page

    visible, _hidden = contributions
    _generation, page = generated(region_page)
    # One commit each, as in the admin: wagtail-localize publishes on commit.
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(region_page, "fr", french(region_page))
    with django_capture_on_commit_callbacks(execute=True):
        translated = translate_page(page, "fr", french(page)).specific
    translated.refresh_from_db()
    assert translated.locale.language_code == "fr" and translated.live
    # What the analyst wrote is translated; the frozen set it rests on is the same.
    assert translated.title == "FR What the Arab States space said"
    assert translated.generation_id == page.generation_id
    assert translated.contribution_query == page.contribution_query == "region=arab-states"
    client = Client()
    text = client.get(translated.url).content.decode()
    assert '<html lang="fr"' in text
    assert "FR Contributions by stakeholder group" in text
    # The recommendations and pledges listed come from the frozen set, in the French page too.
    assert "one-stop centre" in text and f"post={visible[0].pk}" in text
    response = client.get(f"{translated.url}pdf/")
    assert "FR What the Arab States space said" in pdf_text(b"".join(response.streaming_content), tmp_path)


PUBLIC_ROOT = "https://migration-hub.example.org"


def article_text(response):
    """The paper's words as the page shows them (not the site's menus and footer)."""
    return BeautifulSoup(response.content, "html.parser").select_one("article.analysis-paper").get_text(" ")


def test_the_printed_paper_links_the_sites_public_address(region_page, contributions, settings, tmp_path):
    """Drawn by the worker (a request to the Site's hostname, localhost) or in a
    request, the PDF's addresses are the public ones, as in the site's e-mails."""
    settings.WAGTAILADMIN_BASE_URL = f"{PUBLIC_ROOT}/"
    settings.PAPER_PDF_INLINE_MAX_CONTRIBUTIONS = 2
    _generation, page = generated(region_page)
    tasks.draw_pdf.call(page.pk)
    response = Client().get(f"{page.url}pdf/")
    assert response.status_code == 200
    printed = " ".join(pdf_text(b"".join(response.streaming_content), tmp_path).split())
    assert f"Online: {PUBLIC_ROOT}{page.url}" in printed
    assert f"{PUBLIC_ROOT}/en/search/?region={ARAB}" in printed
    assert "localhost" not in printed and "testserver" not in printed


def test_the_wording_follows_the_papers_state(region_page, contributions, rf, staff_user, tmp_path):
    """A published paper never calls itself a draft; a draft's preview says it is one."""
    generation = generate.run(
        generate.start(region_page=region_page, title="What was said", language="en", query=f"region={ARAB}")
    )
    draft = AnalysisPaperPage.objects.get(pk=generation.page.pk)
    request = rf.get("/admin/")
    request.user = staff_user
    preview = draft.get_latest_revision_as_object()
    for mode in ("", "pdf"):
        response = preview.serve_preview(request, mode)
        shown = pdf_text(response.content, tmp_path / "draft") if mode else article_text(response.render())
        assert "Draft, not published yet" in " ".join(shown.split())
        assert "Published " not in shown
    draft.save_revision().publish()
    client = Client()
    text = article_text(client.get(draft.url))
    assert "Published " in text and "Draft, not published yet" not in text
    printed = pdf_text(b"".join(client.get(f"{draft.url}pdf/").streaming_content), tmp_path)
    for shown in (text, printed):
        assert "draft" not in " ".join(shown.split()).lower()
        assert "This paper rests on 3 contributions" in " ".join(shown.split())
