"""The daily digest: for each reader who asked for one, everything that
became visible in what they follow since their last digest."""

from datetime import timedelta

from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone
from machina.core.db.models import get_model
from machina.core.loading import get_class

from forum import visibility
from forum.models import SpaceSubscription

from .mail import Mailer
from .preferences import settings_for
from .recipients import TopicSubscription, digest_readers

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")

# A digest lists at most this many posts and says how many more there are.
MAX_POSTS = 100


def send_digests(now=None):
    """Send today's digests; returns the number of e-mails sent.

    A reader gets at most one digest per calendar day (in TIME_ZONE): run
    twice, the second run sends nothing. The window of each digest starts
    where the reader's previous one ended, so nothing is sent twice and
    nothing falls between two digests.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    mailer = Mailer()
    handler = PermissionHandler()
    connection = get_connection()
    sent = 0
    for user in digest_readers().order_by("pk"):
        prefs = settings_for(user)
        if prefs.last_digest_at and timezone.localdate(prefs.last_digest_at) >= today:
            continue
        since = prefs.last_digest_at or now - timedelta(days=1)
        posts, left_out = digest_posts(user, since, now, handler)
        if posts:
            connection.send_messages([mailer.digest_message(user, prefs.language, posts, left_out=left_out)])
            sent += 1
        # Recorded per reader right after their e-mail: an interrupted run
        # resumes without sending anyone a digest twice.
        prefs.last_digest_at = now
        prefs.save()
    return sent


def digest_posts(user, since, until, handler):
    """The posts for ``user``'s digest, ordered by space, topic and date, and how many were left out."""
    followed = Q(topic_id__in=TopicSubscription.objects.filter(user_id=user.pk).values("topic_id")) | Q(
        topic__forum_id__in=SpaceSubscription.objects.filter(user_id=user.pk).values("forum_id")
    )
    posts = (
        # Hidden or held again since it was announced: left out.
        visibility.public_posts(
            Post.objects.filter(
                followed, announcement__announced_at__gt=since, announcement__announced_at__lte=until
            )
        )
        .exclude(poster_id=user.pk)
        .exclude(contribution__external_id__isnull=False)
    )
    forum_ids = set(posts.values_list("topic__forum_id", flat=True).distinct())
    if not forum_ids:
        return [], 0
    readable = [f.pk for f in handler.get_readable_forums(Forum.objects.filter(pk__in=forum_ids), user)]
    posts = posts.filter(topic__forum_id__in=readable)
    total = posts.count()
    selected = list(
        posts.select_related(
            "topic__forum__regional_space__region", "poster__stakeholder_profile", "contribution"
        ).order_by("topic__forum__name", "topic__forum_id", "topic__subject", "topic_id", "created", "pk")[
            :MAX_POSTS
        ]
    )
    return selected, total - len(selected)
