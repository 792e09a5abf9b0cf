"""Registrations for consultation events, requests to take the floor, the
e-mails sent about them, and which groups organise which region's events.

A registration belongs to the event as one thing across its translations: it
points at the event's source page (the first of its translations, normally
English), whatever language the person registered in.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantType(models.TextChoices):
    STAKEHOLDER = "stakeholder", _("Stakeholder")
    OBSERVER = "observer", _("Member-state observer")
    UN_ENTITY = "un-entity", _("UN entity")
    OTHER = "other", _("Other")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Role(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    FACILITATOR = "facilitator", _("Facilitator")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not-selected", _("Not selected")


class Registration(models.Model):
    event = models.ForeignKey(
        "hub.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    participant_type = models.CharField(_("taking part as"), max_length=20, choices=ParticipantType.choices)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_group = models.ForeignKey(
        "hub.StakeholderGroup",
        verbose_name=_("stakeholder group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    country = models.ForeignKey(
        "hub.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    interpretation_language = models.CharField(_("interpretation language"), max_length=2, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=1000, blank=True)
    role = models.CharField(_("role nomination"), max_length=20, choices=Role.choices, blank=True)
    motivation = models.TextField(_("motivation"), max_length=1500, blank=True)
    nomination_status = models.CharField(
        _("nomination status"), max_length=20, choices=NominationStatus.choices, blank=True
    )
    consent_at = models.DateTimeField(_("consent given"))
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    language = models.CharField(
        _("language of e-mails"), max_length=5, help_text=_("The language the person registered in.")
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person_and_event")
        ]

    def __str__(self):
        return f"{self.name} – {self.event}"

    @property
    def is_active(self):
        return self.status != RegistrationStatus.CANCELLED


class FloorRequest(models.Model):
    """A request to take the floor in one session; organisers set the speaking order."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="floor_requests"
    )
    session = models.CharField(_("session"), max_length=250)
    topic = models.CharField(_("topic"), max_length=300)
    order = models.PositiveIntegerField(_("speaking order"), default=0)
    minutes = models.PositiveSmallIntegerField(_("minutes"), null=True, blank=True)

    class Meta:
        verbose_name = _("request to take the floor")
        verbose_name_plural = _("requests to take the floor")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.topic


class SentMessage(models.Model):
    """One e-mail sent about a registration, so a task run twice sends nothing twice.

    ``key`` tells apart messages of one kind that should go again, e.g. the
    event-day reminder after the event moved to another day.
    """

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="sent_messages")
    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=40, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "key"], name="one_message_per_kind_and_key"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.key}".strip()


class OrganiserGroup(models.Model):
    """A group whose members handle registrations: of one region's events, or,
    without a region, of every event."""

    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="registration_organisers"
    )
    region = models.ForeignKey(
        "hub.Region",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for organisers of every event."),
    )

    class Meta:
        verbose_name = _("registration organisers")
        verbose_name_plural = _("registration organisers")

    def __str__(self):
        return self.group.name
