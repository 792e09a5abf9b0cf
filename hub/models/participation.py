"""Review cycles, which the participation dashboard compares, and what the
editors say of the open data the site publishes.

A review cycle is one row holding its name in the three languages (as a
thesaurus entry does), not a translated snippet: its period and regions are
the same in every language, and an editor names it once, side by side.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class ReviewCycleQuerySet(models.QuerySet):
    def containing(self, day):
        """The cycle whose period holds ``day`` (a date), if any."""
        return self.filter(starts__lte=day, ends__gte=day).first()


class ReviewCycle(models.Model):
    """A round of regional reviews (e.g. the first, 2020–2021): contributions
    belong to the cycle whose period holds the day they were posted."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Stable identifier, used in the dashboard's addresses (e.g. second-2024)."),
    )
    name_en = models.CharField(_("name in English"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200)
    name_ar = models.CharField(_("name in Arabic"), max_length=200)
    starts = models.DateField(_("first day"))
    ends = models.DateField(_("last day"))
    regions = models.ManyToManyField(
        "hub.Region",
        blank=True,
        related_name="+",
        verbose_name=_("regions"),
        help_text=_("The regions whose reviews the cycle covers; none means all five."),
        limit_choices_to={"locale__language_code": "en"},
    )

    objects = ReviewCycleQuerySet.as_manager()

    panels = [
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("name_en"), FieldPanel("name_fr"), FieldPanel("name_ar", attrs={"dir": "rtl"})],
            heading=_("Name"),
        ),
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")], heading=_("Period")),
        FieldPanel("regions"),
    ]

    class Meta:
        ordering = ["starts"]
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")

    def __str__(self):
        return self.name

    @property
    def name(self):
        """The name in the active language (English where the active one has none)."""
        language = (translation.get_language() or "en").split("-")[0]
        return getattr(self, f"name_{language}", "") or self.name_en

    def clean(self):
        super().clean()
        if self.starts and self.ends:
            if self.ends < self.starts:
                raise ValidationError({"ends": _("The last day comes before the first.")})
            overlapping = ReviewCycle.objects.filter(starts__lte=self.ends, ends__gte=self.starts).exclude(
                pk=self.pk
            )
            if overlapping.exists():
                raise ValidationError(
                    {
                        "starts": _("This period overlaps the cycle “%(name)s”: a day belongs to one cycle.")
                        % {"name": overlapping.first().name}
                    }
                )


@register_setting(icon="download")
class OpenDataSettings(BaseGenericSetting):
    """What the editors say of the contributions published as open data."""

    licence_en = models.TextField(
        _("licence statement in English"),
        blank=True,
        help_text=_("Published with the bulk download and its data dictionary."),
    )
    licence_fr = models.TextField(_("licence statement in French"), blank=True)
    licence_ar = models.TextField(_("licence statement in Arabic"), blank=True)
    licence_url = models.URLField(_("licence's address"), blank=True)

    panels = [
        FieldPanel("licence_en"),
        FieldPanel("licence_fr"),
        FieldPanel("licence_ar", attrs={"dir": "rtl"}),
        FieldPanel("licence_url"),
    ]

    class Meta:
        verbose_name = _("open data")

    def licence(self, language=None):
        """The statement in ``language`` (the active one by default), else in English."""
        language = (language or translation.get_language() or "en").split("-")[0]
        return getattr(self, f"licence_{language}", "") or self.licence_en
