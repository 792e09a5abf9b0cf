"""The printed paper as a reader leafs through it: the 1,000-contribution
benchmark paper (built as tests/benchmarks/paper_generation.py builds it),
in English and in Arabic, has no page left mostly empty and nothing drawn
over something else — read from the rendered file with poppler's
``pdftotext -bbox-layout`` and from WeasyPrint's laid-out boxes; and a long
paper's recurring terms are themes, not filler."""

import shutil
import subprocess
from pathlib import Path

import pytest
from wagtail.models import Locale

from forum.seeding import seed_contributions
from hub.models import AnalysisPaperPage, GenerationStatus
from hub.papers import generate, pdf
from tests import pdf_layout
from tests.benchmarks.paper_generation import gather_in_one_space, region_page

pytestmark = pytest.mark.django_db

CONTRIBUTIONS = 1_000
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "paper-pdf"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def benchmark_paper(language):
    """The benchmark's paper: every contribution of a seeded forum, gathered in one space, published."""
    seed_contributions(CONTRIBUTIONS, seed=7)
    gather_in_one_space()
    parent = region_page()
    if language != "en":
        parent = parent.copy_for_translation(Locale.objects.get(language_code=language))
        parent.save_revision().publish()
    generation = generate.run(
        generate.start(
            region_page=parent,
            title=f"Benchmark paper ({CONTRIBUTIONS:,})",
            language=language,
            query="region=arab-states",
        )
    )
    assert generation.status == GenerationStatus.FINISHED, generation.error
    assert generation.contribution_count == CONTRIBUTIONS
    page = AnalysisPaperPage.objects.get(pk=generation.page.pk)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_benchmark_papers_pdf_fills_its_pages_and_draws_nothing_over_anything(language, tmp_path):
    pdf_layout.pdftotext()  # skips where poppler-utils is missing, before the long part
    page = benchmark_paper(language)
    # Laid out as the task worker lays it out when the page is published.
    document = pdf.render_document(pdf.site_request(page), page)
    assert pdf_layout.overlapping_boxes(document) == []  # e.g. a second row of key figures over the first
    path = tmp_path / "paper.pdf"
    document.write_pdf(path)
    pages = pdf_layout.text_pages(path)
    assert len(pages) > 20
    shares = [round(pdf_layout.used_share(height, lines), 2) for height, lines in pages]
    # No page but the last is left two-thirds empty (a heading alone, a chart pushed on).
    assert [(number, share) for number, share in enumerate(shares[:-1], 1) if share < 1 / 3] == []
    for number, (_height, lines) in enumerate(pages, 1):
        assert pdf_layout.overlapping_words(lines) == [], f"page {number}"
    save_pages(path, language)


def save_pages(path, language, last=8):
    """The first pages as pictures under test-artifacts/, for people to look at."""
    if pdftoppm := shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        prefix = ARTIFACTS / f"benchmark-{language}"
        subprocess.run([pdftoppm, "-png", "-r", "50", "-l", str(last), str(path), str(prefix)], check=True)
