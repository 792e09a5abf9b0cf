"""The demo's words in English, Arabic and French, and how they become fields.

Every piece of copy is a ``T`` holding the three languages. A page builder
hands each ``T`` to the page's ``Copy``, which returns the English value to
store and remembers the Arabic and French ones, keyed by the English string as
wagtail-localize segments it. ``Copy.strings("ar")`` is then exactly the map
``hub.translation.translate_page`` wants, so translations go through the same
machinery as an editor's and stay linked to their English source.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from wagtail.rich_text import RichText
from wagtail_localize.strings import StringValue, extract_strings

TRANSLATIONS = ("ar", "fr")


@dataclass(frozen=True)
class T:
    """One piece of copy in the three languages."""

    en: str
    ar: str
    fr: str

    def __getitem__(self, language):
        return getattr(self, language)


def same(text):
    """Copy that reads the same in every language: a figure, an acronym."""
    return T(text, text, text)


@dataclass(frozen=True)
class Bullets:
    """A bulleted list inside rich text."""

    items: tuple[T, ...]


def to_html(parts, language):
    """Paragraphs (``T``) and lists (``Bullets``) as rich-text HTML."""
    html = []
    for part in parts:
        if isinstance(part, Bullets):
            html.append(
                "<ul>" + "".join(f"<li>{escape(item[language])}</li>" for item in part.items) + "</ul>"
            )
        else:
            html.append(f"<p>{escape(part[language])}</p>")
    return "".join(html)


class Copy:
    """The words of one page: English values out, translations remembered."""

    def __init__(self):
        self._strings = {language: {} for language in TRANSLATIONS}

    def __call__(self, text):
        """The English value of a plain-text field or block."""
        for language in TRANSLATIONS:
            self._remember(
                language,
                StringValue.from_plaintext(text.en).data,
                StringValue.from_plaintext(text[language]).data,
            )
        return text.en

    def rich(self, *parts):
        """The English HTML of a rich-text field or block."""
        english = to_html(parts, "en")
        source = [string.data for string, _attrs in extract_strings(english)[1]]
        for language in TRANSLATIONS:
            target = [string.data for string, _attrs in extract_strings(to_html(parts, language))[1]]
            if len(target) != len(source):
                raise ValueError(f"The {language} text of {english[:60]!r} has another structure.")
            for source_string, target_string in zip(source, target, strict=True):
                self._remember(language, source_string, target_string)
        return english

    def strings(self, language):
        return dict(self._strings[language])

    def _remember(self, language, source, target):
        known = self._strings[language].setdefault(source, target)
        if known != target:
            raise ValueError(f"{source!r} is given two {language} translations: {known!r} and {target!r}.")


# Stream blocks (hub.blocks.StoryBlock and friends), written from copy.


def heading(copy, text):
    return ("heading", copy(text))


def paragraph(copy, *parts):
    return ("paragraph", RichText(copy.rich(*parts)))


def key_figures(copy, title, figures):
    """``figures``: (figure, what it counts) pairs; a figure is a plain string."""
    return (
        "key_figures",
        {
            "heading": copy(title),
            "figures": [{"figure": copy(same(figure)), "label": copy(label)} for figure, label in figures],
        },
    )


def guiding_questions(copy, title, questions):
    return ("guiding_questions", {"heading": copy(title), "questions": [copy(q) for q in questions]})


def quotation(copy, quote, attribution, role):
    return ("quotation", {"quote": copy(quote), "attribution": copy(attribution), "role": copy(role)})


def bar_chart(copy, title, unit, bars):
    """``bars``: (label, value) pairs."""
    return (
        "chart",
        {
            "title": copy(title),
            "unit": copy(unit),
            "bars": [{"label": copy(label), "value": Decimal(value)} for label, value in bars],
        },
    )


def call_to_action(copy, title, text, button_label, page):
    return (
        "call_to_action",
        {
            "title": copy(title),
            "text": copy(text),
            "button_label": copy(button_label),
            "page": page,
            "url": "",
        },
    )


def logistics(copy, topic, *parts, title=None):
    """A practical-information section; without ``title`` the topic's name is shown."""
    return (
        "section",
        {"topic": topic, "heading": copy(title) if title else "", "body": RichText(copy.rich(*parts))},
    )


def agenda_day(copy, title, day, sessions):
    """``sessions``: (start, end, title, description) tuples; times are ``datetime.time``."""
    return (
        "day",
        {
            "heading": copy(title),
            "day": day,
            "sessions": [
                {
                    "start": start,
                    "end": end,
                    "title": copy(session_title),
                    "speakers": [],
                    "description": copy(description) if description else "",
                    "guiding_questions": [],
                }
                for start, end, session_title, description in sessions
            ],
        },
    )


# Names used on several pages.

GENEVA = T("Geneva", "جنيف", "Genève")
GCM = T(
    "Global Compact for Safe, Orderly and Regular Migration",
    "الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية",
    "Pacte mondial pour des migrations sûres, ordonnées et régulières",
)
