"""Who may post what, and whether it waits for a moderator.

The posting views call these two hooks; the moderation rules (new-account
limits, pre-moderation of first posts) replace their bodies.
"""

from machina.core.loading import get_class

PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")


def posting_error(user, forum, body, *, new_topic):
    """A message saying why ``user`` may not post ``body`` in ``forum`` now, or None."""
    return None


def needs_approval(user, space):
    """Whether a new post of ``user`` in ``space`` waits for a moderator."""
    return not PermissionHandler().can_post_without_approval(space.forum, user)
