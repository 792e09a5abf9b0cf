"""An established stakeholder, in Arabic on a phone, replies with a report
attached: the page answers at once, the task worker reads the file, the
search finds the reply by the report's words, and she can still edit the
reply, file and all. On a desktop in English, a visitor reads the topic's
poll results as bars."""

import io
from datetime import timedelta

import docx
import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone
from machina.core.db.models import get_model

from forum.models import RegionalSpace
from tests.browser.conftest import ARTIFACTS
from tests.stakeholders import give_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")
TopicPoll = get_model("forum_polls", "TopicPoll")
TopicPollOption = get_model("forum_polls", "TopicPollOption")
TopicPollVote = get_model("forum_polls", "TopicPollVote")

PASSWORD = "a-long-pass-phrase-2024"
REPORT_WORDS = "الكفالة"  # a word only the attached report holds
REPLY = "أرفقت تقرير شبكتنا عن أوضاع العاملات المنزليات."


def report_docx():
    document = docx.Document()
    document.add_heading("تقرير", level=1)
    document.add_paragraph(f"نظام {REPORT_WORDS} يربط إقامة العامل بصاحب العمل ويجب إلغاؤه.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def topic_with_poll(hub_site, django_user_model, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    space = RegionalSpace.objects.select_related("forum").get(region__slug="arab-states")
    author = django_user_model.objects.create_user(
        username="mona", email="mona@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=author, email=author.email, verified=True, primary=True)
    give_profile(author, display_name="منى")
    topic = Topic.objects.create(
        forum=space.forum,
        poster=author,
        subject="العمل المنزلي",
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
    )
    Post.objects.create(topic=topic, poster=author, subject=topic.subject, content="ما الذي يحمي العاملات؟")
    for _n in range(3):  # an established account: it may attach files
        Post.objects.create(topic=topic, poster=author, subject="Re", content=f"مشاركة سابقة {_n}")
    Post.objects.filter(poster=author).update(created=timezone.now() - timedelta(hours=2))
    type(author).objects.filter(pk=author.pk).update(date_joined=timezone.now() - timedelta(days=30))
    poll = TopicPoll.objects.create(topic=topic, question="أولويتكم؟", max_options=1)
    options = [TopicPollOption.objects.create(poll=poll, text=text) for text in ("الحماية", "التوظيف")]
    TopicPollVote.objects.create(poll_option=options[0], voter=author)
    return topic


def test_a_report_is_read_by_the_worker_found_by_its_words_and_its_reply_stays_editable(
    live_server, topic_with_poll, browser, page, screenshot
):
    topic = topic_with_poll
    address = f"/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/"
    page.goto(f"{live_server.url}/ar/accounts/login/")
    page.fill("input[name=login]", "mona@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    # Reply with the report, from the reply form's Attachments tab.
    page.goto(f"{live_server.url}/ar{address}")
    page.locator(".topic-actions-block a[href$='/post/create/']").first.click()
    page.fill("textarea[name=content]", REPLY)
    page.locator("a.nav-link[href='#attachments']").click()
    file_input = page.locator("#attachment_formset input[type=file]").first
    file_input.wait_for(state="visible")
    file_input.set_input_files(
        files=[
            {
                "name": "تقرير-الشبكة.docx",
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "buffer": report_docx(),
            }
        ]
    )
    screenshot("attachment-1-reply-with-report-ar")
    page.locator("form input[type=submit].btn-primary").last.click()
    page.wait_for_load_state()
    post = page.locator(".post", has_text=REPLY)
    assert post.locator("a[href*='attachment']").count() >= 1
    screenshot("attachment-2-reply-posted-ar")

    # Until the worker has read it, the report's words find nothing; after, the reply.
    search = f"{live_server.url}/ar/search/contributions/?q={REPORT_WORDS}"
    page.goto(search)
    assert REPLY not in page.locator("main").inner_text()
    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--no-reload")
    page.goto(search)
    assert REPLY in page.locator("main").inner_text()
    screenshot("attachment-3-found-by-the-report-ar")

    # The reply's edit page opens with its file, and saving keeps it.
    page.goto(f"{live_server.url}/ar{address}")
    page.locator(".post", has_text=REPLY).locator("a[href$='/update/']").first.click()
    page.wait_for_load_state()
    assert page.locator("textarea[name=content]").input_value() == REPLY
    page.locator("a.nav-link[href='#attachments']").click()
    assert "تقرير-الشبكة" in page.locator("#attachment_formset").inner_text()
    screenshot("attachment-4-edit-with-file-ar")
    page.fill("textarea[name=content]", REPLY + " (محدّث)")
    page.locator("form input[type=submit].btn-primary").last.click()
    page.wait_for_load_state()
    post = page.locator(".post", has_text="(محدّث)")
    assert post.locator("a[href*='attachment']").count() >= 1

    # A visitor on a desktop in English reads the poll's results as bars.
    visitor = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en")
    visitor.goto(f"{live_server.url}/en{address}")
    meters = visitor.locator(".poll-results meter")
    assert meters.count() == 2
    assert [meters.nth(i).get_attribute("value") for i in range(2)] == ["100.000000", "0.000000"]
    assert meters.first.bounding_box()["width"] > 50
    visitor.screenshot(path=str(ARTIFACTS / "attachment-5-poll-en.png"), full_page=True)
