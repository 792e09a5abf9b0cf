"""Request rate limits for searching, the search API and exports, kept in the default cache.

A limit is written like allauth's: ``"60/m"`` (60 a minute), several joined
by commas (``"2/s,60/m"``), units s, m, h, d, optionally with a count
(``"5/10m"``). Fixed windows: one cache counter per window, so a client can
at worst send twice a limit across a window's edge; that is enough to stop a
scraper or a runaway script, which is all these limits are for. The cache
must be shared by the site's processes and must not drop live counters
(hub/core/cache.py; Redis through CACHE_URL), as for allauth's own limits.
"""

import hashlib
import math
import re
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


def parse(spec):
    """[(count, period seconds)] of a limit like "2/s,60/m"; an empty spec is no limit."""
    limits = []
    for part in filter(None, (spec or "").split(",")):
        match = _SPEC.match(part)
        if not match:
            raise ValueError(f"Bad rate limit {part!r}: write it like 60/m")
        count, multiple, unit = match.groups()
        limits.append((int(count), int(multiple or 1) * UNITS[unit]))
    return limits


def client_ip(request):
    """The client's address as allauth sees it (same proxy settings as its own limits)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def viewer_key(request, user):
    """Whom a limit counts: the signed-in (or token) user, else the client's address."""
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request)}"


def consume(action, key, spec):
    """Count one request; None when allowed, else the seconds until it would be."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    now = time.time()
    for count, period in parse(spec):
        window = int(now // period)
        counter = f"ratelimit:{action}:{period}:{window}:{digest}"
        cache.add(counter, 0, timeout=period + 1)
        try:
            used = cache.incr(counter)
        except ValueError:  # expired between add and incr
            cache.set(counter, 1, timeout=period + 1)
            used = 1
        if used > count:
            # Stop here: a refused request does not use up the longer windows.
            return max(1, math.ceil((window + 1) * period - now))
    return None


# The search pages (RL3 in quality-targets.md): a search costs the database
# far more than a page view. who → ((requests, seconds), ...);
# ``settings.SEARCH_RATE_LIMITS`` overrides.
DEFAULT_LIMITS = {
    "anonymous": ((2, 1), (15, 60)),
    "authenticated": ((30, 60),),
}


def retry_after(request, scope="search"):
    """Count this search; None when it may go ahead, else the seconds to wait."""
    limits = getattr(settings, "SEARCH_RATE_LIMITS", DEFAULT_LIMITS)
    rules = limits["authenticated" if request.user.is_authenticated else "anonymous"]
    spec = ",".join(f"{count}/{seconds}s" for count, seconds in rules)
    return consume(scope, viewer_key(request, request.user), spec)
