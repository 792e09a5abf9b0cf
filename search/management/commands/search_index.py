from django.core.management.base import BaseCommand, CommandError

from forum.models import Contribution
from hub.core.progress import Progress
from search.backends import IndexWriteFailed, get_backend


class Command(BaseCommand):
    help = (
        "Maintain the contribution search index of the configured backend. rebuild: empty it and index "
        "every contribution; sync: index what is missing or stale, drop what is gone; status: counts; "
        "verify: list differences between the visible contributions and the index (exit status 1 if any)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "sync", "status", "verify"])

    def handle(self, *args, action, verbosity, **options):
        backend = get_backend()
        try:
            getattr(self, action)(backend, verbosity)
        except IndexWriteFailed as error:
            raise CommandError(f"{action} stopped: {error}") from error

    def rebuild(self, backend, verbosity):
        total = Contribution.objects.count()
        progress = Progress(self.stderr, total, "Indexing", enabled=verbosity > 0)
        report = backend.rebuild(progress=progress)
        progress.finish()
        done = report.documents
        rate = done / progress.elapsed if progress.elapsed else 0
        self.stdout.write(f"{done} contribution(s) indexed in {progress.elapsed:.1f} s ({rate:,.0f}/s).")
        for line in report:
            self.stdout.write(line)

    def sync(self, backend, verbosity):
        progress = Progress(self.stderr, 0, "Syncing", enabled=False)
        touched = backend.sync(progress=progress)
        self.stdout.write(f"{touched} contribution(s) brought up to date.")

    def status(self, backend, verbosity):
        for key, value in backend.status().items():
            self.stdout.write(f"{key}: {value}")

    def verify(self, backend, verbosity):
        differences = backend.verify()
        for line in differences:
            self.stdout.write(line)
        if differences:
            raise CommandError(
                f"{len(differences)} difference(s) between the contributions and the index; "
                "`search_index sync` repairs them."
            )
        self.stdout.write("The index matches the visible contributions.")
