"""Writing a contribution's metadata next to its machina post."""

from wagtail.models import Locale

from hub.taxonomy.models import GcmObjective

from ..models import Contribution, Reclassification, StakeholderProfile
from ..profiles.names import public_name

# The fields whose change by someone other than the author is logged.
CLASSIFICATION_FIELDS = ("kind", "objectives", "language")


def default_locale_row(term):
    """The English row of a taxonomy term: the one contributions point to."""
    if term is None:
        return None
    default = Locale.get_default()
    if term.locale_id == default.pk:
        return term
    return type(term).objects.filter(translation_key=term.translation_key, locale=default).first() or term


def objectives_by_number(numbers):
    return list(GcmObjective.objects.in_default_locale().filter(number__in=numbers).order_by("number"))


def author_snapshot(post):
    """The post's author as their profile describes them now.

    Copied into the contribution once, when it is first saved: editing the
    profile later must not rewrite what earlier contributions say. Taken from
    the poster, not from whoever saves (a moderator may be the first to
    classify a post that predates its contribution).
    """
    poster = post.poster
    profile = None
    if poster is not None:
        profile = (
            StakeholderProfile.objects.filter(user=poster).select_related("stakeholder_group", "user").first()
        )
    if profile is None:
        name = public_name(poster) if poster is not None else (post.username or "")
        return {"author_name": name[:100], "organisation": "", "stakeholder_group": None, "country": None}
    return {
        "author_name": public_name(profile.user)[:100],  # the profile's user carries it: no query
        "organisation": profile.organisation,
        "stakeholder_group": default_locale_row(profile.stakeholder_group),
        "country_id": profile.country_id,
    }


def classification(contribution):
    """What re-classification compares: slugs, objective numbers and codes."""
    return {
        "kind": contribution.kind,
        "objectives": sorted(o.number for o in contribution.objectives.all()),
        "language": contribution.language,
    }


def save_contribution(post, space, *, user, kind, objective_numbers, language, language_detected):
    """Create or update the contribution of ``post``; log a re-classification
    when ``user`` is not its author. Returns the contribution."""
    contribution = Contribution.objects.filter(post=post).first()
    before = classification(contribution) if contribution else None
    if contribution is None:
        contribution = Contribution(post=post, space=space, **author_snapshot(post))
    contribution.kind = kind
    contribution.language = language
    contribution.language_detected = language_detected
    contribution.save()
    contribution.objectives.set(objectives_by_number(objective_numbers))

    is_author = user.is_authenticated and post.poster_id == user.pk
    if before is not None and not is_author:
        after = classification(contribution)
        changes = {
            field: {"before": before[field], "after": after[field]}
            for field in CLASSIFICATION_FIELDS
            if before[field] != after[field]
        }
        if changes:
            Reclassification.objects.create(contribution=contribution, changed_by=user, changes=changes)
    return contribution
