"""What a paper's blocks read from its frozen contribution set when shown.

A generated paper's charts, recurring terms and chosen quotations are the
figures and themes its generation counted on the frozen set
(``PaperGeneration.figures``), not copies in the page's body: a block names
what it shows (a chart "by country", the terms and quotations of objective
6) and the rows are read here, at render time, on the page, in the PDF and
in the admin's preview. So the editor posts the same few fields for a paper
resting on ten contributions or ten thousand, and an analyst still
rewrites, reorders or removes every block.

The rows' labels are the taxonomy's names in the active language (the
page's: ``search.labels``). Which rows a chart keeps and in which order is
decided here only: the draft's writer (``compose``) asks the same function
whether a chart would have any.
"""

from hub.core.punctuation import join_list
from hub.models import PaperGeneration
from search.labels import Labels

from .freeze import QueryError, parse_query

CHART_ROWS = 40  # a chart with more rows keeps the biggest ones (the rest is in the figures)
DIMENSIONS = ("group", "country", "language", "type", "objective", "month")


def comparison_counts(figures, dimension, query_params, comparison_params):
    """The comparison's counts for ``dimension``, or None when the paper compares
    nothing there (no comparison; or countries of another region, which
    side by side compare nothing)."""
    compared = (figures.get("comparison") or {}).get(f"by_{dimension}")
    if compared is None or not comparison_params:
        return None
    if dimension == "country":
        try:
            if parse_query(query_params).regions != parse_query(comparison_params).regions:
                return None
        except QueryError:
            return None
    return compared


def chart_rows(figures, dimension, labels, compared=None):
    """[{label, value, comparison_value}] of a chart of ``figures`` by ``dimension``."""
    counts = figures.get(f"by_{dimension}") or {}
    if dimension == "month":
        keys = sorted(set(counts) | set(compared or ())) if compared is not None else list(counts)
    else:
        keys = list(counts) + [key for key in (compared or {}) if key not in counts]
        keys.sort(key=lambda k: (-counts.get(k, 0), -(compared or {}).get(k, 0), str(k)))
        keys = keys[:CHART_ROWS]
    return [
        {
            "label": (key if dimension == "month" else labels.label(dimension, key))[:200],
            "value": counts.get(key, 0),
            "comparison_value": compared.get(key, 0) if compared is not None else None,
        }
        for key in keys
    ]


class FrozenFigures:
    """One page's generation figures, read once per rendering (kept on the page)."""

    def __init__(self, page):
        self.page = page
        self._generation = None
        self._labels = None

    @classmethod
    def for_page(cls, page):
        cached = page.__dict__.get("_frozen_figures")
        if cached is None:
            cached = page.__dict__["_frozen_figures"] = cls(page)
        return cached

    @property
    def generation(self):
        if self._generation is None:
            generation_id = getattr(self.page, "generation_id", None)

            found = PaperGeneration.objects.filter(pk=generation_id).first() if generation_id else None
            self._generation = found or False
        return self._generation or None

    @property
    def figures(self):
        generation = self.generation
        return (generation.figures or {}) if generation else {}

    @property
    def labels(self):
        if self._labels is None:
            self._labels = Labels({})
        return self._labels

    def chart_rows(self, dimension):
        """A chart's rows from the frozen figures ([] when the page has none)."""
        if dimension not in DIMENSIONS or f"by_{dimension}" not in self.figures:
            return []
        generation = self.generation
        compared = comparison_counts(self.figures, dimension, generation.query, generation.comparison_query)
        return chart_rows(self.figures, dimension, self.labels, compared)

    def _theme(self, objective):
        if not objective:
            return {}
        return (self.figures.get("themes") or {}).get(str(int(objective))) or {}

    def terms(self, objective, language=""):
        """[(language, [(term, count), …])] of an objective, one language or each."""
        found = (self._theme(objective).get("terms") or {}).items()
        return [
            (code, [(term, count) for term, count in terms])
            for code, terms in found
            if terms and (not language or code == language)
        ]

    def quotations(self, objective):
        """The quotations chosen for an objective when the paper was generated, as
        ``CitedQuotationBlock`` values (citations named in the active language)."""
        return [quotation_value(q, self.labels) for q in self._theme(objective).get("quotations") or ()]

    def quoted_ids(self, objectives):
        return {int(q["post"]) for number in objectives for q in self._theme(number).get("quotations") or ()}


def quotation_value(quotation, labels):
    """A theme's quotation as a ``CitedQuotationBlock`` value: its words, the
    contribution, and who said it (organisation, group, country)."""
    parts = [
        quotation.get("organisation") or "",
        labels.label("group", quotation["group"]) if quotation.get("group") else "",
        labels.label("country", quotation["country"]) if quotation.get("country") else "",
    ]
    return {
        "quote": quotation["quote"],
        "contribution": quotation["post"],
        "citation": join_list(p for p in parts if p)[:300],
        "language": quotation.get("language") or "",
    }
