"""The dashboard's numbers, written the reader's language's way."""

from urllib.parse import urlencode

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import get_language

from hub.papers.charts import format_number
from hub.participation import audience, dashboard

register = template.Library()


@register.filter
def figure(value):
    """A count with the language's grouping (as the charts write it)."""
    return format_number(value, get_language() or "en")


@register.inclusion_tag("hub/participation/region_section.html")
def region_participation(page):
    """A region page's share of the dashboard: its figures for the current
    cycle, its stakeholder groups, who is missing, and the way to the rest."""
    params = QueryDict(mutable=True)
    params["region"] = page.region.slug
    shown = dashboard.build(params, audience.public())
    by_id = {table.id: (table, chart) for table, chart in shown.figures}
    missing = by_id["missing"][0]
    return {
        "selection": shown.selection,
        "totals": by_id["totals"][0],
        "groups": by_id["groups"],
        "missing": missing.groups[0] if missing.groups else None,
        "dashboard_url": f"{reverse('participation:dashboard')}?{urlencode(shown.selection.params())}",
    }
