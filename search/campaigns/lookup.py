"""Campaigns as searches read them: the campaign of each hit, in one query."""

from dataclasses import replace

from django.db import connection

from hub.core.batches import batches
from search.campaigns.models import CampaignMember


def campaigns_of(post_ids, forum_ids=None):
    """{post id: (campaign id, size)} for those of ``post_ids`` in a campaign.

    The size counts only the members anyone may read — approved posts of
    approved topics, in ``forum_ids`` when given (the viewer's readable
    spaces): a campaign must never reveal how many held or hidden copies it
    has. A campaign with fewer than two such members is left out.
    """
    post_ids = [int(post_id) for post_id in post_ids]
    if not post_ids:
        return {}
    # Raw SQL: asked on every search page, where almost no hit is in a campaign
    # and compiling the ORM query cost more than running it.
    # In chunks: a paper asks about its whole frozen set, tens of thousands of ids.
    rows = []
    with connection.cursor() as cursor:
        for chunk in batches(post_ids, 900):
            cursor.execute(
                f"SELECT post_id, campaign_id FROM {CampaignMember._meta.db_table}"  # noqa: S608
                f" WHERE post_id IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            rows += cursor.fetchall()
    if not rows:
        return {}
    campaign_ids = sorted({campaign_id for _post, campaign_id in rows})
    # The copies anyone may read (forum.visibility.public_posts, kept on each
    # member by triggers: member_visibility), in the reader's spaces.
    sql = (
        f"SELECT campaign_id, count(*) FROM {CampaignMember._meta.db_table}"  # noqa: S608
        f" WHERE campaign_id IN ({', '.join(['%s'] * len(campaign_ids))}) AND visible = %s"
    )
    params = [*campaign_ids, True]
    if forum_ids is not None:
        forum_ids = sorted(int(forum_id) for forum_id in forum_ids)
        if not forum_ids:
            return {}
        sql += f" AND forum_id IN ({', '.join(['%s'] * len(forum_ids))})"
        params += forum_ids
    with connection.cursor() as cursor:
        cursor.execute(sql + " GROUP BY campaign_id", params)
        sizes = dict(cursor.fetchall())
    return {
        post_id: (campaign_id, sizes[campaign_id])
        for post_id, campaign_id in rows
        if sizes.get(campaign_id, 0) > 1
    }


def with_campaigns(hits, forum_ids=None):
    if not hits:
        return hits
    found = campaigns_of((hit.post_id for hit in hits), forum_ids)
    return [replace(hit, campaign=found.get(hit.post_id)) for hit in hits]


def membership(post):
    """The post's ``CampaignMember``, or None (read through ``select_related("campaign_member")``)."""
    try:
        return post.campaign_member
    except CampaignMember.DoesNotExist:
        return None
