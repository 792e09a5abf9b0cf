"""The registrations list under /admin/registrations/, as a Wagtail
``ModelViewSet``: filters, counts, search, the Select / Not select buttons of
a role nomination, and the CSV and XLSX downloads (``export/`` is the CSV of
the filters given, as it always was).

Every row, count and exported line comes from ``OrganiserPolicy``: a regional
organiser's list, its counts and its export hold that region's registrations
only, whatever the filters ask. Only the list is served by the viewset (no
add, edit, delete, history or usage views: a registration changes through the
registrant's form and the organisers' decisions)."""

import django_filters
from django.db.models import Count, Q
from django.middleware.csrf import get_token
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView

from hub.admin_lists import ListOnlyViewSet
from hub.core.bounds import IdChoiceField
from hub.models import NominationStatus, ParticipantType, Registration, RegistrationStatus, Role
from hub.spreadsheets import ExportColumn, SafeSpreadsheetMixin

from . import admin_views
from .exports import export_refused
from .organisers import visible_events


class EventFilter(django_filters.ModelChoiceFilter):
    # An id past what the database holds is an invalid choice, not a database error.
    field_class = IdChoiceField


class RegistrationFilterSet(WagtailFilterSet):
    event = EventFilter(label=gettext_lazy("Event"), queryset=None, empty_label=gettext_lazy("All events"))
    participant_type = django_filters.ChoiceFilter(
        label=gettext_lazy("Taking part as"), choices=ParticipantType.choices, empty_label=gettext_lazy("All")
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=RegistrationStatus.choices, empty_label=gettext_lazy("All")
    )
    role = django_filters.ChoiceFilter(
        label=gettext_lazy("Role nomination"), choices=Role.choices, empty_label=gettext_lazy("All")
    )
    nomination_status = django_filters.ChoiceFilter(
        label=gettext_lazy("Nomination status"),
        choices=NominationStatus.choices,
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = Registration
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Only the events the user handles are offered (and accepted).
        self.filters["event"].queryset = visible_events(request.user).order_by("-starts_on")


def counts(registrations):
    """Registered and waiting, with member-state observers counted on their own."""
    observer = Q(participant_type=ParticipantType.OBSERVER)
    return registrations.order_by().aggregate(
        participants=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED) & ~observer),
        observers=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED) & observer),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        nominations=Count("pk", filter=~Q(role="") & ~Q(status=RegistrationStatus.CANCELLED)),
    )


EXPORT_COLUMNS = (
    ExportColumn("event", gettext_lazy("Event"), lambda r: r.event.title),
    ExportColumn("name", gettext_lazy("Name"), lambda r: r.name),
    ExportColumn("email", gettext_lazy("E-mail"), lambda r: r.user.email),
    ExportColumn("participant_type", gettext_lazy("Taking part as"), lambda r: r.participant_type),
    ExportColumn("organisation", gettext_lazy("Organisation"), lambda r: r.organisation),
    ExportColumn(
        "stakeholder_group",
        gettext_lazy("Stakeholder group"),
        lambda r: r.stakeholder_group.slug if r.stakeholder_group else "",
    ),
    ExportColumn("country", gettext_lazy("Country"), lambda r: r.country.code if r.country else ""),
    ExportColumn(
        "interpretation_language",
        gettext_lazy("Interpretation language"),
        lambda r: r.interpretation_language,
    ),
    ExportColumn("accessibility_needs", gettext_lazy("Accessibility needs"), lambda r: r.accessibility_needs),
    ExportColumn("role", gettext_lazy("Role nomination"), lambda r: r.role),
    ExportColumn("nomination_status", gettext_lazy("Nomination status"), lambda r: r.nomination_status),
    ExportColumn("motivation", gettext_lazy("Motivation"), lambda r: r.motivation),
    ExportColumn("status", gettext_lazy("Status"), lambda r: r.status),
    ExportColumn("created_at", gettext_lazy("Registered"), lambda r: r.created_at),
    ExportColumn("consent_at", gettext_lazy("Consent given"), lambda r: r.consent_at),
)


class NameColumn(Column):
    cell_template_name = "hub/registration/admin/name_cell.html"


class NominationColumn(Column):
    """The role nomination and, unless cancelled, its Select / Not select buttons."""

    cell_template_name = "hub/registration/admin/nomination_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        # A cell is rendered in a context of its own: the buttons' form needs the token.
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(context["request"])
        return context


class RegistrationIndexView(SafeSpreadsheetMixin, IndexView):
    filterset_class = RegistrationFilterSet
    export_columns = EXPORT_COLUMNS
    export_name = "registrations"
    default_ordering = ["event", "created_at"]
    paginate_by = 100
    page_title = gettext_lazy("Registrations")
    any_permission_required = ["view"]

    @cached_property
    def columns(self):
        return [
            NameColumn("name", label=_("Name"), sort_key="name"),
            Column("event", label=_("Event"), accessor="event.title", sort_key="event"),
            Column(
                "participant_type",
                label=_("Taking part as"),
                accessor="get_participant_type_display",
                sort_key="participant_type",
            ),
            Column("organisation", label=_("Organisation"), sort_key="organisation"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            NominationColumn("role", label=_("Role nomination"), sort_key="role"),
        ]

    def get_base_queryset(self):
        registrations = self.permission_policy.instances_user_has_permission_for(self.request.user, "view")
        return registrations.select_related("event", "user", "stakeholder_group", "country")

    def filter_queryset(self, queryset):
        # Filters that do not hold (an event the user does not handle, an id
        # that exists nowhere) match nothing, rather than everything.
        if self.filters and not self.filters.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)

    def get_queryset(self):
        self.matching = super().get_queryset()
        return self.matching

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        filters = self.filters
        event = filters.form.cleaned_data.get("event") if filters and filters.is_valid() else None
        context.update(
            form=filters.form if filters else None,
            registrations=context["object_list"],
            counts=counts(self.matching),
            floor_event=event,
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.is_export and (refused := export_refused(self.request)):
            return refused
        return super().render_to_response(context, **response_kwargs)


class RegistrationExportView(RegistrationIndexView):
    """``export/``: the CSV of the filters given, the address the list linked to."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = True

    def render_to_response(self, context, **response_kwargs):
        if refused := export_refused(self.request):
            return refused
        return self.as_spreadsheet(context["object_list"], self.request.GET.get("export") or self.FORMAT_CSV)


class RegistrationViewSet(ListOnlyViewSet):
    model = Registration
    name = "registrations"
    icon = "group"
    index_view_class = RegistrationIndexView
    index_results_template_name = "hub/registration/admin/index_results.html"
    search_fields = ["name", "organisation", "user__email"]
    # The menu item is OrganiserMenuItem (hub.wagtail_hooks); who organises is
    # group membership (``organisers``), not model permissions.

    @property
    def export_view(self):
        return self.construct_view(RegistrationExportView, **self.get_index_view_kwargs())

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("export/", self.export_view, name="export"),
            path("<int:pk>/nomination/", admin_views.nominate, name="nominate"),
            path("event/<int:event_id>/floor/", admin_views.floor_requests, name="floor"),
            path(
                "event/<int:event_id>/floor/export/", admin_views.export_floor_requests, name="floor_export"
            ),
        ]
