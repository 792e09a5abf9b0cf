"""Template tags of analysis papers' own blocks.

{% load papers %}
{% paper_chart value as chart %}            a hub.papers.charts.Chart (SVG + table rows)
{% cited_source value as cited %}           the quoted contribution if the public may read it now, else None
{% cited_list value as items %}             the recommendations and pledges of one list block
{% key_terms_of value as groups %}          [(language, [(term, count), …])] of a key terms block
{% objective_quotations value as quotes %}  the quotations of one objective, as cited_quotation values

Charts, terms and quotations that name what they show are read from the
page's frozen contribution set (``hub.papers.frozen_figures``), once per page.

The lookups go through ``hub.papers.citations.PaperCitations`` kept on the
page being rendered, so however many blocks a page has, its sources cost a
fixed number of queries.
"""

from django import template
from django.utils import timezone
from django.utils.translation import get_language
from django_countries import countries

from hub.core.dates import format_day
from hub.papers import charts
from hub.papers.citations import PaperCitations, visible
from hub.papers.frozen_figures import FrozenFigures
from hub.taxonomy.data import OBJECTIVES, STAKEHOLDER_GROUPS

register = template.Library()


def _page(context):
    page = context.get("page")
    return page if page is not None and hasattr(page, "body") else None


@register.simple_tag(takes_context=True)
def paper_chart(context, value):
    page = _page(context)
    used = page.__dict__.setdefault("_paper_chart_ids", set()) if page is not None else None
    if value.get("counted_by") and page is not None:
        value = {**value, "rows": FrozenFigures.for_page(page).chart_rows(value["counted_by"])}
    return charts.build(value, get_language(), used, for_print=bool(context.get("print_mode")))


@register.simple_tag(takes_context=True)
def key_terms_of(context, value):
    page = _page(context)
    if value.get("objective") and page is not None:
        return FrozenFigures.for_page(page).terms(value["objective"], value.get("language") or "")
    terms = [(item["term"], item["count"]) for item in value.get("terms") or ()]
    return [(value.get("language") or "", terms)] if terms else []


@register.simple_tag(takes_context=True)
def objective_quotations(context, value):
    page = _page(context)
    if page is None or not value.get("objective"):
        return []
    return FrozenFigures.for_page(page).quotations(value["objective"])


@register.simple_tag(takes_context=True)
def cited_source(context, value):
    post_id = value.get("contribution")
    if not post_id:
        return None
    page = _page(context)
    if page is None:  # a block shown alone (the admin's preview of a block)
        return visible([post_id]).get(int(post_id))
    return PaperCitations.for_page(page).quoted().get(int(post_id))


@register.simple_tag(takes_context=True)
def cited_list(context, value):
    page = _page(context)
    if page is None:
        return []
    return PaperCitations.for_page(page).listed_for(value.get("objective"), value.get("kinds"))


@register.filter
def language_direction(language):
    return "rtl" if charts.is_rtl(language) else "ltr"


def _names(entries, key):
    return {entry[key]: entry["name"] for entry in entries}


_GROUPS = _names(STAKEHOLDER_GROUPS, "slug")
_OBJECTIVES = _names(OBJECTIVES, "number")


def _in_language(names):
    language = (get_language() or "en").split("-")[0]
    return names.get(language) or names.get("en") or ""


@register.filter
def group_name(slug):
    """A stakeholder group's name in the active language (from the taxonomy's data, no query)."""
    names = _GROUPS.get(slug)
    return _in_language(names) if names else ""


@register.filter
def objective_name(number):
    try:
        names = _OBJECTIVES.get(int(number))
    except (TypeError, ValueError):
        return ""
    return _in_language(names) if names else ""


@register.filter
def country_name(code):
    return countries.name(code) if code else ""


@register.simple_tag
def citation_of(cited):
    """Organisation, group, country and date of a contribution, joined."""
    parts = [cited.organisation, group_name(cited.stakeholder_group), country_name(cited.country)]
    if cited.created:
        parts.append(format_day(timezone.localdate(cited.created)))
    return " · ".join(part for part in parts if part)
