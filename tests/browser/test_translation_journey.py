"""An editor publishes a news story from the Wagtail editor and chooses
*Translate this page* → Arabic: the Arabic tree shows nothing of it (home,
menu, news list) until the translator fills its strings in wagtail-localize's
editor and publishes there; then /ar/news/ lists it, in Arabic."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from hub.models import NewsPage
from hub.translation import translate_page
from tests.browser.conftest import ARTIFACTS
from tests.page_tree import add_news_index, english_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-pass-phrase-2024"
TITLE = "Civil society meets in Amman"
SUMMARY = "Forty organisations prepared the regional review together."
ARABIC = {
    TITLE: "المجتمع المدني يجتمع في عمّان",
    SUMMARY: "أعدّت أربعون منظمة الاستعراض الإقليمي معاً.",
}


@pytest.fixture
def news_in_both_languages(hub_site):
    index = add_news_index(english_home())
    translate_page(index, "ar", {"News": "الأخبار"})
    return index


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page, base, user, next_url):
    page.goto(f"{base}/en/accounts/login/?next={next_url}")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def test_the_arabic_tree_waits_for_the_translator(live_server, news_in_both_languages, editor, desktop, page):
    base, index = live_server.url, news_in_both_languages

    # The editor writes the story under News and publishes it from the editor.
    sign_in(desktop, base, editor, f"/admin/pages/{index.pk}/")
    desktop.wait_for_url(f"**/admin/pages/{index.pk}/")
    shot(desktop, "translate-0-explorer")
    desktop.get_by_role("link", name=re.compile("Add child page")).first.click()
    desktop.wait_for_url("**/add/hub/newspage/**")
    desktop.fill("input[name=title]", TITLE)
    desktop.fill("textarea[name=summary]", SUMMARY)
    shot(desktop, "translate-1-new-story")
    desktop.select_option("select[name=regions]", label="Arab States")
    desktop.locator("button[name=action-publish]").dispatch_event("click")
    desktop.wait_for_url(f"**/admin/pages/{index.pk}/")
    story = NewsPage.objects.get(title=TITLE)
    assert story.live
    shot(desktop, "translate-2-published")

    # Translate this page → Arabic, from the story's row in the page list.
    row = desktop.locator("tr", has_text=TITLE)
    row.get_by_role("button", name=re.compile("More options")).click()
    desktop.get_by_role("link", name="Translate this page").click()
    desktop.wait_for_url(f"**/localize/submit/page/{story.pk}/")
    desktop.get_by_label("العربية").check()
    shot(desktop, "translate-3-choose-arabic")
    desktop.locator("main form [type=submit]").last.click()
    # wagtail-localize's editor, on the Arabic draft.
    desktop.get_by_role("button", name=re.compile("Publish in العربية")).wait_for()
    arabic = NewsPage.objects.get(translation_key=story.translation_key, locale__language_code="ar")
    assert desktop.url.endswith(f"/admin/pages/{arabic.pk}/edit/")
    assert not arabic.live
    shot(desktop, "translate-4-translation-editor")

    # Nothing of it in the Arabic tree: home, menu, news list, the story's address.
    visitor = page
    for address in ("/ar/", "/ar/news/"):
        visitor.goto(base + address)
        assert TITLE not in visitor.content(), address
    assert visitor.locator("header nav a[href='/ar/news/']").count() == 1  # the section is there
    shot(visitor, "translate-5-ar-news-before")
    assert visitor.goto(f"{base}/ar/news/{arabic.slug}/").status == 404

    # The translator fills each string in and publishes there.
    for source, translation in ARABIC.items():
        segment = desktop.locator("li.incomplete", has_text=source)
        segment.get_by_role("button", name="Translate").click()
        segment.locator("textarea").fill(translation)
        segment.get_by_role("button", name="Save").click()
        desktop.locator("li.complete", has_text=translation).wait_for()
    shot(desktop, "translate-6-translated")
    desktop.get_by_role("button", name=re.compile("Publish in العربية")).click()
    desktop.wait_for_load_state()
    desktop.locator(".messages", has_text="published").wait_for()
    arabic.refresh_from_db()
    assert arabic.live

    # Now listed in Arabic, and the story reads in Arabic, tagged with its Arabic region.
    visitor.goto(base + "/ar/news/")
    listed = visitor.locator("main a", has_text=ARABIC[TITLE])
    assert listed.count() == 1 and TITLE not in visitor.content()
    shot(visitor, "translate-7-ar-news-after")
    listed.click()
    visitor.wait_for_url(f"**/ar/news/{arabic.slug}/")
    assert visitor.locator("h1").inner_text().strip() == ARABIC[TITLE]
    assert "الدول العربية" in visitor.locator("main").inner_text()
    overflow = visitor.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the screen"
    shot(visitor, "translate-8-ar-story")


def test_a_slug_held_by_a_forgotten_draft_leads_to_the_draft(
    live_server, news_in_both_languages, editor, desktop
):
    base, index = live_server.url, news_in_both_languages
    # A new story begun and abandoned: its draft keeps the address its title made.
    forgotten = NewsPage(title=TITLE, slug="civil-society-meets-in-amman", live=False)
    index.add_child(instance=forgotten)
    forgotten.save_revision()

    sign_in(desktop, base, editor, f"/admin/pages/{index.pk}/")
    desktop.wait_for_url(f"**/admin/pages/{index.pk}/")
    desktop.get_by_role("link", name=re.compile("Add child page")).first.click()
    desktop.wait_for_url("**/add/hub/newspage/**")
    desktop.fill("input[name=title]", TITLE)
    desktop.locator("input[name=title]").blur()  # Wagtail makes the slug from the title
    expect(desktop.locator("input[name=slug]")).to_have_value("civil-society-meets-in-amman")
    desktop.fill("textarea[name=summary]", SUMMARY)
    desktop.get_by_role("button", name="Save draft").click()
    desktop.wait_for_load_state()
    desktop.get_by_role("tab", name=re.compile("Promote")).click()
    shot(desktop, "translate-9-slug-held-by-draft")
    error = desktop.get_by_text(re.compile("unpublished draft"))
    error.last.wait_for()
    assert TITLE in error.last.inner_text()
    error.last.get_by_role("link", name="Open that draft").click()
    desktop.wait_for_url(f"**/admin/pages/{forgotten.pk}/edit/")
    assert desktop.input_value("input[name=title]") == TITLE
