"""Who may see a post or a topic: the one rule every surface asks.

Public: the post is approved, its topic is approved, and its forum is
readable (machina's forum permissions and the spaces' rules behind them).
Besides the public, the author sees their own pending post or pending
topic (marked pending), and the moderators of that topic's own forum see
everything held there. Anyone else gets a 404, as if it did not exist.

Queryset filters take the ``posts`` or ``topics`` to narrow and return them
narrowed, so callers keep their own ``select_related`` and ordering.
"""

import html
import re

import nh3
from django.db.models import Q
from django.http import Http404
from django.urls import reverse


def is_public(post):
    """Approved and in an approved topic (the forum's readability is the caller's question)."""
    return bool(post.approved and post.topic.approved)


def public_posts(posts, prefix=""):
    """Approved posts of approved topics among ``posts`` (``prefix`` for a
    related queryset, e.g. ``"post__"`` on contributions)."""
    return posts.filter(**{f"{prefix}approved": True, f"{prefix}topic__approved": True})


def can_moderate(handler, forum, user):
    """Whether ``user`` moderates ``forum`` (approves its held posts)."""
    return bool(user.is_authenticated and handler.can_approve_posts(forum, user))


def _is_author(obj, user):
    return bool(user.is_authenticated and obj.poster_id == user.pk)


def topic_visible_to(handler, topic, user):
    """Whether ``user`` may see ``topic`` at all (its page, its reply form, following it)."""
    return handler.can_read_forum(topic.forum, user) and may_see_if_held(handler, topic, user)


def post_visible_to(handler, post, user):
    """Whether ``user`` may see ``post`` (and so its attachments)."""
    if not handler.can_read_forum(post.topic.forum, user):
        return False
    if is_public(post):
        return True
    return _is_author(post, user) or can_moderate(handler, post.topic.forum, user)


def may_see_if_held(handler, topic, user):
    """Whether ``user`` may see ``topic`` as far as its being held goes (approved,
    or theirs, or in a forum they moderate); whether they may read its forum
    is asked apart (machina's views send the anonymous to sign in for that)."""
    return topic.approved or _is_author(topic, user) or can_moderate(handler, topic.forum, user)


def held_topic_or_404(handler, topic, user):
    """``topic``, or a 404 when it is held for moderation and ``user`` may not see it."""
    if not may_see_if_held(handler, topic, user):
        raise Http404
    return topic


def posts_on_topic_page(posts, user):
    """The posts a topic page lists to a reader who may see the topic: the
    approved ones, and the reader's own still held (shown marked pending)."""
    visible = Q(approved=True)
    if user.is_authenticated:
        visible |= Q(poster=user)
    return posts.filter(visible)


def topics_visible_to(handler, topics, user):
    """Among ``topics`` (in forums ``user`` may read), those ``user`` may see:
    approved ones, their own, and the held ones of forums they moderate."""
    return topics.filter(_own_or_moderated(handler, user, Q(approved=True), "forum"))


def posts_visible_to(handler, posts, user):
    """Among ``posts`` (in forums ``user`` may read), those ``user`` may see."""
    public = Q(approved=True, topic__approved=True)
    return posts.filter(_own_or_moderated(handler, user, public, "topic__forum"))


def _own_or_moderated(handler, user, public, forum_field):
    """``public``, or written by ``user``, or in a forum ``user`` moderates."""
    if not user.is_authenticated:
        return public
    visible = public | Q(poster=user)
    moderated = handler.get_moderation_queue_forums(user)
    if moderated:
        visible |= Q(**{f"{forum_field}__in": moderated})
    return visible


# ---------------------------------------------------------------- a post's link and its text


def topic_path(forum_slug, forum_pk, topic_slug, topic_pk):
    """The topic page's address (in the active language)."""
    return reverse(
        "forum_conversation:topic",
        kwargs={"forum_slug": forum_slug, "forum_pk": forum_pk, "slug": topic_slug, "pk": topic_pk},
    )


def at_post(topic_url, post_id):
    """The topic page holding the post, scrolled to the post."""
    return f"{topic_url}?post={post_id}#{post_id}"


def post_path(post):
    """A post's address: its topic's page, at the post."""
    topic = post.topic
    return at_post(topic_path(topic.forum.slug, topic.forum_id, topic.slug, topic.pk), post.pk)


# Closing tags after which the rendered post starts a new stretch of text.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr|td|th|div)>|<br\s*/?>", re.IGNORECASE)
# Every tag dropped and its text kept, by the sanitiser that wrote the markup
# (a fifth of the time of Django's strip_tags, which a search pays per hit).
_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags=set(), attributes={}, link_rel=None)


def paragraphs(rendered, source):
    """The post's lines as plain text (whitespace collapsed, empty ones left out).

    Read from machina's rendered HTML (sanitised, Markdown markers gone) with
    every tag stripped, so no HTML a user wrote survives; the Markdown source
    is the fallback for a post rendered by nothing.
    """
    text = html.unescape(_TEXT_ONLY.clean(_BLOCK_END.sub("\n", rendered))) if rendered else str(source or "")
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def plain_text(rendered, source):
    """The post's words on one line (what search analyses and snippets cut from)."""
    return " ".join(" ".join(paragraphs(rendered, source)).split())
