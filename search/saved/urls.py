"""/<lang>/search/saved/…: a reader's saved searches (see search/saved/views.py)."""

from django.urls import path

from search.saved import views

app_name = "search_saved"

urlpatterns = [
    path("", views.SavedSearchListView.as_view(), name="list"),
    path("save/", views.SaveSearchView.as_view(), name="save"),
    path("<int:pk>/rename/", views.RenameSavedSearchView.as_view(), name="rename"),
    path("<int:pk>/alert/", views.AlertSavedSearchView.as_view(), name="alert"),
    path("<int:pk>/delete/", views.DeleteSavedSearchView.as_view(), name="delete"),
    path("alerts/off/<str:token>/", views.TurnOffAlertsView.as_view(), name="turn_off"),
]
