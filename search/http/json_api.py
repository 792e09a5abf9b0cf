"""The JSON API: ``GET /api/v1/contributions/`` and its OpenAPI description,
on Django REST framework.

Same parameters as the analyst page (read by ``search.params``), same query
API (``search.facade.search``), so the API can never show what the page would
not: visibility is applied there, for the session's or the token's user;
anonymous callers see the public spaces' approved contributions. The OpenAPI
document is drf-spectacular's, read from the view and its serializers.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated, Throttled
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from hub.core.punctuation import join_list
from search import ratelimit
from search.backends import SearchUnavailable
from search.facade import search
from search.http.auth import DEFAULT_API_RATE_LIMITS, ApiTokenAuthentication, SearchApiThrottle
from search.http.serializers import ContributionListSerializer, ErrorSerializer
from search.params import MULTI, params_from_query, query_from_params
from search.query import MAX_PAGE_SIZE, MAX_QUERY_CHARS, PAGE_SIZE, Sort

# Every parameter the contributions endpoint reads; the OpenAPI document must list each (tested).
PARAMETERS = (
    "q",
    *MULTI,
    "from",
    "to",
    "attachment",
    "campaigns",
    "campaign",
    "crosslanguage",
    "sort",
    "page",
    "page_size",
)
UNAVAILABLE_RETRY_SECONDS = 30


def _body(message):
    return {"detail": message, "errors": [message]}


def _error(status, message, **headers):
    return Response(
        _body(message), status=status, headers={k.replace("_", "-"): str(v) for k, v in headers.items()}
    )


def too_many(wait):
    wait = max(1, int(wait))
    message = ngettext(
        "Too many requests. Please wait %(seconds)s second.",
        "Too many requests. Please wait %(seconds)s seconds.",
        wait,
    ) % {"seconds": wait}
    return _error(429, message, Retry_After=wait)


def answer_refusals(exc, context):
    """Refusals in the API's own words and shape (``detail`` and ``errors``)."""
    if isinstance(exc, Throttled):
        return too_many(exc.wait)
    if isinstance(exc, AuthenticationFailed | NotAuthenticated):
        return _error(401, str(exc.detail), WWW_Authenticate='Token realm="api"')
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        response.data = _body(str(response.data["detail"]))
    return response


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


def _listed(name, description, item=OpenApiTypes.STR, **more):
    return OpenApiParameter(
        name,
        item,
        description=f"{description} Repeat to match any of several.",
        many=True,
        explode=True,
        style="form",
        **more,
    )


OPENAPI_PARAMETERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description=(
            "Words to find, in Arabic, French or English. Arabic spelling variants (hamza and alef "
            "forms, ta marbuta, alef maqsura, diacritics, tatweel) and common prefixes and suffixes "
            "match; French and English words match their other forms. All words must match. "
            f"Longer than {MAX_QUERY_CHARS} characters is cut. No operators: every character is text."
        ),
    ),
    _listed("region", "Region slug, such as arab-states."),
    _listed("topic", "Topic (discussion) id.", OpenApiTypes.INT),
    _listed("objective", "GCM objective number (1–23).", OpenApiTypes.INT),
    _listed("group", "Stakeholder group slug, such as civil-society."),
    _listed("country", "ISO 3166-1 alpha-2 country code, such as SN."),
    _listed("language", "Language of the contribution: ar, en or fr."),
    _listed("type", "Contribution type: comment, recommendation, good-practice, report, pledge or question."),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Posted on or after this day (YYYY-MM-DD, UTC)."),
    OpenApiParameter(
        "to", OpenApiTypes.DATE, description="Posted on or before this day (YYYY-MM-DD, UTC, inclusive)."
    ),
    OpenApiParameter(
        "attachment",
        OpenApiTypes.STR,
        enum=["yes", "no"],
        description="yes: only contributions with an attached file; no: only those without.",
    ),
    OpenApiParameter(
        "campaigns",
        OpenApiTypes.STR,
        enum=["collapse"],
        description=(
            "collapse: one result per campaign (near-identical contributions from different authors), "
            "its earliest; count then counts voices. Each result's campaign gives the campaign's size."
        ),
    ),
    OpenApiParameter(
        "campaign", OpenApiTypes.INT, description="Only the contributions of this campaign (its id)."
    ),
    OpenApiParameter(
        "sort",
        OpenApiTypes.STR,
        enum=[str(s) for s in Sort],
        description="relevance (the default when q is given) or newest (the default otherwise).",
    ),
    OpenApiParameter(
        "crosslanguage",
        OpenApiTypes.STR,
        enum=["on", "off"],
        default="on",
        description=(
            "on (the default): q also finds contributions in the other two languages, through the "
            "GCM thesaurus's concepts, ranked after those matching q's own words; each says how it "
            "matched in matched_through. off: only q's own words."
        ),
    ),
    OpenApiParameter("page", OpenApiTypes.INT, default=1, description="Page number, from 1 (to 10,000)."),
    OpenApiParameter(
        "page_size",
        OpenApiTypes.INT,
        default=PAGE_SIZE,
        description=f"Results per page, 1 to {MAX_PAGE_SIZE}.",
    ),
]


class CallerApiView(APIView):
    """A read-only endpoint of the API whose answer depends on who calls:
    by session or token, counted by the API's limits, refused in the API's
    own words, never cached for someone else."""

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [SearchApiThrottle]
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "head"]

    def get_exception_handler(self):
        return answer_refusals

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ("Authorization", "Cookie", "Accept-Language"))
        return response


class ContributionsView(CallerApiView):
    """Search contributions: one page of matches, the total and facet counts."""

    @extend_schema(
        operation_id="listContributions",
        summary="Search contributions",
        parameters=OPENAPI_PARAMETERS,
        responses={
            200: ContributionListSerializer,
            401: OpenApiResponse(ErrorSerializer, description="The API token is not valid."),
            429: OpenApiResponse(ErrorSerializer, description="Too many requests: wait Retry-After seconds."),
            503: OpenApiResponse(
                ErrorSerializer,
                description="The search engine is down for a moment: try after Retry-After seconds.",
            ),
        },
    )
    def get(self, request):
        errors = []
        page_size = _page_size(request.GET, errors)
        query, query_errors = query_from_params(request.GET, page_size=page_size)
        errors = query_errors + errors
        try:
            result = search(query, request.user)
        except SearchUnavailable:
            return _error(
                503,
                _("Search is temporarily unavailable. Please try again in a moment."),
                Retry_After=UNAVAILABLE_RETRY_SECONDS,
            )
        last_page = max(1, -(-result.total // query.page_size))
        answer = {
            "count": result.total,
            "page": query.page,
            "page_size": query.page_size,
            "next": _page_url(request, query, query.page + 1) if query.page < last_page else None,
            "previous": _page_url(request, query, min(query.page - 1, last_page)) if query.page > 1 else None,
            "results": result.hits,
            "facets": result.facets,
            "facets_capped": result.facets_capped,
            "ranking_capped": result.ranking_capped,
            "errors": errors,
        }
        return Response(ContributionListSerializer(answer, context={"request": request}).data)


contributions = ContributionsView.as_view()


class OpenApiView(SpectacularJSONAPIView):
    """The OpenAPI document of this API alone (Wagtail's pages API has its own address)."""

    urlconf = "search.http.api_urls"
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    throttle_classes = []


openapi = OpenApiView.as_view()


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
