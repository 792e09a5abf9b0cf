"""A stakeholder on a phone opens the discussion spaces in Arabic and reads
how many topics and replies each holds, in words that agree with the number."""

import pytest
from machina.core.db.models import get_model

from forum.models import RegionalSpace

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")


def test_the_spaces_and_a_spaces_topics_count_in_arabic(
    live_server, hub_site, page, screenshot, verified_user
):
    from tests.stakeholders import give_profile

    give_profile(verified_user)
    arab_states = RegionalSpace.objects.get(region__slug="arab-states").forum
    for subject, replies in (("Decent work", 0), ("Fair recruitment", 1), ("Regular pathways", 11)):
        topic = Topic.objects.create(
            forum=arab_states,
            subject=subject,
            poster=verified_user,
            type=Topic.TOPIC_POST,
            status=Topic.TOPIC_UNLOCKED,
            approved=True,
        )
        Post.objects.create(
            topic=topic, poster=verified_user, subject=subject, content="Body.", approved=True
        )
        Topic.objects.filter(pk=topic.pk).update(posts_count=replies + 1, views_count=replies * 10)

    # Setup: the counters machina keeps, as a busy site would have them; set
    # after the topics, since machina recounts when a post is saved.
    counts = {"africa": (0, 0), "arab-states": (2, 12), "asia-pacific": (3, 3), "europe": (11, 100)}
    for slug, (topics, posts) in counts.items():
        forum = RegionalSpace.objects.get(region__slug=slug).forum
        Forum.objects.filter(pk=forum.pk).update(direct_topics_count=topics, direct_posts_count=posts)

    page.goto(f"{live_server.url}/ar/forum/")
    cards = page.locator(".forum-card")
    text = " ".join(cards.all_inner_texts())
    for words in ("لا مواضيع", "لا مشاركات", "موضوعان", "3 مواضيع", "11 موضوعًا", "100 مشاركة", "12 مشاركةً"):
        assert words in text, words
    screenshot("spaces-counts-ar-phone")

    page.locator(".forum-card .card-title a").filter(has_text="الدول العربية").click()
    rows = " ".join(page.locator(".topic-row").all_inner_texts())
    for words in ("لا ردود", "ردّ واحد", "11 ردًّا", "لا مشاهدات", "10 مشاهدات", "110 مشاهدات"):
        assert words in rows, words
    screenshot("space-topic-counts-ar-phone")
