"""Honest dates: a date held as precisely as it is known, formatted per language.

(The dates helper completes this module: validation, bounds and formatting.)
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
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


@dataclass(frozen=True)
class HonestDate:
    precision: DatePrecision
    start: date
    end: date | None = None
    week: int | None = None
    part: PartOfYear | None = None
    tentative: bool = False
