"""Generating a paper in the task worker (``manage.py db_worker --backend background``).

The admin's form creates the generation (``generate.start``) and queues it
here once its row is committed (``enqueue``); the worker runs the engine,
which writes its status, stage and progress to the row as it goes, so the
admin page shows them. Whatever goes wrong, the row ends FINISHED or FAILED
with a readable error: never RUNNING for ever. A generation that stays
RUNNING past ``STALLED_AFTER`` (a worker killed mid-run) is shown as stalled
and may be generated again.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from hub.models import AnalysisPaperPage, GenerationStatus, PaperGeneration

from . import generate
from .pdf import draw

logger = logging.getLogger(__name__)

STALLED_AFTER = timedelta(minutes=30)


def is_stalled(generation, now=None):
    """True when ``generation`` has been queued or running for longer than
    ``STALLED_AFTER``: its worker died or never came."""
    if generation.status not in (GenerationStatus.QUEUED, GenerationStatus.RUNNING):
        return False
    since = generation.started_at or generation.created_at
    return since is not None and (now or timezone.now()) - since > STALLED_AFTER


def fail(generation, message):
    """Mark ``generation`` FAILED with ``message``, whatever state the row is in."""
    PaperGeneration.objects.filter(pk=generation.pk).update(
        status=GenerationStatus.FAILED, error=str(message)[:5000], finished_at=timezone.now()
    )


@task(backend="background")
def generate_paper(generation_id):
    """Run the engine for one generation; returns its final status."""

    generation = PaperGeneration.objects.filter(pk=generation_id).first()
    if generation is None:
        return "gone"
    if generation.status != GenerationStatus.QUEUED:
        # Queued twice, or already handled: never run a generation again.
        return generation.status
    try:
        generation = generate.run(generation)
    except Exception as error:  # the engine should not raise; if it does, say so on the row
        logger.exception("Generation %s failed", generation_id)
        fail(generation, _("The generation stopped with an unexpected error: %(error)s") % {"error": error})
        return GenerationStatus.FAILED
    generation.refresh_from_db()
    if generation.status in (GenerationStatus.QUEUED, GenerationStatus.RUNNING):
        fail(generation, _("The generation ended without finishing its work."))
        return GenerationStatus.FAILED
    return generation.status


def enqueue(generation):
    """Queue ``generation`` for the worker when the caller's transaction
    commits (at once outside one): the worker never looks for a row that is
    not there yet."""
    transaction.on_commit(lambda: generate_paper.enqueue(generation.pk))


@task(backend="background")
def draw_pdf(page_id):
    """Draw and store the PDF of a published paper (``hub.papers.pdf``)."""

    page = AnalysisPaperPage.objects.live().filter(pk=page_id).first()
    if page is None:
        return "gone"
    return draw(page)
