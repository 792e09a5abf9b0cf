"""Campaigns in the database: fingerprints, placing new contributions, regrouping all.

Two writers, one result:

- ``place(post_ids)`` runs on save (``search.signals``): it fingerprints the
  posts, finds their candidates through the stored band hashes (an indexed
  SQL lookup), verifies them and joins, creates or merges campaigns;
- ``regroup()`` (``manage.py find_campaigns``) fingerprints what lacks a
  print, groups every contribution in memory (``grouping.group``) and writes
  the difference, keeping the ids of campaigns that persist, so a re-run
  over unchanged contributions changes nothing.

Both obey moderators' rulings (``CampaignRuling``). Each campaign's
representative — the member a collapsed search shows — is its earliest
visible member (approved, in an approved topic); if none is visible, its
earliest.
"""

# ruff: noqa: S608 — only this module's own table names are formatted into the SQL.

from collections import Counter, defaultdict

import numpy as np
from django.db import connection, transaction
from django.utils import timezone
from machina.core.db.models import get_model

from forum.visibility import plain_text
from hub.core.batches import batches
from search.campaigns import fingerprint, grouping
from search.campaigns.models import (
    HASH_INDEX,
    Campaign,
    CampaignMember,
    CampaignRuling,
    ContributionPrint,
    PrintBand,
)

Post = get_model("forum_conversation", "Post")
BAND_TABLE = PrintBand._meta.db_table
PRINT_TABLE = ContributionPrint._meta.db_table
BATCH = 2000
REBUILD_INDEX_FROM = 5_000
LOOKUP_CHUNK = 500  # bound parameters per IN (…): under every database's limit


def author_key(poster_id, author_name, organisation, post_id):
    """Who wrote a post, as grouping compares authors: the account, else the
    imported name and organisation, else nobody known (the post alone)."""
    if poster_id:
        return f"u{poster_id}"
    name = " ".join(f"{author_name} {organisation}".casefold().split())
    return f"n{name}"[:320] if name else f"p{post_id}"


_POST_FIELDS = (
    "pk",
    "content",
    "poster_id",
    "contribution__author_name",
    "contribution__organisation",
)


def _texts(post_ids):
    """(post id, author key, text) of the contributions among ``post_ids``."""
    rows = Post.objects.filter(pk__in=post_ids, contribution__isnull=False).values_list(*_POST_FIELDS)
    for pk, content, poster_id, name, organisation in rows:
        # The Markdown source, not the rendered HTML: its words are the same
        # (markers are no words), and stripping tags would cost more than
        # fingerprinting.
        yield pk, author_key(poster_id, name, organisation, pk), plain_text(None, content)


def _write_prints(computed):
    """Store (post id, author, signature or None) rows, replacing any earlier print and bands."""
    if not computed:
        return
    ids = [pk for pk, _a, _s in computed]
    for chunk in batches(ids, LOOKUP_CHUNK):
        PrintBand.objects.filter(print_id__in=chunk).delete()
        ContributionPrint.objects.filter(post_id__in=chunk).delete()
    ContributionPrint.objects.bulk_create(
        [
            ContributionPrint(
                post_id=pk,
                author=author,
                signature=b"" if signature is None else fingerprint.to_bytes(signature),
                version=fingerprint.VERSION,
            )
            for pk, author, signature in computed
        ],
        batch_size=BATCH,
    )
    signed = [(pk, signature) for pk, _a, signature in computed if signature is not None]
    if not signed:
        return
    bands = fingerprint.band_matrix(np.stack([signature for _pk, signature in signed])).tolist()
    rows = [(pk, band) for (pk, _s), row in zip(signed, bands, strict=True) for band in row]
    with connection.cursor() as cursor:
        for chunk in batches(rows, 10_000):
            cursor.executemany(f"INSERT INTO {BAND_TABLE} (print_id, hash) VALUES (%s, %s)", chunk)


def fingerprint_posts(post_ids):
    """Fingerprint these posts (contributions only): {post id: (author, signature or None, changed)}."""
    post_ids = list(post_ids)
    stored = {
        pk: (author, bytes(signature), version)
        for pk, author, signature, version in ContributionPrint.objects.filter(
            post_id__in=post_ids
        ).values_list("post_id", "author", "signature", "version")
    }
    result, to_write = {}, []
    texts = list(_texts(post_ids))
    signatures = fingerprint.signatures([text for _pk, _author, text in texts])
    for (pk, author, _text), signature in zip(texts, signatures, strict=True):
        raw = b"" if signature is None else fingerprint.to_bytes(signature)
        changed = stored.get(pk) != (author, raw, fingerprint.VERSION)
        if changed:
            to_write.append((pk, author, signature))
        result[pk] = (author, signature, changed)
    _write_prints(to_write)
    return result


