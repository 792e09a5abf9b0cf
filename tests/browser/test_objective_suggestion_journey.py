"""An author writes a contribution and sees the objectives it suggests beside
the checkboxes, ticked by nobody; they tick one and post."""

import pytest
from django.urls import reverse

from forum.models import Contribution
from tests.factories import PASSWORD, StakeholderFactory, space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXT = "Agencies charge migrant workers high recruitment fees; the fees should be banned and refunded."


def test_an_author_sees_suggested_objectives_and_ticks_one(live_server, hub_site, english_page):
    page = english_page
    author = StakeholderFactory(email="author@example.org", password=PASSWORD)
    forum = space("africa").forum
    create = reverse(
        "forum_conversation:topic_create", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk}
    )
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=login]", author.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    page.goto(live_server.url + create)
    page.fill("input[name=subject]", "Recruitment fees")
    page.fill("textarea[name=content]", TEXT)
    badge = page.locator(".form-check.is-suggested .objective-suggested").first
    badge.wait_for(timeout=15_000)
    assert page.locator("#objective-suggestions-status").is_visible()
    suggested = page.locator(".form-check.is-suggested input[name=objectives]")
    assert 1 <= suggested.count() <= 3
    assert suggested.first.get_attribute("value") == "6"
    assert "suggested" in badge.inner_text() and "%" in badge.inner_text()
    assert page.locator("input[name=objectives]:checked").count() == 0  # the author decides

    suggested.first.check()
    page.locator("form input[type=submit].btn-primary").last.click()
    page.wait_for_load_state()
    contribution = Contribution.objects.get(post__subject="Recruitment fees")
    assert list(contribution.objectives.values_list("number", flat=True)) == [6]
