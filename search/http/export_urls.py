"""Export URLs, inside the language prefix: column headers and the data
dictionary come in the page's language."""

from django.urls import path

from search.http import exports

app_name = "search_export"

urlpatterns = [
    path("csv/", exports.export_csv, name="csv"),
    path("xlsx/", exports.export_xlsx, name="xlsx"),
    path("json/", exports.export_json, name="json"),
    path("dictionary/", exports.dictionary_csv, name="dictionary"),
]
