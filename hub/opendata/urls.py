"""The open data's addresses: the files outside the language prefix (a
script's address must not change with the reader's language), the page
inside it. ``site/urls.py`` mounts each list."""

from django.urls import path

from . import views
from .dump import CSV, JSONL, MANIFEST

downloads = (
    [
        path(JSONL, views.download, {"name": JSONL}, name="jsonl"),
        path(CSV, views.download, {"name": CSV}, name="csv"),
        path(MANIFEST, views.download, {"name": MANIFEST}, name="manifest"),
    ],
    "open_data_files",
)

pages = ([path("", views.page, name="page")], "open_data")
