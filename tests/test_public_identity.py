"""No part of a participant's e-mail address is ever shown to anyone else.

Some participants are undocumented migrants taking part under a chosen name;
sign-up promises that their address is never shown. This walks the whole
way a person goes — the sign-up form, the link in the confirmation e-mail,
the profile form, a first post (held for a moderator, who approves it from
the queue) — and then reads every public page, feed and e-mail to others for
the address, its local part and each of the local part's pieces.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from machina.core.db.models import get_model

from forum.models import Contribution, NotificationSettings, RegionalSpace, SpaceSubscription
from forum.profiles.names import OPAQUE_USERNAME, public_name
from hub.models import StakeholderGroup
from tests.factories import ContributedTopicFactory, UserFactory, VerifiedUserFactory
from tests.forum_urls import topic_url
from tests.page_tree import add_news, add_news_index, add_region_page, english_home

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

ADDRESS = "salma.haddad.1796316973@example.org"
DISPLAY_NAME = "Noor"
PASSWORD = "a-long-pass-phrase-2024"
SUBJECT = "Seasonal quinoa harvests"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def address_pieces(address):
    """What would identify the person: the address, its local part, and the
    local part's pieces (split at dots, underscores, hyphens and plus signs)
    of four characters or more."""
    local = address.split("@")[0]
    pieces = {piece for piece in re.split(r"[._+-]", local) if len(piece) >= 4}
    return {address, local, *pieces}


def leaks(text):
    text = text.casefold()
    return sorted(piece for piece in address_pieces(ADDRESS) if piece.casefold() in text)


def html_of(message):
    return next((content for content, mimetype in message.alternatives if mimetype == "text/html"), "")


def arab_states():
    return RegionalSpace.objects.select_related("forum", "moderators").get(region__slug="arab-states")


def account(username):
    return VerifiedUserFactory(username=username, email=f"{username}@example.net", password=PASSWORD)


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def readers():
    """Who hears of the post: a follower of the space told at once, another in
    the daily digest, and the space's moderator."""
    space = arab_states()
    at_once = account("follower")
    NotificationSettings.objects.create(user=at_once, delivery="immediately", language="en")
    SpaceSubscription.objects.create(user=at_once, forum=space.forum)
    daily = account("daily")
    NotificationSettings.objects.create(
        user=daily, delivery="digest", language="ar", last_digest_at=T0 - timedelta(days=1)
    )
    SpaceSubscription.objects.create(user=daily, forum=space.forum)
    moderator = account("moderator")
    moderator.groups.add(space.moderators)
    return {"follower": at_once, "daily": daily, "moderator": moderator}


@pytest.fixture
def news():
    home = english_home()
    add_region_page(home)
    index = add_news_index(home)
    return [index, *add_news(index, 1)]


def sign_up_confirm_and_post(client):
    """The steps the person takes, each through its own form or link."""
    group = StakeholderGroup.objects.in_default_locale().get(slug="migrants")
    assert client.get("/en/accounts/signup/").status_code == 200
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": ADDRESS,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": DISPLAY_NAME,
            "stakeholder_group": group.pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    (confirmation,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/en/accounts/confirm-email/[^\s]+/)", confirmation.body).group(1)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302

    profile_url = reverse("forum_member:profile_update")
    assert client.get(profile_url).status_code == 200
    response = client.post(
        profile_url,
        {
            "display_name": DISPLAY_NAME,
            "organisation": "Women on the move",
            "stakeholder_group": group.pk,
            "languages": ["ar", "en"],
        },
    )
    assert response.status_code == 302

    forum = arab_states().forum
    data = {
        "contribution_metadata": "1",
        "subject": SUBJECT,
        "content": "Harvest work pays late, and the seasonal visas end before it does.",
        "kind": "comment",
        "language": "en",
        "enable_signature": "",
        "objectives": [],
    }
    for prefix in ("attachment", "poll"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(
        reverse("forum_conversation:topic_create", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk}),
        data,
    )
    assert response.status_code == 302, response.content[:2000]
    return Topic.objects.get(subject=SUBJECT)


def public_pages(topic, author, news):
    """Every page an anonymous visitor may read that could name the author."""
    forum = topic.forum
    with translation.override("en"):
        forum_url = reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})
        urls = [
            "/en/",
            reverse("forum:index"),
            forum_url,
            topic_url(topic),
            topic_url(topic, "ar"),
            reverse("forum_member:profile", kwargs={"pk": author.pk}),
            reverse("forum_member:user_posts", kwargs={"pk": author.pk}),
            reverse("forum_feeds:latest_topics"),
            reverse(
                "forum_feeds:forum_latest_topics", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk}
            ),
            "/en/search/?q=quinoa",
            "/en/search/contributions/?q=quinoa",
            "/en/search/export/csv/?q=quinoa",
            *(page.url for page in news),
            news[0].url + "rss/",
        ]
    return urls


