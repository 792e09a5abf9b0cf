"""Whether poppler-utils (pdftotext, pdftoppm), which read the papers' PDFs back, is here.

`make test` installs it; a test that reads a PDF skips with this reason where
it is missing rather than failing on a command that is not there."""

import shutil

import pytest

PDFTOTEXT, PDFTOPPM = shutil.which("pdftotext"), shutil.which("pdftoppm")
POPPLER = bool(PDFTOTEXT and PDFTOPPM)
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="pdftotext/pdftoppm missing: install Debian's poppler-utils (make test does)"
)
