"""Writing validated contributions into machina, a batch at a time.

Rows come from ``forum.importing`` (a file) or ``forum.seeding`` (generated).
Each batch is one transaction of bulk inserts: topics that are missing,
posts, contributions, their objectives and attachments; then machina's
denormalised counters (topic and forum post counts, last post) are
recomputed for what the batch touched, so the spaces read right after every
batch. machina's own ``Post.save()`` would do that per post, at a few
queries each.
"""

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils.text import slugify
from machina.core.db.models import get_model

from hub.core.batches import batches

from .models import Contribution
from .signals import announce_written

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")
Attachment = get_model("forum_attachments", "Attachment")
ForumProfile = get_model("forum_member", "ForumProfile")

BATCH_SIZE = 1000
# machina requires an anonymous key on a post without a poster. Anonymous
# visitors get a uuid4 hex as theirs, which never equals this, so no visitor
# can edit an imported post as its "author".
IMPORTED_ANONYMOUS_KEY = "imported"


@dataclass
class ImportCount:
    imported: int = 0
    already_imported: int = 0
    topics_created: int = 0


@contextmanager
def keep_timestamps(*models):
    """Let bulk_create store the ``created``/``updated`` values we set.

    ``bulk_create`` runs each field's ``pre_save``, which overwrites
    ``auto_now``/``auto_now_add`` fields with the current time; an imported
    contribution keeps the date it was written. The fields are shared by the
    process, so this is for management commands, not request handling.
    """
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def refresh_planner_statistics():
    """Tell PostgreSQL's planner how many posts and contributions there now are.

    After thousands of rows arrive at once the tables' statistics still
    describe them as they were (empty, after a fresh install or a restore),
    until autovacuum comes round. A paper generated or a search run in that
    window is planned for empty tables: nested loops over the whole set,
    seconds per statement instead of milliseconds. ``ANALYZE`` samples the
    tables in well under a second; SQLite plans from its indexes alone.
    """
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model in (Topic, Post, Contribution, Contribution.objectives.through)]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')  # the table names come from the models


def count_new_posts(posts):
    """Bring machina's counters up to date with these newly written posts.

    The same values as ``Topic.update_trackers()`` (approved posts count,
    first post of any state, last approved post), reached from each topic's
    current counters and the new posts alone: recounting a topic's posts on
    every batch made a large import slow down as its topics filled (a
    thousand rows into topics of ten thousand posts each read half a million
    rows). Then machina's own ``Forum.update_trackers()`` once per forum,
    which sums its topics' counters.
    """
    by_topic = defaultdict(list)
    for post in posts:
        by_topic[post.topic_id].append(post)
    if not by_topic:
        return
    # Locked: a stakeholder posting into one of these topics meanwhile would
    # otherwise have its count overwritten by ours.
    topics = (
        Topic.objects.select_for_update(of=("self",))
        .filter(pk__in=by_topic)
        .select_related("first_post")
        .order_by()
    )
    changed = []
    for topic in topics:
        new = by_topic[topic.pk]
        approved = [post for post in new if post.approved]
        topic.posts_count += len(approved)
        first = min(new, key=lambda post: (post.created, post.pk))
        # A tie on the date goes to the older post, as machina's ordering does.
        if topic.first_post is None or first.created < topic.first_post.created:
            topic.first_post_id = first.pk
        if approved:
            last = max(approved, key=lambda post: (post.created, post.pk))
            if topic.last_post_on is None or last.created >= topic.last_post_on:
                topic.last_post_id, topic.last_post_on = last.pk, last.created
        changed.append(topic)
    Topic.objects.bulk_update(changed, ["posts_count", "first_post", "last_post", "last_post_on"])
    for forum in Forum.objects.filter(pk__in={topic.forum_id for topic in changed}):
        forum.update_trackers()


