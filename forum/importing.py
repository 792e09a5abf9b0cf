"""Reading and validating contributions to import, one JSON object per line.

Every line is checked against the taxonomy before anything is written, so a
file either imports whole or not at all (unless the caller chooses to skip
invalid lines). Writing the validated rows is ``forum.bulk_import``'s job.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import ProhibitNullCharactersValidator, validate_email

from hub.core.bounds import FIRST_DAY, LAST_DAY, parse_moment
from hub.taxonomy.models import Country, GcmObjective, StakeholderGroup

from .attachments.filetypes import RefusedFile, inspect
from .models import ContributionKind, RegionalSpace

# The post-length cap of the product's post forms.
MAX_BODY_LENGTH = 32_000
# machina's Topic.subject and Post.subject are 255 characters long.
MAX_SUBJECT_LENGTH = 255
# The extensions reports may be attached as; their content is checked by the attachment storage.
ATTACHMENT_EXTENSIONS = frozenset({".pdf", ".docx", ".odt", ".png", ".jpg", ".jpeg"})

# Keys every line must hold: the first set must have a value, the second may be empty.
REQUIRED_VALUES = ("external_id", "region", "topic", "author_name", "language", "type", "created", "body")
MAY_BE_EMPTY = ("author_email", "organisation", "stakeholder_group", "country", "objectives")
OPTIONAL_KEYS = ("attachment",)
KNOWN_KEYS = frozenset(REQUIRED_VALUES + MAY_BE_EMPTY + OPTIONAL_KEYS)
# The keys whose value is a string (``created`` is parsed, ``objectives`` is a list).
TEXT_KEYS = tuple(key for key in REQUIRED_VALUES + MAY_BE_EMPTY if key not in ("created", "objectives"))

# The web forms' rule (every Django form CharField has it): PostgreSQL refuses
# a NUL in text, SQLite would store it.
refuse_null_characters = ProhibitNullCharactersValidator()

# Lengths of the model fields the values land in.
MAX_LENGTHS = {"external_id": 200, "author_name": 100, "organisation": 200, "author_email": 254}


@dataclass(frozen=True)
class ContributionRow:
    """One valid line, its slugs resolved to primary keys."""

    line: int
    external_id: str
    space_id: int
    forum_id: int
    topic: str
    author_email: str
    author_name: str
    organisation: str
    stakeholder_group_id: int | None
    country_id: int | None
    language: str
    kind: str
    objective_ids: tuple[int, ...]
    created: datetime
    body: str
    attachment: Path | None = None


class Vocabulary:
    """The taxonomy a line may refer to, loaded once per import.

    Always the default-language rows: they are what contributions point to.
    """

    def __init__(self):
        self.spaces = {
            space.region.slug: space for space in RegionalSpace.objects.select_related("region", "forum")
        }
        self.groups = dict(StakeholderGroup.objects.in_default_locale().values_list("slug", "pk"))
        self.objectives = dict(GcmObjective.objects.in_default_locale().values_list("number", "pk"))
        self.countries = {}
        self.countries_by_region = {}
        for pk, code, region_slug in Country.objects.values_list("pk", "code", "region__slug"):
            self.countries[str(code)] = pk
            self.countries_by_region.setdefault(region_slug, []).append(str(code))
        self.languages = frozenset(code for code, _name in settings.LANGUAGES)
        self.kinds = frozenset(ContributionKind.values)


class InvalidLine(Exception):
    """A line that cannot be imported; ``errors`` says why, one message each."""

    def __init__(self, line, errors):
        super().__init__(f"line {line}: " + "; ".join(errors))
        self.line = line
        self.errors = errors


def parse_created(value):
    """An ISO 8601 date and time, in UTC; one without a time zone is taken as UTC.
    Bounded like every date from outside (``hub.core.bounds``): a time whose
    conversion to UTC leaves the calendar is an invalid line, not a crash."""
    if not isinstance(value, str):
        raise ValueError
    return parse_moment(value)


def _text(data, key, errors):
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.append(f"{key} must be a string")
        return ""
    try:
        refuse_null_characters(value)
    except ValidationError:
        errors.append(f"{key} holds a NUL character")
        return ""
    value = value.strip()
    limit = MAX_LENGTHS.get(key)
    if limit and len(value) > limit:
        errors.append(f"{key} is longer than {limit} characters")
    return value


def _objectives(value, vocabulary, errors):
    if value is None:
        return ()
    # bool is an int in Python: reject it explicitly, true is no objective number.
    if not isinstance(value, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in value):
        errors.append("objectives must be a list of numbers from 1 to 23")
        return ()
    unknown = [n for n in value if n not in vocabulary.objectives]
    if unknown:
        errors.append(f"unknown GCM objective number(s): {', '.join(map(str, unknown))}")
        return ()
    return tuple(vocabulary.objectives[n] for n in dict.fromkeys(value))


def _attachment(value, base_dir, errors):
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        errors.append("attachment must be a path")
        return None
    if "\x00" in value:  # no file is named so, and the file system refuses to look
        errors.append("attachment holds a NUL character")
        return None
    if base_dir is None:
        errors.append("attachments can only be imported from a file")
        return None
    base = base_dir.resolve()
    path = (base / value).resolve()
    # A file received from elsewhere must not reach outside its own folder.
    if not path.is_relative_to(base):
        errors.append(f"attachment {value!r} is outside the file's folder")
    elif not path.is_file():
        errors.append(f"attachment {value!r} does not exist")
    elif path.suffix.lower() not in ATTACHMENT_EXTENSIONS:
        errors.append(f"attachment {value!r} is not a PDF, DOCX, ODT, PNG or JPEG file")
    else:
        # The same content check as an upload in the posting form: the name
        # proves nothing about what the file holds.
        with path.open("rb") as handle:
            try:
                inspect(File(handle, name=path.name))
            except RefusedFile as refusal:
                errors.append(f"attachment {value!r}: {refusal.message}")
                return None
        return path
    return None


def validate(data, line, vocabulary, base_dir=None):
    """The ``ContributionRow`` of one decoded line; raises ``InvalidLine``."""
    if not isinstance(data, dict):
        raise InvalidLine(line, ["not a JSON object"])
    errors = []
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        errors.append(f"unknown field(s): {', '.join(unknown)}")
    missing = [key for key in REQUIRED_VALUES + MAY_BE_EMPTY if key not in data]
    if missing:
        errors.append(f"missing field(s): {', '.join(missing)}")
    text = {key: _text(data, key, errors) for key in TEXT_KEYS}
    empty = [key for key in REQUIRED_VALUES if key in data and not (text[key] if key in text else data[key])]
    if empty:
        errors.append(f"empty field(s): {', '.join(empty)}")

    space = vocabulary.spaces.get(text["region"])
    if text["region"] and space is None:
        errors.append(f"unknown region {text['region']!r}")
    if len(text["topic"]) > MAX_SUBJECT_LENGTH:
        errors.append(f"topic is longer than {MAX_SUBJECT_LENGTH} characters")
    if text["author_email"]:
        try:
            validate_email(text["author_email"])
        except ValidationError:
            errors.append(f"author_email {text['author_email']!r} is not an e-mail address")
    group_id = vocabulary.groups.get(text["stakeholder_group"])
    if text["stakeholder_group"] and group_id is None:
        errors.append(f"unknown stakeholder_group {text['stakeholder_group']!r}")
    country_id = vocabulary.countries.get(text["country"].upper())
    if text["country"] and country_id is None:
        errors.append(f"unknown country {text['country']!r} (an ISO 3166-1 alpha-2 code)")
    if text["language"] and text["language"] not in vocabulary.languages:
        choices = ", ".join(sorted(vocabulary.languages))
        errors.append(f"language {text['language']!r} is not one of {choices}")
    if text["type"] and text["type"] not in vocabulary.kinds:
        errors.append(f"unknown type {text['type']!r}")
    objective_ids = _objectives(data.get("objectives"), vocabulary, errors)
    created = None
    if "created" in data:
        try:
            created = parse_created(data["created"])
        except ValueError:
            errors.append(
                f"created {str(data['created'])[:60]!r} is not an ISO 8601 date and time "
                f"from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()} (in UTC)"
            )
    if len(text["body"]) > MAX_BODY_LENGTH:
        errors.append(f"body is longer than {MAX_BODY_LENGTH:,} characters ({len(text['body']):,})")
    attachment = _attachment(data.get("attachment"), base_dir, errors)

    if errors:
        raise InvalidLine(line, errors)
    return ContributionRow(
        line=line,
        external_id=text["external_id"],
        space_id=space.pk,
        forum_id=space.forum_id,
        topic=text["topic"],
        author_email=text["author_email"],
        author_name=text["author_name"],
        organisation=text["organisation"],
        stakeholder_group_id=group_id,
        country_id=country_id,
        language=text["language"],
        kind=text["type"],
        objective_ids=objective_ids,
        created=created,
        body=text["body"],
        attachment=attachment,
    )


def read_rows(path, vocabulary):
    """Yield ``ContributionRow`` or ``InvalidLine`` for each non-blank line of ``path``.

    Streams the file, so a large file is never held in memory. An
    ``external_id`` already seen earlier in the file makes its line invalid.
    """
    path = Path(path)
    seen = {}
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                # Decoded line by line so one badly encoded line is reported, not fatal.
                data = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield InvalidLine(number, ["not UTF-8 text"])
                continue
            except json.JSONDecodeError as error:
                yield InvalidLine(number, [f"not valid JSON ({error.msg}, column {error.colno})"])
                continue
            except RecursionError:
                # Python's parser recurses once per level of [ or {: no contribution nests so deep.
                yield InvalidLine(number, ["nested too deeply to be a contribution"])
                continue
            try:
                row = validate(data, number, vocabulary, base_dir=path.parent)
            except InvalidLine as invalid:
                yield invalid
                continue
            first = seen.setdefault(row.external_id, number)
            if first != number:
                yield InvalidLine(number, [f"external_id {row.external_id!r} repeats line {first}"])
                continue
            yield row
