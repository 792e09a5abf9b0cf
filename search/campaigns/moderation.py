"""Moderators' split and merge of campaigns, and who may do them.

A moderator may act on a campaign only when they moderate the space of
every one of its contributions (staff may act on any): the check reads the
campaign's members, never what the form says. Every action is kept as a
ruling on the posts (``CampaignRuling``), which ``find_campaigns`` obeys on
every later run, and logged (``CampaignAction``: who, when, what).
"""

from django.db import transaction
from django.utils import timezone
from machina.core.db.models import get_model
from machina.core.loading import get_class

from search.campaigns import store
from search.campaigns.models import Campaign, CampaignAction, CampaignMember, CampaignRuling

Post = get_model("forum_conversation", "Post")
PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")


def moderated_forum_ids(user):
    if not (user.is_authenticated and user.is_active):
        return set()
    return {forum.pk for forum in PermissionHandler().get_moderation_queue_forums(user)}


def may_review_any(user):
    """Whether to offer ``user`` the campaign review at all (each campaign is checked again)."""
    return bool(user.is_authenticated and user.is_active and (user.is_staff or moderated_forum_ids(user)))


def member_forum_ids(campaign_id):
    return set(
        Post.objects.filter(campaign_member__campaign_id=campaign_id).values_list(
            "topic__forum_id", flat=True
        )
    )


def may_review(user, campaign_id):
    """Staff, or a moderator of every space this campaign's contributions are in."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_staff or user.is_superuser:
        return True
    forums = member_forum_ids(campaign_id)
    return bool(forums) and forums <= moderated_forum_ids(user)


def _rule(post_ids, ruling, moderator, anchor=None):
    now = timezone.now()
    for post_id in post_ids:
        CampaignRuling.objects.update_or_create(
            post_id=post_id,
            defaults={"ruling": ruling, "anchor_post_id": anchor, "decided_by": moderator, "decided_at": now},
        )


def _log(kind, moderator, campaign_id, post_ids, other=None):
    CampaignAction.objects.create(
        kind=kind,
        moderator=moderator,
        campaign_id=campaign_id,
        other_campaign_id=other,
        post_ids=sorted(post_ids),
    )


@transaction.atomic
def remove(campaign, post_id, moderator):
    """Take one contribution out: it is ruled not part of any campaign. Returns the posts that changed."""
    CampaignMember.objects.filter(campaign=campaign, post_id=post_id).delete()
    _rule([post_id], CampaignRuling.Ruling.ALONE, moderator)
    _log(CampaignAction.Kind.REMOVE, moderator, campaign.pk, [post_id])
    return {post_id} | store.refresh(campaign.pk)


@transaction.atomic
def dissolve(campaign, moderator):
    """No campaign at all: each of its contributions counts on its own from now on."""
    members = list(CampaignMember.objects.filter(campaign=campaign).values_list("post_id", flat=True))
    _rule(members, CampaignRuling.Ruling.ALONE, moderator)
    _log(CampaignAction.Kind.DISSOLVE, moderator, campaign.pk, members)
    campaign.delete()
    return set(members)


@transaction.atomic
def merge(campaign, other, moderator):
    """One campaign of two: ``other``'s contributions join ``campaign``. Returns the posts that changed."""
    moved = list(CampaignMember.objects.filter(campaign=other).values_list("post_id", flat=True))
    members = list(CampaignMember.objects.filter(campaign=campaign).values_list("post_id", flat=True))
    anchor = min(members)
    CampaignMember.objects.filter(campaign=other).update(campaign=campaign)
    # Every member, both sides, tied to one anchor: a later regrouping keeps them together.
    _rule([*members, *moved], CampaignRuling.Ruling.TOGETHER, moderator, anchor=anchor)
    _log(CampaignAction.Kind.MERGE, moderator, campaign.pk, moved, other=other.pk)
    other.delete()
    Campaign.objects.filter(pk=campaign.pk).update(formed=Campaign.Formed.MERGED)
    return set(moved) | store.refresh(campaign.pk)
