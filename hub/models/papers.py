"""The published form of a region's analysis paper."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import RICH_TEXT_FEATURES
from hub.papers.blocks import PaperBlock

from .mixins import StoryPageMixin


class AnalysisPaperPage(StoryPageMixin, Page):
    """What stakeholders said in a regional space, analysed before the review.

    The body carries the findings (key figures, charts, quotations); the
    contribution set records exactly which contributions the paper rests on,
    so a reader can open the same set in the search.
    """

    body = StreamField(PaperBlock(), verbose_name=_("body"), blank=True)
    published_on = models.DateField(_("published on"))
    methodology = RichTextField(
        _("methodology"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("How contributions were selected, coded and counted."),
    )
    contributions_from = models.DateField(_("contributions from"), null=True, blank=True)
    contributions_until = models.DateField(_("contributions until"), null=True, blank=True)
    contribution_count = models.PositiveIntegerField(_("number of contributions"), null=True, blank=True)
    contributions_as_of = models.DateTimeField(
        _("contributions as of"),
        null=True,
        blank=True,
        help_text=_("When the contribution set was frozen by the generation that wrote this draft."),
    )
    generation = models.ForeignKey(
        "hub.PaperGeneration",
        verbose_name=_("generation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The generation whose frozen set of contributions this paper rests on."),
    )
    contribution_query = models.CharField(
        _("contribution search"),
        max_length=2000,
        blank=True,
        help_text=_(
            "The search filters that select the contributions, e.g. space=arab-states&until=2024-06-01."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("published_on"),
        *StoryPageMixin.story_panels,
        FieldPanel("methodology"),
        MultiFieldPanel(
            [
                FieldPanel("contributions_from"),
                FieldPanel("contributions_until"),
                FieldPanel("contribution_count"),
                FieldPanel("contributions_as_of", read_only=True),
                FieldPanel("contribution_query"),
            ],
            heading=_("The contributions it rests on"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *StoryPageMixin.story_search_fields,
        index.SearchField("methodology"),
    ]

    parent_page_types = ["hub.RegionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("analysis paper")
        verbose_name_plural = _("analysis papers")

    @property
    def region_page(self):
        return self.get_parent().specific

    def contributions_search_url(self):
        from django.urls import reverse

        if not self.contribution_query:
            return ""
        return f"{reverse('search')}?{self.contribution_query}"
