"""An analyst searches "remittances" in English and finds Arabic and French
contributions on the same concept, each saying which concept it came
through; with the switch off they go. Walked on an English desktop and on
an Arabic phone."""

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_analysis_paper_journey import staff_member
from tests.browser.test_search_actions_look import sign_in
from tests.search_corpus import contribute

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SEARCH = "/search/contributions/?region=arab-states"
ARABIC_TEXT = "نطالب بخفض رسوم التحويلات المالية التي يرسلها العمال إلى أسرهم في مصر."
FRENCH_TEXT = "Les transferts de fonds des travailleurs vers le Maroc coûtent encore trop cher."


@pytest.fixture
def remittances(arab_space):
    return {
        "en": contribute("Remittances are the first income of many families in Upper Egypt.", language="en"),
        "ar": contribute(ARABIC_TEXT, language="ar", subject="تكلفة التحويلات"),
        "fr": contribute(FRENCH_TEXT, language="fr", subject="Coût des transferts"),
    }


def search_for(page, text):
    page.fill("#contributions-q", text)
    if page.locator("#contributions-sort").input_value() == "relevance":
        page.locator("#search-filters button[type=submit]").first.click()
    else:  # browsing lists the newest first; choosing the order sends the form
        page.select_option("#contributions-sort", "relevance")
    page.wait_for_url("**sort=relevance**" if "sort=" in page.url else "**q=**")
    page.wait_for_load_state()


def test_an_analyst_finds_the_other_languages_through_the_concept(
    live_server, remittances, django_user_model, english_page, page
):
    analyst = staff_member(django_user_model, "analyst", "Analysts")
    ARTIFACTS.mkdir(exist_ok=True)

    browser = english_page  # an English desktop
    sign_in(browser, live_server.url, analyst, "en", SEARCH)
    search_for(browser, "remittances")
    assert browser.locator("#contributions-crosslanguage").is_checked()
    hits = browser.locator("#search-hits article.search-hit")
    assert hits.count() == 3
    # The English one, in the query's own words, comes first and needs no explanation.
    assert hits.nth(0).locator(".search-through").count() == 0
    for language in ("ar", "fr"):
        hit = browser.locator("article.search-hit", has=browser.locator(f".search-snippet[lang={language}]"))
        assert "through the concept “remittances”" in hit.locator(".search-through").inner_text()
        assert hit.locator(".search-snippet mark").count() >= 1
    browser.screenshot(path=str(ARTIFACTS / "crosslanguage-en-desktop.png"), full_page=True)
    # Each opens from the first page.
    for text, subject in ((ARABIC_TEXT, "تكلفة التحويلات"), (FRENCH_TEXT, "Coût des transferts")):
        browser.get_by_role("link", name=subject).click()
        browser.wait_for_load_state()
        assert text in browser.locator("main").inner_text()
        browser.go_back()
        browser.wait_for_load_state()
    # The switch off: only the contribution in the query's own words is left.
    browser.locator("#contributions-crosslanguage").uncheck()  # the page submits itself
    browser.wait_for_url(lambda url: "crosslanguage=on" not in url)
    browser.wait_for_load_state()
    assert browser.locator("#search-hits article.search-hit").count() == 1
    assert browser.locator(".search-through").count() == 0

    sign_in(page, live_server.url, analyst, "ar", SEARCH)  # an Arabic phone
    search_for(page, "التحويلات المالية")
    assert page.locator("#search-hits article.search-hit").count() == 3
    assert page.locator(".search-through").count() == 2
    assert "المفهوم" in page.locator(".search-through").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "crosslanguage-ar-phone.png"), full_page=True)
