"""What search stores in the database: the embedded index (the ``database``
backend) and the Elasticsearch outbox (the ``elasticsearch`` backend).

The embedded search index: one row per contribution, in the site's database.

Only the ``database`` backend reads these tables. A row carries the filter
columns denormalised from the post, its topic and its contribution (so a
search never joins machina's tables) and ``terms``, the analysed text that
the full-text index (SQLite FTS5 table ``search_contributionfts``, or a
PostgreSQL ``tsvector`` column) is built from. Both are created by
``search/migrations/0001_dbsearch.py``; SQLite triggers keep FTS5 in step with
every insert, update of ``terms`` and delete of a row, whatever path (ORM,
cascade, raw SQL) made it. A later migration that makes Django rebuild this
table on SQLite drops those triggers: it must run ``fulltext.create``
again.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContributionDocument(models.Model):
    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    # Plain columns, not foreign keys: they are filters, copied from the
    # post's topic and contribution, and refreshed whenever those change.
    forum_id = models.IntegerField()
    topic_id = models.IntegerField(db_index=True)
    region = models.CharField(max_length=100)
    type = models.CharField(max_length=20)
    language = models.CharField(max_length=8)
    stakeholder_group = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=2, blank=True)
    created = models.DateTimeField(db_index=True)
    # post.approved and topic.approved: what anyone may ever see.
    visible = models.BooleanField()
    has_attachment = models.BooleanField(default=False)
    external_id = models.CharField(max_length=200, blank=True)
    terms = models.TextField(blank=True)
    # Which analysis produced ``terms``; ``search_index sync`` redoes rows of an older one.
    analysis_version = models.CharField(max_length=32)
    indexed_at = models.DateTimeField()

    def __str__(self):
        return f"document {self.post_id}"


class DocumentObjective(models.Model):
    """The GCM objectives of a document, one row each.

    A side table rather than a "|5|6|" text column: the objective filter and
    facet then use an index ((number, document) for "objective 5", the
    foreign key's index for the facet join) instead of a LIKE over every
    candidate row, and browsing one objective with no text reads only its
    rows.
    """

    document = models.ForeignKey(ContributionDocument, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["number", "document"], name="search_objective_number_document")
        ]
        # The facet's join reads each matched document's numbers from this index
        # alone (the foreign key's own index sent it to the table for each number).
        indexes = [models.Index(fields=["document", "number"], name="search_objective_doc_number")]

    def __str__(self):
        return f"{self.document_id}: {self.number}"


class FacetCount(models.Model):
    """How many visible documents of a space carry one facet value.

    Written only by database triggers on the two tables above
    (``search.backends.database.facetcounts``); a browse of every
    contribution reads its facets and total here.
    """

    forum_id = models.IntegerField()
    dimension = models.CharField(max_length=20)
    value = models.CharField(max_length=100)
    documents = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["forum_id", "dimension", "value"], name="search_facetcount_value")
        ]

    def __str__(self):
        return f"{self.forum_id} {self.dimension}={self.value}: {self.documents}"


class Stamp(models.Model):
    """A value renewed by database triggers whenever the tables it watches
    change: row 1 the embedded index, row 2 forum permissions (see
    ``search.stamp``). Cached search figures are keyed by them."""

    value = models.BigIntegerField()

    def __str__(self):
        return str(self.value)


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


class SavedSearch(models.Model):
    """A signed-in reader's search, kept to run again and, if asked, to e-mail its new matches daily.

    ``params`` is the query string ``search.params.params_from_query`` writes
    (without a page), so the saved search replays exactly as it was shown;
    it is read back with ``query_from_params`` at every run, so a filter
    value that no longer exists is dropped, never an error.
    """

    class Alert(models.TextChoices):
        NONE = "none", _("No e-mail")
        DAILY = "daily", _("Daily e-mail")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=200)
    params = models.TextField(max_length=4000, blank=True)
    # The language of the site when the search was saved: its alerts are written in it.
    language = models.CharField(max_length=8)
    alert = models.CharField(_("e-mail alert"), max_length=10, choices=Alert.choices, default=Alert.NONE)
    created = models.DateTimeField(default=timezone.now)
    # When the alert was last turned on: it reports nothing created before.
    alert_since = models.DateTimeField(null=True, blank=True)
    # When the last alert run looked at this search (sent or not): the next
    # run looks at contributions created since then (see search/saved/alerts.py).
    last_alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["alert", "user"], name="search_saved_alert_user")]

    def __str__(self):
        return self.name


class SavedSearchAlerted(models.Model):
    """A contribution already e-mailed for a saved search.

    Each run looks back a few days before the previous one (a post held for
    moderation, or indexed late by Elasticsearch, becomes findable after it
    was created); these rows keep such a look-back from sending anything
    twice. Rows older than the look-back are pruned.
    """

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="alerted")
    # No foreign key: a deleted post needs no cascade here, the row is pruned anyway.
    post_id = models.PositiveBigIntegerField()
    alerted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "post_id"], name="search_saved_alerted_once")
        ]

    def __str__(self):
        return f"{self.saved_search_id}: {self.post_id}"


# --------------------------------------------------------------- API tokens
# Search API tokens: how an analyst's script calls the JSON API and exports as that analyst.
#
# A token is shown once, when it is made (``manage.py api_token create``), and
# only its SHA-256 is stored: a copied database does not hand out working
# tokens. A salted slow hash is not needed, as for passwords: the key is 256
# random bits, so there is nothing to guess. Requests send
# ``Authorization: Token <key>``; a token acts with its user's permissions, and
# stops working when the user is deactivated or the token deleted.

KEY_PREFIX_CHARS = 8  # kept in clear, so an operator can tell tokens apart
# last_used is written at most this often: one write per request would make
# every API call a database write.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def create_token(self, user, name):
        """(token, key): the key is returned here and never stored."""
        key = secrets.token_urlsafe(32)
        while key.startswith("-"):
            # A prefix starting with "-" reads as an option on the command
            # line (``api_token revoke PREFIX``): draw again.
            key = secrets.token_urlsafe(32)
        token = self.create(user=user, name=name, key_hash=hash_key(key), prefix=key[:KEY_PREFIX_CHARS])
        return token, key

    def authenticate(self, key):
        """The active user a key belongs to, or None; notes the token's use."""
        if not key or len(key) > 200:
            return None
        token = self.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None or not token.user.is_active:
            return None
        now = timezone.now()
        if token.last_used is None or now - token.last_used > LAST_USED_PRECISION:
            type(token).objects.filter(pk=token.pk).update(last_used=now)
        return token.user


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="search_api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=KEY_PREFIX_CHARS, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        app_label = "search"
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


# Campaigns' tables live beside their code; Django finds them through this module.
from search.campaigns.models import (  # noqa: E402, F401
    Campaign,
    CampaignAction,
    CampaignMember,
    CampaignRuling,
    ContributionPrint,
    PrintBand,
)
