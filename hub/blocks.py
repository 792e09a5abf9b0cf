"""StreamField blocks editors compose pages from.

Each block carries a ``preview_value`` so the block picker in the editor
shows what it will look like before an editor fills it in.
"""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("figure"), max_length=20, help_text=_('For example "200+" or "18".'))
    label = blocks.CharBlock(label=_("what it counts"), max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    """A row of headline numbers, e.g. participants and interventions after a review."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("figures"), min_num=1)

    class Meta:
        icon = "pick"
        label = _("Key figures")
        template = "hub/blocks/key_figures.html"
        description = _("Headline numbers shown side by side.")
        preview_value = {
            "heading": "The 2021 consultation in figures",
            "figures": [
                {"figure": "200+", "label": "participants"},
                {"figure": "25+", "label": "stakeholder speakers"},
                {"figure": "133", "label": "survey responses"},
            ],
        }


class GuidingQuestionsBlock(blocks.StructBlock):
    """Questions a session puts to participants; contributions answer them."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=160)
    questions = blocks.ListBlock(blocks.CharBlock(max_length=500), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Guiding questions")
        template = "hub/blocks/guiding_questions.html"
        description = _("The questions a session asks participants to answer.")
        preview_value = {
            "heading": "Guiding questions",
            "questions": [
                "Which practices have widened regular pathways in your country?",
                "What gaps remain, and what would close them?",
            ],
        }


class AgendaSessionBlock(blocks.StructBlock):
    start = blocks.TimeBlock(label=_("starts"))
    end = blocks.TimeBlock(label=_("ends"))
    title = blocks.CharBlock(label=_("title"), max_length=250)
    speakers = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("speakers"), required=False, default=[]
    )
    description = blocks.TextBlock(label=_("description"), required=False)
    guiding_questions = blocks.ListBlock(
        blocks.CharBlock(max_length=500), label=_("guiding questions"), required=False, default=[]
    )

    def clean(self, value):
        value = super().clean(value)
        if value["start"] and value["end"] and value["end"] <= value["start"]:
            raise blocks.StructBlockValidationError(
                block_errors={"end": blocks.BlockValidationError(_("A session must end after it starts."))}
            )
        return value


class AgendaBlock(blocks.StructBlock):
    """A day's programme; each session shows its time range and length in minutes."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=160)
    day = blocks.DateBlock(label=_("day"), required=False)
    sessions = blocks.ListBlock(AgendaSessionBlock(), label=_("sessions"), min_num=1)

    class Meta:
        icon = "time"
        label = _("Agenda")
        template = "hub/blocks/agenda.html"
        description = _("Sessions with their times, speakers and guiding questions.")
        preview_value = {
            "heading": "Programme",
            "sessions": [
                {"start": datetime.time(9, 0), "end": datetime.time(9, 45), "title": "Opening"},
                {
                    "start": datetime.time(10, 30),
                    "end": datetime.time(12, 30),
                    "title": "High-level plenary",
                },
            ],
        }


class CallToActionBlock(blocks.StructBlock):
    """One prominent next step: register, contribute, read the paper."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": blocks.BlockValidationError(_("Choose a page or give an address."))}
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "hub/blocks/call_to_action.html"
        description = _("A highlighted invitation with one button.")
        preview_value = {
            "title": "Have your say",
            "text": "Post your recommendations in your region's discussion space.",
            "button_label": "Contribute",
            "url": "https://example.org/",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("label"), required=False, max_length=200)


class DocumentLinksBlock(blocks.StructBlock):
    """Downloadable materials: concept notes, agendas, reports."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=160)
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("documents"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Documents")
        template = "hub/blocks/document_links.html"
        description = _("A list of files to download.")


class QuotationBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=200)
    role = blocks.CharBlock(label=_("their role"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "hub/blocks/quotation.html"
        description = _("Words of a participant, with who they are.")
        preview_value = {
            "quote": "Regular pathways protect people better than any wall.",
            "attribution": "A trade-union delegate",
            "role": "Multi-stakeholder consultation",
        }


class ChartBarBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=120)
    value = blocks.DecimalBlock(label=_("value"), min_value=0, decimal_places=1)


class BarChartBlock(blocks.StructBlock):
    """A horizontal bar chart drawn in HTML, so it reads in both directions and
    screen readers get the numbers as a table."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    unit = blocks.CharBlock(label=_("unit"), required=False, max_length=40)
    bars = blocks.ListBlock(ChartBarBlock(), label=_("bars"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Bar chart")
        template = "hub/blocks/bar_chart.html"
        description = _("Compare a few numbers as bars.")
        preview_value = {
            "title": "Contributions by kind",
            "bars": [
                {"label": "Recommendations", "value": 42},
                {"label": "Good practices", "value": 17},
            ],
        }


class StoryBlock(blocks.StreamBlock):
    """The body of most pages."""

    heading = blocks.CharBlock(
        label=_("heading"), max_length=160, form_classname="title", template="hub/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("paragraph"), features=RICH_TEXT_FEATURES)
    key_figures = KeyFiguresBlock()
    guiding_questions = GuidingQuestionsBlock()
    agenda = AgendaBlock()
    call_to_action = CallToActionBlock()
    documents = DocumentLinksBlock()
    quotation = QuotationBlock()
    chart = BarChartBlock()


class LogisticsSectionValue(blocks.StructValue):
    @property
    def title(self):
        """The editor's heading, or the topic's name in the visitor's language."""
        if self.get("heading"):
            return self["heading"]
        return dict(LOGISTICS_TOPICS).get(self.get("topic"), "")


LOGISTICS_TOPICS = [
    ("registration", _("Registration")),
    ("roles", _("Speakers, facilitators and rapporteurs")),
    ("interventions", _("Taking the floor")),
    ("training", _("Training on the platform")),
    ("interpretation", _("Interpretation")),
    ("contact", _("Contact")),
    ("other", _("Other")),
]


class LogisticsSectionBlock(blocks.StructBlock):
    """One practical section of an event: registration, roles, interventions, …"""

    topic = blocks.ChoiceBlock(label=_("topic"), choices=LOGISTICS_TOPICS)
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=160)
    body = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ul"
        label = _("Logistics section")
        template = "hub/blocks/logistics_section.html"
        value_class = LogisticsSectionValue
