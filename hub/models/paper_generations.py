"""A paper's generation: what was asked, how far it has got, and the frozen
set of contributions the paper rests on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GenerationStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


class PaperGeneration(models.Model):
    """One request to generate an analysis paper from a search.

    ``query`` holds the search's parameters as the search page writes them
    (``search.params``), region included, so the paper can link to the same
    search and be generated again. ``figures`` keeps everything counted, as
    counted, for auditing a published paper against its frozen set.
    """

    region_page = models.ForeignKey(
        "hub.RegionPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("region page")
    )
    title = models.CharField(_("title"), max_length=255)
    language = models.CharField(_("language of the draft"), max_length=8, choices=settings.LANGUAGES)
    query = models.CharField(_("search"), max_length=2000, blank=True)
    comparison_query = models.CharField(
        _("comparison search"),
        max_length=2000,
        blank=True,
        help_text=_("Another region or an earlier period to compare with, as search parameters."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Generated again from the frozen set of an earlier generation, not from a new search.
    source = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="regenerations"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GenerationStatus.choices, default=GenerationStatus.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the contribution set was frozen: the "as of" of the paper.
    as_of = models.DateTimeField(_("as of"), null=True, blank=True)
    contribution_count = models.PositiveIntegerField(_("number of contributions"), null=True, blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    page = models.ForeignKey(
        "hub.AnalysisPaperPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("paper generation")
        verbose_name_plural = _("paper generations")
        permissions = [("generate_analysis_paper", _("Can generate analysis papers"))]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    @property
    def seconds(self):
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class FrozenContribution(models.Model):
    """One contribution of a generation's set, as it was when frozen."""

    generation = models.ForeignKey(PaperGeneration, on_delete=models.CASCADE, related_name="frozen")
    # Not a foreign key: a post deleted later must not take the record with it.
    post_id = models.PositiveBigIntegerField()
    # SHA-256 of the contribution's text and metadata (``hub.papers.freeze.content_hash``).
    content_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["generation", "post_id"], name="frozen_contribution_once")
        ]

    def __str__(self):
        return f"{self.generation_id}:{self.post_id}"
