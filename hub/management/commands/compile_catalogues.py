"""Compile every .po catalogue under LOCALE_PATHS to .mo without GNU gettext.

Django's ``compilemessages`` needs ``msgfmt`` from GNU gettext, which a fresh
machine may not have; polib (a wagtail-localize dependency) writes the same
.mo files in pure Python, so ``make run`` needs nothing beyond Python.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every <lang>/LC_MESSAGES/*.po catalogue under LOCALE_PATHS into a .mo file."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogue(s).")
