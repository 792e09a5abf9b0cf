"""A topic held for moderation is seen only by its author and the moderators
of its own space: everyone else gets a 404 on every page that would name it,
and its followers are e-mailed only once a moderator approves it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import Client
from django.urls import reverse
from machina.apps.forum_permission.handler import PermissionHandler

from forum import visibility
from forum.models import RegionalSpace
from forum.templatetags.region_space_tags import latest_contributions
from search.facade import search
from search.query import ContributionQuery
from tests.factories import ReplyFactory, TopicPostFactory, VerifiedUserFactory
from tests.forum_urls import post_create_url, topic_url
from tests.search_corpus import contribute
from tests.stakeholders import give_profile
from tests.test_subscriptions import follower

pytestmark = pytest.mark.django_db

SUBJECT = "Held subject about a crossing point"


def space(slug):
    return RegionalSpace.objects.select_related("forum", "moderators").get(region__slug=slug)


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def held(django_user_model, commit):
    """A held topic of the Arab States with an approved reply inside it."""
    author = VerifiedUserFactory(username="author")
    give_profile(author)
    with commit():
        first = TopicPostFactory(
            poster=author, topic__forum=space("arab-states").forum, subject=SUBJECT, approved=False
        )
        replier = VerifiedUserFactory(username="replier")
        give_profile(replier, display_name="Replier")
        answer = ReplyFactory(
            poster=replier, topic=first.topic, content="An approved reply inside a held topic."
        )
    first.topic.refresh_from_db()
    return {"author": author, "replier": replier, "topic": first.topic, "first": first, "reply": answer}


def actors(django_user_model):
    stakeholder = VerifiedUserFactory(username="stakeholder")
    give_profile(stakeholder, display_name="Stakeholder")
    other_moderator = VerifiedUserFactory(username="africamod")
    give_profile(other_moderator, display_name="Africa moderator")
    other_moderator.groups.add(space("africa").moderators)
    return {"anonymous": None, "stakeholder": stakeholder, "moderator of another space": other_moderator}


def test_a_held_topic_is_404_to_who_may_not_moderate_it(django_user_model, held):
    topic = held["topic"]
    for name, user in actors(django_user_model).items():
        client = client_for(user)
        assert client.get(topic_url(topic)).status_code == 404, name
        assert client.get(post_create_url(topic)).status_code == 404, name
        if user is None:
            continue
        follow = client.post(reverse("forum_subscriptions:follow_topic", args=[topic.pk]))
        assert follow.status_code == 404, name
        # machina's own subscribe page, which names the topic
        subscribe = reverse("forum_member:topic_subscribe", args=[topic.pk])
        assert client.get(subscribe).status_code == 404, name
        assert client.post(subscribe).status_code == 404, name
        assert not topic.subscribers.filter(pk=user.pk).exists()
        profile = client.get(reverse("forum_member:profile", args=[held["replier"].pk])).content.decode()
        assert SUBJECT not in profile, name


def test_a_held_topic_followed_earlier_is_not_listed_on_subscriptions(django_user_model, held):
    stakeholder = actors(django_user_model)["stakeholder"]
    held["topic"].subscribers.add(stakeholder)
    page = client_for(stakeholder).get(reverse("forum_member:user_subscriptions")).content.decode()
    assert SUBJECT not in page


def test_its_own_moderator_and_its_author_see_it(django_user_model, held):
    topic = held["topic"]
    moderator = VerifiedUserFactory(username="arabmod")
    give_profile(moderator, display_name="Arab States moderator")
    moderator.groups.add(space("arab-states").moderators)
    for user in (moderator, held["author"]):
        client = client_for(user)
        page = client.get(topic_url(topic))
        assert page.status_code == 200
        assert SUBJECT in page.content.decode()
        assert client.get(post_create_url(topic)).status_code == 200
        assert client.post(reverse("forum_subscriptions:follow_topic", args=[topic.pk])).status_code == 302
        listing = client.get(reverse("forum_member:user_subscriptions")).content.decode()
        assert SUBJECT in listing


def test_the_rule_itself(django_user_model, held):
    handler = PermissionHandler()
    for user in actors(django_user_model).values():
        user = user or AnonymousUser()
        assert not visibility.topic_visible_to(handler, held["topic"], user)
        assert not visibility.post_visible_to(handler, held["reply"], user)
    assert visibility.topic_visible_to(handler, held["topic"], held["author"])
    assert not visibility.is_public(held["reply"])


def test_a_reply_in_a_held_topic_is_e_mailed_only_once_the_topic_is_approved(django_user_model, commit):
    author = VerifiedUserFactory(username="author")
    forum = space("arab-states").forum
    with commit():
        first = TopicPostFactory(poster=author, topic__forum=forum, subject=SUBJECT, approved=False)
    follower(django_user_model, "spacefan", forum=forum)
    with commit():
        ReplyFactory(poster=VerifiedUserFactory(username="replier"), topic=first.topic)
    assert mail.outbox == []

    moderator = VerifiedUserFactory(username="arabmod")
    moderator.groups.add(space("arab-states").moderators)
    with commit():
        approve = reverse("forum_moderation:approve_queued_post", args=[first.pk])
        response = client_for(moderator).post(approve)
    assert response.status_code == 302
    first.topic.refresh_from_db()
    assert first.topic.approved
    sent = [m for m in mail.outbox if m.to == ["spacefan@example.org"]]
    # The opening post and the reply that waited inside the topic.
    assert len(sent) == 2
    assert any("An approved reply" in m.body or "I agree" in m.body for m in sent)


def test_an_approved_reply_in_a_held_topic_is_not_found_nor_listed(django_user_model):
    opening = contribute("Held opening on seasonal work permits.", subject=SUBJECT, topic_approved=False)
    answer = contribute("An approved reply about seasonal work permits.", topic=opening.topic)
    forum = space("arab-states").forum
    for name, user in actors(django_user_model).items():
        viewer = user or AnonymousUser()
        found = {hit.post_id for hit in search(ContributionQuery(text="seasonal permits"), viewer).hits}
        assert answer.pk not in found, name
        assert answer.pk not in {post.pk for post in latest_contributions(forum, viewer)}, name
