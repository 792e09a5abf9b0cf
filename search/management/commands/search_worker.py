import time

from django.core.management.base import BaseCommand, CommandError
from elasticsearch import ApiError, TransportError

from search.backends.elasticsearch import ElasticsearchBackend, outbox

PRUNE_EVERY = 3600  # seconds between removals of old done rows


class Command(BaseCommand):
    help = (
        "Send queued contribution changes to Elasticsearch: retried with back-off, dead after "
        "SEARCH_OUTBOX_MAX_ATTEMPTS. Runs until stopped, or with --once until nothing is due."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Stop when no queued change is due.")
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument("--poll", type=float, default=1.0, help="Seconds to wait when nothing is due.")
        parser.add_argument(
            "--requeue-dead", action="store_true", help="Retry dead changes (after fixing their cause) first."
        )

    def handle(self, *args, once, batch_size, poll, requeue_dead, verbosity, **options):
        if not outbox.enabled():
            raise CommandError("ELASTICSEARCH_URL is not set: the database backend needs no worker.")
        backend = ElasticsearchBackend()
        if requeue_dead:
            self.stdout.write(f"{outbox.requeue()} dead change(s) queued again.")
        ensured = False
        last_prune = 0.0
        total = outbox.DrainReport()
        while True:
            if not ensured:
                ensured = self._ensure_index(backend)
            report = outbox.drain_once(backend.send, batch_size=batch_size)
            total.add(report)
            if verbosity > 1 and report.claimed:
                self.stdout.write(f"sent {report.done}, to retry {report.retried}, dead {report.dead}")
            if time.monotonic() - last_prune > PRUNE_EVERY:
                outbox.prune()
                last_prune = time.monotonic()
            if not report.claimed:
                if once:
                    break
                time.sleep(poll)
        if verbosity:
            self.stdout.write(
                f"{total.done} change(s) sent, {total.retried} to retry later, {total.dead} dead "
                f"(pending now: {outbox.counts()['pending']})."
            )

    def _ensure_index(self, backend):
        # The server may be down when the worker starts; keep draining (rows
        # just wait) and try again next round.
        try:
            name = backend.ensure_index()
        except (ApiError, TransportError) as error:
            self.stderr.write(f"Elasticsearch not reachable yet: {error}")
            return False
        if name:
            self.stdout.write(f"Created the empty index {name}; run `search_index rebuild` to fill it.")
        return True
