"""Template tags for the site's frame: the language switcher, the account links."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from hub.core.dates import DatePrecision, HonestDate

register = template.Library()


def _language_home(code):
    return f"/{code}/"


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in every language of the site.

    On a Wagtail page: its live translation, or that language's home page
    when there is none yet. Elsewhere (discussion spaces, accounts, search):
    the same address under the other language prefix.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation.get_url(request)
    path = request.get_full_path() if request else "/"
    languages = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = translations.get(code) or _language_home(code)
        else:
            url = translate_url(path, code)
            if url == path and code != current:
                url = _language_home(code)
        languages.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "dir": "rtl" if get_language_info(code)["bidi"] else "ltr",
            }
        )
    return {"languages": languages}


def _home_page(request):
    """The visitor's language's home page: the site root's translation."""
    from wagtail.models import Locale, Site

    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    root = site.root_page
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return root
    if root.locale_id == locale.pk:
        return root
    return root.get_translation_or_none(locale) or root


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's children marked "show in menus", in the visitor's language."""
    request = context.get("request")
    home = _home_page(request)
    current = context.get("page")
    items = list(home.get_children().live().in_menu()) if home else []
    active_path = current.url_path if isinstance(current, Page) else ""
    return {
        "menu_items": [{"page": item, "active": active_path.startswith(item.url_path)} for item in items],
        "request": request,
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The path from the home page to the current page (not shown on the home page)."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": []}
    return {
        "ancestors": list(page.get_ancestors().filter(depth__gte=2)),
        "page": page,
        "request": context.get("request"),
    }


@register.filter
def minutes_between(start, end):
    """Length of an agenda session in minutes."""
    import datetime

    if not start or not end:
        return ""
    day = datetime.date(2000, 1, 1)
    return int(
        (datetime.datetime.combine(day, end) - datetime.datetime.combine(day, start)).total_seconds() // 60
    )


@register.simple_tag
def event_dates(event):
    """An event's day or days, in the active language."""

    if event.ends_on and event.ends_on != event.starts_on:
        return HonestDate(precision=DatePrecision.DAYS, start=event.starts_on, end=event.ends_on).format()
    return HonestDate(precision=DatePrecision.DAY, start=event.starts_on).format()


@register.simple_tag
def event_times(event):
    """Start and end in the event's own zone, e.g. "10:00–15:00 Africa/Cairo (UTC+02:00)"."""
    start = event.starts_at
    if start is None:
        return ""
    span = start.strftime("%H:%M")
    if event.ends_at:
        span = f"{span}–{event.ends_at.strftime('%H:%M')}"
    offset = start.strftime("%z")
    return f"{span} {event.time_zone} (UTC{offset[:3]}:{offset[3:]})"


@register.filter
def max_bar(bars):
    """The largest value of a bar chart, the 100 % every bar is drawn against."""
    return max((bar["value"] for bar in bars), default=0) or 1


@register.simple_tag(takes_context=True)
def returning_url(context, name):
    """The address of the account page ``name`` (sign in, sign up) that brings
    the person back to the page they are on: the header's links, like the
    spaces' invitations, carry ``next``. Not from the account pages
    themselves, where "back" would be the sign-in form again."""
    url = reverse(name)
    request = context.get("request")
    account_pages = url.rsplit("/", 2)[0] + "/"  # /<lang>/accounts/
    if request is None or request.method != "GET" or request.path.startswith(account_pages):
        return url
    return f"{url}?{urlencode({'next': request.get_full_path()})}"
