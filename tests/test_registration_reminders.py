"""The timed e-mails, sent by the real task worker: the deadline reminder, the
platform link and the reminder the day before — once each, never to cancelled
registrations, following a moved date."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client

from hub.models import SentMessage
from tests.registration_helpers import (
    PLATFORM_URL,
    form_data,
    person,
    register_url,
    registration_url,
    upcoming_consultation,
)

# The worker opens its own (immediate) transactions, which SQLite cannot nest
# in a test's transaction: these tests commit, on the site as hub_site reloads it.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("hub_site")]


def run_worker():
    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--no-reload")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def register(django_user_model, event, name, capture, **fields):
    user = person(django_user_model, name)
    client = signed_in(user)
    with capture(execute=True):
        client.post(register_url(event), form_data(name=name.title(), **fields))
    return client


def at(event, day_offset, hour=12):
    """A moment ``day_offset`` days from the event's first day, in its zone."""
    day = event.starts_on + datetime.timedelta(days=day_offset)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=event.zone)


def sent(kind):
    return [m for m in mail.outbox if kind in m.subject]


def test_reminders_and_link_go_once_and_never_to_cancelled(
    django_user_model, django_capture_on_commit_callbacks
):
    event = upcoming_consultation(capacity=2, platform_link_days_before=2)
    register(django_user_model, event, "salma", django_capture_on_commit_callbacks)
    cancelling = register(django_user_model, event, "omar", django_capture_on_commit_callbacks)
    register(django_user_model, event, "waiting", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        cancelling.post(registration_url(event), {"action": "cancel"})
    # "waiting" got omar's place.
    mail.outbox.clear()

    run_worker()  # nothing is due yet
    assert mail.outbox == []

    with time_machine.travel(at(event, -7)):  # the deadline's day (a week before the event)
        run_worker()
    assert sorted(m.to[0] for m in sent("Registration closes soon")) == [
        "salma@example.org",
        "waiting@example.org",
    ]

    with time_machine.travel(at(event, -2, hour=10)):
        run_worker()
    links = sent("Your link to join")
    assert sorted(m.to[0] for m in links) == ["salma@example.org", "waiting@example.org"]
    assert all(PLATFORM_URL in m.body for m in links)

    with time_machine.travel(at(event, -1, hour=10)):
        run_worker()
        run_worker()  # a second run sends nothing again
    assert sorted(m.to[0] for m in sent("Tomorrow")) == ["salma@example.org", "waiting@example.org"]
    assert not [m for m in mail.outbox if "omar@example.org" in m.to]
    assert len(mail.outbox) == 6
    assert SentMessage.objects.filter(kind="platform-link").count() == 2


def test_a_task_run_twice_sends_once(django_user_model, django_capture_on_commit_callbacks):
    from hub.models import Registration
    from hub.registration.tasks import send_registration_message

    event = upcoming_consultation()
    register(django_user_model, event, "salma", django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    mail.outbox.clear()
    with time_machine.travel(at(event, -1, hour=10)):
        send_registration_message.using(backend="background").enqueue(registration.pk, "event-day")
        send_registration_message.using(backend="background").enqueue(registration.pk, "event-day")
        run_worker()
    assert len(sent("Tomorrow")) == 1


def test_a_moved_event_is_followed(django_user_model, django_capture_on_commit_callbacks):
    event = upcoming_consultation()
    register(django_user_model, event, "salma", django_capture_on_commit_callbacks)
    old_start = event.starts_on
    # The event moves a week later (and its deadline with it).
    event.starts_on += datetime.timedelta(days=7)
    event.ends_on = event.starts_on
    event.registration_deadline += datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    mail.outbox.clear()
    old_eve = datetime.datetime.combine(
        old_start - datetime.timedelta(days=1), datetime.time(12), tzinfo=event.zone
    )
    with time_machine.travel(old_eve):
        run_worker()
    assert sent("Tomorrow") == []  # not yet: it waits for the new date
    with time_machine.travel(at(event, -1)):
        run_worker()
    assert len(sent("Tomorrow")) == 1
    assert len(sent("Your link to join")) == 1


def test_the_waiting_list_gets_no_link(django_user_model, django_capture_on_commit_callbacks):
    event = upcoming_consultation(capacity=1)
    register(django_user_model, event, "salma", django_capture_on_commit_callbacks)
    register(django_user_model, event, "waiting", django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with time_machine.travel(at(event, -1)):
        run_worker()
    assert [m.to for m in sent("Your link to join")] == [["salma@example.org"]]
