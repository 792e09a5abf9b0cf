"""The taxonomy in the Wagtail admin, under one "Taxonomy" menu.

The data comes from ``load_taxonomy``; editors mostly read it here, and use
the locale filter (added by Wagtail for translatable snippets) to see one
language at a time.
"""

from urllib.parse import urlencode

import django_filters
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.forms import ModelChoiceField
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, LocaleColumn
from wagtail.models import Locale
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from hub.models import (
    Concept,
    Country,
    GcmObjective,
    GuidingPrinciple,
    PaperGeneration,
    Region,
    Registration,
    ReviewCycle,
    StakeholderGroup,
)
from hub.objective_review import views as objective_review
from hub.papers.admin_list import GenerationViewSet
from hub.papers.analysts import AnalystPolicy, may_generate
from hub.registration.admin_list import RegistrationViewSet
from hub.registration.organisers import OrganiserPolicy, is_organiser
from search.http.actions import HOOK as SEARCH_ACTIONS_HOOK
from search.http.actions import SearchAction


class TaxonomyTermViewSet(SnippetViewSet):
    """Shared listing for the translated terms: a short list searched with the
    database (not the search index), which also matches parts of Arabic words."""

    list_display = ["name", "slug", LocaleColumn()]
    search_fields = ["name", "slug"]
    search_backend_name = None
    list_per_page = 50
    copy_view_enabled = False


class RegionViewSet(TaxonomyTermViewSet):
    model = Region
    icon = "globe"
    list_display = ["name", "slug", "review_convenors", LocaleColumn()]


class GcmObjectiveViewSet(TaxonomyTermViewSet):
    model = GcmObjective
    icon = "list-ol"
    list_display = ["number", "name", "slug", LocaleColumn()]


class GuidingPrincipleViewSet(TaxonomyTermViewSet):
    model = GuidingPrinciple
    icon = "pick"


class StakeholderGroupViewSet(TaxonomyTermViewSet):
    model = StakeholderGroup
    icon = "group"


class LocalizedRegionChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.localized.name


class LocalizedRegionFilter(django_filters.ModelChoiceFilter):
    """Filters by a country's (English) region, labelled in the admin's language."""

    field_class = LocalizedRegionChoiceField


class CountryFilterSet(WagtailFilterSet):
    region = LocalizedRegionFilter(
        label=_("Region"),
        queryset=lambda request: Region.objects.in_default_locale(),
    )

    class Meta:
        model = Country
        fields = ["region", "has_un_country_network"]


class CountryIndexView(IndexView):
    """Searches country names in the admin's language: they come from
    django-countries, not from the database."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip().casefold()
        codes = [code for code, name in countries if query in name.casefold() or query == code.casefold()]
        return queryset.filter(code__in=codes)


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    index_view_class = CountryIndexView
    filterset_class = CountryFilterSet
    list_display = [
        Column("name", label=_("Name"), sort_key=None),
        Column("code", label=_("Code"), accessor=lambda country: str(country.code)),
        Column("region_name", label=_("Region"), sort_key="region_name"),
        BooleanColumn("has_un_country_network", label=_("UN country network")),
    ]
    list_per_page = 50
    copy_view_enabled = False

    def get_queryset(self, request):
        # The region's name in the admin's language, in the listing's one query.
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            locale = Locale.get_default()
        translated = Region.objects.filter(translation_key=OuterRef("region__translation_key"), locale=locale)
        return Country.objects.annotate(
            region_name=Coalesce(Subquery(translated.values("name")[:1]), F("region__name"))
        )


class ConceptViewSet(SnippetViewSet):
    """The GCM thesaurus that cross-language search maps queries through:
    analysts add the terms they find; an edit applies to the next search."""

    model = Concept
    icon = "openquote"
    list_display = [
        "key",
        Column("en", label=_("English"), accessor=lambda concept: concept.preferred("en")),
        Column("fr", label=_("French"), accessor=lambda concept: concept.preferred("fr")),
        Column("ar", label=_("Arabic"), accessor=lambda concept: concept.preferred("ar")),
        BooleanColumn("edited_in_admin", label=_("Edited here")),
    ]
    search_fields = ["key", "terms_en", "terms_fr", "terms_ar"]
    search_backend_name = None
    list_per_page = 50
    copy_view_enabled = False


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (
        RegionViewSet,
        GcmObjectiveViewSet,
        GuidingPrincipleViewSet,
        StakeholderGroupViewSet,
        CountryViewSet,
        ConceptViewSet,
    )
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 300


register_snippet(TaxonomyViewSetGroup)


class ReviewCycleViewSet(SnippetViewSet):
    """The rounds of regional reviews the participation dashboard compares."""

    model = ReviewCycle
    icon = "date"
    menu_label = _("Review cycles")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name_en", "name_fr", "name_ar", "starts", "ends"]
    list_per_page = 50
    copy_view_enabled = False


register_snippet(ReviewCycleViewSet)


# ------------------------------------------------------------- registrations


# Registered before the viewset, which otherwise falls back to model permissions.
register_permission_policy(Registration, OrganiserPolicy())


@hooks.register("register_admin_viewset")
def registration_viewset():
    return RegistrationViewSet()


class OrganiserMenuItem(MenuItem):
    def is_shown(self, request):
        return is_organiser(request.user)


@hooks.register("register_admin_menu_item")
def registration_menu_item():
    return OrganiserMenuItem(
        _("Registrations"), reverse("registrations:index"), icon_name="group", name="registrations", order=250
    )


# ------------------------------------------------------------- analysis papers


register_permission_policy(PaperGeneration, AnalystPolicy())


@hooks.register("register_admin_viewset")
def paper_viewset():
    return GenerationViewSet()


class AnalystMenuItem(MenuItem):
    def is_shown(self, request):
        return may_generate(request.user)


@hooks.register(SEARCH_ACTIONS_HOOK)
def generate_paper_from_search(request, query_string):
    """Analysts turn a contribution search into a paper: the admin's form, filled from it."""
    if not may_generate(request.user):
        return None
    params = f"{query_string}&" if query_string else ""
    return SearchAction(
        label=_("Generate an analysis paper from this search"),
        url=f"{reverse('papers:new')}?{params}{urlencode({'draft_language': get_language()})}",
        element_id="generate-paper-from-search",
    )


@hooks.register("register_admin_menu_item")
def paper_menu_item():
    return AnalystMenuItem(
        _("Analysis papers"), reverse("papers:index"), icon_name="doc-full", name="analysis-papers", order=260
    )


# ------------------------------------------------------------- suggested objectives


@hooks.register("register_admin_urls")
def objective_review_urls():
    return [path("objective-suggestions/", objective_review.review, name="objective_review")]


@hooks.register("register_admin_menu_item")
def objective_review_menu_item():
    return AnalystMenuItem(
        _("Suggested objectives"),
        reverse("objective_review"),
        icon_name="tag",
        name="objective-review",
        order=265,
    )
