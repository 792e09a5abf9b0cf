"""The attachment download view, and what the posting views need to check uploads."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View
from machina.core.db.models import get_model
from machina.core.loading import get_class

from forum import visibility

from .filetypes import RefusedFile, inspect
from .forms import CheckedAttachmentFormset

Attachment = get_model("forum_attachments", "Attachment")
attachments_cache = get_class("forum_attachments.cache", "cache")


def can_view_post(handler, post, user):
    """Whether ``user`` may see ``post`` at all (the forum's one rule)."""
    return visibility.post_visible_to(handler, post, user)


class AttachmentDownloadView(View):
    """Serves an attachment file to those allowed to see its post.

    A post the person may not see answers 404, as if it did not exist; a
    visible post whose forum withholds downloads sends anonymous visitors to
    sign in and refuses others (403).
    """

    def get(self, request, pk):
        attachment = get_object_or_404(Attachment.objects.select_related("post__topic__forum"), pk=pk)
        handler, user = request.forum_permission_handler, request.user
        if not can_view_post(handler, attachment.post, user):
            raise Http404
        if not handler.can_download_files(attachment.post.topic.forum, user):
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        try:
            file = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        try:
            content_type = inspect(file).content_type
        except RefusedFile:
            # An attachment stored before the checks existed: bytes, no guess.
            content_type = "application/octet-stream"
        response = FileResponse(
            file, as_attachment=True, filename=attachment.filename, content_type=content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        # Even if a browser rendered it, the file could run nothing.
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response


class CheckedAttachmentsMixin:
    """For machina's topic and post create/update views: use the checked formset.

    machina keeps uploads in its attachment cache between a preview and the
    final post, and puts them back into every later request of the session;
    a refused file would come back on each submission and the form could
    never be sent. Only acceptable files are kept in that cache.
    """

    attachment_formset_class = CheckedAttachmentFormset

    def init_attachment_cache(self):
        key = self.get_attachments_cache_key(self.request)
        if self.request.method == "GET":
            attachments_cache.delete(key)
            return
        restored = attachments_cache.get(key)
        if restored:
            restored.update(self.request.FILES)
            self.request._files = restored
        acceptable = {}
        for name, upload in self.request.FILES.items():
            try:
                inspect(upload)
            except RefusedFile:
                continue
            acceptable[name] = upload
        if acceptable:
            attachments_cache.set(key, acceptable)
        else:
            attachments_cache.delete(key)
