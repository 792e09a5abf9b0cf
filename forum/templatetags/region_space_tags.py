"""A region page's discussion space: the way in and its latest contributions.

The page lives in ``hub``, which imports nothing of ``forum``; its template
asks this tag for the forum data instead.
"""

from django import template
from machina.core.db.models import get_model
from machina.core.loading import get_class

from forum import visibility
from forum.models import RegionalSpace

Post = get_model("forum_conversation", "Post")
PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")

LATEST_CONTRIBUTIONS_ON_REGION = 5

register = template.Library()


def space_forum_for(page):
    """The forum a region page leads to: the one its editors chose, else the
    regional space of its region (whatever the page's language, the space
    hangs on the region's English row, which shares its translation key)."""
    if page.discussion_space_id is not None:
        return page.discussion_space
    space = (
        RegionalSpace.objects.select_related("forum")
        .filter(region__translation_key=page.region.translation_key)
        .first()
    )
    return space.forum if space is not None else None


def latest_contributions(forum, user, limit=LATEST_CONTRIBUTIONS_ON_REGION):
    """The newest approved posts of ``forum`` in approved topics, if ``user`` may read it."""
    if not PermissionHandler().can_read_forum(forum, user):
        return []
    return list(
        visibility.public_posts(Post.objects.filter(topic__forum=forum))
        .select_related("topic", "poster", "contribution")
        .order_by("-created", "-pk")[:limit]
    )


@register.inclusion_tag("regional_forum/region_discussion_space.html", takes_context=True)
def region_discussion_space(context, page):
    request = context.get("request")
    forum = space_forum_for(page)
    user = getattr(request, "user", None)
    contributions = latest_contributions(forum, user) if forum is not None and user is not None else []
    return {"forum": forum, "contributions": contributions, "request": request}
