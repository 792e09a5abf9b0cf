"""The analysts' admin pages, under /admin/papers/."""

from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("new/", admin_views.new, name="new"),
    path("<int:pk>/", admin_views.generation_view, name="generation"),
    path("<int:pk>/status/", admin_views.status, name="status"),
    path("<int:pk>/regenerate/", admin_views.regenerate, name="regenerate"),
]
