"""django-allauth is the only way in: sign-up, verification, login, reset, limits, MFA."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase-2024"


def confirmation_path(message):
    match = re.search(r"https?://[^/\s]+(/\w{2}/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def sign_up(client, email="nadia@example.org", language="en"):
    from hub.models import StakeholderGroup

    # The sign-up form also asks the stakeholder profile (tests/test_profiles.py).
    group = StakeholderGroup.objects.in_default_locale().get(slug="migrants")
    return client.post(
        f"/{language}/accounts/signup/",
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Nadia",
            "stakeholder_group": group.pk,
        },
    )


def test_sign_up_sends_a_verification_email(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nadia@example.org"]
    assert message.subject.startswith("[Migration Network Hub]")
    assert confirmation_path(message)


def test_unverified_account_cannot_sign_in(client):
    sign_up(client)
    client.logout()
    response = client.post("/en/accounts/login/", {"login": "nadia@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_confirming_the_address_signs_the_person_in_and_later_logins_work(client, django_user_model):
    sign_up(client)
    path = confirmation_path(mail.outbox[0])
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    user = django_user_model.objects.get(email="nadia@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)

    client.logout()
    response = client.post("/en/accounts/login/", {"login": "nadia@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_arabic_sign_up_gets_arabic_pages_and_link(client):
    response = sign_up(client, language="ar")
    assert response["Location"] == "/ar/accounts/confirm-email/"
    assert confirmation_path(mail.outbox[0]).startswith("/ar/")
    page = BeautifulSoup(client.get("/ar/accounts/confirm-email/").content, "html.parser")
    assert page.html["dir"] == "rtl"


def test_sign_up_errors_keep_what_was_typed(client):
    response = client.post(
        "/fr/accounts/signup/", {"email": "nadia@example.org", "password1": PASSWORD, "password2": "other"}
    )
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("input[name=email]")["value"] == "nadia@example.org"
    assert page.select_one(".invalid-feedback, .errorlist"), "the error is shown"
    assert "mot de passe" in page.get_text().lower()


def test_password_reset_sends_a_link(client, verified_user):
    response = client.post("/en/accounts/password/reset/", {"email": verified_user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/en/accounts/password/reset/key/" in mail.outbox[0].body


def test_repeated_failed_logins_are_refused_even_with_the_right_password(client, verified_user):
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": verified_user.email, "password": "wrong"})
    response = client.post("/en/accounts/login/", {"login": verified_user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_sign_up_is_rate_limited_per_address(client):
    statuses = []
    for i in range(25):
        client.logout()
        statuses.append(sign_up(client, email=f"person{i}@example.org").status_code)
    assert statuses[0] == 302
    assert statuses[-1] == 429


def test_staff_reach_the_admin_through_the_allauth_login(client, staff_user):
    response = client.post(
        "/en/accounts/login/?next=/admin/",
        {"login": staff_user.email, "password": "editor-pass-phrase-2024"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_stakeholders_cannot_open_the_admin(client, verified_user):
    client.force_login(verified_user)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert not response.get("Location", "").startswith("/admin")


def test_staff_can_turn_on_totp_two_factor_authentication(client, staff_user):
    client.post("/en/accounts/login/", {"login": staff_user.email, "password": "editor-pass-phrase-2024"})
    index = client.get("/en/accounts/2fa/")
    assert index.status_code == 200
    # allauth asks for the password again before changing security settings.
    assert client.get("/en/accounts/2fa/totp/activate/").status_code == 302
    client.post("/en/accounts/reauthenticate/", {"password": "editor-pass-phrase-2024"})
    activate = client.get("/en/accounts/2fa/totp/activate/")
    assert activate.status_code == 200
    page = BeautifulSoup(activate.content, "html.parser")
    assert page.select_one("input[name=code]"), "the authenticator code field is offered"


def test_sign_out_needs_a_post(client, verified_user):
    client.force_login(verified_user)
    client.post("/en/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_a_new_accounts_username_says_nothing_of_its_e_mail_address(client, django_user_model):
    """The username shows beside posts, in feeds and to moderators: a
    pseudonymous participant's address must not be read from it."""
    address = "salma.haddad.1796316973@example.org"
    assert sign_up(client, email=address).status_code == 302
    sign_up(Client(), email="salma.haddad.1796316973@example.net")
    usernames = list(
        django_user_model.objects.filter(email__startswith="salma.").values_list("username", flat=True)
    )
    assert len(usernames) == len(set(usernames)) == 2
    for username in usernames:
        assert re.fullmatch(r"member-[a-z2-9]{8}", username), username
        assert "salma" not in username and "haddad" not in username and "1796" not in username


