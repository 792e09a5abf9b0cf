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
