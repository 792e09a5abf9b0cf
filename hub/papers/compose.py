"""The draft's words: its StreamField body, its methodology and its summary,
written from the figures and themes in the draft's language.

Labels are the taxonomy's names in that language (``search.labels``: the
translated rows, django-countries' names, Django's language names), so an
Arabic draft reads Arabic throughout; analysts then edit it freely.

Charts, each objective's recurring terms and its quotations are blocks that
name what they show; their rows are read from the frozen set when the page
is shown (``frozen_figures``), so the draft's editor form stays small.
"""

import uuid

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hub.core.dates import format_day
from hub.core.punctuation import join_clauses, join_list
from search.labels import Labels

from . import frozen_figures
from .figures import CITED_KINDS


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

    def chart(self, dimension, title, description, kind="bars"):
        """A chart counted by ``dimension``: it names what it counts, and the page
        reads the rows from the frozen figures when shown (``frozen_figures``);
        None when it would have no row."""
        compared = None
        if self.comparison:
            compared = frozen_figures.comparison_counts(
                self.figures, dimension, self.generation.query, self.generation.comparison_query
            )
        if not frozen_figures.chart_rows(self.figures, dimension, self.labels, compared):
            return None
        return _block(
            "paper_chart",
            {
                "title": title[:200],
                "description": description,
                "kind": kind,
                "counted_by": dimension,
                "series_label": self.series_label()[:120],
                "comparison_label": (self.comparison_label()[:120] if compared is not None else ""),
                "rows": [],
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
        timeline = self.chart(
            "month",
            _("Contributions over time"),
            _("Contributions per month, by the date they were posted."),
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
        # Objectives count voices (a campaign once): so does the whole they are a share of.
        total = self.figures.get("voices", self.figures["contributions"]) or 1
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
            # The terms of every language, and the quotations, read from the
            # frozen set when shown: one block each, whatever their number.
            if any(theme["terms"].values()):
                blocks.append(
                    _block(
                        "key_terms", {"heading": "", "objective": int(number), "language": "", "terms": []}
                    )
                )
            if theme["quotations"]:
                blocks.append(_block("objective_quotations", {"heading": "", "objective": int(number)}))
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
        if f.get("campaigns"):
            paragraphs.append(self.campaigns_counted())
        if self.comparison:
            paragraphs.append(
                ngettext(
                    "Comparison: %(filters)s (%(count)s contribution).",
                    "Comparison: %(filters)s (%(count)s contributions).",
                    f["comparison"]["contributions"],
                )
                % {
                    "filters": describe(self.comparison, self.labels),
                    "count": f["comparison"]["contributions"],
                }
            )
        audit = f.get("audit") or {}
        if audit.get("source"):
            # Two counts, two plural choices: each clause agrees with its own number.
            changed = ngettext(
                "since it was frozen, %(count)s contribution was changed",
                "since it was frozen, %(count)s contributions were changed",
                audit["changed"],
            ) % {"count": audit["changed"]}
            gone = ngettext(
                "%(count)s is no longer public",
                "%(count)s are no longer public",
                audit["not_visible"],
            ) % {"count": audit["not_visible"]}
            paragraphs.append(
                _(
                    "Generated again from the contribution set of an earlier generation: "
                    "%(changed)s and %(gone)s."
                )
                % {"changed": changed, "gone": gone}
            )
        return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)

    def campaigns_counted(self):
        """The methodology's word on campaigns: how many, their sizes, and what they count as."""
        f = self.figures
        campaigns = f["campaigns"]
        each = join_clauses(
            ngettext(
                "campaign %(number)s: %(count)s contribution",
                "campaign %(number)s: %(count)s contributions",
                campaign["in_set"],
            )
            % {"number": campaign["id"], "count": campaign["in_set"]}
            for campaign in campaigns
        )
        found = ngettext(
            "%(count)s campaign (near-identical contributions sent by different authors, found by "
            "comparing their texts; moderators may split or merge one) counts as one voice in the "
            "figures, recurring terms and quotations, through its earliest contribution",
            "%(count)s campaigns (near-identical contributions sent by different authors, found by "
            "comparing their texts; moderators may split or merge them) count as one voice each in the "
            "figures, recurring terms and quotations, through their earliest contribution",
            len(campaigns),
        ) % {"count": len(campaigns)}
        voices = ngettext(
            "the set's contributions thus make %(count)s voice",
            "the set's contributions thus make %(count)s voices",
            f["voices"],
        ) % {"count": f["voices"]}
        return _("Campaigns: %(found)s (%(each)s); %(voices)s.") % {
            "found": found,
            "each": each,
            "voices": voices,
        }

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
        shown = join_list(labels.label(name, v) for v in sorted(values, key=str))
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
    return join_clauses(parts)


def compose(generation, figures, themes, query, comparison=None):
    """(body as StreamField data, methodology HTML, summary) in the generation's language."""
    with translation.override(generation.language):
        writer = Writer(generation, figures, themes, query, comparison)
        return writer.body(), writer.methodology(), writer.summary()
