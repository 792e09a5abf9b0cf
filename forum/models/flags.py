"""Reports ("flags") readers file against posts, and posts the reports took down."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Abusive, hateful or threatening")
    PERSONAL_DATA = "personal-data", _("Reveals someone's personal information")
    OFF_TOPIC = "off-topic", _("Off topic for this space")
    OTHER = "other", _("Something else")
    # Filed by the site, not a reader: the text of an attached file could not
    # be read (forum.attachments.extraction), so search cannot find it.
    UNREADABLE_FILE = "unreadable-file", _("An attached file could not be read")


class FlagResolution(models.TextChoices):
    DISMISSED = "dismissed", _("Dismissed: the post stays or is restored")
    UPHELD = "upheld", _("Upheld: the post stays hidden")


class Flag(models.Model):
    """One reader's report of one post; a reader reports a post once."""

    post = models.ForeignKey("forum_conversation.Post", on_delete=models.CASCADE, related_name="flags")
    # None for a report the site files itself (an unreadable attachment).
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    # Set when a moderator of the post's space decides; open flags have none.
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(max_length=20, choices=FlagResolution.choices, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="one_flag_per_reader")]
        indexes = [
            models.Index(fields=["post", "resolved_at"]),
            # The hourly rate limit counts a reporter's recent flags.
            models.Index(fields=["reporter", "created"]),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.post_id})"


class AutoHiddenPost(models.Model):
    """A post hidden (machina ``approved=False``) because enough readers
    reported it, pending a moderator's decision.

    Kept apart from machina's flag so a post held by pre-moderation and one
    taken down by reports can be told apart in the moderation queue.
    """

    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, primary_key=True, related_name="auto_hidden"
    )
    hidden_at = models.DateTimeField()
    flag_count = models.PositiveIntegerField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(max_length=20, choices=FlagResolution.choices, blank=True)

    class Meta:
        verbose_name = _("post hidden by reports")
        verbose_name_plural = _("posts hidden by reports")

    def __str__(self):
        return str(self.post_id)

    @property
    def pending(self):
        return self.decided_at is None
