"""E-mail followers when a post becomes visible.

A post becomes visible when it is saved approved for the first time:
created approved, or approved later by a moderator (machina sets
``approved=True``), and its topic is approved; a post approved inside a
topic still held is announced when a moderator approves the topic.
The e-mails go out after the transaction commits, all posts of one
transaction together, so nothing is sent for work that is rolled back,
and the post's contribution (saved in the same transaction) is there to read.
"""

import threading

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from machina.core.db.models import get_model
from machina.core.loading import get_class

from forum import visibility
from forum.models import AnnouncedPost, Delivery

from .mail import Mailer
from .preferences import settings_for
from .recipients import followers

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")

_local = threading.local()


def note_visibility(sender, instance, raw=False, **kwargs):
    """pre_save: whether this save makes the post visible (one query, only
    when an already-saved post is saved approved)."""
    if raw or not instance.approved:
        instance._becomes_visible = False
    elif instance._state.adding or instance.pk is None:
        instance._becomes_visible = True
    else:
        instance._becomes_visible = not Post.objects.filter(pk=instance.pk, approved=True).exists()


def queue_announcement(sender, instance, raw=False, **kwargs):
    """post_save: announce the post once the transaction commits."""
    if raw or not getattr(instance, "_becomes_visible", False):
        return
    instance._becomes_visible = False
    _queue([instance.pk])


def remember_topic_approval(sender, instance, **kwargs):
    """post_init of a topic: whether it was approved when read (no query when saved)."""
    instance._was_approved = instance.approved


def note_topic_approval(sender, instance, raw=False, **kwargs):
    """pre_save of a topic: whether this save approves a held topic (the posts
    approved inside it meanwhile were not announced: now they are)."""
    instance._becomes_approved = bool(
        not raw and instance.approved and not instance._state.adding and instance._was_approved is False
    )
    instance._was_approved = instance.approved


def queue_topic_announcement(sender, instance, raw=False, **kwargs):
    """post_save of a topic: announce its approved posts once the transaction commits."""
    if raw or not getattr(instance, "_becomes_approved", False):
        return
    instance._becomes_approved = False
    _queue(list(visibility.public_posts(Post.objects.filter(topic=instance)).values_list("pk", flat=True)))


def _queue(post_ids):
    batch = getattr(_local, "batch", None)
    if batch is None or not batch.pending():
        batch = _local.batch = _Batch()
        batch.post_ids.extend(post_ids)
        # Outside a transaction this runs at once; a failing mail server is
        # logged and never undoes or breaks the saving of the post.
        transaction.on_commit(batch.flush, robust=True)
    else:
        batch.post_ids.extend(post_ids)


class _Batch:
    """The posts made visible by one transaction."""

    def __init__(self):
        self.post_ids = []
        self.done = False

    def pending(self):
        """Still waiting for the commit: not sent, and not dropped by a rollback
        (a rollback discards the callback; the next transaction starts anew)."""
        if self.done:
            return False
        connection = transaction.get_connection()
        return any(entry[1] == self.flush for entry in connection.run_on_commit)

    def flush(self):
        self.done = True
        if getattr(_local, "batch", None) is self:
            _local.batch = None
        announce(self.post_ids)


def announce(post_ids):
    """E-mail the followers who asked for it of each visible, not yet announced post.

    Returns the number of e-mails sent.
    """
    posts = (
        # A post in a held topic waits (unannounced) until the topic is approved.
        visibility.public_posts(Post.objects.filter(pk__in=set(post_ids)))
        .exclude(contribution__external_id__isnull=False)
        .select_related("topic__forum__regional_space__region", "poster__stakeholder_profile", "contribution")
        .order_by("pk")
    )
    mailer = Mailer()
    handler = PermissionHandler()
    messages = []
    for post in posts:
        _row, created = AnnouncedPost.objects.get_or_create(
            post=post, defaults={"announced_at": timezone.now()}
        )
        if not created:
            continue  # edited, or restored after being hidden: not news again
        forum = post.topic.forum
        for user in followers(post.topic).exclude(pk=post.poster_id or 0):
            prefs = settings_for(user)
            if prefs.delivery != Delivery.IMMEDIATELY or not handler.can_read_forum(forum, user):
                continue
            scope, object_id = ("topic", post.topic_id) if user.follows_topic else ("space", forum.pk)
            messages.append(mailer.post_message(post, user, prefs.language, scope=scope, object_id=object_id))
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
