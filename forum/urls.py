"""machina's URL tree, composed from its factories.

We do not include ``machina.urls``: it imports machina's haystack-based
search app, which the product leaves out. Every other part of the tree
comes from machina's own factories; the ``forum_search`` namespace that
machina's templates link to points at the site's search view.
"""

from django.urls import include, path
from machina.core.loading import get_class

from search.views import SearchView


def _machina_urls(app_label):
    return get_class(f"{app_label}.urls", "urlpatterns_factory").urlpatterns


urlpatterns = [
    path("", include(_machina_urls("forum"))),
    path("", include(_machina_urls("forum_conversation"))),
    path("feeds/", include(_machina_urls("forum_feeds"))),
    path("member/", include(_machina_urls("forum_member"))),
    path("moderation/", include(_machina_urls("forum_moderation"))),
    path("tracking/", include(_machina_urls("forum_tracking"))),
    path("flags/", include("forum.flags.urls")),
    path("search/", include(([path("", SearchView.as_view(), name="search")], "forum_search"))),
]
