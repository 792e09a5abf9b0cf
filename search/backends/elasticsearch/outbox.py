"""The transactional outbox that feeds Elasticsearch.

Writers call ``enqueue`` inside the transaction that changes a post (the same
signal handlers that update the database backend), so the outbox row commits
or rolls back with the post and nothing ever talks to Elasticsearch while a
post is being saved. ``drain`` (run by ``manage.py search_worker``) sends
due rows in batches; a failed row is retried with exponential back-off and
jitter, and is dead after ``max_attempts``.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from search.models import IndexOutbox

Operation = IndexOutbox.Operation
State = IndexOutbox.State
# A claimed row is hidden from other workers this long; a worker that dies
# mid-batch leaves its rows to be picked up again after it.
LEASE = timedelta(minutes=2)
ERROR_CHARS = 2000


def enabled():
    return getattr(settings, "SEARCH_BACKEND", "database") == "elasticsearch"


def enqueue(post_ids, operation=Operation.INDEX):
    """Record that ``post_ids`` must be (re)indexed or removed.

    Call it inside the post's transaction. Does nothing when Elasticsearch is
    not the configured backend (the database backend updates itself in the
    same transaction instead). Returns the number of rows written.
    """
    if not enabled():
        return 0
    post_ids = list(dict.fromkeys(post_ids))
    # One save of a post fires several signals (post, contribution, objectives);
    # a row not yet taken by the worker already covers them, since the worker
    # reads the post as it is when it sends.
    waiting = set(
        IndexOutbox.objects.filter(
            post_id__in=post_ids,
            operation=Operation(operation),
            state=IndexOutbox.State.PENDING,
            attempts=0,
            next_attempt_at__lte=timezone.now(),
        ).values_list("post_id", flat=True)
    )
    rows = [IndexOutbox(post_id=pk, operation=Operation(operation)) for pk in post_ids if pk not in waiting]
    IndexOutbox.objects.bulk_create(rows)
    return len(rows)


@dataclass
class RetryPolicy:
    max_attempts: int = 20
    base_delay: float = 1.0  # seconds before the first retry
    max_delay: float = 60.0  # cap, so a recovered server is used within a minute
    jitter: bool = True

    @classmethod
    def from_settings(cls):
        return cls(
            max_attempts=getattr(settings, "SEARCH_OUTBOX_MAX_ATTEMPTS", cls.max_attempts),
            base_delay=getattr(settings, "SEARCH_OUTBOX_BASE_DELAY", cls.base_delay),
            max_delay=getattr(settings, "SEARCH_OUTBOX_MAX_DELAY", cls.max_delay),
        )

    def delay(self, attempts):
        """Seconds to wait after the ``attempts``-th failure.

        Full exponential growth, capped; jitter spreads the retries of a
        backlog so a recovering server is not hit by all of them at once.
        """
        delay = min(self.base_delay * 2 ** (attempts - 1), self.max_delay)
        return delay * random.uniform(0.5, 1.0) if self.jitter else delay  # noqa: S311 (not crypto)


@dataclass
class DrainReport:
    claimed: int = 0
    done: int = 0
    retried: int = 0
    dead: int = 0

    def add(self, other):
        self.claimed += other.claimed
        self.done += other.done
        self.retried += other.retried
        self.dead += other.dead


def claim(batch_size, now=None):
    """Due pending rows, oldest first, leased to this worker.

    The transaction is short on purpose: on SQLite a transaction held across
    a slow Elasticsearch call would block every post being written.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = IndexOutbox.objects.filter(state=State.PENDING, next_attempt_at__lte=now).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        rows = list(due[:batch_size])
        IndexOutbox.objects.filter(pk__in=[row.pk for row in rows]).update(next_attempt_at=now + LEASE)
    return rows


def latest_operations(rows):
    """post id → operation of its newest row: ten edits of one post are one send."""
    operations = {}
    for row in sorted(rows, key=lambda row: row.pk):
        operations[row.post_id] = row.operation
    return operations


def _fail(row, error, policy, now):
    row.attempts += 1
    row.last_error = error[:ERROR_CHARS]
    if row.attempts >= policy.max_attempts:
        row.state = State.DEAD
    else:
        row.next_attempt_at = now + timedelta(seconds=policy.delay(row.attempts))


def drain_once(sender, batch_size=200, policy=None):
    """Claim one batch, send it with ``sender``, record each row's outcome.

    ``sender(operations)`` takes {post id: operation} and returns {post id:
    error} for the posts that failed; it raises for a failure of the whole
    request (connection refused, timeout, 429 or 5xx for the request).
    """
    policy = policy or RetryPolicy.from_settings()
    rows = claim(batch_size)
    report = DrainReport(claimed=len(rows))
    if not rows:
        return report
    try:
        errors = sender(latest_operations(rows))
    except Exception as error:  # any failure is retried, then dead-lettered
        message = f"{type(error).__name__}: {error}"
        errors = dict.fromkeys((row.post_id for row in rows), message)
    now = timezone.now()
    for row in rows:
        if row.post_id in errors:
            _fail(row, errors[row.post_id], policy, now)
            if row.state == State.DEAD:
                report.dead += 1
            else:
                report.retried += 1
        else:
            row.state = State.DONE
            row.last_error = ""
            report.done += 1
    IndexOutbox.objects.bulk_update(rows, ["state", "attempts", "next_attempt_at", "last_error"])
    return report


def drain(sender, batch_size=200, policy=None):
    """Drain until no row is due (failed rows wait for their next attempt)."""
    total = DrainReport()
    while (report := drain_once(sender, batch_size, policy)).claimed:
        total.add(report)
    return total


def requeue(states=(State.DEAD,), since=None):
    """Make rows pending again (dead rows after an outage was fixed; rows
    sent to the old index while a rebuild was loading the new one)."""
    rows = IndexOutbox.objects.filter(state__in=states)
    if since is not None:
        rows = rows.filter(created__gte=since)
    return rows.update(state=State.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error="")


def prune(older_than=timedelta(days=7)):
    """Forget done rows after a while; dead rows stay until an operator acts."""
    return IndexOutbox.objects.filter(state=State.DONE, created__lt=timezone.now() - older_than).delete()[0]


def counts():
    pending = IndexOutbox.objects.filter(state=State.PENDING)
    oldest = pending.order_by("created").values_list("created", flat=True).first()
    return {
        "pending": pending.count(),
        "dead": IndexOutbox.objects.filter(state=State.DEAD).count(),
        "oldest_pending": oldest,
    }
