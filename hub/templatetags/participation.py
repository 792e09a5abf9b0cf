"""The dashboard's numbers, written the reader's language's way."""

from django import template
from django.utils.translation import get_language

from hub.papers.charts import format_number

register = template.Library()


@register.filter
def figure(value):
    """A count with the language's grouping (as the charts write it)."""
    return format_number(value, get_language() or "en")
