"""The Hub's icon at /favicon.ico, where browsers and feed readers look for it
without reading the page's <link rel="icon"> (the same file as the static one)."""

from django.contrib.staticfiles import finders
from django.http import FileResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

FAVICON = "hub/img/favicon.ico"


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request):
    return FileResponse(open(finders.find(FAVICON), "rb"), content_type="image/x-icon")
