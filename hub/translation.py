"""Translate pages programmatically through wagtail-localize.

Content created by commands (the site set-up, the demo tree) goes through the
same machinery as an editor's translation, so editors can later sync the
English source and see every Arabic and French string in wagtail-localize's
editor, instead of finding unlinked copies.
"""

from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


class MissingStringError(LookupError):
    """A source string has no translation in the mapping given."""


def translate_page(page, language_code, strings, *, publish=True):
    """Create or update the ``language_code`` translation of ``page``.

    ``strings`` maps each source string (as wagtail-localize segments it) to
    its translation. Slugs may be left out: they stay as in the source, so a
    page keeps one address under each language prefix.
    """
    locale = Locale.objects.get(language_code=language_code)
    with transaction.atomic():
        source, _created = TranslationSource.update_or_create_from_instance(page)
        translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        for segment in segments:
            text = strings.get(segment.string.data)
            if text is None:
                if segment.context.path == "slug":
                    text = segment.string.data
                else:
                    raise MissingStringError(
                        f"No {language_code} text for {segment.context.path!r}: {segment.string.data!r}"
                    )
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
        translation.save_target(publish=publish)
    return page.get_translation(locale)


def live_untranslated_pages():
    """Translated pages that are live without one string in their language.

    Before translations waited for their translator
    (``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE``), *Translate this page*
    on a live page published its copy at once, in the source language's words.
    Yields ``(page, translation)``; a page with some of its strings translated
    was published by its translator and is not among them.
    """
    from wagtail.models import Page

    for translation in Translation.objects.select_related("source", "target_locale"):
        # A snippet's translation has no page with its key.
        page = Page.objects.filter(
            translation_key=translation.source.object_id, locale=translation.target_locale, live=True
        ).first()
        if page is None:
            continue
        total, done = translation.get_progress()
        if total and not done:
            yield page, translation


def withdraw_locale_synchronisation():
    """Take wagtail-localize's "Synchronise content from another locale" off
    the Locales form.

    It copies every English page into the synchronised language's tree as a
    live alias, in English, before anyone translates it: exactly what an
    Arabic or French reader must never meet. Pages reach those trees through
    *Translate this page* and their translator's publication instead.
    """
    from wagtail_localize.locales.components import LOCALE_COMPONENTS
    from wagtail_localize.models import LocaleSynchronization

    LOCALE_COMPONENTS[:] = [c for c in LOCALE_COMPONENTS if c["model"] is not LocaleSynchronization]
