"""The search pages: the site's search (pages and contributions together) and
the analysts' contribution search (facets, chips, sort, pages).

Both read their parameters with ``search.params`` and ask ``search.facade``,
the one query API, which applies what the viewer may read. Both are
rate-limited (search.ratelimit) and say so with 429 and ``Retry-After``.
"""

import re
from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.models import Locale, Page

from forum.models import RegionalSpace
from hub.core.bounds import id_or_none
from search import ratelimit
from search.backends import SearchUnavailable
from search.campaigns import moderation as campaign_moderation
from search.facade import search
from search.http.actions import actions_for
from search.http.presentation import chips, facets, hit_views, pagination, query_url
from search.labels import Labels
from search.params import MULTI, params_from_query, query_from_params
from search.query import MAX_QUERY_CHARS, ContributionQuery, query_text

RESULTS_PER_SECTION = 20
SITE_CONTRIBUTIONS = 5  # contributions shown on the site search, before "see all"

# Parameters that only the contribution search understands: the site search
# hands a request carrying any of them over to it.
CONTRIBUTION_PARAMETERS = {*MULTI, "from", "to", "attachment", "campaigns", "campaign", "sort", "page"}
# Other names for them, still found in links: machina's advanced search form
# names spaces by forum id ("search_forums"), and analysis papers were written
# with "space" and "until".
ALIASES = {"space": "region", "until": "to"}


def page_search_terms(query):
    """Only the words of a query, for Wagtail's page search.

    The database backend hands its query to SQLite FTS5, where a stray quote
    or a bare operator is a syntax error; plain words never are.
    """
    return " ".join(re.findall(r"\w+", query))


def canonical_params(params):
    """``params`` with the aliases above replaced, or None when there are none."""
    if not any(name in params for name in (*ALIASES, "search_forums")):
        return None
    pairs = []
    for name, values in params.lists():
        if name == "search_forums":
            ids = [number for number in map(id_or_none, values[:50]) if number is not None]
            regions = RegionalSpace.objects.filter(forum_id__in=ids).values_list("region__slug", flat=True)
            pairs += [("region", slug) for slug in sorted(regions)]
        elif not name.startswith("search_"):  # machina's other fields mean nothing here
            pairs += [(ALIASES.get(name, name), value) for value in values]
    return pairs


def too_many(request, seconds, template="search/rate_limited.html"):
    """429 with Retry-After, on a page saying how long to wait (``template``: whose limit it is)."""
    response = render(request, template, {"retry_after": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def unavailable(request, context):
    return render(request, "search/unavailable.html", context, status=503)


class RateLimitedSearch:
    """Count each search against the visitor's limits before running it."""

    def dispatch(self, request, *args, **kwargs):
        seconds = ratelimit.retry_after(request)
        if seconds is not None:
            return too_many(request, seconds)
        return super().dispatch(request, *args, **kwargs)


class ContributionSearchView(RateLimitedSearch, TemplateView):
    """The analysts' search over contributions: query, facets, sort, pages.

    Also the target of the discussion spaces' search (machina's
    ``forum_search:search``); its advanced form's ``search_forums`` (forum
    ids) becomes the spaces' regions.
    """

    template_name = "search/contributions.html"
    extra_context = {"max_query_chars": MAX_QUERY_CHARS}

    def dispatch(self, request, *args, **kwargs):
        pairs = canonical_params(request.GET)
        if pairs is not None:  # before the rate limit: a redirect costs no search
            return redirect(f"{reverse('search_contributions')}?{urlencode(pairs)}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        query, errors = query_from_params(request.GET)
        try:
            result = search(query, request.user)
        except SearchUnavailable:
            return unavailable(request, {"query": query.text})
        base = reverse("search_contributions")
        labels = Labels.for_result(result)
        saved_query_string = urlencode(params_from_query(query, page=None))
        context = self.get_context_data(
            query=query.text,
            search=query,
            result=result,
            errors=errors,
            facets=facets(result, labels),
            chips=chips(query, labels, base),
            clear_url=query_url(
                base, ContributionQuery(text=query.text, sort=query.sort, cross_language=query.cross_language)
            ),
            hits=hit_views(result.hits, labels),
            pages=pagination(result, base),
            sort_urls={
                sort: query_url(base, query, sort=sort, page=None) for sort in ("relevance", "newest")
            },
            saved_query_string=saved_query_string,
            campaign_base=base,
            collapse_url=query_url(base, query, campaigns="collapse", page=None),
            expand_url=query_url(base, query, campaigns=None, page=None),
            all_campaigns_url=query_url(base, query, campaign=None, page=None),
            may_review_campaigns=bool(query.campaign) and campaign_moderation.may_review_any(request.user),
            # What the layers above offer this reader (analysts: a paper from this search).
            search_actions=actions_for(request, saved_query_string),
        )
        return self.render_to_response(context)


class SearchView(RateLimitedSearch, TemplateView):
    """Search pages in the visitor's language and contributions in every language."""

    template_name = "search/search.html"
    extra_context = {"max_query_chars": MAX_QUERY_CHARS}

    def dispatch(self, request, *args, **kwargs):
        pairs = canonical_params(request.GET)
        if pairs is None and any(name in request.GET for name in CONTRIBUTION_PARAMETERS):
            pairs = list(request.GET.lists())
            pairs = [(name, value) for name, values in pairs for value in values]
        if pairs is not None:  # a filtered search: the contributions page holds filters
            return redirect(f"{reverse('search_contributions')}?{urlencode(pairs)}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = query_text(self.request.GET.get("q", ""))
        context["query"] = query
        if query:
            pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
            terms = page_search_terms(query)
            context["pages"] = pages.search(terms)[:RESULTS_PER_SECTION] if terms else []
            context.update(self.contributions())
        return context

    def contributions(self):
        query, _errors = query_from_params(self.request.GET, page_size=SITE_CONTRIBUTIONS)
        try:
            result = search(query, self.request.user)
        except SearchUnavailable:
            return {"contributions_unavailable": True}
        see_all = reverse("search_contributions")
        return {
            "contributions": result,
            "hits": hit_views(result.hits, Labels({})),  # no topic names needed here
            "see_all_url": f"{see_all}?{urlencode(params_from_query(query))}",
        }
