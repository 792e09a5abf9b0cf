"""What filing a report and deciding on reports do to a post.

Hiding uses machina's own ``approved`` flag, so a hidden post disappears
wherever machina lists posts and shows up in its moderation queue; the
``AutoHiddenPost`` row records that reports, not pre-moderation, put it there.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from forum.models import AutoHiddenPost, Flag, FlagResolution


def flags_to_hide():
    return getattr(settings, "FORUM_FLAGS_TO_HIDE", 3)


def over_hourly_limit(user):
    """Whether ``user`` filed as many reports in the last hour as allowed."""
    limit = getattr(settings, "FORUM_FLAGS_PER_HOUR", 20)
    since = timezone.now() - timedelta(hours=1)
    return Flag.objects.filter(reporter=user, created__gt=since).values("pk")[:limit].count() >= limit


@transaction.atomic
def report(post, reporter, reason, note=""):
    """File ``reporter``'s report; hide the post once enough readers reported it.

    Returns the new flag, or None when this reader already reported the post.
    """
    try:
        with transaction.atomic():
            flag = Flag.objects.create(post=post, reporter=reporter, reason=reason, note=note)
    except IntegrityError:
        return None
    # Readers' reports hide a post; the site's own (an unreadable file) do not.
    open_count = Flag.objects.filter(post=post, resolved_at__isnull=True, reporter__isnull=False).count()
    if post.approved and open_count >= flags_to_hide():
        _hide(post, open_count)
    return flag


def _hide(post, flag_count):
    AutoHiddenPost.objects.update_or_create(
        post=post,
        defaults={
            "hidden_at": timezone.now(),
            "flag_count": flag_count,
            "decided_at": None,
            "decided_by": None,
            "decision": "",
        },
    )
    post.approved = False
    post.save()


@transaction.atomic
def decide(post, moderator, *, restore):
    """Close the post's open reports: restore it (dismiss them) or keep/make it hidden."""
    now = timezone.now()
    resolution = FlagResolution.DISMISSED if restore else FlagResolution.UPHELD
    open_count = Flag.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=moderator, resolution=resolution
    )
    if not restore and post.approved:
        _hide(post, open_count)
    hidden_by_flags = AutoHiddenPost.objects.filter(post=post).update(
        decided_at=now, decided_by=moderator, decision=resolution
    )
    # Only a post the reports took down comes back; one waiting for
    # pre-moderation stays in machina's queue.
    if restore and hidden_by_flags and not post.approved:
        post.approved = True
        post.save()


def close_on_approval(sender, instance, created, **kwargs):
    """A moderator who approves an auto-hidden post through machina's own
    queue restores it: close its reports so the next one does not re-hide it
    at once. (post_save receiver; one UPDATE per saved post.)"""
    if created or not instance.approved:
        return
    now = timezone.now()
    if AutoHiddenPost.objects.filter(post_id=instance.pk, decided_at__isnull=True).update(
        decided_at=now, decision=FlagResolution.DISMISSED
    ):
        Flag.objects.filter(post_id=instance.pk, resolved_at__isnull=True).update(
            resolved_at=now, resolution=FlagResolution.DISMISSED
        )
