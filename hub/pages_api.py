"""Wagtail's own read-only API for pages, at /api/v2/pages/.

Wagtail's ``PagesAPIViewSet`` lists only live pages, in the site that
answers, and leaves out a private page (and what is under it) unless the
caller passes its restriction, as on the page itself: signed in, in its
groups, or with its password. A translation waiting for its translator is a
draft, so it is not there either. Each page model names the fields it gives
(``api_fields``); everything else stays private.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

pages_api = WagtailAPIRouter("wagtailapi")
pages_api.register_endpoint("pages", PagesAPIViewSet)
