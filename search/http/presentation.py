"""What the search pages show of a SearchResult: facet lists, removable
chips, hits with their labels, pages — plain data for the templates.

Every link is built from the query with ``params_from_query``, so the page's
URLs carry the whole state of a search and can be shared as they are.
"""

import re
from dataclasses import dataclass
from math import ceil
from urllib.parse import urlencode

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from search.params import MULTI, params_from_query
from search.query import FACETS
from search.snippets import CLOSE, OPEN, WORD

# Facet name → URL parameter (the same except for attachments, a yes/no switch).
PARAMETER = {name: name for name in MULTI} | {"has_attachment": "attachment"}
FACET_TITLES = {
    "region": lambda: _("Region"),
    "topic": lambda: _("Topic"),
    "objective": lambda: _("GCM objective"),
    "group": lambda: _("Stakeholder group"),
    "country": lambda: _("Country"),
    "language": lambda: _("Language"),
    "type": lambda: _("Type"),
    "has_attachment": lambda: _("Attachments"),
}
FACET_SHOWN = 10  # values listed before "more"
# A mark made by search.snippets wraps one word; pairing them this way leaves
# any « or » of the author's own text (French quotation marks) as text.
_MARKED = re.compile(f"{re.escape(OPEN)}({WORD.pattern}){re.escape(CLOSE)}")


def marked_snippet(snippet):
    """The snippet as HTML: the author's text escaped first, then the marks made <mark>."""
    return mark_safe(_MARKED.sub(r"<mark>\1</mark>", escape(snippet)))  # noqa: S308 (escaped above)


def query_url(base, query, **changes):
    params = params_from_query(query, **changes)
    return f"{base}?{urlencode(params)}" if params else base


@dataclass
class Option:
    value: str  # as written in the URL
    label: str
    count: int
    checked: bool


@dataclass
class Facet:
    name: str
    parameter: str
    title: str
    options: list
    shown: int = FACET_SHOWN

    @property
    def first(self):
        return self.options[: self.shown]

    @property
    def more(self):
        return self.options[self.shown :]

    @property
    def active(self):
        return any(option.checked for option in self.options)


def _selected(query, name):
    if name == "has_attachment":
        return set() if query.has_attachment is None else {"true" if query.has_attachment else "false"}
    return {str(value) for value in query.filters().get(name, ())}


def facets(result, labels):
    """One Facet per dimension, with the checked values even when nothing matches them."""
    built = []
    for name in FACETS:
        counts = {fc.value: fc.count for fc in result.facets.get(name, [])}
        selected = _selected(result.query, name)
        if name != "country":
            selected_keys = selected
        else:  # the backend may answer codes in either case
            counts = {value.upper(): count for value, count in counts.items()}
            selected_keys = {value.upper() for value in selected}
        values = list(counts) + sorted(selected_keys - set(counts))
        if name == "has_attachment":
            values = [v for v in ("true", "false") if v in values]
        options = [
            Option(
                value=({"true": "yes", "false": "no"}[value] if name == "has_attachment" else value),
                label=labels.label(name, value),
                count=counts.get(value, 0),
                checked=value in selected_keys,
            )
            for value in values
        ]
        built.append(Facet(name, PARAMETER[name], FACET_TITLES[name](), options))
    return built


@dataclass
class Chip:
    label: str
    remove_url: str


def chips(query, labels, base):
    """One chip per active filter value; its link removes that value only."""
    found = []
    for name, values in query.filters().items():
        for value in sorted(values, key=str):
            remaining = sorted((v for v in values if v != value), key=str)
            found.append(
                Chip(
                    # Translators: a removable search filter, e.g. "Region: Africa".
                    pgettext("search filter", "%(facet)s: %(value)s")
                    % {"facet": FACET_TITLES[name](), "value": labels.label(name, value)},
                    query_url(base, query, **{PARAMETER[name]: remaining, "page": None}),
                )
            )
    if query.has_attachment is not None:
        label = labels.label("has_attachment", "true" if query.has_attachment else "false")
        found.append(Chip(label, query_url(base, query, attachment=None, page=None)))
    if query.date_from:
        # Translators: a removable filter, e.g. "From 2024-01-31".
        label = pgettext("search filter", "From %(date)s") % {"date": query.date_from.isoformat()}
        found.append(Chip(label, query_url(base, query, **{"from": None, "page": None})))
    if query.date_to:
        # Translators: a removable filter, e.g. "Until 2024-06-30" (that day included).
        label = pgettext("search filter", "Until %(date)s") % {"date": query.date_to.isoformat()}
        found.append(Chip(label, query_url(base, query, to=None, page=None)))
    return found


@dataclass
class HitView:
    hit: object
    type_label: str
    region_label: str
    objective_labels: list
    group_label: str
    country_label: str
    language_label: str
    snippet_html: str


def hit_views(hits, labels):
    return [
        HitView(
            hit=hit,
            type_label=labels.label("type", hit.type),
            region_label=labels.label("region", hit.region),
            objective_labels=[labels.label("objective", number) for number in hit.objectives],
            group_label=labels.label("group", hit.stakeholder_group) if hit.stakeholder_group else "",
            country_label=labels.label("country", hit.country) if hit.country else "",
            language_label=labels.label("language", hit.language),
            snippet_html=marked_snippet(hit.snippet),
        )
        for hit in hits
    ]


@dataclass
class PageLink:
    number: int
    url: str
    current: bool


def pagination(result, base, around=2):
    """Links to the first, last and nearby pages (None marks a gap)."""
    query = result.query
    last = max(1, ceil(result.total / query.page_size))
    numbers = sorted({1, last, *range(max(1, query.page - around), min(last, query.page + around) + 1)})
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append(None)
        links.append(PageLink(number, query_url(base, query, page=number if number > 1 else None), False))
        links[-1].current = number == query.page
        previous = number
    return {
        "links": links if last > 1 else [],
        "last": last,
        "first": query_url(base, query, page=None),
        "previous": query_url(base, query, page=query.page - 1 if query.page > 2 else None)
        if query.page > 1
        else "",
        "next": query_url(base, query, page=query.page + 1) if query.page < last else "",
    }
