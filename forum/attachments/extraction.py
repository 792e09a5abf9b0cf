"""Text of PDF, DOCX and ODT attachments, for search to index.

Extraction never stops a post from being saved: a file the libraries cannot
read gets an empty text and the reason in ``AttachmentText.error``.
"""

import logging

from django.utils import timezone

from .filetypes import DOCX, ODT, PDF, RefusedFile, inspect

logger = logging.getLogger(__name__)

# Search indexes the first million characters (Elasticsearch's highlighting
# limit); a longer text is cut there.
MAX_CHARS = 1_000_000
# A PDF of thousands of pages is read up to this page.
PDF_MAX_PAGES = 2000


class _Collector:
    """Joins pieces of text until MAX_CHARS is reached."""

    def __init__(self):
        self.parts, self.length, self.full = [], 0, False

    def add(self, text):
        if self.full or not text:
            return
        room = MAX_CHARS - self.length
        if len(text) > room:
            text, self.full = text[:room], True
        self.parts.append(text)
        self.length += len(text) + 1

    def text(self):
        return "\n".join(self.parts)[:MAX_CHARS]


def _pdf(file, out):
    from pypdf import PdfReader

    reader = PdfReader(file)
    for number, page in enumerate(reader.pages):
        if number >= PDF_MAX_PAGES or out.full:
            out.full = out.full or number >= PDF_MAX_PAGES
            break
        out.add(page.extract_text() or "")


def _docx(file, out):
    import docx

    document = docx.Document(file)
    for paragraph in document.paragraphs:
        out.add(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            out.add("\t".join(cell.text for cell in row.cells))


def _odt(file, out):
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    blocks = {(TEXTNS, "p"), (TEXTNS, "h")}

    def walk(node):
        for child in node.childNodes:
            if out.full:
                return
            if getattr(child, "qname", None) in blocks:
                out.add(teletype.extractText(child))
            elif child.nodeType == child.ELEMENT_NODE:
                walk(child)

    walk(load(file).text)


EXTRACTORS = {PDF: _pdf, DOCX: _docx, ODT: _odt}


def extract(file, kind):
    """Return (text, truncated) for an open binary file of ``kind``."""
    out = _Collector()
    EXTRACTORS[kind](file, out)
    return out.text(), out.full


def store_extracted_text(attachment):
    """Create or refresh the AttachmentText of ``attachment``; never raises.

    Images have no text: any row left from a previous file is removed.
    """
    from forum.models import AttachmentText

    name = attachment.file.name
    existing = AttachmentText.objects.filter(attachment=attachment).first()
    if existing and existing.file_name == name:
        return existing  # the attachment was saved again with the same file
    text, truncated, error = "", False, ""
    try:
        with attachment.file.open("rb") as file:
            kind = inspect(file)
            if not kind.has_text:
                AttachmentText.objects.filter(attachment=attachment).delete()
                return None
            text, truncated = extract(file, kind)
    except RefusedFile as refused:
        error = refused.message
    except Exception as exc:  # any library failure is recorded, not raised
        logger.warning("Text extraction failed for attachment %s", attachment.pk, exc_info=True)
        error = f"{type(exc).__name__}: {exc}"
    # PostgreSQL text columns cannot hold NUL characters, which PDFs may yield.
    text = text.replace("\x00", "")
    row, _created = AttachmentText.objects.update_or_create(
        attachment=attachment,
        defaults={
            "text": text,
            "truncated": truncated,
            "error": error[:500],
            "file_name": name,
            "extracted_at": timezone.now(),
        },
    )
    return row
