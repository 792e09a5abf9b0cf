"""machina's Attachment admin, without the file widget that needs a public URL.

Django's file widget links to ``file.url``, which the private storage refuses;
the admin links to the permission-checked download view instead.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from machina.apps.forum_conversation.forum_attachments.admin import (
    AttachmentAdmin as MachinaAttachmentAdmin,
)
from machina.core.db.models import get_model

Attachment = get_model("forum_attachments", "Attachment")


class AttachmentAdmin(MachinaAttachmentAdmin):
    list_display = ("id", "post", "comment", "download")
    fields = ("post", "comment", "download")
    readonly_fields = ("download",)

    @admin.display(description=_("File"))
    def download(self, obj):
        if not obj.pk or not obj.file:
            return "-"
        url = reverse("forum_conversation:attachment", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, obj.filename)


if admin.site.is_registered(Attachment):
    admin.site.unregister(Attachment)
admin.site.register(Attachment, AttachmentAdmin)
