"""The draft's words: its StreamField body, its methodology and its summary,
written from the figures and themes in the draft's language.

Labels are the taxonomy's names in that language (``search.labels``: the
translated rows, django-countries' names, Django's language names), so an
Arabic draft reads Arabic throughout; analysts then edit it freely.
"""

import uuid

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hub.dates import format_day
from search.labels import Labels

from .figures import CITED_KINDS

CHART_ROWS = 40  # a chart with more rows keeps the biggest ones (the rest is in the figures)


def _block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _items(values):
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def _paragraph(*sentences):
    return _block("paragraph", "".join(f"<p>{escape(s)}</p>" for s in sentences if s))


def _list(items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


class Writer:
    def __init__(self, generation, figures, themes, query, comparison):
        self.generation, self.figures, self.themes = generation, figures, themes
        self.query, self.comparison = query, comparison
        self.labels = Labels({})
        self.region = figures["region"]

    # ------------------------------------------------------------------ helpers

    def label(self, dimension, key):
        return self.labels.label(dimension, key)

    def objective_name(self, number):
        return self.label("objective", number)

    def day(self, value):
        return format_day(value)

    def chart(self, dimension, title, description, key_order=None, kind="bars"):
        counts = self.figures[f"by_{dimension}"]
        compared = self.figures.get("comparison", {}).get(f"by_{dimension}") if self.comparison else None
        if dimension == "country" and self.comparison and self.comparison.regions != self.query.regions:
            # Another region has other member states: side by side they compare nothing.
            compared = None
        keys = list(key_order) if key_order is not None else list(counts)
        if compared and key_order is None:
            keys += [key for key in compared if key not in counts]
        if key_order is None:
            keys.sort(key=lambda k: (-counts.get(k, 0), -(compared or {}).get(k, 0), str(k)))
            keys = keys[:CHART_ROWS]
        if not keys:
            return None
        rows = []
        for key in keys:
            row = {
                "label": (key if dimension == "month" else self.label(dimension, key))[:200],
                "value": counts.get(key, 0),
            }
            row["comparison_value"] = compared.get(key, 0) if compared is not None else None
            rows.append(row)
        return _block(
            "paper_chart",
            {
                "title": title[:200],
                "description": description,
                "kind": kind,
                "series_label": self.series_label()[:120],
                "comparison_label": (self.comparison_label()[:120] if compared is not None else ""),
                "rows": _items(rows),
            },
        )

    def series_label(self):
        return describe(self.query, self.labels, short=True)

    def comparison_label(self):
        return describe(self.comparison, self.labels, short=True)

    # ------------------------------------------------------------------ sections

    def key_figures(self):
        f = self.figures
        figures = [
            (f["contributions"], _("contributions")),
            (f["organisations"], _("organisations")),
            (f["authors"], _("authors")),
            (len(f["by_country"]), _("countries")),
            (len(f["by_group"]), _("stakeholder groups")),
            (len(f["by_objective"]), _("GCM objectives addressed")),
        ]
        return [
            _block("heading", _("Key figures")),
            _block(
                "key_figures",
                {
                    "heading": "",
                    "figures": _items({"figure": str(n), "label": label} for n, label in figures),
                },
            ),
            _paragraph(
                ngettext(
                    "This paper rests on %(count)s contribution that anyone could read in the discussion "
                    "space as of %(date)s.",
                    "This paper rests on %(count)s contributions that anyone could read in the discussion "
                    "space as of %(date)s.",
                    f["contributions"],
                )
                % {"count": f["contributions"], "date": self.day(self.generation.as_of.date())}
            ),
        ]

    def participation(self):
        blocks = [_block("heading", _("Who took part"))]
        charts = [
            ("group", _("Contributions by stakeholder group"), _("How many contributions each group made.")),
            ("country", _("Contributions by country"), _("How many contributions came from each country.")),
            ("language", _("Contributions by language"), _("The languages contributions were written in.")),
            ("type", _("Contributions by type"), _("Comments, recommendations, good practices and more.")),
        ]
        for dimension, title, description in charts:
            block = self.chart(dimension, title, description)
            if block:
                blocks.append(block)
        objectives = self.chart(
            "objective",
            _("Contributions by GCM objective"),
            _("A contribution may address several objectives; it counts for each."),
        )
        if objectives:
            blocks.append(objectives)
        months = list(self.figures["by_month"])
        if self.comparison and self.figures.get("comparison"):
            months = sorted(set(months) | set(self.figures["comparison"]["by_month"]))
        timeline = self.chart(
            "month",
            _("Contributions over time"),
            _("Contributions per month, by the date they were posted."),
            key_order=months,
            kind="timeline",
        )
        if timeline:
            blocks.append(timeline)
        return blocks

    def missing(self):
        gaps = self.figures["gaps"]
        few = gaps["few_threshold"]
        parts = []
        if gaps["groups_none"]:
            parts.append(
                "<p>"
                + escape(_("Stakeholder groups with no contribution:"))
                + "</p>"
                + _list(self.label("group", slug) for slug in gaps["groups_none"])
            )
        if gaps["groups_few"]:
            parts.append(
                "<p>"
                + escape(
                    ngettext(
                        "Stakeholder groups with at most %(count)s contribution:",
                        "Stakeholder groups with at most %(count)s contributions:",
                        few,
                    )
                    % {"count": few}
                )
                + "</p>"
                + _list(self.label("group", slug) for slug in gaps["groups_few"])
            )
        if gaps["objectives_none"]:
            parts.append(
                "<p>"
                + escape(_("GCM objectives no contribution addressed:"))
                + "</p>"
                + _list(self.objective_name(n) for n in gaps["objectives_none"])
            )
        if gaps["objectives_few"]:
            parts.append(
                "<p>"
                + escape(
                    ngettext(
                        "GCM objectives addressed by at most %(count)s contribution:",
                        "GCM objectives addressed by at most %(count)s contributions:",
                        few,
                    )
                    % {"count": few}
                )
                + "</p>"
                + _list(self.objective_name(n) for n in gaps["objectives_few"])
            )
        if gaps["countries_none"]:
            parts.append(
                "<p>"
                + escape(
                    _("Member states of %(region)s from which no contribution came:")
                    % {"region": self.label("region", self.region)}
                )
                + "</p>"
                + _list(sorted(self.label("country", code) for code in gaps["countries_none"]))
            )
        if not parts:
            parts.append(
                "<p>" + escape(_("Every stakeholder group, objective and member state took part.")) + "</p>"
            )
        return [_block("heading", _("Who is missing")), _block("paragraph", "".join(parts))]

    def objectives(self):
        blocks = []
        total = self.figures["contributions"] or 1
        cited = self.figures["cited_by_objective"]
        for number, n in sorted(self.figures["by_objective"].items(), key=lambda item: int(item[0])):
            theme = self.themes.get(number, {"terms": {}, "quotations": []})
            blocks.append(_block("heading", self.objective_name(number)[:160]))
            blocks.append(
                _paragraph(
                    ngettext(
                        "%(count)s contribution (%(share)s%% of all) addressed this objective.",
                        "%(count)s contributions (%(share)s%% of all) addressed this objective.",
                        n,
                    )
                    % {"count": n, "share": round(100 * n / total)}
                )
            )
            for language, terms in theme["terms"].items():
                blocks.append(
                    _block(
                        "key_terms",
                        {
                            "heading": (
                                _("Recurring terms in %(language)s")
                                % {"language": self.label("language", language)}
                            )[:200],
                            "language": language,
                            "terms": _items({"term": term[:100], "count": count} for term, count in terms),
                        },
                    )
                )
            for quotation in theme["quotations"]:
                blocks.append(_block("cited_quotation", self.quotation(quotation)))
            if cited.get(number):
                blocks.append(
                    _block(
                        "cited_contributions",
                        {
                            "heading": _("Recommendations and pledges on this objective"),
                            "objective": int(number),
                            "kinds": list(CITED_KINDS),
                        },
                    )
                )
        if self.figures["cited_without_objective"]:
            blocks.append(_block("heading", _("Recommendations and pledges without an objective")))
            blocks.append(
                _block(
                    "cited_contributions",
                    {
                        "heading": _("Recommendations and pledges that name no GCM objective"),
                        "objective": None,
                        "kinds": list(CITED_KINDS),
                    },
                )
            )
        return blocks

    def quotation(self, quotation):
        parts = [
            quotation["organisation"],
            self.label("group", quotation["group"]) if quotation["group"] else "",
            self.label("country", quotation["country"]) if quotation["country"] else "",
        ]
        return {
            "quote": quotation["quote"],
            "contribution": quotation["post"],
            "citation": ", ".join(p for p in parts if p)[:300],
            "language": quotation["language"],
        }

    def body(self):
        return [*self.key_figures(), *self.participation(), *self.missing(), *self.objectives()]

    # ------------------------------------------------------------------ methodology

    def methodology(self):
        f, generation = self.figures, self.generation
        paragraphs = [
            _(
                "What was counted: the contributions (comments, recommendations, good practices, reports, "
                "pledges and questions) that anyone could read, that is approved posts in approved topics of "
                "public discussion spaces, selected by the search described below."
            ),
            _("When: the set was frozen on %(date)s; later contributions are not counted.")
            % {"date": self.day(generation.as_of.date())},
            _("Search: %(filters)s.") % {"filters": describe(self.query, self.labels)},
            ngettext(
                "The set holds %(count)s contribution. Each is recorded with a fingerprint (SHA-256) of its "
                "text and details, so the paper can be checked and generated again from the same set.",
                "The set holds %(count)s contributions. Each is recorded with a fingerprint (SHA-256) of its "
                "text and details, so the paper can be checked and generated again from the same set.",
                f["contributions"],
            )
            % {"count": f["contributions"]},
            _(
                "Organisations are counted by their name as given; authors by their account, or by their "
                "name for contributions imported without one. A contribution addressing several objectives "
                "counts for each. “Few” means at most %(few)s contributions."
            )
            % {"few": f["gaps"]["few_threshold"]},
            _(
                "Recurring terms: the words of each objective's contributions, analysed as the search "
                "analyses them (so forms of one word count together), leaving out function words such as "
                "“between” or “still”, weighted by the number of the "
                "objective's contributions using them and by how rare they are in the whole set; each is "
                "shown in its most frequent form."
            ),
            _(
                "Quotations: for each objective, up to three sentences from contributions holding most of "
                "its recurring terms, preferring stakeholder groups and countries not yet quoted; each cites "
                "and links to its contribution."
            ),
        ]
        if self.comparison:
            paragraphs.append(
                _("Comparison: %(filters)s (%(count)s contributions).")
                % {
                    "filters": describe(self.comparison, self.labels),
                    "count": f["comparison"]["contributions"],
                }
            )
        audit = f.get("audit") or {}
        if audit.get("source"):
            paragraphs.append(
                _(
                    "Generated again from the contribution set of an earlier generation: since it was "
                    "frozen, %(changed)s contributions were changed and %(gone)s are no longer public."
                )
                % {"changed": audit["changed"], "gone": audit["not_visible"]}
            )
        return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)

    def summary(self):
        # The page states "based on N contributions, as of DATE" beside the
        # summary already (from the page's fields); the summary says what is inside.
        return _(
            "Who took part, who is missing, and what the contributions said about each GCM objective: "
            "recurring themes, quotations, and every recommendation and pledge."
        )


