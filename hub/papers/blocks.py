"""Blocks only analysis papers use: charts drawn as SVG, cited quotations,
key terms and the list of a paper's recommendations and pledges.

A generated paper's blocks name what they show and read it from the
paper's frozen contribution set when shown (``hub.papers.frozen_figures``):
a chart "by country", the recurring terms and the quotations of one
objective, the recommendations and pledges of one objective. The editor
then posts a few fields per block, whatever the size of the set, and every
block can still be rewritten, moved or removed. A chart or a list of terms
an analyst writes by hand holds its own rows instead; a hand-written
quotation is a ``cited_quotation``. Whatever cites a contribution is
checked again when shown, so a contribution hidden since is dropped.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from hub.blocks import StoryBlock


class ChartRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=200)
    value = blocks.IntegerBlock(label=_("value"), min_value=0)
    # The same row in the paper's comparison (another region or period), if any.
    comparison_value = blocks.IntegerBlock(label=_("comparison value"), min_value=0, required=False)


class PaperChartBlock(blocks.StructBlock):
    """A chart drawn on the server as SVG, with a title, a description and
    its numbers as a table, so it reads without images and in the PDF."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    description = blocks.TextBlock(
        label=_("description"), required=False, help_text=_("What the chart shows, in a sentence.")
    )
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("bars", _("Bars")), ("timeline", _("Over time"))],
        default="bars",
    )
    counted_by = blocks.ChoiceBlock(
        label=_("counted by"),
        choices=[
            ("group", _("Stakeholder group")),
            ("country", _("Country")),
            ("language", _("Language")),
            ("type", _("Type of contribution")),
            ("objective", _("GCM objective")),
            ("month", _("Month")),
        ],
        required=False,
        help_text=_("Drawn from the paper's contribution set. Leave empty to give the rows yourself."),
    )
    series_label = blocks.CharBlock(label=_("series"), max_length=120, required=False)
    comparison_label = blocks.CharBlock(label=_("comparison series"), max_length=120, required=False)
    rows = blocks.ListBlock(ChartRowBlock(), label=_("rows"), required=False, default=[])

    def clean(self, value):
        value = super().clean(value)
        if not value.get("counted_by") and not value.get("rows"):
            raise StructBlockValidationError(
                block_errors={
                    "rows": blocks.BlockValidationError(
                        _("Give the chart's rows, or choose what it counts from the contribution set.")
                    )
                }
            )
        return value

    class Meta:
        icon = "table"
        label = _("Chart")
        template = "hub/blocks/paper_chart.html"


class CitedQuotationBlock(blocks.StructBlock):
    """Words from one contribution, citing and linking to it."""

    quote = blocks.TextBlock(label=_("quotation"))
    contribution = blocks.IntegerBlock(
        label=_("contribution"), min_value=1, help_text=_("The number of the contribution quoted.")
    )
    citation = blocks.CharBlock(
        label=_("citation"), max_length=300, required=False, help_text=_("Organisation, group, country.")
    )
    language = blocks.CharBlock(label=_("language"), max_length=8, required=False)

    class Meta:
        icon = "openquote"
        label = _("Cited quotation")
        template = "hub/blocks/cited_quotation.html"


class KeyTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("term"), max_length=100)
    count = blocks.IntegerBlock(label=_("contributions"), min_value=0)


class KeyTermsBlock(blocks.StructBlock):
    """Recurring themes: the words that stand out in some contributions, per
    language; an objective's are read from the contribution set."""

    heading = blocks.CharBlock(label=_("heading"), max_length=200, required=False)
    objective = blocks.IntegerBlock(
        label=_("objective"),
        min_value=1,
        max_value=23,
        required=False,
        help_text=_(
            "The objective whose recurring terms the contribution set gives. Empty: the terms below."
        ),
    )
    language = blocks.CharBlock(
        label=_("language"), max_length=8, required=False, help_text=_("Empty: every language.")
    )
    terms = blocks.ListBlock(KeyTermBlock(), label=_("terms"), required=False, default=[])

    def clean(self, value):
        value = super().clean(value)
        if not value.get("objective") and not value.get("terms"):
            raise StructBlockValidationError(
                block_errors={
                    "terms": blocks.BlockValidationError(
                        _("Give the terms, or the objective whose terms to show.")
                    )
                }
            )
        return value

    class Meta:
        icon = "tag"
        label = _("Key terms")
        template = "hub/blocks/key_terms.html"


class ObjectiveQuotationsBlock(blocks.StructBlock):
    """The quotations chosen for one objective when the paper was generated,
    read from the contribution set; each cites and links to its contribution."""

    heading = blocks.CharBlock(label=_("heading"), max_length=200, required=False)
    objective = blocks.IntegerBlock(label=_("objective"), min_value=1, max_value=23)

    class Meta:
        icon = "openquote"
        label = _("Quotations on an objective")
        template = "hub/blocks/objective_quotations.html"


class CitedContributionsBlock(blocks.StructBlock):
    """Every recommendation or pledge of the paper's set for one objective (or
    none: those with no objective), read from the frozen set when shown."""

    heading = blocks.CharBlock(label=_("heading"), max_length=200, required=False)
    objective = blocks.IntegerBlock(
        label=_("objective"), min_value=1, max_value=23, required=False, help_text=_("Empty: no objective.")
    )
    kinds = blocks.MultipleChoiceBlock(
        label=_("types"),
        choices=[("recommendation", _("Recommendation")), ("pledge", _("Pledge"))],
        default=["recommendation", "pledge"],
    )

    class Meta:
        icon = "list-ul"
        label = _("Recommendations and pledges")
        template = "hub/blocks/cited_contributions.html"


class PaperBlock(StoryBlock):
    """The body of an analysis paper: every story block, and the paper's own."""

    paper_chart = PaperChartBlock()
    cited_quotation = CitedQuotationBlock()
    key_terms = KeyTermsBlock()
    objective_quotations = ObjectiveQuotationsBlock()
    cited_contributions = CitedContributionsBlock()
