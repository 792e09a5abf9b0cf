"""Publishing an event queues its registrations' timed e-mails again, so a
moved date or deadline is followed (the tasks send each e-mail once)."""

from django.db import transaction

from .tasks import schedule_event


def event_published(sender, instance, **kwargs):
    if not instance.registration_open:
        return
    source = instance.registration_source
    if source.pk != instance.pk:
        return  # a translation: the source's registrations were queued when it was published

    def queue():
        schedule_event(source)

    transaction.on_commit(queue)
