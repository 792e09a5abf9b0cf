"""The Wagtail editor's form for the hub's pages.

Two things an editor would otherwise trip over:

- every taxonomy term exists once per language, and a page is tagged with the
  rows of its own language, so its region and objective fields offer those
  rows only (not 15 regions and 69 objectives in three scripts);
- a slug is taken by an unpublished sibling as surely as by a live one (an
  abandoned new page's draft, for one): the editor is told so and given the
  draft's address, instead of Wagtail's bare "already in use".
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets.chooser import BaseChooser

from hub.taxonomy.models import TaxonomyTerm


def is_taxonomy_field(field):
    queryset = getattr(field, "queryset", None)
    return queryset is not None and issubclass(queryset.model, TaxonomyTerm)


def offer_terms_of(locale, fields):
    """Restrict the taxonomy choices among ``fields`` (a form's) to ``locale``'s rows."""
    for field in fields.values():
        if is_taxonomy_field(field):
            field.queryset = field.queryset.filter(locale=locale)
            if isinstance(field.widget, BaseChooser):
                # A chooser (a single region) opens its list on the page's language.
                _open_chooser_in(field.widget, locale)


def _open_chooser_in(widget, locale):
    url = widget.get_chooser_modal_url()
    widget.get_chooser_modal_url = lambda: f"{url}?{urlencode({'locale': locale.language_code})}"


class HubPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self.instance.locale
        offer_terms_of(locale, self.fields)
        for formset in self.formsets.values():
            # Child rows (a roadmap's milestones) are in their page's language too.
            formset.form = _child_form_in(formset.form, locale)

    def _post_clean(self):
        # After the model's own validation, which repeats Wagtail's slug check.
        super()._post_clean()
        slug = self.data.get("slug") if self.is_bound else None
        if slug and self.parent_page is not None and self.has_error("slug"):
            draft = self._unpublished_sibling(slug)
            if draft is not None:
                self._errors["slug"] = self.error_class([draft_holds_slug_message(draft)])

    def _unpublished_sibling(self, slug):
        siblings = self.parent_page.get_children().filter(slug=slug, live=False)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        return siblings.first()


def draft_holds_slug_message(draft):
    return format_html(
        _(
            'The slug "{slug}" belongs to the unpublished draft "{title}" under the same parent page. '
            '<a href="{url}">Open that draft</a> to finish or delete it, or choose another slug.'
        ),
        slug=draft.slug,
        title=draft.get_admin_display_title(),
        url=reverse("wagtailadmin_pages:edit", args=[draft.pk]),
    )


def _child_form_in(form_class, locale):
    class ChildFormInLocale(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            offer_terms_of(locale, self.fields)

    ChildFormInLocale.__name__ = form_class.__name__
    return ChildFormInLocale
