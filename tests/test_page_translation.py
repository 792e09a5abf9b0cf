"""Pages translated with wagtail-localize: Arabic renders right to left, and
snippet links follow the language."""

from bs4 import BeautifulSoup
from django.test import TestCase
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from hub.models import NewsPage
from hub.translation import translate_page
from tests import page_tree


class TranslatedPages(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = page_tree.english_home()
        cls.region_page = page_tree.add_region_page(home, "arab-states")
        cls.region_page.title = "Arab States"
        cls.region_page.summary = "The Arab regional review and its discussion space."
        cls.region_page.save_revision().publish()

    def translate(self, language, title, summary):
        with self.captureOnCommitCallbacks(execute=True):
            return translate_page(
                self.region_page,
                language,
                {"Arab States": title, "The Arab regional review and its discussion space.": summary},
            )

    def test_arabic_translation_renders_right_to_left(self):
        arabic = self.translate("ar", "الدول العربية", "الاستعراض الإقليمي العربي وفضاء المناقشة الخاص به.")
        assert arabic.url == "/ar/arab-states/"
        response = self.client.get(arabic.url)
        page = BeautifulSoup(response.content, "html.parser")
        assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
        assert page.h1.get_text() == "الدول العربية"
        assert "الاستعراض الإقليمي العربي" in page.select_one(".lead").get_text()
        # The Arabic page's region is the Arabic row of the same term.
        assert arabic.specific.region.locale.language_code == "ar"
        assert arabic.specific.region.translation_key == self.region_page.region.translation_key

    def test_language_switcher_links_the_translations(self):
        self.translate("fr", "États arabes", "L'examen régional arabe et son espace de discussion.")
        page = BeautifulSoup(self.client.get("/fr/arab-states/").content, "html.parser")
        links = {a["hreflang"]: a["href"] for a in page.select(".language-switcher a")}
        assert links["en"] == "/en/arab-states/"
        assert links["ar"] == "/ar/"  # not translated into Arabic yet: that language's home


class TranslatedRoadmapLinks(TestCase):
    """Copied milestones still point at the source-language event page; an
    Arabic reader must land on the Arabic event."""

    @classmethod
    def setUpTestData(cls):
        home = page_tree.english_home()
        event = page_tree.add_event(page_tree.add_event_index(home))
        roadmap = page_tree.add_roadmap(home, regions=("arab-states",))
        consultation = roadmap.milestones.get(kind="consultation")
        consultation.event = event
        consultation.save()
        arabic = Locale.objects.get(language_code="ar")
        for page in (home.get_children().get(slug="events").specific, event, roadmap):
            page.copy_for_translation(arabic).save_revision().publish()

    def test_arabic_roadmap_links_the_arabic_event(self):
        page = BeautifulSoup(self.client.get("/ar/roadmap/").content, "html.parser")
        hrefs = {a["href"] for a in page.select("main a") if "events" in a["href"]}
        assert hrefs == {"/ar/events/consultation-2021/"}

    def test_arabic_milestones_name_the_arabic_regions(self):
        from hub.models import RoadmapPage

        arabic = RoadmapPage.objects.get(locale__language_code="ar")
        assert {m.region.locale.language_code for m in arabic.milestones.filter(region__isnull=False)} == {
            "ar"
        }
        assert "الدول العربية" in self.client.get("/ar/roadmap/").content.decode()

    def test_english_roadmap_links_the_english_event(self):
        page = BeautifulSoup(self.client.get("/en/roadmap/").content, "html.parser")
        hrefs = {a["href"] for a in page.select("main a") if "events" in a["href"]}
        assert hrefs == {"/en/events/consultation-2021/"}


class TranslationsWaitForTheirTranslator(TestCase):
    """*Translate this page* makes a draft in the target language: nothing of
    it shows in that language's tree until a translator publishes it."""

    @classmethod
    def setUpTestData(cls):
        from django.contrib.auth import get_user_model

        cls.editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pass-2024")
        home = page_tree.english_home()
        cls.index = page_tree.add_news_index(home)
        # Published here: wagtail-localize's own publication waits for a commit.
        translate_page(cls.index, "ar", {"News": "الأخبار"}, publish=False).get_latest_revision().publish()
        (cls.story,) = page_tree.add_news(cls.index, 1, title="Civil society meets in Amman")
        cls.arabic = Locale.objects.get(language_code="ar")

    def setUp(self):
        self.client.force_login(self.editor)

    def choose_translate_this_page(self):
        from django.urls import reverse

        url = reverse("wagtail_localize:submit_page_translation", args=[self.story.pk])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"locales": [self.arabic.pk]})
        assert response.status_code == 302
        return self.story.get_translation(self.arabic)

    def arabic_tree_texts(self):
        """Every public place an Arabic reader could meet the story."""
        return {
            url: self.client.get(url).content.decode()
            for url in (
                "/ar/",
                "/ar/news/",
                "/ar/news/rss/",
                "/ar/news/atom/",
                "/ar/search/?q=Amman",
                "/api/v2/pages/?locale=ar&fields=*",
            )
        }

    def test_translate_this_page_makes_a_draft(self):
        translation = self.choose_translate_this_page()
        assert not translation.live
        self.client.logout()
        for url, html in self.arabic_tree_texts().items():
            assert "Civil society meets in Amman" not in html, url
        assert self.client.get(translation.url).status_code == 404

    def test_the_translators_publication_shows_it_in_arabic(self):
        from django.urls import reverse
        from wagtail_localize.models import StringSegment, Translation

        translation_page = self.choose_translate_this_page()
        translation = Translation.objects.get(
            source__object_id=self.story.translation_key, target_locale=self.arabic
        )
        arabic_text = {
            "Civil society meets in Amman 0": "المجتمع المدني يجتمع في عمّان",
            "What happened on day 0.": "ما جرى في اليوم الأول.",
        }
        for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
            if segment.string.data in arabic_text:
                url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
                response = self.client.put(
                    url,
                    f"value={arabic_text[segment.string.data]}",
                    content_type="application/x-www-form-urlencoded",
                )
                assert response.status_code == 201
        edit = reverse("wagtailadmin_pages:edit", args=[translation_page.pk])
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(edit, {"action": "publish"})
        self.client.logout()
        news = self.client.get("/ar/news/").content.decode()
        assert "المجتمع المدني يجتمع في عمّان" in news
        assert "Civil society meets in Amman" not in news
        # Tagged with the Arabic row of the story's region, so the region filter finds it.
        published = NewsPage.objects.get(pk=translation_page.pk)
        assert [(r.slug, r.locale.language_code) for r in published.regions.all()] == [("arab-states", "ar")]
        assert (
            "المجتمع المدني يجتمع في عمّان" in self.client.get("/ar/news/?region=arab-states").content.decode()
        )

    def test_the_translation_follows_the_storys_tags_in_its_own_language(self):
        from django.urls import reverse

        translation = self.choose_translate_this_page()
        self.story.regions = [page_tree.region("europe")]
        self.story.save_revision().publish()
        # The editor syncs the translation; its translator publishes it.
        source = TranslationSource.objects.get(object_id=self.story.translation_key)
        update = reverse("wagtail_localize:update_translations", args=[source.pk])
        with self.captureOnCommitCallbacks(execute=True):
            assert self.client.post(update, {}).status_code == 302
            self.client.post(reverse("wagtailadmin_pages:edit", args=[translation.pk]), {"action": "publish"})
        published = NewsPage.objects.get(pk=translation.pk)
        assert published.live
        assert [(r.slug, r.locale.language_code) for r in published.regions.all()] == [("europe", "ar")]

    def test_stories_translated_before_keep_their_tags_in_their_own_language(self):
        import importlib

        from django.apps import apps

        migration = importlib.import_module("hub.migrations.0007_news_tags_in_own_language")
        translation = self.choose_translate_this_page()
        # As wagtail-localize left them until now: the English rows.
        NewsPage.regions.through.objects.filter(newspage_id=translation.pk).update(
            region_id=page_tree.region("arab-states").pk
        )
        migration.tags_in_own_language(apps, None)
        story = NewsPage.objects.get(pk=translation.pk)
        assert [(r.slug, r.locale.language_code) for r in story.regions.all()] == [("arab-states", "ar")]

    def test_translations_made_live_untranslated_go_back_to_their_translator(self):
        from io import StringIO

        from django.core.management import call_command

        translation = self.choose_translate_this_page()
        # As *Translate this page* left it until now: live, in English.
        translation.get_latest_revision().publish()
        out = StringIO()
        call_command("unpublish_untranslated", stdout=out)
        assert "ar: " in out.getvalue() and "1 untranslated pages" in out.getvalue()
        assert not NewsPage.objects.get(pk=translation.pk).live
        assert self.index.get_translation(self.arabic).live  # translated: stays live
        self.client.logout()
        assert "Civil society meets in Amman" not in self.client.get("/ar/news/").content.decode()


