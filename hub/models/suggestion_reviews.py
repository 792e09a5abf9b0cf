"""An analyst's "no" to a suggested objective, so it is not offered again."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RejectedObjectiveSuggestion(models.Model):
    """Objective ``number`` was suggested for ``contribution`` and an analyst rejected it.

    The review of suggested objectives (``hub.objective_review``) leaves it
    out for that contribution from then on; an accepted suggestion needs no
    row: it becomes one of the contribution's objectives, logged as a
    re-classification.
    """

    contribution = models.ForeignKey(
        "regional_forum.Contribution",
        on_delete=models.CASCADE,
        related_name="rejected_suggestions",
        verbose_name=_("contribution"),
    )
    number = models.PositiveSmallIntegerField(_("objective number"))
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rejected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rejected objective suggestion")
        verbose_name_plural = _("rejected objective suggestions")
        constraints = [
            models.UniqueConstraint(fields=["contribution", "number"], name="one_rejection_per_objective")
        ]

    def __str__(self):
        return f"{self.contribution_id}: {self.number}"
