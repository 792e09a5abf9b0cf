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
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from hub.core.bounds import MAX_ID


class PublicPagesAPIViewSet(PagesAPIViewSet):
    authentication_classes = []  # the same answer for everyone: no session, no token

    def get_base_queryset(self):
        return super().get_base_queryset().public()

    def initial(self, request, *args, **kwargs):
        # What the databases refuse is refused here first, with a 400 rather than a 500:
        # a NUL in any parameter, and a page offset past what an id can be (hub.core.bounds).
        super().initial(request, *args, **kwargs)
        if any("\x00" in value for _name, values in request.GET.lists() for value in values):
            raise BadRequestError("query parameters may not contain NUL characters")
        offset = request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_ID:
            raise BadRequestError(f"offset must be at most {MAX_ID}")


pages_api = WagtailAPIRouter("wagtailapi")
pages_api.register_endpoint("pages", PublicPagesAPIViewSet)
