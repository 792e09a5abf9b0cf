"""Analysis papers in the Wagtail admin, under /admin/papers/: the form that
starts a generation from a search (the list is ``admin_list``), and each generation's
page (status, stage and progress while it runs; the draft, an audit of its
frozen contributions and "generate again" once it is done).

Every view asks ``may_generate`` on the server; the buttons a user does not
see are no permission. Users who may not enter the admin at all are sent to
the sign-in page by Wagtail before any of this runs; admin users without the
permission get 403.
"""

from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries
from wagtail.models import Locale

from forum.models import ContributionKind
from hub.core.bounds import DayField, id_or_none
from hub.core.collation import sorted_choices
from hub.models import GcmObjective, GenerationStatus, PaperGeneration, Region, RegionPage, StakeholderGroup
from search.facade import search
from search.labels import taxonomy_rows
from search.params import query_from_params
from search.query import MAX_QUERY_CHARS

from . import freeze, generate, tasks
from .analysts import may_generate


def forbidden(request):
    # A plain 403 (not PermissionDenied, which the admin turns into a
    # redirect to its dashboard): a refusal that says what it is.
    return render(
        request,
        "hub/papers/admin/forbidden.html",
        {"page_title": _("Analysis papers"), "header_icon": "doc-full"},
        status=403,
    )


