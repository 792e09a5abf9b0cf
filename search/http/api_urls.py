"""The JSON API's URLs, mounted at /api/v1/ outside the language prefix
(an API address must not change with the reader's language)."""

from django.urls import path

from search.http import json_api, suggestions_api

app_name = "search_api"

urlpatterns = [
    path("", json_api.index, name="index"),
    path("contributions/", json_api.contributions, name="contributions"),
    path("objective-suggestions/", suggestions_api.objective_suggestions, name="objective_suggestions"),
    path("openapi.json", json_api.openapi, name="openapi"),
]
