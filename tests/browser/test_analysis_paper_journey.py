"""An analyst turns the Arab States space's contributions into a paper: signs
in, searches the space, asks for a paper from that search, follows the
generation until it is finished (the task worker runs in the test's thread,
on the live server's database), opens the draft in Wagtail's editor,
rewrites a block and clicks the editor's own "Save draft"; an editor with
the publish permission opens it and clicks the editor's own "Publish"; the
public page shows the rewritten block, says how many contributions it rests
on and offers the PDF, which downloads holding the rewritten words."""

import re
import shutil
import subprocess

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command

from hub.models import AnalysisPaperPage, PaperGeneration
from tests.browser.conftest import ARTIFACTS
from tests.page_editor import editor_post, field_count
from tests.stakeholders import give_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-pass-phrase-2024"
TITLE = "What the Arab States space said in 2024"
REWRITTEN = "The figures, as the analyst reads them"


def staff_member(django_user_model, name, group):
    user = django_user_model.objects.create_user(
        username=name, email=f"{name}@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    give_profile(user, display_name=name.title())
    user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(page, base, user, next_url):
    page.goto(f"{base}/en/accounts/login/?next={next_url}")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def run_worker():
    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--no-reload")


def test_an_analyst_generates_a_paper_that_an_editor_publishes(
    live_server, arab_space, django_user_model, browser, english_page
):
    base, page = live_server.url, english_page
    analyst = staff_member(django_user_model, "analyst", "Analysts")
    editor = staff_member(django_user_model, "moderator", "Moderators")

    # The analyst searches the Arab States space.
    search = "/en/search/contributions/?region=arab-states"
    sign_in(page, base, analyst, search.replace("?", "%3F").replace("=", "%3D"))
    page.wait_for_url(f"**{search}")
    assert "2 contributions" in page.locator("#results-heading").inner_text()

    # From the search to the admin's form, filled from it.
    page.locator("#generate-paper-from-search").click()
    page.wait_for_url("**/admin/papers/new/**")
    assert page.input_value("select[name=region]") == "arab-states"
    assert page.input_value("select[name=draft_language]") == "en"
    shot(page, "paper-1-form")
    page.locator("#generate-submit").click()  # no title yet: the form says so and keeps the rest
    page.wait_for_load_state()
    assert page.locator("#generate-submit").count() == 1
    assert page.input_value("select[name=region]") == "arab-states"
    page.fill("input[name=title]", TITLE)
    page.fill("input[name=from]", "2024-01-01")
    page.locator("#generate-submit").click()
    page.wait_for_url(re.compile(r".*/admin/papers/\d+/$"))
    generation = PaperGeneration.objects.get()
    assert page.locator("#paper-generation").get_attribute("data-status") == "queued"
    shot(page, "paper-2-queued")

    # The task worker takes it; the page follows by itself until it is finished.
    run_worker()
    page.locator("#edit-draft").wait_for(timeout=15_000)
    assert page.locator("#paper-generation").get_attribute("data-status") == "finished"
    assert page.locator("#generation-status").inner_text() == "Finished"
    assert page.locator("#generation-percent").inner_text() == "100 %"
    shot(page, "paper-3-finished")
    generation.refresh_from_db()
    draft = AnalysisPaperPage.objects.get(pk=generation.page_id)
    assert not draft.live and generation.contribution_count == 2

    # The draft opens in the admin's editor; the analyst may not publish it.
    page.locator("#edit-draft").click()
    page.wait_for_url(f"**/admin/pages/{draft.pk}/edit/")
    assert page.input_value("input[name=title]") == TITLE
    assert page.locator("button[name=action-publish]").count() == 0
    # What the form would post: far fewer fields than Django accepts.
    fields = page.evaluate("[...new FormData(document.getElementById('page-edit-form')).keys()].length")
    assert fields < 1000, fields
    # The same count as the tests without a browser build (tests/page_editor.py), and the CSRF token.
    assert fields == field_count(editor_post(page.content(), draft)) + 1
    shot(page, "paper-4-draft")

    # The analyst rewrites the first heading and saves the draft.
    heading = page.locator("input[name=body-0-value]")
    assert heading.input_value() == "Key figures"
    heading.fill(REWRITTEN)
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(f"**/admin/pages/{draft.pk}/edit/")
    page.locator(".messages .success, .messages [class*=success]").first.wait_for()
    assert page.locator("input[name=body-0-value]").input_value() == REWRITTEN
    shot(page, "paper-5-draft-saved")
    draft.refresh_from_db()
    assert not draft.live

    # An editor (Moderators: Wagtail's publishers) opens it and publishes it.
    other = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True
    )
    try:
        editor_page = other.new_page()
        sign_in(editor_page, base, editor, f"/admin/pages/{draft.pk}/edit/")
        editor_page.wait_for_url(f"**/admin/pages/{draft.pk}/edit/")
        assert editor_page.locator("input[name=body-0-value]").input_value() == REWRITTEN
        publish = editor_page.locator("button[name=action-publish]")
        if not publish.is_visible():  # in the footer's menu, behind its toggle
            editor_page.locator(
                "footer [data-w-dropdown-target=toggle], footer .w-dropdown__toggle"
            ).first.click()
        shot(editor_page, "paper-6-publish")
        publish.click()
        editor_page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
        draft.refresh_from_db()
        assert draft.live

        # The public page: the rewritten block, how many contributions it rests on, the PDF.
        editor_page.goto(base + draft.url)
        main = editor_page.locator("main")
        assert TITLE in main.locator("h1").inner_text()
        assert REWRITTEN in main.inner_text()
        shot(editor_page, "paper-7-published")
        assert "Based on 2 contributions" in main.inner_text()
        pdf_link = main.locator(f"a[href$='{draft.url}pdf/']")
        assert pdf_link.count() >= 1
        with editor_page.expect_download() as download_info:
            pdf_link.first.click()
        download = download_info.value
        assert download.suggested_filename.endswith(".pdf")
        path = ARTIFACTS / "paper-8-downloaded.pdf"
        download.save_as(path)
        assert path.read_bytes().startswith(b"%PDF")
        pdftotext = shutil.which("pdftotext")
        if pdftotext:
            text = subprocess.run(
                [pdftotext, "-layout", str(path), "-"], capture_output=True, check=True, text=True
            ).stdout
            assert REWRITTEN in " ".join(text.split())
    finally:
        other.close()
