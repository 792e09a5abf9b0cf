"""The organisers' side: registrations with filters and counts (observers on
their own), nominations selected with an e-mail, requests to take the floor in
speaking order and their export, and regional organisers kept to their region."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from hub.models import FloorRequest, Registration
from tests.registration_helpers import form_data, person, register_url, upcoming_consultation

pytestmark = pytest.mark.django_db

INDEX = "/admin/registrations/"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def arab_event():
    return upcoming_consultation()


@pytest.fixture
def europe_event():
    return upcoming_consultation(
        slug="europe-consultation", region_slug="europe", title="Europe consultation"
    )


def register(django_user_model, event, name, **fields):
    user = person(django_user_model, name)
    response = signed_in(user).post(register_url(event), form_data(name=name.title(), **fields))
    assert response.status_code == 302, response.content
    return Registration.objects.get(user=user, event=event)


def organiser(django_user_model, group_name, name="organiser"):
    user = person(django_user_model, name)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def refused(response):
    """Wagtail's admin answers a refusal with a redirect to the dashboard and a message."""
    if response.status_code == 403:
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and (location == "/admin/" or "/accounts/login/" in location)


def read_csv(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_setup_creates_an_organisers_group_per_region():
    names = set(
        Group.objects.filter(name__startswith="Registration organisers").values_list("name", flat=True)
    )
    assert "Registration organisers" in names
    assert "Registration organisers: Arab States" in names
    assert len(names) == 6


def test_list_filters_and_counts_observers_separately(django_user_model, staff_user, arab_event):
    register(django_user_model, arab_event, "salma")
    register(django_user_model, arab_event, "karim", participant_type="un-entity", stakeholder_group="")
    register(
        django_user_model,
        arab_event,
        "jordan",
        participant_type="observer",
        organisation="Ministry of Labour",
    )
    client = signed_in(staff_user)
    response = client.get(INDEX, {"event": arab_event.pk})
    assert response.status_code == 200
    counts = response.context["counts"]
    assert counts["participants"] == 2 and counts["observers"] == 1
    assert "Member-state observers: 1" in response.text
    response = client.get(INDEX, {"participant_type": "observer"})
    assert [r.name for r in response.context["registrations"]] == ["Jordan"]
    response = client.get(INDEX, {"status": "waitlisted"})
    assert list(response.context["registrations"]) == []


def test_nomination_selected_then_e_mailed_once(django_user_model, staff_user, arab_event):
    registration = register(
        django_user_model,
        arab_event,
        "layla",
        role="rapporteur",
        motivation="I reported on two consultations.",
    )
    assert registration.nomination_status == "nominated"
    client = signed_in(staff_user)
    response = client.get(INDEX, {"role": "rapporteur", "nomination_status": "nominated"})
    assert [r.pk for r in response.context["registrations"]] == [registration.pk]
    mail.outbox.clear()
    url = f"{INDEX}{registration.pk}/nomination/"
    assert client.post(url, {"decision": "select"}).status_code == 302
    assert client.post(url, {"decision": "select"}).status_code == 302
    registration.refresh_from_db()
    assert registration.nomination_status == "selected"
    (message,) = mail.outbox
    assert message.to == ["layla@example.org"] and "selected as Rapporteur" in message.subject
    client.post(url, {"decision": "not-select"})
    registration.refresh_from_db()
    assert registration.nomination_status == "not-selected"
    assert len(mail.outbox) == 1
    assert client.post(url, {"decision": "crown"}).status_code == 400


def test_floor_requests_in_speaking_order_and_exported(django_user_model, staff_user, arab_event):
    for name, topic in (
        ("first", "Decent work"),
        ("second", '=HYPERLINK("http://x","y")'),
        ("third", "Data"),
    ):
        register(django_user_model, arab_event, name, floor_session="Plenary", floor_topic=topic)
    requests = list(FloorRequest.objects.order_by("order"))
    assert [r.order for r in requests] == [1, 2, 3]
    client = signed_in(staff_user)
    floor = f"{INDEX}event/{arab_event.pk}/floor/"
    response = client.get(floor)
    assert response.status_code == 200
    assert "Each speaker has up to 5 minutes." in response.text
    assert "Each intervention in the open discussion has up to 3 minutes." in response.text
    assert response.context["rows"][0]["request"].topic == "Decent work"
    assert response.context["total_minutes"] == 9
    # The third moves up, and gets 2 minutes.
    client.post(floor, {"request": requests[2].pk, "move": "up", "minutes": "2"})
    response = client.get(floor)
    assert [row["request"].topic for row in response.context["rows"]] == [
        "Decent work",
        "Data",
        requests[1].topic,
    ]
    assert response.context["total_minutes"] == 8
    rows = read_csv(client.get(f"{floor}export/"))
    assert rows[0] == ["Order", "Session", "Name", "Organisation", "Topic", "Minutes"]
    assert [row[4] for row in rows[1:]] == ["Decent work", "Data", '\'=HYPERLINK("http://x","y")']
    assert rows[2][5] == "2"


def test_registrations_export_is_utf8_with_bom_and_formula_safe(django_user_model, staff_user, arab_event):
    register(django_user_model, arab_event, "salma", organisation="=cmd|' /C calc'!A0")
    register(django_user_model, arab_event, "noura", organisation="شبكة الحقوق والتضامن")
    rows = read_csv(signed_in(staff_user).get(f"{INDEX}export/", {"event": arab_event.pk}))
    assert rows[0][:3] == ["Event", "Name", "E-mail"]
    organisations = {row[1]: row[4] for row in rows[1:]}
    assert organisations == {"Salma": "'=cmd|' /C calc'!A0", "Noura": "شبكة الحقوق والتضامن"}


def test_regional_organisers_see_and_act_on_their_region_only(django_user_model, arab_event, europe_event):
    arab = register(django_user_model, arab_event, "salma", role="speaker", motivation="Ten years of work.")
    europe = register(django_user_model, europe_event, "hans", role="speaker", motivation="Union organiser.")
    register(django_user_model, europe_event, "marie", floor_session="Plenary", floor_topic="Labour rights")
    client = signed_in(organiser(django_user_model, "Registration organisers: Arab States"))

    listed = client.get(INDEX).context["registrations"]
    assert [r.pk for r in listed] == [arab.pk]
    # Asking for the other region's event by its id shows nothing of it.
    assert list(client.get(INDEX, {"event": europe_event.pk}).context["registrations"]) == []
    assert refused(client.post(f"{INDEX}{europe.pk}/nomination/", {"decision": "select"}))
    europe.refresh_from_db()
    assert europe.nomination_status == "nominated"
    assert client.post(f"{INDEX}{arab.pk}/nomination/", {"decision": "select"}).status_code == 302
    assert refused(client.get(f"{INDEX}event/{europe_event.pk}/floor/"))
    assert refused(client.post(f"{INDEX}event/{europe_event.pk}/floor/", {"request": 1, "move": "up"}))
    assert refused(client.get(f"{INDEX}event/{europe_event.pk}/floor/export/"))
    names = [row[1] for row in read_csv(client.get(f"{INDEX}export/"))[1:]]
    assert names == ["Salma"]
    names = [row[1] for row in read_csv(client.get(f"{INDEX}export/", {"event": europe_event.pk}))[1:]]
    assert names == []


def test_all_regions_organisers_and_superusers_see_everything(
    django_user_model, staff_user, arab_event, europe_event
):
    register(django_user_model, arab_event, "salma")
    register(django_user_model, europe_event, "hans")
    for user in (staff_user, organiser(django_user_model, "Registration organisers")):
        assert len(signed_in(user).get(INDEX).context["registrations"]) == 2


def test_people_who_organise_nothing_are_refused(django_user_model, verified_user, arab_event):
    register(django_user_model, arab_event, "salma")
    client = signed_in(verified_user)
    for url in (INDEX, f"{INDEX}export/", f"{INDEX}event/{arab_event.pk}/floor/"):
        assert refused(client.get(url))
    # A member of the Arab group leaving it loses access at once.
    user = organiser(django_user_model, "Registration organisers: Arab States", name="leaving")
    client = signed_in(user)
    assert client.get(INDEX).status_code == 200
    user.groups.clear()
    assert refused(client.get(INDEX))


def test_the_admin_menu_shows_registrations_to_organisers(django_user_model, arab_event):
    client = signed_in(organiser(django_user_model, "Registration organisers: Arab States"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert INDEX in response.text


def test_editors_set_registration_and_outcome_on_the_event(staff_user, arab_event):
    response = signed_in(staff_user).get(f"/admin/pages/{arab_event.pk}/edit/")
    assert response.status_code == 200
    for field in ("registration_open", "capacity", "platform_url", "speaker_minutes", "participants_count"):
        assert f'name="{field}"' in response.text


def test_exports_are_rate_limited(staff_user, arab_event):
    client = signed_in(staff_user)
    codes = [client.get(f"{INDEX}export/").status_code for _ in range(11)]
    assert codes[:10] == [200] * 10 and codes[10] == 429
