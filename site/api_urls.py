"""The JSON API at /api/v1/: the search's endpoints and the participation
figures, described by one OpenAPI document read from this list.

The participation endpoint is the top of hub (it reads forum and search
together), so it is mounted here, beside search's own URLs, and the OpenAPI
view is given this list instead of search's.
"""

from django.urls import include, path

from hub.participation import api as participation_api
from search.http.json_api import OpenApiView

urlpatterns = [
    path("participation/", participation_api.participation, name="participation_api"),
    # Before search's own openapi.json, which describes search's endpoints only.
    path("openapi.json", OpenApiView.as_view(urlconf="siteconf.api_urls")),
    path("", include("search.http.api_urls")),
]
