"""A busy database answers 503, in the reader's language, never a traceback.

With SQLite a writer waits up to the busy timeout (``DATABASES`` ``timeout``)
for another process's write lock, then gets ``OperationalError: database is
locked``. Nothing was written (every write path runs in one transaction), so
the honest answer is "try again in a moment": HTTP 503 with ``Retry-After``,
rendered by a self-contained template that needs no database.

Two hooks catch it: ``DatabaseBusyMiddleware`` for errors raised by a view,
and ``server_error`` (the site's ``handler500``) for those raised anywhere
else, such as the session middleware saving a session. Reads keep working
meanwhile: the database runs in WAL mode, where readers never wait for the
writer.
"""

import logging
import sys
from contextlib import contextmanager

from django.db import OperationalError, connection
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

# Seconds a client is told to wait before trying again.
RETRY_AFTER = 10


def is_busy(error):
    """Whether ``error`` says the database is locked or busy (SQLite)."""
    if not isinstance(error, OperationalError):
        return False
    text = str(error).lower()
    return "database is locked" in text or "database table is locked" in text or "database is busy" in text


@contextmanager
def short_busy_wait(milliseconds=200):
    """Wait at most ``milliseconds`` for another writer's lock (SQLite) inside
    the block: for bookkeeping writes a reader's page must not wait for."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")


def busy_response(request):
    template = loader.get_template("503.html")
    response = HttpResponse(template.render({"retry_after": RETRY_AFTER}), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    # Never cached by a proxy: the next request may well succeed.
    response["Cache-Control"] = "no-store"
    return response


class DatabaseBusyMiddleware:
    """Turn a view's "database is locked" into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_busy(exception):
            return None
        logger.warning("Database busy, answered 503: %s %s (%s)", request.method, request.path, exception)
        return busy_response(request)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """``handler500``: the 503 page when the database was busy, else Django's 500 page."""
    error = sys.exc_info()[1]
    if is_busy(error):
        return busy_response(request)
    return defaults.server_error(request, template_name=template_name)
