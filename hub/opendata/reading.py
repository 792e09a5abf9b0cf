"""The public contributions, page by page, as the JSON API writes them.

Paging through ``search.facade.search`` as an anonymous reader is exactly
what an anonymous caller of the API does, so the dump can hold nothing the
API would not show. Two things differ from a caller's paging:

- **Bounded offsets.** After ``SEGMENT_PAGES`` pages the search starts again
  at page 1, narrowed to the day of the last row written (``date_to``), and
  skips what it wrote of that day. A deep ``OFFSET`` costs the database more
  with every page, and Elasticsearch answers only the first 10,000 hits of a
  search; a segment stays under both.
- **A cursor instead of a list of ids.** Rows come newest first (posting time,
  then post id); anything at or before the last row written in that order
  has been written already (a page that a new post pushed down shows again
  its predecessor's last rows). So nothing grows with the number of rows.

A contribution hidden or deleted while the dump runs moves the later rows
up by one, and one of them may be missed until the next night's dump.
"""

from dataclasses import replace

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.utils import timezone, translation

from hub.core import links
from search.facade import search
from search.http.export_columns import safe_cell
from search.http.serializers import ContributionSerializer
from search.params import query_from_params
from search.query import MAX_PAGE_SIZE

# 50 pages of 100: 5,000 rows, half of Elasticsearch's window of hits.
SEGMENT_PAGES = 50
LIST_SEPARATOR = "; "  # as the search's CSV export joins objectives


class DayTooLong(Exception):
    """More contributions were posted on one day than a search lets a reader
    page through (Elasticsearch's window): the dump cannot go past them."""


class SiteAddresses:
    """What the serializer asks of a request: absolute addresses. The dump has
    no request; its links start with the site's public address (``SITE_URL``)."""

    def build_absolute_uri(self, path):
        return links.absolute(path)


def everything():
    """The query of an API call without parameters: every contribution, newest first."""
    query, _errors = query_from_params(QueryDict(""), page_size=MAX_PAGE_SIZE)
    return query


def _position(hit):
    return (hit.created, hit.post_id)


def public_hits(page_size=MAX_PAGE_SIZE):
    """Lists of ``Hit`` s, newest first: every public contribution once."""
    viewer = AnonymousUser()
    query = replace(everything(), page_size=page_size, page=1)
    cursor = None  # (created, post id) of the last hit yielded
    previous_tail = None
    while True:
        result = search(query, viewer)
        fresh = [hit for hit in result.hits if cursor is None or _position(hit) < cursor]
        if fresh:
            cursor = _position(fresh[-1])
            yield fresh
        if not result.hits or query.page * query.page_size >= result.total:
            return
        tail = (query.date_to, result.hits[-1].post_id)
        if tail == previous_tail:
            # The same page again: the backend pages no deeper (Elasticsearch's window).
            raise DayTooLong(f"more contributions on {query.date_to} than a search pages through")
        previous_tail = tail
        last_day = timezone.localdate(cursor[0]) if cursor else None
        if query.page >= SEGMENT_PAGES and last_day and last_day != query.date_to:
            query = replace(query, date_to=last_day, page=1)
        else:
            query = replace(query, page=query.page + 1)


def public_rows(page_size=MAX_PAGE_SIZE):
    """Lists of the API's rows (dicts, as ``ContributionSerializer`` writes them),
    in the default language, as an anonymous caller without Accept-Language gets them."""
    context = {"request": SiteAddresses()}
    with translation.override(settings.LANGUAGE_CODE):
        for hits in public_hits(page_size):
            yield ContributionSerializer(hits, many=True, context=context).data


# ---------------------------------------------------------------- the CSV's columns


def csv_columns():
    """(column, path) for every field the API's serializer writes, in its order:
    an object's fields become columns of their own (``topic_id``, ``topic_subject``)."""
    columns = []
    for name, field in ContributionSerializer().fields.items():
        inner = getattr(field, "fields", None)  # a nested object (topic, campaign), not a list of them
        if inner is not None and not getattr(field, "many", False):
            columns += [(f"{name}_{key}", (name, key)) for key in inner]
        else:
            columns.append((name, (name,)))
    return columns


def _listed(item):
    # A list of objects (matched_through's concepts) is written as their first field, the key.
    return str(next(iter(item.values()))) if isinstance(item, dict) else str(item)


def csv_cell(value):
    """One field's value as the CSV writes it: empty for null, true/false as JSON
    writes them, lists joined as the search's export joins them, text guarded
    against spreadsheet formulas as every CSV of the site is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return safe_cell(LIST_SEPARATOR.join(_listed(item) for item in value))
    return safe_cell(value) if isinstance(value, str) else value


def csv_values(row, columns):
    """The CSV cells of one API row."""
    values = []
    for _column, path in columns:
        value = row
        for key in path:
            value = value.get(key) if value is not None else None
        values.append(csv_cell(value))
    return values