def _prints(post_ids):
    """{post id: (author, signature or None)} as stored."""
    found = {}
    for chunk in batches(list(post_ids), LOOKUP_CHUNK):
        for pk, author, signature in ContributionPrint.objects.filter(post_id__in=chunk).values_list(
            "post_id", "author", "signature"
        ):
            found[pk] = (author, fingerprint.from_bytes(signature) if signature else None)
    return found


def _candidates(bands_by_post):
    """{post id: the other posts sharing a band with it}, by the band index."""
    owners = defaultdict(set)
    for pk, bands in bands_by_post.items():
        for band in bands:
            owners[band].add(pk)
    found = defaultdict(set)
    with connection.cursor() as cursor:
        for chunk in batches(list(owners), LOOKUP_CHUNK):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT hash, print_id FROM {BAND_TABLE} WHERE hash IN ({marks})", chunk)
            for band, other in cursor.fetchall():
                for pk in owners[band]:
                    if other != pk:
                        found[pk].add(other)
    return found


def _alone(post_ids):
    found = set()
    for chunk in batches(list(post_ids), LOOKUP_CHUNK):
        found.update(
            CampaignRuling.objects.filter(post_id__in=chunk, ruling=CampaignRuling.Ruling.ALONE).values_list(
                "post_id", flat=True
            )
        )
    return found


def campaign_id_of(post_id):
    return CampaignMember.objects.filter(post_id=post_id).values_list("campaign_id", flat=True).first()


def _leave(post_ids):
    """Take posts out of their campaigns (their text changed); returns those campaigns' ids."""
    left = set()
    for chunk in batches(post_ids, LOOKUP_CHUNK):
        members = CampaignMember.objects.filter(post_id__in=chunk)
        left.update(members.values_list("campaign_id", flat=True))
        if left:
            members.delete()
    return left


def place(post_ids):
    """Put newly saved (or edited) contributions into the campaigns they copy.

    Returns the ids of the posts whose campaign changed.
    """
    prints = {pk: value for pk, value in fingerprint_posts(post_ids).items() if value[2]}
    if not prints:
        return set()
    touched = _leave(list(prints))
    comparable = {pk: signature for pk, (_author, signature, _c) in prints.items() if signature is not None}
    alone = _alone(comparable)
    comparable = {pk: s for pk, s in comparable.items() if pk not in alone}
    candidates = _candidates({pk: fingerprint.band_hashes(s) for pk, s in comparable.items()})
    others = _prints({other for found in candidates.values() for other in found})
    alone |= _alone(others)
    changed_posts = set(prints)
    for pk, signature in comparable.items():
        neighbours = {
            other
            for other in candidates.get(pk, ())
            if other not in alone
            and others.get(other, (None, None))[1] is not None
            and fingerprint.similarity(signature, others[other][1]) >= fingerprint.THRESHOLD
        }
        if not neighbours:
            continue
        memberships = dict(
            CampaignMember.objects.filter(post_id__in=neighbours | {pk}).values_list("post_id", "campaign_id")
        )
        # Already placed with an earlier post of the same batch.
        own = memberships.pop(pk, None)
        # As grouping does: every member within CORE of its campaign's earliest.
        earliest = _earliest_members(set(memberships.values()) | ({own} if own else set()))
        signatures = {**{p: others[p][1] for p in neighbours}, pk: signature}
        close = _close_to(signatures, earliest)
        campaign_ids = {cid for cid, first in earliest.items() if cid == own or close(pk, first)}
        memberships = {p: cid for p, cid in memberships.items() if cid in campaign_ids}
        free = {p for p in neighbours if p not in memberships and not _member(p)}
        if campaign_ids:
            first = min(earliest[cid] for cid in campaign_ids)
            free = {p for p in free if close(p, first)}
        elif len(free) >= 2:
            first = min(free | {pk})
            free = {p for p in free if p == first or close(p, first)}
            if first != pk and not close(pk, first):
                continue
        members = free | set(memberships) | {pk}
        authors = {prints[pk][0]} | {others[other][0] for other in members - {pk}}
        if campaign_ids:
            target = min(campaign_ids)
            for absorbed in campaign_ids - {target}:
                changed_posts.update(
                    CampaignMember.objects.filter(campaign_id=absorbed).values_list("post_id", flat=True)
                )
                CampaignMember.objects.filter(campaign_id=absorbed).update(campaign_id=target)
                Campaign.objects.filter(pk=absorbed).delete()
                touched.discard(absorbed)
        elif len(authors) >= grouping.MIN_AUTHORS:
            target = Campaign.objects.create().pk
        else:
            continue
        new = [
            CampaignMember(post_id=p, campaign_id=target)
            for p in members
            if p not in memberships and not (p == pk and own)
        ]
        CampaignMember.objects.bulk_create(new)
        changed_posts.update(m.post_id for m in new)
        touched.add(target)
    for campaign_id in touched:
        changed_posts |= refresh(campaign_id)
    return changed_posts


