from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum.bulk_import import Importer
from forum.importing import ContributionRow, InvalidLine, Vocabulary, read_rows
from hub.core.progress import Progress


class Command(BaseCommand):
    help = (
        "Import contributions from a JSON Lines file, one contribution per line (see the README). "
        "Every line is checked first; if any is invalid, the errors are listed with their line "
        "numbers and nothing is imported, unless --skip-invalid is given. Lines whose external_id "
        "was imported before are skipped, so a file can be imported again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON Lines file; attachment paths are relative to it.")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the valid lines even if others are invalid."
        )

    def handle(self, *args, file, skip_invalid, verbosity, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        vocabulary = Vocabulary()

        # First pass: check every line, keep only the errors (the file may be large).
        errors, valid = [], 0
        for item in read_rows(path, vocabulary):
            if isinstance(item, InvalidLine):
                errors.append(item)
            else:
                valid += 1
        for invalid in errors:
            for message in invalid.errors:
                self.stderr.write(f"{path.name}, line {invalid.line}: {message}")
        if errors and not skip_invalid:
            raise CommandError(
                f"{len(errors)} invalid line(s); nothing was imported. Correct them, or run again "
                f"with --skip-invalid to import the {valid} valid line(s)."
            )

        # Second pass: import the valid lines, in batches.
        progress = Progress(self.stderr, valid, "Importing", enabled=verbosity > 0)
        rows = (item for item in read_rows(path, vocabulary) if isinstance(item, ContributionRow))
        count = Importer(progress=progress).run(rows)
        progress.finish()
        if verbosity:
            rate = count.imported / progress.elapsed if progress.elapsed else 0
            self.stdout.write(
                f"{count.imported} contribution(s) imported ({count.topics_created} new topic(s), "
                f"{rate:,.0f} per second); {count.already_imported} already imported, skipped; "
                f"{len(errors)} invalid line(s) skipped."
            )
