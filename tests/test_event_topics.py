"""Moderators open a space's topics from an event's guiding questions."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from machina.core.db.models import get_model

from forum.event_topics import guiding_questions
from forum.models import RegionalSpace
from tests import page_tree

pytestmark = pytest.mark.django_db
Topic = get_model("forum_conversation", "Topic")

QUESTIONS = [
    "How can regular pathways for labour migration be widened?",
    "Which services should migrants reach whatever their status?",
]


@pytest.fixture
def event():
    home = page_tree.english_home()
    return page_tree.add_event(
        page_tree.add_event_index(home),
        region=page_tree.region("arab-states"),
        body=[("guiding_questions", {"heading": "Questions", "questions": [QUESTIONS[0]]})],
        agenda=[
            (
                "day",
                {
                    "heading": "Programme",
                    "sessions": [
                        {
                            "start": datetime.time(10, 0),
                            "end": datetime.time(11, 0),
                            "title": "Pathways",
                            "guiding_questions": [QUESTIONS[0], QUESTIONS[1]],
                        }
                    ],
                },
            )
        ],
    )


def test_the_questions_are_read_from_the_body_and_the_agenda_once_each(event):
    assert guiding_questions(event) == QUESTIONS


def test_one_topic_per_question_in_the_regions_space_and_again_changes_nothing(event, staff_user, capsys):
    call_command("open_topics", event.slug, "--as", staff_user.email)
    forum = RegionalSpace.objects.get(region__slug="arab-states").forum
    topics = Topic.objects.filter(forum=forum)
    assert sorted(topics.values_list("subject", flat=True)) == sorted(QUESTIONS)
    assert all(t.posts_count == 1 and t.approved for t in topics)
    call_command("open_topics", str(event.pk), "--as", staff_user.email)
    assert "0 topic(s) opened, 2 already there." in capsys.readouterr().out
    assert topics.count() == 2
    # Visitors read the question and reach the event from it.
    topic = topics.get(subject=QUESTIONS[1])
    page = Client().get(f"/en/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/")
    assert QUESTIONS[1] in page.content.decode()
    assert event.url in page.content.decode()


def test_unknown_event_or_account_is_a_clear_error(event, staff_user):
    with pytest.raises(CommandError, match="No English event page"):
        call_command("open_topics", "no-such-event", "--as", staff_user.email)
    with pytest.raises(CommandError, match="No account"):
        call_command("open_topics", event.slug, "--as", "nobody@example.org")
