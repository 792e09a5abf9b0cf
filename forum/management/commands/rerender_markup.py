from django.apps import apps
from django.core.management.base import BaseCommand

from forum.rerender import rerender_stored_markup


class Command(BaseCommand):
    help = (
        "Render stored posts, forum descriptions and signatures again with the "
        "current Markdown renderer and sanitiser (after changing forum/markup.py)."
    )

    def handle(self, *args, **options):
        count = rerender_stored_markup(apps)
        if options["verbosity"]:
            self.stdout.write(f"{count} rendered texts refreshed.")
