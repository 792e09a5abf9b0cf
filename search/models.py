"""What the search app stores in the database: the Elasticsearch outbox."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexOutbox(models.Model):
    """A change to send to Elasticsearch, written in the post's own transaction.

    A rolled-back post leaves no row; a committed post always has one, even
    when Elasticsearch is down. ``manage.py search_worker`` sends rows and
    marks them done, or retries them later with exponential back-off until
    ``SEARCH_OUTBOX_MAX_ATTEMPTS``, after which they are dead (kept for an
    operator: ``search_worker --requeue-dead``).
    """

    class Operation(models.TextChoices):
        INDEX = "index", _("index")
        REMOVE = "remove", _("remove")

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        DONE = "done", _("done")
        DEAD = "dead", _("dead")

    # No foreign key: a "remove" row must outlive its deleted post.
    post_id = models.PositiveBigIntegerField(db_index=True)
    operation = models.CharField(max_length=10, choices=Operation.choices)
    created = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)

    class Meta:
        verbose_name = _("search index change")
        verbose_name_plural = _("search index changes")
        # The worker's query: due pending rows, oldest first.
        indexes = [models.Index(fields=["state", "next_attempt_at", "id"], name="search_outbox_due")]

    def __str__(self):
        return f"{self.operation} {self.post_id} ({self.state})"
