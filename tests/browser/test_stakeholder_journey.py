"""A stakeholder, in Arabic on her phone, is invited to take part from the
Arab States space, signs up there with her stakeholder profile, confirms her
address by the e-mail's link and is back on the space, signed in; she posts
her first topic and lands on it, told only that it waits for a moderator.
The Arab States moderator, on an English desktop, opens the queue from the
screen, sees what the contribution is, approves it; a visitor then reads it.

Every step uses what a person uses: links, buttons and forms on the screen,
and the link in the e-mail (Django's locmem outbox: the live server runs in
this process).
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import translation

from forum.models import Contribution, RegionalSpace
from hub.models import Country, Region, StakeholderGroup
from tests.browser.conftest import ARTIFACTS
from tests.stakeholders import give_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-pass-phrase-2024"
EMAIL = "hanan.khalil.7731@example.org"
NAME = "حنان خليل"
SUBJECT = "تأشيرات العمل الموسمي في الأردن"
BODY = "نوصي بتبسيط إجراءات تأشيرات العمل الموسمي وضمان حق العمال في تغيير صاحب العمل."


@pytest.fixture
def arab_states(hub_site, django_user_model):
    space = RegionalSpace.objects.select_related("forum", "moderators").get(region__slug="arab-states")
    moderator = django_user_model.objects.create_user(
        username="arabmod", email="arabmod@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=moderator, email=moderator.email, verified=True, primary=True)
    give_profile(moderator, display_name="Omar (moderator)")
    moderator.groups.add(space.moderators)
    return space


def desktop(browser):
    return browser.new_page(viewport={"width": 1366, "height": 900}, locale="en")


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def messages(page):
    return [text.strip() for text in page.locator("#messages .alert").all_inner_texts()]


def test_a_stakeholder_signs_up_from_a_space_posts_and_a_moderator_publishes(
    live_server, arab_states, browser, page, screenshot
):
    forum = arab_states.forum
    space_path = f"/ar/forum/forum/{forum.slug}-{forum.pk}/"
    with translation.override("ar"):
        arabic_region = Region.objects.in_active_locale().get(slug="arab-states").name

    # The space invites her to take part.
    page.goto(live_server.url + space_path)
    assert page.locator("html").get_attribute("dir") == "rtl"
    invitation = page.locator("main .take-part")
    assert invitation.is_visible()
    screenshot("stakeholder-1-space-invitation-ar")

    # Sign up from the invitation, with her stakeholder profile.
    invitation.locator("a.take-part-signup").click()
    page.wait_for_url("**/ar/accounts/signup/**")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.fill("input[name=display_name]", NAME)
    page.fill("input[name=organisation]", "جمعية العمال المهاجرين")
    group = StakeholderGroup.objects.in_default_locale().get(slug="migrants")
    page.select_option("select[name=stakeholder_group]", value=str(group.pk))
    page.select_option("select[name=country]", value=str(Country.objects.get(code="JO").pk))
    screenshot("stakeholder-2-signup-ar")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/ar/accounts/confirm-email/")
    screenshot("stakeholder-3-check-your-email-ar")

    # The e-mail's link confirms the address and brings her back to the space, signed in.
    (message,) = [m for m in mail.outbox if EMAIL in m.to]
    link = re.search(r"https?://[^/\s]+(/ar/accounts/confirm-email/[^\s]+/)", message.body).group(1)
    page.goto(live_server.url + link)
    screenshot("stakeholder-4-confirm-ar")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**{space_path}")
    assert page.locator("main .take-part").count() == 0
    screenshot("stakeholder-5-back-on-the-space-ar")

    # Her first topic: she lands on it, told only that it waits.
    page.locator("main a[href$='/topic/create/']").first.click()
    page.wait_for_url("**/topic/create/")
    page.fill("input[name=subject]", SUBJECT)
    page.fill("textarea[name=content]", BODY)
    page.check("input[name=kind][value=recommendation]")
    page.check("input[name=objectives][value='6']")
    screenshot("stakeholder-6-new-topic-ar")
    page.locator("form input[type=submit].btn-primary").last.click()
    page.wait_for_url(re.compile(r".*/topic/[^/]+-\d+/$"))
    contribution = Contribution.objects.select_related("post__topic").get(post__content=BODY)
    topic = contribution.post.topic
    assert not contribution.post.approved
    assert SUBJECT in page.locator("h1").inner_text()
    (said,) = messages(page)
    assert "بانتظار" in said and "بنجاح" not in said
    assert page.locator(".post-pending").count() == 1
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    screenshot("stakeholder-7-waiting-ar")

    # Her profile lists it, held, in the Arab States named in Arabic.
    page.locator("main a[href$='/posts/']").first.click()
    page.wait_for_load_state()
    held = page.locator(".member-contributions .contribution").first
    assert SUBJECT in held.inner_text() and arabic_region in held.inner_text()
    assert "Arab States" not in page.locator("main").inner_text()
    screenshot("stakeholder-8-profile-ar")

    # A visitor does not see it yet.
    visitor = desktop(browser)
    topic_path = f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"
    assert visitor.goto(f"{live_server.url}/en{topic_path}").status == 404

    # The moderator signs in and opens the queue from the screen.
    moderator = desktop(browser)
    moderator.goto(f"{live_server.url}/en/")
    moderator.locator("header a[href*='/accounts/login/']").first.click()
    moderator.fill("input[name=login]", "arabmod@example.org")
    moderator.fill("input[name=password]", PASSWORD)
    moderator.locator("main form button[type=submit]").first.click()
    moderator.wait_for_load_state()
    moderator.locator("header a.nav-link[href='/en/forum/']").click()
    moderator.wait_for_url("**/en/forum/")
    moderator.locator("main a[href$='/forum/moderation/queue/']").first.click()
    moderator.wait_for_url("**/en/forum/moderation/queue/")
    queued = moderator.locator(f"#queued-{contribution.post.pk}")
    text = queued.inner_text()
    assert SUBJECT in text
    assert "Recommendation" in text and "العربية" in text and "6." in text
    assert "Jordan" in text and "Arab States" in text
    assert "@example.org" not in moderator.locator("main").inner_text()
    shot(moderator, "stakeholder-9-queue-en")
    queued.locator(f"a[href$='/moderation/queue/{contribution.post.pk}/']").click()
    moderator.wait_for_url(f"**/moderation/queue/{contribution.post.pk}/")
    assert "Recommendation" in moderator.locator("main").inner_text()
    shot(moderator, "stakeholder-10-queued-post-en")
    moderator.locator(f"a[href$='/moderation/queue/{contribution.post.pk}/approve/']").click()
    shot(moderator, "stakeholder-11-approve-en")
    moderator.locator("main form button").first.click()
    moderator.wait_for_load_state()
    contribution.post.refresh_from_db()
    assert contribution.post.approved

    # Now a visitor reads it, in the space and on its page.
    visitor.goto(f"{live_server.url}/en/forum/forum/{forum.slug}-{forum.pk}/")
    visitor.locator("main a", has_text=SUBJECT).first.click()
    visitor.wait_for_load_state()
    assert SUBJECT in visitor.locator("h1").inner_text()
    assert BODY in visitor.locator("main").inner_text()
    assert EMAIL.split("@")[0] not in visitor.content()
    shot(visitor, "stakeholder-12-public-en")
