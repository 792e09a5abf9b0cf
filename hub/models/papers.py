"""The published form of a region's analysis paper."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from hub.blocks import RICH_TEXT_FEATURES
from hub.papers.blocks import PaperBlock

from .mixins import StoryPageMixin


class AnalysisPaperPage(RoutablePageMixin, StoryPageMixin, Page):
    """What stakeholders said in a regional space, analysed before the review.

    The body carries the findings (key figures, charts, quotations); the
    contribution set records exactly which contributions the paper rests on,
    so a reader can open the same set in the search.

    Besides the page: ``pdf/``, the paper as a PDF, and ``contributions/csv/``,
    the frozen contribution set still public, one row each. Both exist only
    for the live page (a draft's are Wagtail's 404 for everyone); editors see
    a draft's PDF through the admin's preview ("PDF" preview mode).
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
    # The blocks are left out: a quotation copied into them stays in the raw
    # data after its contribution is hidden, while the page drops it when shown.
    api_fields = [
        APIField("summary"),
        APIField("published_on"),
        APIField("methodology"),
        APIField("contributions_from"),
        APIField("contributions_until"),
        APIField("contribution_count"),
        APIField("contributions_as_of"),
    ]
    search_fields = [
        *Page.search_fields,
        *StoryPageMixin.story_search_fields,
        index.SearchField("methodology"),
    ]

    # The search's parameters are an address, not words: every translation
    # keeps the source's, so it opens the same contributions.
    override_translatable_fields = [SynchronizedField("contribution_query", overridable=False)]

    parent_page_types = ["hub.RegionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("analysis paper")
        verbose_name_plural = _("analysis papers")

    @property
    def region_page(self):
        return self.get_parent().specific

    preview_modes = [("", _("Page")), ("pdf", _("PDF"))]

    @path("pdf/", name="pdf")
    def pdf(self, request):
        # hub.papers reads these models: the page reaches its services when served.
        from hub.papers.pdf import pdf_response

        return pdf_response(request, self)

    @path("contributions/csv/", name="contributions_csv")
    def contributions_csv(self, request):
        from hub.papers.export import csv_response  # reads these models (see pdf)

        return csv_response(request, self)

    def serve_preview(self, request, mode_name):
        # Wagtail lets only those who may edit the page reach its preview.
        if mode_name == "pdf":
            from hub.papers.pdf import pdf_response  # reads these models (see pdf)

            return pdf_response(request, self, preview=True)
        return super().serve_preview(request, mode_name)

    def get_context(self, request, *args, **kwargs):
        from hub.papers.citations import PaperCitations  # reads these models (see pdf)

        context = super().get_context(request, *args, **kwargs)
        context["paper_sources"] = PaperCitations.for_page(self).sources()
        return context

    def contributions_search_url(self):
        from django.urls import reverse

        if not self.contribution_query:
            return ""
        # The site search sends a filtered search on to the contribution search.
        return f"{reverse('search')}?{self.contribution_query}"
