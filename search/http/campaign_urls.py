from django.urls import path

from search.http.campaigns import CampaignView, DissolveView, MergeView, RemoveView

app_name = "campaigns"

urlpatterns = [
    path("<int:campaign_id>/", CampaignView.as_view(), name="campaign"),
    path("<int:campaign_id>/remove/<int:post_id>/", RemoveView.as_view(), name="remove"),
    path("<int:campaign_id>/dissolve/", DissolveView.as_view(), name="dissolve"),
    path("<int:campaign_id>/merge/", MergeView.as_view(), name="merge"),
]
