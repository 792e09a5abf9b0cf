"""Contributions for the search tests, saved through the ORM as the posting
views save them (the save signals index them): five anyone may find, three
nobody but staff (or nobody at all) may find."""

from datetime import UTC, datetime

from machina.core.db.models import get_model

from forum.models import RegionalSpace
from hub.models import Country
from tests.factories import ContributionFactory, PostFactory, TopicFactory, english_group

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")
ForumPermission = get_model("forum_permission", "ForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")


def space(region):
    return RegionalSpace.objects.select_related("forum").get(region__slug=region)


def contribute(
    body,
    *,
    region="arab-states",
    subject="Labour mobility",
    kind="recommendation",
    language="en",
    objectives=(),
    group=None,
    country=None,
    created=None,
    approved=True,
    topic_approved=True,
    forum=None,
    topic=None,
    author_name="",
):
    """A contribution saved through the ORM, as the posting views do (signals index it)."""
    the_space = space(region)
    post = PostFactory(
        topic=topic or TopicFactory(forum=forum or the_space.forum, subject=subject),
        subject=subject,
        content=body,
        approved=approved,
        created=created,
    )
    if not topic_approved:
        # machina copies the first post's flag to its topic; a moderator can unapprove the topic afterwards.
        post.topic.refresh_from_db()
        post.topic.approved = False
        post.topic.save()
    if created:
        post.save()  # the index follows the stored date
    ContributionFactory(
        post=post,
        space=the_space,
        kind=kind,
        language=language,
        author_name=author_name,
        stakeholder_group=english_group(group) if group else None,
        country=Country.objects.get(code=country) if country else None,
        objectives=objectives,
    )
    return post


def closed_forum():
    forum = Forum.objects.create(name="Staff room", type=Forum.FORUM_POST)
    for codename in ("can_see_forum", "can_read_forum"):
        permission, _created = ForumPermission.objects.get_or_create(codename=codename)
        for who in ({"anonymous_user": True}, {"authenticated_user": True}):
            UserForumPermission.objects.create(permission=permission, forum=forum, has_perm=False, **who)
    return forum


def make_corpus():
    posts = {
        "visas": contribute(
            "Seasonal workers need multiple-entry visas and fair recruitment.",
            region="europe",
            kind="recommendation",
            language="en",
            objectives=(5, 6),
            group="civil-society",
            country="FR",
            created=datetime(2024, 3, 1, tzinfo=UTC),
        ),
        "recruitment": contribute(
            "Fair recruitment protects workers from debt bondage.",
            region="africa",
            kind="good-practice",
            language="en",
            objectives=(6,),
            group="academia",
            country="SN",
            created=datetime(2024, 5, 1, tzinfo=UTC),
        ),
        "french": contribute(
            "Les travailleurs saisonniers ont besoin de visas.",
            region="africa",
            kind="comment",
            language="fr",
            objectives=(5,),
            country="SN",
            created=datetime(2023, 11, 20, tzinfo=UTC),
        ),
        "arabic": contribute(
            "نوصي بتعزيز وصول العمال المهاجرين إلى الخدمات الأساسية",
            region="arab-states",
            kind="report",
            language="ar",
            objectives=(15,),
            group="civil-society",
            country="JO",
            created=datetime(2024, 1, 10, tzinfo=UTC),
        ),
        "question": contribute(
            "How are **workers** counted when they move between countries?",
            region="asia-pacific",
            subject="Data on migration",
            kind="question",
            language="en",
            group="academia",
            created=datetime(2024, 6, 2, tzinfo=UTC),
        ),
    }
    hidden = {
        "unapproved": contribute("Workers recruitment visas pending", region="europe", approved=False),
        "unapproved_topic": contribute(
            "Workers recruitment visas topic", region="europe", topic_approved=False
        ),
        "closed": contribute("Workers recruitment visas staff", region="europe", forum=closed_forum()),
    }
    return posts, hidden
