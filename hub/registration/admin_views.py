"""The organisers' side in the Wagtail admin: registrations with filters and
counts, role nominations, requests to take the floor in speaking order, and
CSV exports. Each view limits itself to the events the user organises."""

import contextlib
import csv
import io
from functools import wraps

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hub.bounds import IdChoiceField, id_or_none
from hub.models import (
    FloorRequest,
    NominationStatus,
    ParticipantType,
    RegistrationStatus,
    Role,
)
from search.export_columns import safe_cell  # the search exports' formula guard

from . import services
from .organisers import is_organiser, may_handle_event, visible_events, visible_registrations


def organisers_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_organiser(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _blank(label):
    return [("", label)]


class FilterForm(forms.Form):
    event = IdChoiceField(
        label=gettext_lazy("Event"), queryset=None, required=False, empty_label=gettext_lazy("All events")
    )
    participant_type = forms.ChoiceField(label=gettext_lazy("Taking part as"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    role = forms.ChoiceField(label=gettext_lazy("Role nomination"), required=False)
    nomination_status = forms.ChoiceField(label=gettext_lazy("Nomination status"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = visible_events(user).order_by("-starts_on")
        every = _("All")
        self.fields["participant_type"].choices = _blank(every) + ParticipantType.choices
        self.fields["status"].choices = _blank(every) + RegistrationStatus.choices
        self.fields["role"].choices = _blank(every) + Role.choices
        self.fields["nomination_status"].choices = _blank(every) + NominationStatus.choices

    def filter(self, registrations):
        if not self.is_valid():
            return registrations.none()
        data = self.cleaned_data
        if data["event"]:
            registrations = registrations.filter(event=data["event"])
        for name in ("participant_type", "status", "role", "nomination_status"):
            if data[name]:
                registrations = registrations.filter(**{name: data[name]})
        return registrations


def _filtered(request):
    form = FilterForm(request.GET or None, user=request.user)
    registrations = visible_registrations(request.user).select_related(
        "event", "user", "stakeholder_group", "country"
    )
    if request.GET:
        registrations = form.filter(registrations)
    return form, registrations


def counts(registrations):
    """Registered and waiting, with member-state observers counted on their own."""
    observer = Q(participant_type=ParticipantType.OBSERVER)
    return registrations.aggregate(
        participants=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED) & ~observer),
        observers=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED) & observer),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        nominations=Count("pk", filter=~Q(role="") & ~Q(status=RegistrationStatus.CANCELLED)),
    )


@organisers_only
def index(request):
    form, registrations = _filtered(request)
    return render(
        request,
        "hub/registration/admin/index.html",
        {
            "page_title": _("Registrations"),
            "header_icon": "group",
            "form": form,
            "registrations": registrations.order_by("event", "created_at")[:500],
            "counts": counts(registrations),
            "query": request.GET.urlencode(),
        },
    )


@organisers_only
@require_POST
def nominate(request, pk):
    registration = visible_registrations(request.user).filter(pk=id_or_none(pk) or 0).first()
    if registration is None:
        # 403 rather than 404: under the language-prefixed URLs a 404 becomes
        # a redirect, and an organiser should be told plainly.
        raise PermissionDenied
    decision = request.POST.get("decision")
    if decision not in ("select", "not-select") or not registration.role:
        return HttpResponse(status=400)
    services.decide_nomination(registration, selected=decision == "select")
    back = request.POST.get("next", "")
    if not back.startswith(reverse("registrations:index")):
        back = reverse("registrations:index")
    return HttpResponseRedirect(back)


def _event_or_403(request, event_id):
    # An id past what the database holds is no event: refused like another region's.
    event_id = id_or_none(event_id)
    event = visible_events(request.user).filter(pk=event_id).first() if event_id else None
    if event is None or not may_handle_event(request.user, event):
        raise PermissionDenied
    return event


def _floor_requests(event):
    return list(
        FloorRequest.objects.filter(registration__event=event)
        .exclude(registration__status=RegistrationStatus.CANCELLED)
        .select_related("registration")
        .order_by("order", "pk")
    )


@organisers_only
def floor_requests(request, event_id):
    event = _event_or_403(request, event_id)
    requests = _floor_requests(event)
    if request.method == "POST":
        _reorder(request, requests, event)
        return HttpResponseRedirect(reverse("registrations:floor", args=[event.pk]))
    running = 0
    rows = []
    for floor_request in requests:
        minutes = floor_request.minutes or event.intervention_minutes
        running += minutes
        rows.append({"request": floor_request, "minutes": minutes, "running": running})
    selected_speakers = event.registrations.filter(
        role=Role.SPEAKER, nomination_status=NominationStatus.SELECTED
    ).exclude(status=RegistrationStatus.CANCELLED)
    return render(
        request,
        "hub/registration/admin/floor.html",
        {
            "page_title": _("Requests to take the floor"),
            "page_subtitle": event.title,
            "header_icon": "list-ol",
            "event": event,
            "rows": rows,
            "total_minutes": running,
            "speakers": selected_speakers,
        },
    )


def _reorder(request, requests, event):
    """Move one request up or down, or set its minutes; renumber 1…n."""
    try:
        target = int(request.POST.get("request", ""))
    except ValueError:
        return
    ids = [r.pk for r in requests]
    if target not in ids:
        return
    position = ids.index(target)
    move = request.POST.get("move")
    if move == "up" and position > 0:
        requests[position - 1], requests[position] = requests[position], requests[position - 1]
    elif move == "down" and position < len(requests) - 1:
        requests[position + 1], requests[position] = requests[position], requests[position + 1]
    minutes = request.POST.get("minutes")
    with transaction.atomic():
        for number, floor_request in enumerate(requests, start=1):
            floor_request.order = number
            if floor_request.pk == target and minutes:
                with contextlib.suppress(ValueError):
                    floor_request.minutes = max(1, min(60, int(minutes)))
            floor_request.save(update_fields=["order", "minutes"])


# Exports read every registration of an event: enough for people, not for a loop.
EXPORT_LIMIT = "10/m,100/h"


def _export_refused(request):
    from search.ratelimit import consume, viewer_key

    seconds = consume("registration-export", viewer_key(request, request.user), EXPORT_LIMIT)
    if seconds is None:
        return None
    message = _("Too many exports: please wait a moment.")
    response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(seconds)
    return response


def _csv_response(name, header, rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # a BOM, so spreadsheet software reads Arabic as UTF-8
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate().isoformat()}.csv"'
    return response


@organisers_only
def export_registrations(request):
    if refused := _export_refused(request):
        return refused
    _form, registrations = _filtered(request)
    header = [
        _("Event"),
        _("Name"),
        _("E-mail"),
        _("Taking part as"),
        _("Organisation"),
        _("Stakeholder group"),
        _("Country"),
        _("Interpretation language"),
        _("Accessibility needs"),
        _("Role nomination"),
        _("Nomination status"),
        _("Motivation"),
        _("Status"),
        _("Registered"),
        _("Consent given"),
    ]
    rows = (
        [
            r.event.title,
            r.name,
            r.user.email,
            r.participant_type,
            r.organisation,
            r.stakeholder_group.slug if r.stakeholder_group else "",
            r.country.code if r.country else "",
            r.interpretation_language,
            r.accessibility_needs,
            r.role,
            r.nomination_status,
            r.motivation,
            r.status,
            r.created_at.isoformat(),
            r.consent_at.isoformat(),
        ]
        for r in registrations.order_by("event", "created_at").iterator()
    )
    return _csv_response("registrations", header, rows)


@organisers_only
def export_floor_requests(request, event_id):
    event = _event_or_403(request, event_id)
    if refused := _export_refused(request):
        return refused
    header = [_("Order"), _("Session"), _("Name"), _("Organisation"), _("Topic"), _("Minutes")]
    rows = [
        [
            number,
            r.session,
            r.registration.name,
            r.registration.organisation,
            r.topic,
            r.minutes or event.intervention_minutes,
        ]
        for number, r in enumerate(_floor_requests(event), start=1)
    ]
    return _csv_response(f"floor-requests-{event.slug}", header, rows)
