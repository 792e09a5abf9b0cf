"""The organisers' side: registrations with filters and counts (observers on
their own), nominations selected with an e-mail, requests to take the floor in
speaking order and their export, and regional organisers kept to their region."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
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


# ---------------------------------------------------------------- the list's search, filters and downloads


def read_xlsx(response):
    from openpyxl import load_workbook

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def in_arabic(user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ar"
    profile.save()


def test_the_list_searches_names_organisations_and_e_mails(django_user_model, staff_user, arab_event):
    register(django_user_model, arab_event, "salma", organisation="Tadamon")
    register(django_user_model, arab_event, "karim", organisation="Workers' union")
    client = signed_in(staff_user)
    for query in ("salma", "tadamon", "salma@example.org"):
        assert [r.name for r in client.get(INDEX, {"q": query}).context["registrations"]] == ["Salma"]
    # The list's own filtering address (the admin refreshes the results with it) too.
    response = client.get(f"{INDEX}results/", {"q": "union"})
    assert response.status_code == 200
    assert "Karim" in response.text and "Salma" not in response.text


def test_the_list_offers_only_the_organisers_events_as_filters(django_user_model, arab_event, europe_event):
    client = signed_in(organiser(django_user_model, "Registration organisers: Arab States"))
    response = client.get(INDEX)
    offered = [value for value, _label in response.context["form"].fields["event"].choices if value]
    assert [int(str(value)) for value in offered] == [arab_event.pk]
    assert "Europe consultation" not in response.text


def test_the_counts_and_the_floor_link_follow_the_filters(django_user_model, staff_user, arab_event):
    register(django_user_model, arab_event, "salma")
    register(django_user_model, arab_event, "jordan", participant_type="observer", organisation="Ministry")
    client = signed_in(staff_user)
    response = client.get(INDEX, {"participant_type": "observer"})
    assert response.context["counts"]["participants"] == 0 and response.context["counts"]["observers"] == 1
    assert f"{INDEX}event/{arab_event.pk}/floor/" not in response.text
    response = client.get(INDEX, {"event": arab_event.pk})
    assert "Participants: 1" in response.text and "Member-state observers: 1" in response.text
    assert f"{INDEX}event/{arab_event.pk}/floor/" in response.text


def test_the_list_has_the_select_buttons_for_nominations(django_user_model, staff_user, arab_event):
    registration = register(django_user_model, arab_event, "layla", role="rapporteur", motivation="Reports.")
    html = signed_in(staff_user).get(INDEX).text
    assert f'action="{INDEX}{registration.pk}/nomination/"' in html
    assert 'value="select"' in html and 'value="not-select"' in html
    assert "layla@example.org" in html
    # The buttons work where the CSRF check is enforced, as in a browser.
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(INDEX).text).group(1)
    url = f"{INDEX}{registration.pk}/nomination/"
    assert client.post(url, {"decision": "select", "csrfmiddlewaretoken": token}).status_code == 302
    registration.refresh_from_db()
    assert registration.nomination_status == "selected"


def test_the_list_downloads_the_same_csv_as_the_export_address(django_user_model, staff_user, arab_event):
    register(django_user_model, arab_event, "salma", organisation="=cmd|' /C calc'!A0")
    client = signed_in(staff_user)
    response = client.get(INDEX, {"event": arab_event.pk, "export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="registrations-' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows == read_csv(client.get(f"{INDEX}export/", {"event": arab_event.pk}))
    assert rows[0] == [
        "Event",
        "Name",
        "E-mail",
        "Taking part as",
        "Organisation",
        "Stakeholder group",
        "Country",
        "Interpretation language",
        "Accessibility needs",
        "Role nomination",
        "Nomination status",
        "Motivation",
        "Status",
        "Registered",
        "Consent given",
    ]
    (row,) = rows[1:]
    registration = Registration.objects.get()
    assert row[:5] == [arab_event.title, "Salma", "salma@example.org", "stakeholder", "'=cmd|' /C calc'!A0"]
    moments = [registration.created_at.isoformat(), registration.consent_at.isoformat()]
    assert row[12:] == ["registered", *moments]


def test_the_xlsx_download_keeps_formulas_as_text_and_reads_right_to_left_in_arabic(
    django_user_model, staff_user, arab_event
):
    register(django_user_model, arab_event, "salma", organisation='=HYPERLINK("http://x","y")')
    register(django_user_model, arab_event, "noura", organisation="شبكة الحقوق والتضامن")
    client = signed_in(staff_user)
    sheet, rows = read_xlsx(client.get(INDEX, {"export": "xlsx"}))
    assert not sheet.sheet_view.rightToLeft
    assert rows[0][:3] == ["Event", "Name", "E-mail"]
    organisations = {row[1]: row[4] for row in rows[1:]}
    assert organisations == {"Salma": '=HYPERLINK("http://x","y")', "Noura": "شبكة الحقوق والتضامن"}
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    in_arabic(staff_user)
    sheet, rows = read_xlsx(client.get(INDEX, {"export": "xlsx"}))
    assert sheet.sheet_view.rightToLeft
    from django.utils import translation

    with translation.override("ar"):
        assert rows[0][1] == translation.gettext("Name") != "Name"


def test_another_regions_registrations_stay_out_of_the_list_counts_and_downloads(
    django_user_model, arab_event, europe_event
):
    register(django_user_model, arab_event, "salma")
    register(django_user_model, europe_event, "hans", participant_type="observer", organisation="Bundesamt")
    register(django_user_model, europe_event, "marie", role="speaker", motivation="Union organiser.")
    client = signed_in(organiser(django_user_model, "Registration organisers: Arab States"))
    for params in ({}, {"event": europe_event.pk}, {"q": "hans"}, {"participant_type": "observer"}):
        response = client.get(INDEX, params)
        assert "Hans" not in response.text and "Marie" not in response.text, params
        assert response.context["counts"]["observers"] == 0, params
        assert response.context["counts"]["nominations"] == 0, params
        assert "Hans" not in client.get(f"{INDEX}results/", params).text, params
        cache.clear()  # the downloads' rate limit
        names = [row[1] for row in read_csv(client.get(INDEX, {**params, "export": "csv"}))[1:]]
        assert "Hans" not in names and "Marie" not in names, params
        _sheet, rows = read_xlsx(client.get(INDEX, {**params, "export": "xlsx"}))
        assert not {"Hans", "Marie"} & {row[1] for row in rows[1:]}, params
    assert client.get(INDEX, {"event": arab_event.pk}).context["counts"]["participants"] == 1


def test_the_list_is_only_a_list(django_user_model, staff_user, arab_event):
    """The viewset serves no add, edit, delete, history or usage pages: a
    registration is changed by its registrant and the organisers' decisions."""
    registration = register(django_user_model, arab_event, "salma")
    client = signed_in(staff_user)
    pk = registration.pk
    for url in ("new/", f"edit/{pk}/", f"delete/{pk}/", f"history/{pk}/"):
        assert client.get(f"{INDEX}{url}").status_code in (302, 404), url
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_downloads_from_the_list_count_against_the_export_limit(staff_user, arab_event):
    client = signed_in(staff_user)
    codes = [client.get(INDEX, {"export": "xlsx" if n % 2 else "csv"}).status_code for n in range(11)]
    assert codes[:10] == [200] * 10 and codes[10] == 429


def test_an_events_editors_do_not_see_its_registrants_in_its_usage(django_user_model, arab_event):
    """Wagtail lists what refers to a page on the page's usage view; a registration
    is not among them (its name is personal data, for the organisers only)."""
    register(django_user_model, arab_event, "salma")
    editor = organiser(django_user_model, "Editors", name="editor")
    response = signed_in(editor).get(f"/admin/pages/{arab_event.pk}/usage/")
    assert response.status_code == 200
    assert "Salma" not in response.text
    # Not even as a private item: that the event has registrants is the organisers' to know.
    assert list(response.context["object_list"]) == []
