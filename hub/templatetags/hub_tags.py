"""Template tags for the site's frame: the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

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
