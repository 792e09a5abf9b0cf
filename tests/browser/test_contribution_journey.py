"""A stakeholder signs up in Arabic, posts a recommendation in the Arab States
space, sees it waiting, a moderator of that space approves it, and visitors
read it with its GCM objectives."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from machina.core.db.models import get_model

from forum.models import Contribution, RegionalSpace
from hub.models import Country, StakeholderGroup
from tests.browser.conftest import ARTIFACTS
from tests.stakeholders import give_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")

PASSWORD = "a-long-pass-phrase-2024"
RECOMMENDATION = "نوصي بتوسيع المسارات النظامية للهجرة وضمان وصول جميع المهاجرين إلى الخدمات الأساسية."


@pytest.fixture
def arab_states_topic(hub_site, django_user_model):
    space = RegionalSpace.objects.select_related("forum", "moderators").get(region__slug="arab-states")
    moderator = django_user_model.objects.create_user(
        username="moderator", email="moderator@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=moderator, email=moderator.email, verified=True, primary=True)
    moderator.groups.add(space.moderators)
    give_profile(moderator, display_name="Moderator")
    topic = Topic.objects.create(
        forum=space.forum,
        poster=moderator,
        subject="المسارات النظامية للهجرة",
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
    )
    Post.objects.create(topic=topic, poster=moderator, subject=topic.subject, content="ما توصياتكم؟")
    return topic


def topic_url(live_server, topic, language="ar"):
    forum = topic.forum
    return f"{live_server.url}/{language}/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"


def sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/ar/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_sign_up_post_in_arabic_and_a_moderator_approves(
    live_server, arab_states_topic, browser, page, screenshot
):
    # Sign up, in Arabic, with the stakeholder profile.
    page.goto(f"{live_server.url}/ar/accounts/signup/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("input[name=email]", "salma@example.org")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.fill("input[name=display_name]", "سلمى حداد")
    page.fill("input[name=organisation]", "شبكة الحقوق والتضامن")
    group = StakeholderGroup.objects.get(slug="civil-society", locale__language_code="en")
    page.select_option("select[name=stakeholder_group]", value=str(group.pk))
    page.select_option("select[name=country]", value=str(Country.objects.get(code="JO").pk))
    screenshot("contribution-1-signup-ar")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/ar/accounts/confirm-email/")

    # Verify the address from the e-mail.
    (message,) = [m for m in mail.outbox if "salma@example.org" in m.to]
    confirm_path = re.search(r"https?://[^/\s]+(/ar/accounts/confirm-email/[^\s]+/)", message.body).group(1)
    page.goto(live_server.url + confirm_path)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    # Reply in the Arab States space: a recommendation on objectives 5 and 6.
    page.goto(topic_url(live_server, arab_states_topic))
    page.locator(".topic-actions-block a[href$='/post/create/']").first.click()
    page.fill("textarea[name=content]", RECOMMENDATION)
    page.check("input[name=kind][value=recommendation]")
    page.check("input[name=objectives][value='5']")
    page.check("input[name=objectives][value='6']")
    screenshot("contribution-2-reply-form-ar")
    page.locator("form input[type=submit].btn-primary").last.click()
    page.wait_for_load_state()

    # The author sees it, marked as waiting for a moderator.
    assert page.locator(".post-pending").count() == 1
    assert RECOMMENDATION in page.locator("main").inner_text()
    screenshot("contribution-3-pending-ar")
    contribution = Contribution.objects.select_related("post").get(post__content=RECOMMENDATION)
    assert (contribution.kind, contribution.language, contribution.author_name) == (
        "recommendation",
        "ar",
        "سلمى حداد",
    )
    assert sorted(contribution.objectives.values_list("number", flat=True)) == [5, 6]
    assert not contribution.post.approved

    # Visitors do not see it yet.
    visitor = browser.new_page(viewport={"width": 390, "height": 844}, locale="ar")
    visitor.goto(topic_url(live_server, arab_states_topic))
    assert RECOMMENDATION not in visitor.locator("main").inner_text()

    # The Arab States moderator approves it from the moderation queue.
    moderator = browser.new_page(viewport={"width": 1200, "height": 900}, locale="ar")
    sign_in(moderator, live_server, "moderator@example.org")
    moderator.goto(f"{live_server.url}/ar/forum/moderation/queue/")
    moderator.locator(f"a[href$='/moderation/queue/{contribution.pk}/']").first.click()
    moderator.locator(f"a[href$='/moderation/queue/{contribution.pk}/approve/']").first.click()
    moderator.screenshot(path=str(ARTIFACTS / "contribution-4-approve-ar.png"), full_page=True)
    moderator.locator("main form button").first.click()
    moderator.wait_for_load_state()
    contribution.post.refresh_from_db()
    assert contribution.post.approved

    # Now everyone reads it, with its type and objectives, right to left.
    visitor.goto(topic_url(live_server, arab_states_topic))
    main = visitor.locator("main")
    assert RECOMMENDATION in main.inner_text()
    body = visitor.locator(".post-content[lang=ar]", has_text=RECOMMENDATION)
    assert body.get_attribute("dir") == "auto"
    # Each paragraph finds its own direction (the sanitiser gives it dir=auto).
    paragraph = body.locator("p").first
    assert paragraph.evaluate("el => getComputedStyle(el).direction") == "rtl"
    post = visitor.locator(".post", has=body)
    assert post.get_by_text("توصية").count() >= 1  # its type
    meta = post.inner_text()
    assert "5." in meta and "6." in meta  # objectives 5 and 6
    assert "سلمى حداد" in meta  # the display name, never the e-mail
    assert "salma@" not in visitor.content()
    assert visitor.locator("html").get_attribute("dir") == "rtl"
    visitor.screenshot(path=str(ARTIFACTS / "contribution-5-approved-ar.png"), full_page=True)
