"""The dashboard's figures, counted in grouped statements and kept by key.

Everything is counted from a few GROUP BY statements over the contributions
the audience may read (``audience``), whatever their number: the region x
group x language x type cube (from which totals per region, per group, per
language, per type and three cross-tabulations follow), countries by region,
objectives by region, months, and the distinct organisations and authors.
The previous cycle's cube, objectives and distinct counts make its
comparison. Figures are kept by stable keys (slugs, ISO codes, objective
numbers, ``YYYY-MM``), never labels, so one cached copy serves every language.

``dashboard`` caches them (as the tables built from them).
"""

from collections import Counter
from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from forum.models import Contribution, RegionalSpace

from .selection import cycle_bounds

Objectives = Contribution.objects.model.objectives.through
REGION = "space__region__slug"
CUBE = (REGION, "stakeholder_group__slug", "language", "kind")


def _within(rows, selection, cycle, prefix=""):
    """``rows`` narrowed to the selection's regions, languages, types and ``cycle``."""
    regions = set(selection.regions)
    covered = _covered(cycle) if cycle is not None else set()
    if covered:
        # A cycle that covers some regions counts theirs only.
        regions = regions & covered if regions else covered
        if not regions:
            return rows.none()
    if regions:
        rows = rows.filter(**{f"{prefix}{REGION}__in": sorted(regions)})
    if selection.languages:
        rows = rows.filter(**{f"{prefix}language__in": selection.languages})
    if selection.types:
        rows = rows.filter(**{f"{prefix}kind__in": selection.types})
    if cycle is not None:
        start, end = cycle_bounds(cycle)
        rows = rows.filter(**{f"{prefix}post__created__gte": start, f"{prefix}post__created__lt": end})
    return rows


def _covered(cycle):
    """The slugs of the regions ``cycle`` covers (none: all)."""
    return set(cycle.regions.values_list("slug", flat=True))


def _distinct(rows):
    """Distinct organisations and authors by region, and over all (two statements).

    An author is an account; an imported contribution without one, its
    author's name (as the papers count them).
    """
    measures = {
        "organisations": Count("organisation", distinct=True, filter=~Q(organisation="")),
        "accounts": Count("post__poster_id", distinct=True),
        "names": Count("author_name", distinct=True, filter=Q(post__poster_id__isnull=True)),
    }
    by_region = {}
    for row in rows.order_by().values(REGION).annotate(**measures):
        by_region[row[REGION]] = {
            "organisations": row["organisations"],
            "authors": row["accounts"] + row["names"],
        }
    total = rows.order_by().aggregate(**measures)
    return by_region, {"organisations": total["organisations"], "authors": total["accounts"] + total["names"]}


def _cube(rows):
    return [
        (*(row[c] or "" for c in CUBE), row["n"])
        for row in rows.order_by().values(*CUBE).annotate(n=Count("pk"))
    ]


def _objectives(rows):
    links = Objectives.objects.filter(contribution__in=rows.values("pk"))
    return [
        (region, number, n)
        for region, number, n in links.order_by()
        .values_list(f"contribution__{REGION}", "gcmobjective__number")
        .annotate(n=Count("contribution_id"))
    ]


def _counted(rows):
    """What every cycle is compared on: the cube, objectives, distinct counts."""
    by_region, totals = _distinct(rows)
    return {"cube": _cube(rows), "objectives": _objectives(rows), "distinct": by_region, "totals": totals}


def count(audience, selection):
    """The figures of ``selection`` for ``audience`` (and of its previous cycle)."""
    previous = selection.previous
    visible = audience.contributions()
    rows = _within(visible, selection, selection.cycle)
    figures = _counted(rows)
    figures["countries"] = [
        (region or "", str(code or ""), n)
        for region, code, n in rows.order_by().values_list(REGION, "country__code").annotate(n=Count("pk"))
    ]
    months = Counter()
    for month, n in (
        rows.order_by()
        .annotate(month=TruncMonth("post__created"))
        .values_list("month")
        .annotate(n=Count("pk"))
    ):
        months[month.strftime("%Y-%m")] += n
    figures["months"] = dict(months)
    figures["previous"] = _counted(_within(visible, selection, previous)) if previous is not None else None
    figures["covered"] = sorted(_covered(selection.cycle)) if selection.cycle is not None else []
    if audience.staff:
        figures["waiting"] = _waiting(audience, selection)
    return figures


def _waiting(audience, selection):
    """Contributions held for moderation, by space, in the spaces the reader moderates."""
    held = Contribution.objects.filter(post__topic__forum_id__in=audience.moderated_forum_ids).filter(
        Q(post__approved=False) | Q(post__topic__approved=False)
    )
    held = _within(held, selection, None)
    counted = dict(held.order_by().values_list(REGION).annotate(n=Count("pk")))
    spaces = RegionalSpace.objects.filter(forum_id__in=audience.moderated_forum_ids).values_list(
        "region__slug", flat=True
    )
    return {
        slug: counted.get(slug, 0) for slug in spaces if not selection.regions or slug in selection.regions
    }


def month_bounds(month):
    """The first and last day of ``YYYY-MM``."""
    first = date(int(month[:4]), int(month[5:]), 1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, following - timedelta(days=1)
