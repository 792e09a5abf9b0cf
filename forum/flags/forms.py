from django import forms
from django.utils.translation import gettext_lazy as _

from forum.models import FlagReason


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this post?"), choices=FlagReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
