"""The attachment URL, pointed at our permission-checked view.

machina's templates link to ``forum_conversation:attachment``; replacing the
view in machina's attachments URL factory keeps those links and their name.
"""

from machina.core.loading import get_class

from .views import AttachmentDownloadView

MachinaAttachmentsURLPatternsFactory = get_class(
    "forum_attachments.urls", "ForumAttachmentsURLPatternsFactory"
)


class AttachmentsURLPatternsFactory(MachinaAttachmentsURLPatternsFactory):
    attachment_view = AttachmentDownloadView


urlpatterns_factory = AttachmentsURLPatternsFactory()
