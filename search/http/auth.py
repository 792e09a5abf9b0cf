"""Who is calling the JSON API or an export, and how often they may.

Both accept the browser's session or an API token (``Authorization: Token
<key>``; ``Bearer`` is taken as a synonym, since clients often send it).
Other schemes are left alone, so a site behind a proxy's Basic
authentication still works. A bad token is refused outright (401) rather
than treated as anonymous: a script whose token was revoked must notice, not
silently get public data only.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from search import ratelimit
from search.models import ApiToken

TOKEN_SCHEMES = {"token", "bearer"}

# Requests a viewer may make, per kind of viewer; see search.ratelimit for the notation.
DEFAULT_API_RATE_LIMITS = {"anonymous": "60/m", "authenticated": "600/m"}
DEFAULT_EXPORT_RATE_LIMITS = {"anonymous": "10/h", "authenticated": "60/h"}


def request_viewer(request):
    """(viewer, error): the token's user, else the session's user (or AnonymousUser)."""
    scheme, _space, key = request.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() in TOKEN_SCHEMES:
        user = ApiToken.objects.authenticate(key.strip())
        if user is None:
            return None, _("The API token is not valid.")
        return user, None
    return request.user, None


def rate_limit(request, viewer, action, setting, defaults):
    """Seconds to wait when ``viewer`` is over the limit for ``action``, else None.

    A refused token counts against its address's anonymous limit, so
    guessing tokens costs as much as anonymous calls.
    """
    limits = {**defaults, **getattr(settings, setting, {})}
    kind = "authenticated" if viewer is not None and viewer.is_authenticated else "anonymous"
    return ratelimit.consume(action, ratelimit.viewer_key(request, viewer), limits[kind])
