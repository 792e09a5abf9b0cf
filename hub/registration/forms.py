"""The registration form: who takes part and how, role nominations, a request
to take the floor, and consent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.bidi import without_bidi_controls
from hub.core.collation import collation_key
from hub.models import Country, ParticipantType, Role, StakeholderGroup
from hub.models.events import UN_LANGUAGES
from hub.taxonomy.models import localized_terms

# Direction controls never belong in a name (hub.core.bidi).
_plain = without_bidi_controls


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    participant_type = forms.ChoiceField(
        label=_("Taking part as"), choices=ParticipantType.choices, widget=forms.RadioSelect
    )
    organisation = forms.CharField(
        label=_("Organisation, ministry or entity"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    stakeholder_group = forms.ModelChoiceField(
        label=_("Stakeholder group"),
        queryset=StakeholderGroup.objects.none(),
        required=False,
        empty_label=_("Choose…"),
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False, empty_label=_("Choose…")
    )
    interpretation_language = forms.ChoiceField(label=_("Language you will listen in"), required=False)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example sign language interpretation or captions."),
    )
    role = forms.ChoiceField(
        label=_("I would like to be considered as"),
        choices=[("", _("No role, thank you")), *Role.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Nominating yourself does not guarantee a role; the people selected are contacted."),
    )
    motivation = forms.CharField(
        label=_("Why you, in a few lines"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    floor_session = forms.ChoiceField(label=_("Request to take the floor in"), required=False)
    floor_topic = forms.CharField(label=_("On the topic of"), max_length=300, required=False)
    consent = forms.BooleanField(
        label=_("I agree that the organisers keep these details to run the event and contact me about it."),
        error_messages={"required": _("Please give your consent to register.")},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        groups = list(StakeholderGroup.objects.in_default_locale())
        names = {group.pk: local.name for group, local in zip(groups, localized_terms(groups), strict=True)}
        group_field = self.fields["stakeholder_group"]
        group_field.queryset = StakeholderGroup.objects.in_default_locale()
        group_field.choices = [("", group_field.empty_label), *((g.pk, names[g.pk]) for g in groups)]

        countries = sorted(Country.objects.all(), key=lambda country: collation_key(country.name))
        country_field = self.fields["country"]
        country_field.queryset = Country.objects.all()
        country_field.choices = [("", country_field.empty_label), *((c.pk, c.name) for c in countries)]

        languages = dict(UN_LANGUAGES)
        interpretation = self.fields["interpretation_language"]
        interpretation.choices = [
            ("", _("No interpretation needed")),
            *((code, languages.get(code, code)) for code in event.interpretation_languages),
        ]
        sessions = event.agenda_sessions
        floor = self.fields["floor_session"]
        floor.choices = [("", _("I do not ask to take the floor")), *((title, title) for title in sessions)]
        if not sessions:
            del self.fields["floor_session"]
            del self.fields["floor_topic"]

    def clean_name(self):
        name = _plain(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name

    def clean(self):
        data = super().clean()
        for name in ("organisation", "accessibility_needs", "motivation", "floor_topic"):
            if name in data:
                data[name] = _plain(data[name])
        data.setdefault("floor_session", "")
        data.setdefault("floor_topic", "")
        participant_type = data.get("participant_type")
        if participant_type == ParticipantType.OBSERVER and not data.get("country"):
            self.add_error("country", _("Please choose the member state you observe for."))
        if participant_type == ParticipantType.STAKEHOLDER and not data.get("stakeholder_group"):
            self.add_error("stakeholder_group", _("Please choose your stakeholder group."))
        if data.get("role") and not data.get("motivation"):
            self.add_error("motivation", _("Please say in a few lines why you would take this role."))
        if data.get("floor_session") and not data.get("floor_topic"):
            self.add_error("floor_topic", _("Please give the topic you would speak on."))
        if data.get("floor_topic") and not data.get("floor_session"):
            self.add_error("floor_session", _("Please choose the session you would speak in."))
        return data


def initial_from(user, registration=None):
    """What the form starts with: the registration being changed, else the profile."""
    if registration is not None:
        floor = registration.floor_requests.first()
        return {
            "name": registration.name,
            "participant_type": registration.participant_type,
            "organisation": registration.organisation,
            "stakeholder_group": registration.stakeholder_group_id,
            "country": registration.country_id,
            "interpretation_language": registration.interpretation_language,
            "accessibility_needs": registration.accessibility_needs,
            "role": registration.role,
            "motivation": registration.motivation,
            "floor_session": floor.session if floor else "",
            "floor_topic": floor.topic if floor else "",
            "consent": True,
        }
    # The profile belongs to the discussion spaces; read it without importing them.
    profile = getattr(user, "stakeholder_profile", None)
    initial = {"participant_type": ParticipantType.STAKEHOLDER, "name": user.get_full_name()}
    if profile is not None:
        initial.update(
            name=profile.display_name or initial["name"],
            organisation=profile.organisation,
            stakeholder_group=profile.stakeholder_group_id,
            country=profile.country_id,
        )
        languages = [code for code in (profile.languages or "").split(",") if code]
        if languages:
            initial["interpretation_language"] = languages[0]
    return initial
