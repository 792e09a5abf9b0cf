"""Participation figures and coverage gaps of a frozen contribution set.

Everything is counted in SQL (GROUP BY per dimension, a dozen statements
for every 5,000 contributions, never one per contribution) and kept with
stable keys — stakeholder group slugs, ISO country codes, language codes,
type slugs, objective numbers (as text: JSON keys), months as YYYY-MM — so
``PaperGeneration.figures`` reads the same in any language and can be
checked against the database later.

A contribution counts once per dimension value; one with two objectives
counts for both (so the objective counts add up to more than the total).
"""

import math
from collections import Counter
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth

from forum.models import Contribution
from hub.core.batches import batches
from hub.models import Country, StakeholderGroup
from hub.taxonomy import data as taxonomy_data

from .freeze import CHUNK

Objectives = Contribution.objectives.through
OBJECTIVES = range(1, 24)
CITED_KINDS = ("recommendation", "pledge")
# "Few": at most this share of the contributions (and at least one).
FEW_SHARE = 0.02
DIMENSIONS = {
    "group": "stakeholder_group__slug",
    "country": "country__code",
    "language": "language",
    "type": "kind",
}


def few_threshold(total):
    return max(1, math.floor(total * FEW_SHARE))


def _month(value):
    return value.strftime("%Y-%m") if value else None


def _months_between(first, last):
    year, month = int(first[:4]), int(first[5:])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _sorted(counter):
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def count(post_ids):
    """The participation figures of the contributions ``post_ids``."""
    total = 0
    by = {name: Counter() for name in DIMENSIONS}
    objectives, months = Counter(), Counter()
    with_objective = 0
    cited, cited_without = Counter(), 0
    organisations, authors = set(), set()
    first = last = None
    for chunk in batches(post_ids, CHUNK):
        rows = Contribution.objects.filter(post_id__in=chunk)
        total += rows.count()
        for name, column in DIMENSIONS.items():
            for value, n in rows.order_by().values_list(column).annotate(n=Count("pk")):
                by[name][value or ""] += n
        links = Objectives.objects.filter(contribution_id__in=chunk)
        for number, n in (
            links.order_by()
            .values_list("gcmobjective__number")
            .annotate(n=Count("contribution_id", distinct=True))
        ):
            objectives[str(number)] += n
        with_objective += links.values("contribution_id").distinct().count()
        # Recommendations and pledges by objective: what the paper lists with citations.
        listed = links.filter(contribution__kind__in=CITED_KINDS)
        for number, n in (
            listed.order_by()
            .values_list("gcmobjective__number")
            .annotate(n=Count("contribution_id", distinct=True))
        ):
            cited[str(number)] += n
        cited_without += (
            rows.filter(kind__in=CITED_KINDS).exclude(post_id__in=links.values("contribution_id")).count()
        )
        for month, n in (
            rows.order_by()
            .annotate(month=TruncMonth("post__created"))
            .values_list("month")
            .annotate(n=Count("pk"))
        ):
            months[_month(month)] += n
        organisations.update(
            rows.exclude(organisation="").order_by().values_list("organisation", flat=True).distinct()
        )
        # An author is an account; an imported contribution without one, its author's name.
        for poster, name in rows.order_by().values_list("post__poster_id", "author_name").distinct():
            authors.add(("account", poster) if poster else ("name", name))
    unspecified = {name: by[name].pop("", 0) for name in ("group", "country")}
    unspecified["objective"] = total - with_objective
    if months:
        first, last = min(months), max(months)
        months = {month: months.get(month, 0) for month in _months_between(first, last)}
    return {
        "contributions": total,
        "organisations": len(organisations),
        "authors": len(authors),
        "by_group": _sorted(by["group"]),
        "by_country": _sorted(by["country"]),
        "by_language": _sorted(by["language"]),
        "by_type": _sorted(by["type"]),
        "by_objective": _sorted(objectives),
        "by_month": dict(months),
        "unspecified": unspecified,
        "cited_by_objective": _sorted(cited),
        "cited_without_objective": cited_without,
    }


def region_countries(region_slug):
    """ISO codes of the region's member states (the taxonomy's, or its data file's)."""
    codes = sorted(
        str(c) for c in Country.objects.filter(region__slug=region_slug).values_list("code", flat=True)
    )
    return codes or sorted(taxonomy_data.COUNTRIES_BY_REGION.get(region_slug, ()))


def stakeholder_groups():
    """Slugs of the stakeholder groups list, in its order."""
    slugs = list(StakeholderGroup.objects.in_default_locale().values_list("slug", flat=True))
    return slugs or [entry["slug"] for entry in taxonomy_data.STAKEHOLDER_GROUPS]


def gaps(figures, region_slug):
    """Who is missing: objectives and stakeholder groups with no or few
    contributions, and the region's member states with none."""
    few = few_threshold(figures["contributions"])
    by_objective, by_group, by_country = figures["by_objective"], figures["by_group"], figures["by_country"]
    groups = stakeholder_groups()
    return {
        "few_threshold": few,
        "objectives_none": [n for n in OBJECTIVES if not by_objective.get(str(n))],
        "objectives_few": [n for n in OBJECTIVES if 0 < by_objective.get(str(n), 0) <= few],
        "groups_none": [slug for slug in groups if not by_group.get(slug)],
        "groups_few": [slug for slug in groups if 0 < by_group.get(slug, 0) <= few],
        "countries_none": [code for code in region_countries(region_slug) if not by_country.get(code)],
        "countries_from_elsewhere": sorted(
            code for code in by_country if code not in set(region_countries(region_slug))
        ),
    }


def all_figures(post_ids, region_slug, *, comparison_ids=None, as_of=None, audit=None):
    """Everything ``PaperGeneration.figures`` keeps."""
    figures = count(post_ids)
    figures["gaps"] = gaps(figures, region_slug)
    figures["region"] = region_slug
    if as_of is not None:
        figures["as_of"] = as_of.isoformat() if isinstance(as_of, date) else str(as_of)
    if comparison_ids is not None:
        figures["comparison"] = count(comparison_ids)
    if audit is not None:
        figures["audit"] = audit
    return figures
