"""One dashboard, as the page, the CSV downloads and the API ask for it.

Everything it shows is cached under the pages stamp (``search.stamp``),
which database triggers renew on any change to any table a public page
shows — a post approved, a space's permissions, a cycle's dates — so a
cached copy is never stale, in any process, with either search backend. The
stamp is read once per request; under it are kept the filters' choices (per
language) and the built tables with their charts (per language, audience
and selection). A busy day's dashboard then costs the stamp, the reader's
readable forums and the page's frame.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import translation

from hub.models import Region
from search.stamp import PAGES, cache_key

from . import charts, counts, selection, tables

CACHE_SECONDS = 3600
# Bumped when what is cached changes shape.
VERSION = 1


@dataclass
class Dashboard:
    selection: selection.Selection
    errors: list
    # [(Table, Chart or None)], in the page's order.
    figures: list
    # The filter form's choices in the active language.
    filters: dict

    @property
    def tables(self):
        return [table for table, _chart in self.figures]

    def table(self, table_id):
        return next((table for table in self.tables if table.id == table_id), None)


def _key(base, *parts):
    return base + ":" + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


def _choices(base, language):
    key = _key(base, "choices", language)
    cached = cache.get(key)
    if cached is None:
        cached = selection.choices()
        cached["region_names"] = dict(Region.objects.in_active_locale().values_list("slug", "name"))
        cache.set(key, cached, CACHE_SECONDS)
    return cached


def build(params, audience, *, with_charts=True, before_counting=None):
    """The dashboard ``params`` (a QueryDict) ask for, as ``audience`` counts it.

    ``before_counting`` is called when the figures must be counted (not
    cached): the pages use it to limit how often a reader may make the
    database count, which a request with new filters does.
    """
    language = translation.get_language() or "en"
    base = cache_key(PAGES, "participation", VERSION)
    known = _choices(base, language)
    chosen, errors = selection.read(params, known)
    key = _key(base, "figures", language, with_charts, audience.key, chosen.key)
    figures = cache.get(key)
    if figures is None:
        if before_counting is not None:
            before_counting()
        built = tables.build(counts.count(audience, chosen), chosen)
        figures = [(table, charts.chart_for(table, language) if with_charts else None) for table in built]
        cache.set(key, figures, CACHE_SECONDS)
    return Dashboard(chosen, errors, figures, _filters(known, chosen))


def _filters(known, chosen):
    """The filter form's choices, each with whether it is chosen."""
    names, cycles = known["region_names"], known["cycles"]
    current = chosen.cycle.slug if chosen.cycle is not None else None
    return {
        "regions": [(slug, names.get(slug, slug), slug in chosen.regions) for slug in known["regions"]],
        "cycles": [(c.slug, c.name, c.slug == current) for c in cycles],
        "all_cycles": chosen.cycle is None,
        "languages": [
            (code, translation.get_language_info(code)["name_translated"], code in chosen.languages)
            for code in ("ar", "en", "fr")
        ],
        "types": [(value, label, value in chosen.types) for value, label in tables.TYPES],
    }
