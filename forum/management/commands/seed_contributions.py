from django.core.management.base import BaseCommand

from forum.seeding import seed_contributions
from hub.core.progress import Progress


class Command(BaseCommand):
    help = (
        "Add demo contributions in Arabic, English and French to the regional spaces: all regions, "
        "objectives, stakeholder groups and types, dated 2023–2024. The same --seed always gives "
        "the same contributions (external ids seed-S-1 … seed-S-N), so running it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=200, help="How many contributions (default 200).")
        parser.add_argument("--seed", type=int, default=1, help="Which set of contributions (default 1).")

    def handle(self, *args, count, seed, verbosity, **options):
        progress = Progress(self.stderr, count, "Seeding", enabled=verbosity > 1 or count >= 1000)
        result = seed_contributions(max(count, 0), seed, progress=progress)
        progress.finish()
        if verbosity:
            self.stdout.write(
                f"{result.imported} demo contribution(s) added (seed {seed}), "
                f"{result.already_imported} already there."
            )
