"""The JSON API: ``GET /api/v1/contributions/`` and its OpenAPI description.

Same parameters as the analyst page (read by ``search.params``), same query
API (``search.facade.search``), so the API can never show what the page would
not: visibility is applied there, for the session's or the token's user;
anonymous callers see the public spaces' approved contributions.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from hub.core.punctuation import join_list
from search import ratelimit
from search.backends import SearchUnavailable
from search.facade import search
from search.http.auth import DEFAULT_API_RATE_LIMITS, rate_limit, request_viewer
from search.http.openapi import openapi_document
from search.params import MULTI, params_from_query, query_from_params
from search.query import MAX_PAGE_SIZE, PAGE_SIZE

# Every parameter the contributions endpoint reads; the OpenAPI document must list each (tested).
PARAMETERS = ("q", *MULTI, "from", "to", "attachment", "sort", "page", "page_size")
UNAVAILABLE_RETRY_SECONDS = 30


def _json(data, status=200, **headers):
    # Arabic and French stay readable in the body rather than \u escapes.
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name.replace("_", "-")] = str(value)
    # What a caller gets depends on who they are: never cached for someone else.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Authorization", "Cookie", "Accept-Language"))
    return response


def error_response(status, message, **headers):
    return _json({"detail": message, "errors": [message]}, status=status, **headers)


def unauthorized(message):
    return error_response(401, message, WWW_Authenticate='Token realm="api"')


def too_many(wait):
    return error_response(
        429,
        ngettext(
            "Too many requests. Please wait %(seconds)s second.",
            "Too many requests. Please wait %(seconds)s seconds.",
            wait,
        )
        % {"seconds": wait},
        Retry_After=wait,
    )


def _page_size(params, errors):
    raw = params.get("page_size", "").strip()
    if not raw:
        return PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        errors.append(
            _("page_size must be a whole number from 1 to %(max)s; %(default)s was used.")
            % {"max": MAX_PAGE_SIZE, "default": PAGE_SIZE}
        )
        return PAGE_SIZE
    return size


def _page_url(request, query, page):
    pairs = params_from_query(query, page=page if page != 1 else None)
    if query.page_size != PAGE_SIZE:
        pairs.append(("page_size", str(query.page_size)))
    return request.build_absolute_uri(f"{request.path}?{urlencode(pairs)}" if pairs else request.path)


def hit_json(request, hit):
    return {
        "id": hit.post_id,
        "external_id": hit.external_id,
        "url": request.build_absolute_uri(hit.url),
        "region": hit.region,
        "topic": {"id": hit.topic_id, "subject": hit.topic_subject},
        "type": hit.type,
        "objectives": list(hit.objectives),
        "language": hit.language,
        "stakeholder_group": hit.stakeholder_group,
        "organisation": hit.organisation,
        "country": hit.country,
        "created": hit.created.isoformat(),
        "has_attachment": hit.has_attachment,
        "snippet": hit.snippet,
    }


@require_safe
def contributions(request):
    viewer, problem = request_viewer(request)
    wait = rate_limit(request, viewer, "api", "SEARCH_API_RATE_LIMITS", DEFAULT_API_RATE_LIMITS)
    if wait:
        return too_many(wait)
    if problem:
        return unauthorized(problem)
    errors = []
    page_size = _page_size(request.GET, errors)
    query, query_errors = query_from_params(request.GET, page_size=page_size)
    errors = query_errors + errors
    try:
        result = search(query, viewer)
    except SearchUnavailable:
        return error_response(
            503,
            _("Search is temporarily unavailable. Please try again in a moment."),
            Retry_After=UNAVAILABLE_RETRY_SECONDS,
        )
    last_page = max(1, -(-result.total // query.page_size))
    return _json(
        {
            "count": result.total,
            "page": query.page,
            "page_size": query.page_size,
            "next": _page_url(request, query, query.page + 1) if query.page < last_page else None,
            "previous": _page_url(request, query, min(query.page - 1, last_page)) if query.page > 1 else None,
            "results": [hit_json(request, hit) for hit in result.hits],
            "facets": {
                name: [{"value": fc.value, "count": fc.count} for fc in counts]
                for name, counts in result.facets.items()
            },
            "facets_capped": result.facets_capped,
            "ranking_capped": result.ranking_capped,
            "errors": errors,
        }
    )


@require_safe
def openapi(request):
    return _json(openapi_document())


def describe_limit(spec):
    """ "60/m" → "60 per minute", in the active language."""
    units = {1: _("%(count)s per second"), 60: _("%(count)s per minute"), 3600: _("%(count)s per hour")}
    units[86400] = _("%(count)s per day")
    phrases = []
    for count, period in ratelimit.parse(spec):
        phrase = units.get(period) or ngettext(
            "%(count)s per %(seconds)s second", "%(count)s per %(seconds)s seconds", period
        )
        phrases.append(phrase % {"count": count, "seconds": period})
    return join_list(phrases) or _("no limit")


@require_safe
def index(request):
    """A short page for people: what the API is, where its description is."""
    limits = {**DEFAULT_API_RATE_LIMITS, **getattr(settings, "SEARCH_API_RATE_LIMITS", {})}
    context = {
        "contributions_url": request.build_absolute_uri(reverse("search_api:contributions")),
        "openapi_url": reverse("search_api:openapi"),
        "example_query": "?" + urlencode([("q", "recruitment"), ("objective", "6")]),
        "anonymous_limit": describe_limit(limits["anonymous"]),
        "authenticated_limit": describe_limit(limits["authenticated"]),
        "csv_url": reverse("search_export:csv"),
        "xlsx_url": reverse("search_export:xlsx"),
        "dictionary_url": reverse("search_export:dictionary"),
    }
    return render(request, "api/index.html", context)
