"""Honest dates: a date held as precisely as it is known, formatted per language.

A roadmap says "March 2024", "8 or 11 March 2024 (to be confirmed)", "third
week of November 2024" or "late 2024"; ``HonestDate`` keeps exactly that, knows
its first and last possible day (so milestones of any precision sort on one
timeline) and writes itself out in English, French or Arabic.

Every word comes from the translation catalogues (context "honest date"), so
translators, not code, decide how a date reads. Choices made for the site:

- Arabic uses the double month names of UN Arabic documents in the Arab region
  (Levantine name, then the Egyptian/Gulf one: "آذار/مارس") and Western digits
  (0-9) everywhere, so a date reads the same in every Arabic-speaking country.
  Our own month msgids carry the context, so Django's catalogue never decides.
- An en dash joins the two ends of a range: unspaced between bare day numbers
  ("3–4 July 2024"), spaced between anything longer ("30 June – 2 July 2024").
- French writes the first day of a month "1er"; that, too, is a catalogue entry.
"""

import calendar
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, override, pgettext
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("a day")
    DAYS = "days", _("a range of days")
    ALTERNATIVES = "alternatives", _("one of two days")
    WEEK_OF_MONTH = "week", _("a week of a month")
    MONTH = "month", _("a month")
    MONTHS = "months", _("a range of months")
    PART_OF_YEAR = "part", _("part of a year")
    YEAR = "year", _("a year")


class PartOfYear(models.TextChoices):
    EARLY = "early", _("early in the year")
    MID = "mid", _("mid-year")
    LATE = "late", _("late in the year")
    FIRST_HALF = "h1", _("first half of the year")
    SECOND_HALF = "h2", _("second half of the year")


# First and last month of each part of a year.
PART_MONTHS = {
    PartOfYear.EARLY: (1, 4),
    PartOfYear.MID: (5, 8),
    PartOfYear.LATE: (9, 12),
    PartOfYear.FIRST_HALF: (1, 6),
    PartOfYear.SECOND_HALF: (7, 12),
}

# Precisions whose second date means something.
WITH_END = {DatePrecision.DAYS, DatePrecision.ALTERNATIVES, DatePrecision.MONTHS}


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _month_name(month: int) -> str:
    # Translators: month names in a date. Arabic: the double names of UN
    # Arabic documents of the Arab region, e.g. "كانون الثاني/يناير".
    return [
        pgettext("honest date", "January"),
        pgettext("honest date", "February"),
        pgettext("honest date", "March"),
        pgettext("honest date", "April"),
        pgettext("honest date", "May"),
        pgettext("honest date", "June"),
        pgettext("honest date", "July"),
        pgettext("honest date", "August"),
        pgettext("honest date", "September"),
        pgettext("honest date", "October"),
        pgettext("honest date", "November"),
        pgettext("honest date", "December"),
    ][month - 1]


def _of_month(month: int) -> str:
    # Translators: the month after "third week"; French elides ("d'avril").
    return [
        pgettext("honest date", "of January"),
        pgettext("honest date", "of February"),
        pgettext("honest date", "of March"),
        pgettext("honest date", "of April"),
        pgettext("honest date", "of May"),
        pgettext("honest date", "of June"),
        pgettext("honest date", "of July"),
        pgettext("honest date", "of August"),
        pgettext("honest date", "of September"),
        pgettext("honest date", "of October"),
        pgettext("honest date", "of November"),
        pgettext("honest date", "of December"),
    ][month - 1]


def _week_name(week: int) -> str:
    return [
        pgettext("honest date", "first week"),
        pgettext("honest date", "second week"),
        pgettext("honest date", "third week"),
        pgettext("honest date", "fourth week"),
        pgettext("honest date", "fifth week"),
    ][week - 1]


def _part_of(part: PartOfYear, year: int) -> str:
    patterns = {
        PartOfYear.EARLY: pgettext("honest date", "early %(year)s"),
        PartOfYear.MID: pgettext("honest date", "mid-%(year)s"),
        PartOfYear.LATE: pgettext("honest date", "late %(year)s"),
        PartOfYear.FIRST_HALF: pgettext("honest date", "first half of %(year)s"),
        PartOfYear.SECOND_HALF: pgettext("honest date", "second half of %(year)s"),
    }
    return patterns[part] % {"year": year}


