"""A stakeholder registers for an Arab consultation in Arabic on a phone:
signs in from the event page, finds the form filled from her profile,
nominates herself as rapporteur, sees her registration, and receives the
confirmation with the event's calendar file."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from hub.models import Country, Registration
from tests.registration_helpers import PASSWORD, PLATFORM_URL, arabic_consultation
from tests.stakeholders import give_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARABIC_TITLE = "مشاورة أصحاب المصلحة المتعددين العربية"
MOTIVATION = "عملت مقررة في مشاورتين إقليميتين وأستطيع تلخيص الاستنتاجات وعرضها على المؤتمر."


@pytest.fixture
def salma(hub_site, django_user_model):
    user = django_user_model.objects.create_user(
        username="salma", email="salma@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    profile = give_profile(user, display_name="سلمى حداد")
    profile.organisation = "شبكة الحقوق والتضامن"
    profile.country = Country.objects.get(code="JO")
    profile.languages = "ar"
    profile.save()
    return user


@pytest.fixture
def consultation(hub_site):
    return arabic_consultation()


def test_register_in_arabic_and_nominate_oneself_as_rapporteur(
    live_server, salma, consultation, page, screenshot
):
    arabic = consultation.get_translations().get(locale__language_code="ar")
    page.goto(live_server.url + arabic.url)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert ARABIC_TITLE in page.locator("h1").inner_text()
    assert PLATFORM_URL not in page.content()
    screenshot("registration-1-event-ar")

    # Signing in from the event page comes back to the form.
    page.locator(".event-registration a").click()
    page.wait_for_url("**/ar/accounts/login/**")
    page.fill("input[name=login]", salma.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**{arabic.url}register/")
    assert page.locator("html").get_attribute("dir") == "rtl"

    # Filled from the profile.
    assert page.input_value("input[name=name]") == "سلمى حداد"
    assert page.input_value("input[name=organisation]") == "شبكة الحقوق والتضامن"
    assert page.locator("input[name=participant_type][value=stakeholder]").is_checked()
    page.select_option("select[name=interpretation_language]", value="ar")
    page.check("input[name=role][value=rapporteur]")
    page.fill("textarea[name=motivation]", MOTIVATION)
    page.select_option("select[name=floor_session]", value="Plenary")
    page.fill("input[name=floor_topic]", "وصول المهاجرين إلى الخدمات الأساسية")
    screenshot("registration-2-form-ar")

    # Forgetting the consent keeps everything typed and says what is missing.
    page.locator("form.registration-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_consent-errors").count() == 1
    assert page.input_value("textarea[name=motivation]") == MOTIVATION
    page.check("input[name=consent]")
    page.locator("form.registration-form button[type=submit]").click()
    page.wait_for_url(f"**{arabic.url}registration/")

    # The confirmation page: registered, nominated as rapporteur.
    assert page.locator(".registration-status .text-bg-success").count() == 1
    assert page.locator(".registration-role").count() == 1
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    screenshot("registration-3-confirmed-ar")

    registration = Registration.objects.get(user=salma)
    assert registration.event_id == consultation.pk
    assert (registration.role, registration.nomination_status, registration.language) == (
        "rapporteur",
        "nominated",
        "ar",
    )
    assert registration.floor_requests.get().topic == "وصول المهاجرين إلى الخدمات الأساسية"

    # The confirmation e-mail, in Arabic, right to left, with the event's .ics.
    (message,) = [m for m in mail.outbox if salma.email in m.to]
    html = message.alternatives[0][0]
    assert 'dir="rtl"' in html and ARABIC_TITLE in html
    (name, content, mimetype) = message.attachments[0]
    content = content.decode() if isinstance(content, bytes) else content
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content
    assert "arab-consultation" in name
    assert consultation.starts_on.strftime("%Y%m%d") in content
    assert PLATFORM_URL not in message.body and PLATFORM_URL not in content
