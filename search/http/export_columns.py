"""The columns of a contribution export, their data dictionary, and safe cells.

One list of columns serves the CSV, the XLSX, the JSON and the data
dictionary, so a column can never be exported without being described. Labels
and descriptions are in the active language; values are the stable keys the
filters and the JSON API use (slugs, codes, numbers), which the dictionary
lists, so an export from the Arabic site and one from the French site can be
joined.

Each column gives one typed value (a number, a list, a moment, ``None``);
the spreadsheet cell and the JSON value are both written from it, so the
formats cannot disagree on what a contribution holds.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from forum.models.contributions import ContributionKind
from hub.taxonomy.data import REGIONS, STAKEHOLDER_GROUPS

# OWASP "CSV injection": a cell starting with one of these is taken by
# spreadsheet software as a formula (or DDE command). NUL is added (BI3).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
# Characters XML 1.0 cannot hold (XLSX would be corrupt) and that break CSV readers.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell


def safe_cell(value):
    """A cell value that no spreadsheet will run: text starting like a formula
    gets a leading apostrophe (shown as text, and visible, so nothing is hidden)."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_TRIGGERS):
        value = "'" + value
    value = CONTROL_CHARACTERS.sub("", value)
    return value[:MAX_CELL_CHARS]


@dataclass(frozen=True)
class ExportRow:
    hit: Any  # search.query.Hit
    url: str  # absolute
    body: str  # the post's whole text, plain


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # lazy translated text
    description: Any
    value: Any  # ExportRow → typed value (see spreadsheet_cell and json_value)


def _values(slugs):
    return ", ".join(slugs)


_with_values = lazy(lambda text, values: gettext(text) % {"values": values}, str)


def _created(row):
    return row.hit.created.astimezone(UTC).replace(microsecond=0)


COLUMNS = (
    Column(
        "id",
        _("Post id"),
        _("Number of the contribution on this site (its post's id)."),
        lambda r: r.hit.post_id,
    ),
    Column(
        "external_id",
        _("External id"),
        _("Identifier in the system the contribution was imported from; empty when posted here."),
        lambda r: r.hit.external_id or None,
    ),
    Column("url", _("Link"), _("Link to the contribution in its discussion."), lambda r: r.url),
    Column(
        "created",
        _("Posted (UTC)"),
        _("Date and time of posting, in Coordinated Universal Time."),
        _created,
    ),
    Column(
        "region",
        _("Region"),
        _with_values(
            gettext_noop("Region of the discussion space. Values: %(values)s."),
            _values(r["slug"] for r in REGIONS),
        ),
        lambda r: r.hit.region,
    ),
    Column("topic_id", _("Topic id"), _("Number of the discussion (topic)."), lambda r: r.hit.topic_id),
    Column("topic", _("Topic"), _("Subject of the discussion."), lambda r: r.hit.topic_subject),
    Column(
        "type",
        _("Type"),
        _with_values(
            gettext_noop("Type of contribution. Values: %(values)s."), _values(ContributionKind.values)
        ),
        lambda r: r.hit.type,
    ),
    Column(
        "objectives",
        _("GCM objectives"),
        _(
            "Numbers (1 to 23) of the Global Compact objectives the contribution addresses, "
            "separated by “; ”."
        ),
        lambda r: list(r.hit.objectives),
    ),
    Column(
        "language",
        _("Language"),
        _("Language the contribution is written in: ar, en or fr."),
        lambda r: r.hit.language,
    ),
    Column(
        "stakeholder_group",
        _("Stakeholder group"),
        _with_values(
            gettext_noop("Stakeholder group of the author. Values: %(values)s."),
            _values(g["slug"] for g in STAKEHOLDER_GROUPS),
        ),
        lambda r: r.hit.stakeholder_group or None,
    ),
    Column(
        "organisation",
        _("Organisation"),
        _("Organisation the author speaks for, as they wrote it."),
        lambda r: r.hit.organisation,
    ),
    Column(
        "country",
        _("Country"),
        _("Country concerned, as an ISO 3166-1 alpha-2 code."),
        lambda r: r.hit.country or None,
    ),
    Column("author", _("Author"), _("Name the author posted under."), lambda r: r.hit.author_name),
    Column(
        "has_attachment",
        _("Attachment"),
        _("yes when a file is attached to the contribution, otherwise no."),
        lambda r: bool(r.hit.has_attachment),
    ),
    Column(
        "campaign",
        _("Campaign"),
        _(
            "Number of the campaign the contribution belongs to (near-identical contributions from "
            "different authors, counted as one voice); empty when it belongs to none."
        ),
        lambda r: r.hit.campaign[0] if r.hit.campaign else None,
    ),
    Column(
        "campaign_size",
        _("Campaign size"),
        _("How many contributions its campaign groups; empty when it belongs to none."),
        lambda r: r.hit.campaign[1] if r.hit.campaign else None,
    ),
    Column(
        "text",
        _("Text"),
        _(
            "Whole text of the contribution, without formatting. A cell that would start with = + - @ "
            "or a tab starts with an apostrophe instead, so spreadsheet software never runs it."
        ),
        lambda r: r.body,
    ),
)


def header():
    return [safe_cell(str(column.label)) for column in COLUMNS]


def spreadsheet_cell(value):
    """A typed value as a CSV or XLSX cell: empty for none, yes/no, a list
    joined by "; ", formula-safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, datetime):
        # Excel cannot hold time zones: naive UTC, said so in the label.
        return value.replace(tzinfo=None)
    return safe_cell(value)


def json_value(value):
    """A typed value as JSON holds it: moments in ISO 8601 (``+00:00``, as the
    JSON API writes them). Text stays as written: the apostrophe guarding
    against formulas is for spreadsheets, and would change the data here."""
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def row_values(row):
    return [spreadsheet_cell(column.value(row)) for column in COLUMNS]


def json_record(row):
    """One contribution as a JSON object, keyed as the data dictionary's keys."""
    return {column.key: json_value(column.value(row)) for column in COLUMNS}


def dictionary_header():
    return [str(_("Column")), str(_("Key")), str(_("Description"))]


def dictionary_rows():
    return [[str(c.label), c.key, safe_cell(str(c.description))] for c in COLUMNS]
