"""News: dated stories tagged by region and GCM objective, with RSS and Atom feeds."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from hub.page_forms import HubPageForm
from hub.taxonomy.models import Region, localized_terms

from .mixins import StoryPageMixin, TaggedInOwnLanguageMixin, copied_as_they_are

NEWS_PER_PAGE = 10
NEWS_IN_FEED = 20


class NewsIndexPage(RoutablePageMixin, StoryPageMixin, Page):
    """The list of news, newest first, filterable by region."""

    base_form_class = HubPageForm
    content_panels = [*Page.content_panels, *StoryPageMixin.story_panels]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["hub.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def news(self):
        return NewsPage.objects.child_of(self).live().order_by("-date", "-pk").prefetch_related("regions")

    @path("")
    def news_list(self, request):
        news = self.news()
        region_slug = request.GET.get("region", "")
        regions = list(Region.objects.in_active_locale())
        selected = next((r for r in regions if r.slug == region_slug), None)
        if selected:
            news = news.filter(regions__slug=selected.slug).distinct()
        page_obj = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        items = list(page_obj.object_list)
        tags = localized_terms(region for item in items for region in item.regions.all())
        names = iter(tags)
        for item in items:
            item.local_regions = [next(names) for _region in item.regions.all()]
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "news_items": items,
                "regions": regions,
                "selected_region": selected,
            },
        )

    @path("rss/", name="rss")
    def rss(self, request):
        return NewsFeed(self)(request)

    @path("atom/", name="atom")
    def atom(self, request):
        return AtomNewsFeed(self)(request)


class NewsPage(TaggedInOwnLanguageMixin, StoryPageMixin, Page):
    """A news story: what happened, for whom, in which region."""

    date = models.DateField(_("date"), default=timezone.localdate)
    place = models.CharField(
        _("place"), max_length=120, blank=True, help_text=_("Where the story is datelined.")
    )
    regions = ParentalManyToManyField("hub.Region", verbose_name=_("regions"), blank=True, related_name="+")
    objectives = ParentalManyToManyField(
        "hub.GcmObjective", verbose_name=_("GCM objectives"), blank=True, related_name="+"
    )

    # The tags follow the English story into each translation, as the rows of
    # the translation's language (TaggedInOwnLanguageMixin).
    taxonomy_tags = ("regions", "objectives")
    override_translatable_fields = copied_as_they_are(*taxonomy_tags)

    base_form_class = HubPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("place")], heading=_("Dateline")),
        *StoryPageMixin.story_panels,
        MultiFieldPanel(
            [FieldPanel("regions"), FieldPanel("objectives")],
            heading=_("Tags"),
        ),
    ]
    search_fields = [*Page.search_fields, *StoryPageMixin.story_search_fields, index.FilterField("date")]
    api_fields = [*StoryPageMixin.api_fields, APIField("date"), APIField("place")]

    parent_page_types = ["hub.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news story")
        verbose_name_plural = _("news stories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["local_regions"] = localized_terms(self.regions.all())
        context["local_objectives"] = localized_terms(self.objectives.order_by("number"))
        return context


class NewsFeed(Feed):
    """RSS 2.0 for the news index; the Atom variant below shares it."""

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_full_url(self.request)

    def description(self):
        return self.index_page.summary

    def items(self):
        return self.index_page.news()[:NEWS_IN_FEED]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(timezone.datetime.combine(item.date, timezone.datetime.min.time()))

    def item_categories(self, item):
        return [region.slug for region in item.regions.all()]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
