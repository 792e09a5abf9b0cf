from django import forms

from forum.models import NotificationSettings


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["delivery", "language"]
        widgets = {"delivery": forms.RadioSelect}
