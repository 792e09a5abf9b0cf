"""Fields and behaviour several page types share."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from hub.blocks import StoryBlock
from hub.taxonomy.models import terms_in_locale


class StoryPageMixin(models.Model):
    """A summary under the title and a body of blocks."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown under the title and in lists and search results."),
    )
    body = StreamField(StoryBlock(), verbose_name=_("body"), blank=True)

    story_panels = [FieldPanel("summary"), FieldPanel("body")]
    story_search_fields = [index.SearchField("summary"), index.SearchField("body")]
    # What Wagtail's pages API (/api/v2/pages/) gives beside the title and
    # dates: named one by one, so a field added later stays private until listed.
    api_fields = [APIField("summary"), APIField("body")]

    class Meta:
        abstract = True


def copied_as_they_are(*names):
    """wagtail-localize field declarations for taxonomy links (foreign keys,
    many-to-many): copied from the source as they are, never submitted for
    translation.

    Left to wagtail-localize, a link to a term makes *Translate this page*
    submit the term too, and re-save its Arabic row from strings it never had:
    "Arab States" in English on every Arabic page. The terms' translations
    are the taxonomy loader's (``load_taxonomy``); ``TaggedInOwnLanguageMixin``
    points the copied links at them.
    """
    from wagtail_localize.fields import SynchronizedField

    return [SynchronizedField(name, overridable=False) for name in names]


def point_at_own_language(instance, names, locale):
    """Point ``instance``'s taxonomy links ``names`` at the rows of ``locale``."""

    for name in names:
        if instance._meta.get_field(name).many_to_many:
            terms = list(getattr(instance, name).all())
            localized = terms_in_locale(terms, locale)
            if [t.pk for t in localized] != [t.pk for t in terms]:
                setattr(instance, name, localized)
        else:
            term = getattr(instance, name)
            if term is not None and term.locale_id != locale.pk:
                setattr(instance, name, terms_in_locale([term], locale)[0])


class TaggedInOwnLanguageMixin:
    """A page whose taxonomy links are always the rows of its own language:
    its fields named in ``taxonomy_tags``, and those of its child rows
    (``child_taxonomy_tags``: relation name → field names).

    wagtail-localize copies a source page's links to its translation as they
    are (``copied_as_they_are``), English rows and all; it cleans the
    translation before every save, and cleaning points the links at the rows
    of the translation's language.
    """

    taxonomy_tags = ()
    child_taxonomy_tags = {}

    def clean(self):
        super().clean()
        self.point_taxonomy_at_own_language()

    def minimal_clean(self):
        # What Wagtail runs, instead of clean(), when saving a draft.
        super().minimal_clean()
        self.point_taxonomy_at_own_language()

    def point_taxonomy_at_own_language(self):
        if self.locale_id is None:  # not in the tree yet: Wagtail gives it its parent's locale
            return
        point_at_own_language(self, self.taxonomy_tags, self.locale)
        for relation, names in self.child_taxonomy_tags.items():
            for child in getattr(self, relation).all():
                point_at_own_language(child, names, self.locale)
