"""Stakeholder profiles: asked at sign-up, required before posting as a stakeholder.

Accounts made without the sign-up form (staff created by ``setup_site``,
accounts older than profiles) have no profile. Reading never needs one:
anyone signed in reads every space, topic and member page they may read.
Posting views send a signed-in person without a profile to the profile form,
which returns them where they were.

Staff, and a space's own moderators posting in it, are never sent there:
they speak for the network, not for a stakeholder group, and a moderator
replying in the queue's wake must not be stopped by a form about who they
represent. The same rule says who is vetted for pre-moderation
(``forum.policy.is_trusted``), so it is that one function.

For views that let people post::

    from forum.profiles import ProfileRequiredMixin, profile_required

    @profile_required
    def my_view(request): ...

    class MyView(ProfileRequiredMixin, CreateView): ...

Anonymous visitors pass through untouched: signing in is machina's (and
allauth's) business, not this check's.
"""

from functools import wraps

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from forum.models import StakeholderProfile
from forum.policy import is_trusted

# Cached on the request so the middleware and a decorated view share one query.
_CACHE_ATTRIBUTE = "_has_stakeholder_profile"


def has_profile(user):
    """Whether ``user`` (signed in) has a stakeholder profile."""

    return StakeholderProfile.objects.filter(user=user).exists()


def needs_profile(request, forum=None):
    """True when a signed-in person without a profile makes ``request`` to
    post in ``forum`` as a stakeholder (not as staff or its moderator)."""

    if not request.user.is_authenticated or is_trusted(request.user, forum):
        return False
    if not hasattr(request, _CACHE_ATTRIBUTE):
        setattr(request, _CACHE_ATTRIBUTE, has_profile(request.user))
    return not getattr(request, _CACHE_ATTRIBUTE)


def return_path(request):
    """Where to come back once the profile is complete.

    A GET comes back to itself; a form submission cannot be replayed, so it
    comes back to the page it was sent from (or the spaces' index).
    """
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return reverse("forum:index")


def completion_url(request):
    """The profile form, with ``next`` pointing back to where the person was."""
    return f"{reverse('forum_member:profile_update')}?{urlencode({'next': return_path(request)})}"


def redirect_to_completion(request):
    return HttpResponseRedirect(completion_url(request))


def profile_required(view):
    """Decorate a function view: signed-in people without a profile complete it first."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if needs_profile(request):
            return redirect_to_completion(request)
        return view(request, *args, **kwargs)

    return wrapped


class ProfileRequiredMixin:
    """For class-based views; put it first among the bases, so it runs before
    machina's permission checks (which would answer 403 or a login page)."""

    def dispatch(self, request, *args, **kwargs):
        forum = self.get_forum() if hasattr(self, "get_forum") else None
        if needs_profile(request, forum):
            return redirect_to_completion(request)
        return super().dispatch(request, *args, **kwargs)
