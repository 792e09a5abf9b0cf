"""What an uploaded file really is, judged by its bytes, never by its name
or by the content type the browser claims."""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

from . import readers

# A DOCX or ODT is a zip archive: refuse archives that would expand into far
# more than an honest document (zip bombs) or that hold absurdly many parts.
ZIP_MAX_ENTRIES = 5000
ZIP_MAX_EXPANDED_BYTES = 256 * 1024 * 1024
# Images are decoded when viewed: refuse pixel floods (a tiny file declaring
# 20,000 x 20,000 pixels) from their header, before anything decodes them.
IMAGE_MAX_PIXELS = 50_000_000

DOCX_MAIN_PART = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    has_text: bool


PDF = Kind("pdf", "application/pdf", True)
DOCX = Kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", True)
ODT = Kind("odt", "application/vnd.oasis.opendocument.text", True)
PNG = Kind("png", "image/png", False)
JPEG = Kind("jpg", "image/jpeg", False)

KINDS = (PDF, DOCX, ODT, PNG, JPEG)
ACCEPT = ",".join([f".{k.extension}" for k in KINDS] + [".jpeg"] + [k.content_type for k in KINDS])


class RefusedFile(Exception):
    """The file may not be attached; ``message`` says why, for the person."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def max_bytes():
    return settings.ATTACHMENT_MAX_BYTES


def kind_of_name(name):
    """The kind a stored file was accepted as (its extension was set from its content)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "jpeg":
        return JPEG
    return next((k for k in KINDS if k.extension == extension), None)


def inspect(upload):
    """Return the Kind of ``upload`` (a file object with a name and size) or raise RefusedFile."""
    name = upload.name
    if upload.size > max_bytes():
        raise RefusedFile(
            _("“%(name)s” is %(size)s; an attachment may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())},
            "too_big",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return _checked_image(upload, "PNG", PNG)
        if head.startswith(b"\xff\xd8\xff"):
            return _checked_image(upload, "JPEG", JPEG)
        if head.startswith(b"PK\x03\x04"):
            kind = _zip_kind(upload)
            if kind:
                return kind
    finally:
        upload.seek(0)
    raise RefusedFile(
        _(
            "“%(name)s” is not a PDF, DOCX, ODT, PNG or JPEG file. "
            "Files are recognised by their content, not by their name."
        )
        % {"name": name},
        "invalid_type",
    )


def _damaged(name):
    return RefusedFile(_("“%(name)s” seems damaged and cannot be attached.") % {"name": name}, "damaged")


def _checked_image(upload, expected_format, kind):
    try:
        with Image.open(upload) as image:  # reads the header only
            if image.format != expected_format:
                raise _damaged(upload.name)
            width, height = image.size
    except RefusedFile:
        raise
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise _damaged(upload.name) from None
    if width * height > IMAGE_MAX_PIXELS:
        raise RefusedFile(
            _("The image “%(name)s” is too large (%(width)s by %(height)s pixels).")
            % {"name": upload.name, "width": width, "height": height},
            "too_many_pixels",
        )
    return kind


def _zip_kind(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if (
                len(entries) > ZIP_MAX_ENTRIES
                or sum(e.file_size for e in entries) > ZIP_MAX_EXPANDED_BYTES
                # The readers refuse a larger part anyway; say so at once.
                or any(e.file_size > readers.PART_MAX_BYTES for e in entries)
            ):
                raise RefusedFile(
                    _("“%(name)s” expands into too much data to be accepted safely.") % {"name": upload.name},
                    "zip_bomb",
                )
            names = {e.filename for e in entries}
            if "mimetype" in names and "content.xml" in names:
                with archive.open("mimetype") as mimetype:
                    if mimetype.read(100).strip() == ODT_MIMETYPE:
                        return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                # Read a bounded prefix: the declaration of the main part is
                # near the top, and the size was checked above anyway.
                with archive.open("[Content_Types].xml") as types:
                    if DOCX_MAIN_PART.encode() in types.read(1_000_000):
                        return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, EOFError, NotImplementedError):
        raise _damaged(upload.name) from None
    return None
