"""Load the demo content: pages in English, Arabic and French."""

import time

from django.core.management.base import BaseCommand, CommandError

from hub.demo_content.loader import DemoError, load_demo


class Command(BaseCommand):
    help = (
        "Create the demo content under the home page made by setup_site: a page per region, the "
        "2023–2024 roadmap, news, events, an analysis paper and an About page, each translated "
        "into Arabic and French with wagtail-localize. Safe to run again: only what is missing is "
        "created, and pages an editor changed are left alone."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            result = load_demo()
        except DemoError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if options["verbosity"] > 1:
            for line in [*result.created, *result.translated, *result.linked_spaces]:
                self.stdout.write(f"  {line}")
        done = [
            f"{len(items)} {what}"
            for items, what in [
                (result.created, "pages created"),
                (result.translated, "translations made"),
                (result.linked_spaces, "region pages linked to their discussion space"),
            ]
            if items
        ]
        if done:
            self.stdout.write(self.style.SUCCESS(f"Demo content: {', '.join(done)} in {elapsed:.1f} s."))
        elif options["verbosity"] > 0:
            self.stdout.write(f"The demo content is already there ({elapsed:.1f} s).")
