"""What campaigns store. Imported by ``search.models`` (the app's models module).

``ContributionPrint`` and ``PrintBand`` are the persisted LSH index: one
signature per contribution and one row per band hash, so the contributions
a new one may copy are found with an indexed lookup, after a restart as
before it. ``Campaign`` and ``CampaignMember`` are the groupings searches
read; ``CampaignRuling`` is what a moderator decided about a post, which
``find_campaigns`` applies on every run; ``CampaignAction`` the log of those
decisions (who, when, what).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Campaign(models.Model):
    class Formed(models.TextChoices):
        DETECTED = "detected", _("found by similarity")
        MERGED = "merged", _("merged by a moderator")

    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)
    formed = models.CharField(max_length=10, choices=Formed.choices, default=Formed.DETECTED)
    # How many contributions it holds (kept with the members, read by every search hit).
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return f"campaign {self.pk} ({self.size})"


class CampaignMember(models.Model):
    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, primary_key=True, related_name="campaign_member"
    )
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="members")
    # The earliest visible member: the one a collapsed search shows for the campaign.
    representative = models.BooleanField(default=False)
    # The post's space, and whether anyone may read it (post and topic approved):
    # written by database triggers only (member_visibility), read to count a campaign's size.
    forum_id = models.IntegerField(null=True, editable=False)
    visible = models.BooleanField(null=True, editable=False)

    class Meta:
        indexes = [
            # The collapsed search's filter: "not a non-representative member".
            models.Index(fields=["representative", "post"], name="search_campaign_member_repr"),
            # A campaign's readable size, from this index alone.
            models.Index(fields=["campaign", "visible", "forum_id"], name="search_campaign_member_size"),
        ]

    def __str__(self):
        return f"{self.post_id} in {self.campaign_id}"


class ContributionPrint(models.Model):
    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    # Who wrote it: "u<user id>", or the imported author's name and organisation.
    author = models.CharField(max_length=320)
    # NUM_PERM little-endian unsigned 32-bit values; empty for a text too short to compare.
    signature = models.BinaryField()
    # search.campaigns.fingerprint.VERSION of the signature.
    version = models.CharField(max_length=64)

    def __str__(self):
        return f"print of {self.post_id}"


HASH_INDEX = "search_printband_hash"


class PrintBand(models.Model):
    print = models.ForeignKey(
        ContributionPrint, on_delete=models.CASCADE, related_name="bands", db_index=False
    )
    hash = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["print"], name="search_printband_print"),
            # Named: find_campaigns drops it while writing a million band rows, then builds it once.
            models.Index(fields=["hash"], name=HASH_INDEX),
        ]

    def __str__(self):
        return f"{self.print_id}: {self.hash}"


class CampaignRuling(models.Model):
    """A moderator's decision about one post, which regrouping never undoes."""

    class Ruling(models.TextChoices):
        ALONE = "alone", _("not part of a campaign")
        TOGETHER = "together", _("in one campaign with another contribution")

    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    ruling = models.CharField(max_length=10, choices=Ruling.choices)
    # For TOGETHER: the post it was merged with (no foreign key: a deleted
    # anchor just ends the ruling's effect).
    anchor_post_id = models.BigIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.post_id}: {self.ruling}"


class CampaignAction(models.Model):
    """The log of moderators' splits and merges."""

    class Kind(models.TextChoices):
        REMOVE = "remove", _("removed a contribution")
        DISSOLVE = "dissolve", _("dissolved")
        MERGE = "merge", _("merged")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    # Plain ids: the log outlives the campaigns it speaks of.
    campaign_id = models.BigIntegerField()
    other_campaign_id = models.BigIntegerField(null=True, blank=True)
    post_ids = models.JSONField(default=list)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("campaign decision")
        verbose_name_plural = _("campaign decisions")

    def __str__(self):
        return f"{self.kind} {self.campaign_id} {self.at:%Y-%m-%d %H:%M}"
