"""Anonymous pages, spaces and topics served from a shared cache.

Most readers are not signed in, and what they are shown is the same for all
of them in one language. Rendering a region page or a topic takes tens of
milliseconds; reading it back from the cache shared by every worker takes
well under one. So an anonymous GET of a Wagtail page, the forum's index, a
space or a topic is answered from the ``pages`` cache when it can be, and
its rendering stored when it could not.

Who gets a cached page is decided from the request alone, before anything
is rendered: a GET carrying no cookie but the CSRF and language cookies
(a signed-in reader always carries the session cookie, so never gets one),
no credentials, under a language prefix. The key holds the language, the
host, the scheme and the whole path with its query string, and the
**pages stamp** (search/stamp.py): database triggers renew it on any change
to anything a public page may show — a publish, an approved post, a
moderation, through the ORM or not — so a page stored before a change is
never served after it, in any process. Entries also expire after
``PAGE_CACHE_SECONDS``, which bounds what changes with the clock alone (an
event that has passed); each entry lives between 80 and 100 % of it, so the
pages stored together after a change are rendered again over a minute rather
than in the same second. An entry past its lifetime is kept
``PAGE_CACHE_STALE_SECONDS`` longer: the first reader to find it renders the
page again (claiming it in the cache for ``RENDERING_SECONDS``) while the
others are served the stale copy (``X-Page-Cache: stale``), so the re-render
costs one reader instead of every reader arriving in that second. Only the
clock makes an entry stale: a change renews the stamp, hence the key, so
no stale copy of what a change removed is ever served.

A rendering is stored only if it is a plain 200 for an anonymous reader
that sets no cookie and used no CSRF token (a form for one visitor must not
reach another). Cached pages carry ``Cache-Control: public, no-cache`` and
an ETag of the stamp: a front proxy may keep them but asks again each time,
and a conditional request is answered 304. Every other answer to a reader
with cookies is marked ``private``, so a proxy never keeps a signed-in page.
"""

import hashlib
import random
import time
from collections import Counter

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.db.models import F
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.utils.translation import override
from machina.core.db.models import get_model

from search.stamp import PAGES, cache_key

CACHE = "pages"
HEADER = "X-Page-Cache"
# The routes whose anonymous renderings are cached (Wagtail's pages; machina's index, spaces and
# topics; the open data's page; the public participation dashboard, whatever its filters).
CACHED_ROUTES = {
    "wagtail_serve",
    "forum:index",
    "forum:forum",
    "forum_conversation:topic",
    "open_data:page",
    "participation:dashboard",
}
TOPIC_ROUTE = "forum_conversation:topic"
# The query parameters these pages read (a list's page, the news index's
# region). Any other makes the request uncached: random parameters must not
# fill the cache with copies of one page.
CACHED_PARAMETERS = {"page", "region"}
# And those a route reads besides (the dashboard's filters, one value each).
ROUTE_PARAMETERS = {"participation:dashboard": {"cycle", "language", "type"}}
LONGEST_PARAMETER = 40
# Response headers a cached page keeps (those of the middlewares outside this one are added again).
DROPPED_HEADERS = {"set-cookie", "content-length", "date", "expires"}
# How long one reader has to render a stale page again before another may
# try (gunicorn's request timeout: a reader killed mid-render frees it then).
RENDERING_SECONDS = 30


def lifetime():
    """Seconds an entry lives: ``PAGE_CACHE_SECONDS``, less up to a fifth, drawn anew for each."""
    seconds = settings.PAGE_CACHE_SECONDS
    return max(1, round(seconds * random.uniform(0.8, 1.0)))  # noqa: S311 — spreading, not secrecy


def rendering_key(key):
    """The cache key claimed by the reader who renders the stale page stored under ``key``."""
    return f"{key}:rendering"


def _languages():
    return {code for code, _name in settings.LANGUAGES}


