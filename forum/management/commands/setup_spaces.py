from django.core.management.base import BaseCommand

from forum.spaces import ensure_regional_spaces


class Command(BaseCommand):
    help = "Create the five regional discussion spaces and their moderator groups (idempotent)."

    def handle(self, *args, **options):
        spaces = ensure_regional_spaces()
        if options["verbosity"]:
            self.stdout.write(f"{len(spaces)} regional discussion spaces ready.")
