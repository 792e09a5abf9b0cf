"""The list of paper generations under /admin/papers/, as a Wagtail
``ModelViewSet``: filtered by region, status and language of the draft,
searched by title, downloaded as CSV or XLSX. The viewset serves the list
only; the form, each generation's page, its status and "generate again"
stay in ``admin_views``, under the same addresses.

Who sees the list is ``AnalystPolicy`` (``may_generate``); an admin user
without it gets the same plain 403 page as the other paper views."""

import django_filters
from django.conf import settings
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView

from hub.admin_lists import ListOnlyViewSet
from hub.models import GenerationStatus, PaperGeneration
from hub.spreadsheets import ExportColumn, SafeSpreadsheetMixin

from . import admin_views, tasks
from .analysts import may_generate


class GenerationFilterSet(WagtailFilterSet):
    region = django_filters.ChoiceFilter(
        label=gettext_lazy("Region"), field_name="region_page__region__slug", choices=()
    )
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=GenerationStatus.choices)
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language of the draft"), choices=settings.LANGUAGES
    )

    class Meta:
        model = PaperGeneration
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["region"].extra["choices"] = admin_views.region_choices()


def _requested_by(generation):
    user = generation.requested_by
    return (user.get_full_name() or user.email) if user else ""


EXPORT_COLUMNS = (
    ExportColumn("id", gettext_lazy("Number"), lambda g: g.pk),
    ExportColumn("title", gettext_lazy("Title"), lambda g: g.title),
    ExportColumn("region", gettext_lazy("Region"), lambda g: g.region_page.region.slug),
    ExportColumn("language", gettext_lazy("Language of the draft"), lambda g: g.language),
    ExportColumn("status", gettext_lazy("Status"), lambda g: "stalled" if tasks.is_stalled(g) else g.status),
    ExportColumn("progress", gettext_lazy("Progress"), lambda g: g.progress),
    ExportColumn("contributions", gettext_lazy("Contributions"), lambda g: g.contribution_count),
    ExportColumn("seconds", gettext_lazy("Seconds"), lambda g: g.seconds),
    ExportColumn("requested_by", gettext_lazy("Requested by"), _requested_by),
    ExportColumn("created_at", gettext_lazy("Requested"), lambda g: g.created_at),
    ExportColumn("query", gettext_lazy("Search"), lambda g: g.query),
    ExportColumn("comparison_query", gettext_lazy("Compared with"), lambda g: g.comparison_query),
)


class GenerationTitleColumn(Column):
    cell_template_name = "hub/papers/admin/title_cell.html"


class DraftColumn(Column):
    cell_template_name = "hub/papers/admin/draft_cell.html"


def _seconds(generation):
    return "—" if generation.seconds is None else f"{generation.seconds:.1f}"


class GenerationIndexView(SafeSpreadsheetMixin, IndexView):
    filterset_class = GenerationFilterSet
    export_columns = EXPORT_COLUMNS
    export_name = "analysis-paper-generations"
    paginate_by = 50
    page_title = gettext_lazy("Analysis papers")
    add_item_label = gettext_lazy("Generate a paper")
    any_permission_required = None  # asked in dispatch, to answer with the papers' own 403

    def dispatch(self, request, *args, **kwargs):
        if not may_generate(request.user):
            return admin_views.forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def region_names(self):
        return admin_views.region_names()

    def _region(self, generation):
        region = generation.region_page.region
        return f"{self.region_names.get(region.slug, region.name)} · {generation.language.upper()}"

    def _status(self, generation):
        return _("Stalled") if tasks.is_stalled(generation) else generation.get_status_display()

    @cached_property
    def columns(self):
        return [
            GenerationTitleColumn("title", label=_("Title"), sort_key="title"),
            Column("region", label=_("Region"), accessor=self._region),
            Column("status", label=_("Status"), accessor=self._status, sort_key="status"),
            Column("progress", label=_("Progress"), accessor=lambda g: f"{g.progress} %"),
            Column(
                "contributions",
                label=_("Contributions"),
                accessor=lambda g: "—" if g.contribution_count is None else g.contribution_count,
            ),
            Column("seconds", label=_("Seconds"), accessor=_seconds),
            Column("requested_by", label=_("Requested by"), accessor=lambda g: _requested_by(g) or "—"),
            DraftColumn("page", label=_("Draft")),
        ]

    def get_base_queryset(self):
        generations = self.permission_policy.instances_user_has_permission_for(self.request.user, "view")
        return generations.select_related("region_page__region", "requested_by", "page")


class GenerationViewSet(ListOnlyViewSet):
    model = PaperGeneration
    name = "papers"
    icon = "doc-full"
    index_view_class = GenerationIndexView
    search_fields = ["title"]
    # The menu item is AnalystMenuItem (hub.wagtail_hooks); analysts get
    # hub.generate_analysis_paper from ensure_analyst_group.

    def get_common_view_kwargs(self, **kwargs):
        # "Generate a paper" is the list's add button: the form at new/.
        return super().get_common_view_kwargs(add_url_name="papers:new", **kwargs)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", admin_views.new, name="new"),
            path("<int:pk>/", admin_views.generation_view, name="generation"),
            path("<int:pk>/status/", admin_views.status, name="status"),
            path("<int:pk>/regenerate/", admin_views.regenerate, name="regenerate"),
        ]
