"""The site's frame of pages: the home page, one page per region, and plain pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from hub.page_forms import HubPageForm
from hub.taxonomy.models import Country

from .mixins import StoryPageMixin, TaggedInOwnLanguageMixin, copied_as_they_are
from .news import NewsPage
from .papers import AnalysisPaperPage
from .roadmap import RoadmapPage

LATEST_NEWS_ON_HOME = 3


class HomePage(Page):
    """The root of each language's page tree: the review cycle at a glance."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown under the title: what the Hub is for and who it serves."),
    )

    base_form_class = HubPageForm
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "hub.RegionPage",
        "hub.RoadmapPage",
        "hub.NewsIndexPage",
        "hub.EventIndexPage",
        "hub.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["region_pages"] = (
            RegionPage.objects.child_of(self).live().select_related("region").order_by("region__sort_order")
        )
        roadmap = RoadmapPage.current(self.locale)
        context["roadmap"] = roadmap
        context["cycle_at_a_glance"] = roadmap.at_a_glance() if roadmap else []
        context["latest_news"] = (
            NewsPage.objects.live().descendant_of(self).order_by("-date", "-pk")[:LATEST_NEWS_ON_HOME]
        )
        return context


class RegionPage(TaggedInOwnLanguageMixin, StoryPageMixin, Page):
    """A region's landing page: its review, its discussion space and its papers."""

    region = models.ForeignKey(
        "hub.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="pages"
    )
    discussion_space = models.ForeignKey(
        "forum.Forum",
        verbose_name=_("discussion space"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The forum where this region's stakeholders post their contributions."),
    )

    taxonomy_tags = ("region",)
    override_translatable_fields = copied_as_they_are(*taxonomy_tags)

    base_form_class = HubPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("region"), FieldPanel("discussion_space")], heading=_("Region")),
        *StoryPageMixin.story_panels,
    ]
    search_fields = [*Page.search_fields, *StoryPageMixin.story_search_fields]

    parent_page_types = ["hub.HomePage"]
    subpage_types = ["hub.AnalysisPaperPage", "hub.StandardPage"]

    class Meta:
        verbose_name = _("region page")
        verbose_name_plural = _("region pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        roadmap = RoadmapPage.current(self.locale)
        context["roadmap"] = roadmap
        context["milestones"] = roadmap.milestones_for(self.region.slug) if roadmap else []
        context["papers"] = AnalysisPaperPage.objects.child_of(self).live().order_by("-published_on", "-pk")
        context["countries"] = sorted(
            Country.objects.filter(region__slug=self.region.slug), key=lambda c: str(c.name)
        )
        return context


class StandardPage(StoryPageMixin, Page):
    """Any other page: about the process, how to take part, terms of use."""

    base_form_class = HubPageForm
    content_panels = [*Page.content_panels, *StoryPageMixin.story_panels]
    search_fields = [*Page.search_fields, *StoryPageMixin.story_search_fields]

    parent_page_types = ["hub.HomePage", "hub.RegionPage", "hub.StandardPage"]
    subpage_types = ["hub.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