def _day_number(day: date) -> str:
    if day.day == 1:
        # Translators: the first day of a month before the month name
        # (French: "1er").
        return pgettext("honest date", "1")
    return str(day.day)


def _day(day: date) -> str:
    # Translators: a full date, e.g. "2 July 2024".
    return pgettext("honest date", "%(day)s %(month)s %(year)s") % {
        "day": _day_number(day),
        "month": _month_name(day.month),
        "year": day.year,
    }


def _day_month(day: date) -> str:
    # Translators: a day whose year follows later, e.g. "30 June" in "30 June – 2 July 2024".
    return pgettext("honest date", "%(day)s %(month)s") % {
        "day": _day_number(day),
        "month": _month_name(day.month),
    }


def _month(day: date) -> str:
    # Translators: a month of a year, e.g. "March 2024".
    return pgettext("honest date", "%(month)s %(year)s") % {"month": _month_name(day.month), "year": day.year}


def _span(first: str, last: str) -> str:
    # Translators: two bare day numbers joined by an en dash, e.g. "3–4 July 2024".
    return pgettext("honest date", "%(first)s–%(last)s") % {"first": first, "last": last}


def _range(start: str, end: str) -> str:
    # Translators: two longer dates joined by a spaced en dash, e.g. "March – May 2024".
    return pgettext("honest date", "%(start)s – %(end)s") % {"start": start, "end": end}


def _either(first: str, second: str) -> str:
    # Translators: one of two days, e.g. "8 or 11 March 2024".
    return pgettext("honest date", "%(first)s or %(second)s") % {"first": first, "second": second}


def format_day(day: date, language: str | None = None) -> str:
    """A plain day, e.g. "2 July 2024", in ``language`` or the active language."""
    with override(language) if language else nullcontext():
        return _day(day)


