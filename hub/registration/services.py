"""Registering, changing, cancelling and promoting, with the deadline and the
number of places checked on the server inside one transaction.

The event's row is locked (``select_for_update``) before places are counted,
so two people taking the last place at once are served one after the other:
the second finds the event full and joins the waiting list.
"""

import functools
import time
from dataclasses import dataclass

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from hub.models import EventPage, FloorRequest, NominationStatus, Registration, RegistrationStatus

from . import tasks
from .tasks import send_or_retry


class RegistrationClosed(Exception):
    """The deadline has passed, or the event takes no registrations here."""


class AlreadyRegistered(Exception):
    pass


@dataclass
class Outcome:
    registration: Registration
    waitlisted: bool


def own_registration(page, user):
    """The person's registration for the event ``page`` (any translation), or None."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event__translation_key=page.translation_key, user=user).first()


def _locked_event(page):
    source = page.registration_source
    return EventPage.objects.select_for_update().get(pk=source.pk)


def places_taken(event):
    return Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()


def is_full(event):
    return event.capacity is not None and places_taken(event) >= event.capacity


def _check_open(event):
    if not event.registration_open or event.registration_closed:
        raise RegistrationClosed


def retry_when_locked(function):
    """Run ``function`` again when SQLite reports the database locked.

    On PostgreSQL ``select_for_update`` makes the second person wait for the
    first; SQLite locks the whole database instead, and a writer that finds
    it taken may fail at once (shared-cache databases ignore the busy
    timeout). A short wait and a new try then give the same result: one
    after the other.
    """

    @functools.wraps(function)
    def wrapped(*args, **kwargs):
        for attempt in range(LOCK_RETRIES):
            try:
                return function(*args, **kwargs)
            except OperationalError as error:
                if "locked" not in str(error) or attempt == LOCK_RETRIES - 1:
                    raise
                time.sleep(0.05 * 2**attempt)
        return None

    return wrapped


LOCK_RETRIES = 6


@retry_when_locked
def register(page, user, data, language):
    """Register ``user`` with the cleaned form ``data``; full → waiting list."""
    with transaction.atomic():
        event = _locked_event(page)
        _check_open(event)
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration is not None and registration.status != RegistrationStatus.CANCELLED:
            raise AlreadyRegistered
        if registration is None:
            registration = Registration(event=event, user=user)
        # Someone who cancelled may register again, on the same row (one per
        # person), and joins the queue as of now.
        waitlisted = is_full(event)
        now = timezone.now()
        registration.consent_at = registration.created_at = now
        registration.cancelled_at = None
        registration.language = language
        registration.status = RegistrationStatus.WAITLISTED if waitlisted else RegistrationStatus.REGISTERED
        _apply(registration, data)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:  # the same person twice at once
            raise AlreadyRegistered from error
        _save_floor_request(registration, event, data)

        tasks.queue_with(registration, "confirmation", key=tasks.confirmation_key(registration))
    # Robust: the registration has committed, so a failure here must not
    # reach ``retry_when_locked``, which would register the person again.
    transaction.on_commit(lambda: tasks.after_registration(registration.pk), robust=True)
    return Outcome(registration, waitlisted)


@retry_when_locked
def change(registration, data):
    with transaction.atomic():
        event = EventPage.objects.select_for_update().get(pk=registration.event_id)
        _check_open(event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            raise RegistrationClosed
        _apply(registration, data)
        registration.save()
        _save_floor_request(registration, event, data)
    return registration


@retry_when_locked
def cancel(registration):
    """Cancel, and give a freed place to the first person waiting."""
    with transaction.atomic():
        event = EventPage.objects.select_for_update().get(pk=registration.event_id)
        _check_open(event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration, None
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        promoted = promote_waiting(event)
    return registration, promoted


def promote_waiting(event):
    """Move the first person waiting into a free place (inside the caller's lock)."""
    if is_full(event):
        return None
    promoted = (
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = RegistrationStatus.REGISTERED
    promoted.save(update_fields=["status", "updated_at"])

    tasks.queue_with(promoted, "promoted")
    transaction.on_commit(lambda: tasks.after_promotion(promoted.pk), robust=True)
    return promoted


def decide_nomination(registration, selected):
    """Selected / not selected; the person selected is told by e-mail (once)."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.role:
            return registration
        new_status = NominationStatus.SELECTED if selected else NominationStatus.NOT_SELECTED
        changed = registration.nomination_status != new_status
        registration.nomination_status = new_status
        registration.save(update_fields=["nomination_status", "updated_at"])
    if selected and changed:
        send_or_retry(registration, "selected", key=registration.role)
    return registration


def _apply(registration, data):
    for name in (
        "name",
        "participant_type",
        "organisation",
        "stakeholder_group",
        "country",
        "interpretation_language",
        "accessibility_needs",
        "motivation",
    ):
        setattr(registration, name, data[name])
    role = data["role"]
    if role != registration.role:
        # A new nomination starts over; withdrawing one clears its status.
        registration.nomination_status = NominationStatus.NOMINATED if role else ""
    registration.role = role
    if not role:
        registration.motivation = ""


def _save_floor_request(registration, event, data):
    """The form holds one request to take the floor; keep the organisers'
    order when the person only rewords it."""
    existing = registration.floor_requests.first()
    if not data.get("floor_session"):
        if existing:
            registration.floor_requests.all().delete()
        return
    if existing is None:
        last = FloorRequest.objects.filter(registration__event=event).order_by("-order").first()
        existing = FloorRequest(
            registration=registration,
            order=(last.order + 1) if last else 1,
            minutes=event.intervention_minutes,
        )
    existing.session = data["floor_session"]
    existing.topic = data["floor_topic"]
    existing.save()
