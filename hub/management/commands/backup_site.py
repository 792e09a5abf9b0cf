"""Back up the site while it runs: the SQLite database through SQLite's
online backup API (a consistent copy, even with writers at work), and the
uploaded files (``MEDIA_ROOT``, ``PRIVATE_MEDIA_ROOT``).

    manage.py backup_site /srv/backups/hub-2024-05-01

To restore: stop the site, put ``hub.sqlite3`` where ``DATABASE_URL`` points
and the two folders back where the settings point, then run
``manage.py migrate`` and ``manage.py search_index rebuild`` (the search
index is rebuilt, never restored) and ``manage.py search_index verify``.
On PostgreSQL use ``pg_dump``/``pg_restore`` for the database instead.
"""

import shutil
import sqlite3
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Copy the SQLite database (online backup) and the uploaded files into an empty directory."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="a directory that does not exist yet, or is empty")

    def handle(self, *args, destination, **options):
        if connection.vendor != "sqlite":
            raise CommandError("backup_site copies SQLite databases; on PostgreSQL use pg_dump.")
        target = Path(destination)
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} is not empty.")
        target.mkdir(parents=True, exist_ok=True)
        database = target / "hub.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(database)
        try:
            # Pages are copied in steps; a write by another process between
            # steps makes SQLite start again, so the copy is always consistent.
            connection.connection.backup(copy, pages=1024)
            (result,) = copy.execute("PRAGMA integrity_check").fetchone()
        finally:
            copy.close()
        if result != "ok":
            raise CommandError(f"The copy failed its integrity check: {result}")
        for name, source in (("media", settings.MEDIA_ROOT), ("private", settings.PRIVATE_MEDIA_ROOT)):
            if source and Path(source).is_dir():
                shutil.copytree(source, target / name)
        self.stdout.write(f"Backed up the database and uploaded files into {target}.")
