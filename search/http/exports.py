"""Exports: a whole result set as CSV, XLSX or JSON, for the viewer's eyes only.

Same parameters as the search page and the JSON API (``search.params``),
same query API: every page of ``search.facade.search(query, viewer)`` is read
in turn, so an export holds exactly what the viewer could page through, and
nothing a hidden space or an unapproved post holds. At most
``EXPORT_MAX_ROWS`` rows (default 100,000); a last row says so when the
result set was longer (in JSON, ``complete`` and ``notes`` do).

- CSV is streamed (constant memory, the first bytes leave at once): UTF-8
  with a byte order mark, so spreadsheet software opens Arabic correctly,
  RFC 4180 quoting, CRLF line ends. A CSV file holds one table, so its data
  dictionary is a separate download (``dictionary/``, linked from the
  response's ``Link: rel="describedby"`` header and from the API page)
  rather than a second table glued under the data, which no CSV reader
  could load, or a ZIP, which could not be opened directly.
- XLSX is written by openpyxl in write-only mode (rows go to a temporary
  file, not memory) with a second sheet, the data dictionary. The workbook
  is zipped only at the end, so it is sent once complete.
- JSON is streamed like the CSV: one object with the search's parameters,
  the moment it was made and the total, then ``contributions`` (the same
  columns, keyed as the data dictionary, with typed values), then the count
  written and whether it is complete, which only the end can tell.

Every spreadsheet text cell is made safe against formula injection (see
``export_columns.safe_cell``). Exports are rate-limited, more tightly for
anonymous visitors, who may export public contributions, and one export
per account (or address) runs at a time.
"""

import csv
import json
import tempfile
from dataclasses import replace
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe
from machina.core.db.models import get_model
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from search import ratelimit
from search.backends import SearchUnavailable
from search.facade import search
from search.http.auth import DEFAULT_EXPORT_RATE_LIMITS, rate_limit, request_viewer
from search.http.export_columns import (
    ExportRow,
    dictionary_header,
    dictionary_rows,
    header,
    json_record,
    row_values,
    safe_cell,
)
from search.params import MULTI, params_from_query, query_from_params
from search.query import MAX_PAGE_SIZE
from search.text import post_plain_text

Post = get_model("forum_conversation", "Post")

DEFAULT_MAX_ROWS = 100_000
# An export that died without releasing its slot frees it after this long.
RUNNING_EXPORT_SECONDS = 15 * 60
BUSY_RETRY_SECONDS = 30
# Streamed exports (CSV, JSON) send about this much text at a time.
CHUNK_CHARS = 64 * 1024
JSON_TYPE = "application/json; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")


