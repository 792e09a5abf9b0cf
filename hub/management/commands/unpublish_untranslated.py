"""Unpublish the translated pages that went live untranslated."""

from django.core.management.base import BaseCommand

from hub.translation import live_untranslated_pages


class Command(BaseCommand):
    help = (
        "Unpublish the Arabic and French pages that are live without one translated string: made "
        "with 'Translate this page' before translations waited for their translator, they show the "
        "source language's words. Each goes back to being a draft for its translator; the pages of "
        "the demo content are fully translated and stay live. Run once after upgrading."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list the pages.")

    def handle(self, *args, dry_run=False, **options):
        pages = [page for page, _translation in live_untranslated_pages()]
        for page in pages:
            self.stdout.write(f"  {page.locale.language_code}: {page.url_path}")
            if not dry_run:
                page.unpublish(log_action=True)
        verb = "would be unpublished" if dry_run else "unpublished, waiting for their translator"
        self.stdout.write(self.style.SUCCESS(f"{len(pages)} untranslated pages {verb}."))
