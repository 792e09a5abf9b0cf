"""machina's member URLs, with our profile pages in place of machina's.

Same names (``forum_member:profile``, ``forum_member:profile_update``,
``forum_member:user_posts``), so the links in machina's templates lead to
the stakeholder profile.
"""

from django.urls import path
from machina.core.loading import get_class

from .views import MemberPostsRedirectView, ProfileFormView, PublicProfileView

MachinaMemberURLPatternsFactory = get_class("forum_member.urls", "ForumMemberURLPatternsFactory")


class ProfileURLPatternsFactory(MachinaMemberURLPatternsFactory):
    forum_profile_update_view = ProfileFormView
    forum_profile_detail_view = PublicProfileView
    user_posts_list = MemberPostsRedirectView

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        # machina takes any string as the member's key; a non-number would
        # fail in the query instead of giving "not found".
        by_name = {pattern.name: pattern for pattern in patterns}
        by_name["profile"] = path("profile/<int:pk>/", PublicProfileView.as_view(), name="profile")
        by_name["user_posts"] = path(
            "profile/<int:pk>/posts/", MemberPostsRedirectView.as_view(), name="user_posts"
        )
        return list(by_name.values())


urlpatterns_factory = ProfileURLPatternsFactory()
