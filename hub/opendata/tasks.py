"""Writing the open data every night, in the task worker
(``manage.py db_worker --backend background``).

The schedule is a chain, as the objective suggestions' retraining
(``search.suggestions.tasks``): each run first queues the next one, at the
next ``OPEN_DATA_DUMP_HOUR`` o'clock UTC, then writes the dump, so a failed
dump never ends the chain, and a worker that was down runs one late dump,
not one per night missed. ``manage.py write_open_data --schedule`` starts it
with a first dump at once (running it again adds no second chain while one
is waiting or running).
"""

import logging
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from . import dump

logger = logging.getLogger(__name__)


def next_run(now=None):
    """The next ``OPEN_DATA_DUMP_HOUR`` o'clock UTC strictly after ``now``."""
    now = (now or timezone.now()).astimezone(UTC)
    hour = settings.OPEN_DATA_DUMP_HOUR % 24
    run = datetime.combine(now.date(), time(hour), tzinfo=UTC)
    return run if run > now else run + timedelta(days=1)


@task(backend="background")
def write_open_data():
    """Queue tomorrow's run, then write the dump → its counts."""
    write_open_data.using(run_after=next_run()).enqueue()
    manifest = dump.write()
    logger.info("Open data written: %s contributions", manifest["contributions"])
    return {"written": manifest["written"], "contributions": manifest["contributions"]}


def waiting_runs():
    """The chain's runs queued or running now."""
    return DBTaskResult.objects.filter(
        task_path=write_open_data.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    )


def start_schedule():
    """Queue a first run now unless the chain is already going; True if queued."""
    if waiting_runs().exists():
        return False
    write_open_data.enqueue()
    return True
