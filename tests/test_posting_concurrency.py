"""Posting limits hold when one account sends many posts at the same moment:
ten threads post through the site's real views at once, each on its own
database connection (a SQLite file with its busy timeout, or PostgreSQL).

One at a time the limits always held; sent at once, every request used to
pass the check before any of them had written its post."""

import threading
from contextlib import nullcontext

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from machina.core.db.models import get_model

from .factories import StakeholderFactory, TopicPostFactory
from .forum_urls import post_create_url
from .test_fault_drills import file_database, pointed_at, site_file  # noqa: F401 (fixtures)

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

AT_ONCE = 10

# On PostgreSQL the threads' connections see only what was committed: the
# test commits and reloads the site (hub_site); SQLite copies it to a file.
ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
pytestmark = [] if ON_SQLITE else [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared_database(request):
    """A database every thread reaches with its own connection: on SQLite a
    file (the shared in-memory test database has no file locks and ignores
    the busy timeout), on PostgreSQL the test database, committed for real."""
    if ON_SQLITE:
        path = request.getfixturevalue("file_database")
        return lambda: pointed_at(path, timeout=30)
    request.getfixturevalue("hub_site")
    return nullcontext


def a_topic(user):
    post = TopicPostFactory(poster=user, subject="Pathways", content="A first thought.")
    return Topic.objects.get(pk=post.topic_id)


def reply_data(content):
    data = {
        "contribution_metadata": "1",
        "subject": "Re: Pathways",
        "content": content,
        "kind": "comment",
        "language": "en",
        "enable_signature": "",
    }
    for prefix in ("attachment", "poll"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def send_at_once(connect, user, topic, contents):
    """Post each of ``contents`` as ``user`` from its own thread, all released
    together; the answers' status codes and the refused forms' messages."""
    barrier = threading.Barrier(len(contents))
    statuses, messages, errors = [], [], []

    def send(content):
        try:
            with connect():
                client = Client(raise_request_exception=False)
                client.force_login(user)
                barrier.wait()
                response = client.post(post_create_url(topic), reply_data(content))
                statuses.append(response.status_code)
                if response.status_code == 200 and response.context:
                    messages.extend(response.context["post_form"].non_field_errors())
        except Exception as error:  # a thread's failure must fail the test, not vanish
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=[content]) for content in contents]
    # All at one instant of the site's clock: on a loaded machine the ten writes,
    # which the lock makes take turns, can outlast the 5-second pace, and a reply
    # that truly comes after it is rightly stored.
    with time_machine.travel(timezone.now(), tick=False):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    return statuses, messages


def replies(topic, user):
    return list(Post.objects.filter(topic=topic, poster=user).exclude(pk=topic.first_post_id))


def test_ten_replies_at_once_are_held_to_the_pace(shared_database, django_user_model, settings):
    """An established account: one post per 5 seconds (forum.policy)."""
    settings.FORUM_NEW_ACCOUNT_DAYS = 0
    settings.FORUM_NEW_ACCOUNT_APPROVED_POSTS = 0
    settings.FORUM_PREMODERATE_APPROVED_POSTS = 0
    with shared_database():
        author = StakeholderFactory(username="amina", profile__display_name="Amina")
        topic = a_topic(StakeholderFactory(username="starter", profile__display_name="Starter"))
    statuses, messages = send_at_once(
        shared_database, author, topic, [f"My reply number {i}, on regular pathways." for i in range(AT_ONCE)]
    )
    with shared_database():
        stored = replies(topic, author)
    assert 500 not in statuses
    assert len(stored) == 1
    assert statuses.count(302) == 1
    # Every other sender sees the form again, saying when they may post.
    assert statuses.count(200) == AT_ONCE - 1
    assert len(messages) == AT_ONCE - 1
    assert all("You are posting too quickly" in message for message in messages)


def test_ten_identical_replies_at_once_are_stored_once(shared_database, django_user_model, settings):
    settings.FORUM_NEW_ACCOUNT_DAYS = 0
    settings.FORUM_NEW_ACCOUNT_APPROVED_POSTS = 0
    settings.FORUM_PREMODERATE_APPROVED_POSTS = 0
    with shared_database():
        author = StakeholderFactory(username="amina", profile__display_name="Amina")
        topic = a_topic(StakeholderFactory(username="starter", profile__display_name="Starter"))
    statuses, _ = send_at_once(shared_database, author, topic, ["The very same words."] * AT_ONCE)
    with shared_database():
        stored = replies(topic, author)
    assert 500 not in statuses
    assert [post.content.raw for post in stored] == ["The very same words."]


def test_a_new_account_at_once_gets_no_more_than_its_limits(shared_database, django_user_model):
    """A new account: one reply per 30 seconds, ten on the first day."""
    with shared_database():
        newcomer = StakeholderFactory(username="newcomer", profile__display_name="Newcomer")
        topic = a_topic(StakeholderFactory(username="starter", profile__display_name="Starter"))
    statuses, messages = send_at_once(
        shared_database, newcomer, topic, [f"A newcomer's reply {i} on pathways." for i in range(AT_ONCE + 5)]
    )
    with shared_database():
        stored = replies(topic, newcomer)
    assert 500 not in statuses
    assert len(stored) == 1
    assert len(messages) == AT_ONCE + 4
