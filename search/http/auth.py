"""Who is calling the JSON API or an export, and how often they may.

Both accept the browser's session or an API token (``Authorization: Token
<key>``; ``Bearer`` is taken as a synonym, since clients often send it).
Other schemes are left alone, so a site behind a proxy's Basic
authentication still works. A bad token is refused outright (401) rather
than treated as anonymous: a script whose token was revoked must notice, not
silently get public data only.

The JSON API reads them through Django REST framework
(``ApiTokenAuthentication``, ``SearchApiThrottle``); the exports, which
stream plain responses, through ``request_viewer`` and ``rate_limit``.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.throttling import BaseThrottle

from search import ratelimit
from search.models import ApiToken

TOKEN_SCHEMES = {"token", "bearer"}

# Requests a viewer may make, per kind of viewer; see search.ratelimit for the notation.
DEFAULT_API_RATE_LIMITS = {"anonymous": "60/m", "authenticated": "600/m"}
DEFAULT_EXPORT_RATE_LIMITS = {"anonymous": "10/h", "authenticated": "60/h"}


def _token_key(request):
    """The key of a Token (or Bearer) Authorization header; None for no such header."""
    scheme, _space, key = request.headers.get("Authorization", "").strip().partition(" ")
    return key.strip() if scheme.lower() in TOKEN_SCHEMES else None


def request_viewer(request):
    """(viewer, error): the token's user, else the session's user (or AnonymousUser)."""
    key = _token_key(request)
    if key is None:
        return request.user, None
    user = ApiToken.objects.authenticate(key)
    if user is None:
        return None, _("The API token is not valid.")
    return user, None


def rate_limit(request, viewer, action, setting, defaults):
    """Seconds to wait when ``viewer`` is over the limit for ``action``, else None.

    A refused token counts against its address's anonymous limit, so
    guessing tokens costs as much as anonymous calls.
    """
    limits = {**defaults, **getattr(settings, setting, {})}
    kind = "authenticated" if viewer is not None and viewer.is_authenticated else "anonymous"
    return ratelimit.consume(action, ratelimit.viewer_key(request, viewer), limits[kind])


def api_rate_limit(request, viewer):
    return rate_limit(request, viewer, "api", "SEARCH_API_RATE_LIMITS", DEFAULT_API_RATE_LIMITS)


class ApiTokenAuthentication(BaseAuthentication):
    """Django REST framework's door for ``ApiToken``: only the key's SHA-256 is kept."""

    def authenticate(self, request):
        key = _token_key(request)
        if key is None:
            return None  # the session (or nobody) then
        user = ApiToken.objects.authenticate(key)
        if user is None:
            # Counted as an anonymous call before it is refused, so guessing is paced too.
            wait = api_rate_limit(request, None)
            if wait:
                raise Throttled(wait)
            raise AuthenticationFailed(_("The API token is not valid."))
        return user, None

    def authenticate_header(self, request):
        return 'Token realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI document describes ``ApiTokenAuthentication`` (drf-spectacular)."""

    target_class = ApiTokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Authorization: Token <key>`; keys are made with `manage.py api_token create`.",
        }


class SearchApiThrottle(BaseThrottle):
    """The JSON API's limits, counted in the durable cache (``search.ratelimit``)."""

    def allow_request(self, request, view):
        self.seconds = api_rate_limit(request, request.user)
        return not self.seconds

    def wait(self):
        return self.seconds
