"""The dashboard's pages and their downloads.

The public dashboard counts what an anonymous visitor may read, whoever
looks; the staff view (moderators, analysts, the site's staff) counts what
its reader may read, and what waits in the spaces they moderate. Every
table's CSV holds exactly the numbers its chart draws.
"""

import csv
import io
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from search import ratelimit
from search.http.export_columns import safe_cell
from search.http.views import too_many

from . import audience, dashboard

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


class _SignIn(Exception):
    """The staff view asked for by someone not signed in."""


class _TooMany(Exception):
    """Figures to count for a reader who has had many counted just now."""

    def __init__(self, seconds):
        self.seconds = seconds


def _counting_limit(request):
    """Counting a dashboard costs the database up to a second at 100,000
    contributions; cached ones cost nothing. So new filters count against
    the search's limits (``search.ratelimit``), as a search does."""

    def check():
        seconds = ratelimit.retry_after(request, scope="participation")
        if seconds:
            raise _TooMany(seconds)

    return check


def _too_many(request, seconds):
    return too_many(request, seconds, "hub/participation/rate_limited.html")


def _audience_of(request, staff):
    if not staff:
        return audience.public()
    if not request.user.is_authenticated:
        raise _SignIn
    if not audience.may_see_staff_view(request.user):
        raise PermissionDenied
    return audience.staff(request.user)


def _private(response, staff):
    if staff:
        # A reader's own figures: never kept for someone else.
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def dashboard_page(request, staff=False):
    try:
        who = _audience_of(request, staff)
    except _SignIn:
        return redirect_to_login(request.get_full_path())
    try:
        shown = dashboard.build(request.GET, who, before_counting=_counting_limit(request))
    except _TooMany as refused:
        return _too_many(request, refused.seconds)
    address = urlencode(shown.selection.params())
    csv_name = "participation:staff_csv" if staff else "participation:csv"
    by_id = {}
    for table, chart in shown.figures:
        by_id[table.id] = (table, chart)
        table.csv_url = f"{reverse(csv_name, args=[table.id])}?{address}"
    context = {
        "staff": staff,
        "may_see_staff_view": not staff and audience.may_see_staff_view(request.user),
        "selection": shown.selection,
        "errors": shown.errors,
        "figures": shown.figures,
        "by_id": by_id,
        "filters": shown.filters,
        "address": address,
        "api_url": f"{reverse('participation_api')}?{address}{'&view=staff' if staff else ''}",
    }
    return _private(render(request, "hub/participation/dashboard.html", context), staff)


def table_rows(table):
    """The table as CSV rows: its keys (slugs, codes, numbers: stable in any
    language), the name the page shows, then each column's number."""
    yield [*table.key_names, _("name"), *(label for _key, label in table.columns)]
    for row in table.rows:
        yield [*row.keys, row.label, *(cell.value for cell in row.cells)]


@require_safe
def table_csv(request, table_id, staff=False):
    try:
        who = _audience_of(request, staff)
    except _SignIn:
        return redirect_to_login(request.get_full_path())
    try:
        table = dashboard.build(
            request.GET, who, with_charts=False, before_counting=_counting_limit(request)
        ).table(table_id)
    except _TooMany as refused:
        return _too_many(request, refused.seconds)
    if table is None:
        raise Http404(_("No such table."))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in table_rows(table):
        writer.writerow([safe_cell(value) for value in row])
    # With a byte order mark, as the search's CSV: spreadsheets then read Arabic right.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"participation-{table.id}.csv")
    return _private(response, staff)
