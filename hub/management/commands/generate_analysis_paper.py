"""Generate an analysis paper's draft from a region's contributions, as the admin does."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from forum.models import ContributionKind
from hub.models import Country, GenerationStatus, PaperGeneration, Region, RegionPage, StakeholderGroup
from hub.papers import generate

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _day(value, option):
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise CommandError(f"{option} {value!r} is not a date (YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = (
        "Generate the draft of an analysis paper from the public contributions to a region's "
        "discussion space (with any search filter), under the region page in the draft's language. "
        "Prints progress, then the number of contributions, the time taken and where to edit the "
        "draft. --regenerate ID generates again from an earlier generation's frozen set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", help="Region slug, e.g. arab-states (required unless --regenerate).")
        parser.add_argument("--from", dest="date_from", help="Contributions from this day (YYYY-MM-DD).")
        parser.add_argument("--to", dest="date_to", help="Contributions until this day, inclusive.")
        parser.add_argument("--q", default="", help="Words the contributions must contain.")
        parser.add_argument(
            "--objective", action="append", default=[], type=int, help="GCM objective number (repeatable)."
        )
        parser.add_argument(
            "--group", action="append", default=[], help="Stakeholder group slug (repeatable)."
        )
        parser.add_argument("--country", action="append", default=[], help="ISO country code (repeatable).")
        parser.add_argument(
            "--language-filter",
            action="append",
            default=[],
            choices=LANGUAGE_CODES,
            help="Only contributions written in this language (repeatable).",
        )
        parser.add_argument(
            "--type",
            action="append",
            default=[],
            choices=list(ContributionKind.values),
            help="Contribution type (repeatable).",
        )
        parser.add_argument("--compare-region", help="Compare with this region's contributions.")
        parser.add_argument("--compare-from", help="Compare with contributions from this day.")
        parser.add_argument("--compare-to", help="Compare with contributions until this day.")
        parser.add_argument("--title", help="The draft's title.")
        parser.add_argument(
            "--language", default="en", choices=LANGUAGE_CODES, help="The draft's language (default en)."
        )
        parser.add_argument(
            "--regenerate",
            type=int,
            metavar="GENERATION_ID",
            help="Generate again from this generation's set.",
        )

    def handle(self, *args, **options):
        if options["regenerate"] is not None:
            generation = self._regeneration(options)
        else:
            generation = self._generation(options)
        self.stdout.write(f"Generation {generation.pk}: {generation.title}")

        def progress(percent, stage):
            self.stdout.write(f"{percent:3d}% {stage}")

        generation = generate.run(generation, progress=progress)
        if generation.status != GenerationStatus.FINISHED:
            raise CommandError(f"Generation {generation.pk} failed: {generation.error}")
        edit = reverse("wagtailadmin_pages:edit", args=[generation.page_id])
        self.stdout.write(
            self.style.SUCCESS(
                f"Draft written from {generation.contribution_count} contributions "
                f"in {generation.seconds:.1f} s: {edit}"
            )
        )

    def _regeneration(self, options):
        given = [
            name
            for name in (
                "region",
                "date_from",
                "date_to",
                "compare_region",
                "compare_from",
                "compare_to",
                "title",
            )
            if options[name]
        ]
        given += [
            name
            for name in ("q", "objective", "group", "country", "language_filter", "type")
            if options[name]
        ]
        if given:
            raise CommandError(
                "--regenerate takes the earlier generation's search as it was; leave out "
                + ", ".join("--" + name.replace("_", "-").replace("date-", "") for name in given)
                + "."
            )
        try:
            source = PaperGeneration.objects.get(pk=options["regenerate"])
        except PaperGeneration.DoesNotExist:
            raise CommandError(f"There is no paper generation {options['regenerate']}.") from None
        try:
            return generate.regenerate(source)
        except ValueError as error:
            raise CommandError(str(error)) from error

    def _generation(self, options):
        region = options["region"]
        if not region:
            raise CommandError("Give --region (a region slug, e.g. arab-states) or --regenerate ID.")
        slugs = set(Region.objects.values_list("slug", flat=True))
        for option in ("region", "compare_region"):
            if options[option] and options[option] not in slugs:
                raise CommandError(
                    f"Unknown region {options[option]!r}; choose one of {', '.join(sorted(slugs))}."
                )
        language = options["language"]
        page = (
            RegionPage.objects.filter(region__slug=region, locale__language_code=language)
            .order_by("path")
            .first()
        )
        if page is None:
            raise CommandError(
                f"There is no region page for {region!r} in {language!r} to hold the draft; "
                "create or translate the region page first."
            )
        for number in options["objective"]:
            if not 1 <= number <= 23:
                raise CommandError(f"--objective {number}: GCM objectives are numbered 1 to 23.")
        groups = set(StakeholderGroup.objects.values_list("slug", flat=True))
        for group in options["group"]:
            if group not in groups:
                raise CommandError(f"Unknown stakeholder group {group!r}.")
        codes = {str(code) for code in Country.objects.values_list("code", flat=True)}
        for country in options["country"]:
            if country.upper() not in codes:
                raise CommandError(f"Unknown country {country!r} (an ISO 3166-1 alpha-2 code, e.g. JO).")

        filters = QueryDict(mutable=True)
        if options["q"]:
            filters["q"] = options["q"]
        for name, values in (
            ("objective", [str(n) for n in options["objective"]]),
            ("group", options["group"]),
            ("country", [c.upper() for c in options["country"]]),
            ("language", options["language_filter"]),
            ("type", options["type"]),
        ):
            filters.setlist(name, values)
        query = filters.copy()
        query["region"] = region
        dates = {}
        for option, key in (("date_from", "from"), ("date_to", "to")):
            if options[option]:
                dates[key] = query[key] = _day(options[option], f"--{key}")
        if "from" in dates and "to" in dates and dates["from"] > dates["to"]:
            raise CommandError("--from is after --to.")

        comparison = ""
        if options["compare_region"] or options["compare_from"] or options["compare_to"]:
            other = filters.copy()
            other["region"] = options["compare_region"] or region
            for option, key in (("compare_from", "from"), ("compare_to", "to")):
                if options[option]:
                    other[key] = _day(options[option], f"--{option.replace('_', '-')}")
                elif key in dates:
                    other[key] = dates[key]
            if other.urlencode() == query.urlencode():
                raise CommandError("The comparison selects the same contributions as the paper.")
            comparison = other.urlencode()

        title = options["title"]
        if not title:
            region_row = Region.objects.filter(
                slug=region, locale=Locale.objects.get(language_code=language)
            ).first()
            name = region_row.name if region_row else region
            with translation.override(language):
                title = translation.gettext("Analysis of the contributions: %(region)s") % {"region": name}
        try:
            return generate.start(
                region_page=page,
                title=title,
                language=language,
                query=query.urlencode(),
                comparison_query=comparison,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
