"""``GET /api/v1/participation/``: every table of the dashboard as JSON.

The same filters as the dashboard's address (``selection``), the same tables
(``tables.build``), so the API never counts differently from the page.
Anonymous callers get the public figures; ``view=staff`` gives a moderator's
or an analyst's (by session or API token) their staff figures.
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.response import Response

from search.http.json_api import CallerApiView
from search.http.serializers import ErrorSerializer

from . import audience, dashboard


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="Stable key: 'contributions', 'previous', a region's slug, a language …"
    )
    label = serializers.CharField(help_text="Its name in the request's language.")


class RowSerializer(serializers.Serializer):
    keys = serializers.DictField(
        child=serializers.CharField(), help_text="The row's stable keys by name (see the table's key_names)."
    )
    label = serializers.CharField(help_text="The row's name in the request's language.")
    values = serializers.DictField(
        child=serializers.IntegerField(), help_text="The number of each column, by key."
    )
    searches = serializers.DictField(
        child=serializers.CharField(allow_null=True),
        help_text="The contribution search behind each number (null where no search can express it).",
    )


class TableSerializer(serializers.Serializer):
    id = serializers.CharField(
        help_text="totals, regions, months, groups, countries, languages, types, objectives, "
        "group_by_region, group_by_language, objective_by_region, missing, waiting (staff)."
    )
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    key_names = serializers.ListField(child=serializers.CharField())
    columns = ColumnSerializer(many=True)
    rows = RowSerializer(many=True)


class CycleSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    starts = serializers.DateField()
    ends = serializers.DateField()


class ParticipationSerializer(serializers.Serializer):
    view = serializers.ChoiceField(choices=["public", "staff"])
    regions = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    types = serializers.ListField(child=serializers.CharField())
    cycle = CycleSerializer(allow_null=True)
    previous_cycle = CycleSerializer(allow_null=True)
    errors = serializers.ListField(
        child=serializers.CharField(), help_text="Filters that were ignored, and why."
    )
    tables = TableSerializer(many=True)


def _cycle(cycle):
    return (
        None
        if cycle is None
        else {"slug": cycle.slug, "name": cycle.name, "starts": cycle.starts, "ends": cycle.ends}
    )


def _table(table, absolute):
    keys = [key for key, _label in table.columns]
    return {
        "id": table.id,
        "title": table.title,
        "description": table.description,
        "key_names": list(table.key_names),
        "columns": [{"key": key, "label": label} for key, label in table.columns],
        "rows": [
            {
                "keys": dict(zip(table.key_names, row.keys, strict=True)),
                "label": row.label,
                "values": {key: cell.value for key, cell in zip(keys, row.cells, strict=True)},
                "searches": {
                    key: cell.href and absolute(cell.href) for key, cell in zip(keys, row.cells, strict=True)
                },
            }
            for row in table.rows
        ],
    }


def document(request, staff):
    """The API's answer for ``request`` (the views' tables, as data)."""
    who = audience.staff(request.user) if staff else audience.public()
    shown = dashboard.build(request.GET, who, with_charts=False)
    chosen = shown.selection
    return {
        "view": "staff" if staff else "public",
        "regions": list(chosen.regions),
        "languages": list(chosen.languages),
        "types": list(chosen.types),
        "cycle": _cycle(chosen.cycle),
        "previous_cycle": _cycle(chosen.previous),
        "errors": shown.errors,
        "tables": [_table(table, request.build_absolute_uri) for table in shown.tables],
    }


class ParticipationView(CallerApiView):
    """Participation figures: every table of the dashboard."""

    @extend_schema(
        operation_id="participation",
        summary="Participation figures",
        description=(
            "Every table of the participation dashboard, for the chosen regions, review cycle, languages "
            "and types: contributions, organisations and authors; the regions side by side; month by month; "
            "by stakeholder group, country, language, type and GCM objective (each beside the previous "
            "cycle); the cross-tabulations group by region, group by language and objective by region; "
            "who is missing; "
            "and, in the staff view, what waits for moderation."
        ),
        parameters=[
            OpenApiParameter(
                "region", OpenApiTypes.STR, many=True, description="A region's slug; repeat for several."
            ),
            OpenApiParameter(
                "cycle",
                OpenApiTypes.STR,
                description="A review cycle's slug, or 'all' (default: the current cycle).",
            ),
            OpenApiParameter(
                "language", OpenApiTypes.STR, many=True, description="ar, en or fr; repeat for several."
            ),
            OpenApiParameter("type", OpenApiTypes.STR, many=True, description="A contribution type; repeat."),
            OpenApiParameter(
                "view",
                OpenApiTypes.STR,
                enum=["public", "staff"],
                description="staff: a moderator's or analyst's figures, including contributions held for "
                "moderation in the spaces they moderate (needs a session or an API token).",
            ),
        ],
        responses={
            200: ParticipationSerializer,
            401: OpenApiResponse(ErrorSerializer, description="The API token is not valid."),
            403: OpenApiResponse(
                ErrorSerializer, description="The staff view is for moderators and analysts."
            ),
            429: OpenApiResponse(ErrorSerializer, description="Too many requests: wait Retry-After seconds."),
        },
    )
    def get(self, request):
        staff = request.GET.get("view") == "staff"
        if staff and not request.user.is_authenticated:
            raise NotAuthenticated(_("The staff view needs a session or an API token."))
        if staff and not audience.may_see_staff_view(request.user):
            raise PermissionDenied(_("The staff view is for moderators and analysts."))
        return Response(document(request, staff))


participation = ParticipationView.as_view()
