"""The site's search page: editorial pages and contributions together."""

import re

from django.db.models import Q
from django.views.generic import TemplateView
from machina.core.db.models import get_model
from wagtail.models import Locale, Page

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")

MAX_QUERY_LENGTH = 200
RESULTS_PER_SECTION = 20


def clean_query(raw):
    """Trim a query to something safe to echo and to hand to a search backend."""
    return raw.replace("\x00", "").strip()[:MAX_QUERY_LENGTH]


def page_search_terms(query):
    """Only the words of a query, for Wagtail's page search.

    The database backend hands its query to SQLite FTS5, where a stray quote
    or a bare operator is a syntax error; plain words never are.
    """
    return " ".join(re.findall(r"\w+", query))


def visible_posts(request):
    """Approved posts in approved topics of the spaces the visitor may read."""
    readable = request.forum_permission_handler.get_readable_forums(Forum.objects.all(), request.user)
    return Post.objects.filter(approved=True, topic__approved=True, topic__forum__in=readable)


class SearchView(TemplateView):
    """Search pages in the visitor's language and contributions in every language.

    Also the target of the discussion spaces' search box (machina's
    ``forum_search:search``).
    """

    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = clean_query(self.request.GET.get("q", ""))
        context["query"] = query
        if query:
            pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
            terms = page_search_terms(query)
            context["pages"] = pages.search(terms)[:RESULTS_PER_SECTION] if terms else []
            context["contributions"] = (
                visible_posts(self.request)
                .filter(Q(subject__icontains=query) | Q(content__icontains=query))
                .select_related("topic", "topic__forum", "poster")
                .order_by("-created")[:RESULTS_PER_SECTION]
            )
        return context
