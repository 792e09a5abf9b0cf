from django.urls import path

from . import views

app_name = "forum_subscriptions"

urlpatterns = [
    path("space/<int:pk>/follow/", views.FollowSpaceView.as_view(), name="follow_space"),
    path("space/<int:pk>/unfollow/", views.UnfollowSpaceView.as_view(), name="unfollow_space"),
    path("topic/<int:pk>/follow/", views.FollowTopicView.as_view(), name="follow_topic"),
    path("topic/<int:pk>/unfollow/", views.UnfollowTopicView.as_view(), name="unfollow_topic"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
