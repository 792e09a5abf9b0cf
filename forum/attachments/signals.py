"""Keep extracted text and stored files in step with machina's attachments."""

from django.db import transaction

from .extraction import store_extracted_text


def attachment_saved(sender, instance, **kwargs):
    if kwargs.get("raw") or not instance.file:
        return
    store_extracted_text(instance)


def attachment_deleted(sender, instance, **kwargs):
    """Remove the file once the row is gone for good (Django never deletes files).

    After the commit, so a rolled-back deletion keeps its file.
    """
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


def connect_attachment_signals():
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    attachment = apps.get_model("forum_attachments", "Attachment")
    uid = "regional_forum.attachment_{}"
    post_save.connect(attachment_saved, sender=attachment, dispatch_uid=uid.format("saved"))
    post_delete.connect(attachment_deleted, sender=attachment, dispatch_uid=uid.format("deleted"))
