"""A contribution: a machina post plus what analysts need to know about it.

Kept one-to-one with machina's ``Post`` instead of forking machina's model,
so machina's migrations and upgrades stay untouched.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContributionKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    RECOMMENDATION = "recommendation", _("Recommendation")
    GOOD_PRACTICE = "good-practice", _("Good practice")
    REPORT = "report", _("Report")
    PLEDGE = "pledge", _("Pledge")
    QUESTION = "question", _("Question")


class Contribution(models.Model):
    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="contribution", primary_key=True
    )
    # Denormalised from the post's forum: every search filter starts here.
    space = models.ForeignKey(
        "regional_forum.RegionalSpace", on_delete=models.PROTECT, related_name="contributions"
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=ContributionKind.choices, default=ContributionKind.COMMENT
    )
    objectives = models.ManyToManyField(
        "hub.GcmObjective", blank=True, related_name="+", verbose_name=_("GCM objectives")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    language_detected = models.BooleanField(
        _("language detected"), default=False, help_text=_("The author did not choose it; it was detected.")
    )
    # The author as they were when posting (copied from their profile).
    author_name = models.CharField(_("author"), max_length=100, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_group = models.ForeignKey(
        "hub.StakeholderGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stakeholder group"),
    )
    country = models.ForeignKey(
        "hub.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    # Set for contributions imported from e-mail or an earlier platform; makes re-import idempotent.
    external_id = models.CharField(max_length=200, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["space", "kind"]), models.Index(fields=["language"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.post.subject}"


class Reclassification(models.Model):
    """A change staff made to a contribution's metadata: who, when, before → after."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="reclassifications")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    # {"field": {"before": ..., "after": ...}} with slugs and numbers, readable in any language.
    changes = models.JSONField()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("re-classification")
        verbose_name_plural = _("re-classifications")

    def __str__(self):
        return f"{self.contribution_id} {self.changed_at:%Y-%m-%d %H:%M} {', '.join(self.changes)}"
