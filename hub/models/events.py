"""Consultation events: when and where, in which languages, the agenda, the
practical arrangements, and a calendar file.

Times are entered as the organisers announce them — a wall-clock time in the
event's own time zone ("10:00 Cairo time") — and converted for visitors, rather
than stored in UTC where an editor would have to do the conversion by hand.
"""

import datetime
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import AgendaBlock, LogisticsSectionBlock
from hub.page_forms import HubPageForm
from hub.taxonomy.models import localized_terms

from .mixins import StoryPageMixin, TaggedInOwnLanguageMixin, copied_as_they_are

UN_LANGUAGES = [
    ("ar", "العربية"),
    ("zh", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
TIME_ZONES = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})


class EventKind(models.TextChoices):
    PRE_CONSULTATION = "pre-consultation", _("Pre-consultation")
    CONSULTATION = "consultation", _("Multi-stakeholder consultation")
    REVIEW = "review", _("Regional review conference")
    BRIEFING = "briefing", _("Briefing")
    TRAINING = "training", _("Training")


class EventFormat(models.TextChoices):
    VIRTUAL = "virtual", _("Virtual")
    IN_PERSON = "in-person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class LanguageListField(models.CharField):
    """A set of UN language codes kept as "ar,en,fr" and edited as checkboxes."""

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [code for code in (value or "").split(",") if code]

    def get_prep_value(self, value):
        return ",".join(value or [])

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=UN_LANGUAGES,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )


# Copied to every translation as it is, and never overridden in one: the
# platform link is the same meeting whatever the page's language.
NOT_OVERRIDABLE = {"platform_url"}


def copy_language_lists_to_translations(model):
    """Have wagtail-localize copy ``model``'s language lists (and the fields in
    ``NOT_OVERRIDABLE``) to its translations.

    wagtail-localize offers every CharField without choices for translation,
    and fails on this one, whose value is a list of codes rather than words.
    Called once the app registry is ready (``HubConfig.ready``), when the
    model's fields can be listed.
    """
    from wagtail_localize.fields import SynchronizedField, get_translatable_fields

    model.translatable_fields = [
        SynchronizedField(field.field_name, overridable=False)
        if isinstance(field.get_field(model), LanguageListField) or field.field_name in NOT_OVERRIDABLE
        else field
        for field in get_translatable_fields(model)
    ]


