"""Reading attachment text in the task worker (``manage.py db_worker --backend background``).

The attachment's save queues the task in the same transaction
(``queue_extraction``): the task row commits with the file's row or not at
all. Once the text is stored, the search signals on AttachmentText reindex
the post, so it is found by its files' text.
"""

from django_tasks import task
from machina.core.db.models import get_model

from .extraction import store_extracted_text


@task(backend="background")
def extract_attachment_text(attachment_id):
    attachment = get_model("forum_attachments", "Attachment").objects.filter(pk=attachment_id).first()
    if attachment is None or not attachment.file:
        return "gone"
    row = store_extracted_text(attachment)
    if row is None:
        return "no text"
    return "failed" if row.error else "extracted"


def queue_extraction(attachment):
    extract_attachment_text.enqueue(attachment.pk)
