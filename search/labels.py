"""Names, in the visitor's language, for the stable keys a search returns.

Facet counts and hits carry slugs, numbers and codes (see search.query);
the page shows them as the visitor reads them: regions, objectives and
stakeholder groups from the taxonomy's translated rows, countries from
django-countries, languages from Django's own names, types from
ContributionKind. Each dimension costs at most one query, whatever the number
of hits or facet values, so the page's cost does not grow with its length.
"""

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django_countries import countries
from machina.core.db.models import get_model
from wagtail.models import Locale

from forum.models import ContributionKind
from hub.taxonomy.models import GcmObjective, Region, StakeholderGroup

Topic = get_model("forum_conversation", "Topic")


def _locales():
    """The default locale, then the active one: names are read in this order,
    so the active language's win and untranslated terms keep their English."""
    found = []
    for get_locale in (Locale.get_default, Locale.get_active):
        try:
            found.append(get_locale())
        except Locale.DoesNotExist:
            continue
    return found


def taxonomy_rows(model, key):
    """{key: row} of a taxonomy, the active language's rows winning over the default's."""
    locales = _locales()
    rank = {locale.pk: i for i, locale in enumerate(locales)}
    rows = sorted(model.objects.filter(locale__in=locales), key=lambda row: rank[row.locale_id])
    return {key(row): row for row in rows}  # later (active) rows overwrite default ones


def _terms(model, key):
    """{key as text: row} of a taxonomy, the active language's names winning."""
    return {str(k): row for k, row in taxonomy_rows(model, key).items()}


# facet → (taxonomy model, its stable key, its label); objectives read "5. Short title".
TAXONOMY = {
    "region": (Region, lambda row: row.slug, lambda row: row.name),
    "objective": (GcmObjective, lambda row: row.number, str),
    "group": (StakeholderGroup, lambda row: row.slug, lambda row: row.name),
}


def _language(code):
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


class Labels:
    """Labels for one search result; ``visible_topics`` are {id: subject} of
    topics the viewer may read (taken from the result, never looked up for
    an id a visitor typed into a URL)."""

    def __init__(self, visible_topics):
        self._topics = dict(visible_topics)
        self._maps = {}

    @classmethod
    def for_result(cls, result):
        topics = {hit.topic_id: hit.topic_subject for hit in result.hits}
        missing = {int(fc.value) for fc in result.facets.get("topic", []) if int(fc.value) not in topics}
        if missing:
            topics.update(Topic.objects.filter(pk__in=missing).values_list("pk", "subject"))
        return cls(topics)

    def _map(self, name):
        if name not in self._maps:
            model, key, label = TAXONOMY[name]
            self._maps[name] = {k: label(row) for k, row in _terms(model, key).items()}
        return self._maps[name]

    def label(self, name, value):
        """The visitor's name for ``value`` of facet ``name`` (the key itself when unknown)."""
        value = str(value)
        if name in TAXONOMY:
            return self._map(name).get(value, value)
        if name == "country":
            return countries.name(value) or value
        if name == "language":
            return _language(value)
        if name == "type":
            try:
                return ContributionKind(value).label
            except ValueError:
                return value
        if name == "topic":
            subject = self._topics.get(int(value)) if value.isdigit() else None
            # Translators: a discussion topic the visitor cannot see, by its number.
            return subject if subject is not None else _("Topic %(number)s") % {"number": value}
        if name == "has_attachment":
            return _("With attachments") if value in ("true", "yes") else _("Without attachments")
        return value
