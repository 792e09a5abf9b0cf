"""Who a stakeholder is, as they describe themselves."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StakeholderProfile(models.Model):
    """Asked at sign-up, editable later. A contribution copies what it needs
    of it when posted, so later edits never rewrite history."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stakeholder_profile"
    )
    display_name = models.CharField(_("display name"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_group = models.ForeignKey(
        "hub.StakeholderGroup",
        on_delete=models.PROTECT,
        null=True,
        verbose_name=_("stakeholder group"),
        related_name="+",
    )
    country = models.ForeignKey(
        "hub.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("country"),
        related_name="+",
    )
    languages = models.CharField(
        _("languages"),
        max_length=20,
        blank=True,
        help_text=_("The languages you read and write, e.g. ar,fr."),
    )

    class Meta:
        verbose_name = _("stakeholder profile")
        verbose_name_plural = _("stakeholder profiles")

    def __str__(self):
        return self.display_name

    @property
    def language_list(self):
        return [code for code in self.languages.split(",") if code]
