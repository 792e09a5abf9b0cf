"""Rate limits on searching (RL3 in quality-targets.md).

A search costs the database far more than a page view, so it is limited per
visitor: anonymous visitors by IP address (2 a second and 15 a minute),
signed-in people by account (30 a minute). Counters are fixed windows kept in
Django's cache with an expiry, so they need no table and no clean-up, and
every worker process shares them when the cache is shared (Redis, Memcached);
with the default local-memory cache each process counts on its own.

The client's address is read the way allauth reads it for its own limits
(``ALLAUTH_TRUSTED_PROXY_COUNT`` / ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``), so a
site behind a reverse proxy configures both with the same setting.
"""

import math
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

# who → ((requests, seconds), ...); ``settings.SEARCH_RATE_LIMITS`` overrides.
DEFAULT_LIMITS = {
    "anonymous": ((2, 1), (15, 60)),
    "authenticated": ((30, 60),),
}


def _limits():
    return getattr(settings, "SEARCH_RATE_LIMITS", DEFAULT_LIMITS)


def _client_ip(request):
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        # No address at all (a misconfigured proxy): such requests share one
        # counter rather than escaping the limit.
        return "unknown"


def _count(key, period):
    """Add one to ``key``'s counter for this window and return it."""
    cache.add(key, 0, timeout=period + 1)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=period + 1)
        return 1


def retry_after(request, scope="search"):
    """Count this request; None when it may go ahead, else the seconds to wait."""
    if request.user.is_authenticated:
        who, rules = f"user:{request.user.pk}", _limits()["authenticated"]
    else:
        who, rules = f"ip:{_client_ip(request)}", _limits()["anonymous"]
    now = time.time()
    for allowed, period in rules:
        window = int(now // period)
        if _count(f"ratelimit:{scope}:{who}:{period}:{window}", period) > allowed:
            return max(1, math.ceil((window + 1) * period - now))
    return None