class Importer:
    """Imports ``ContributionRow`` s; remembers topics and posters across batches."""

    def __init__(self, batch_size=BATCH_SIZE, progress=None):
        self.batch_size = batch_size
        self.progress = progress or (lambda done: None)
        self.count = ImportCount()
        self._topics = {}  # (forum_id, subject) -> topic id
        self._posters = {}  # lower-cased e-mail -> user id or None
        self._content_field = Post._meta.get_field("content")

    def run(self, rows):
        for batch in batches(rows, self.batch_size):
            self._import_batch(batch)
            self.progress(len(batch))
        if self.count.imported:
            refresh_planner_statistics()
        return self.count

    @transaction.atomic
    def _import_batch(self, batch):
        existing = set(
            Contribution.objects.filter(external_id__in=[row.external_id for row in batch]).values_list(
                "external_id", flat=True
            )
        )
        rows = [row for row in batch if row.external_id not in existing]
        self.count.already_imported += len(batch) - len(rows)
        if not rows:
            return
        topic_ids = self._resolve_topics(rows)
        posters = self._resolve_posters(rows)
        posts = [self._post(row, topic_ids, posters) for row in rows]
        with keep_timestamps(Post):
            Post.objects.bulk_create(posts)
        pairs = list(zip(rows, posts, strict=True))
        Contribution.objects.bulk_create(self._contribution(row, post) for row, post in pairs)
        Contribution.objectives.through.objects.bulk_create(
            Contribution.objectives.through(contribution_id=post.pk, gcmobjective_id=objective_id)
            for row, post in pairs
            for objective_id in row.objective_ids
        )
        for row, post in pairs:
            if row.attachment:
                self._attach(row.attachment, post)
        self._count_member_posts(posts)
        count_new_posts(posts)
        # bulk_create sent no save signals: the search layer indexes the batch
        # in its own transaction when told (forum.signals).
        announce_written(Contribution, (post.pk for post in posts))
        self.count.imported += len(rows)

    def _resolve_topics(self, rows):
        """The topic id of each row's (forum, subject); creates the missing topics.

        A topic the import creates has no poster: it was opened by the import,
        not by any of its contributors.
        """
        wanted = {(row.forum_id, row.topic) for row in rows} - self._topics.keys()
        if wanted:
            found = Topic.objects.filter(
                forum_id__in={forum_id for forum_id, _subject in wanted},
                subject__in={subject for _forum_id, subject in wanted},
            ).order_by("-pk")
            for topic in found.only("pk", "forum_id", "subject"):
                # Ordered newest first, so the oldest of same-named topics wins.
                if (topic.forum_id, topic.subject) in wanted:
                    self._topics[topic.forum_id, topic.subject] = topic.pk
            opened = defaultdict(list)
            for row in rows:
                if (row.forum_id, row.topic) not in self._topics:
                    opened[row.forum_id, row.topic].append(row.created)
            new_topics = [
                Topic(
                    forum_id=forum_id,
                    subject=subject,
                    slug=slugify(subject, allow_unicode=True) or "topic",
                    type=Topic.TOPIC_POST,
                    status=Topic.TOPIC_UNLOCKED,
                    approved=True,
                    # Opened when its first contribution was written, not on import day.
                    created=min(dates),
                    updated=min(dates),
                )
                for (forum_id, subject), dates in opened.items()
            ]
            with keep_timestamps(Topic):
                Topic.objects.bulk_create(new_topics)
            for topic in new_topics:
                self._topics[topic.forum_id, topic.subject] = topic.pk
            self.count.topics_created += len(new_topics)
        return {(row.forum_id, row.topic): self._topics[row.forum_id, row.topic] for row in rows}

    def _resolve_posters(self, rows):
        """The account of each author e-mail that has one (case-insensitively)."""
        wanted = {row.author_email.lower() for row in rows if row.author_email} - self._posters.keys()
        if wanted:
            users = (
                get_user_model()
                .objects.annotate(email_lower=Lower("email"))
                .filter(email_lower__in=wanted)
                .order_by("-pk")
                .values_list("email_lower", "pk")
            )
            self._posters.update(dict.fromkeys(wanted))
            self._posters.update(users)  # oldest account wins when several share an address
        return self._posters

    def _post(self, row, topic_ids, posters):
        poster_id = posters.get(row.author_email.lower()) if row.author_email else None
        post = Post(
            topic_id=topic_ids[row.forum_id, row.topic],
            poster_id=poster_id,
            # machina shows ``username`` for posts without an account.
            username=None if poster_id else row.author_name[:155],
            anonymous_key=None if poster_id else IMPORTED_ANONYMOUS_KEY,
            # Imported posts were not replies: each keeps the topic's subject.
            subject=row.topic,
            approved=True,
            created=row.created,
            updated=row.created,
        )
        post.content = row.body
        # What machina's pre_save signal would render; bulk_create sends no signals.
        self._content_field.render_data(signal=None, sender=Post, instance=post)
        return post

    @staticmethod
    def _contribution(row, post):
        return Contribution(
            post_id=post.pk,
            space_id=row.space_id,
            kind=row.kind,
            language=row.language,
            language_detected=False,
            author_name=row.author_name,
            organisation=row.organisation,
            stakeholder_group_id=row.stakeholder_group_id,
            country_id=row.country_id,
            external_id=row.external_id,
        )

    @staticmethod
    def _attach(path, post):
        # Saved one by one, through the model, so whatever the attachment
        # storage does on save (checks, queuing the text for the worker)
        # happens for imports too.
        with path.open("rb") as handle:
            attachment = Attachment(post_id=post.pk)
            attachment.file.save(path.name, File(handle), save=False)
            attachment.save()

    @staticmethod
    def _count_member_posts(posts):
        """machina counts a member's approved posts on their forum profile."""
        per_poster = defaultdict(int)
        for post in posts:
            if post.poster_id:
                per_poster[post.poster_id] += 1
        for user_id, n in per_poster.items():
            profile, _created = ForumProfile.objects.get_or_create(user_id=user_id)
            ForumProfile.objects.filter(pk=profile.pk).update(posts_count=F("posts_count") + n)
