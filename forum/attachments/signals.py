"""Keep extracted text and stored files in step with machina's attachments."""

from django.db import transaction

from .extraction import schedule_extraction


def attachment_saved(sender, instance, **kwargs):
    if kwargs.get("raw") or not instance.file:
        return
    schedule_extraction(instance)


def attachment_replacing(sender, instance, **kwargs):
    """When an attachment gets a new file, remove the old one after the commit."""
    if kwargs.get("raw") or not instance.pk:
        return
    old_name = sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    if old_name and old_name != instance.file.name:
        storage = instance.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))


def attachment_deleted(sender, instance, **kwargs):
    """Remove the file once the row is gone for good (Django never deletes files).

    After the commit, so a rolled-back deletion keeps its file.
    """
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


def connect_attachment_signals():
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save, pre_save

    attachment = apps.get_model("forum_attachments", "Attachment")
    uid = "regional_forum.attachment_{}"
    pre_save.connect(attachment_replacing, sender=attachment, dispatch_uid=uid.format("replacing"))
    post_save.connect(attachment_saved, sender=attachment, dispatch_uid=uid.format("saved"))
    post_delete.connect(attachment_deleted, sender=attachment, dispatch_uid=uid.format("deleted"))
