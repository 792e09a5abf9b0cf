"""Pages translated with wagtail-localize: Arabic renders right to left, and
snippet links follow the language."""

from bs4 import BeautifulSoup
from django.test import TestCase
from wagtail.models import Locale

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

    def test_english_roadmap_links_the_english_event(self):
        page = BeautifulSoup(self.client.get("/en/roadmap/").content, "html.parser")
        hrefs = {a["href"] for a in page.select("main a") if "events" in a["href"]}
        assert hrefs == {"/en/events/consultation-2021/"}
