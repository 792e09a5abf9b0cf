"""Create the demo pages in English and translate them into Arabic and French.

Only what is missing is made: a page whose slug is already taken under its
parent is left as it is (an editor may have changed it), and so is a live
translation. Running the loader again therefore changes nothing.

Translations go through wagtail-localize (``hub.translation.translate_page``)
with the Arabic and French copy written in the content modules. Links to pages
(a milestone's event, a call to action) are copied by wagtail-localize as they
are; the loader points each translation's links at the target's translation in
the same language, as an editor would in the translation editor.
"""

import json
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import OverridableSegment, SegmentOverride, TranslationSource

from hub.models import HomePage, Region, RoadmapPage
from hub.translation import MissingStringError, translate_page

from . import events, news, pages, papers, regions, roadmap
from .cycles import ensure_cycles
from .text import TRANSLATIONS, Copy

# In tree order: a parent before its children, and a page before the pages linking to it.
SPECS = [*regions.SPECS, *events.SPECS, *roadmap.SPECS, *news.SPECS, *papers.SPECS, *pages.SPECS]

# Segment paths that end with these name a page link (a ForeignKey or a PageChooserBlock).
PAGE_LINKS = ("event", "page")


class DemoError(Exception):
    """The database is not ready for the demo (run ``setup_site`` first)."""


@dataclass
class Result:
    created: list[str] = field(default_factory=list)
    translated: list[str] = field(default_factory=list)
    linked_spaces: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def load_demo():
    """Create what is missing of the demo; returns what was done."""
    home, locales = _check_ready()
    result = Result()
    # Wagtail re-indexes a page's references on every save, and a page is
    # saved several times on its way to being a published translation: index
    # each demo page once, at the end.
    with disable_reference_index_auto_update(), transaction.atomic():
        built = _build_english(home, result)
        _link_discussion_spaces(built, result)
        ensure_cycles()
        by_key = {spec.key: page for spec, page, _copy in built}
        for language_code, locale in locales.items():
            for spec, page, copy in built:
                _translate(spec, page, copy, language_code, locale, by_key, result)
    if result.created or result.translated or result.linked_spaces:
        for _spec, page, _copy in built:
            for version in page.get_translations(inclusive=True).specific():
                ReferenceIndex.create_or_update_for_object(version)
    return result


def _check_ready():
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        raise DemoError("There is no English home page yet: run `manage.py setup_site` first.")
    locales = {}
    for language_code in TRANSLATIONS:
        locale = Locale.objects.filter(language_code=language_code).first()
        if locale is None or not home.has_translation(locale):
            raise DemoError(f"The {language_code} home page is missing: run `manage.py setup_site` first.")
        locales[language_code] = locale
    found = Region.objects.filter(locale__language_code="en", slug__in=regions.REGION_SLUGS).count()
    if found < len(regions.REGION_SLUGS):
        raise DemoError("The regions are missing: run `manage.py setup_site` (or load_taxonomy) first.")
    return home, locales


def _build_english(home, result):
    pages_by_key = {"home": home}
    built = []
    moves = []
    for spec in SPECS:
        copy = Copy()
        page = spec.build(copy, pages_by_key)
        parent = pages_by_key[spec.parent]
        existing = parent.get_children().filter(slug=page.slug).first()
        if existing is not None:
            existing = existing.specific
            if type(existing) is not type(page):
                raise DemoError(f"{existing.url_path} is already another kind of page; move it away first.")
            page = existing
        else:
            parent.add_child(instance=page)
            page.save_revision().publish()
            result.created.append(page.url_path)
            if spec.before:
                moves.append((page.pk, pages_by_key[spec.before].pk))
        pages_by_key[spec.key] = page
        built.append((spec, page, copy))
    if moves:
        # Moving shifts the siblings' paths: reload every page afterwards.
        _move_before(moves)
        fresh = Page.objects.filter(pk__in=[page.pk for _spec, page, _copy in built]).specific().in_bulk()
        built = [(spec, fresh[page.pk], copy) for spec, page, copy in built]
    return built


def _move_before(moves):
    """Place each page (by pk) just before its sibling (by pk), for the menu's order."""
    for page_pk, sibling_pk in moves:
        Page.objects.get(pk=page_pk).move(Page.objects.get(pk=sibling_pk), pos="left")


def _link_discussion_spaces(built, result):
    """Give region pages made before the discussion spaces existed their space."""
    for spec, page, _copy in built:
        if not spec.key.startswith("region:") or page.discussion_space_id is not None:
            continue
        space = regions.discussion_space(page.slug)
        if space is None:
            continue
        for version in page.get_translations(inclusive=True):
            latest = version.specific.get_latest_revision_as_object()
            latest.discussion_space = space
            latest.save_revision().publish()
        page.discussion_space = space
        result.linked_spaces.append(page.url_path)


def _translate(spec, page, copy, language_code, locale, by_key, result):
    existing = page.get_translation_or_none(locale)
    if existing is not None and existing.live:
        return
    if page.get_parent().get_translation_or_none(locale) is None:
        result.warnings.append(f"{page.url_path} not translated into {language_code}: its parent is not.")
        return
    if _links_pages(page):
        _point_links_at_translations(page, locale)
    try:
        # Saved as a draft, then published here: left to wagtail-localize, the
        # publication would wait for the transaction to commit and replay a
        # revision that predates the translation's children (losing them).
        translation = translate_page(page, language_code, copy.strings(language_code), publish=False)
    except MissingStringError as error:
        # The English page was edited since the demo made it; its editor translates it.
        result.warnings.append(f"{page.url_path} not translated into {language_code}: {error}")
        return
    translation.get_latest_revision().publish()
    if existing is None and spec.before:
        sibling = by_key[spec.before].get_translation_or_none(locale)
        if sibling is not None:
            _move_before([(translation.pk, sibling.pk)])
    result.translated.append(f"{language_code}: {page.url_path}")


def _links_pages(page):
    """Whether ``page`` links other pages (a milestone's event, a call to action)."""
    if isinstance(page, RoadmapPage):
        return page.milestones.filter(event__isnull=False).exists()
    return any(block.block_type == "call_to_action" for block in getattr(page, "body", []))


def _point_links_at_translations(page, locale):
    """Override the page links the translation would copy with their translations."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    for segment in OverridableSegment.objects.filter(source=source).select_related("context"):
        if segment.context.path.rsplit(".", 1)[-1] not in PAGE_LINKS or not isinstance(segment.data, int):
            continue
        target = Page.objects.filter(pk=segment.data).first()
        translation = target.get_translation_or_none(locale) if target else None
        if translation is not None:
            SegmentOverride.objects.update_or_create(
                locale=locale, context=segment.context, defaults={"data_json": json.dumps(translation.pk)}
            )
