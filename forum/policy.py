"""Who may post how often, and whose posts wait for a moderator.

The posting limits follow quality target RL2 (Discourse's trust-level-0
defaults). Everything is counted from machina's ``Post`` rows, so the limits
hold across processes and survive restarts; a cache would not. Each check is
one aggregate query over the poster's last 24 hours (an index on
``(poster_id, created)`` is added by migration 0002_flags), plus one small
query to say *when* the person may post again, only when they may not now.
"""

import math
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from machina.core.db.models import get_model
from machina.core.loading import get_class

Post = get_model("forum_conversation", "Post")
PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")

DAY = 24 * 3600
DUPLICATE_WINDOW = 5 * 60
NEW_ACCOUNT_MAX_LINKS = 2
# Anything a reader could follow: a scheme with "//", "www." or "mailto:".
LINK = re.compile(r"(?i)(?:\b[a-z][a-z0-9+.\-]*://|\bwww\.|\bmailto:)")


@dataclass(frozen=True)
class Limit:
    """At most ``count`` posts of ``kind`` within a rolling ``seconds`` window.

    ``kind`` is "topic" (a topic's first post), "reply" (any other post) or
    "post" (either). ``first_day`` limits count from the sign-up instead and
    only apply during the account's first 24 hours.
    """

    kind: str
    count: int
    seconds: int
    first_day: bool = False


NEW_ACCOUNT_LIMITS = (
    Limit("topic", 1, 120),
    Limit("reply", 1, 30),
    Limit("topic", 3, DAY, first_day=True),
    Limit("reply", 10, DAY, first_day=True),
)
ESTABLISHED_LIMITS = (
    Limit("topic", 1, 15),
    Limit("post", 1, 5),
    Limit("topic", 20, DAY),
)


def _setting(name, default):
    return getattr(settings, name, default)


def is_trusted(user, forum):
    """Staff, and the moderators of ``forum``'s own space, are vetted by the
    organisation for it; a moderator elsewhere posts here like anyone."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return forum is not None and user.groups.filter(moderated_space__forum=forum).exists()


def approved_posts_reach(user, count):
    """Whether ``user`` has at least ``count`` approved posts (never counts past it)."""
    if count <= 0:
        return True
    return Post.objects.filter(poster=user, approved=True).values("pk")[:count].count() >= count


def is_new_account(user, forum=None):
    """Unvetted: young, or with few approved posts; staff and (in ``forum``)
    its space's moderators never are."""
    if is_trusted(user, forum):
        return False
    days = _setting("FORUM_NEW_ACCOUNT_DAYS", 3)
    if user.date_joined > timezone.now() - timedelta(days=days):
        return True
    return not approved_posts_reach(user, _setting("FORUM_NEW_ACCOUNT_APPROVED_POSTS", 3))


def attachments_allowed(user, forum=None):
    """New accounts may not attach files (RL2: 0 attachments)."""
    return user.is_authenticated and not is_new_account(user, forum)


def needs_approval(user, space):
    """Whether a post by ``user`` in ``space`` waits for a moderator."""
    if is_trusted(user, space.forum):
        return False
    if space.premoderate_new_accounts and not approved_posts_reach(
        user, _setting("FORUM_PREMODERATE_APPROVED_POSTS", 1)
    ):
        return True
    return not PermissionHandler().can_post_without_approval(space.forum, user)


def hold_posting_lock(user):
    """Take, until the end of the current transaction, the lock under which
    ``user``'s posting checks and the write of their post happen, so that
    posts sent at once are checked one after the other.

    On PostgreSQL a lock on the poster's row; SQLite has no row locks, and
    there the transaction is already IMMEDIATE (site/settings/base.py): it
    took the database's write lock when it began.
    """
    User = get_user_model()
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))


