"""The Elasticsearch backend (``ELASTICSEARCH_URL`` set).

Searches go to the alias ``hub-contributions``. Writes never happen while a
post is saved: ``index``/``remove`` only add outbox rows in the caller's
transaction, and ``manage.py search_worker`` sends them (``send``). A
rebuild loads a new concrete index and swaps the alias in one call, so
searches never see a half-built index. ``sync`` and ``verify`` compare each
contribution's document (its ``visible`` flag from ``forum.visibility``, its
digest) with what the index holds.
"""

import logging
import time

from django.conf import settings
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.dsl import Q
from machina.core.db.models import get_model

from forum import visibility
from search import crosslanguage
from search.backends import Backend, IndexDifferences, IndexWriteFailed, RebuildReport, SearchUnavailable
from search.backends.elasticsearch import outbox
from search.backends.elasticsearch import source as es_source
from search.backends.elasticsearch.bulk import (
    BatchSizer,
    delete_action,
    index_action,
    item_errors,
    send_with_retries,
)
from search.backends.elasticsearch.documents import ALIAS, INDEX_PREFIX, index_for, new_index_name
from search.backends.elasticsearch.query import (
    bounded_page,
    build_search,
    facet_filters,
    fixed_filters,
    parse_response,
    query_words,
    text_condition,
)
from search.query import FACETS, Hit, SearchResult

Post = get_model("forum_conversation", "Post")
logger = logging.getLogger(__name__)

Operation = outbox.Operation
SCAN_PAGE = 1000
LOAD_ATTEMPTS = 5


class RebuildFailed(IndexWriteFailed):
    pass


class SyncFailed(IndexWriteFailed):
    pass


def make_client(url=None, timeout=None):
    """A client that fails fast: a hanging server must not hold a web worker
    (FI2), and retries are the outbox's job, not the transport's."""
    return Elasticsearch(
        url or settings.ELASTICSEARCH_URL,
        request_timeout=timeout or getattr(settings, "ELASTICSEARCH_TIMEOUT", 2.0),
        max_retries=0,
        retry_on_timeout=False,
    )


def batch_sizer():
    return BatchSizer(
        start=getattr(settings, "ELASTICSEARCH_BULK_START", 100),
        maximum=getattr(settings, "ELASTICSEARCH_BULK_MAX", 6400),
        fixed=getattr(settings, "ELASTICSEARCH_BULK_SIZE", 0) or None,
    )


