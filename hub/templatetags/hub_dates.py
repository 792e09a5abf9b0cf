"""Template filters that write honest dates in the active language.

{% load hub_dates %}
{{ milestone|honest_date }}   March 2024 (to be confirmed)
{{ milestone|honest_held }}   held 2 July 2024
"""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.translation import pgettext

from hub.core.dates import HonestDate, format_day

register = template.Library()


@register.filter
def honest_date(value):
    """A HonestDate, anything with a ``when`` (HonestDateFields) or a plain date."""
    if isinstance(value, HonestDate):
        return value.format()
    when = getattr(value, "when", None)
    if isinstance(when, HonestDate):
        return when.format()
    if isinstance(value, datetime):
        return format_day(timezone.localdate(value) if timezone.is_aware(value) else value.date())
    if isinstance(value, date):
        return format_day(value)
    return ""


@register.filter
def honest_held(value):
    """When it actually took place ("held 2 July 2024"), or "" while it has not."""
    held = getattr(value, "held", None)
    if not isinstance(held, HonestDate):
        return ""
    # Translators: when an event actually took place, after its planned date,
    # e.g. "June 2024 (held 2 July 2024)".
    return pgettext("honest date", "held %(date)s") % {"date": held.format()}
