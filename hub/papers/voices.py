"""A campaign counts as one voice in a paper.

Campaigns (``search.campaigns``) are near-identical contributions sent by
different authors. A paper keeps every contribution of its frozen set, but
counts and quotes *voices*: each campaign's earliest contribution in the
set stands for the campaign, its other copies are left out of the figures
(who said what: groups, countries, organisations, authors, objectives) and
of the quotations and recurring terms.

The campaigns are recorded in the generation's figures when it runs (ids
and sizes), not looked up when the paper is shown: a moderator's later
split or merge must not change a paper already written. A regeneration
groups its frozen set again with the campaigns of that day, and says so.
"""

from search.facade import campaigns_of


def voices(post_ids):
    """(the ids that count, the campaigns as recorded): one id per campaign — its
    earliest in the set — and every id in no campaign, in the order given."""
    post_ids = list(post_ids)
    found = campaigns_of(post_ids)
    earliest, in_set = {}, {}
    for post_id in post_ids:
        if post_id in found:
            campaign_id, _size = found[post_id]
            earliest[campaign_id] = min(post_id, earliest.get(campaign_id, post_id))
            in_set[campaign_id] = in_set.get(campaign_id, 0) + 1
    kept = [p for p in post_ids if p not in found or earliest[found[p][0]] == p]
    sizes = dict(found.values())
    campaigns = [
        {"id": campaign_id, "in_set": in_set[campaign_id], "size": sizes[campaign_id]}
        for campaign_id in sorted(in_set, key=lambda c: (-in_set[c], c))
        if in_set[campaign_id] > 1
    ]
    # A campaign with one copy in the set is one voice already: nothing is left out for it.
    return kept, campaigns
