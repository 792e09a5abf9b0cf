"""Training the objective model again on a schedule, in the task worker
(``manage.py db_worker --backend background``).

The schedule is a chain: each run first queues the next one,
``OBJECTIVE_SUGGESTER_RETRAIN_HOURS`` later, then trains, so a failed
training never ends the chain. ``manage.py train_objective_suggester
--schedule`` starts it (once, at deployment; running it again adds no second
chain while one is waiting or running).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from . import store

logger = logging.getLogger(__name__)


def _interval():
    return timedelta(hours=max(1, settings.OBJECTIVE_SUGGESTER_RETRAIN_HOURS))


@task(backend="background")
def retrain_objective_model():
    """Queue the next run, then train on every tagged contribution and write the model file."""
    retrain_objective_model.using(run_after=timezone.now() + _interval()).enqueue()
    model = store.train()
    logger.info("Objective model trained: %s", model.trained_on)
    return model.trained_on


def waiting_runs():
    """The chain's runs queued or running now."""
    return DBTaskResult.objects.filter(
        task_path=retrain_objective_model.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    )


def start_schedule():
    """Queue a first run now unless the chain is already going; True if queued."""
    if waiting_runs().exists():
        return False
    retrain_objective_model.enqueue()
    return True
