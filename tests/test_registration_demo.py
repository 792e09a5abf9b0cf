"""The demo's first Arab consultation (2021): its registration settings and
the figures reported after it, on its page in Arabic and English."""

import pytest
from django.core.management import call_command
from django.test import TestCase

from hub.models import EventPage

pytestmark = pytest.mark.django_db


def test_the_2021_arab_consultation_shows_its_reported_figures(client):
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", verbosity=0)
    event = EventPage.objects.get(slug="arab-states-consultation-2021", locale__language_code="en")
    assert event.registration_open and event.speaker_minutes == 5 and event.intervention_minutes == 3
    assert [(number, at_least) for _label, number, at_least in event.outcome_figures] == [
        (200, True),
        (25, True),
        (4, False),
        (133, False),
    ]
    # Arabic writes "at least" with the plus sign first.
    for language, figures in (("en", ("200+", "25+", "133")), ("ar", ("+200", "+25", "133"))):
        page = event.get_translations(inclusive=True).get(locale__language_code=language)
        text = client.get(page.url).content.decode()
        assert "event-outcome" in text
        for figure in figures:
            assert figure in text
        # The registration closed long ago: no form is offered.
        assert "/register/" not in text
    # Running the loader again changes nothing.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", verbosity=0)
    assert EventPage.objects.filter(slug="arab-states-consultation-2021").count() == 3
