"""A new stakeholder starts a topic in Arabic on a phone. While it waits for a
moderator, nobody else reads it — not a visitor, not a moderator of another
region — and its followers hear nothing; once the Arab States moderator
approves it from the queue, on a desktop in English, the space's followers are
e-mailed and the link in the e-mail opens it for everyone."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from forum.models import Contribution, NotificationSettings, RegionalSpace, SpaceSubscription
from tests.browser.conftest import ARTIFACTS
from tests.stakeholders import give_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-pass-phrase-2024"
SUBJECT = "حماية العمال المهاجرين من رسوم الاستقدام"
BODY = "نقترح أن تتحمل جهات العمل وحدها رسوم الاستقدام وأن تُراقب وكالات التوظيف."


def account(django_user_model, name, *, moderates=None, follows=None):
    user = django_user_model.objects.create_user(
        username=name, email=f"{name}@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    give_profile(user, display_name=name.title())
    if moderates is not None:
        user.groups.add(moderates.moderators)
    if follows is not None:
        SpaceSubscription.objects.create(user=user, forum=follows.forum)
        NotificationSettings.objects.create(user=user, delivery="immediately", language="en")
    return user


@pytest.fixture
def people(hub_site, django_user_model):
    arab_states = RegionalSpace.objects.select_related("forum", "moderators").get(region__slug="arab-states")
    africa = RegionalSpace.objects.select_related("forum", "moderators").get(region__slug="africa")
    account(django_user_model, "layla")  # signs up today: her topics wait for a moderator
    account(django_user_model, "arabmod", moderates=arab_states)
    account(django_user_model, "africamod", moderates=africa)
    account(django_user_model, "follower", follows=arab_states)
    return arab_states


def sign_in(page, live_server, name, language):
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    page.fill("input[name=login]", f"{name}@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def desktop(browser):
    return browser.new_page(viewport={"width": 1280, "height": 900}, locale="en")


def test_a_pending_topic_stays_private_until_its_moderator_approves_it(
    live_server, people, browser, page, screenshot
):
    space = people
    # Layla starts a topic from the space page, in Arabic on her phone.
    sign_in(page, live_server, "layla", "ar")
    page.goto(f"{live_server.url}/ar/forum/forum/{space.forum.slug}-{space.forum.pk}/")
    page.locator("main a[href$='/topic/create/']").first.click()
    page.fill("input[name=subject]", SUBJECT)
    page.fill("textarea[name=content]", BODY)
    page.check("input[name=kind][value=recommendation]")
    screenshot("pending-topic-1-new-topic-ar")
    page.locator("form input[type=submit].btn-primary").last.click()
    page.wait_for_load_state()
    contribution = Contribution.objects.select_related("post__topic").get(post__content=BODY)
    topic = contribution.post.topic
    address = f"/forum/forum/{space.forum.slug}-{space.forum.pk}/topic/{topic.slug}-{topic.pk}/"

    # She reads her own topic, marked as waiting.
    page.goto(f"{live_server.url}/ar{address}")
    assert SUBJECT in page.locator("h1").inner_text()
    assert page.locator(".post-pending").count() == 1
    screenshot("pending-topic-2-author-sees-it-ar")

    # A visitor who guesses the address finds nothing, nor in the reply form.
    visitor = desktop(browser)
    for path in (address, address + "post/create/"):
        response = visitor.goto(f"{live_server.url}/en{path}")
        assert response.status == 404
        assert SUBJECT not in visitor.content()
    visitor.screenshot(path=str(ARTIFACTS / "pending-topic-3-visitor-404-en.png"), full_page=True)

    # Africa's moderator does not moderate the Arab States.
    africa_moderator = desktop(browser)
    sign_in(africa_moderator, live_server, "africamod", "en")
    assert africa_moderator.goto(f"{live_server.url}/en{address}").status == 404
    africa_moderator.goto(f"{live_server.url}/en/forum/moderation/queue/")
    assert SUBJECT not in africa_moderator.content()

    # The space's follower has not been told about it.
    assert not [m for m in mail.outbox if "follower@example.org" in m.to]

    # The Arab States moderator approves it from the queue.
    moderator = desktop(browser)
    sign_in(moderator, live_server, "arabmod", "en")
    moderator.goto(f"{live_server.url}/en/forum/moderation/queue/")
    assert SUBJECT in moderator.locator("main").inner_text()
    moderator.locator(f"a[href$='/moderation/queue/{contribution.pk}/']").first.click()
    moderator.locator(f"a[href$='/moderation/queue/{contribution.pk}/approve/']").first.click()
    moderator.screenshot(path=str(ARTIFACTS / "pending-topic-4-approve-en.png"), full_page=True)
    moderator.locator("main form button").first.click()
    moderator.wait_for_load_state()

    # Now the follower is e-mailed, and the e-mail's link opens the topic.
    (message,) = [m for m in mail.outbox if "follower@example.org" in m.to]
    assert SUBJECT in message.subject + message.body
    link = re.search(r"https?://[^/\s]+(/[a-z]{2}/forum/forum/\S+/topic/\S+/)", message.body).group(1)
    response = visitor.goto(live_server.url + link)
    assert response.status == 200
    assert SUBJECT in visitor.locator("h1").inner_text()
    assert BODY in visitor.locator("main").inner_text()
    visitor.screenshot(path=str(ARTIFACTS / "pending-topic-5-public-en.png"), full_page=True)
