"""Wagtail's own read-only API for pages, at /api/v2/pages/.

Public, live pages only, in the site that answers: Wagtail's
``PagesAPIViewSet`` already leaves out drafts (a translation waiting for its
translator among them), and this one also leaves out every page with a view
restriction and what lies under it, whoever asks — a private page is read on
the site, where its restriction is asked for. No one signs in here, so the
answers are the same for everybody. Each page model names the fields it gives
(``api_fields``); everything else stays private.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    authentication_classes = []  # the same answer for everyone: no session, no token

    def get_base_queryset(self):
        return super().get_base_queryset().public()


pages_api = WagtailAPIRouter("wagtailapi")
pages_api.register_endpoint("pages", PublicPagesAPIViewSet)
