"""Send signed-in people without a stakeholder profile to complete it."""

from . import needs_profile, redirect_to_completion

# The pages through which one enters the discussion spaces: the list of
# spaces and a space. Posting views check for themselves
# (``profile_required``); topics, moderation, reports, downloads and member
# pages stay reachable, so a moderator or a reader following a link (from a
# notification, a search result) is not stopped on the way.
ENTRY_VIEWS = {"forum:index", "forum:forum"}


class ProfileCompletionMiddleware:
    """On visiting the discussion spaces (GET), a signed-in person without a
    profile is asked to complete it first, then comes back.

    Must come after the authentication middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            request.method in ("GET", "HEAD")
            and match is not None
            and match.view_name in ENTRY_VIEWS
            and needs_profile(request)
        ):
            return redirect_to_completion(request)
        return None
