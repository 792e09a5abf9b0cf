"""Registering for a consultation on its page: the deadline, places and the
waiting list, changing and cancelling, one's own registration only, the
confirmation e-mail with its calendar file, and a platform link kept off the page."""

import datetime
import threading

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from hub.models import FloorRequest, Registration, RegistrationStatus
from tests.registration_helpers import (
    PLATFORM_URL,
    arabic_consultation,
    form_data,
    person,
    register_url,
    registration_url,
    upcoming_consultation,
)
from tests.stakeholders import give_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return upcoming_consultation()


@pytest.fixture
def amina(django_user_model):
    return person(django_user_model, "amina")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_people_are_sent_to_sign_in_and_back(client, event):
    response = client.get(event.url)
    assert "Sign in to register" in response.text
    response = client.get(register_url(event))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert "register" in response["Location"]


def test_the_form_is_pre_filled_from_the_profile(event, amina):
    profile = give_profile(amina, display_name="Amina Haddad")
    profile.organisation = "Rights and Solidarity Network"
    profile.save()
    response = signed_in(amina).get(register_url(event))
    assert response.status_code == 200
    assert 'value="Amina Haddad"' in response.text
    assert 'value="Rights and Solidarity Network"' in response.text
    assert "Register by" in response.text


def test_registering_before_the_deadline_confirms_by_e_mail_with_an_ics(
    event, amina, django_capture_on_commit_callbacks
):
    client = signed_in(amina)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), form_data())
    assert response.status_code == 302
    assert response["Location"].endswith("/registration/")
    registration = Registration.objects.get(user=amina)
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.event_id == event.pk
    assert registration.consent_at is not None
    (message,) = mail.outbox
    assert message.to == ["amina@example.org"]
    assert "Registration confirmed" in message.subject
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    content = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in content and "Arab multi-stakeholder consultation" in content
    # The platform link is not in the confirmation.
    assert PLATFORM_URL not in message.body
    assert PLATFORM_URL not in content
    page = client.get(registration_url(event))
    assert "Registered" in page.text


def test_after_the_deadline_the_form_is_gone_and_a_post_is_refused(amina):
    today = timezone.localdate()
    closed = upcoming_consultation(slug="closed", registration_deadline=today - datetime.timedelta(days=1))
    client = signed_in(amina)
    response = client.get(register_url(closed))
    assert "Registration for this event has closed." in response.text
    assert "<form" not in response.text.split("<main", 1)[-1].split("</main>")[0].replace('role="search"', "")
    response = client.post(register_url(closed), form_data())
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_the_closing_message_is_in_the_visitors_language(amina):
    event = arabic_consultation(registration_deadline=timezone.localdate() - datetime.timedelta(days=2))
    response = signed_in(amina).get(register_url(event, "ar"))
    assert response.status_code == 200
    assert 'lang="ar" dir="rtl"' in response.text
    assert 'class="alert alert-info registration-closed"' in response.text
    assert not Registration.objects.exists()


def test_deadline_day_itself_is_still_open(amina):
    today = timezone.localdate()
    event = upcoming_consultation(slug="today", registration_deadline=today + datetime.timedelta(days=1))
    assert not event.registration_closed
    response = signed_in(amina).post(register_url(event), form_data())
    assert response.status_code == 302


def test_bad_input_keeps_what_was_typed_and_never_fails(event, amina):
    client = signed_in(amina)
    response = client.post(
        register_url(event),
        form_data(
            name="Amina \u202eHaddad",
            participant_type="observer",
            country="",
            role="rapporteur",
            motivation="",
            consent=None,
            organisation="Ministry of Labour <script>alert(1)</script>",
        ),
    )
    assert response.status_code == 200
    text = response.text
    assert "Please choose the member state you observe for." in text
    assert "Please say in a few lines why you would take this role." in text
    assert "Please give your consent to register." in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert(1)" not in text
    assert not Registration.objects.exists()
    # Nonsense values are refused with a message, not a 500.
    response = client.post(
        register_url(event),
        form_data(participant_type="king", stakeholder_group="999999", interpretation_language="xx"),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_one_registration_per_person(event, amina):
    client = signed_in(amina)
    client.post(register_url(event), form_data())
    response = client.post(register_url(event), form_data(name="Again"))
    assert response.status_code == 302
    assert Registration.objects.filter(user=amina).count() == 1
    assert Registration.objects.get(user=amina).name == "Amina Haddad"


def test_registrations_belong_to_the_event_across_its_translations(amina, django_user_model):
    event = arabic_consultation(capacity=1)
    signed_in(amina).post(register_url(event, "ar"), form_data())
    other = person(django_user_model, "omar")
    signed_in(other).post(register_url(event, "en"), form_data(name="Omar"))
    assert set(Registration.objects.values_list("event_id", flat=True)) == {event.pk}
    # One place, counted across languages: the second person waits.
    assert Registration.objects.get(user=other).status == RegistrationStatus.WAITLISTED
    assert Registration.objects.get(user=amina).language == "ar"
    response = signed_in(amina).get(registration_url(event, "en"))
    assert response.status_code == 200


def test_full_event_waitlists_and_a_cancellation_promotes_the_first_waiting(
    django_user_model, django_capture_on_commit_callbacks
):
    event = upcoming_consultation(capacity=2)
    people = [person(django_user_model, name) for name in ("one", "two", "three", "four")]
    for user in people:
        response = signed_in(user).post(register_url(event), form_data(name=user.username), follow=True)
    assert "you are on the waiting list" in response.text
    statuses = dict(Registration.objects.values_list("user__username", "status"))
    assert statuses == {"one": "registered", "two": "registered", "three": "waitlisted", "four": "waitlisted"}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(people[0]).post(registration_url(event), {"action": "cancel"})
    assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("user__username", "status"))
    assert statuses == {"one": "cancelled", "two": "registered", "three": "registered", "four": "waitlisted"}
    (message,) = mail.outbox
    assert message.to == ["three@example.org"]
    assert "A place is yours" in message.subject
    assert message.attachments[0][0].endswith(".ics")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("hub_site")
