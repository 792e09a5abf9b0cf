"""Whose figures: the public's, or a moderator's or analyst's.

Both count what the contribution search finds for them, so that every
figure's link finds exactly what it counts: the public contributions
(``forum.visibility.public_posts``) of the forums machina lets them read
(``search.facade``'s cached answer). The public dashboard counts what an
anonymous visitor may read, whoever looks at it; the staff view counts what
its reader may, private spaces included, and beside it what waits for
moderation in the spaces they moderate (which no search lists: the
moderation queue does).
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from machina.core.db.models import get_model
from machina.core.loading import get_class

from forum import visibility
from hub.papers.analysts import may_generate
from search.facade import readable_forum_ids

PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")
Post = get_model("forum_conversation", "Post")


@dataclass(frozen=True)
class Audience:
    user: object
    staff: bool
    forum_ids: frozenset
    moderated_forum_ids: frozenset

    @property
    def key(self):
        """What the figures depend on, for the cache."""
        return (self.staff, tuple(sorted(self.forum_ids)), tuple(sorted(self.moderated_forum_ids)))

    def posts(self):
        """The posts whose contributions this audience counts."""
        return visibility.public_posts(Post.objects.filter(topic__forum_id__in=self.forum_ids))


def may_see_staff_view(user):
    """Moderators of a space, analysts and the site's staff see the staff view."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_staff or may_generate(user) or PermissionHandler().get_moderation_queue_forums(user))


def public():
    anonymous = AnonymousUser()
    return Audience(anonymous, False, frozenset(readable_forum_ids(anonymous)), frozenset())


def staff(user):
    moderated = PermissionHandler().get_moderation_queue_forums(user)
    return Audience(user, True, frozenset(readable_forum_ids(user)), frozenset(f.pk for f in moderated))