def cached_route(request):
    """(language, route match) of a request that may be answered from the cache, else None."""
    if request.method != "GET" or not settings.PAGE_CACHE_SECONDS:
        return None
    allowed = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    if any(name not in allowed for name in request.COOKIES) or "HTTP_AUTHORIZATION" in request.META:
        return None
    if any(len(values) > 1 or len(values[0]) > LONGEST_PARAMETER for _name, values in request.GET.lists()):
        return None
    language = request.path_info.split("/")[1]
    if language not in _languages():
        return None
    try:
        with override(language):
            match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.view_name not in CACHED_ROUTES:
        return None
    read = CACHED_PARAMETERS | ROUTE_PARAMETERS.get(match.view_name, set())
    return (language, match) if set(request.GET) <= read else None


def _storable(request, response):
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (user is not None and user.is_authenticated)
        and not any(word in response.get("Cache-Control", "") for word in ("private", "no-store"))
        and response.get("Content-Type", "").startswith("text/html")
    )


def _mark_private(request, response):
    """A rendering for a reader with cookies is never kept by a proxy (unless the view said otherwise)."""
    if request.COOKIES and not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)
    return response


def _mark_public(response, etag):
    response["ETag"] = etag
    patch_cache_control(response, public=True, no_cache=True)
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        route = cached_route(request)
        if route is None:
            return _mark_private(request, self.get_response(request))
        language, match = route
        try:
            # Read before rendering: a change committed meanwhile renews the
            # stamp, so what is stored under this one is never served after it.
            key = cache_key(PAGES, language, request.scheme, request.get_host(), request.get_full_path())
        except (DatabaseError, DisallowedHost):
            return self.get_response(request)  # the view answers (or explains) a database outage
        etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
        cache = caches[CACHE]
        entry = cache.get(key)
        if entry is not None:
            content, headers, *fresh_until = entry  # stored before stale copies were kept: no time
            stale = time.time() >= (fresh_until or [0])[0]
            # A stale copy is served unless this reader is the one to render it again.
            if not stale or not cache.add(rendering_key(key), True, RENDERING_SECONDS):
                return self._cached(request, match, content, headers, etag, "stale" if stale else "hit")
        response = self.get_response(request)
        if not _storable(request, response):
            return _mark_private(request, response)
        headers = {k: v for k, v in response.items() if k.lower() not in DROPPED_HEADERS}
        seconds = lifetime()
        cache.set(
            key,
            (response.content, headers, time.time() + seconds),
            seconds + settings.PAGE_CACHE_STALE_SECONDS,
        )
        if entry is not None:
            cache.delete(rendering_key(key))
        response[HEADER] = "miss"
        _mark_public(response, etag)
        if etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            return self._not_modified(etag)
        return response

    def _cached(self, request, match, content, headers, etag, state):
        if match.view_name == TOPIC_ROUTE:
            count_topic_view(match.kwargs["pk"])
        if etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            return self._not_modified(etag)
        response = HttpResponse(content, headers=headers)
        response[HEADER] = state
        return _mark_public(response, etag)

    @staticmethod
    def _not_modified(etag):
        response = HttpResponseNotModified()
        response[HEADER] = "hit"
        return _mark_public(response, etag)


# Views of topics answered from the cache, counted in this process and added
# to the topics at most every VIEWS_FLUSH_SECONDS: one UPDATE (one commit) per
# view cost more than the rest of a hit. A worker that stops loses at most
# that interval's count.
VIEWS_FLUSH_SECONDS = 10.0
_pending_views = Counter()
_last_flush = [time.monotonic()]


def count_topic_view(topic_id):
    """What machina's topic view does on every view, for a view answered from the cache."""
    _pending_views[topic_id] += 1
    if time.monotonic() - _last_flush[0] >= VIEWS_FLUSH_SECONDS:
        flush_topic_views()


def flush_topic_views():
    pending = dict(_pending_views)
    _pending_views.clear()
    _last_flush[0] = time.monotonic()
    Topic = get_model("forum_conversation", "Topic")
    for topic_id, views in pending.items():
        try:
            Topic.objects.filter(pk=topic_id).update(views_count=F("views_count") + views)
        except DatabaseError:
            _pending_views[topic_id] += views  # a busy database: counted at the next flush
