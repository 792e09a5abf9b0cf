"""Every page type: where it may be created, that it routes and renders what
an editor entered, and the extra addresses (feeds, calendar file) it serves."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from hub.models import (
    AnalysisPaperPage,
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    RegionPage,
    RoadmapPage,
    StandardPage,
)
from tests import page_tree


class PageTreeRules(WagtailPageTestCase):
    def test_home_page_holds_the_sections(self):
        self.assertAllowedSubpageTypes(
            HomePage, {RegionPage, RoadmapPage, NewsIndexPage, EventIndexPage, StandardPage}
        )
        self.assertCanCreateAt(Page, HomePage)

    def test_regions_hold_papers_and_pages(self):
        self.assertAllowedSubpageTypes(RegionPage, {AnalysisPaperPage, StandardPage})
        self.assertAllowedParentPageTypes(RegionPage, {HomePage})

    def test_papers_only_under_a_region(self):
        self.assertAllowedParentPageTypes(AnalysisPaperPage, {RegionPage})
        self.assertCanNotCreateAt(HomePage, AnalysisPaperPage)
        self.assertCanNotCreateAt(NewsIndexPage, AnalysisPaperPage)

    def test_news_and_events_live_in_their_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(RegionPage, EventPage)

    def test_roadmap_sits_under_home_with_no_children(self):
        self.assertAllowedParentPageTypes(RoadmapPage, {HomePage})
        self.assertAllowedSubpageTypes(RoadmapPage, set())


class PagesRender(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = page_tree.english_home()
        cls.region_page = page_tree.add_region_page(home)
        cls.roadmap = page_tree.add_roadmap(home)
        cls.news_index = page_tree.add_news_index(home)
        cls.news = page_tree.add_news(cls.news_index, 2)
        cls.event_index = page_tree.add_event_index(home)
        cls.event = page_tree.add_event(cls.event_index)
        cls.paper = page_tree.add_paper(cls.region_page)
        cls.standard = page_tree.add_standard(home)

    def test_every_page_routes_and_renders(self):
        for page in [
            self.region_page,
            self.roadmap,
            self.news_index,
            self.news[0],
            self.event_index,
            self.event,
            self.paper,
            self.standard,
        ]:
            with self.subTest(page=type(page).__name__):
                # Wagtail's assertPageIsRoutable does not know the language
                # prefix i18n_patterns adds, so route through the real URL.
                response = self.client.get(page.url)
                assert response.status_code == 200
                assert response.context["page"] == page
                self.assertPageIsRenderable(page)

    def test_roadmap_shows_dates_as_precisely_as_known(self):
        html = self.client.get(self.roadmap.url).content.decode()
        assert "8 or 11 March 2024 (to be confirmed)" in html
        assert "late 2023" in html
        assert "October 2023 – December 2024" in html
        assert "held 3–4 July 2024" in html
        assert "27 September 2023" in html  # as of

    def test_roadmap_shows_what_feeds_what(self):
        timeline = self.roadmap.timeline()
        pre = next(m for m in timeline if m.kind == "pre-consultation" and m.region.slug == "europe")
        assert [m.kind for m in pre.feeds] == ["consultation"]
        assert pre.feeds[0].region.slug == "europe"
        html = self.client.get(self.roadmap.url).content.decode()
        assert "Feeds into:" in html

    def test_region_page_lists_its_milestones_and_papers(self):
        html = self.client.get(self.region_page.url).content.decode()
        assert "Multi-stakeholder consultation" in html
        assert "Geneva" in html
        assert self.paper.title in html

    def test_home_shows_each_regions_step_and_latest_news(self):
        html = self.client.get("/en/").content.decode()
        assert "The review cycle at a glance" in html
        assert "Regional review" in html
        assert self.news[1].title in html
        assert self.region_page.title in html

    def test_menu_lists_sections_marked_for_menus(self):
        html = self.client.get("/en/").content.decode()
        assert f'href="{self.news_index.url}"' in html
        assert f'href="{self.standard.url}"' in html

    def test_breadcrumbs_lead_back_home(self):
        html = self.client.get(self.paper.url).content.decode()
        assert 'aria-label="Breadcrumb"' in html
        assert f'href="{self.region_page.url}"' in html

    def test_event_shows_its_times_and_languages(self):
        html = self.client.get(self.event.url).content.decode()
        assert "23 February 2021" in html
        assert "10:00–15:00 Africa/Cairo (UTC+02:00)" in html
        assert "Arabic" in html and "French" in html
        assert "45 minutes" in html
        assert "Taking the floor" in html  # logistics section titled by its topic

    def test_event_calendar_file(self):
        response = self.client.get(self.event.url + "calendar/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        body = response.content.decode()
        assert "SUMMARY:Multi-stakeholder consultation" in body
        assert "DTSTART;TZID=Africa/Cairo:20210223T100000" in body
        assert "DTEND;TZID=Africa/Cairo:20210223T150000" in body
        assert "BEGIN:VTIMEZONE" in body

    def test_news_feeds(self):
        rss = self.client.get(self.news_index.url + "rss/")
        assert rss.status_code == 200
        assert b"<rss" in rss.content and b"Story 1" in rss.content
        atom = self.client.get(self.news_index.url + "atom/")
        assert b'<feed xml:lang="en" xmlns="http://www.w3.org/2005/Atom">' in atom.content

    def test_news_filter_by_region(self):
        europe_story = page_tree.add_news(
            self.news_index, 1, regions=("europe",), start=datetime.date(2023, 5, 1), title="Geneva story"
        )[0]
        html = self.client.get(self.news_index.url, {"region": "europe"}).content.decode()
        assert europe_story.title in html
        assert self.news[0].title not in html
        unknown = self.client.get(self.news_index.url, {"region": "<script>"})
        assert unknown.status_code == 200
        assert europe_story.title in unknown.content.decode()

    def test_paper_links_to_its_contributions(self):
        html = self.client.get(self.paper.url).content.decode()
        assert "120 contributions" in html
        assert "/en/search/?space=arab-states" in html


@pytest.mark.django_db
def test_event_refuses_impossible_times():
    event = EventPage(
        title="x",
        slug="x",
        kind="briefing",
        event_format="virtual",
        starts_on=datetime.date(2024, 7, 3),
        ends_on=datetime.date(2024, 7, 2),
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "ends_on" in error.value.message_dict
    event.ends_on = None
    event.start_time, event.end_time = datetime.time(15), datetime.time(10)
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "end_time" in error.value.message_dict


class SiteSearchFindsPages(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = page_tree.english_home()
        cls.event = page_tree.add_event(page_tree.add_event_index(home), venue="Palais des Nations")

    def test_pages_are_found_by_their_fields_in_the_visitors_language(self):
        html = self.client.get("/en/search/", {"q": "Palais"}).content.decode()
        assert self.event.title in html
        html = self.client.get("/fr/search/", {"q": "Palais"}).content.decode()
        assert self.event.title not in html  # no French translation yet


class EditorsCreatePages(WagtailPageTestCase):
    """What an editor does in the Wagtail admin: forms accept honest dates,
    interpretation languages and agendas, and refuse impossible ones."""

    @classmethod
    def setUpTestData(cls):
        from django.contrib.auth import get_user_model

        cls.editor = get_user_model().objects.create_superuser(
            "editor", "editor@example.org", "pass-phrase-2024"
        )
        cls.home = page_tree.english_home()
        cls.event_index = page_tree.add_event_index(cls.home)

    def setUp(self):
        self.client.force_login(self.editor)

    def roadmap_form(self, milestone):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

        return nested_form_data(
            {
                "title": "Roadmap 2027–2028",
                "slug": "roadmap-2027",
                "as_of": "2026-11-01",
                "summary": "",
                "body": streamfield([]),
                "phases": inline_formset([]),
                "milestones": inline_formset([milestone]),
            }
        )

    def test_editor_creates_a_roadmap_with_a_tentative_alternative_date(self):
        milestone = {
            "region": str(page_tree.region("europe").pk),
            "kind": "consultation",
            "title": "",
            "date_precision": "alternatives",
            "date_start": "2028-03-08",
            "date_end": "2028-03-11",
            "date_week": "",
            "date_part": "",
            "date_tentative": "on",
            "held_start": "",
            "held_end": "",
            "location": "Geneva",
            "note": "",
            "event": "",
        }
        self.assertCanCreate(self.home, RoadmapPage, self.roadmap_form(milestone))
        roadmap = RoadmapPage.objects.get(slug="roadmap-2027")
        assert str(roadmap.milestones.get().when) == "8 or 11 March 2028 (to be confirmed)"

    def test_editor_is_told_what_is_missing_from_a_date(self):
        from django.urls import reverse

        milestone = {
            "region": "",
            "kind": "review",
            "title": "",
            "date_precision": "alternatives",
            "date_start": "2028-03-08",
            "date_end": "",
            "date_week": "",
            "date_part": "",
            "held_start": "",
            "held_end": "",
            "location": "",
            "note": "",
            "event": "",
        }
        url = reverse("wagtailadmin_pages:add", args=("hub", "roadmappage", self.home.pk))
        response = self.client.post(url, self.roadmap_form(milestone))
        assert response.status_code == 200  # the form again, with what was typed
        assert not RoadmapPage.objects.filter(slug="roadmap-2027").exists()
        html = response.content.decode()
        assert "2028-03-08" in html
        assert response.context["form"].formsets["milestones"].errors[0]["date_end"]

    def test_editor_creates_an_event_in_its_own_time_zone(self):
        from wagtail.test.utils.form_data import nested_form_data, streamfield

        data = nested_form_data(
            {
                "title": "Briefing on the review",
                "slug": "briefing-2027",
                "kind": "briefing",
                "region": "",
                "starts_on": "2027-02-23",
                "start_time": "10:00",
                "ends_on": "",
                "end_time": "15:00",
                "time_zone": "Asia/Beirut",
                "event_format": "hybrid",
                "venue": "UN House",
                "registration_deadline": "2027-02-05",
                "registration_url": "",
                "summary": "",
                "body": streamfield([]),
                "agenda": streamfield([]),
                "logistics": streamfield([]),
            }
        )
        data["interpretation_languages"] = ["ar", "fr"]  # checkboxes: one key, several values
        self.assertCanCreate(self.event_index, EventPage, data)
        event = EventPage.objects.get(slug="briefing-2027")
        assert event.interpretation_languages == ["ar", "fr"]
        assert event.ends_on == event.starts_on
        assert event.starts_at.isoformat() == "2027-02-23T10:00:00+02:00"


class BlockPreviews(WagtailPageTestCase):
    """The block picker shows each block rendered with the site's styles."""

    def test_blocks_preview_with_site_styles(self):
        from django.contrib.auth import get_user_model
        from django.urls import reverse

        editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pass-phrase-2024")
        self.client.force_login(editor)
        story = StandardPage.body.field.stream_block.child_blocks
        for name in ("key_figures", "agenda", "quotation", "chart", "guiding_questions", "call_to_action"):
            with self.subTest(block=name):
                response = self.client.get(
                    reverse("wagtailadmin_block_preview"), {"id": story[name].definition_prefix}
                )
                assert response.status_code == 200
                assert "hub/css/site.css" in response.content.decode()
        response = self.client.get(
            reverse("wagtailadmin_block_preview"), {"id": story["key_figures"].definition_prefix}
        )
        assert "200+" in response.content.decode()


