"""Addresses of the discussion spaces' pages, for tests (machina's URL names and arguments)."""

from django.urls import reverse
from django.utils import translation


def topic_url(topic, language="en"):
    with translation.override(language):
        return reverse(
            "forum_conversation:topic",
            kwargs={
                "forum_slug": topic.forum.slug,
                "forum_pk": topic.forum.pk,
                "slug": topic.slug,
                "pk": topic.pk,
            },
        )


def post_create_url(topic, language="en"):
    """The reply form of ``topic``."""
    with translation.override(language):
        return reverse(
            "forum_conversation:post_create",
            kwargs={
                "forum_slug": topic.forum.slug,
                "forum_pk": topic.forum.pk,
                "topic_slug": topic.slug,
                "topic_pk": topic.pk,
            },
        )
