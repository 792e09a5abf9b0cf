"""Who may edit a post, and until when.

machina lets authors edit their posts for ever; here an author has
CONTRIBUTION_EDIT_WINDOW_HOURS after posting, while the space's moderators
(machina's ``can_edit_posts``) and superusers keep editing any time.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone


def edit_window():
    return timedelta(hours=getattr(settings, "CONTRIBUTION_EDIT_WINDOW_HOURS", 24))


def can_moderate_posts(handler, forum, user):
    """Whether ``user`` may edit anyone's posts in ``forum`` (a moderator of its space)."""
    # machina's own helper behind every check: superusers pass, others need the permission.
    return user.is_authenticated and handler._perform_basic_permission_check(forum, user, "can_edit_posts")


def can_edit_post(handler, post, user, *, now=None):
    """machina's decision, with the author's edit window applied."""
    if not handler.can_edit_post(post, user):
        return False
    if user.is_superuser or can_moderate_posts(handler, post.topic.forum, user):
        return True
    return (now or timezone.now()) - post.created <= edit_window()