def analysts_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_generate(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


# ---------------------------------------------------------------- names in the user's language


def _names(model, key, label):
    """{key: label} of a taxonomy, the admin language's rows winning over the default's."""
    return {k: label(row) for k, row in taxonomy_rows(model, key).items()}


def region_names():
    return _names(Region, lambda row: row.slug, lambda row: row.name)


def region_choices():
    """Regions that have a page, in the order of the taxonomy."""
    names = region_names()
    with_page = set(RegionPage.objects.values_list("region__slug", flat=True))
    regions = Region.objects.in_default_locale().filter(slug__in=with_page).order_by("sort_order", "slug")
    return [(region.slug, names.get(region.slug, region.name)) for region in regions]


# ---------------------------------------------------------------- the form


def _date_field(label):
    return DayField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


class GenerationForm(forms.Form):
    """What to generate: the region and the paper, then the search's filters
    (named as the search page names them, so a search's address fills the
    form), then an optional comparison."""

    region = forms.ChoiceField(label=gettext_lazy("Region"))
    title = forms.CharField(label=gettext_lazy("Title of the paper"), max_length=255)
    draft_language = forms.ChoiceField(
        label=gettext_lazy("Language of the draft"),
        choices=settings.LANGUAGES,
        help_text=gettext_lazy("The draft is written under the region's page in this language."),
    )
    q = forms.CharField(label=gettext_lazy("Search terms"), required=False, max_length=MAX_QUERY_CHARS)
    crosslanguage = forms.BooleanField(
        label=gettext_lazy("Also in other languages"),
        required=False,
        initial=True,
        help_text=gettext_lazy(
            "The search terms also find Arabic, English and French contributions on the same concept, "
            "through the GCM thesaurus."
        ),
    )
    objective = forms.TypedMultipleChoiceField(
        label=gettext_lazy("GCM objectives"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    group = forms.MultipleChoiceField(
        label=gettext_lazy("Stakeholder groups"), required=False, widget=forms.CheckboxSelectMultiple
    )
    type = forms.MultipleChoiceField(
        label=gettext_lazy("Types of contribution"), required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.MultipleChoiceField(
        label=gettext_lazy("Languages of the contributions"),
        required=False,
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    country = forms.MultipleChoiceField(label=gettext_lazy("Countries"), required=False)
    attachment = forms.ChoiceField(
        label=gettext_lazy("Attachments"),
        required=False,
        choices=[
            ("", gettext_lazy("With or without")),
            ("yes", gettext_lazy("With attachments")),
            ("no", gettext_lazy("Without attachments")),
        ],
    )
    topic = forms.TypedMultipleChoiceField(required=False, coerce=int, widget=forms.MultipleHiddenInput)
    compare_region = forms.ChoiceField(label=gettext_lazy("Compare with another region"), required=False)

    # "from" and "to" are Python keywords: added in __init__, named as in the search's address.
    DATE_FIELDS = ("from", "to", "compare_from", "compare_to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = _date_field(gettext_lazy("Contributions from"))
        self.fields["to"] = _date_field(gettext_lazy("Contributions until (that day included)"))
        self.fields["compare_from"] = _date_field(gettext_lazy("Compare with the period from"))
        self.fields["compare_to"] = _date_field(gettext_lazy("until"))
        regions = region_choices()
        self.fields["region"].choices = [("", "—"), *regions]
        self.fields["compare_region"].choices = [("", _("No other region")), *regions]
        objectives = _names(GcmObjective, lambda row: row.number, str)
        self.fields["objective"].choices = sorted(objectives.items())
        groups = _names(StakeholderGroup, lambda row: row.slug, lambda row: row.name)
        self.fields["group"].choices = sorted_choices(groups.items())
        self.fields["type"].choices = list(ContributionKind.choices)
        # django-countries keeps its English order under translated names.
        self.fields["country"].choices = sorted_choices(countries)
        # Topics come only from a search's address: keep the ids it carried.
        carried = self.data.getlist("topic") if hasattr(self.data, "getlist") else []
        self.fields["topic"].choices = [(value, value) for value in carried if id_or_none(value) is not None]
        self.order_fields(
            [
                "region",
                "title",
                "draft_language",
                "from",
                "to",
                "q",
                "objective",
                "group",
                "type",
                "language",
                "country",
                "attachment",
                "topic",
                "compare_region",
                "compare_from",
                "compare_to",
            ]
        )
        self.region_page = None

    @property
    def filter_fields(self):
        names = ("q", "crosslanguage", "objective", "group", "type", "language", "country", "attachment")
        return [self[name] for name in names]

    @property
    def comparison_fields(self):
        return [self[name] for name in ("compare_region", "compare_from", "compare_to")]

    @property
    def main_fields(self):
        return [self[name] for name in ("region", "title", "draft_language", "from", "to")]

    def clean(self):
        data = super().clean()
        if data.get("from") and data.get("to") and data["from"] > data["to"]:
            self.add_error("to", _("The end of the period comes before its start."))
        if data.get("compare_from") and data.get("compare_to") and data["compare_from"] > data["compare_to"]:
            self.add_error("compare_to", _("The end of the comparison period comes before its start."))
        compare_region = data.get("compare_region")
        if compare_region and compare_region == data.get("region"):
            message = _("Choose another region to compare with, or leave it empty and give a period.")
            self.add_error("compare_region", message)
        if bool(data.get("compare_from")) != bool(data.get("compare_to")):
            self.add_error("compare_to", _("Give both the start and the end of the comparison period."))
        region, language = data.get("region"), data.get("draft_language")
        if region and language:
            self.region_page = RegionPage.objects.filter(
                region__slug=region, locale__language_code=language
            ).first()
            if self.region_page is None:
                self.add_error(
                    "draft_language",
                    _(
                        "The region's page has no version in this language yet: translate it first, "
                        "or write the draft in another language."
                    ),
                )
        if not self.errors and not self.contribution_total():
            self.add_error(
                None,
                _(
                    "No contribution that the public can read matches this search: "
                    "a paper needs at least one. Widen the period or remove a filter."
                ),
            )
        return data

    # -- the search, as the search page writes it

    def _pairs(self, *, region, date_from, date_to):
        data = self.cleaned_data
        pairs = []
        if data.get("q"):
            pairs.append(("q", data["q"].strip()))
        if not data.get("crosslanguage"):
            pairs.append(("crosslanguage", "off"))
        pairs.append(("region", region))
        for name in ("topic", "objective", "group", "country", "language", "type"):
            pairs += [(name, str(value)) for value in sorted(data.get(name) or [], key=str)]
        if date_from:
            pairs.append(("from", date_from.isoformat()))
        if date_to:
            pairs.append(("to", date_to.isoformat()))
        if data.get("attachment"):
            pairs.append(("attachment", data["attachment"]))
        return pairs

    def query_string(self):
        data = self.cleaned_data
        pairs = self._pairs(region=data["region"], date_from=data.get("from"), date_to=data.get("to"))
        return urlencode(pairs)

    def comparison_query_string(self):
        data = self.cleaned_data
        if not data.get("compare_region") and not data.get("compare_from"):
            return ""
        return urlencode(
            self._pairs(
                region=data.get("compare_region") or data["region"],
                date_from=data.get("compare_from") or data.get("from"),
                date_to=data.get("compare_to") or data.get("to"),
            )
        )

    def contribution_total(self):
        """How many publicly readable contributions the search finds."""

        query, _errors = query_from_params(QueryDict(self.query_string()), page_size=1)
        return search(query, AnonymousUser()).total


def initial_from_search(params):
    """The form's first values from a search's address (``?region=…&q=…``)."""

    query, _errors = query_from_params(params)
    initial = {
        "q": query.text,
        "crosslanguage": query.cross_language,
        "objective": sorted(query.objectives),
        "group": sorted(query.groups),
        "type": sorted(query.types),
        "language": sorted(query.languages),
        "country": sorted(query.countries),
        "from": query.date_from,
        "to": query.date_to,
        "attachment": {True: "yes", False: "no"}.get(query.has_attachment, ""),
        "topic": sorted(query.topics),
    }
    known = dict(region_choices())
    regions = [slug for slug in sorted(query.regions) if slug in known]
    if regions:
        initial["region"] = regions[0]
    language = params.get("draft_language") or (
        Locale.get_active().language_code if Locale.objects.exists() else settings.LANGUAGE_CODE
    )
    initial["draft_language"] = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    return initial


# ---------------------------------------------------------------- the views


def _region_label(generation, names):
    region = generation.region_page.region
    return names.get(region.slug, region.name)


@analysts_only
@require_http_methods(["GET", "POST"])
def new(request):
    if request.method == "POST":
        form = GenerationForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                generation = generate.start(
                    region_page=form.region_page,
                    title=form.cleaned_data["title"].strip(),
                    language=form.cleaned_data["draft_language"],
                    query=form.query_string(),
                    comparison_query=form.comparison_query_string(),
                    requested_by=request.user,
                )
                tasks.enqueue(generation)
            messages.success(request, _("The paper is queued: this page follows its progress."))
            return HttpResponseRedirect(reverse("papers:generation", args=[generation.pk]))
        messages.error(request, _("The paper could not be generated: please correct the fields below."))
    else:
        form = GenerationForm(initial=initial_from_search(request.GET))
    return render(
        request,
        "hub/papers/admin/form.html",
        {"page_title": _("Generate a paper"), "header_icon": "doc-full", "form": form},
    )


def _visible_generation(pk):
    if id_or_none(pk) is None:  # past what the database holds: no generation
        raise Http404
    return get_object_or_404(
        PaperGeneration.objects.select_related("region_page__region", "requested_by", "page", "source"), pk=pk
    )


def status_data(generation):
    stalled = tasks.is_stalled(generation)
    return {
        "id": generation.pk,
        "status": generation.status,
        "status_label": str(generation.get_status_display()),
        "stage": str(generate.STAGES.get(generation.stage, generation.stage)),
        "progress": generation.progress,
        "stalled": stalled,
        "done": generation.status in (GenerationStatus.FINISHED, GenerationStatus.FAILED),
        "error": generation.error,
        "contributions": generation.contribution_count,
    }


def audit_of(generation):
    """How the frozen set of a finished generation stands now: {"changed": n,
    "gone": n} (gone: deleted, hidden or otherwise no longer public)."""
    if generation.status != GenerationStatus.FINISHED:
        return None
    audit = freeze.audit(generation)
    return {"changed": audit["changed"], "gone": audit["not_visible"]}


@analysts_only
@require_GET
def generation_view(request, pk):
    generation = _visible_generation(pk)
    page = generation.page
    return render(
        request,
        "hub/papers/admin/generation.html",
        {
            "page_title": _("Analysis paper generation"),
            "page_subtitle": generation.title,
            "header_icon": "doc-full",
            "generation": generation,
            "region": _region_label(generation, region_names()),
            "status": status_data(generation),
            "audit": audit_of(generation),
            "page": page,
            "search_url": f"{reverse('search_contributions')}?{generation.query}" if generation.query else "",
            "again_url": f"{reverse('papers:new')}?{generation.query}"
            + f"&{urlencode({'draft_language': generation.language})}",
        },
    )


@analysts_only
@require_GET
def status(request, pk):
    return JsonResponse(status_data(_visible_generation(pk)))


@analysts_only
@require_POST
def regenerate(request, pk):
    source = _visible_generation(pk)
    if source.status != GenerationStatus.FINISHED:
        message = _("Only a finished generation has a frozen set of contributions to start from.")
        messages.error(request, message)
        return HttpResponseRedirect(reverse("papers:generation", args=[source.pk]))
    with transaction.atomic():
        generation = generate.regenerate(source, requested_by=request.user)
        tasks.enqueue(generation)
    messages.success(request, _("A new draft is queued from the same contributions."))
    return HttpResponseRedirect(reverse("papers:generation", args=[generation.pk]))
