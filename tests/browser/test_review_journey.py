"""A stakeholder follows a regional review from the home page to an event:
home → region → roadmap → event, in Arabic on a phone and in English."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REGION_NAMES = {"ar": "الدول العربية", "en": "Arab States"}
DIRECTIONS = {"ar": "rtl", "en": "ltr"}


@pytest.fixture
def demo_site(hub_site):
    call_command("load_demo", verbosity=0)


def assert_reads_in(page, language):
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == DIRECTIONS[language]
    # Nothing spills sideways on a phone: wide tables scroll inside their box.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the screen"


def test_from_home_to_a_consultation_event_in_arabic_then_english(live_server, demo_site, page, screenshot):
    # One test for both languages: the demo tree is loaded once (a
    # transactional test empties the database when it ends).
    for language in ("ar", "en"):
        follow_the_review(live_server, page, screenshot, language)


def follow_the_review(live_server, page, screenshot, language):
    page.goto(f"{live_server.url}/{language}/")
    assert_reads_in(page, language)
    screenshot(f"journey-{language}-1-home")

    page.locator(".region-card[href$='/arab-states/']").click()
    page.wait_for_url(f"{live_server.url}/{language}/arab-states/")
    assert_reads_in(page, language)
    assert REGION_NAMES[language] in page.locator("h1").inner_text()
    assert page.locator(".timeline-item").count() >= 3
    screenshot(f"journey-{language}-2-region")

    page.locator("main a[href*='roadmap-2023-2024']").first.click()
    page.wait_for_url(f"{live_server.url}/{language}/roadmap-2023-2024/")
    assert_reads_in(page, language)
    table = page.locator(".roadmap-table")
    assert table.locator("tbody tr").count() == 5
    arab_row = table.locator("tbody tr", has_text=REGION_NAMES[language])
    screenshot(f"journey-{language}-3-roadmap")

    arab_row.locator("a[href*='/events/']").first.click()
    page.wait_for_url(f"{live_server.url}/{language}/events/**")
    assert_reads_in(page, language)
    assert page.locator("h1").inner_text().strip()
    # The event's own time zone and the calendar file are offered.
    assert page.locator("a[href$='/calendar/']").count() == 1
    screenshot(f"journey-{language}-4-event")
