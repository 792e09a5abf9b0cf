"""A stakeholder on a phone reads the Hub in Arabic, then switches language."""

import pytest

from tests.browser.conftest import ARTIFACTS

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


# The header's measures, read in the browser: each menu item's height in lines
# of its own text, and the search box's width in ems of its own font.
HEADER_MEASURES = """() => {
  const lines = (el) => {
    const style = getComputedStyle(el);
    const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    const inner = el.getBoundingClientRect().height - padding;
    return Math.round(inner / parseFloat(style.lineHeight));
  };
  const search = document.querySelector("#site-search-q");
  return {
    items: Array.from(document.querySelectorAll("#site-nav .nav-link"))
      .map((el) => [el.textContent.trim(), lines(el)]),
    searchEms: search.getBoundingClientRect().width / parseFloat(getComputedStyle(search).fontSize),
  };
}"""


@pytest.mark.parametrize("width", [1366, 1024])
def test_the_desktop_header_keeps_its_menu_on_one_line_and_its_search_box_usable(
    live_server, hub_site, browser, width
):
    from django.core.management import call_command

    # The demo's roadmap has the longest title that is a menu item.
    call_command("load_demo", verbosity=0)
    for language in ("en", "fr", "ar"):
        context = browser.new_context(viewport={"width": width, "height": 768}, locale=language)
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/")
        toggler = page.locator(".navbar-toggler")
        if toggler.is_visible():  # below 1200 px the menu opens from its button
            toggler.click()
            page.locator("#site-nav.show").wait_for()
        measures = page.evaluate(HEADER_MEASURES)
        too_tall = [(label, lines) for label, lines in measures["items"] if lines > 1]
        assert not too_tall, f"{language} at {width} px: menu items on more than one line: {too_tall}"
        assert measures["searchEms"] >= 12, (
            f"{language} at {width} px: search box {measures['searchEms']:.1f} em"
        )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"header-{language}-{width}.png"), clip=header_clip(page))
        context.close()


def header_clip(page):
    box = page.locator("header").bounding_box()
    return {"x": 0, "y": 0, "width": box["width"], "height": box["height"]}
