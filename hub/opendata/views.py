"""The open data's stable addresses and its page.

``/open-data/<file>`` serves the dump's files with no language prefix (a
script's address should not change with the reader's language); the page,
``/<lang>/open-data/``, says what they hold, when they were written, what
each field means and under which licence the editors publish them. It is
the same for every anonymous reader, so the page cache keeps it
(``hub.page_cache.CACHED_ROUTES``); a new dump renews the pages stamp
(``dump``), an editor's change to the licence is a database write like any.
"""

import os
from datetime import UTC, datetime

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from hub.core.dates import format_day
from hub.models import OpenDataSettings

from . import dump
from .dictionary import fields

# application/jsonl is the name jsonlines.org's users settled on (not yet
# registered; application/x-ndjson is the older one): a download either way.
CONTENT_TYPES = {
    dump.JSONL: "application/jsonl",
    dump.CSV: "text/csv; charset=utf-8",
    dump.MANIFEST: "application/json",
}
FORMATS = {
    dump.JSONL: _("JSON Lines: one JSON object per line, UTF-8"),
    dump.CSV: _("CSV: one row per contribution, UTF-8 with a byte order mark"),
}
ROUTES = {
    dump.JSONL: "open_data_files:jsonl",
    dump.CSV: "open_data_files:csv",
    dump.MANIFEST: "open_data_files:manifest",
}


def _not_written(request):
    return render(request, "hub/open_data/not_written.html", status=404)


@require_safe
def download(request, name):
    """One file of the dump in place, whole (a dump replacing it meanwhile does not cut it)."""
    try:
        handle = dump.path(name).open("rb")
    except FileNotFoundError:
        return _not_written(request)
    # The opened file's own size and time: the name may already point to a newer dump.
    stat = os.fstat(handle.fileno())
    etag = quote_etag(f"{stat.st_size:x}-{stat.st_mtime_ns:x}")
    unchanged = get_conditional_response(request, etag=etag, last_modified=int(stat.st_mtime))
    if unchanged is not None:
        handle.close()
        return unchanged
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=CONTENT_TYPES[name])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stat.st_mtime)
    # Anyone may keep it, and must ask again: the same address holds tomorrow's dump.
    patch_cache_control(response, public=True, no_cache=True)
    return response


def _written(manifest):
    moment = datetime.fromisoformat(manifest["written"]).astimezone(UTC)
    return {"day": format_day(moment.date()), "time": moment.strftime("%H:%M"), "iso": manifest["written"]}


def _files(request, manifest):
    described = manifest["files"] if manifest else {}
    return [
        {
            "name": name,
            "format": FORMATS[name],
            "url": reverse(ROUTES[name]),
            "address": request.build_absolute_uri(reverse(ROUTES[name])),
            "bytes": described.get(name, {}).get("bytes"),
            "sha256": described.get(name, {}).get("sha256"),
        }
        for name in (dump.JSONL, dump.CSV)
    ]


def _licence(language):
    """The editors' statement in ``language`` and the language it is really in
    (English stands in for a translation not written yet)."""
    editors = OpenDataSettings.objects.first() or OpenDataSettings()  # no write on a reader's GET
    statement = editors.licence(language)
    written_in = language if getattr(editors, f"licence_{language}", "") else settings.LANGUAGE_CODE
    return {"statement": statement, "language": written_in, "url": editors.licence_url}


@require_safe
def page(request):
    manifest = dump.read_manifest()
    language = translation.get_language() or settings.LANGUAGE_CODE
    context = {
        "manifest": manifest,
        "written": _written(manifest) if manifest else None,
        "files": _files(request, manifest),
        "manifest_url": reverse(ROUTES[dump.MANIFEST]),
        "licence": _licence(language),
        "fields": fields(),
        "api_url": reverse("search_api:index"),
        "hour": f"{settings.OPEN_DATA_DUMP_HOUR % 24:02d}:00",
    }
    return render(request, "hub/open_data/page.html", context)
