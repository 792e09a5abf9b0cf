import argparse

from django.core.management.base import BaseCommand

from forum.seeding import YEARS, seed_contributions
from hub.core.progress import Progress


def _years(value):
    """``2020-2021`` (or one year, ``2021``) as (first, last), within the dates the site keeps."""
    first, _dash, last = value.partition("-")
    try:
        years = (int(first), int(last or first))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: write the years as 2020-2021") from None
    if not 1990 <= years[0] <= years[1] <= 2100:
        raise argparse.ArgumentTypeError(f"{value!r}: the years go from 1990 to 2100, the first first")
    return years


class Command(BaseCommand):
    help = (
        "Add demo contributions in Arabic, English and French to the regional spaces: all regions, "
        "objectives, stakeholder groups and types, dated 2023–2024 (or --years). The same --seed always "
        "gives the same contributions (external ids seed-S-1 … seed-S-N), so running it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=200, help="How many contributions (default 200).")
        parser.add_argument("--seed", type=int, default=1, help="Which set of contributions (default 1).")
        parser.add_argument(
            "--years",
            type=_years,
            default=YEARS,
            help="The years they are dated in, e.g. 2020-2021 (default 2023-2024).",
        )

    def handle(self, *args, count, seed, years, verbosity, **options):
        progress = Progress(self.stderr, count, "Seeding", enabled=verbosity > 1 or count >= 1000)
        result = seed_contributions(max(count, 0), seed, progress=progress, years=years)
        progress.finish()
        if verbosity:
            self.stdout.write(
                f"{result.imported} demo contribution(s) added (seed {seed}), "
                f"{result.already_imported} already there."
            )
