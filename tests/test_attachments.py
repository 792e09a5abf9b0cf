"""Report attachments: accepted by content, size-limited, stored where no URL
reaches them, served only to those who may read the post, their text extracted."""

import io
import zipfile
from datetime import timedelta
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from machina.core.db.models import get_model
from odf.opendocument import OpenDocumentText
from odf.text import H, P
from PIL import Image

from forum.attachments.forms import CheckedAttachmentFormset, storage_name
from forum.attachments.storage import attachment_file_field, check_private_media_root, private_storage
from forum.attachments.tasks import extract_attachment_text
from forum.models import AttachmentText, Flag, FlagReason, RegionalSpace
from tests.factories import ReplyFactory, TopicFactory, TopicPostFactory, UserFactory
from tests.stakeholders import give_profile

pytestmark = pytest.mark.django_db

Attachment = get_model("forum_attachments", "Attachment")
Forum = get_model("forum", "Forum")
ForumPermission = get_model("forum_permission", "ForumPermission")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
UserForumPermission = get_model("forum_permission", "UserForumPermission")


# ---------------------------------------------------------------- tiny real files


def make_pdf(text):
    """A one-page PDF showing ``text``, with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def make_docx(text):
    document = docx.Document()
    document.add_heading("Report", level=1)
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "cell one"
    table.rows[0].cells[1].text = "cell two"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_odt(text):
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Report"))
    document.text.addElement(P(text=text))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_image(fmt, size=(8, 8)):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


# ---------------------------------------------------------------- fixtures


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Every test writes its files into its own private folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def space_forum():
    return RegionalSpace.objects.select_related("forum").get(region__slug="arab-states").forum


@pytest.fixture
def topic(space_forum, verified_user):
    return TopicPostFactory(
        topic__forum=space_forum, poster=verified_user, subject="Labour migration", content="Opening"
    ).topic


@pytest.fixture
def vetted(topic, verified_user):
    """verified_user as an established account: new accounts attach nothing (RL2)."""
    type(verified_user).objects.filter(pk=verified_user.pk).update(
        date_joined=timezone.now() - timedelta(days=30)
    )
    for _n in range(2):
        FileReplyFactory(topic=topic, poster=verified_user)
    # Posted a while ago, so the posting rate limit leaves room for a reply now.
    Post.objects.filter(poster=verified_user).update(created=timezone.now() - timedelta(hours=1))
    verified_user.refresh_from_db()
    give_profile(verified_user)
    return verified_user


class FileReplyFactory(ReplyFactory):
    """The reply the files are attached to."""

    subject = "Re: report"
    content = "See the file"


def attach(post, name, content):
    return Attachment.objects.create(post=post, file=ContentFile(content, name=name))


EXTRACTION_TASK = "forum.attachments.tasks.extract_attachment_text"


def queued_extractions():
    return DBTaskResult.objects.filter(task_path=EXTRACTION_TASK, status="READY").count()


def extract(attachment):
    """What the worker does with the queued task, run here (the worker itself
    runs in the transactional tests below, which SQLite needs committed)."""
    return extract_attachment_text.call(attachment.pk)


def formset(*files):
    data = {
        "attachment-TOTAL_FORMS": str(len(files)),
        "attachment-INITIAL_FORMS": "0",
        "attachment-MIN_NUM_FORMS": "0",
        "attachment-MAX_NUM_FORMS": "15",
    }
    uploads = {f"attachment-{i}-file": upload for i, upload in enumerate(files)}
    return CheckedAttachmentFormset(data=data, files=uploads, prefix="attachment")


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# ---------------------------------------------------------------- accepted types and extracted text

TEXT = "Remittances reach rural families"

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENTS = [
    ("report.pdf", make_pdf(TEXT), "application/pdf"),
    ("report.docx", make_docx(TEXT), DOCX_TYPE),
    ("report.odt", make_odt(TEXT), "application/vnd.oasis.opendocument.text"),
]
IMAGES = [
    ("chart.png", make_image("PNG"), "image/png"),
    ("photo.jpg", make_image("JPEG"), "image/jpeg"),
]


@pytest.mark.parametrize(("name", "content", "content_type"), DOCUMENTS + IMAGES)
def test_each_allowed_type_is_accepted(name, content, content_type, topic, verified_user):
    attachments = formset(upload(name, content, content_type))
    assert attachments.is_valid(), attachments.errors
    attachments.post = FileReplyFactory(topic=topic, poster=verified_user)
    attachments.save()
    assert Attachment.objects.get(post=attachments.post).filename == name


@pytest.mark.parametrize(("name", "content", "content_type"), DOCUMENTS)
def test_text_of_documents_is_extracted_by_the_worker(name, content, content_type, topic, verified_user):
    attachments = formset(upload(name, content, content_type))
    assert attachments.is_valid(), attachments.errors
    attachments.post = FileReplyFactory(topic=topic, poster=verified_user)
    attachments.save()
    # Saving only queues the work.
    assert not AttachmentText.objects.filter(attachment__post=attachments.post).exists()
    assert queued_extractions() == 1
    assert extract(Attachment.objects.get(post=attachments.post)) == "extracted"
    extracted = AttachmentText.objects.get(attachment__post=attachments.post)
    assert TEXT in extracted.text
    assert extracted.error == ""
    assert not extracted.truncated
    if name.endswith(("docx", "odt")):
        assert "Report" in extracted.text  # headings too
    if name.endswith("docx"):
        assert "cell two" in extracted.text  # and tables


@pytest.mark.parametrize(("name", "content", "content_type"), IMAGES)
def test_images_have_no_text_row(name, content, content_type, topic, verified_user):
    attachment = attach(FileReplyFactory(topic=topic, poster=verified_user), name, content)
    assert queued_extractions() == 0
    assert extract(attachment) == "no text"
    assert not AttachmentText.objects.filter(attachment=attachment).exists()


def test_an_unreadable_document_records_the_failure(topic, verified_user):
    # Looks like a PDF to the type check, but has no body the reader understands.
    attachment = attach(
        FileReplyFactory(topic=topic, poster=verified_user), "broken.pdf", b"%PDF-1.4\nnot really a pdf"
    )
    assert extract(attachment) == "failed"
    extracted = AttachmentText.objects.get(attachment=attachment)
    assert extracted.text == ""
    assert extracted.error
    # The file stays; the space's moderators find the post among the reported ones.
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    flag = Flag.objects.get(post=attachment.post)
    assert flag.reporter is None and flag.reason == FlagReason.UNREADABLE_FILE
    assert "broken.pdf" in flag.note


def test_long_text_is_cut_at_the_bound(topic, verified_user, monkeypatch):
    from forum.attachments import extraction

    monkeypatch.setattr(extraction, "MAX_CHARS", 20)
    attachment = attach(
        FileReplyFactory(topic=topic, poster=verified_user), "long.docx", make_docx("x" * 100)
    )
    extract(attachment)
    extracted = AttachmentText.objects.get(attachment=attachment)
    assert len(extracted.text) == 20
    assert extracted.truncated


def test_saving_again_with_the_same_file_does_not_extract_again(topic, verified_user):
    attachment = attach(FileReplyFactory(topic=topic, poster=verified_user), "report.pdf", make_pdf(TEXT))
    extract(attachment)
    first = AttachmentText.objects.get(attachment=attachment).extracted_at
    queued = queued_extractions()
    attachment.comment = "Annex"
    attachment.save()
    assert queued_extractions() == queued
    assert AttachmentText.objects.get(attachment=attachment).extracted_at == first


# ---------------------------------------------------------------- refused files


def only_error(attachments):
    assert not attachments.is_valid()
    return attachments.errors[0]["file"][0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64),
        ("page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("x.pdf.exe", b"MZ\x90\x00"),
        ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
)
def test_files_that_are_not_allowed_types_are_refused_whatever_their_name(name, content):
    message = only_error(formset(upload(name, content, "application/pdf")))
    assert "is not a PDF, DOCX, ODT, PNG or JPEG file" in message
    assert name in message


def test_other_zip_archives_are_not_taken_for_documents():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")  # no declaration of a Word document
    assert "is not a PDF" in only_error(formset(upload("report.docx", out.getvalue())))


def test_a_zip_bomb_is_refused(monkeypatch):
    from forum.attachments import filetypes

    monkeypatch.setattr(filetypes, "ZIP_MAX_EXPANDED_BYTES", 1000)
    assert "expands into too much data" in only_error(formset(upload("big.docx", make_docx("y" * 5000))))


def test_a_pixel_flood_is_refused_before_decoding(monkeypatch):
    from forum.attachments import filetypes

    monkeypatch.setattr(filetypes, "IMAGE_MAX_PIXELS", 100)
    message = only_error(formset(upload("flood.png", make_image("PNG", (20, 20)), "image/png")))
    assert "is too large (20 by 20 pixels)" in message


def test_a_damaged_image_is_refused():
    message = only_error(formset(upload("cut.png", make_image("PNG")[:12], "image/png")))
    assert "seems damaged" in message


def test_a_file_over_the_limit_is_refused(settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    message = only_error(formset(upload("big.pdf", make_pdf("x") + b"%" * 2048)))
    assert "an attachment may be at most 1.0\xa0KB" in message


def test_the_default_limit_is_ten_megabytes():
    assert settings.ATTACHMENT_MAX_BYTES == 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("x.pdf.exe", "x.pdf.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ('re"port\r\n.pdf', "report.pdf"),
        ("rapport\u202efdp.exe", "rapportfdp.pdf"),
        ("..", "attachment.pdf"),
        ("a" * 300 + ".pdf", "a" * 50 + ".pdf"),
        ("تقرير الهجرة.pdf", "تقرير_الهجرة.pdf"),
    ],
)
def test_stored_names_are_made_safe(name, expected):
    from forum.attachments.filetypes import PDF

    assert storage_name(name, PDF) == expected


# ---------------------------------------------------------------- the posting form


def test_the_reply_form_shows_why_a_file_was_refused(client, topic, vetted):
    verified_user = vetted
    client.force_login(verified_user)
    url = f"/en/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/post/create/"
    page = client.get(url)
    assert page.status_code == 200
    assert b"PDF, DOCX, ODT, PNG or JPEG, up to 10.0" in page.content
    response = client.post(
        url,
        {
            "subject": "Re: report",
            "content": "Here is our report",
            "attachment-TOTAL_FORMS": "1",
            "attachment-INITIAL_FORMS": "0",
            "attachment-MIN_NUM_FORMS": "0",
            "attachment-MAX_NUM_FORMS": "15",
            "attachment-0-file": upload("report.pdf", b"<html><script>alert(1)</script></html>"),
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "is not a PDF, DOCX, ODT, PNG or JPEG file" in text
    assert "Here is our report" in text  # what was typed is kept
    assert not Post.objects.filter(content="Here is our report").exists()
    # The refused file is not kept for the next submission either.
    response = client.post(
        url,
        {
            "subject": "Re: report",
            "content": "Here is our report",
            "attachment-TOTAL_FORMS": "1",
            "attachment-INITIAL_FORMS": "0",
            "attachment-MIN_NUM_FORMS": "0",
            "attachment-MAX_NUM_FORMS": "15",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Attachment.objects.filter(post__content="Here is our report").exists()


def test_a_reply_with_a_report_is_saved_with_its_text(client, topic, vetted):
    verified_user = vetted
    client.force_login(verified_user)
    url = f"/en/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/post/create/"
    response = client.post(
        url,
        {
            "subject": "Re: report",
            "content": "Our findings",
            "attachment-TOTAL_FORMS": "1",
            "attachment-INITIAL_FORMS": "0",
            "attachment-MIN_NUM_FORMS": "0",
            "attachment-MAX_NUM_FORMS": "15",
            "attachment-0-file": upload("findings.odt", make_odt(TEXT), "application/octet-stream"),
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(post__content="Our findings")
    assert queued_extractions() == 1
    extract(attachment)
    assert TEXT in AttachmentText.objects.get(attachment=attachment).text


# ---------------------------------------------------------------- private storage


def test_attachment_files_use_the_private_storage_without_a_migration_in_machina():
    field = attachment_file_field()
    assert field.storage is private_storage
    assert "storage" not in field.deconstruct()[3]
    with pytest.raises(ValueError):
        private_storage.url("machina/attachments/report.pdf")


def test_files_are_outside_media_root_and_unreachable_by_media_url(topic, verified_user, private_root):
    attachment = attach(FileReplyFactory(topic=topic, poster=verified_user), "report.pdf", make_pdf(TEXT))
    path = Path(attachment.file.path)
    assert path.is_file()
    assert path.is_relative_to(private_root)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    assert Client().get(f"{settings.MEDIA_URL}{attachment.file.name}").status_code == 404
    assert Client().get(f"/media/{path.name}").status_code == 404


def test_a_private_root_inside_public_folders_is_reported(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    assert [e.id for e in check_private_media_root()] == ["regional_forum.E001"]
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert check_private_media_root() == []


def test_deleting_an_attachment_removes_its_file(topic, verified_user, django_capture_on_commit_callbacks):
    attachment = attach(FileReplyFactory(topic=topic, poster=verified_user), "report.pdf", make_pdf(TEXT))
    path = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert not path.exists()


# ---------------------------------------------------------------- the download view


def download_url(attachment):
    return f"/en/forum/attachment/{attachment.pk}/"


def test_machina_templates_link_to_the_checked_view(client, topic, verified_user):
    from django.urls import reverse

    attachment = attach(FileReplyFactory(topic=topic, poster=verified_user), "report.pdf", make_pdf(TEXT))
    assert reverse("forum_conversation:attachment", kwargs={"pk": attachment.pk}) == download_url(attachment)
    client.force_login(verified_user)
    page = client.get(f"/en/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/")
    assert download_url(attachment).encode() in page.content


def test_a_reader_downloads_an_approved_posts_file(client, topic, verified_user, django_user_model):
    attachment = attach(FileReplyFactory(topic=topic, poster=verified_user), "report.pdf", make_pdf(TEXT))
    reader = UserFactory(username="reader", email="r@example.org", password="x")
    client.force_login(reader)
    response = client.get(download_url(attachment))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == make_pdf(TEXT)


def test_download_names_in_other_scripts_are_encoded(client, topic, verified_user):
    attachment = attach(FileReplyFactory(topic=topic, poster=verified_user), "تقرير.docx", make_docx(TEXT))
    client.force_login(verified_user)
    response = client.get(download_url(attachment))
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_anonymous_visitors_of_a_public_space_are_asked_to_sign_in(topic, verified_user):
    # Anonymous visitors may read the spaces but not download files.
    attachment = attach(FileReplyFactory(topic=topic, poster=verified_user), "report.pdf", make_pdf(TEXT))
    response = Client().get(download_url(attachment))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_unapproved_posts_file_is_hidden(client, topic, verified_user, django_user_model):
    attachment = attach(
        FileReplyFactory(topic=topic, poster=verified_user, approved=False), "report.pdf", make_pdf(TEXT)
    )
    assert Client().get(download_url(attachment)).status_code == 404
    other = UserFactory(username="other", email="o@example.org", password="x")
    client.force_login(other)
    assert client.get(download_url(attachment)).status_code == 404
    # Its author may still fetch it, and so may the space's moderators.
    client.force_login(verified_user)
    assert client.get(download_url(attachment)).status_code == 200
    moderator = UserFactory(username="mod", email="m@example.org", password="x", moderates=["arab-states"])
    client.force_login(moderator)
    assert client.get(download_url(attachment)).status_code == 200


def test_another_regions_moderator_cannot_fetch_a_pending_file(
    client, topic, verified_user, django_user_model
):
    attachment = attach(
        FileReplyFactory(topic=topic, poster=verified_user, approved=False), "report.pdf", make_pdf(TEXT)
    )
    moderator = UserFactory(username="mod", email="m@example.org", password="x", moderates=["africa"])
    client.force_login(moderator)
    assert client.get(download_url(attachment)).status_code == 404


def test_a_hidden_forums_file_is_not_served(client, verified_user, django_user_model):
    hidden = Forum.objects.create(name="Staff room", type=Forum.FORUM_POST)
    for codename in ("can_see_forum", "can_read_forum"):
        permission, _ = ForumPermission.objects.get_or_create(codename=codename)
        for who in ({"authenticated_user": True}, {"anonymous_user": True}):
            UserForumPermission.objects.create(forum=hidden, permission=permission, has_perm=False, **who)
    topic = TopicFactory(forum=hidden, poster=verified_user, subject="Internal")
    attachment = attach(FileReplyFactory(topic=topic, poster=verified_user), "report.pdf", make_pdf(TEXT))
    outsider = UserFactory(username="out", password="x")
    client.force_login(outsider)
    assert client.get(download_url(attachment)).status_code == 404
    assert Client().get(download_url(attachment)).status_code == 404


def test_a_missing_attachment_is_404(client, verified_user):
    client.force_login(verified_user)
    assert client.get("/en/forum/attachment/999999/").status_code == 404


@pytest.mark.parametrize("name", ["topic_create", "topic_update", "post_create", "post_update"])
def test_every_posting_view_checks_attachments(name):
    from django.urls import resolve, reverse

    from forum.attachments.views import CheckedAttachmentsMixin

    kwargs = {"forum_slug": "f", "forum_pk": 1}
    if name == "topic_update":
        kwargs.update(slug="t", pk=1)
    if name.startswith("post"):
        kwargs.update(topic_slug="t", topic_pk=1)
    if name == "post_update":
        kwargs.update(pk=1)
    view = resolve(reverse(f"forum_conversation:{name}", kwargs=kwargs)).func.view_class
    assert issubclass(view, CheckedAttachmentsMixin)


def test_the_admin_links_to_the_checked_view(client, staff_user, topic, verified_user):
    attachment = attach(FileReplyFactory(topic=topic, poster=verified_user), "report.pdf", make_pdf(TEXT))
    client.force_login(staff_user)
    page = client.get(f"/django-admin/forum_attachments/attachment/{attachment.pk}/change/")
    assert page.status_code == 200
    assert download_url(attachment).encode() in page.content
    listing = client.get("/django-admin/forum_attachments/attachment/")
    assert listing.status_code == 200


def test_replacing_an_attachments_file_removes_the_old_one(
    topic, verified_user, django_capture_on_commit_callbacks
):
    attachment = attach(FileReplyFactory(topic=topic, poster=verified_user), "report.pdf", make_pdf(TEXT))
    old = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        attachment.file = ContentFile(make_docx("Second edition"), name="report.docx")
        attachment.save()
    assert not old.exists()
    assert Path(attachment.file.path).is_file()
    extract(attachment)
    assert "Second edition" in AttachmentText.objects.get(attachment=attachment).text


def test_a_new_account_can_attach_nothing(client, topic, verified_user):
    give_profile(verified_user)
    client.force_login(verified_user)  # joined today: a new account (RL2)
    url = f"/en/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/post/create/"
    assert b'name="attachment-0-file"' not in client.get(url).content
    response = client.post(
        url,
        {
            "subject": "Re: report",
            "content": "A first reply with a file",
            "attachment-TOTAL_FORMS": "1",
            "attachment-INITIAL_FORMS": "0",
            "attachment-0-file": upload("findings.odt", make_odt(TEXT), "application/octet-stream"),
        },
    )
    assert response.status_code == 302
    assert Post.objects.filter(content="A first reply with a file").exists()
    assert not Attachment.objects.filter(post__content="A first reply with a file").exists()


# ---------------------------------------------------------------- extraction in the task worker


def docx_bomb(expanded_bytes):
    """A small DOCX whose word/document.xml expands to ``expanded_bytes``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1024 * 1024)
            for _n in range(expanded_bytes // len(chunk)):
                part.write(chunk)
    return out.getvalue()


def reply_url(topic):
    return f"/en/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/post/create/"


def reply_with(client, topic, content, *files):
    data = {
        "subject": "Re: report",
        "content": content,
        "attachment-TOTAL_FORMS": str(len(files)),
        "attachment-INITIAL_FORMS": "0",
        "attachment-MIN_NUM_FORMS": "0",
        "attachment-MAX_NUM_FORMS": "15",
    }
    data.update({f"attachment-{i}-file": file for i, file in enumerate(files)})
    return client.post(reply_url(topic), data)


def run_worker():
    from django.core.management import call_command

    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--no-reload")


def test_a_docx_bomb_is_refused_at_once(client, topic, vetted):
    # 100 MB of document in a file of about 100 KB: refused from the zip's
    # directory, before anything decompresses it.
    bomb = docx_bomb(100 * 1024 * 1024)
    assert len(bomb) < 200_000
    client.force_login(vetted)
    started = timezone.now()
    response = reply_with(client, topic, "Our bomb", upload("bomb.docx", bomb, DOCX_TYPE))
    assert (timezone.now() - started).total_seconds() < 5
    assert response.status_code == 200
    assert "expands into too much data" in response.text
    assert not Post.objects.filter(content="Our bomb").exists()


def test_each_file_is_read_within_a_memory_limit(topic, verified_user, settings):
    # 40 MB of address space is less than the readers need to start: the
    # kernel refuses the child's allocations, and the file is reported, not read.
    settings.ATTACHMENT_EXTRACTION_MEMORY = 40 * 1024 * 1024
    attachment = attach(FileReplyFactory(topic=topic, poster=verified_user), "report.pdf", make_pdf(TEXT))
    assert extract(attachment) == "failed"
    error = AttachmentText.objects.get(attachment=attachment).error
    assert "MemoryError" in error or "failed to map" in error
    # The same file within the usual limit is read: the limit made the difference.
    settings.ATTACHMENT_EXTRACTION_MEMORY = 768 * 1024 * 1024
    AttachmentText.objects.all().delete()
    assert extract(attachment) == "extracted"


def test_a_long_file_name_is_shortened_not_refused(client, topic, vetted):
    client.force_login(vetted)
    name = "r" * 296 + ".pdf"
    response = reply_with(client, topic, "A long name", upload(name, make_pdf(TEXT)))
    assert response.status_code == 302, response.text[:3000]
    attachment = Attachment.objects.get(post__content="A long name")
    assert attachment.filename == "r" * 50 + ".pdf"


def test_the_edit_page_of_a_post_with_a_file_shows_it_and_saving_keeps_it(client, topic, vetted):
    client.force_login(vetted)
    assert reply_with(client, topic, "With a file", upload("findings.pdf", make_pdf(TEXT))).status_code == 302
    post = Post.objects.get(content="With a file")
    attachment = post.attachments.get()
    url = reply_url(topic).replace("post/create/", f"{post.pk}/post/update/")
    page = client.get(url)
    assert page.status_code == 200
    assert "findings.pdf" in page.text
    assert download_url(attachment) in page.text
    response = client.post(
        url,
        {
            "subject": "Re: report",
            "content": "With a file, corrected",
            "attachment-TOTAL_FORMS": "1",
            "attachment-INITIAL_FORMS": "1",
            "attachment-MIN_NUM_FORMS": "0",
            "attachment-MAX_NUM_FORMS": "15",
            "attachment-0-id": str(attachment.pk),
            "attachment-0-comment": "",
        },
    )
    assert response.status_code == 302, response.text[:3000]
    post.refresh_from_db()
    assert post.content.raw == "With a file, corrected"
    assert list(post.attachments.values_list("pk", flat=True)) == [attachment.pk]
    assert Path(post.attachments.get().file.path).is_file()


@pytest.mark.django_db(transaction=True)
def test_the_upload_returns_before_the_worker_reads_and_search_then_finds_the_text(
    hub_site, client, topic, vetted, django_user_model
):
    from django.contrib.auth.models import AnonymousUser
    from django.urls import reverse

    from search.facade import search
    from search.query import ContributionQuery

    def found(text):
        return {hit.post_id for hit in search(ContributionQuery(text=text), AnonymousUser()).hits}

    client.force_login(vetted)
    response = reply_with(
        client,
        topic,
        "Two reports",
        upload("findings.docx", make_docx("Seasonal harvest contracts"), DOCX_TYPE),
        upload("broken.pdf", b"%PDF-1.4\nnot really a pdf"),
    )
    assert response.status_code == 302
    post = Post.objects.get(content="Two reports")
    # Nothing is read yet: the request only queued the work.
    assert not AttachmentText.objects.filter(attachment__post=post).exists()
    assert found("harvest") == set()

    run_worker()

    assert found("harvest") == {post.pk}
    # The unreadable file is still attached, and the space's moderators find
    # the post among the reported ones, with the reason.
    assert post.attachments.count() == 2
    moderator = UserFactory(
        username="arab-moderator", email="mod@example.org", password="pw", moderates=["arab-states"]
    )
    client.force_login(moderator)
    assert "Re: report" in client.get(reverse("forum_flags:list")).text
    review = client.get(reverse("forum_flags:review", args=[post.pk])).text
    assert "An attached file could not be read" in review and "broken.pdf" in review
    # A site report does not hide the post, as readers' reports do.
    post.refresh_from_db()
    assert post.approved