@dataclass(frozen=True)
class HonestDate:
    """A date as precisely as it is known: a day, a range, a month, part of a year…"""

    precision: DatePrecision
    start: date
    end: date | None = None
    week: int | None = None
    part: PartOfYear | None = None
    tentative: bool = False

    def __post_init__(self):
        # Accept the stored strings ("month", "late", "") as well as the enums.
        object.__setattr__(self, "precision", DatePrecision(self.precision))
        object.__setattr__(self, "part", PartOfYear(self.part) if self.part else None)

    # ------------------------------------------------------------ validation

    def errors(self) -> dict[str, str]:
        """Messages for an editor, keyed by model field; empty when the date holds together."""
        errors = {}
        precision, start, end = self.precision, self.start, self.end
        if start is None:
            return {"date_start": gettext("Give a date.")}

        if precision in WITH_END:
            if end is None:
                errors["date_end"] = {
                    DatePrecision.DAYS: gettext("Give the last day of the range."),
                    DatePrecision.ALTERNATIVES: gettext("Give the other possible day."),
                    DatePrecision.MONTHS: gettext("Give a day in the last month of the range."),
                }[precision]
            elif precision == DatePrecision.MONTHS and (end.year, end.month) <= (start.year, start.month):
                errors["date_end"] = gettext(
                    "The last month must come after the first; for a single month, choose 'a month'."
                )
            elif precision == DatePrecision.DAYS and end <= start:
                errors["date_end"] = gettext(
                    "The last day must come after the first; for a single day, choose 'a day'."
                )
            elif precision == DatePrecision.ALTERNATIVES and end <= start:
                errors["date_end"] = gettext("The second possible day must come after the first.")
        elif end is not None:
            errors["date_end"] = gettext(
                "Leave this empty: only a range or 'one of two days' has a second date."
            )

        if precision == DatePrecision.WEEK_OF_MONTH:
            if self.week is None or not 1 <= self.week <= 5:
                errors["date_week"] = gettext("Choose which week of the month, from 1 to 5.")
            elif 7 * (self.week - 1) + 1 > _month_end(start).day:
                errors["date_week"] = gettext("This month has no fifth week.")
        elif self.week is not None:
            errors["date_week"] = gettext("Leave this empty unless the date is a week of a month.")

        if precision == DatePrecision.PART_OF_YEAR:
            if self.part is None:
                errors["date_part"] = gettext("Choose which part of the year.")
        elif self.part is not None:
            errors["date_part"] = gettext("Leave this empty unless the date is part of a year.")
        return errors

    # ---------------------------------------------------------------- bounds
    # Tolerant of incomplete input (a preview before validation): a missing
    # end, week or part widens to what the start alone says.

    @property
    def earliest(self) -> date:
        """The first day the date could fall on."""
        start = self.start
        match self.precision:
            case DatePrecision.DAY | DatePrecision.DAYS | DatePrecision.ALTERNATIVES:
                return start
            case DatePrecision.WEEK_OF_MONTH if self.week:
                return start.replace(day=min(7 * (self.week - 1) + 1, _month_end(start).day))
            case DatePrecision.PART_OF_YEAR if self.part:
                return date(start.year, PART_MONTHS[self.part][0], 1)
            case DatePrecision.PART_OF_YEAR | DatePrecision.YEAR:
                return date(start.year, 1, 1)
        return start.replace(day=1)

    @property
    def latest(self) -> date:
        """The last day the date could fall on."""
        start, end = self.start, self.end or self.start
        match self.precision:
            case DatePrecision.DAY:
                return start
            case DatePrecision.DAYS | DatePrecision.ALTERNATIVES:
                return end
            case DatePrecision.MONTHS:
                return _month_end(end)
            case DatePrecision.WEEK_OF_MONTH if self.week:
                return start.replace(day=min(7 * self.week, _month_end(start).day))
            case DatePrecision.PART_OF_YEAR if self.part:
                return _month_end(date(start.year, PART_MONTHS[self.part][1], 1))
            case DatePrecision.PART_OF_YEAR | DatePrecision.YEAR:
                return date(start.year, 12, 31)
        return _month_end(start)

    @property
    def sort_key(self) -> tuple[date, date]:
        return (self.earliest, self.latest)

    def contains(self, day: date) -> bool:
        """Whether it may fall on ``day``; one of two days means only those two."""
        if self.precision == DatePrecision.ALTERNATIVES:
            return day in {self.start, self.end or self.start}
        return self.earliest <= day <= self.latest

    def is_past(self, today: date | None = None) -> bool:
        """Over for certain: even its last possible day is before ``today``."""
        return self.latest < (today or timezone.localdate())

    # ------------------------------------------------------------ formatting

    def format(self, language: str | None = None) -> str:
        """The date as a reader should see it, in ``language`` or the active language."""
        with override(language) if language else nullcontext():
            text = self._text()
            if self.tentative:
                # Translators: any date not yet agreed, e.g. "March 2024 (to be confirmed)".
                text = pgettext("honest date", "%(date)s (to be confirmed)") % {"date": text}
            return text

    def __str__(self) -> str:
        return self.format()

    def _text(self) -> str:
        start, end = self.start, self.end or self.start
        match self.precision:
            case DatePrecision.DAYS | DatePrecision.ALTERNATIVES if end != start:
                join = _either if self.precision == DatePrecision.ALTERNATIVES else _range
                if start.year != end.year:
                    return join(_day(start), _day(end))
                if start.month != end.month:
                    return join(_day_month(start), _day(end))
                if self.precision == DatePrecision.ALTERNATIVES:
                    return _either(_day_number(start), _day(end))
                return _span(_day_number(start), _day(end))
            case DatePrecision.DAY | DatePrecision.DAYS | DatePrecision.ALTERNATIVES:
                return _day(start)
            case DatePrecision.WEEK_OF_MONTH if self.week and 1 <= self.week <= 5:
                # Translators: e.g. "third week" "of November" "2024".
                return pgettext("honest date", "%(week)s %(of_month)s %(year)s") % {
                    "week": _week_name(self.week),
                    "of_month": _of_month(start.month),
                    "year": start.year,
                }
            case DatePrecision.MONTHS if (end.year, end.month) != (start.year, start.month):
                if start.year != end.year:
                    return _range(_month(start), _month(end))
                return _range(_month_name(start.month), _month(end))
            case DatePrecision.PART_OF_YEAR if self.part:
                return _part_of(self.part, start.year)
            case DatePrecision.PART_OF_YEAR | DatePrecision.YEAR:
                return str(start.year)
        return _month(start)
