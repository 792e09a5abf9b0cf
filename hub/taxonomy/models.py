"""The shared taxonomy: regions, GCM objectives, guiding principles,
stakeholder groups and countries.

Pages (news, events, papers) and forum contributions tag themselves with
these, and other parts of the product find them by their stable ``slug``
(or ``number`` for objectives), never by primary key, because every
translation of a snippet is its own row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index


def active_locale():
    """The visitor's language's locale (the default one where it has none)."""
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


class TaxonomyQuerySet(models.QuerySet):
    def in_active_locale(self):
        """The rows of the visitor's language (falling back to the default locale)."""
        return self.filter(locale=active_locale())

    def in_default_locale(self):
        """The English rows: the ones foreign keys (e.g. ``Country.region``) point to."""
        return self.filter(locale=Locale.get_default())


def localized_terms(terms):
    """The active-locale rows of ``terms`` (any taxonomy rows), in one query.

    Pages and contributions point at the rows they were tagged with, whatever
    their language; this shows the visitor the names in theirs.
    """
    return terms_in_locale(terms, active_locale())


def terms_in_locale(terms, locale):
    """The ``locale`` rows of ``terms`` (taxonomy rows of one model, any
    language), in one query; a term with no row in ``locale`` stays itself."""
    terms = list(terms)
    if not terms:
        return []
    model = type(terms[0])
    by_key = {
        t.translation_key: t
        for t in model.objects.filter(locale=locale, translation_key__in=[t.translation_key for t in terms])
    }
    return [by_key.get(t.translation_key, t) for t in terms]


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """A term with a stable slug, translated with wagtail-localize.

    The slug is the same in every translation (it is how the forum, search and
    papers refer to a term), so it is unique per locale, not globally.
    """

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Stable identifier used across the site; the same in every language."),
    )
    name = models.CharField(_("name"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TaxonomyQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def get_by_slug(cls, slug):
        """The term with ``slug`` in the active language, or in the default
        language when it has no translation; raises ``DoesNotExist``."""
        rows = {row.locale_id: row for row in cls.objects.filter(slug=slug)}
        for get_locale in (Locale.get_active, Locale.get_default):
            try:
                locale = get_locale()
            except Locale.DoesNotExist:
                continue
            if locale.pk in rows:
                return rows[locale.pk]
        raise cls.DoesNotExist(f"No {cls.__name__} with slug {slug!r}.")


class Region(TaxonomyTerm):
    """One of the five regions that hold a GCM regional review."""

    description = models.TextField(_("description"), blank=True)
    review_convenors = models.CharField(
        _("review convenors"),
        max_length=200,
        blank=True,
        help_text=_("The bodies that convene the regional review, e.g. the UN regional commission."),
    )

    panels = [*TaxonomyTerm.panels, FieldPanel("description"), FieldPanel("review_convenors")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class GcmObjective(TaxonomyTerm):
    """One of the 23 objectives of the Global Compact for Migration."""

    number = models.PositiveSmallIntegerField(_("number"))
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("The objective's full title and what it commits to, in a paragraph."),
    )

    panels = [FieldPanel("number"), *TaxonomyTerm.panels, FieldPanel("description")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")
        ordering = ["number"]
        unique_together = [("translation_key", "locale"), ("slug", "locale"), ("number", "locale")]

    def __str__(self):
        return f"{self.number}. {self.name}"


class GuidingPrinciple(TaxonomyTerm):
    """One of the GCM's ten cross-cutting guiding principles."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class StakeholderGroup(TaxonomyTerm):
    """A constituency of the whole-of-society approach (migrants, trade unions, …)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class CountryQuerySet(models.QuerySet):
    def for_region(self, region):
        """The countries of ``region``: a slug or a ``Region`` in any language."""
        if isinstance(region, Region):
            return self.filter(region__translation_key=region.translation_key)
        return self.filter(region__slug=region)

    def with_un_country_network(self):
        """The countries that have a UN country network on migration."""
        return self.filter(has_un_country_network=True)


class CountryForm(WagtailAdminModelForm):
    """Offers only the default language's regions: a country's region is
    always the English row, and its translations follow through the key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.in_default_locale()


class Country(index.Indexed, models.Model):
    """A country and the region whose review it takes part in.

    Not a translated snippet: its name comes in every language from
    django-countries' catalogues, keyed by the ISO 3166-1 alpha-2 code.
    """

    code = CountryField(_("country"), unique=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="countries",
        help_text=_("The region of the default language; its translations follow."),
    )
    has_un_country_network = models.BooleanField(_("has a UN country network on migration"), default=False)

    objects = CountryQuerySet.as_manager()

    base_form_class = CountryForm
    panels = [FieldPanel("code"), FieldPanel("region"), FieldPanel("has_un_country_network")]
    search_fields = [index.FilterField("code")]

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self):
        return str(self.code.name)

    @property
    def name(self):
        """The country's name in the active language (from django-countries)."""
        return self.code.name

    @property
    def localized_region(self):
        """The region's row in the active language (the English row if untranslated)."""
        return self.region.localized


class ConceptForm(WagtailAdminModelForm):
    """Marks an entry saved in the admin, so that loading the shipped
    thesaurus again never overwrites what an analyst wrote."""

    def save(self, commit=True):
        self.instance.edited_in_admin = True
        return super().save(commit=commit)


class Concept(models.Model):
    """One entry of the trilingual GCM thesaurus: a concept and the words each
    language uses for it.

    Search maps a query's words through these to the other languages' terms
    (``search.crosslanguage``), and objective suggestions start from them. Not
    a translated snippet: one row holds all three languages, as a
    terminology database's entry does. The shipped entries come from
    ``hub/taxonomy/thesaurus/*.json`` (``load_taxonomy``); analysts add and
    correct entries in the admin, and the loader never overwrites an entry
    edited there.
    """

    key = models.SlugField(
        _("key"),
        max_length=80,
        unique=True,
        help_text=_("Stable identifier of the concept, in English words (e.g. recruitment-fees)."),
    )
    terms_en = models.TextField(
        _("English terms"), help_text=_("One term per line; the first is the preferred term.")
    )
    terms_fr = models.TextField(
        _("French terms"), help_text=_("One term per line; the first is the preferred term.")
    )
    terms_ar = models.TextField(
        _("Arabic terms"), help_text=_("One term per line; the first is the preferred term.")
    )
    objectives = models.ManyToManyField(
        GcmObjective,
        blank=True,
        related_name="+",
        verbose_name=_("GCM objectives"),
        limit_choices_to={"locale__language_code": "en"},
        help_text=_("The objectives whose vocabulary this concept belongs to."),
    )
    edited_in_admin = models.BooleanField(
        _("edited in the admin"),
        default=False,
        editable=False,
        help_text=_("Loading the shipped thesaurus again leaves this entry as staff wrote it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    base_form_class = ConceptForm
    panels = [
        FieldPanel("key"),
        FieldPanel("terms_en"),
        FieldPanel("terms_fr"),
        FieldPanel("terms_ar"),
        FieldPanel("objectives"),
    ]

    class Meta:
        verbose_name = _("thesaurus concept")
        verbose_name_plural = _("thesaurus concepts")
        ordering = ["key"]

    def __str__(self):
        return self.preferred("en") or self.key

    def terms(self, language):
        """The concept's terms in ``language`` (ar, en or fr), preferred first, blanks dropped."""
        text = getattr(self, f"terms_{language}", "") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def preferred(self, language):
        terms = self.terms(language)
        return terms[0] if terms else ""
