"""What the dashboard's reader asks for, read from the address and written back.

    region    a region's slug (repeat for several; none: all five)
    cycle     a review cycle's slug, or "all" for every date (absent: the
              current cycle, else the latest one that has begun)
    language  a contribution language (repeat for several)
    type      a contribution type (repeat for several)

As the search's parameters, bad values never raise: they are dropped and
reported in ``errors``, in the reader's language, so a mistyped link still
shows a dashboard.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.models import ContributionKind
from hub.models import Region, ReviewCycle

ALL_CYCLES = "all"
MAX_VALUES = 20


@dataclass(frozen=True)
class Selection:
    regions: tuple = ()
    cycle: ReviewCycle | None = None
    languages: tuple = ()
    types: tuple = ()
    # The cycle before ``cycle``, which the dashboard compares it with.
    previous: ReviewCycle | None = None

    @property
    def key(self):
        """What the figures depend on, for the cache."""
        cycles = [(c.slug, c.starts, c.ends) if c else None for c in (self.cycle, self.previous)]
        return (self.regions, *cycles, self.languages, self.types)

    def params(self, **changes):
        """The address's parameters (pairs for urlencode), with ``changes``."""
        values = {
            "region": list(self.regions),
            "cycle": [self.cycle.slug if self.cycle else ALL_CYCLES],
            "language": list(self.languages),
            "type": list(self.types),
        }
        values.update({name: list(value) for name, value in changes.items()})
        return [(name, value) for name, items in values.items() for value in items]


def day_start(day):
    """The instant ``day`` begins: days are UTC days, as the search's dates."""
    return datetime.combine(day, time.min, tzinfo=UTC)


def default_cycle(cycles):
    """The cycle holding today, else the latest that has begun, else the first."""
    today = timezone.now().date()
    begun = [c for c in cycles if c.starts <= today]
    for cycle in begun:
        if cycle.ends >= today:
            return cycle
    return begun[-1] if begun else (cycles[0] if cycles else None)


def _values(params, name):
    return [v.strip() for v in params.getlist(name)[:MAX_VALUES] if v.strip()]


def choices():
    """What may be chosen: the regions' slugs and the cycles (cached by the caller)."""
    return {
        "regions": list(Region.objects.in_default_locale().values_list("slug", flat=True)),
        "cycles": list(ReviewCycle.objects.all()),
    }


def read(params, known=None):
    """(Selection, errors) from a QueryDict (``known``: ``choices()``)."""
    errors = []
    known = known or choices()
    region_slugs = set(known["regions"])
    cycles = known["cycles"]
    languages = {code for code, _name in settings.LANGUAGES}
    types = set(ContributionKind.values)

    def chosen(name, known, label):
        picked = []
        for value in _values(params, name):
            if value in known:
                picked.append(value)
            else:
                errors.append(
                    _("“%(value)s” is not a valid value for %(name)s; that filter was ignored.")
                    % {"value": value[:40], "name": label}
                )
        return tuple(sorted(set(picked)))

    regions = chosen("region", region_slugs, _("region"))
    languages = chosen("language", languages, _("language"))
    kinds = chosen("type", types, _("contribution type"))
    asked = (_values(params, "cycle") or [""])[-1]
    if asked == ALL_CYCLES:
        cycle = None
    elif asked:
        cycle = next((c for c in cycles if c.slug == asked), None)
        if cycle is None:
            errors.append(
                _("“%(value)s” is not a review cycle; the current one is shown.") % {"value": asked[:40]}
            )
            cycle = default_cycle(cycles)
    else:
        cycle = default_cycle(cycles)
    previous = None
    if cycle is not None:
        before = [c for c in cycles if c.ends < cycle.starts]
        previous = before[-1] if before else None
    return Selection(regions, cycle, languages, kinds, previous), errors
