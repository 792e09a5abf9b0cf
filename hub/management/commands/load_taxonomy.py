"""Load the regions, GCM objectives, guiding principles, stakeholder groups and
countries in English, Arabic and French."""

import time

from django.core.management.base import BaseCommand

from hub.taxonomy.data import load_taxonomy


class Command(BaseCommand):
    help = (
        "Create or update the shared taxonomy (regions, GCM objectives, guiding principles, "
        "stakeholder groups, countries) from hub/taxonomy/data.py, with Arabic and French "
        "translations. Safe to run again: unchanged rows are left as they are, and names "
        "edited in the data file are updated."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        counts = load_taxonomy()
        for name, count in counts.items():
            self.stdout.write(f"{name.capitalize()}: {count}.")
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Taxonomy loaded in {elapsed:.2f} s."))