def describe(query, labels, short=False):
    """A search's filters in words, e.g. "Arab States; from 1 January 2024; objectives: …"."""
    parts = []
    names = {
        "region": _("region"),
        "objective": _("objectives"),
        "group": _("stakeholder groups"),
        "country": _("countries"),
        "language": _("languages"),
        "type": _("types"),
        "topic": _("topics"),
    }
    for name, values in query.filters().items():
        shown = ", ".join(labels.label(name, v) for v in sorted(values, key=str))
        parts.append(shown if (short and name == "region") else f"{names[name]}: {shown}")
    if query.date_from:
        parts.append(_("from %(date)s") % {"date": format_day(query.date_from)})
    if query.date_to:
        parts.append(_("until %(date)s") % {"date": format_day(query.date_to)})
    if query.text:
        parts.append(_("words: “%(text)s”") % {"text": query.text})
    if query.has_attachment is not None:
        parts.append(labels.label("has_attachment", "true" if query.has_attachment else "false"))
    if not parts:
        return _("all contributions")
    return "; ".join(parts)


def compose(generation, figures, themes, query, comparison=None):
    """(body as StreamField data, methodology HTML, summary) in the generation's language."""
    with translation.override(generation.language):
        writer = Writer(generation, figures, themes, query, comparison)
        return writer.body(), writer.methodology(), writer.summary()