class NewsEditorForm(WagtailPageTestCase):
    """The news story form as an editor meets it: tags in the page's language,
    and a slug taken by a forgotten draft named with a way to it."""

    @classmethod
    def setUpTestData(cls):
        from django.contrib.auth import get_user_model

        from hub.translation import translate_page

        cls.editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pass-2024")
        cls.index = page_tree.add_news_index(page_tree.english_home())
        cls.arabic_index = translate_page(cls.index, "ar", {"News": "الأخبار"}, publish=False)

    def setUp(self):
        self.client.force_login(self.editor)

    def add_form(self, index):
        from django.urls import reverse

        return reverse("wagtailadmin_pages:add", args=("hub", "newspage", index.pk))

    def offered(self, html, name):
        page = BeautifulSoup(html, "html.parser")
        return [option.get_text(strip=True) for option in page.select(f"select[name={name}] option")] or [
            label.get_text(strip=True)
            for label in page.select(f"[name={name}]")
            if label.get("type") == "checkbox"
        ]

    def test_english_story_offers_the_english_regions_and_objectives_once(self):
        html = self.client.get(self.add_form(self.index)).content.decode()
        regions = self.offered(html, "regions")
        assert len(regions) == 5 and "Arab States" in regions
        assert "الدول العربية" not in regions
        assert len(self.offered(html, "objectives")) == 23

    def test_arabic_story_offers_the_arabic_regions(self):
        regions = self.offered(self.client.get(self.add_form(self.arabic_index)).content.decode(), "regions")
        assert len(regions) == 5 and "الدول العربية" in regions

    def test_a_slug_held_by_a_draft_names_the_draft(self):
        from django.urls import reverse
        from wagtail.test.utils.form_data import nested_form_data, streamfield

        draft = NewsPage(title="Amman meeting (first try)", slug="amman-meeting", live=False)
        self.index.add_child(instance=draft)
        data = nested_form_data(
            {
                "title": "Amman meeting",
                "slug": "amman-meeting",
                "date": "2026-11-30",
                "place": "",
                "summary": "",
                "body": streamfield([]),
            }
        )
        response = self.client.post(self.add_form(self.index), data)
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        link = page.find(
            "a", href=reverse("wagtailadmin_pages:edit", args=[draft.pk]), string="Open that draft"
        )
        assert link is not None
        assert (
            "unpublished draft" in link.parent.get_text()
            and "Amman meeting (first try)" in link.parent.get_text()
        )

    def test_arabic_roadmap_milestones_offer_the_arabic_regions(self):
        from django.urls import reverse

        arabic_home = HomePage.objects.get(locale__language_code="ar")
        url = reverse("wagtailadmin_pages:add", args=("hub", "roadmappage", arabic_home.pk))
        form = self.client.get(url).context["form"]
        regions = form.formsets["milestones"].empty_form.fields["region"].queryset
        assert {r.locale.language_code for r in regions} == {"ar"} and regions.count() == 5

    def test_arabic_events_region_chooser_opens_on_the_arabic_regions(self):
        from django.urls import reverse

        from hub.translation import translate_page

        arabic_events = translate_page(
            page_tree.add_event_index(page_tree.english_home()), "ar", {"Events": "الفعاليات"}, publish=False
        )
        form_html = self.client.get(
            reverse("wagtailadmin_pages:add", args=("hub", "eventpage", arabic_events.pk))
        ).content.decode()
        chooser = BeautifulSoup(form_html, "html.parser").select_one("[data-chooser-url*='region']") or (
            BeautifulSoup(form_html, "html.parser").select_one("[data-w-chooser-url-value*='region']")
        )
        url = chooser.get("data-chooser-url") or chooser.get("data-w-chooser-url-value")
        assert "locale=ar" in url
        listing = self.client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").json()["html"]
        assert "الدول العربية" in listing and "Arab States" not in listing
