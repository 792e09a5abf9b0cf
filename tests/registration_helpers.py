"""Builders shared by the registration tests: an upcoming consultation open for
registration, people with profiles, and the form's data."""

import datetime

from django.utils import timezone

from hub.models import Country, StakeholderGroup
from tests.factories import VerifiedUserFactory
from tests.page_tree import add_event, add_event_index, english_home, region

PASSWORD = "a-long-pass-phrase-2024"
PLATFORM_URL = "https://meet.example.org/j/secret-room-2021"


def upcoming_consultation(slug="arab-consultation", region_slug="arab-states", days_ahead=20, **fields):
    """An Arab consultation ``days_ahead`` days from today, registration open until a week before."""
    from hub.models import EventIndexPage

    home = english_home()
    index = EventIndexPage.objects.child_of(home).first() or add_event_index(home)
    starts_on = timezone.localdate() + datetime.timedelta(days=days_ahead)
    values = {
        "title": "Arab multi-stakeholder consultation",
        "region": region(region_slug),
        "starts_on": starts_on,
        "registration_deadline": starts_on - datetime.timedelta(days=7),
        "registration_open": True,
        "platform_url": PLATFORM_URL,
        "agenda": [
            (
                "day",
                {
                    "heading": "Programme",
                    "sessions": [session(10, 0, 45, "Opening"), session(10, 45, 120, "Plenary")],
                },
            )
        ],
    }
    values.update(fields)
    return add_event(index, slug=slug, **values)


def session(hour, minute, length, title):
    start = datetime.datetime.combine(datetime.date(2000, 1, 1), datetime.time(hour, minute))
    end = start + datetime.timedelta(minutes=length)
    return {
        "start": start.time(),
        "end": end.time(),
        "title": title,
        "speakers": [],
        "description": "",
        "guiding_questions": [],
    }


def person(django_user_model, name, email=None):
    return VerifiedUserFactory(username=name, email=email or f"{name}@example.org", password=PASSWORD)


def form_data(**overrides):
    data = {
        "name": "Amina Haddad",
        "participant_type": "stakeholder",
        "organisation": "Rights Network",
        "stakeholder_group": str(
            StakeholderGroup.objects.get(slug="civil-society", locale__language_code="en").pk
        ),
        "country": str(Country.objects.get(code="JO").pk),
        "interpretation_language": "ar",
        "accessibility_needs": "",
        "role": "",
        "motivation": "",
        "floor_session": "",
        "floor_topic": "",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def register_url(page, language="en"):
    return _in_language(page, language) + "register/"


def registration_url(page, language="en"):
    return _in_language(page, language) + "registration/"


def _in_language(page, language):
    if language == page.locale.language_code:
        return page.url
    return page.get_translation(_locale(language)).url


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=language)


def translate_as_is(page, language, overrides=None):
    """Translate ``page`` into ``language`` keeping its words, except ``overrides``
    (source string → translation); its parent must be translated first."""
    from wagtail_localize.models import StringSegment, TranslationSource

    from hub.translation import translate_page

    source, _created = TranslationSource.update_or_create_from_instance(page)
    strings = {
        segment.string.data: segment.string.data for segment in StringSegment.objects.filter(source=source)
    }
    strings.update(overrides or {})
    return translate_page(page, language, strings)


def arabic_consultation(**fields):
    """An upcoming consultation with its events index, both translated into Arabic."""
    from django.db import connection
    from django.test import TestCase

    event = upcoming_consultation(**fields)
    index = event.get_parent().specific

    # wagtail-localize publishes translations once the transaction commits;
    # inside a test's transaction, run those callbacks here, the parent's
    # before its child is added (publishing saves the parent's child count).
    def committed():
        return TestCase.captureOnCommitCallbacks(execute=True) if connection.in_atomic_block else _nothing()

    if not index.has_translation(_locale("ar")):
        with committed():
            translate_as_is(index, "ar", {index.title: "الفعاليات"})
    with committed():
        translate_as_is(event, "ar", {event.title: "مشاورة أصحاب المصلحة المتعددين العربية"})
    return event


def _nothing():
    import contextlib

    return contextlib.nullcontext()
