"""Open a space's topics from an event's guiding questions.

A consultation asks its participants a handful of questions; the regional
space then collects written answers under one topic per question, so the
analysis paper can count them question by question.
"""

from django.db import transaction
from machina.core.db.models import get_model

from hub.taxonomy.models import Region

from .models import RegionalSpace

Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")


def guiding_questions(event):
    """The event's questions, in page order, each once: guiding-question
    blocks of its body, then those of its agenda's sessions."""
    questions = []
    for block in event.body:
        if block.block_type == "guiding_questions":
            questions += list(block.value["questions"])
    for day in event.agenda:
        for session in day.value["sessions"]:
            questions += list(session.get("guiding_questions") or [])
    return list(dict.fromkeys(q.strip() for q in questions if q.strip()))


def space_of(event):
    """The space of the event's region (the page may be a translation pointing
    at its language's row of the region)."""
    if event.region is None:
        return None
    english = Region.objects.get(translation_key=event.region.translation_key, locale__language_code="en")
    return RegionalSpace.objects.select_related("forum").get(region=english)


@transaction.atomic
def open_topics(event, moderator, space=None):
    """Open one topic per guiding question not yet asked in the space.

    Returns (opened, already_there). The opening post quotes the question and
    points at the event page, so readers know where it was asked.
    """
    space = space or space_of(event)
    if space is None:
        raise ValueError("The event has no region: name the space to open the topics in.")
    existing = set(Topic.objects.filter(forum=space.forum).values_list("subject", flat=True))
    opened, already_there = [], []
    for question in guiding_questions(event):
        subject = question[:255]
        if subject in existing:
            already_there.append(subject)
            continue
        topic = Topic.objects.create(
            forum=space.forum,
            poster=moderator,
            subject=subject,
            type=Topic.TOPIC_POST,
            status=Topic.TOPIC_UNLOCKED,
            approved=True,
        )
        Post.objects.create(
            topic=topic,
            poster=moderator,
            subject=subject,
            content=f"> {question}\n\n[{event.title}]({event.full_url or event.url})",
            approved=True,
        )
        existing.add(subject)
        opened.append(topic)
    return opened, already_there
