"""Following spaces and topics: the views, immediate e-mails when a post
becomes visible, the daily digest, languages and unsubscribe links."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from machina.core.db.models import get_model

from forum.models import Contribution, NotificationSettings, RegionalSpace, SpaceSubscription
from forum.subscriptions.mail import plain_excerpt
from tests.factories import ReplyFactory, TopicPostFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
ForumPermission = get_model("forum_permission", "ForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


# ---------------------------------------------------------------- helpers


def space(slug):
    return RegionalSpace.objects.select_related("forum", "moderators").get(region__slug=slug)


def follower(django_user_model, username, *, delivery="immediately", language="en", forum=None, topic=None):
    user = VerifiedUserFactory(username=username)
    NotificationSettings.objects.create(user=user, delivery=delivery, language=language)
    if forum is not None:
        SpaceSubscription.objects.create(user=user, forum=forum)
    if topic is not None:
        topic.subscribers.add(user)
    return user


def deny_reading(user, forum):
    permission, _created = ForumPermission.objects.get_or_create(codename="can_read_forum")
    UserForumPermission.objects.create(permission=permission, forum=forum, user=user, has_perm=False)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def html_of(message):
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def unsubscribe_links(message):
    return re.findall(r"http://testserver/\w\w/forum/subscriptions/unsubscribe/[^/\s]+/", message.body)


@pytest.fixture
def arab_states():
    return space("arab-states").forum


@pytest.fixture
def author(django_user_model):
    return VerifiedUserFactory(username="author")


@pytest.fixture
def topic(author, arab_states, django_capture_on_commit_callbacks):
    # Committed, as every post of a test is: a post saved outside a commit()
    # block would wait for the test's transaction, which never commits.
    with django_capture_on_commit_callbacks(execute=True):
        return TopicPostFactory(poster=author, topic__forum=arab_states).topic


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what would run when the test's transaction commits."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


# ---------------------------------------------------------------- following through the views


def test_follow_and_unfollow_a_space_and_a_topic(django_user_model, arab_states, topic):
    user = VerifiedUserFactory(username="reader")
    client = Client()
    client.force_login(user)
    with translation.override("fr"):
        follow_space = reverse("forum_subscriptions:follow_space", args=[arab_states.pk])
        follow_topic = reverse("forum_subscriptions:follow_topic", args=[topic.pk])

    response = client.post(follow_space)
    assert response.status_code == 302
    assert SpaceSubscription.objects.filter(user=user, forum=arab_states).exists()
    # The e-mails' language is the one the reader used when following; the delivery a digest.
    prefs = NotificationSettings.objects.get(user=user)
    assert (prefs.language, prefs.delivery) == ("fr", "digest")

    assert client.post(follow_topic, {"next": "/fr/forum/"})["Location"] == "/fr/forum/"
    assert topic.subscribers.filter(pk=user.pk).exists()
    # An address on another site is not followed back.
    response = client.post(follow_topic, {"next": "https://evil.example/"})
    assert response["Location"].startswith("/fr/forum/forum/arab-states-")

    client.post(reverse("forum_subscriptions:unfollow_space", args=[arab_states.pk]))
    client.post(reverse("forum_subscriptions:unfollow_topic", args=[topic.pk]))
    assert not SpaceSubscription.objects.filter(user=user).exists()
    assert not topic.subscribers.filter(pk=user.pk).exists()


def test_the_topic_page_offers_to_follow_it_and_then_to_stop(django_user_model, arab_states, topic):
    user = VerifiedUserFactory(username="reader")
    client = Client()
    client.force_login(user)
    url = f"/en/forum/forum/{arab_states.slug}-{arab_states.pk}/topic/{topic.slug}-{topic.pk}/"
    with translation.override("en"):
        follow = reverse("forum_subscriptions:follow_topic", args=[topic.pk])
        unfollow = reverse("forum_subscriptions:unfollow_topic", args=[topic.pk])
    assert f'action="{follow}"' in client.get(url).content.decode()
    client.post(follow, {"next": url})
    page = client.get(url).content.decode()
    assert unfollow in page
    assert "Stop following this topic" in page


def test_following_needs_a_signed_in_post_with_csrf(django_user_model, arab_states):
    url = reverse("forum_subscriptions:follow_space", args=[arab_states.pk])
    response = Client().post(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]

    user = VerifiedUserFactory(username="reader")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert not SpaceSubscription.objects.exists()


def test_a_space_the_reader_cannot_read_cannot_be_followed(django_user_model, arab_states):
    user = VerifiedUserFactory(username="outsider")
    deny_reading(user, arab_states)
    client = Client()
    client.force_login(user)
    assert client.post(reverse("forum_subscriptions:follow_space", args=[arab_states.pk])).status_code == 404
    assert not SpaceSubscription.objects.exists()


def test_the_subscriptions_page_lists_spaces_topics_and_saves_preferences(django_user_model, topic):
    user = follower(django_user_model, "reader", delivery="digest", topic=topic)
    client = Client()
    client.force_login(user)
    with translation.override("en"):
        url = reverse("forum_member:user_subscriptions")
    page = client.get(url).content.decode()
    assert "Pathways" in page
    assert page.count('action="/en/forum/subscriptions/space/') == 5

    assert client.post(url, {"delivery": "immediately", "language": "ar"}).status_code == 302
    assert NotificationSettings.objects.filter(user=user, delivery="immediately", language="ar").exists()
    response = client.post(url, {"delivery": "hourly", "language": "ar"})
    assert response.status_code == 400
    assert NotificationSettings.objects.get(user=user).delivery == "immediately"


def test_follow_buttons_post_to_the_right_place(django_user_model, rf, arab_states, topic):
    from django.template.loader import render_to_string

    user = follower(django_user_model, "reader", topic=topic)
    request = rf.get("/en/forum/")
    request.user = user
    space_button = render_to_string("forum_subscriptions/follow_space.html", {"forum": arab_states}, request)
    topic_button = render_to_string("forum_subscriptions/follow_topic.html", {"topic": topic}, request)
    assert f"/subscriptions/space/{arab_states.pk}/follow/" in space_button
    assert f"/subscriptions/topic/{topic.pk}/unfollow/" in topic_button
    assert "csrfmiddlewaretoken" in space_button


# ---------------------------------------------------------------- immediate e-mails


def test_a_new_post_reaches_topic_and_space_followers_but_not_its_author(
    django_user_model, commit, author, topic, arab_states
):
    follower(django_user_model, "topicfan", topic=topic)
    follower(django_user_model, "spacefan", forum=arab_states)
    follower(django_user_model, "both", forum=arab_states, topic=topic)
    follower(django_user_model, "daily", delivery="digest", forum=arab_states)
    follower(django_user_model, "elsewhere", forum=space("europe").forum)
    SpaceSubscription.objects.create(user=author, forum=arab_states)
    topic.subscribers.add(author)

    with commit():
        post = ReplyFactory(
            poster=author, topic=topic, content="**Cities** matter.\n\n<script>alert(1)</script> and *more*"
        )
    assert recipients() == ["both@example.org", "spacefan@example.org", "topicfan@example.org"]

    message = next(m for m in mail.outbox if m.to == ["topicfan@example.org"])
    html = html_of(message)
    assert "Re: Pathways" in message.subject
    assert "author" in message.body
    assert "Cities matter." in message.body
    assert f"http://testserver/en/forum/forum/arab-states-{arab_states.pk}/" in message.body
    assert f"?post={post.pk}#{post.pk}" in message.body
    # User text never reaches the HTML as HTML.
    assert "<script>" not in html and "<strong>" not in html
    assert "&lt;script&gt;" in html
    assert 'dir="ltr"' in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert len(unsubscribe_links(message)) == 2


def test_editing_a_post_sends_nothing_again(django_user_model, commit, author, topic):
    follower(django_user_model, "topicfan", topic=topic)
    with commit():
        post = ReplyFactory(poster=author, topic=topic)
    assert len(mail.outbox) == 1
    with commit():
        post.content = "Edited."
        post.save()
    assert len(mail.outbox) == 1


def test_posts_of_one_transaction_go_out_together_after_the_commit(django_user_model, commit, author, topic):
    follower(django_user_model, "topicfan", topic=topic)
    with commit() as callbacks:
        ReplyFactory(poster=author, topic=topic, content="One.")
        ReplyFactory(poster=author, topic=topic, content="Two.")
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert len(mail.outbox) == 2


def test_a_held_post_is_sent_only_when_a_moderator_approves_it(
    django_user_model, commit, author, topic, arab_states
):
    follower(django_user_model, "topicfan", topic=topic)
    with commit():
        post = ReplyFactory(poster=author, topic=topic, approved=False)
    assert mail.outbox == []

    moderator = VerifiedUserFactory(username="moderator")
    moderator.groups.add(space("arab-states").moderators)
    client = Client()
    client.force_login(moderator)
    with commit():
        response = client.post(reverse("forum_moderation:approve_queued_post", args=[post.pk]))
    assert response.status_code == 302
    assert recipients() == ["topicfan@example.org"]


def test_a_post_restored_after_reports_is_not_news_again(django_user_model, commit, author, topic):
    follower(django_user_model, "topicfan", topic=topic)
    with commit():
        post = ReplyFactory(poster=author, topic=topic)
    with commit():
        post.approved = False
        post.save()
    with commit():
        post.approved = True
        post.save()
    assert len(mail.outbox) == 1


def test_no_mail_to_a_follower_who_cannot_read_the_space(
    django_user_model, commit, author, topic, arab_states
):
    shut_out = follower(django_user_model, "shutout", forum=arab_states, topic=topic)
    deny_reading(shut_out, arab_states)
    follower(django_user_model, "reader", forum=arab_states)
    with commit():
        ReplyFactory(poster=author, topic=topic)
    assert recipients() == ["reader@example.org"]


def test_no_mail_to_an_unconfirmed_address(django_user_model, commit, author, topic):
    unconfirmed = follower(django_user_model, "unconfirmed", topic=topic)
    EmailAddress.objects.filter(user=unconfirmed).update(verified=False)
    with commit():
        ReplyFactory(poster=author, topic=topic)
    assert mail.outbox == []


def test_a_post_whose_contribution_was_imported_is_never_sent(django_user_model, commit, author, topic):
    follower(django_user_model, "topicfan", topic=topic)
    post = ReplyFactory(poster=author, topic=topic, approved=False)
    Contribution.objects.create(post=post, space=space("arab-states"), language="en", external_id="old-42")
    with commit():
        post.approved = True
        post.save()
    assert mail.outbox == []


def test_excerpt_is_plain_text_and_at_most_500_characters(author, topic):
    post = ReplyFactory(poster=author, topic=topic, content="word " * 300)
    excerpt = plain_excerpt(post)
    assert len(excerpt) <= 500
    assert excerpt.endswith("…")


# ---------------------------------------------------------------- Arabic


def test_an_arabic_follower_gets_an_arabic_right_to_left_email(django_user_model, commit, author, topic):
    follower(django_user_model, "arabic", language="ar", topic=topic)
    with commit():
        ReplyFactory(poster=author, topic=topic, content="نحتاج إلى مسارات نظامية للهجرة.")
    (message,) = mail.outbox
    html = html_of(message)
    assert '<html lang="ar" dir="rtl">' in html
    assert "الدول العربية" in message.subject  # the space's name in Arabic
    assert "http://testserver/ar/forum/" in message.body
    with translation.override("ar"):
        read_the_post = gettext("Read the post")
    assert read_the_post in html
    assert "نحتاج إلى مسارات نظامية للهجرة." in message.body


# ---------------------------------------------------------------- digest


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def test_the_digest_groups_by_space_and_topic_and_is_sent_once_a_day(
    django_user_model, clock, commit, author, arab_states
):
    europe = space("europe").forum
    with commit():
        europe_topic = TopicPostFactory(poster=author, topic__forum=europe, subject="Labour mobility").topic
    reader = follower(django_user_model, "daily", delivery="digest", forum=arab_states, topic=europe_topic)
    NotificationSettings.objects.filter(user=reader).update(last_digest_at=T0 - timedelta(days=1))
    follower(django_user_model, "instant", forum=arab_states)

    clock.shift(60)
    with commit():
        first = TopicPostFactory(poster=author, topic__forum=arab_states, subject="Return and reintegration")
        ReplyFactory(poster=author, topic=first.topic, content="On reintegration support.")
        ReplyFactory(poster=author, topic=europe_topic, content="On seasonal workers.")
        own = ReplyFactory(poster=reader, topic=europe_topic, content="My own words.")
        hidden = ReplyFactory(poster=author, topic=europe_topic, content="Hidden later.")
        held = ReplyFactory(poster=author, topic=europe_topic, content="Still held.", approved=False)
    hidden.approved = False
    hidden.save()
    immediate = len(mail.outbox)
    assert immediate == 2  # the immediate follower's two posts in the Arab States space

    clock.shift(3600)
    call_command("send_digests", verbosity=0)
    digests = mail.outbox[immediate:]
    assert [m.to for m in digests] == [["daily@example.org"]]
    body = digests[0].body
    assert "4 new posts" in digests[0].subject
    assert body.index("Arab States") < body.index("Return and reintegration") < body.index("Europe")
    assert body.index("Europe") < body.index("Labour mobility") < body.index("On seasonal workers.")
    for left_out in (own, hidden, held):
        assert left_out.content.raw not in body
    assert len(unsubscribe_links(digests[0])) == 1
    assert 'dir="ltr"' in html_of(digests[0])

    # Twice the same day: nothing more.
    call_command("send_digests", verbosity=0)
    assert len(mail.outbox) == immediate + 1

    # The next day's digest holds only what is new since.
    clock.shift(24 * 3600)
    with commit():
        ReplyFactory(poster=author, topic=first.topic, content="A later thought.")
    call_command("send_digests", verbosity=0)
    latest = mail.outbox[-1]
    assert latest.to == ["daily@example.org"]
    assert "A later thought." in latest.body
    assert "On seasonal workers." not in latest.body


def test_a_post_approved_late_comes_in_the_next_digest(django_user_model, clock, commit, author, topic):
    follower(django_user_model, "daily", delivery="digest", topic=topic)
    with commit():
        post = ReplyFactory(poster=author, topic=topic, content="Written on Monday.", approved=False)
    clock.shift(3600)
    call_command("send_digests", verbosity=0)
    (first,) = mail.outbox
    assert "A first thought on safe pathways." in first.body
    assert "Written on Monday." not in first.body
    clock.shift(24 * 3600)
    with commit():
        post.approved = True
        post.save()
    call_command("send_digests", verbosity=0)
    later = mail.outbox[1]
    assert "Written on Monday." in later.body
    assert "A first thought on safe pathways." not in later.body


def test_no_digest_from_a_space_the_reader_may_no_longer_read(
    django_user_model, clock, commit, author, topic, arab_states
):
    reader = follower(django_user_model, "daily", delivery="digest", forum=arab_states)
    with commit():
        ReplyFactory(poster=author, topic=topic)
    deny_reading(reader, arab_states)
    clock.shift(3600)
    call_command("send_digests", verbosity=0)
    assert mail.outbox == []


# ---------------------------------------------------------------- unsubscribe links


def test_the_unsubscribe_link_works_without_signing_in(django_user_model, commit, author, topic, arab_states):
    reader = follower(django_user_model, "reader", topic=topic)
    with commit():
        ReplyFactory(poster=author, topic=topic)
    (message,) = mail.outbox
    topic_link, stop_all = unsubscribe_links(message)
    path = topic_link.removeprefix("http://testserver")

    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(path)
    assert page.status_code == 200
    assert "Pathways" in page.content.decode()
    assert topic.subscribers.filter(pk=reader.pk).exists()  # opening the link changes nothing

    assert anonymous.post(path).status_code == 200
    assert not topic.subscribers.filter(pk=reader.pk).exists()

    SpaceSubscription.objects.create(user=reader, forum=arab_states)
    topic.subscribers.add(reader)
    # A mail client's one-click unsubscribe (RFC 8058) stops everything.
    response = anonymous.post(stop_all.removeprefix("http://testserver"), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not SpaceSubscription.objects.filter(user=reader).exists()
    assert not topic.subscribers.filter(pk=reader.pk).exists()


def test_a_tampered_unsubscribe_token_is_refused(django_user_model, commit, author, topic, arab_states):
    reader = follower(django_user_model, "reader", forum=arab_states)
    victim = follower(django_user_model, "victim", forum=arab_states)
    with commit():
        ReplyFactory(poster=author, topic=topic)
    link = next(m for m in mail.outbox if m.to == ["reader@example.org"])
    path = unsubscribe_links(link)[0].removeprefix("http://testserver")
    token = path.rstrip("/").rsplit("/", 1)[1]
    payload, signature = token.split(":", 1)
    forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + ":" + signature
    for bad in (forged, token[:-3], "nonsense"):
        response = Client().post(path.replace(token, bad))
        assert response.status_code == 400
        assert "not valid" in response.content.decode()
    assert SpaceSubscription.objects.filter(user__in=[reader, victim]).count() == 2