def max_rows():
    return getattr(settings, "EXPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def _plain(status, message, **headers):
    # Exports are downloads, opened by a browser or a script: a short text
    # answer suits both better than a page.
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    for name, value in headers.items():
        response[name.replace("_", "-")] = str(value)
    return response


class RunningExport:
    """The one export a viewer may have running at a time (a cache entry)."""

    def __init__(self, request, viewer):
        self.key = f"export-running:{ratelimit.viewer_key(request, viewer)}"
        self.held = False

    def acquire(self):
        self.held = cache.add(self.key, 1, timeout=RUNNING_EXPORT_SECONDS)
        return self.held

    def release(self):
        if self.held:
            cache.delete(self.key)
            self.held = False


class Export:
    """A result set being exported: the first page is read before answering,
    so "search unavailable" is still a proper 503 and not a broken file."""

    def __init__(self, request, viewer, query, first, running, errors=()):
        self.request, self.viewer, self.query, self.first = request, viewer, query, first
        self.running = running  # released when the file is written (XLSX) or sent (CSV, JSON)
        self.errors = list(errors)  # parameters dropped as invalid, in the viewer's language
        self.started = timezone.now()
        self.language = translation.get_language()
        self.limit = max_rows()
        self.truncated = first.total > self.limit
        self.notes = {
            "truncated": ngettext(
                "This export stopped at %(limit)s row of %(total)s. Narrow the search to export the rest.",
                "This export stopped at %(limit)s rows of %(total)s. Narrow the search to export the rest.",
                self.limit,
            )
            % {"limit": self.limit, "total": first.total},
            "unavailable": _("Search became unavailable during this export: the rows above are incomplete."),
        }
        self.stopped = None  # the note's key once the records stopped short, else None

    def records(self):
        """An ExportRow for every visible hit, once; ``stopped`` says afterwards if any were left out."""
        with translation.override(self.language):
            seen, result, page = set(), self.first, 1
            while True:
                bodies = {
                    post.pk: post_plain_text(post)
                    for post in Post.objects.filter(pk__in=[hit.post_id for hit in result.hits])
                }
                for hit in result.hits:
                    # A post published while exporting shifts later pages: skip what was written.
                    if hit.post_id in seen:
                        continue
                    if len(seen) >= self.limit:
                        self.stopped = "truncated"
                        return
                    seen.add(hit.post_id)
                    url = self.request.build_absolute_uri(hit.url)
                    yield ExportRow(hit=hit, url=url, body=bodies.get(hit.post_id, ""))
                if not result.hits or page * self.query.page_size >= result.total:
                    return
                page += 1
                try:
                    result = search(replace(self.query, page=page), self.viewer)
                except SearchUnavailable:
                    self.stopped = "unavailable"
                    return

    def rows(self):
        """Lists of spreadsheet cells: every record, then a note row if any were left out."""
        for record in self.records():
            yield row_values(record)
        if self.stopped:
            yield [safe_cell(self.notes[self.stopped])]

    def parameters(self):
        """The search's URL parameters as an object, a repeatable filter always
        as a list, so ``urlencode(parameters, doseq=True)`` searches again."""
        parameters = {}
        for name, value in params_from_query(self.query):
            if name in MULTI:
                parameters.setdefault(name, []).append(value)
            else:
                parameters[name] = value
        return parameters

    def headers(self, response, extension):
        stamp = self.started.strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = content_disposition_header(
            True, f"contributions-{stamp}.{extension}"
        )
        response["Link"] = f'<{reverse("search_export:dictionary")}>; rel="describedby"'
        response["X-Total-Count"] = str(self.first.total)
        response["X-Export-Truncated"] = "true" if self.truncated else "false"
        patch_cache_control(response, private=True, no_store=True)
        return response


def start_export(request):
    """(Export, None), or (None, an error response)."""
    viewer, problem = request_viewer(request)
    wait = rate_limit(request, viewer, "export", "SEARCH_EXPORT_RATE_LIMITS", DEFAULT_EXPORT_RATE_LIMITS)
    if wait:
        return None, _plain(
            429,
            ngettext(
                "Too many exports. Please wait %(seconds)s second.",
                "Too many exports. Please wait %(seconds)s seconds.",
                wait,
            )
            % {"seconds": wait},
            Retry_After=wait,
        )
    if problem:
        return None, _plain(401, problem, WWW_Authenticate='Token realm="api"')
    query, errors = query_from_params(request.GET, page_size=MAX_PAGE_SIZE)
    query = replace(query, page=1)
    running = RunningExport(request, viewer)
    if not running.acquire():
        return None, _plain(
            429,
            _("Another export of yours is still being prepared. Please wait for it to finish."),
            Retry_After=BUSY_RETRY_SECONDS,
        )
    try:
        first = search(query, viewer)
    except SearchUnavailable:
        running.release()
        return None, _plain(
            503, _("Search is temporarily unavailable. Please try again in a moment."), Retry_After=30
        )
    except BaseException:
        running.release()
        raise
    return Export(request, viewer, query, first, running, errors), None


class _Echo:
    """A file-like object whose write returns what it was given: csv.writer
    then hands back each formatted row for streaming."""

    def write(self, value):
        return value


class CsvStream:
    """The CSV's chunks; ``close`` (called by Django when the response ends,
    read or not) frees the viewer's export slot."""

    def __init__(self, export):
        self.export = export

    def __iter__(self):
        writer = csv.writer(_Echo())
        chunk = ["\ufeff", writer.writerow(header())]
        size = 0
        for values in self.export.rows():
            line = writer.writerow(values)
            chunk.append(line)
            size += len(line)
            if size >= CHUNK_CHARS:
                yield "".join(chunk)
                chunk, size = [], 0
        yield "".join(chunk)

    def close(self):
        self.export.running.release()


@require_safe
def export_csv(request):
    export, problem = start_export(request)
    if export is None:
        return problem
    response = StreamingHttpResponse(CsvStream(export), content_type="text/csv; charset=utf-8")
    return export.headers(response, "csv")


def _json(value):
    return json.dumps(value, ensure_ascii=False)


class JsonStream:
    """The JSON document's chunks, written as the records are read; ``close``
    frees the viewer's export slot, as the CSV's does."""

    def __init__(self, export):
        self.export = export

    def head(self):
        export = self.export
        fields = {
            "query": export.parameters(),
            "errors": export.errors,
            "generated": export.started.replace(microsecond=0).isoformat(),
            "total": export.first.total,
            "limit": export.limit,
        }
        return "{\n" + "".join(f"{_json(key)}: {_json(value)},\n" for key, value in fields.items())

    def tail(self, count):
        export = self.export
        notes = [export.notes[export.stopped]] if export.stopped else []
        fields = {"count": count, "complete": export.stopped is None, "notes": notes}
        return ",\n".join(f"{_json(key)}: {_json(value)}" for key, value in fields.items()) + "\n}\n"

    def __iter__(self):
        chunk, size, count = [self.head(), '"contributions": ['], 0, 0
        for record in self.export.records():
            item = ("\n" if count == 0 else ",\n") + _json(json_record(record))
            chunk.append(item)
            size += len(item)
            count += 1
            if size >= CHUNK_CHARS:
                yield "".join(chunk)
                chunk, size = [], 0
        chunk.append("\n],\n" + self.tail(count))
        yield "".join(chunk)

    def close(self):
        self.export.running.release()


@require_safe
def export_json(request):
    export, problem = start_export(request)
    if export is None:
        return problem
    response = StreamingHttpResponse(JsonStream(export), content_type=JSON_TYPE)
    return export.headers(response, "json")


def _sheet_title(text):
    return str(text).translate(SHEET_TITLE_FORBIDDEN)[:31] or "Sheet"


def _cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    return cell


def write_workbook(export, target):
    """The data sheet and the data dictionary sheet, saved to ``target`` (a binary file)."""
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet(_sheet_title(_("Contributions")))
    dictionary = workbook.create_sheet(_sheet_title(_("Data dictionary")))
    # An Arabic export opens right to left (column A at the right), as Arabic is read.
    for sheet in (data, dictionary):
        sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    data.freeze_panes = "A2"
    data.append(header())
    for values in export.rows():
        data.append([_cell(data, value) for value in values])
    dictionary.append(dictionary_header())
    for values in dictionary_rows():
        dictionary.append(values)
    workbook.save(target)


@require_safe
def export_xlsx(request):
    export, problem = start_export(request)
    if export is None:
        return problem
    target = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it once sent
    try:
        write_workbook(export, target)
    except BaseException:
        target.close()
        raise
    finally:
        export.running.release()
    target.seek(0)
    response = FileResponse(target, content_type=XLSX_TYPE)
    return export.headers(response, "xlsx")


@require_safe
def dictionary_csv(request):
    """The CSV export's data dictionary: one row per column, in the active language."""
    writer = csv.writer(_Echo())
    lines = ["\ufeff", writer.writerow(dictionary_header())]
    lines += [writer.writerow(values) for values in dictionary_rows()]
    response = HttpResponse("".join(lines), content_type="text/csv; charset=utf-8")
    language = translation.get_language() or settings.LANGUAGE_CODE
    response["Content-Disposition"] = content_disposition_header(True, f"data-dictionary-{language}.csv")
    return response
