import time

from django.core.management.base import BaseCommand

from hub.opendata import dump, tasks


class Command(BaseCommand):
    help = (
        "Write every public contribution (what an anonymous caller of /api/v1/contributions/ may read, "
        "as it answers) to OPEN_DATA_DIR (var/open-data/): contributions.jsonl, contributions.csv and "
        "manifest.json, each file replaced whole. With --schedule, only start the task worker's chain "
        "that writes them now and then every night at OPEN_DATA_DUMP_HOUR UTC (nothing if it is "
        "already going)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the nightly chain in the background task worker instead of writing now.",
        )

    def handle(self, *args, schedule, verbosity, **options):
        if schedule:
            started = tasks.start_schedule()
            if verbosity:
                self.stdout.write(
                    "Open data queued for the task worker (manage.py db_worker --backend background), "
                    f"then every night at {tasks.next_run():%H:%M} UTC."
                    if started
                    else "The open data is already scheduled."
                )
            return
        began = time.monotonic()
        manifest = dump.write()
        seconds = time.monotonic() - began
        if verbosity:
            count = manifest["contributions"]
            self.stdout.write(
                f"{count} public contribution(s) written to {dump.directory()} in {seconds:.1f} s "
                f"({count / max(seconds, 1e-9):.0f} rows/s)."
            )
