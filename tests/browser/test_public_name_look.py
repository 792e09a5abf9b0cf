"""A visitor reads a topic on a desktop in English and on a phone in Arabic:
each post is signed with the display name its author chose — in the desktop
sidebar, on the "By" line, and on "Last edited by" (dated as the rest of the
site) — and never with a username."""

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from machina.core.db.models import get_model

from forum.models import Contribution, RegionalSpace
from forum.profiles.names import made_up_username
from tests.browser.conftest import ARTIFACTS
from tests.stakeholders import give_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")


@pytest.fixture
def topic(hub_site, django_user_model):
    author = django_user_model.objects.create_user(
        username=made_up_username(), email="salma.haddad.1796316973@example.org", password="x"
    )
    EmailAddress.objects.create(user=author, email=author.email, verified=True, primary=True)
    give_profile(author, display_name="Noor")
    space = RegionalSpace.objects.select_related("forum").get(region__slug="arab-states")
    topic = Topic.objects.create(
        forum=space.forum,
        poster=author,
        subject="Seasonal work and late wages",
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
        approved=True,
    )
    post = Post.objects.create(
        topic=topic,
        poster=author,
        subject=topic.subject,
        content="Harvest work pays late, and the seasonal visas end before it does.",
        approved=True,
    )
    Contribution.objects.create(post=post, space=space, author_name="Noor", language="en")
    # Edited once by its author: "Last edited by" names her too.
    Post.objects.filter(pk=post.pk).update(updated_by=author, updates_count=1, updated=timezone.now())
    return topic, author


def test_a_topic_names_its_author_by_display_name_on_desktop_and_phone(live_server, topic, browser, page):
    topic, author = topic
    address = f"/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/"
    ARTIFACTS.mkdir(exist_ok=True)

    desktop = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en")
    desktop.goto(f"{live_server.url}/en{address}")
    sidebar = desktop.locator(".post-sidebar .username")
    assert sidebar.inner_text().strip() == "Noor"
    assert "Last edited by: Noor on " in desktop.locator(".edit-info").inner_text()
    text = desktop.locator("main").inner_text()
    assert author.username not in text and "salma" not in text.casefold()
    desktop.screenshot(path=str(ARTIFACTS / "public-name-topic-desktop-en.png"), full_page=True)
    desktop.close()

    page.goto(f"{live_server.url}/ar{address}")
    assert not page.locator(".post-sidebar").first.is_visible()  # the phone shows the "By" line instead
    by_line = page.locator("article.post small").first.inner_text()
    assert "Noor" in by_line
    text = page.locator("main").inner_text()
    assert author.username not in text and "salma" not in text.casefold()
    page.screenshot(path=str(ARTIFACTS / "public-name-topic-phone-ar.png"), full_page=True)
