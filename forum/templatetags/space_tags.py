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
from django.utils import translation

from forum.models import RegionalSpace
from forum.profiles.names import signed_name
from hub.models.taxonomy import localized_terms

register = template.Library()


def localized_space_regions(request=None):
    """``{forum id: region row in the active language}`` for every regional space.

    Kept on the request (per language), so a page that names spaces in its
    breadcrumb, title and lists asks the database once.
    """
    language = translation.get_language()
    store = request.__dict__.setdefault("_space_regions", {}) if request is not None else {}
    if language not in store:
        spaces = list(RegionalSpace.objects.select_related("region"))
        regions = localized_terms([space.region for space in spaces])
        store[language] = {space.forum_id: region for space, region in zip(spaces, regions, strict=True)}
    return store[language]


@register.simple_tag(takes_context=True)
def space_region(context, forum):
    """The region of ``forum``'s space in the visitor's language, or None."""
    if forum is None or not getattr(forum, "pk", None):
        return None
    return localized_space_regions(context.get("request")).get(forum.pk)


@register.simple_tag(takes_context=True)
def space_name(context, forum):
    """``forum``'s name for the visitor: its region's name if it is a regional space."""
    region = space_region(context, forum)
    return region.name if region is not None else getattr(forum, "name", "")


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