def _earliest_members(campaign_ids):
    """{campaign id: its earliest member's post id}."""
    found = {}
    for post_id, campaign_id in CampaignMember.objects.filter(campaign_id__in=campaign_ids).values_list(
        "post_id", "campaign_id"
    ):
        found[campaign_id] = min(post_id, found.get(campaign_id, post_id))
    return found


def _close_to(signatures, earliest):
    """close(a, b): whether two posts are within grouping.CORE (signatures read as needed)."""
    missing = {p for p in earliest.values() if p not in signatures}
    signatures = {**signatures, **{p: s for p, (_a, s) in _prints(missing).items()}}

    def close(a, b):
        if a == b:
            return True
        first, second = signatures.get(a), signatures.get(b)
        if first is None or second is None:
            return False
        return fingerprint.similarity(first, second) >= grouping.CORE

    return close


def _member(post_id):
    return CampaignMember.objects.filter(post_id=post_id).exists()


def _visible_order(post_ids):
    """Post ids, earliest visible first, then the earliest held ones."""
    rows = Post.objects.filter(pk__in=post_ids).values_list("pk", "created", "approved", "topic__approved")
    return [
        pk
        for pk, created, approved, topic_approved in sorted(
            rows, key=lambda r: (not (r[2] and r[3]), r[1], r[0])
        )
    ]


