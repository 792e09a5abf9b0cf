"""Fields that hold a date as precisely as it is actually known.

Real roadmaps say "March 2024", "8 or 11 March (TBC)", "late 2024" or
"3rd week of November"; forcing an exact day would publish a date nobody
agreed. ``HonestDateFields`` stores the precision next to the earliest and
latest possible days, so milestones still sort on one timeline.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from hub.core.dates import DatePrecision, HonestDate, PartOfYear


class HonestDateFields(models.Model):
    date_precision = models.CharField(
        _("how precise the date is"),
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.MONTH,
    )
    date_start = models.DateField(
        _("date (or first possible day)"),
        help_text=_(
            "For a month, part of a year or a year, any day inside it; "
            "for a range or alternatives, the first."
        ),
    )
    date_end = models.DateField(
        _("last day or second option"),
        null=True,
        blank=True,
        help_text=_("The end of a range of days or months, or the other day of 'one of two days'."),
    )
    date_week = models.PositiveSmallIntegerField(
        _("week of the month"),
        null=True,
        blank=True,
        choices=[(n, str(n)) for n in range(1, 6)],
    )
    date_part = models.CharField(_("part of the year"), max_length=6, blank=True, choices=PartOfYear.choices)
    date_tentative = models.BooleanField(_("to be confirmed"), default=False)
    held_start = models.DateField(
        _("actually held on"),
        null=True,
        blank=True,
        help_text=_("Once it has taken place: the day it was actually held, if it differs from the plan."),
    )
    held_end = models.DateField(_("actually held until"), null=True, blank=True)

    date_panels = [
        MultiFieldPanel(
            [
                FieldPanel("date_precision"),
                FieldRowPanel([FieldPanel("date_start"), FieldPanel("date_end")]),
                FieldRowPanel([FieldPanel("date_week"), FieldPanel("date_part")]),
                FieldPanel("date_tentative"),
                FieldRowPanel([FieldPanel("held_start"), FieldPanel("held_end")]),
            ],
            heading=_("When"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def when(self) -> HonestDate:
        return HonestDate(
            precision=DatePrecision(self.date_precision),
            start=self.date_start,
            end=self.date_end,
            week=self.date_week,
            part=PartOfYear(self.date_part) if self.date_part else None,
            tentative=self.date_tentative,
        )

    @property
    def held(self) -> HonestDate | None:
        if not self.held_start:
            return None
        if self.held_end and self.held_end != self.held_start:
            return HonestDate(precision=DatePrecision.DAYS, start=self.held_start, end=self.held_end)
        return HonestDate(precision=DatePrecision.DAY, start=self.held_start)

    def clean(self):
        super().clean()
        errors = {}
        if self.date_start:
            errors.update(self.when.errors())
        if self.held_end and not self.held_start:
            errors["held_start"] = _("Give the first day it was held.")
        elif self.held_end and self.held_start and self.held_end < self.held_start:
            errors["held_end"] = _("The last day cannot come before the first.")
        if errors:
            raise ValidationError(errors)
