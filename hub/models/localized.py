"""Links to pages in the visitor's language.

Rows copied by wagtail-localize (milestones, for one) keep pointing at the
page they were linked to in the source language; a visitor reading Arabic
should land on the Arabic event page when it exists.
"""

from wagtail.models import Locale, Page


def localized_pages(pages):
    """The live active-locale translation of each of ``pages`` (None stays
    None; a page without a live translation stays itself), in one query."""
    pages = list(pages)
    keys = {p.translation_key for p in pages if p is not None}
    if not keys:
        return pages
    locale = Locale.get_active()
    by_key = {
        p.translation_key: p
        for p in Page.objects.live().filter(locale=locale, translation_key__in=keys).specific(defer=True)
    }
    return [None if p is None else by_key.get(p.translation_key, p) for p in pages]
