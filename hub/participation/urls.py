"""The dashboard's addresses, under the language prefix (``/<lang>/participation/``)."""

from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("csv/<slug:table_id>/", views.table_csv, name="csv"),
    path("staff/", views.dashboard_page, {"staff": True}, name="staff"),
    path("staff/csv/<slug:table_id>/", views.table_csv, {"staff": True}, name="staff_csv"),
]
