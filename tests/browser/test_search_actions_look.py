"""The contribution search offers an analyst "Generate an analysis paper from
this search" (the papers' action, through search's hook), on an Arabic phone
and an English desktop, and offers it to no one else."""

import pytest
from allauth.account.models import EmailAddress

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_analysis_paper_journey import PASSWORD, staff_member
from tests.stakeholders import give_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SEARCH = "/search/contributions/?region=arab-states"


def sign_in(page, base, user, language, next_path):
    next_url = f"/{language}{next_path}".replace("?", "%3F").replace("=", "%3D")
    page.goto(f"{base}/{language}/accounts/login/?next={next_url}")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**/{language}{SEARCH}")


def test_an_analyst_is_offered_a_paper_from_the_search(
    live_server, arab_space, django_user_model, page, english_page
):
    analyst = staff_member(django_user_model, "analyst", "Analysts")
    ARTIFACTS.mkdir(exist_ok=True)

    sign_in(page, live_server.url, analyst, "ar", SEARCH)  # an Arabic phone
    action = page.locator("#generate-paper-from-search")
    assert action.inner_text().strip() == "إعداد ورقة تحليلية من هذا البحث"
    assert "region=arab-states" in action.get_attribute("href")
    assert "draft_language=ar" in action.get_attribute("href")
    page.screenshot(path=str(ARTIFACTS / "search-action-ar-phone.png"), full_page=True)

    sign_in(english_page, live_server.url, analyst, "en", SEARCH)  # an English desktop
    action = english_page.locator("#generate-paper-from-search")
    assert action.inner_text().strip() == "Generate an analysis paper from this search"
    english_page.screenshot(path=str(ARTIFACTS / "search-action-en-desktop.png"), full_page=True)


def test_a_stakeholder_is_offered_no_paper(live_server, arab_space, django_user_model, page):
    stakeholder = django_user_model.objects.create_user("amal", "amal@example.org", PASSWORD)
    EmailAddress.objects.create(user=stakeholder, email=stakeholder.email, verified=True, primary=True)
    give_profile(stakeholder, display_name="Amal")
    sign_in(page, live_server.url, stakeholder, "ar", SEARCH)
    assert page.locator("#results-heading").count() == 1
    assert page.locator("#generate-paper-from-search").count() == 0
