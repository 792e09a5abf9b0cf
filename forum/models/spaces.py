"""A regional discussion space: one machina forum paired with one region."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionalSpace(models.Model):
    """What machina's forum does not know about a space: its region, its
    moderators and its moderation policy."""

    forum = models.OneToOneField(
        "forum.Forum", on_delete=models.CASCADE, related_name="regional_space", verbose_name=_("forum")
    )
    # Always the default-language row: the region's slug and translation key
    # are what the rest of the product filters on.
    region = models.OneToOneField(
        "hub.Region", on_delete=models.PROTECT, related_name="space", verbose_name=_("region")
    )
    moderators = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        related_name="moderated_space",
        verbose_name=_("moderators"),
        help_text=_("Members of this group moderate this space and no other."),
    )
    premoderate_new_accounts = models.BooleanField(
        _("hold first posts of new accounts"),
        default=True,
        help_text=_("A moderator approves the first posts of a new account before others can read them."),
    )

    class Meta:
        verbose_name = _("regional discussion space")
        verbose_name_plural = _("regional discussion spaces")

    def __str__(self):
        return self.forum.name
