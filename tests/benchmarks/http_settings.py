"""The production profile as `make bench` serves it: the search rate limits
lifted, since the load generator is one address sending hundreds of searches
a second. Everything else is production's."""

from siteconf.settings.production import *  # noqa: F403

SEARCH_RATE_LIMITS = {"anonymous": ((1_000_000, 1),), "authenticated": ((1_000_000, 1),)}
