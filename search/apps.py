from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search across pages and contributions."""

    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The handlers read the forum's models: they load once the app registry is ready.
        from search.signals import connect

        connect()
        post_migrate.connect(watch_pages_after_migrate, sender=self, dispatch_uid="search.watch_pages")


def watch_pages_after_migrate(sender, using, **kwargs):
    """Every table the migrations left is watched by the pages stamp (search.stamp)."""
    # Loaded when the signal comes, like the handlers above: apps.py loads before the models.
    from search.stamp import watch_pages

    watch_pages(connections[using])
