"""The demo content ``make run`` loads: every page in English, Arabic and French,
headings in the reader's language, honest dates on the roadmap, and a second
run that changes nothing.

The demo is loaded once for the module, inside a transaction that is rolled
back at the end, so the other test modules see the bare site again.
"""

import datetime
import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.utils import translation
from wagtail.models import Locale, Page, Revision

from hub.core.dates import DatePrecision, HonestDate, PartOfYear
from hub.demo_content.regions import discussion_space
from hub.models import EventPage, RegionPage, RoadmapPage

LANGUAGES = ("en", "ar", "fr")
ARABIC_LETTERS = re.compile("[\u0600-\u06ff]")

# A sample of the demo's pages, from the home page down, and the heading each shows in
# each language (every page's translations are checked below).
HEADINGS = {
    "": ("Migration Network Hub", "مركز الربط الشبكي المعني بالهجرة", "Pôle du Réseau sur les migrations"),
    "arab-states/": ("Arab States", "الدول العربية", "États arabes"),
    "europe/": ("Europe and North America", "أوروبا وأمريكا الشمالية", "Europe et Amérique du Nord"),
    "arab-states/analysis-of-contributions-2024/": (
        "What stakeholders told the Arab States space",
        "ما قاله أصحاب المصلحة في فضاء الدول العربية",
        "Ce que les parties prenantes ont dit dans l'espace des États arabes",
    ),
    "roadmap-2023-2024/": (
        "Roadmap 2023–2024: stakeholder engagement in the regional reviews",
        "خارطة الطريق 2023–2024: مشاركة أصحاب المصلحة في الاستعراضات الإقليمية",
        "Feuille de route 2023–2024 : la participation des parties prenantes aux examens régionaux",
    ),
    "news/": ("News", "الأخبار", "Actualités"),
    "news/second-arab-review-six-areas/": (
        "Second Arab regional review: six key areas on the agenda",
        "الاستعراض الإقليمي العربي الثاني: ستة مجالات رئيسية على جدول الأعمال",
        "Deuxième examen régional arabe : six domaines clés à l'ordre du jour",
    ),
    "events/": ("Events", "الفعاليات", "Événements"),
    "events/arab-states-review-2024/": (
        "Second regional review conference of the Global Compact for Migration in the Arab region",
        "المؤتمر الإقليمي الثاني لاستعراض الاتفاق العالمي للهجرة في المنطقة العربية",
        "Deuxième conférence régionale d'examen du Pacte mondial sur les migrations dans la région arabe",
    ),
    "about/": ("About the Hub", "عن المركز", "À propos du Pôle"),
}

# Section headings the templates add (UI strings, in the catalogue's words).
SECTIONS = {
    "": ["The review cycle at a glance", "The five regional spaces", "Latest news"],
    "arab-states/": ["Milestones of the review", "Analysis papers", "Member states"],
    "roadmap-2023-2024/": ["Phases", "The five regions side by side", "Timeline"],
    "events/": ["Past events"],
    "events/arab-states-review-2024/": ["Agenda", "Practical information"],
    "arab-states/analysis-of-contributions-2024/": ["Methodology"],
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The site after ``setup_site`` and ``load_demo``, rolled back after the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("load_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def keep_the_active_language():
    """Requests in other languages leave theirs active in the thread; restore it
    so later tests (and modules) run in the language they started in."""
    language = translation.get_language()
    yield
    translation.activate(language)


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def page_text(soup):
    return " ".join((soup.find("main") or soup).get_text(" ").split())


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", list(HEADINGS))
def test_every_page_shows_its_heading_in_its_language(demo, client, language, path):
    soup = get(client, f"/{language}/{path}")
    assert soup.html["lang"] == language
    assert soup.html["dir"] == ("rtl" if language == "ar" else "ltr")
    assert soup.h1.get_text(strip=True) == HEADINGS[path][LANGUAGES.index(language)]
    with translation.override(language):
        expected = [translation.gettext(section) for section in SECTIONS.get(path, [])]
    if language != "en" and expected:
        assert expected != SECTIONS[path], "untranslated section headings"
    headings = {h.get_text(" ", strip=True) for h in soup.select("main h2")}
    assert set(expected) <= headings


@pytest.mark.django_db
def test_every_demo_page_is_translated_and_published(demo):
    english = Page.objects.filter(locale__language_code="en", depth__gt=2).specific()
    assert english.count() == 21
    for page in english:
        assert page.live
        for language in ("ar", "fr"):
            translated = page.get_translation(Locale.objects.get(language_code=language)).specific
            assert translated.live, translated.url_path
            assert translated.title != page.title, translated.url_path
            if getattr(page, "summary", ""):
                assert translated.summary and translated.summary != page.summary, translated.url_path
            if language == "ar":
                assert ARABIC_LETTERS.search(translated.title), translated.url_path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        ("ar", ["أسئلة لفضاء المناقشة", "الاستعراض في المنطقة العربية", "الاستعراض الأول عام 2021 بالأرقام"]),
        ("fr", ["Questions pour l'espace de discussion", "L'examen dans la région arabe", "en chiffres"]),
    ],
)
def test_region_body_is_written_in_the_language(demo, client, language, phrases):
    text = page_text(get(client, f"/{language}/arab-states/"))
    for phrase in phrases:
        assert phrase in text
    assert "The review in the Arab region" not in text


