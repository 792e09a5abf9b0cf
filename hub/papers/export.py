"""The contribution set of a published paper, as CSV.

One row per contribution of the paper's frozen set that the public may
still read (``hub.papers.citations``): a contribution hidden, unapproved,
deleted or moved into a closed space since the paper was generated is left
out, and nothing else is ever added. Values are the stable keys the search
exports use (slugs, codes, numbers), so this file joins with them; the
content hash is the one recorded when the set was frozen, for auditing.

UTF-8 with a byte order mark (spreadsheet software then reads Arabic), RFC
4180 quoting, every text cell through ``search.http.export_columns.safe_cell``;
streamed in batches, so a set of any size costs constant memory and a few
statements per thousand rows.
"""

import csv
from datetime import UTC

from django.http import Http404, StreamingHttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hub.models.paper_generations import FrozenContribution
from search.http.export_columns import COLUMNS, safe_cell

from .citations import visible

BATCH = 1000
_LABELS = {column.key: column.label for column in COLUMNS}


class _Echo:
    def write(self, value):
        return value


def header():
    keys = ("id", "url", "region", "type", "objectives", "language", "stakeholder_group", "organisation")
    labels = [str(_LABELS[key]) for key in keys]
    labels += [str(_LABELS["country"]), str(_LABELS["created"]), _("Content hash (SHA-256, when frozen)")]
    return [safe_cell(label) for label in labels]


def row(cited, content_hash, absolute):
    return [
        safe_cell(value)
        for value in (
            cited.post_id,
            absolute(cited.url),
            cited.region,
            cited.type,
            "; ".join(str(n) for n in cited.objectives),
            cited.language,
            cited.stakeholder_group,
            cited.organisation,
            cited.country,
            cited.created.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat(sep=" "),
            content_hash,
        )
    ]


def rows(generation_id, absolute):
    """The header, then the set's public contributions in post order, a batch at a time."""
    yield header()
    last = 0
    while True:
        batch = list(
            FrozenContribution.objects.filter(generation_id=generation_id, post_id__gt=last)
            .order_by("post_id")
            .values_list("post_id", "content_hash")[:BATCH]
        )
        if not batch:
            return
        hashes = dict(batch)
        found = visible(list(hashes))
        for post_id, content_hash in batch:
            if post_id in found:
                yield row(found[post_id], content_hash, absolute)
        last = batch[-1][0]


def filename(page):
    name = slugify(page.title, allow_unicode=True)[:80] or page.slug
    return f"{name}-{page.locale.language_code}-contributions.csv"


def csv_response(request, page):
    if not page.live or not page.generation_id:
        raise Http404
    language = page.locale.language_code
    writer = csv.writer(_Echo())

    def stream():
        with translation.override(language):
            yield "\ufeff"
            for values in rows(page.generation_id, request.build_absolute_uri):
                yield writer.writerow(values)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename(page))
    return response
