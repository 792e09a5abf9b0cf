"""Freezing a generation's contribution set: which posts, as they were.

A paper rests only on what the public can read: the set is the search's
answer for an anonymous visitor (``search.facade``), every page of it, newest
first. Each post is recorded with a SHA-256 of its text and metadata, so a
published paper can be audited later: a changed contribution has another
hash. A regeneration takes its source's frozen set as it is (same ids, same
hashes), so it counts the same contributions; what changed since, or is no
longer public, is reported in ``figures["audit"]``.
"""

import hashlib
import json

from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.utils import timezone
from machina.core.db.models import get_model

from forum.models import Contribution
from hub.core.batches import batches
from hub.models import FrozenContribution
from search.facade import matching_post_ids
from search.params import query_from_params

from .citations import public_posts

Post = get_model("forum_conversation", "Post")
Objectives = Contribution.objectives.through
CHUNK = 5000


class QueryError(ValueError):
    """The generation's search parameters could not be read."""


def parse_query(params):
    """The ``ContributionQuery`` of a parameter string; ``QueryError`` if a value is not understood."""
    query, errors = query_from_params(QueryDict(params or ""))
    if errors:
        raise QueryError(" ".join(str(error) for error in errors))
    return query


def _digest(subject, body, kind, objectives, language, group, country, organisation):
    canonical = json.dumps(
        {
            "subject": subject or "",
            "body": body or "",
            "kind": kind or "",
            "objectives": sorted(set(objectives)),
            "language": language or "",
            "group": group or "",
            "country": str(country or ""),
            "organisation": organisation or "",
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _raw(content):
    return getattr(content, "raw", content)


def content_hash(item):
    """SHA-256 of a contribution's text and metadata (a ``Post`` with its
    contribution, or a ``Contribution``): subject, body, type, objectives,
    language, stakeholder group, country and organisation."""
    contribution = item if isinstance(item, Contribution) else item.contribution
    post = contribution.post
    return _digest(
        post.subject,
        _raw(post.content),
        contribution.kind,
        [objective.number for objective in contribution.objectives.all()],
        contribution.language,
        contribution.stakeholder_group.slug if contribution.stakeholder_group else "",
        contribution.country.code if contribution.country else "",
        contribution.organisation,
    )


def content_hashes(post_ids):
    """post id → ``content_hash``, for many posts in two queries per chunk
    (posts that are gone, or no longer contributions, are left out)."""
    hashes = {}
    for chunk in batches(post_ids, CHUNK):
        objectives = {}
        for post_id, number in Objectives.objects.filter(contribution_id__in=chunk).values_list(
            "contribution_id", "gcmobjective__number"
        ):
            objectives.setdefault(post_id, []).append(number)
        rows = Contribution.objects.filter(post_id__in=chunk).values_list(
            "post_id",
            "post__subject",
            "post__content",
            "kind",
            "language",
            "stakeholder_group__slug",
            "country__code",
            "organisation",
        )
        for post_id, subject, body, kind, language, group, country, organisation in rows:
            hashes[post_id] = _digest(
                subject, _raw(body), kind, objectives.get(post_id, ()), language, group, country, organisation
            )
    return hashes


def publicly_visible(post_ids):
    """The ids among ``post_ids`` an anonymous visitor may read now (``citations.public_posts``)."""
    visible = set()
    for chunk in batches(post_ids, CHUNK):
        visible.update(public_posts().filter(pk__in=chunk).values_list("pk", flat=True))
    return visible


def select(params):
    """Ids of the contributions the public can read that the search ``params`` selects, newest first."""
    return matching_post_ids(parse_query(params), AnonymousUser())


def compare(frozen):
    """How a frozen set ``[(post id, hash), …]`` stands now: how many changed
    (another hash), were deleted, or are no longer public."""
    ids = [post_id for post_id, _hash in frozen]
    now = content_hashes(ids)
    visible = publicly_visible(ids)
    return {
        "frozen": len(ids),
        "changed": sum(1 for post_id, digest in frozen if post_id in now and now[post_id] != digest),
        "deleted": sum(1 for post_id in ids if post_id not in now),
        "not_visible": sum(1 for post_id in ids if post_id not in visible),
    }


def audit(generation):
    """``compare`` for a generation's frozen set, as it stands now."""
    return compare(list(generation.frozen.order_by("post_id").values_list("post_id", "content_hash")))


def freeze(generation):
    """Write the generation's frozen set; returns (post ids, as of, audit).

    From the search (``generation.query``), or from ``generation.source``'s
    frozen set when it is a regeneration.
    """
    FrozenContribution.objects.filter(generation=generation).delete()
    if generation.source_id:
        source = list(
            FrozenContribution.objects.filter(generation_id=generation.source_id)
            .order_by("post_id")
            .values_list("post_id", "content_hash")
        )
        ids = [post_id for post_id, _hash in source]
        audit = {"source": generation.source_id, **compare(source)}
        rows = [FrozenContribution(generation=generation, post_id=p, content_hash=h) for p, h in source]
        as_of = generation.source.as_of or timezone.now()
    else:
        as_of = timezone.now()
        ids = select(generation.query)
        hashes = content_hashes(ids)
        ids = [post_id for post_id in ids if post_id in hashes]
        audit = {"source": None, "frozen": len(ids), "changed": 0, "deleted": 0, "not_visible": 0}
        rows = [FrozenContribution(generation=generation, post_id=p, content_hash=hashes[p]) for p in ids]
    FrozenContribution.objects.bulk_create(rows, batch_size=2000)
    return ids, as_of, audit
