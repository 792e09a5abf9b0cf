"""machina's attachment form and formset, with files checked by content."""

import os

from django import forms
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import modelformset_factory
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from machina.conf import settings as machina_settings
from machina.core.db.models import get_model
from machina.core.loading import get_class

from .filetypes import ACCEPT, RefusedFile, inspect, max_bytes

Attachment = get_model("forum_attachments", "Attachment")
AttachmentForm = get_class("forum_attachments.forms", "AttachmentForm")
BaseAttachmentFormset = get_class("forum_attachments.forms", "BaseAttachmentFormset")

# machina stores files under ATTACHMENT_FILE_UPLOAD_TO in a 100-character
# column; a shorter stem leaves room for that folder and a collision suffix.
STEM_MAX_LENGTH = 50


def storage_name(name, kind):
    """A safe name for the stored file: the person's stem, the extension of what it is.

    ``x.pdf.exe`` holding a real PDF is stored as ``x.pdf.pdf``; path parts,
    control and direction characters, quotes are dropped.
    """
    stem = os.path.splitext(os.path.basename(name.replace("\\", "/")))[0]
    try:
        stem = get_valid_filename(stem)[:STEM_MAX_LENGTH].strip("._-")
    except SuspiciousFileOperation:  # names such as ".."
        stem = ""
    return f"{stem or 'attachment'}.{kind.extension}"


class AttachedFileInput(forms.ClearableFileInput):
    """The file input of an attachment form, showing the file already attached.

    Django's widget links the current file to ``file.url``, which the private
    storage refuses (no file has a public address): the edit page of every post
    with an attachment failed. This one names the file and links it to the
    checked download view instead.
    """

    download_url = None

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = _Attached(os.path.basename(value.name), self.download_url or "")
        return context


class _Attached(str):
    """The file's name, with the address the widget's template links it to."""

    def __new__(cls, name, url):
        attached = super().__new__(cls, name)
        attached.url = url
        return attached


class CheckedAttachmentForm(AttachmentForm):
    """One attachment: PDF, DOCX, ODT, PNG or JPEG, recognised by content, size-limited."""

    class Meta(AttachmentForm.Meta):
        model = Attachment

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.widget = AttachedFileInput(attrs=field.widget.attrs)
        if self.instance.pk:
            field.widget.download_url = reverse("forum_conversation:attachment", args=[self.instance.pk])
        # The stored name is shortened by ``storage_name`` (in clean_file), so
        # the column's limit must not refuse a long name before that: a
        # 300-character name is accepted and stored shortened.
        field.max_length = None
        field.help_text = _("PDF, DOCX, ODT, PNG or JPEG, up to %(limit)s.") % {
            "limit": filesizeformat(max_bytes())
        }
        # A hint for the browser's file picker only; the server decides.
        field.widget.attrs["accept"] = ACCEPT

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # the file already attached, kept as it is
        try:
            kind = inspect(upload)
        except RefusedFile as refused:
            raise forms.ValidationError(refused.message, code=refused.code) from None
        upload.name = storage_name(upload.name, kind)
        return upload


CheckedAttachmentFormset = modelformset_factory(
    Attachment,
    CheckedAttachmentForm,
    formset=BaseAttachmentFormset,
    can_delete=True,
    extra=1,
    max_num=machina_settings.ATTACHMENT_MAX_FILES_PER_POST,
    validate_max=True,
)
