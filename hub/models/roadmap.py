"""The review-cycle roadmap: phases and milestones of all five regions on one timeline.

Which milestone feeds which is not stored as a link: within a region a
pre-consultation feeds the consultation, and the consultation and the
analysis paper feed the regional review. Deriving it from the stage keeps it
right in every translation (wagtail-localize copies child rows with new keys)
and lets two pre-consultations feed one consultation without extra editing.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from hub.page_forms import HubPageForm
from hub.taxonomy.models import localized_terms

from .honest_date import HonestDateFields
from .localized import localized_pages
from .mixins import StoryPageMixin, TaggedInOwnLanguageMixin, copied_as_they_are


class MilestoneKind(models.TextChoices):
    GLOBAL_CONSULTATION = "global-consultation", _("Global stakeholder consultation")
    PRE_CONSULTATION = "pre-consultation", _("Pre-consultation")
    CONSULTATION = "consultation", _("Multi-stakeholder consultation")
    ANALYSIS_PAPER = "analysis-paper", _("Analysis paper")
    REVIEW = "review", _("Regional review")
    DISCUSSION_SPACES = "discussion-spaces", _("Discussion spaces open")
    GLOBAL_FORUM = "global-forum", _("International Migration Review Forum")
    OTHER = "other", _("Other")


# Within one region: which stage each stage feeds.
FEEDS = {
    MilestoneKind.PRE_CONSULTATION: MilestoneKind.CONSULTATION,
    MilestoneKind.CONSULTATION: MilestoneKind.REVIEW,
    MilestoneKind.ANALYSIS_PAPER: MilestoneKind.REVIEW,
}
# The columns of the comparable table, in the order the engagement runs.
STAGES = [MilestoneKind.PRE_CONSULTATION, MilestoneKind.CONSULTATION, MilestoneKind.REVIEW]


class RoadmapPage(TaggedInOwnLanguageMixin, StoryPageMixin, Page):
    """One review cycle's plan, as agreed on a given day."""

    as_of = models.DateField(
        _("status as of"), help_text=_("The day this roadmap was last agreed or updated.")
    )

    child_taxonomy_tags = {"milestones": ("region",)}

    base_form_class = HubPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("as_of"),
        *StoryPageMixin.story_panels,
        InlinePanel("phases", heading=_("Phases"), label=_("phase")),
        InlinePanel("milestones", heading=_("Milestones"), label=_("milestone")),
    ]
    search_fields = [*Page.search_fields, *StoryPageMixin.story_search_fields]

    parent_page_types = ["hub.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")

    @classmethod
    def current(cls, locale):
        """The most recently agreed live roadmap in ``locale``."""
        return cls.objects.live().filter(locale=locale).order_by("-as_of", "-pk").first()

    def timeline(self):
        """Every milestone in date order, each knowing what it feeds and its
        region's name in the visitor's language (``local_region``)."""
        milestones = sorted(self.milestones.select_related("region", "event"), key=lambda m: m.when.sort_key)
        regional = [m for m in milestones if m.region_id is not None]
        for milestone, region in zip(regional, localized_terms(m.region for m in regional), strict=True):
            milestone.local_region = region
        for milestone, event in zip(milestones, localized_pages(m.event for m in milestones), strict=True):
            milestone.local_event = event
        by_region_stage = {}
        for milestone in milestones:
            by_region_stage.setdefault((milestone.region_id, milestone.kind), []).append(milestone)
        for milestone in milestones:
            target = FEEDS.get(milestone.kind)
            milestone.feeds = by_region_stage.get((milestone.region_id, target), []) if target else []
        return milestones

    def regional_table(self):
        """One row per region, one cell per stage: the comparable view."""
        rows = {}
        for milestone in self.timeline():
            if milestone.region_id is None or milestone.kind not in STAGES:
                continue
            row = rows.setdefault(milestone.region_id, {"region": milestone.local_region, "cells": {}})
            row["cells"].setdefault(milestone.kind, []).append(milestone)
        ordered = sorted(rows.values(), key=lambda r: (r["region"].sort_order, r["region"].slug))
        for row in ordered:
            row["stages"] = [row["cells"].get(stage, []) for stage in STAGES]
        return ordered

    def milestones_for(self, region_slug):
        return [m for m in self.timeline() if m.region is not None and m.region.slug == region_slug]

    def at_a_glance(self, today=None):
        """Per region, its next milestone, or its last one once the cycle is over."""
        today = today or timezone.localdate()
        glance = {}
        for milestone in self.timeline():
            if milestone.region_id is None:
                continue
            entry = glance.setdefault(
                milestone.region_id, {"region": milestone.local_region, "next": None, "last": None}
            )
            if milestone.when.is_past(today):
                entry["last"] = milestone
            elif entry["next"] is None:
                entry["next"] = milestone
        return sorted(glance.values(), key=lambda e: (e["region"].sort_order, e["region"].slug))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["phases"] = sorted(self.phases.all(), key=lambda p: p.when.sort_key)
        context["timeline"] = self.timeline()
        context["regional_table"] = self.regional_table()
        context["stages"] = [MilestoneKind(stage).label for stage in STAGES]
        return context


class RoadmapPhase(TranslatableMixin, Orderable, HonestDateFields):
    """A stretch of the cycle shared by all regions, e.g. the pre-consultations."""

    page = ParentalKey(RoadmapPage, on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description"), *HonestDateFields.date_panels]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")


class Milestone(TranslatableMixin, Orderable, HonestDateFields):
    """A dated step of a region's engagement, or of the whole cycle when no region is given."""

    override_translatable_fields = copied_as_they_are("region")

    page = ParentalKey(RoadmapPage, on_delete=models.CASCADE, related_name="milestones")
    region = models.ForeignKey(
        "hub.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for a step of the whole cycle."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Leave empty to use the kind as the title.")
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Anything the date alone cannot say, e.g. 'two separate pre-consultations'."),
    )
    event = models.ForeignKey(
        "hub.EventPage",
        verbose_name=_("event page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel([FieldPanel("region"), FieldPanel("kind"), FieldPanel("title")], heading=_("What")),
        *HonestDateFields.date_panels,
        FieldPanel("location"),
        FieldPanel("note"),
        FieldPanel("event"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("note")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or MilestoneKind(self.kind).label