def refresh(campaign_id):
    """Size and representative of a campaign after a change; dissolve it if
    fewer than ``MIN_AUTHORS`` authors remain (unless a moderator merged it).
    Returns the posts whose membership or representative changed."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return set()
    members = dict(
        CampaignMember.objects.filter(campaign_id=campaign_id).values_list("post_id", "representative")
    )
    authors = set(
        ContributionPrint.objects.filter(post_id__in=list(members)).values_list("author", flat=True)
    )
    merged = campaign.formed == Campaign.Formed.MERGED and len(members) > 1
    if len(authors) < grouping.MIN_AUTHORS and not merged:
        campaign.delete()
        return set(members)
    order = _visible_order(list(members))
    representative = order[0]
    changed = {pk for pk, flag in members.items() if flag != (pk == representative)}
    if changed:
        CampaignMember.objects.filter(campaign_id=campaign_id, representative=True).exclude(
            post_id=representative
        ).update(representative=False)
        CampaignMember.objects.filter(post_id=representative).update(representative=True)
    if campaign.size != len(members) or changed:
        Campaign.objects.filter(pk=campaign_id).update(size=len(members), updated=timezone.now())
    return changed


# -- Regrouping everything (manage.py find_campaigns) --


def fingerprint_missing(progress=None):
    """Fingerprint every contribution with no print, or one of an older version. Returns how many.

    With many to write, the band hashes' index is dropped and built once at
    the end: kept, each of the million random keys costs an index insert
    (two thirds of the time at 20,000 contributions)."""
    missing = (
        Post.objects.filter(contribution__isnull=False).count()
        - ContributionPrint.objects.filter(version=fingerprint.VERSION).count()
    )
    if missing < REBUILD_INDEX_FROM:
        return _fingerprint_missing(progress)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {HASH_INDEX}")
    try:
        return _fingerprint_missing(progress)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {HASH_INDEX} ON {BAND_TABLE} (hash)")


def _fingerprint_missing(progress):
    done = 0
    last = 0
    while True:
        ids = list(
            Post.objects.filter(pk__gt=last, contribution__isnull=False)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return done
        last = ids[-1]
        current = set(
            ContributionPrint.objects.filter(post_id__in=ids, version=fingerprint.VERSION).values_list(
                "post_id", flat=True
            )
        )
        missing = [pk for pk in ids if pk not in current]
        if missing:
            texts = list(_texts(missing))
            signatures = fingerprint.signatures([text for _pk, _author, text in texts])
            with transaction.atomic():
                _write_prints(
                    [(pk, author, sig) for (pk, author, _t), sig in zip(texts, signatures, strict=True)]
                )
            done += len(missing)
        if progress:
            progress(done)


def _all_prints():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT post_id, author, signature FROM {PRINT_TABLE} WHERE signature != %s", [b""])
        return grouping.Prints.of(
            [(pk, author, fingerprint.from_bytes(signature)) for pk, author, signature in cursor.fetchall()]
        )


def _rulings():
    rulings = grouping.Rulings()
    for pk, ruling, anchor in CampaignRuling.objects.values_list("post_id", "ruling", "anchor_post_id"):
        if ruling == CampaignRuling.Ruling.ALONE:
            rulings.alone.add(pk)
        elif anchor:
            rulings.together[pk] = anchor
    return rulings


def regroup():
    """Group every fingerprinted contribution; write the difference. Returns
    (campaigns, contributions in them, posts whose grouping changed)."""
    campaigns = grouping.group(_all_prints(), _rulings())
    return apply(campaigns)


@transaction.atomic
def apply(campaigns):
    existing = dict(CampaignMember.objects.values_list("post_id", "campaign_id"))
    assignment, claimed, created = {}, set(), []
    for members in sorted(campaigns, key=min):
        votes = Counter(existing[p] for p in members if p in existing)
        keep = next((cid for cid, _n in votes.most_common() if cid not in claimed), None)
        if keep is None:
            created.append(members)
            continue
        claimed.add(keep)
        assignment.update(dict.fromkeys(members, keep))
    now = timezone.now()
    fresh = Campaign.objects.bulk_create(
        [Campaign(created=now, updated=now) for _m in created], batch_size=BATCH
    )
    for campaign, members in zip(fresh, created, strict=True):
        assignment.update(dict.fromkeys(members, campaign.pk))
    gone = [pk for pk in existing if pk not in assignment]
    moved = [pk for pk, cid in assignment.items() if existing.get(pk) not in (None, cid)]
    added = [pk for pk in assignment if pk not in existing]
    for chunk in batches(gone + moved, LOOKUP_CHUNK):
        CampaignMember.objects.filter(post_id__in=chunk).delete()
    CampaignMember.objects.bulk_create(
        [CampaignMember(post_id=pk, campaign_id=assignment[pk]) for pk in moved + added], batch_size=BATCH
    )
    changed = set(gone) | set(moved) | set(added)
    # Campaigns left with no member.
    emptied = set(existing.values()) - set(assignment.values())
    for chunk in batches(sorted(emptied), LOOKUP_CHUNK):
        Campaign.objects.filter(pk__in=chunk).delete()
    changed |= _representatives(assignment, changed)
    return len({*assignment.values()}), len(assignment), changed


def _representatives(assignment, changed):
    """Set each campaign's representative and size where they differ; the posts that changed."""
    by_campaign = defaultdict(list)
    for pk, cid in assignment.items():
        by_campaign[cid].append(pk)
    flags = dict(CampaignMember.objects.values_list("post_id", "representative"))
    rows = {}
    for chunk in batches(list(assignment), LOOKUP_CHUNK):
        for pk, created, approved, topic_approved in Post.objects.filter(pk__in=chunk).values_list(
            "pk", "created", "approved", "topic__approved"
        ):
            rows[pk] = (not (approved and topic_approved), created, pk)
    flip_on, flip_off = [], []
    for members in by_campaign.values():
        representative = min(members, key=rows.__getitem__)
        for pk in members:
            wanted = pk == representative
            if flags.get(pk) != wanted:
                (flip_on if wanted else flip_off).append(pk)
    for chunk in batches(flip_on, LOOKUP_CHUNK):
        CampaignMember.objects.filter(post_id__in=chunk).update(representative=True)
    for chunk in batches(flip_off, LOOKUP_CHUNK):
        CampaignMember.objects.filter(post_id__in=chunk).update(representative=False)
    sizes = dict(Campaign.objects.values_list("pk", "size"))
    resized = [
        Campaign(pk=cid, size=len(m), updated=timezone.now())
        for cid, m in by_campaign.items()
        if sizes.get(cid) != len(m)
    ]
    Campaign.objects.bulk_update(resized, ["size", "updated"], batch_size=BATCH)
    return set(flip_on) | set(flip_off)
