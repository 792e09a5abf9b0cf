"""Ids and dates that arrive from outside, parsed into ranges every database accepts.

A URL parameter, a form field or a line of an import file can carry any
number and any date. Handed to SQL as they are, ``99999999999999999999``
overflows SQLite's 64-bit integers and ``9999-12-31`` overflows Python's
``date`` as soon as a day is added to it or its time zone is converted: a
500 or a crashed command. Every reader of an id or a date from outside goes
through here, so the limits are decided once:

- an id is a whole number from 1 to ``MAX_ID`` (a PostgreSQL ``integer``,
  the primary keys' type); anything else is no id of ours;
- a day lies from ``FIRST_DAY`` to ``LAST_DAY``, far enough from the ends
  of the calendar that adding a day or a time zone never leaves it.

Out of range is a ``ValueError``, like any other unreadable value, so
callers report it as they report a typo.
"""

from datetime import UTC, date, datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

MAX_ID = 2**31 - 1
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


def parse_id(raw):
    """The id written in ``raw`` (text or int); ``ValueError`` when it is none of ours."""
    number = raw if isinstance(raw, int) and not isinstance(raw, bool) else int(str(raw).strip())
    if not 1 <= number <= MAX_ID:
        raise ValueError(f"{raw!r} is outside 1..{MAX_ID}")
    return number


def id_or_none(raw):
    """``parse_id``, or None for anything that cannot be one of our ids."""
    try:
        return parse_id(raw)
    except (TypeError, ValueError):
        return None


def check_day(day):
    """``day`` itself, or ``ValueError`` when it lies outside FIRST_DAY..LAST_DAY."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day.isoformat()} is outside {FIRST_DAY.isoformat()}..{LAST_DAY.isoformat()}")
    return day


def parse_moment(raw):
    """An ISO 8601 date and time within the bounds, in UTC; one without a
    time zone is taken as UTC. ``ValueError`` otherwise (also for a time
    whose conversion to UTC would leave the calendar)."""
    moment = datetime.fromisoformat(raw.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    check_day(moment.date())  # before converting: 9999-12-31T23:59-14:00 is past year 9999 in UTC
    moment = moment.astimezone(UTC)
    check_day(moment.date())
    return moment


class DayField(forms.DateField):
    """A form's date field, refusing days outside the bounds with Django's own
    (translated) "greater than or equal to" / "less than or equal to" messages."""

    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)])
        super().__init__(**kwargs)


class IdChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` that never sends an out-of-range id to the
    database: it is an invalid choice, like an id that exists nowhere."""

    def to_python(self, value):
        if value not in self.empty_values and id_or_none(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)
