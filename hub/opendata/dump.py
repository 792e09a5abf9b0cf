"""Writing the dump: ``contributions.jsonl``, ``contributions.csv`` and
``manifest.json`` in ``OPEN_DATA_DIR``.

Each file is written beside its final name under a temporary one, flushed to
disk, then renamed over the old file (``os.replace``, atomic on one file
system): a reader opens either the old whole file or the new whole file,
and a download already running keeps reading the old one. Anything failing
before the renames leaves the previous dump as it was, and its temporary
files removed. The manifest is renamed last, so when it names a dump, its
two files are there.

Rows go to the files a page at a time: memory stays the same at any count.
"""

import csv
import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from hub.models import OpenDataSettings

from .reading import csv_columns, csv_values, public_rows

JSONL, CSV, MANIFEST = "contributions.jsonl", "contributions.csv", "manifest.json"
FILES = (JSONL, CSV, MANIFEST)
# As the search's CSV export: a byte order mark, so spreadsheet software opens Arabic as UTF-8.
BOM = "\ufeff"


def directory():
    return Path(settings.OPEN_DATA_DIR)


def path(name):
    return directory() / name


def read_manifest():
    """The manifest of the dump in place, or None before the first one."""
    try:
        return json.loads(path(MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


@dataclass
class _Output:
    """A file being written under a temporary name: its size and checksum kept as it grows."""

    name: str
    file: object = None
    digest: object = field(default_factory=hashlib.sha256)
    size: int = 0

    def open(self):
        self.file = tempfile.NamedTemporaryFile(  # noqa: SIM115 — renamed into place, or removed, by the dump
            dir=directory(), prefix=f".{self.name}.", suffix=".part", delete=False
        )
        return self

    def write(self, text):
        data = text.encode("utf-8")
        self.digest.update(data)
        self.size += len(data)
        self.file.write(data)

    def finish(self):
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.chmod(self.file.name, 0o644)  # served to anyone: mkstemp makes it private

    def discard(self):
        self.file.close()
        Path(self.file.name).unlink(missing_ok=True)

    def describe(self, rows):
        return {"rows": rows, "bytes": self.size, "sha256": self.digest.hexdigest()}


def _csv_line(writer, buffer, values):
    writer.writerow(values)
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def write(pages=None):
    """Write the dump from ``pages`` (lists of the API's rows; every public
    contribution by default) → the manifest written."""
    directory().mkdir(parents=True, exist_ok=True)
    started = timezone.now()
    columns = csv_columns()
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180 quoting and CRLF line ends, as the search's export
    outputs = [_Output(JSONL).open(), _Output(CSV).open(), _Output(MANIFEST).open()]
    jsonl, table, manifest_file = outputs
    try:
        table.write(BOM + _csv_line(writer, buffer, [column for column, _path in columns]))
        rows = 0
        for page in public_rows() if pages is None else pages:
            jsonl.write(
                "".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n" for row in page)
            )
            table.write("".join(_csv_line(writer, buffer, csv_values(row, columns)) for row in page))
            rows += len(page)
        manifest = {
            "written": timezone.now().isoformat(timespec="seconds"),
            "started": started.isoformat(timespec="seconds"),
            "contributions": rows,
            "files": {JSONL: jsonl.describe(rows), CSV: table.describe(rows)},
        }
        manifest_file.write(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
        for output in outputs:
            output.finish()
    except BaseException:
        for output in outputs:
            output.discard()
        raise
    for output in outputs:  # the manifest last
        os.replace(output.file.name, path(output.name))
    _end_cached_pages()
    return manifest


def _end_cached_pages():
    # The open-data page shows the dump's time and sizes, which no database
    # trigger sees: touching the settings row it also shows renews the pages
    # stamp (search.stamp), so no cached copy of the page outlives the dump.
    OpenDataSettings.load()
    OpenDataSettings.objects.update(licence_url=F("licence_url"))
