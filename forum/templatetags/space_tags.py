"""How the discussion spaces are named and listed.

machina knows a space only by its forum's English name; a regional space's
name in the visitor's language is its region's translation. Every lookup
here costs a fixed number of queries per page, whatever the number of
forums, topics or posts listed: names are read once per request, and the
rows a list shows (last posts' topics, contributions) are fetched for the
whole list at once.
"""

from django import template
from django.db.models import prefetch_related_objects

from forum import space_names
from forum.profiles.names import signed_name

register = template.Library()


def request_store(context):
    """Where a page keeps the spaces' names it has read (on its request)."""
    request = context.get("request")
    return request.__dict__.setdefault("_space_regions", {}) if request is not None else {}


@register.simple_tag(takes_context=True)
def space_region(context, forum):
    """The region of ``forum``'s space in the visitor's language, or None."""
    return space_names.space_region(forum, request_store(context))


@register.simple_tag(takes_context=True)
def space_name(context, forum):
    """``forum``'s name for the visitor: its region's name if it is a regional space."""
    return space_names.space_name(forum, request_store(context))


@register.simple_tag
def prefetch_forum_list(forum_contents):
    """Fetch the topic and contribution of every last post a forum list shows.

    machina follows only the last post and its poster; its template then
    reads each last post's topic, one query per forum. Renders nothing.
    """
    posts = [node.last_post for node in forum_contents.nodes if node.last_post is not None]
    prefetch_related_objects(posts, "topic__forum", "contribution", "poster__stakeholder_profile")
    return ""


@register.simple_tag
def prefetch_topic_list(topics):
    """Fetch the first and last posts' contributions of every topic listed,
    so each row can name its authors as they signed. Renders nothing."""
    prefetch_related_objects(
        list(topics or ()),
        "forum",
        "first_post__contribution",
        "first_post__poster__stakeholder_profile",
        "last_post__contribution",
        "last_post__poster__stakeholder_profile",
    )
    return ""


@register.filter
def author_name(post):
    """The name a post is signed with (``forum.profiles.names.signed_name``)."""
    return signed_name(post)
