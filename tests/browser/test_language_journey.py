"""A stakeholder on a phone reads the Hub in Arabic, then switches language."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_arabic_home_reads_right_to_left_and_switches_to_english(live_server, hub_site, page, screenshot):
    page.goto(f"{live_server.url}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    heading = page.locator("h1")
    assert heading.inner_text() == "مركز الربط الشبكي المعني بالهجرة"
    assert heading.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # Right-to-left layout: the heading hugs the right edge of the screen.
    box = heading.bounding_box()
    assert box["x"] + box["width"] > 390 - 40
    screenshot("home-ar-phone")

    page.get_by_role("button", name="عرض القائمة").click()
    page.locator(".language-switcher a[hreflang=en]").click()
    page.wait_for_url(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Migration Network Hub"
    screenshot("home-en-phone")
