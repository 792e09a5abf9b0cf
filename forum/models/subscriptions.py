"""Who follows which space, how they want to hear about it, and which posts
were announced.

Topic subscriptions are machina's own (``Topic.subscribers``); a space is a
machina forum, so following one is stored here with the same shape.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately, one e-mail per post")
    DIGEST = "digest", _("Once a day, in a digest")


class SpaceSubscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_subscriptions"
    )
    forum = models.ForeignKey("forum.Forum", on_delete=models.CASCADE, related_name="space_subscriptions")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("space subscription")
        verbose_name_plural = _("space subscriptions")
        constraints = [models.UniqueConstraint(fields=["user", "forum"], name="follow_a_space_once")]

    def __str__(self):
        return f"{self.user_id} → {self.forum_id}"


class NotificationSettings(models.Model):
    """A reader's e-mail preferences; a reader without a row gets the defaults
    (a daily digest in the site's default language)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_settings",
    )
    delivery = models.CharField(
        _("e-mails"), max_length=20, choices=Delivery.choices, default=Delivery.DIGEST
    )
    # Set from the language the reader used when they first followed something.
    language = models.CharField(_("language of the e-mails"), max_length=8, choices=settings.LANGUAGES)
    # The end of the window the last digest covered; the next one starts there.
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("e-mail preferences")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self):
        return f"{self.user_id}: {self.delivery}, {self.language}"


class AnnouncedPost(models.Model):
    """A post that became visible and was announced to its followers.

    A post is announced once: edits, and a post restored after readers' reports
    hid it, are not news again. The digest reads what became visible since
    the last one from here (a post approved today may have been written
    last week). Bulk imports send no signals, so imported posts never get a
    row and are never mailed.
    """

    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, primary_key=True, related_name="announcement"
    )
    announced_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("announced post")
        verbose_name_plural = _("announced posts")

    def __str__(self):
        return str(self.post_id)
