"""The organisers' actions in the Wagtail admin: role nominations (the list's
Select / Not select buttons), and requests to take the floor in speaking
order with their CSV. The registrations list itself is ``admin_list``. Each
view limits itself to the events the user organises."""

import contextlib
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.bounds import id_or_none
from hub.models import (
    FloorRequest,
    NominationStatus,
    RegistrationStatus,
    Role,
)

from . import services
from .exports import csv_response, export_refused
from .organisers import is_organiser, may_handle_event, visible_events, visible_registrations


def organisers_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_organiser(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


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


@organisers_only
def export_floor_requests(request, event_id):
    event = _event_or_403(request, event_id)
    if refused := export_refused(request):
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
    return csv_response(f"floor-requests-{event.slug}", header, rows)
