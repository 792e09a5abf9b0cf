"""Default permissions of the regional discussion spaces."""

from machina.core.db.models import get_model

# Anyone, signed in or not, may see and read public spaces. Posting needs a
# verified account (allauth holds unverified accounts at the confirmation
# step) and is governed by MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS.
PUBLIC_READ_PERMISSIONS = ("can_see_forum", "can_read_forum")


def grant_public_read(**kwargs):
    """Give anonymous visitors read access to every space, once.

    Runs after each ``migrate``. A global row that already exists is left as
    it is, so an administrator who later closes the spaces is not overruled.
    """
    forum_permission = get_model("forum_permission", "ForumPermission")
    user_forum_permission = get_model("forum_permission", "UserForumPermission")
    for codename in PUBLIC_READ_PERMISSIONS:
        permission, _created = forum_permission.objects.get_or_create(codename=codename)
        user_forum_permission.objects.get_or_create(
            permission=permission,
            forum=None,
            user=None,
            anonymous_user=True,
            defaults={"has_perm": True},
        )
