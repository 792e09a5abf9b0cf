"""The campaign filters of a query, as WHERE clauses on a document row ``d``.

They read the membership table at query time (no copy in the documents), so
a regrouping needs no reindexing; its changes renew the index stamp (a
trigger, ``search/migrations/0006_campaigns.py``), so cached totals follow.
"""

# ruff: noqa: S608 — only the membership table's name is formatted into the SQL.

from search.campaigns.models import CampaignMember

MEMBERS = CampaignMember._meta.db_table
_MEMBER = f"SELECT 1 FROM {MEMBERS} cm WHERE cm.post_id = d.post_id"


def campaign_conditions(query):
    conditions = []
    if query.collapse_campaigns:
        # Every contribution but a campaign's non-representative members.
        conditions.append((f"NOT EXISTS ({_MEMBER} AND cm.representative = %s)", [False]))
    if query.campaign is not None:
        conditions.append((f"EXISTS ({_MEMBER} AND cm.campaign_id = %s)", [query.campaign]))
    return conditions
