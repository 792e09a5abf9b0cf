"""A discussion space's name in the reader's language.

machina knows a space only by its forum's English name ("Arab States"); a
regional space is named by its region's row in the active language, the
taxonomy's translation. Pages (``space_tags``), feeds and e-mails name
spaces through here, never through ``forum.name``.

Callers keep a ``store`` (a dict on the request, on a mail batch): the
spaces' regions are read once per language, whatever the number of spaces
named.
"""

from django.utils import translation

from hub.taxonomy.models import localized_terms

from .models import RegionalSpace


def localized_space_regions(store=None):
    """``{forum id: region row in the active language}`` for every regional space."""
    store = {} if store is None else store
    language = translation.get_language()
    if language not in store:
        spaces = list(RegionalSpace.objects.select_related("region"))
        regions = localized_terms([space.region for space in spaces])
        store[language] = {space.forum_id: region for space, region in zip(spaces, regions, strict=True)}
    return store[language]


def space_region(forum, store=None):
    """The region of ``forum``'s space in the active language, or None."""
    if forum is None or not getattr(forum, "pk", None):
        return None
    return localized_space_regions(store).get(forum.pk)


def space_name(forum, store=None):
    """``forum``'s name for the reader: its region's name if it is a regional space."""
    region = space_region(forum, store)
    return region.name if region is not None else getattr(forum, "name", "")
