"""A deactivated account's sessions end for good.

Django already treats a session of an inactive account as anonymous, but
the session row stays: reactivating the account would bring every old
session back. Deleting them when the account is deactivated ends them.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_sessions_of_deactivated(sender, instance, **kwargs):
    if instance.is_active or instance.pk is None:
        return
    user_id = str(instance.pk)
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == user_id
    ]
    Session.objects.filter(pk__in=doomed).delete()