@pytest.mark.django_db
def test_arabic_event_keeps_its_programme_and_languages(demo, client):
    event = EventPage.objects.get(slug="arab-states-review-2024", locale__language_code="ar")
    assert event.interpretation_languages == ["ar", "en", "fr"]
    assert event.region.locale.language_code == "ar"
    sessions = [session for day in event.agenda for session in day.value["sessions"]]
    assert len(sessions) == 11
    assert sessions[0]["start"] == datetime.time(9, 0) and sessions[0]["title"] == "الجلسة الافتتاحية"
    text = page_text(get(client, event.url))
    assert "الجلسة العامة السادسة" in text
    assert "ترجمة فورية إلى العربية والإنجليزية والفرنسية" in text


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_roadmap_shows_honest_dates(demo, client, language):
    text = page_text(get(client, f"/{language}/roadmap-2023-2024/"))

    def written(**date):
        return HonestDate(**date).format(language)

    expected = [
        # one of two days, to be confirmed (Europe's consultation)
        written(
            precision=DatePrecision.ALTERNATIVES,
            start=datetime.date(2024, 3, 8),
            end=datetime.date(2024, 3, 11),
            tentative=True,
        ),
        # a week of a month (Latin America and the Caribbean)
        written(precision=DatePrecision.WEEK_OF_MONTH, start=datetime.date(2024, 11, 1), week=3),
        # part of a year (Asia-Pacific's two pre-consultations)
        written(precision=DatePrecision.PART_OF_YEAR, start=datetime.date(2024, 9, 1), part=PartOfYear.LATE),
        # a month, and the days it was actually held (the Arab review)
        written(precision=DatePrecision.MONTH, start=datetime.date(2024, 6, 1)),
        written(precision=DatePrecision.DAYS, start=datetime.date(2024, 7, 3), end=datetime.date(2024, 7, 4)),
        # a range of months (the pre-consultations phase)
        written(
            precision=DatePrecision.MONTHS, start=datetime.date(2023, 10, 1), end=datetime.date(2024, 12, 1)
        ),
        written(precision=DatePrecision.YEAR, start=datetime.date(2025, 1, 1)),
    ]
    for date in expected:
        assert date in text, date
    # The same dates as the catalogues write them.
    literal = {
        "en": [
            "8 or 11 March 2024 (to be confirmed)",
            "third week of November 2024",
            "late 2024",
            "3–4 July 2024",
        ],
        "ar": [
            "8 أو 11 آذار/مارس 2024 (قيد التأكيد)",
            "الأسبوع الثالث من تشرين الثاني/نوفمبر 2024",
            "أواخر 2024",
        ],
        "fr": ["8 ou 11 mars 2024 (à confirmer)", "troisième semaine de novembre 2024", "fin 2024"],
    }
    for date in literal[language]:
        assert date in text, date


@pytest.mark.django_db
def test_roadmap_links_milestones_to_events_in_the_same_language(demo, client):
    for language in LANGUAGES:
        roadmap = RoadmapPage.objects.get(slug="roadmap-2023-2024", locale__language_code=language)
        linked = [m for m in roadmap.milestones.select_related("event") if m.event_id]
        assert len(linked) == 3
        assert {m.event.locale.language_code for m in linked} == {language}
        soup = get(client, roadmap.url)
        hrefs = {a["href"] for a in soup.select("main a") if "/events/" in a["href"]}
        assert hrefs == {
            f"/{language}/events/{slug}/"
            for slug in (
                "europe-pre-consultation-2023",
                "arab-states-consultation-2024",
                "arab-states-review-2024",
            )
        }
    # Two pre-consultations feed Asia-Pacific's one consultation.
    timeline = RoadmapPage.objects.get(slug="roadmap-2023-2024", locale__language_code="en").timeline()
    feeding = [m for m in timeline if m.region_id and m.region.slug == "asia-pacific" and m.feeds]
    assert sorted(m.kind for m in feeding) == ["consultation", "pre-consultation", "pre-consultation"]


@pytest.mark.django_db
def test_menu_order_and_links_follow_the_language(demo, client):
    for language in LANGUAGES:
        soup = get(client, f"/{language}/news/roadmap-2023-2024-agreed/")
        menu = [a["href"] for a in soup.select("#site-nav .navbar-nav.me-auto a.nav-link")]
        sections = [f"/{language}/{slug}/" for slug in ("roadmap-2023-2024", "events", "news", "about")]
        assert menu[: len(sections)] == sections
        call_to_action = soup.select_one(".call-to-action a")
        assert call_to_action["href"] == f"/{language}/roadmap-2023-2024/"


@pytest.mark.django_db
def test_running_again_changes_nothing(demo):
    pages = list(Page.objects.order_by("pk").values_list("pk", "path", "latest_revision_id", "live"))
    revisions = Revision.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "already there" in out.getvalue()
    assert list(Page.objects.order_by("pk").values_list("pk", "path", "latest_revision_id", "live")) == pages
    assert Revision.objects.count() == revisions


@pytest.mark.django_db
def test_region_pages_made_before_the_spaces_get_them_later(demo, client):
    from machina.core.db.models import get_model

    forum_model = get_model("forum", "Forum")
    space = discussion_space("africa") or forum_model.objects.create(
        name="Africa", slug="africa", type=forum_model.FORUM_POST
    )
    RegionPage.objects.filter(slug="africa").update(discussion_space=None)
    call_command("load_demo", verbosity=0)
    versions = RegionPage.objects.filter(slug="africa")
    assert versions.count() == 3
    assert {page.discussion_space_id for page in versions} == {space.pk}
    for page in versions:
        assert page.get_latest_revision_as_object().discussion_space_id == space.pk
    soup = get(client, "/fr/africa/")
    assert soup.select_one("#space-heading").find_next("a")["href"].startswith("/fr/forum/")


@pytest.mark.django_db
def test_load_demo_needs_the_site_set_up_first(demo):
    from django.core.management.base import CommandError

    from hub.models import HomePage

    HomePage.objects.filter(locale__language_code="fr").delete()
    with pytest.raises(CommandError, match="setup_site"):
        call_command("load_demo", verbosity=0)