def test_two_people_taking_the_last_place_at_once(django_user_model):
    """Both send the form at the same moment; the event row's lock lets one in."""
    from hub.registration import services
    from hub.registration.forms import RegistrationForm

    event = upcoming_consultation(capacity=1)
    users = [person(django_user_model, name) for name in ("first", "second")]
    form = RegistrationForm(form_data(), event=event)
    assert form.is_valid(), form.errors
    barrier = threading.Barrier(2)
    errors = []

    def take_place(user):
        from django.db import connection

        try:
            barrier.wait()
            services.register(event, user, form.cleaned_data, "en")
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take_place, args=[user]) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses == ["registered", "waitlisted"]


def test_change_and_cancel_until_the_deadline(event, amina):
    client = signed_in(amina)
    client.post(register_url(event), form_data())
    response = client.post(
        registration_url(event),
        form_data(role="speaker", motivation="I coordinate a network of migrant workers.", action="change"),
    )
    assert response.status_code == 302
    registration = Registration.objects.get(user=amina)
    assert registration.role == "speaker" and registration.nomination_status == "nominated"
    # After the deadline nothing changes any more.
    event.registration_deadline = timezone.localdate() - datetime.timedelta(days=1)
    event.save_revision().publish()
    response = client.post(registration_url(event), {"action": "cancel"}, follow=True)
    assert "can no longer be changed" in response.text
    assert Registration.objects.get(user=amina).status == RegistrationStatus.REGISTERED


def test_a_floor_request_is_saved_with_its_session_and_minutes(event, amina):
    signed_in(amina).post(
        register_url(event), form_data(floor_session="Plenary", floor_topic="Access to basic services")
    )
    (request,) = FloorRequest.objects.all()
    assert request.session == "Plenary" and request.minutes == 3 and request.order == 1
    response = signed_in(amina).post(register_url(event), form_data(floor_session="Invented session"))
    assert response.status_code == 302  # already registered: sent to the registration page


def test_a_registrant_sees_only_their_own_registration(event, amina, django_user_model):
    signed_in(amina).post(register_url(event), form_data(name="Amina Haddad"))
    other = person(django_user_model, "omar")
    response = signed_in(other).get(registration_url(event))
    assert response.status_code == 404
    signed_in(other).post(register_url(event), form_data(name="Omar Said"))
    response = signed_in(other).get(registration_url(event))
    assert "Omar Said" in response.text and "Amina Haddad" not in response.text
    # Another person's registration id in the address leads nowhere.
    amina_id = Registration.objects.get(user=amina).pk
    assert signed_in(other).get(f"{registration_url(event)}{amina_id}/").status_code == 404
    assert signed_in(other).get(f"/admin/registrations/{amina_id}/nomination/").status_code in (302, 403)


def test_the_platform_link_never_appears_on_the_public_page(event, amina, client):
    signed_in(amina).post(register_url(event), form_data())
    for response in (
        client.get(event.url),
        signed_in(amina).get(event.url),
        signed_in(amina).get(registration_url(event)),
        client.get(event.url + "calendar/"),
    ):
        assert PLATFORM_URL not in response.content.decode()
    assert "platform_url" not in {field.field_name for field in event.search_fields}


def test_submissions_are_rate_limited(event, amina):
    client = signed_in(amina)
    # Within one minute of the clock: twelve posts on a loaded machine may straddle
    # the limit's minute boundary, where the count rightly starts again.
    with time_machine.travel(timezone.now(), tick=False):
        codes = [client.post(register_url(event), form_data(consent=None)).status_code for _ in range(12)]
    assert codes[:10] == [200] * 10
    assert codes[-1] == 429


def test_outcome_figures_show_after_the_event():
    past = upcoming_consultation(
        slug="past",
        days_ahead=-30,
        registration_deadline=None,
        participants_count=200,
        participants_at_least=True,
        speakers_count=25,
        speakers_at_least=True,
        reports_count=4,
        survey_responses=133,
    )
    response = Client().get(past.url)
    text = response.text
    assert "In figures" in text
    for figure in ("200+", "25+", ">4<", "133"):
        assert figure in text
    assert "Sign in to register" not in text


def test_registering_again_after_cancelling(event, amina, django_capture_on_commit_callbacks):
    client = signed_in(amina)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(event), form_data())
    client.post(registration_url(event), {"action": "cancel"})
    assert "Register again" in client.get(registration_url(event)).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            register_url(event), form_data(role="facilitator", motivation="I chair a network.")
        )
    assert response.status_code == 302
    registration = Registration.objects.get(user=amina)
    assert registration.status == RegistrationStatus.REGISTERED and registration.cancelled_at is None
    assert registration.nomination_status == "nominated"
    assert [m.subject for m in mail.outbox].count(mail.outbox[0].subject) == 2
