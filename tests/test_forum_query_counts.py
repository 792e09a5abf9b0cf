"""A topic page costs the same number of SQL queries whatever the number of
posts, their contributions' objectives or their re-classifications."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from machina.conf import settings as machina_settings
from machina.core.db.models import get_model

from forum.models import Reclassification, RegionalSpace
from hub.models import GcmObjective
from tests.factories import ContributionFactory, ReplyFactory, TopicFactory, UserFactory
from tests.forum_urls import topic_url

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

KINDS = ["comment", "recommendation", "good-practice", "report", "pledge", "question"]


@pytest.fixture(autouse=True)
def rendered_pages(settings):
    """What rendering costs: the anonymous page cache (hub/page_cache.py,
    tests/test_page_cache.py) would answer a second visit without it."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def space():
    return RegionalSpace.objects.select_related("forum").get(region__slug="arab-states")


def add_posts(topic, posters, count, moderator=None):
    """Replies of every kind and language, each with its author's profile and
    a few objectives; a moderator re-classifies every other one."""
    objectives = list(GcmObjective.objects.in_default_locale().order_by("number"))
    for n in range(count):
        poster = posters[n % len(posters)]
        profile = poster.stakeholder_profile
        contribution = ContributionFactory(
            post=ReplyFactory(
                topic=topic, poster=poster, subject=f"Post {n}", content=f"Contribution number {n}."
            ),
            kind=KINDS[n % len(KINDS)],
            language=["ar", "en", "fr"][n % 3],
            author_name=profile.display_name,
            organisation=profile.organisation,
            stakeholder_group=profile.stakeholder_group,
            country=profile.country,
            objectives=objectives[n % 20 : n % 20 + 1 + n % 3],
        )
        if moderator and n % 2:
            Reclassification.objects.create(
                contribution=contribution,
                changed_by=moderator,
                changes={"kind": {"before": "comment", "after": contribution.kind}},
            )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("viewer", ["anonymous", "author", "moderator"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_topic_page_does_not_grow_with_its_posts(client, space, stakeholders, viewer, language):
    moderator = UserFactory(username="mod", email="mod@example.org", password="x", moderates=["arab-states"])
    if viewer == "author":
        client.force_login(stakeholders[0])
    elif viewer == "moderator":
        client.force_login(moderator)

    def topic_with(count):
        topic = TopicFactory(forum=space.forum, subject=f"{count} posts", poster=stakeholders[0])
        add_posts(topic, stakeholders, count, moderator=moderator)
        return topic

    few, many = topic_with(5), topic_with(40)
    # Read both once first: caches (site root, content types) warm up, and
    # machina's read tracking, which writes on a first visit, settles.
    client.get(topic_url(few, language))
    client.get(topic_url(many, language))
    small = queries_for(client, topic_url(few, language))
    large = queries_for(client, topic_url(many, language))
    assert large == small, f"{small} queries with 5 posts, {large} with 40"
    # The page showed what it claims to, not an empty list.
    page = client.get(topic_url(many, language)).content.decode()
    assert page.count('class="contribution-meta') == machina_settings.TOPIC_POSTS_NUMBER_PER_PAGE
