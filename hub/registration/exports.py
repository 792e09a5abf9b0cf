"""The organisers' downloads: their rate limit and the CSV they share."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from search.http.export_columns import safe_cell  # the search exports' formula guard
from search.ratelimit import consume, viewer_key

# Exports read every registration of an event: enough for people, not for a loop.
EXPORT_LIMIT = "10/m,100/h"


def export_refused(request):
    """A 429 answer once the user has downloaded too much, else None."""

    seconds = consume("registration-export", viewer_key(request, request.user), EXPORT_LIMIT)
    if seconds is None:
        return None
    message = _("Too many exports: please wait a moment.")
    response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(seconds)
    return response


def csv_response(name, header, rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # a BOM, so spreadsheet software reads Arabic as UTF-8
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate().isoformat()}.csv"'
    return response
