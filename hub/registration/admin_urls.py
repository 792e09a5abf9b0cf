"""The organisers' admin pages, under /admin/registrations/."""

from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("export/", admin_views.export_registrations, name="export"),
    path("<int:pk>/nomination/", admin_views.nominate, name="nominate"),
    path("event/<int:event_id>/floor/", admin_views.floor_requests, name="floor"),
    path("event/<int:event_id>/floor/export/", admin_views.export_floor_requests, name="floor_export"),
]
