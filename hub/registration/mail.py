"""E-mails to registrants, in the language they registered in (right to left
in Arabic), plain text and HTML; each recorded once sent, so nothing goes twice.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from hub.core.links import absolute
from hub.core.site_name import subject_prefix
from hub.models import SentMessage

# kind → template name; the templates live in templates/hub/email/.
KINDS = {
    "confirmation": "registration_confirmation",
    "promoted": "registration_promoted",
    "selected": "nomination_selected",
    "deadline": "registration_deadline",
    "event-day": "event_reminder",
    "platform-link": "platform_link",
}


def _page_in(event, language):
    """The event's page in ``language`` when it is translated, else the source."""
    translated = event.get_translations(inclusive=True).filter(locale__language_code=language).live().first()
    return (translated or event).specific


def build(registration, kind):
    event = registration.event.specific
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        page = _page_in(event, language)
        page_url = absolute(page.url)
        context = {
            "registration": registration,
            "event": event,
            "page": page,
            "page_url": page_url,
            "registration_url": page_url + page.reverse_subpage("registration"),
            "floor_requests": list(registration.floor_requests.all()),
            "platform_url": event.platform_url if kind == "platform-link" else "",
            "site_url": absolute("/"),
            "LANGUAGE_CODE": translation.get_language(),
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        }
        name = KINDS[kind]
        subject = " ".join(render_to_string(f"hub/email/{name}_subject.txt", context).split())
        prefix = subject_prefix()
        message = EmailMultiAlternatives(
            subject=f"{prefix}{subject}",
            body=render_to_string(f"hub/email/{name}.txt", context),
            to=[registration.user.email],
        )
        message.attach_alternative(render_to_string(f"hub/email/{name}.html", context), "text/html")
        if kind in ("confirmation", "promoted"):
            message.attach(f"{page.slug}.ics", page.to_ical(), "text/calendar")
    return message


def send_once(registration, kind, key=""):
    """Send ``kind`` unless it was sent before with this key; True when sent.

    The record is written first, in a transaction that the sending closes:
    if sending fails the record is rolled back and a later run tries again.
    """
    try:
        with transaction.atomic():
            SentMessage.objects.create(registration=registration, kind=kind, key=key)
            build(registration, kind).send()
    except IntegrityError:
        return False
    return True