class EventIndexPage(StoryPageMixin, Page):
    """Upcoming events first, then past ones."""

    base_form_class = HubPageForm
    content_panels = [*Page.content_panels, *StoryPageMixin.story_panels]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["hub.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        events = EventPage.objects.child_of(self).live()
        context["upcoming_events"] = events.filter(ends_on__gte=today).order_by("starts_on", "start_time")
        context["past_events"] = events.filter(ends_on__lt=today).order_by("-starts_on", "-start_time")
        return context


class EventPage(TaggedInOwnLanguageMixin, RoutablePageMixin, StoryPageMixin, Page):
    """A consultation, review conference, briefing or training session."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    region = models.ForeignKey(
        "hub.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for a global event."),
    )
    starts_on = models.DateField(_("first day"))
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), blank=True, help_text=_("Leave empty for a one-day event."))
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        choices=[(name, name) for name in TIME_ZONES],
        help_text=_("The zone the times above are given in, e.g. Africa/Cairo."),
    )
    event_format = models.CharField(_("format"), max_length=10, choices=EventFormat.choices)
    venue = models.CharField(
        _("venue"), max_length=250, blank=True, help_text=_("A place, or the online platform used.")
    )
    interpretation_languages = LanguageListField(
        _("interpretation"), max_length=20, blank=True, help_text=_("Languages interpreted simultaneously.")
    )
    registration_deadline = models.DateField(_("register by"), null=True, blank=True)
    registration_url = models.URLField(_("registration form"), blank=True)
    registration_open = models.BooleanField(
        _("registration on this site"),
        default=False,
        help_text=_("Signed-in people register through a form on this page until the deadline."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit; when full, people join a waiting list."),
    )
    platform_url = models.URLField(
        _("virtual platform link"),
        blank=True,
        help_text=_("Never shown on the page: e-mailed to registered people before the event."),
    )
    # Left empty in the form, these take their defaults (see clean).
    platform_link_days_before = models.PositiveSmallIntegerField(
        _("send the platform link (days before)"), default=2, blank=True
    )
    speaker_minutes = models.PositiveSmallIntegerField(_("minutes per speaker"), default=5, blank=True)
    intervention_minutes = models.PositiveSmallIntegerField(
        _("minutes per intervention"), default=3, blank=True
    )
    participants_count = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_at_least = models.BooleanField(_("at least (200+)"), default=False)
    speakers_count = models.PositiveIntegerField(_("speakers"), null=True, blank=True)
    speakers_at_least = models.BooleanField(_("at least (25+)"), default=False)
    reports_count = models.PositiveIntegerField(_("reports received"), null=True, blank=True)
    reports_at_least = models.BooleanField(_("at least"), default=False)
    survey_responses = models.PositiveIntegerField(_("survey responses"), null=True, blank=True)
    survey_responses_at_least = models.BooleanField(_("at least"), default=False)
    agenda = StreamField([("day", AgendaBlock())], verbose_name=_("agenda"), blank=True)
    logistics = StreamField(
        [("section", LogisticsSectionBlock())], verbose_name=_("practical information"), blank=True
    )

    taxonomy_tags = ("region",)
    override_translatable_fields = copied_as_they_are(*taxonomy_tags)

    base_form_class = HubPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("region")], heading=_("Event")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("ends_on"), FieldPanel("end_time")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("event_format"), FieldPanel("venue"), FieldPanel("interpretation_languages")],
            heading=_("Where and in which languages"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_deadline"),
                FieldPanel("registration_url"),
                FieldPanel("registration_open"),
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("speaker_minutes"), FieldPanel("intervention_minutes")]),
                FieldRowPanel([FieldPanel("platform_url"), FieldPanel("platform_link_days_before")]),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("participants_count"), FieldPanel("participants_at_least")]),
                FieldRowPanel([FieldPanel("speakers_count"), FieldPanel("speakers_at_least")]),
                FieldRowPanel([FieldPanel("reports_count"), FieldPanel("reports_at_least")]),
                FieldRowPanel([FieldPanel("survey_responses"), FieldPanel("survey_responses_at_least")]),
            ],
            heading=_("Outcome (after the event)"),
            classname="collapsed",
        ),
        *StoryPageMixin.story_panels,
        FieldPanel("agenda"),
        FieldPanel("logistics"),
    ]
    # What the event's page shows; never the platform link or the registration settings.
    api_fields = [
        *StoryPageMixin.api_fields,
        *(APIField(name) for name in ("kind", "starts_on", "ends_on", "time_zone", "event_format", "venue")),
        APIField("agenda"),
        APIField("logistics"),
    ]
    search_fields = [
        *Page.search_fields,
        *StoryPageMixin.story_search_fields,
        index.SearchField("venue"),
        index.SearchField("agenda"),
        index.SearchField("logistics"),
    ]

    parent_page_types = ["hub.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if not self.ends_on:
            self.ends_on = self.starts_on
        for name in ("platform_link_days_before", "speaker_minutes", "intervention_minutes"):
            if getattr(self, name) is None:
                setattr(self, name, self._meta.get_field(name).default)
        errors = {}
        if self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day cannot come before the first.")
        elif (
            self.start_time
            and self.end_time
            and self.ends_on == self.starts_on
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("The event must end after it starts.")
        if self.end_time and not self.start_time:
            errors["start_time"] = _("Give the start time too.")
        if self.registration_deadline and self.starts_on and self.registration_deadline > self.starts_on:
            errors["registration_deadline"] = _("Registration must close before the event starts.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.ends_on:
            self.ends_on = self.starts_on
        super().save(*args, **kwargs)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def starts_at(self):
        """Aware start, or None for an event announced without a time."""
        if self.start_time is None:
            return None
        return datetime.datetime.combine(self.starts_on, self.start_time, tzinfo=self.zone)

    @property
    def ends_at(self):
        if self.end_time is None:
            return None
        return datetime.datetime.combine(self.ends_on or self.starts_on, self.end_time, tzinfo=self.zone)

    @property
    def interpretation_language_names(self):
        names = dict(UN_LANGUAGES)
        return [
            get_language_info(code)["name_translated"] if code in ("ar", "en", "fr") else names[code]
            for code in self.interpretation_languages
        ]

    @property
    def is_past(self):
        return (self.ends_on or self.starts_on) < timezone.localdate()

    @property
    def outcome_figures(self):
        """[(label, number, at least)] of the figures recorded after the event."""
        figures = [
            (_("Participants"), self.participants_count, self.participants_at_least),
            (_("Speakers"), self.speakers_count, self.speakers_at_least),
            (_("Reports received"), self.reports_count, self.reports_at_least),
            (_("Survey responses"), self.survey_responses, self.survey_responses_at_least),
        ]
        return [figure for figure in figures if figure[1] is not None]

    # ------------------------------------------------------------ registration

    @property
    def registration_source(self):
        """The translation registrations belong to: the first one made (the source)."""
        if not self.pk:
            return self
        first = EventPage.objects.filter(translation_key=self.translation_key).order_by("pk").first()
        return first or self

    @property
    def registration_closes_at(self):
        """The end of the deadline's day in the event's zone; without a
        deadline, the start of the first day."""
        last_day = self.registration_deadline or self.starts_on - datetime.timedelta(days=1)
        closing_day = last_day + datetime.timedelta(days=1)
        return datetime.datetime.combine(closing_day, datetime.time(), tzinfo=self.zone)

    @property
    def registration_closed(self):
        return timezone.now() >= self.registration_closes_at

    @property
    def agenda_sessions(self):
        """The titles of the agenda's sessions, in order, for requests to take the floor."""
        titles = []
        for day in self.agenda:
            for session in day.value["sessions"]:
                if session["title"] not in titles:
                    titles.append(session["title"])
        return titles

    @property
    def platform_link_due_at(self):
        day = self.starts_on - datetime.timedelta(days=self.platform_link_days_before)
        return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=self.zone)

    @property
    def event_reminder_due_at(self):
        """The day before the event, 09:00 in its zone."""
        return datetime.datetime.combine(
            self.starts_on - datetime.timedelta(days=1), datetime.time(9, 0), tzinfo=self.zone
        )

    @property
    def deadline_reminder_due_at(self):
        """Two days before registration closes."""
        return self.registration_closes_at - datetime.timedelta(days=2)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["local_region"] = localized_terms([self.region])[0] if self.region_id else None
        if self.registration_open:
            # hub.registration reads these models: the page reaches its services when served.
            from hub.registration.services import own_registration

            context["own_registration"] = own_registration(self, request.user)
        return context

    @path("register/", name="register")
    def register(self, request):
        from hub.registration.views import register  # reads these models (see get_context)

        return register(request, self)

    @path("registration/", name="registration")
    def registration(self, request):
        from hub.registration.views import my_registration  # reads these models (see get_context)

        return my_registration(request, self)

    @path("calendar/", name="ics")
    def calendar_file(self, request):
        return HttpResponse(
            self.to_ical(request),
            content_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{self.slug}.ics"'},
        )

    def to_ical(self, request=None):
        """The event as an iCalendar file, in its own time zone."""
        import icalendar

        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//UN Network on Migration//Migration Network Hub//EN")
        calendar.add("version", "2.0")
        event = icalendar.Event()
        event.add("uid", f"{self.translation_key}-{self.locale.language_code}@migration-network-hub")
        event.add("summary", self.title)
        event.add("dtstamp", timezone.now())
        if self.starts_at:
            event.add("dtstart", self.starts_at)
            event.add("dtend", self.ends_at or self.starts_at + datetime.timedelta(hours=1))
        else:
            # A whole-day event: DTEND is the day after the last one (RFC 5545).
            event.add("dtstart", self.starts_on)
            event.add("dtend", (self.ends_on or self.starts_on) + datetime.timedelta(days=1))
        if self.venue:
            event.add("location", self.venue)
        if self.summary:
            event.add("description", self.summary)
        event.add("url", self.get_full_url(request))
        calendar.add_component(event)
        calendar.add_missing_timezones()
        return calendar.to_ical()
