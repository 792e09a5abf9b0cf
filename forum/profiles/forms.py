"""The stakeholder profile form, on its own and inside allauth's sign-up form."""

import unicodedata

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from forum.models import StakeholderProfile
from hub.core.bidi import without_bidi_controls
from hub.taxonomy.models import Country, StakeholderGroup, localized_terms

# Direction controls never belong in a name (hub.core.bidi).
_plain = without_bidi_controls


def collation_key(name):
    """Alphabetical in any of the three languages: accents do not push
    "Émirats" after "Zambie"."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class StakeholderProfileForm(forms.Form):
    """Who the person is. Used on the sign-up page and the profile page.

    Stakeholder groups are stored as the English rows and shown in the
    visitor's language; countries are named by django-countries in it.
    """

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=100,
        help_text=_("Shown with your contributions. Your e-mail address is never shown."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    stakeholder_group = forms.ModelChoiceField(
        label=_("Stakeholder group"), queryset=StakeholderGroup.objects.none(), empty_label=_("Choose…")
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False, empty_label=_("Choose…")
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you read and write"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = list(StakeholderGroup.objects.in_default_locale())
        names = {group.pk: local.name for group, local in zip(groups, localized_terms(groups), strict=True)}
        group_field = self.fields["stakeholder_group"]
        group_field.queryset = StakeholderGroup.objects.in_default_locale()
        group_field.choices = [("", group_field.empty_label), *((g.pk, names[g.pk]) for g in groups)]

        countries = sorted(Country.objects.all(), key=lambda country: collation_key(country.name))
        country_field = self.fields["country"]
        country_field.queryset = Country.objects.all()
        country_field.choices = [("", country_field.empty_label), *((c.pk, c.name) for c in countries)]

    def clean_display_name(self):
        name = _plain(self.cleaned_data["display_name"])
        if not name:
            raise forms.ValidationError(_("Please enter the name to show with your contributions."))
        return name

    def clean_organisation(self):
        return _plain(self.cleaned_data["organisation"])

    @staticmethod
    def initial_for(profile):
        """Form ``initial`` from an existing profile."""
        return {
            "display_name": profile.display_name,
            "organisation": profile.organisation,
            "stakeholder_group": profile.stakeholder_group_id,
            "country": profile.country_id,
            "languages": profile.language_list,
        }

    def save_profile(self, user):
        """Create or update ``user``'s profile from the cleaned data.

        (Not called ``save``: allauth's sign-up form, which inherits from
        this class, has its own.)
        """
        chosen = set(self.cleaned_data["languages"])
        profile, _created = StakeholderProfile.objects.update_or_create(
            user=user,
            defaults={
                "display_name": self.cleaned_data["display_name"],
                "organisation": self.cleaned_data["organisation"],
                "stakeholder_group": self.cleaned_data["stakeholder_group"],
                "country": self.cleaned_data["country"],
                # In the site's order, so "ar,fr" is stored whatever the order ticked.
                "languages": ",".join(code for code, _name in settings.LANGUAGES if code in chosen),
            },
        )
        return profile


class SignupProfileForm(StakeholderProfileForm):
    """allauth's sign-up form inherits from this (ACCOUNT_SIGNUP_FORM_CLASS):
    the account's fields first, then who the person is."""

    field_order = [
        "email",
        "password1",
        "password2",
        "display_name",
        "organisation",
        "stakeholder_group",
        "country",
        "languages",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Whoever signs up in a language reads it, most likely.
        self.fields["languages"].initial = [get_language()]

    def signup(self, request, user):
        self.save_profile(user)
