"""Campaigns in Elasticsearch: the two fields each document carries, and the filters on them.

Documents copy a post's campaign, so a regrouping re-sends the posts whose
campaign or representative changed (``ElasticsearchBackend.campaigns_changed``).
"""

from elasticsearch.dsl import Q

from search.campaigns.lookup import membership


def document_fields(post):
    """``campaign`` (id or None) and ``campaign_representative`` (true unless
    the post is a campaign's member other than the one a collapsed search shows)."""
    member = membership(post)
    return {
        "campaign": member.campaign_id if member else None,
        "campaign_representative": member.representative if member else True,
    }


def filters(query):
    clauses = []
    if query.collapse_campaigns:
        # must_not false rather than term true: a document indexed before campaigns existed still counts.
        clauses.append(Q("bool", must_not=[Q("term", campaign_representative=False)]))
    if query.campaign is not None:
        clauses.append(Q("term", campaign=query.campaign))
    return clauses
