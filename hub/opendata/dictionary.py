"""The data dictionary: every field of the dump, its type and its meaning.

The fields are read from the CSV's columns, which are read from the API's
serializer (``reading.csv_columns``), so a field the API gains is a field
the dump writes; a test fails until its meaning is written here. Names and
values are the stable keys the API uses (slugs, codes, numbers); types and
meanings are shown in the reader's language.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from forum.models.contributions import ContributionKind
from hub.taxonomy.data import REGIONS, STAKEHOLDER_GROUPS

from .reading import csv_columns

INTEGER = _("integer")
TEXT = _("text")
ADDRESS = _("web address")
MOMENT = _("date and time (ISO 8601, UTC)")
TRUE_FALSE = _("true or false")
NUMBERS = _("list of integers")
CONCEPTS = _("list of objects")

_with_values = lazy(lambda text, values: gettext(text) % {"values": values}, str)


def _values(keys):
    return ", ".join(keys)


# Column (as the CSV names it) → (type, meaning).
MEANINGS = {
    "id": (INTEGER, _("Number of the contribution on this site (its post's id).")),
    "external_id": (
        TEXT,
        _("Identifier in the system the contribution was imported from; empty when it was posted here."),
    ),
    "url": (ADDRESS, _("Link to the contribution in its discussion, on the English site.")),
    "region": (
        TEXT,
        _with_values(
            gettext_noop("Region of the discussion space. Values: %(values)s."),
            _values(r["slug"] for r in REGIONS),
        ),
    ),
    "topic_id": (INTEGER, _("Number of the discussion (topic).")),
    "topic_subject": (TEXT, _("Subject of the discussion.")),
    "type": (
        TEXT,
        _with_values(
            gettext_noop("Type of contribution. Values: %(values)s."), _values(ContributionKind.values)
        ),
    ),
    "objectives": (
        NUMBERS,
        _(
            "Numbers (1 to 23) of the Global Compact objectives the contribution addresses; "
            "in the CSV separated by “; ”."
        ),
    ),
    "language": (TEXT, _("Language the contribution is written in: ar, en or fr.")),
    "stakeholder_group": (
        TEXT,
        _with_values(
            gettext_noop("Stakeholder group of the author; empty when not given. Values: %(values)s."),
            _values(g["slug"] for g in STAKEHOLDER_GROUPS),
        ),
    ),
    "organisation": (TEXT, _("Organisation the author speaks for, as they wrote it.")),
    "country": (TEXT, _("Country concerned, as an ISO 3166-1 alpha-2 code; empty when not given.")),
    "created": (MOMENT, _("Date and time of posting, in Coordinated Universal Time.")),
    "has_attachment": (TRUE_FALSE, _("true when a file is attached to the contribution.")),
    "campaign_id": (
        INTEGER,
        _(
            "Number of the campaign the contribution belongs to (near-identical contributions from "
            "different authors, counted as one voice); empty when it belongs to none. In the JSON "
            "Lines file, campaign is null or an object with id and size."
        ),
    ),
    "campaign_size": (
        INTEGER,
        _("How many public contributions its campaign groups; empty when it belongs to none."),
    ),
    "snippet": (
        TEXT,
        _(
            "The beginning of the contribution's text, without formatting, cut at about 300 characters "
            "(… marks a cut). The whole text is on the contribution's page."
        ),
    ),
    "matched_through": (
        CONCEPTS,
        _(
            "Always empty here: in the API it says through which thesaurus concepts a search found "
            "the contribution, and the dump searches no words."
        ),
    ),
}


@dataclass(frozen=True)
class Field:
    column: str  # as the CSV names it
    json: str  # as the JSON Lines file names it (topic.id for the CSV's topic_id)
    type: Any  # lazy translated text
    meaning: Any


def fields():
    """Every field of the dump, in the CSV's order."""
    return [
        Field(column=column, json=".".join(path), type=MEANINGS[column][0], meaning=MEANINGS[column][1])
        for column, path in csv_columns()
    ]