def test_no_part_of_the_address_is_shown_to_anyone_else(
    client, clock, readers, news, django_capture_on_commit_callbacks
):
    topic = sign_up_confirm_and_post(client)
    author = get_user_model().objects.get(email=ADDRESS)
    assert OPAQUE_USERNAME.match(author.username)
    post = topic.first_post
    assert not post.approved  # a new account's first post waits for the moderator

    # The moderator finds it in the queue and approves it there.
    moderator = Client()
    moderator.force_login(readers["moderator"])
    seen_by_moderator = [
        moderator.get(reverse("forum_moderation:queue")),
        moderator.get(reverse("forum_moderation:queued_post", args=[post.pk])),
    ]
    assert DISPLAY_NAME in seen_by_moderator[1].content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator.post(reverse("forum_moderation:approve_queued_post", args=[post.pk]))
    assert response.status_code == 302
    clock.shift(3600)
    call_command("send_digests", verbosity=0)

    # Every public page, as an anonymous visitor: the post is there, signed by its display name.
    visitor = Client()
    for url in public_pages(topic, author, news):
        response = visitor.get(url, follow=True)
        assert response.status_code == 200, url
        text = b"".join(response.streaming_content if response.streaming else [response.content])
        text = text.decode("utf-8-sig")
        assert not leaks(text), (url, leaks(text))
    topic_page = BeautifulSoup(visitor.get(topic_url(topic)).content, "html.parser")
    assert topic_page.select_one(".post-sidebar .username").get_text(strip=True) == DISPLAY_NAME
    assert DISPLAY_NAME in visitor.get(reverse("forum_feeds:latest_topics")).content.decode()
    assert "quinoa" in visitor.get("/en/search/?q=quinoa").content.decode().casefold()

    # The moderator's pages, and every e-mail sent to someone else.
    for response in seen_by_moderator:
        assert not leaks(response.content.decode()), leaks(response.content.decode())
    to_others = [message for message in mail.outbox if ADDRESS not in message.to]
    told = {address for message in to_others for address in message.to}
    assert told == {readers["follower"].email, readers["daily"].email}
    for message in to_others:
        for part in (message.subject, message.body, html_of(message)):
            assert not leaks(part), (message.to, message.subject, leaks(part))
        assert DISPLAY_NAME in message.body


def test_the_confirmation_email_names_the_hub_in_the_persons_language_not_a_host(client):
    group = StakeholderGroup.objects.in_default_locale().get(slug="migrants")
    client.post(
        "/ar/accounts/signup/",
        {
            "email": ADDRESS,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "نور",
            "stakeholder_group": group.pk,
        },
    )
    (message,) = mail.outbox
    with translation.override("ar"):
        hub = translation.gettext("Migration Network Hub")
    assert hub != "Migration Network Hub"
    assert message.subject.startswith(f"[{hub}] ")
    before_the_link = message.body.split("http")[0]
    assert hub in before_the_link
    assert "testserver" not in before_the_link and "Migration Network Hub" not in message.body
    assert not leaks(before_the_link)  # the person is greeted by their chosen name


def test_accounts_with_address_made_usernames_get_made_up_ones(django_user_model):
    """The migration that replaced the usernames made from addresses, run again
    on such an account: the username changes, the posts signed with it are
    signed with the account's public name, and the person still signs in by address."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("forum.migrations.0007_opaque_usernames")
    old = ADDRESS.split("@")[0]
    user = VerifiedUserFactory(username=old, email=ADDRESS, password=PASSWORD)
    keeps = UserFactory(username="member-abcdefgh", email="k@example.net", password=None)
    forum = arab_states().forum
    post = ContributedTopicFactory(
        topic__forum=forum,
        poster=user,
        subject="Old",
        content="Older words.",
        contribution__kind="comment",
        contribution__author_name=old,
    )

    migration.give_opaque_usernames(apps, None)

    user.refresh_from_db()
    assert OPAQUE_USERNAME.match(user.username)
    assert django_user_model.objects.get(pk=keeps.pk).username == "member-abcdefgh"
    assert Contribution.objects.get(pk=post.pk).author_name == user.username == public_name(user)
    client = Client()
    response = client.post("/en/accounts/login/", {"login": ADDRESS, "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_staff_see_the_public_name_in_both_admins(client, staff_user):
    from tests.stakeholders import give_profile

    person = account("member-qrstuvwx")
    give_profile(person, display_name=DISPLAY_NAME)
    client.force_login(staff_user)
    wagtail = BeautifulSoup(client.get("/admin/users/").content, "html.parser")
    names = [cell.get_text(" ", strip=True) for cell in wagtail.select("td.name, td.title")]
    assert any(DISPLAY_NAME in name for name in names), names
    django_admin = client.get("/django-admin/auth/user/").content.decode()
    assert DISPLAY_NAME in django_admin


def test_the_staff_account_setup_site_makes_has_a_made_up_username_and_signs_in_by_address(tmp_path):
    credentials = tmp_path / "staff-credentials.txt"
    call_command(
        "setup_site",
        "--staff-email",
        "staff.person@example.org",
        "--credentials-file",
        str(credentials),
        verbosity=0,
    )
    staff = get_user_model().objects.get(email="staff.person@example.org")
    assert OPAQUE_USERNAME.match(staff.username)
    password = re.search(r"Password: (\S+)", credentials.read_text()).group(1)
    client = Client()
    response = client.post("/en/accounts/login/", {"login": staff.email, "password": password})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/admin/").status_code == 200
