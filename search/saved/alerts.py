"""The daily alert run: for every saved search with a daily alert, the
contributions that match it and are new since the previous run, found
through the one query API as its owner (so what they may read is decided
at send time), e-mailed once per reader.

New means created since the previous run, looking back ``LOOKBACK`` more:
a post held for moderation, or indexed late by Elasticsearch, only becomes
findable after it was created, and would otherwise fall between two runs.
``SavedSearchAlerted`` remembers what was sent, so the look-back never
sends a contribution twice.
"""

import logging
from dataclasses import dataclass, field, replace
from datetime import timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.utils import timezone, translation
from machina.core.db.models import get_model

from forum.subscriptions.recipients import reachable_users
from search.facade import search
from search.models import SavedSearch, SavedSearchAlerted
from search.params import query_from_params
from search.query import MAX_PAGE_SIZE, Sort

Post = get_model("forum_conversation", "Post")
logger = logging.getLogger(__name__)

LOOKBACK = timedelta(days=3)
MAX_HITS_SHOWN = 50  # per saved search in one e-mail; the rest are counted
MAX_HITS_SCANNED = 500  # per saved search and run: bounds the work of a very broad search


@dataclass
class News:
    saved: SavedSearch
    since: object  # datetime
    hits: list = field(default_factory=list)  # the newest first
    more: bool = False  # more than MAX_HITS_SCANNED were new

    @property
    def count(self):
        return len(self.hits)


def window_start(saved, now):
    """Contributions created after this are looked at."""
    start = saved.alert_since or saved.created
    if saved.last_alerted_at is None:
        return start
    return max(start, min(saved.last_alerted_at, now) - LOOKBACK)


def find_news(saved, user, now):
    """The contributions new for ``saved``, as ``user`` may see them now."""
    since = window_start(saved, now)
    query, errors = query_from_params(QueryDict(saved.params), page_size=MAX_PAGE_SIZE)
    if errors:
        # Saved searches are stored as the parser writes them back, so this one
        # was saved before a rule changed (an id past what the database holds):
        # without the refused filter it would be a broader search than the
        # reader chose. It finds nothing until they save it again.
        logger.warning("Saved search %s skipped: %s", saved.pk, "; ".join(errors))
        return News(saved, since)
    since_day = timezone.localdate(since)
    query = replace(
        query,
        sort=Sort.NEWEST,
        page=1,
        # Narrows the search to the window's days; the exact time is checked below.
        date_from=max(query.date_from, since_day) if query.date_from else since_day,
    )
    sent = set(saved.alerted.values_list("post_id", flat=True))
    news, scanned = News(saved, since), 0
    while scanned < MAX_HITS_SCANNED:
        result = search(query, user)
        for hit in result.hits:
            if hit.created <= since:
                return _without_own(news, user)
            scanned += 1
            if hit.post_id not in sent:
                news.hits.append(hit)
        if len(result.hits) < query.page_size or query.page * query.page_size >= result.total:
            return _without_own(news, user)
        query = replace(query, page=query.page + 1)
    news.more = True
    return _without_own(news, user)


def _without_own(news, user):
    """A reader is not alerted to their own contributions."""
    own = set(
        Post.objects.filter(pk__in=[hit.post_id for hit in news.hits], poster_id=user.pk).values_list(
            "pk", flat=True
        )
    )
    if own:
        news.hits = [hit for hit in news.hits if hit.post_id not in own]
    return news


def news_or_none(saved, user, now):
    """``find_news``, or None (logged) when it fails: one saved search that
    cannot run never stops the alerts of the others, nor of later readers."""
    try:
        # A savepoint: on PostgreSQL a failed query would otherwise poison
        # the transaction a caller may hold, and every later search with it.
        with transaction.atomic():
            return find_news(saved, user, now)
    except Exception:
        logger.exception("Saved search %s of user %s failed; the others are sent", saved.pk, user.pk)
        return None


def alert_readers():
    """Readers with a confirmed address and at least one daily alert."""
    daily = SavedSearch.objects.filter(user=OuterRef("pk"), alert=SavedSearch.Alert.DAILY)
    return reachable_users().filter(Exists(daily)).order_by("pk")


def send_search_alerts(now=None):
    """Run every daily alert that has not run today; returns the number of e-mails sent.

    A saved search runs at most once per calendar day (in TIME_ZONE), so a
    second run the same day sends nothing; its window starts where the
    previous run's ended (less the look-back), so nothing falls between two.
    """
    from search.saved.mail import alert_message  # templates and URLs: only needed when sending

    now = now or timezone.now()
    today = timezone.localdate(now)
    connection = get_connection()
    sent = 0
    for user in alert_readers():
        due = [
            saved
            for saved in user.saved_searches.filter(alert=SavedSearch.Alert.DAILY).order_by("created", "pk")
            if saved.last_alerted_at is None or timezone.localdate(saved.last_alerted_at) < today
        ]
        if not due:
            continue
        # One e-mail per reader, in the language of the search they saved last.
        language = due[-1].language
        with translation.override(language):
            found = [news_or_none(saved, user, now) for saved in due]
            news = [n for n in found if n is not None and n.hits]
            # A search that failed stays due: the next run tries it again.
            due = [saved for saved, n in zip(due, found, strict=True) if n is not None]
            if news:
                connection.send_messages([alert_message(user, news)])
                sent += 1
        # Recorded per reader right after their e-mail: an interrupted run
        # resumes without sending anyone the same contribution twice.
        with transaction.atomic():
            rows = [
                SavedSearchAlerted(saved_search=n.saved, post_id=hit.post_id, alerted_at=now)
                for n in news
                for hit in n.hits
            ]
            SavedSearchAlerted.objects.bulk_create(rows, ignore_conflicts=True)
            SavedSearch.objects.filter(pk__in=[saved.pk for saved in due]).update(last_alerted_at=now)
            # What the next window cannot reach any more.
            SavedSearchAlerted.objects.filter(saved_search__in=due, alerted_at__lt=now - LOOKBACK).delete()
    return sent
