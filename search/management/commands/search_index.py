from django.core.management.base import BaseCommand, CommandError

from forum.progress import Progress
from search.backends import get_backend


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
        getattr(self, action)(backend, verbosity)

    def rebuild(self, backend, verbosity):
        from forum.models import Contribution

        total = Contribution.objects.count()
        progress = Progress(self.stderr, total, "Indexing", enabled=verbosity > 0)
        done = backend.rebuild(progress=progress)
        progress.finish()
        rate = done / progress.elapsed if progress.elapsed else 0
        self.stdout.write(f"{done} contribution(s) indexed in {progress.elapsed:.1f} s ({rate:,.0f}/s).")

    def sync(self, backend, verbosity):
        progress = Progress(self.stderr, 0, "Syncing", enabled=False)
        touched = backend.sync(progress=progress)
        self.stdout.write(f"{touched} contribution(s) brought up to date.")

    def status(self, backend, verbosity):
        for key, value in backend.status().items():
            self.stdout.write(f"{key}: {value}")

    def verify(self, backend, verbosity):
        problems = backend.verify()
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} difference(s) between the contributions and the index.")
        self.stdout.write("The index matches the visible contributions.")