class ElasticsearchBackend(Backend):
    name = "elasticsearch"

    def __init__(self, client=None, sleep=time.sleep):
        self.client = client or make_client()
        self.sleep = sleep

    # ------------------------------------------------------------ reading

    @staticmethod
    def _expansion(query):
        """The concepts found in the query's words, read with the database
        backend's analysis (the same thesaurus on both backends)."""
        return crosslanguage.expand_query(query)

    def search(self, query, visible_forum_ids):
        query = bounded_page(query)
        visible_forum_ids = sorted(set(visible_forum_ids))
        if not visible_forum_ids:
            return SearchResult(query=query, total=0, hits=[], facets={name: [] for name in FACETS})
        expansion = self._expansion(query)
        body = build_search(query, visible_forum_ids, expansion).to_dict()
        try:
            response = self.client.search(index=ALIAS, body=body)
        except (ApiError, TransportError) as error:
            logger.warning("Elasticsearch search failed: %s", error)
            raise SearchUnavailable(str(error)) from error
        total, hits, facets = parse_response(response.body, expansion)
        urls = self._visible_urls([hit["post_id"] for hit in hits], visible_forum_ids)
        # A hit the index still shows but the database no longer does (hidden,
        # unapproved, deleted, moved since the worker last ran) is dropped here.
        kept = [Hit(url=urls[hit["post_id"]], **hit) for hit in hits if hit["post_id"] in urls]
        return SearchResult(
            query=query, total=max(total - (len(hits) - len(kept)), 0), hits=kept, facets=facets
        )

    def matching_ids(self, query, visible_forum_ids):
        """Post ids of every visible match, newest first: pages of ids only, by
        ``search_after`` (no 10,000-hit window), each checked against the
        database as ``search`` checks its hits."""
        visible_forum_ids = sorted(set(visible_forum_ids))
        if not visible_forum_ids:
            return []
        filters = [*fixed_filters(query, visible_forum_ids), *facet_filters(query).values()]
        must, _boost = text_condition(query_words(query.text), self._expansion(query))
        condition = Q("bool", must=must, filter=filters).to_dict()
        ids, after = [], None
        while True:
            body = {
                "query": condition,
                "sort": [{"created": {"order": "desc"}}, {"post_id": {"order": "desc"}}],
                "_source": ["post_id"],
                "size": SCAN_PAGE,
                "track_total_hits": False,
            }
            if after is not None:
                body["search_after"] = after
            try:
                hits = self.client.search(index=ALIAS, body=body).body["hits"]["hits"]
            except (ApiError, TransportError) as error:
                logger.warning("Elasticsearch search failed: %s", error)
                raise SearchUnavailable(str(error)) from error
            batch = [int(hit["_source"]["post_id"]) for hit in hits]
            still = set(
                visibility.public_posts(
                    Post.objects.filter(pk__in=batch, topic__forum_id__in=visible_forum_ids)
                ).values_list("pk", flat=True)
            )
            ids += [pk for pk in batch if pk in still]
            if len(hits) < SCAN_PAGE:
                return ids
            after = hits[-1]["sort"]

    def _visible_urls(self, post_ids, visible_forum_ids):
        """post id → link, for the posts still visible; one query per page of hits."""
        if not post_ids:
            return {}
        rows = visibility.public_posts(
            Post.objects.filter(pk__in=post_ids, topic__forum_id__in=visible_forum_ids)
        ).values_list("pk", "topic_id", "topic__slug", "topic__forum_id", "topic__forum__slug")
        return {
            pk: visibility.at_post(visibility.topic_path(forum_slug, forum_id, topic_slug, topic_id), pk)
            for pk, topic_id, topic_slug, forum_id, forum_slug in rows
        }

    # ------------------------------------------------------------ writing

    def index(self, post_ids):
        """Queue (re)indexing; call inside the post's transaction."""
        return outbox.enqueue(post_ids, Operation.INDEX)

    def remove(self, post_ids):
        return outbox.enqueue(post_ids, Operation.REMOVE)

    def campaigns_changed(self, post_ids):
        # The documents copy the campaign and whether a post stands for it.
        return outbox.enqueue(post_ids, Operation.INDEX)

    def send(self, operations):
        """Apply {post id: operation} in one bulk request (the worker's sender).

        Raises on a failure of the whole request; returns {post id: error}
        for documents that failed on their own. ``require_alias`` stops a
        write from auto-creating a plain index named like the alias.
        """
        documents = es_source.documents_for(pk for pk, op in operations.items() if op == Operation.INDEX)
        actions = []
        for pk, operation in operations.items():
            if operation == Operation.INDEX and pk in documents:
                actions += index_action(ALIAS, documents[pk])
            else:  # removed, or no longer a contribution
                actions += delete_action(ALIAS, pk)
        if not actions:
            return {}
        response = self.client.bulk(operations=actions, require_alias=True)
        return item_errors(response.body)

    def drain(self, batch_size=200, policy=None):
        return outbox.drain(self.send, batch_size=batch_size, policy=policy)

    # ------------------------------------------------------------ index life cycle

    def alias_targets(self):
        try:
            return sorted(self.client.indices.get_alias(name=ALIAS).body)
        except NotFoundError:
            return []

    def ensure_index(self):
        """An empty index behind the alias if there is none yet, so the worker
        can write before the first rebuild. Returns the index name or None."""
        if self.alias_targets():
            return None
        name = new_index_name()
        index_for(name).aliases(**{ALIAS: {}}).create(using=self.client)
        return name

    def rebuild(self, progress=None, sizer=None):
        """Load every contribution into a new index, then swap the alias to it.

        ``progress(n)`` is called after each batch with its size. Searches
        keep using the old index until the swap; a failure deletes the new
        index and leaves the alias untouched.
        """
        progress = progress or (lambda n: None)
        sizer = sizer or batch_sizer()
        started = timezone.now()
        name = new_index_name()
        index_for(name).settings(refresh_interval="-1").create(using=self.client)
        loaded = 0
        try:
            for batch in es_source.all_documents(sizer.size):
                self._load(name, batch, sizer)
                loaded += len(batch)
                progress(len(batch))
            self.client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "1s"}})
            self.client.indices.refresh(index=name)
            old = self.alias_targets()
            actions = [{"remove": {"index": index, "alias": ALIAS}} for index in old]
            actions.append({"add": {"index": name, "alias": ALIAS}})
            self.client.indices.update_aliases(actions=actions)
        except BaseException:
            self._delete_quietly(name)
            raise
        for index in old:
            self._delete_quietly(index)
        # Changes the worker sent while this index was loading went to the old
        # index (the alias pointed there): send them again to the new one.
        outbox.requeue(states=(outbox.State.DONE,), since=started)
        return RebuildReport(documents=loaded, index=name, replaced=old, batch_sizes=sizer.history)

    def _load(self, name, batch, sizer):
        pending = batch
        for attempt in range(1, LOAD_ATTEMPTS + 1):
            actions = [line for document in pending for line in index_action(name, document)]
            started = time.monotonic()
            response = send_with_retries(
                lambda actions=actions: self.client.bulk(operations=actions),
                sleep=self.sleep,
                on_rejected=sizer.rejected,
            )
            errors = item_errors(response.body)
            if not errors:
                sizer.record(len(pending), time.monotonic() - started)
                return
            # Documents the cluster was too busy to take are sent again;
            # any other error is a bug in the document and stops the rebuild.
            busy = {pk for pk, error in errors.items() if error.startswith("429 ")}
            if busy != set(errors) or attempt == LOAD_ATTEMPTS:
                raise RebuildFailed(f"{len(errors)} document(s) refused, e.g. {next(iter(errors.items()))}")
            sizer.rejected()
            self.sleep(0.5 * 2 ** (attempt - 1))
            pending = [document for document in pending if document["post_id"] in busy]

    def _delete_quietly(self, name):
        try:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        except (ApiError, TransportError) as error:
            logger.warning("Could not delete index %s: %s", name, error)

    def stale_indices(self):
        """Concrete contribution indices no alias points to (left by a crash)."""
        current = set(self.alias_targets())
        names = self.client.indices.get(index=f"{INDEX_PREFIX}*", allow_no_indices=True).body
        return sorted(set(names) - current)

    # ------------------------------------------------------------ checking

    def status(self):
        targets = self.alias_targets()
        documents = self.client.count(index=ALIAS).body["count"] if targets else 0
        return {
            "backend": self.name,
            "alias": ALIAS,
            "indices": targets,
            "documents": documents,
            "contributions": es_source.count(),
            "outbox": outbox.counts(),
        }

    def index_digests(self):
        """post id → digest of every document in the index, paged by post id
        (search_after: no scroll context to keep alive or to stub); None when
        the alias points to no index."""
        digests, after = {}, None
        while True:
            body = {
                "size": SCAN_PAGE,
                "sort": [{"post_id": "asc"}],
                "_source": ["post_id", "digest"],
                "query": {"match_all": {}},
                "track_total_hits": False,
            }
            if after is not None:
                body["search_after"] = after
            try:
                hits = self.client.search(index=ALIAS, body=body).body["hits"]["hits"]
            except NotFoundError:
                return None
            for hit in hits:
                digests[int(hit["_source"]["post_id"])] = hit["_source"].get("digest")
            if len(hits) < SCAN_PAGE:
                return digests
            after = hits[-1]["sort"]

    def verify(self):
        """Compare every contribution's document with what the index holds.

        A visible contribution must be there with the same digest; a hidden
        one may be absent (searches never return it), but if it is there its
        document must be current (it carries ``visible: false``); anything
        else in the index is extra.
        """
        indexed = self.index_digests()
        differences = IndexDifferences()
        if indexed is None:
            differences.other.append(f"no index behind the alias {ALIAS}: run `search_index rebuild`")
            indexed = {}
        seen = set()
        for batch in es_source.all_documents(lambda: SCAN_PAGE):
            for document in batch:
                pk = document["post_id"]
                seen.add(pk)
                if pk not in indexed:
                    if document["visible"]:
                        differences.missing.append(pk)
                elif indexed[pk] != document["digest"]:
                    differences.stale.append(pk)
        differences.extra = sorted(set(indexed) - seen)
        return differences

    def sync(self, progress=None):
        """Send what ``verify`` finds missing or stale, delete what is extra.

        Written straight to the alias, as the worker writes; an empty index
        is created first if there is none. Returns how many posts were sent.
        """
        progress = progress or (lambda n: None)
        self.ensure_index()
        differences = self.verify()
        extra = set(differences.extra)
        post_ids = differences.post_ids()
        for start in range(0, len(post_ids), SCAN_PAGE):
            batch = post_ids[start : start + SCAN_PAGE]
            errors = self.send({pk: Operation.REMOVE if pk in extra else Operation.INDEX for pk in batch})
            if errors:
                raise SyncFailed(f"{len(errors)} document(s) refused, e.g. {next(iter(errors.items()))}")
            progress(len(batch))
        if post_ids:
            # So that a verify right after sees what was sent.
            self.client.indices.refresh(index=ALIAS)
        return len(post_ids)