def test_confirming_the_address_returns_to_where_sign_up_began(client):
    # Someone invited to join from a space page signs up there: once the
    # address is confirmed they are back on that page, signed in.
    from forum.models import RegionalSpace

    forum = RegionalSpace.objects.select_related("forum").get(region__slug="arab-states").forum
    space_path = f"/ar/forum/forum/{forum.slug}-{forum.pk}/"
    signup = BeautifulSoup(client.get(f"/ar/accounts/signup/?next={space_path}").content, "html.parser")
    assert signup.select_one("form input[name=next]")["value"] == space_path
    from hub.models import StakeholderGroup

    group = StakeholderGroup.objects.in_default_locale().get(slug="migrants")
    client.post(
        "/ar/accounts/signup/",
        {
            "email": "nadia@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Nadia",
            "stakeholder_group": group.pk,
            "next": space_path,
        },
    )
    path = confirmation_path(mail.outbox[0])
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == space_path
    assert "_auth_user_id" in client.session


def test_the_e_mails_link_returns_to_where_sign_up_began_in_another_browser_too(client):
    # Opened from a mail app, the link may land in a browser that never saw
    # the sign-up: the link itself says where to go back to.
    from forum.models import RegionalSpace
    from hub.models import StakeholderGroup

    forum = RegionalSpace.objects.select_related("forum").get(region__slug="arab-states").forum
    space_path = f"/ar/forum/forum/{forum.slug}-{forum.pk}/"
    group = StakeholderGroup.objects.in_default_locale().get(slug="migrants")
    client.post(
        "/ar/accounts/signup/",
        {
            "email": "nadia@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Nadia",
            "stakeholder_group": group.pk,
            "next": space_path,
        },
    )
    link = re.search(r"https?://[^/\s]+(/ar/accounts/confirm-email/\S+)", mail.outbox[0].body).group(1)
    other_browser = Client()
    form = BeautifulSoup(other_browser.get(link).content, "html.parser")
    hidden = {field["name"]: field["value"] for field in form.select("main form input[type=hidden]")}
    assert hidden["next"] == space_path
    response = other_browser.post(form.select_one("main form")["action"], hidden)
    assert response.status_code == 302
    assert response["Location"] == space_path


def test_the_headers_sign_in_brings_the_person_back_to_the_page_they_were_reading(client):
    sign_up(client)
    client.post(confirmation_path(mail.outbox[0]))
    client.logout()
    page = BeautifulSoup(client.get("/en/news/").content, "html.parser")
    sign_in = page.find("a", string="Sign in")
    assert sign_in["href"] == "/en/accounts/login/?next=%2Fen%2Fnews%2F"
    assert page.find("a", string="Sign up")["href"] == "/en/accounts/signup/?next=%2Fen%2Fnews%2F"
    response = client.post(sign_in["href"], {"login": "nadia@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/en/news/"
    # On the account pages themselves, "back" would be the sign-in form again.
    client.logout()
    login_page = BeautifulSoup(client.get("/en/accounts/login/").content, "html.parser")
    assert login_page.find("a", string="Sign up")["href"] == "/en/accounts/signup/"
