"""The suggested objectives and the campaigns as people meet them: an author
on an Arabic phone sees the objectives the text suggests; an analyst on an
English desktop counts a campaign once, opens it, and reviews untagged
contributions in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.browser.conftest import ARTIFACTS
from tests.factories import PASSWORD, StakeholderFactory, UserFactory, space
from tests.search_corpus import contribute

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FEES_AR = "تفرض وكالات الاستقدام رسومًا باهظة على العمال المهاجرين، ويجب حظر رسوم الاستقدام وردّها إليهم."
PETITION = (
    "We the undersigned call on governments to end the immigration detention of migrant children, "
    "to provide alternatives to detention in the community, and to guarantee access to justice and "
    "consular assistance for every migrant held at the border."
)


def sign_in(page, base, user, language="en"):
    page.goto(f"{base}/{language}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_an_author_on_an_arabic_phone_sees_suggested_objectives(live_server, hub_site, page):
    ARTIFACTS.mkdir(exist_ok=True)
    author = StakeholderFactory(email="author@example.org", password=PASSWORD)
    forum = space("arab-states").forum
    sign_in(page, live_server.url, author, "ar")
    create = reverse(
        "forum_conversation:topic_create", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk}
    )
    page.goto(live_server.url + create.replace("/en/", "/ar/", 1))
    page.fill("input[name=subject]", "رسوم الاستقدام")
    page.fill("textarea[name=content]", FEES_AR)
    badge = page.locator(".form-check.is-suggested .objective-suggested").first
    badge.wait_for(timeout=15_000)
    assert page.locator(".form-check.is-suggested input[name=objectives]").first.get_attribute("value") == "6"
    assert "%" in badge.inner_text()
    badge.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "suggestions-ar-phone.png"), full_page=True)


def test_an_analyst_counts_a_campaign_once_and_reviews_suggestions(live_server, hub_site, english_page):
    page = english_page
    for greeting, name in (("Dear colleagues,", "Maria"), ("Hello,", "Ahmed"), ("Hi,", "Fatima")):
        contribute(f"{greeting} {PETITION} {name}", author_name=name)
    contribute("Our city opened a one-stop shop where newcomers register and find language classes.")
    analyst = UserFactory(email="analyst@example.org", password=PASSWORD)
    analyst.groups.add(Group.objects.get(name="Analysts"))
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=analyst, email=analyst.email, verified=True, primary=True)
    sign_in(page, live_server.url, analyst)
    page.goto(f"{live_server.url}/en/search/contributions/?region=arab-states")
    assert page.locator("#search-hits article.search-hit").count() == 4
    page.locator("#collapse-campaigns").click()
    page.wait_for_url("**campaigns=collapse**")
    assert page.locator("#search-hits article.search-hit").count() == 2
    assert "and 2 similar contributions" in page.locator(".search-campaign").inner_text()
    page.screenshot(path=str(ARTIFACTS / "campaigns-collapsed-en-desktop.png"), full_page=True)
    page.locator(".search-campaign a").click()
    page.wait_for_url("**campaign=**")
    assert page.locator("#search-hits article.search-hit").count() == 3
    page.screenshot(path=str(ARTIFACTS / "campaign-list-en-desktop.png"), full_page=True)

    page.goto(f"{live_server.url}{reverse('objective_review')}")
    assert page.locator("main").get_by_text("one-stop shop").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "objective-review-en-desktop.png"), full_page=True)