def posting_error(user, forum, body, *, new_topic):
    """Why ``user`` may not post ``body`` in ``forum`` now, or None.

    The message is translated and says when they may post again.
    """
    if not user.is_authenticated:
        return _("Please sign in to post.")
    if is_trusted(user, forum):
        return None
    new = is_new_account(user, forum)
    if new:
        links = len(LINK.findall(body or ""))
        if links > NEW_ACCOUNT_MAX_LINKS:
            return ngettext(
                "New accounts can include at most %(count)d link in a post.",
                "New accounts can include at most %(count)d links in a post.",
                NEW_ACCOUNT_MAX_LINKS,
            ) % {"count": NEW_ACCOUNT_MAX_LINKS}

    now = timezone.now()
    limits = [
        limit
        for limit in (NEW_ACCOUNT_LIMITS if new else ESTABLISHED_LIMITS)
        if limit.kind in ("post", "topic" if new_topic else "reply")
        and (not limit.first_day or user.date_joined > now - timedelta(seconds=limit.seconds))
    ]
    recent = Post.objects.filter(poster=user, created__gt=now - timedelta(seconds=DAY))
    aggregates = {
        f"limit{i}": Count("pk", filter=_window(limit, user, now)) for i, limit in enumerate(limits)
    }
    bodies = {body or "", (body or "").strip()}
    aggregates["duplicates"] = Count(
        "pk", filter=Q(created__gt=now - timedelta(seconds=DUPLICATE_WINDOW), content__in=bodies)
    )
    counts = recent.aggregate(**aggregates)

    blocked = []  # (when they may post again, message)
    for i, limit in enumerate(limits):
        if counts[f"limit{i}"] >= limit.count:
            blocked.append((_retry_at(recent, limit, user), limit))
    if counts["duplicates"]:
        last = recent.filter(content__in=bodies).order_by("-created").values_list("created", flat=True)[0]
        blocked.append((last + timedelta(seconds=DUPLICATE_WINDOW), None))
    if not blocked:
        return None
    retry_at, limit = max(blocked, key=lambda item: item[0])
    return _message(limit, _wait(retry_at, now))


def _kind(kind):
    topic_head = Q(topic__first_post_id=F("pk"))
    return {"topic": topic_head, "reply": ~topic_head, "post": Q()}[kind]


def _window(limit, user, now):
    if limit.first_day:
        return _kind(limit.kind) & Q(created__gte=user.date_joined)
    return _kind(limit.kind) & Q(created__gt=now - timedelta(seconds=limit.seconds))


def _retry_at(recent, limit, user):
    if limit.first_day:
        return user.date_joined + timedelta(seconds=limit.seconds)
    # The window frees up when the count-th most recent post leaves it.
    # Posts written meanwhile can leave fewer than ``count`` in the window by
    # the time this runs (a window that just moved on): then the oldest one
    # still in it, or now, is when a place frees up.
    created = list(
        recent.filter(_window(limit, user, timezone.now()))
        .order_by("-created")
        .values_list("created", flat=True)[: limit.count]
    )
    if not created:
        return timezone.now()
    return created[-1] + timedelta(seconds=limit.seconds)


def _wait(retry_at, now):
    seconds = max(1, math.ceil((retry_at - now).total_seconds()))
    if seconds < 60:
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    # Round up to the minute: "1 minute" for 119 seconds would be a promise broken.
    minutes = math.ceil(seconds / 60)
    return timeuntil(now + timedelta(minutes=minutes), now, depth=2)


def _message(limit, wait):
    if limit is None:
        return _("You posted this same message a moment ago. Write something new, or wait %(wait)s.") % {
            "wait": wait
        }
    if limit.count == 1:
        if limit.kind == "topic":
            return _("You are starting topics too quickly. You can start another topic in %(wait)s.") % {
                "wait": wait
            }
        return _("You are posting too quickly. You can post again in %(wait)s.") % {"wait": wait}
    if limit.kind == "topic":
        return _(
            "You have started as many topics as your account allows for now (%(count)s). "
            "You can start another topic in %(wait)s."
        ) % {"count": limit.count, "wait": wait}
    return _(
        "You have posted as many replies as your account allows for now (%(count)s). "
        "You can reply again in %(wait)s."
    ) % {"count": limit.count, "wait": wait}
