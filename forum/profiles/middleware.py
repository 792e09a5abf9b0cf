"""Send signed-in people without a stakeholder profile to complete it."""

from django.urls import reverse

from forum.middleware import FORUM_PATH

from . import needs_profile, redirect_to_completion


class ProfileCompletionMiddleware:
    """Inside the discussion spaces only: the rest of the site (pages, search,
    account settings, the admin) stays open to accounts without a profile.

    Must come after the authentication and locale middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            FORUM_PATH.match(request.path_info)
            and request.path_info != reverse("forum_member:profile_update")
            and needs_profile(request)
        ):
            return redirect_to_completion(request)
        return self.get_response(request)
