"""Fields and behaviour several page types share."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from hub.blocks import StoryBlock


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

    class Meta:
        abstract = True


class TaggedInOwnLanguageMixin:
    """A page whose taxonomy tags (many-to-many fields named in ``taxonomy_tags``)
    are always the rows of the page's own language.

    wagtail-localize copies a source page's tags to its translation as they
    are, English rows and all; it cleans the translation before every save, and
    cleaning points the tags at the rows of the translation's language.
    """

    taxonomy_tags = ()

    def clean(self):
        from .taxonomy import terms_in_locale

        super().clean()
        for name in self.taxonomy_tags:
            terms = list(getattr(self, name).all())
            localized = terms_in_locale(terms, self.locale)
            if [t.pk for t in localized] != [t.pk for t in terms]:
                setattr(self, name, localized)
