"""Blocks only analysis papers use: charts drawn as SVG, cited quotations,
key terms and the list of a paper's recommendations and pledges.

Charts and quotations hold their data in the block (editable, and
translatable through wagtail-localize); the recommendations list is read
from the paper's frozen contribution set when shown, because it may be
thousands long and must drop a contribution that has since been hidden.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

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
    series_label = blocks.CharBlock(label=_("series"), max_length=120, required=False)
    comparison_label = blocks.CharBlock(label=_("comparison series"), max_length=120, required=False)
    rows = blocks.ListBlock(ChartRowBlock(), label=_("rows"), min_num=1)

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
    """Recurring themes: the words that stand out in some contributions, per language."""

    heading = blocks.CharBlock(label=_("heading"), max_length=200, required=False)
    language = blocks.CharBlock(label=_("language"), max_length=8)
    terms = blocks.ListBlock(KeyTermBlock(), label=_("terms"), min_num=1)

    class Meta:
        icon = "tag"
        label = _("Key terms")
        template = "hub/blocks/key_terms.html"


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
    cited_contributions = CitedContributionsBlock()
