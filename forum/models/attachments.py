"""Text extracted from report attachments, kept beside machina's Attachment."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AttachmentText(models.Model):
    """The text of a PDF, DOCX or ODT attachment, for search to index.

    Filled when the attachment is saved (see forum.attachments.signals). A file
    the extractors could not read keeps an empty text and the reason in
    ``error``; a text longer than the bound is cut and marked ``truncated``.
    """

    attachment = models.OneToOneField(
        "forum_attachments.Attachment",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="extracted_text",
    )
    text = models.TextField(_("text"), blank=True)
    truncated = models.BooleanField(_("truncated"), default=False)
    error = models.CharField(_("extraction error"), max_length=500, blank=True)
    # The stored file the text came from: saving the attachment again with the
    # same file (e.g. to edit its comment) does not extract it again.
    file_name = models.CharField(max_length=255, editable=False)
    extracted_at = models.DateTimeField(_("extracted at"))

    class Meta:
        verbose_name = _("attachment text")
        verbose_name_plural = _("attachment texts")

    def __str__(self):
        return str(self.attachment_id)
