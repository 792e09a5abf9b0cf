"""The five regional discussion spaces and their moderator groups."""

from django.contrib.auth.models import Group
from django.db import transaction
from machina.core.db.models import get_model

from hub.taxonomy.models import Region

from .models import RegionalSpace

Forum = get_model("forum", "Forum")
ForumPermission = get_model("forum_permission", "ForumPermission")
GroupForumPermission = get_model("forum_permission", "GroupForumPermission")

# What a region's moderators may do in their own space, and nowhere else:
# approve, edit, move, lock and hide (delete) posts, and reach the queue.
MODERATOR_PERMISSIONS = (
    "can_see_forum",
    "can_read_forum",
    "can_start_new_topics",
    "can_reply_to_topics",
    "can_post_without_approval",
    "can_post_stickies",
    "can_post_announcements",
    "can_reply_to_locked_topics",
    "can_approve_posts",
    "can_edit_posts",
    "can_delete_posts",
    "can_move_topics",
    "can_lock_topics",
    "can_attach_file",
    "can_download_file",
)


def moderators_group_name(region):
    return f"Moderators: {region.name}"


@transaction.atomic
def ensure_regional_spaces():
    """Create what is missing of one space per region; leave the rest as it is.

    Returns the spaces, in the regions' order. Safe to run on every set-up:
    names an administrator changed are kept.
    """

    spaces = []
    existing = {s.region_id: s for s in RegionalSpace.objects.select_related("forum", "moderators")}
    for region in Region.objects.filter(locale__language_code="en").order_by("sort_order", "slug"):
        space = existing.get(region.pk)
        if space is None:
            forum = Forum.objects.create(name=region.name, slug=region.slug, type=Forum.FORUM_POST)
            group, _created = Group.objects.get_or_create(name=moderators_group_name(region))
            space = RegionalSpace.objects.create(forum=forum, region=region, moderators=group)
            grant_moderation(space)
        spaces.append(space)
    return spaces


def grant_moderation(space):
    for codename in MODERATOR_PERMISSIONS:
        permission, _created = ForumPermission.objects.get_or_create(codename=codename)
        GroupForumPermission.objects.update_or_create(
            permission=permission, forum=space.forum, group=space.moderators, defaults={"has_perm": True}
        )
