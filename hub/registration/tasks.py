"""The registration e-mails that wait for a date, run by the task worker
(``manage.py db_worker --backend background``).

A task is queued for the day its e-mail is due; when it runs it looks again
at the registration and the event — cancelled, no longer due, moved — and
only then sends, once (``mail.send_once``). A task that finds its e-mail not
due yet (the event moved later) queues itself again for the new time; one
that arrives late after the event moved earlier still sends, once. Publishing
an event queues its registrations' e-mails again, so a new date is followed.
"""

import logging
from datetime import timedelta

from django.db import DatabaseError
from django.utils import timezone
from django_tasks import task

from hub.models import Registration, RegistrationStatus

from .mail import send_once

logger = logging.getLogger(__name__)

TIMED_KINDS = ("deadline", "platform-link", "event-day")

# When the mail server refuses or times out, the e-mail is tried again by the
# task worker after each of these waits, then given up (and logged).
RETRY_DELAYS = (timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=12))


def send_or_retry(registration, kind, key="", attempt=0):
    """``send_once``, but a mail server that is down never fails the caller
    (a registration, a decision, the worker): the e-mail is queued again
    for later. True when sent now."""
    try:
        return send_once(registration, kind, key=key)
    except OSError as error:  # refused, timed out, or any smtplib.SMTPException
        queue_retry(registration, kind, key, attempt, error)
        return False


def queue_retry(registration, kind, key, attempt, error):
    if attempt >= len(RETRY_DELAYS):
        logger.error("Gave up sending %s to registration %s: %s", kind, registration.pk, error)
        return
    logger.warning("Could not send %s to registration %s, will retry: %s", kind, registration.pk, error)
    retry_registration_message.using(run_after=timezone.now() + RETRY_DELAYS[attempt]).enqueue(
        registration.pk, kind, key, attempt + 1
    )


@task(backend="background")
def retry_registration_message(registration_id, kind, key, attempt):
    """A registration e-mail that could not be sent earlier, tried again."""
    registration = Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        return "cancelled"
    return "sent" if send_or_retry(registration, kind, key=key, attempt=attempt) else "not sent"


def queue_with(registration, kind, key=""):
    """Queue, inside the caller's transaction, everything ``registration``
    will be sent: the timed e-mails, and a later try of the ``kind`` e-mail
    sent right after the commit. The task rows commit or roll back with the
    registration, so a crash between the commit and the sending loses
    nothing; ``send_once`` keeps the later try from sending twice."""
    schedule(registration)
    retry_registration_message.using(run_after=timezone.now() + RETRY_DELAYS[0]).enqueue(
        registration.pk, kind, key, 1
    )


def confirmation_key(registration):
    # Keyed by the registration's moment: registering again after cancelling is confirmed again.
    return registration.created_at.isoformat()


def send_now(registration, kind, key=""):
    """Send right after the commit; when the mail server is down, or the
    database is busy with another writer, the later try ``queue_with`` put in
    the queue sends it. Nothing raised here may reach the caller: its
    transaction has already committed, and a retry would repeat it."""
    try:
        send_once(registration, kind, key=key)
    except (OSError, DatabaseError) as error:  # OSError: refused, timed out, any smtplib.SMTPException
        logger.warning("Could not send %s to registration %s, will retry: %s", kind, registration.pk, error)


def after_registration(registration_id):
    """Confirm at once, with the .ics (the timed e-mails are already queued)."""
    registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
    send_now(registration, "confirmation", key=confirmation_key(registration))


def after_promotion(registration_id):
    registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
    send_now(registration, "promoted")


def schedule(registration):
    for kind in TIMED_KINDS:
        due = due_at(registration.event, kind)
        if due is not None:
            send_registration_message.using(run_after=due).enqueue(registration.pk, kind)


def schedule_event(event):
    """Queue again the timed e-mails of every registration of ``event`` (its dates may have moved)."""
    for registration in Registration.objects.filter(event=event).exclude(status=RegistrationStatus.CANCELLED):
        registration.event = event
        schedule(registration)


def due_at(event, kind):
    if kind == "deadline":
        return event.deadline_reminder_due_at
    if kind == "platform-link":
        return event.platform_link_due_at if event.platform_url else None
    if kind == "event-day":
        return event.event_reminder_due_at
    raise ValueError(kind)


def message_key(event, kind):
    """What makes a timed e-mail "the same": a new deadline or a new first day
    deserves a new reminder; the platform link goes once."""
    if kind == "deadline":
        return event.registration_closes_at.date().isoformat()
    if kind == "event-day":
        return event.starts_on.isoformat()
    return ""


@task(backend="background")
def send_registration_message(registration_id, kind):
    """Send ``kind`` to the registration if it is (still) due; returns what happened."""
    registration = Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        return "cancelled"
    event = registration.event.specific
    registration.event = event
    due = due_at(event, kind)
    now = timezone.now()
    if due is None:
        return "not needed"
    if now < due:
        send_registration_message.using(run_after=due).enqueue(registration.pk, kind)
        return "rescheduled"
    if event.is_past:
        return "too late"
    if kind == "deadline":
        # Only while people can still act on it, and not to people who
        # registered after it went out to the others.
        if event.registration_closed or registration.created_at >= due:
            return "not needed"
    elif registration.status != RegistrationStatus.REGISTERED:
        # The waiting list gets neither the link nor the reminder; a person
        # promoted later has their e-mails queued again then.
        return "waiting"
    elif kind == "event-day" and registration.created_at >= due:
        return "not needed"
    key = message_key(event, kind)
    try:
        sent = send_once(registration, kind, key=key)
    except OSError as error:
        queue_retry(registration, kind, key, 0, error)
        return "retry queued"
    return "sent" if sent else "already sent"