class NoUntranslatedCopies(TestCase):
    def test_the_locales_form_offers_no_synchronisation_from_english(self):
        """Synchronising a language from English would copy every English page
        into its tree, live and untranslated."""
        from django.contrib.auth import get_user_model
        from django.urls import reverse

        editor = get_user_model().objects.create_superuser("admin", "admin@example.org", "pass-2024")
        self.client.force_login(editor)
        arabic = Locale.objects.get(language_code="ar")
        html = self.client.get(reverse("wagtaillocales:edit", args=[arabic.pk])).content.decode()
        assert "العربية" in html or "Arabic" in html
        assert "Synchronise content from another locale" not in html
        assert "sync_from" not in html


class TranslatingAPageLeavesTheTaxonomyAlone(TestCase):
    def test_translating_an_event_keeps_the_arabic_region_name(self):
        """wagtail-localize also submits the snippets a page links to; the
        Arabic row of the event's region keeps its Arabic name."""
        from django.contrib.auth import get_user_model
        from django.urls import reverse

        from hub.models import Region

        editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pass-2024")
        index = page_tree.add_event_index(page_tree.english_home())
        translate_page(index, "ar", {"Events": "الفعاليات"}, publish=False).get_latest_revision().publish()
        event = page_tree.add_event(index, region=page_tree.region("arab-states"), agenda=[], logistics=[])
        self.client.force_login(editor)
        arabic = Locale.objects.get(language_code="ar")
        url = reverse("wagtail_localize:submit_page_translation", args=[event.pk])
        with self.captureOnCommitCallbacks(execute=True):
            assert self.client.post(url, {"locales": [arabic.pk]}).status_code == 302
        assert Region.objects.get(slug="arab-states", locale=arabic).name == "الدول العربية"
