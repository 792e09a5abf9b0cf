"""The readers of PDF, DOCX and ODT text, run inside the sandbox process.

No Django here: ``forum.attachments.sandbox`` imports this module after
limiting its own time and memory.
"""

import zipfile

# A PDF of thousands of pages is read up to this page.
PDF_MAX_PAGES = 2000
# No part of a DOCX or ODT is decompressed beyond this many bytes, whatever
# its header claims (zipfile stops reading a member at its declared size, and
# the declared sizes are checked here first).
PART_MAX_BYTES = 64 * 1024 * 1024


class TooLarge(Exception):
    pass


class _Collector:
    """Joins pieces of text until ``max_chars`` is reached."""

    def __init__(self, max_chars):
        self.max_chars = max_chars
        self.parts, self.length, self.full = [], 0, False

    def add(self, text):
        if self.full or not text:
            return
        room = self.max_chars - self.length
        if len(text) > room:
            text, self.full = text[:room], True
        self.parts.append(text)
        self.length += len(text) + 1

    def text(self):
        return "\n".join(self.parts)[: self.max_chars]


def check_parts(file):
    """Refuse an archive with a member that expands beyond PART_MAX_BYTES."""
    with zipfile.ZipFile(file) as archive:
        for entry in archive.infolist():
            if entry.file_size > PART_MAX_BYTES:
                raise TooLarge(f"{entry.filename} expands to {entry.file_size} bytes")
    file.seek(0)


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

    check_parts(file)
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

    check_parts(file)
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


READERS = {"pdf": _pdf, "docx": _docx, "odt": _odt}


def read(file, extension, max_chars):
    """Return (text, truncated) for an open binary file of the kind ``extension``."""
    out = _Collector(max_chars)
    READERS[extension](file, out)
    return out.text(), out.full
