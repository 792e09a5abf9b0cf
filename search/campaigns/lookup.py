"""Campaigns as searches read them: the campaign of each hit, in one query."""

from dataclasses import replace

from search.campaigns.models import CampaignMember


def campaigns_of(post_ids):
    """{post id: (campaign id, size)} for those of ``post_ids`` in a campaign."""
    return {
        post_id: (campaign_id, size)
        for post_id, campaign_id, size in CampaignMember.objects.filter(
            post_id__in=list(post_ids)
        ).values_list("post_id", "campaign_id", "campaign__size")
    }


def with_campaigns(hits):
    if not hits:
        return hits
    found = campaigns_of(hit.post_id for hit in hits)
    return [replace(hit, campaign=found.get(hit.post_id)) for hit in hits]


def membership(post):
    """The post's ``CampaignMember``, or None (read through ``select_related("campaign_member")``)."""
    try:
        return post.campaign_member
    except CampaignMember.DoesNotExist:
        return None
