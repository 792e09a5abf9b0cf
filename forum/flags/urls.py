from django.urls import path

from . import views

app_name = "forum_flags"

urlpatterns = [
    path("", views.FlaggedPostListView.as_view(), name="list"),
    path("post/<int:pk>/", views.FlagReviewView.as_view(), name="review"),
    path("post/<int:pk>/report/", views.ReportPostView.as_view(), name="report"),
]
