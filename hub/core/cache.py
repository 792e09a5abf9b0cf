"""The site's cache when no CACHE_URL is set: one that forgets nothing before
it expires.

Rate limits (allauth's on logins, sign-ups and mails; ``search.ratelimit``'s
on searches, exports and registrations) keep their counters in the default
cache. Django's local-memory cache holds 300 entries per process and drops
the oldest past that, and its file and database caches drop a random third:
a few hundred other keys (a bot's searches) and a locked-out login accepts
guesses again. This is Django's file cache, shared by every process of the
machine, whose culling only removes expired entries, however many live
ones there are. Several machines share Redis instead (``CACHE_URL``).
"""

import time

from django.core.cache.backends.filebased import FileBasedCache

# How often, at most, one cache connection (one per thread) sweeps a full cache for expired entries.
# Past MAX_ENTRIES live entries (a bot's many addresses) a sweep per write
# would read every file on every write; the cache only grows meanwhile.
SWEEP_INTERVAL = 30.0


class DurableFileCache(FileBasedCache):
    """``FileBasedCache`` that never drops a live entry.

    Past ``MAX_ENTRIES`` files a write sweeps the expired ones (at most
    every ``SWEEP_INTERVAL`` seconds per connection); live ones stay until
    their own timeout, which is a rate-limit window."""

    _last_sweep = float("-inf")

    def _cull(self):
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        now = time.monotonic()
        if now - self._last_sweep < SWEEP_INTERVAL:
            return
        self._last_sweep = now
        for name in files:
            try:
                with open(name, "rb") as f:
                    self._is_expired(f)  # deletes the file when it has expired
            except FileNotFoundError:
                pass  # removed meanwhile by another process


class PageFileCache(FileBasedCache):
    """Django's file cache for pages, counting its files at most every
    ``SWEEP_INTERVAL`` seconds per connection.

    Django's file cache lists its whole directory on every write to decide
    whether to cull; with thousands of pages stored, that listing costs more
    than rendering the page did. Pages may be dropped at random past
    ``MAX_ENTRIES`` (a dropped page is rendered again), and between two
    counts the cache may pass that number by what one interval writes."""

    _last_count = float("-inf")

    def _cull(self):
        now = time.monotonic()
        if now - self._last_count < SWEEP_INTERVAL:
            return
        self._last_count = now
        super()._cull()
