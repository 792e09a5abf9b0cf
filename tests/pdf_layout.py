"""What a reader sees of a PDF's layout: how much of each page is used, and
boxes drawn over each other — read from the rendered file with poppler's
``pdftotext -bbox-layout`` and from WeasyPrint's own laid-out boxes."""

import re
import shutil
import subprocess
from itertools import combinations
from xml.etree import ElementTree

import pytest

XHTML = {"x": "http://www.w3.org/1999/xhtml"}
MM = 72 / 25.4  # PDF points per millimetre
# paper-print.css: @page margin 20mm 18mm 22mm; the page number sits in the bottom margin.
TOP_MARGIN, BOTTOM_MARGIN = 20 * MM, 22 * MM
TOLERANCE = 0.5  # points: touching borders are not an overlap
BLOCK_DISPLAYS = ("block", "flow", "flow-root", "flex", "grid", "table", "list-item")


def pdftotext():
    path = shutil.which("pdftotext")
    if not path:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    return path


def text_pages(pdf_path):
    """Per page: (height, [(xMin, yMin, xMax, yMax, words) of each text line in the body])."""
    out = subprocess.run(
        [pdftotext(), "-bbox-layout", str(pdf_path), "-"], check=True, capture_output=True, text=True
    ).stdout
    # Poppler's own output about a PDF we drew, not untrusted input.
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out))  # noqa: S314
    pages = []
    for page in root.iterfind(".//x:page", XHTML):
        height = float(page.get("height"))
        lines = []
        for line in page.iterfind(".//x:line", XHTML):
            box = tuple(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            if box[1] < height - BOTTOM_MARGIN:  # not the page number
                words = [
                    (tuple(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), w.text)
                    for w in line.iterfind("x:word", XHTML)
                ]
                lines.append((*box, words))
        pages.append((height, lines))
    return pages


def used_share(height, lines):
    """How far down the page's text area its last line reaches (0 to 1)."""
    if not lines:
        return 0.0
    bottom = max(line[3] for line in lines)
    return (bottom - TOP_MARGIN) / (height - TOP_MARGIN - BOTTOM_MARGIN)


def _overlap(a, b):
    return min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE


def _area(box):
    return max(box[2] - box[0], 0) * max(box[3] - box[1], 0)


def overlapping_words(lines):
    """Pairs of words drawn over each other (sharing a quarter of the smaller one's box).

    A word's box is its font's full height, so the lines of a paragraph touch
    and slightly overlap; a quarter of a word is more than any of that."""
    words = [(box, text) for line in lines for box, text in line[4]]
    found = []
    for (a, text_a), (b, text_b) in combinations(words, 2):
        width, height = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
        if width > 0 and height > 0 and width * height > 0.25 * (min(_area(a), _area(b)) or 1):
            found.append((text_a, text_b))
    return found


def _border_box(box):
    x, y = box.border_box_x(), box.border_box_y()
    return (x, y, x + box.border_width(), y + box.border_height())


def _label(box):
    element = box.element
    if element is None:
        return box.element_tag
    return f"<{box.element_tag} class={element.get('class', '')!r}>"


def overlapping_boxes(document):
    """(page number, box, box) for sibling block boxes WeasyPrint laid out over each other."""
    found = []

    def walk(number, box):
        children = [
            child
            for child in getattr(box, "children", ())
            if child.element is not None
            and child.style["display"][0] in BLOCK_DISPLAYS
            and child.border_width() > 0
            and child.border_height() > 0
        ]
        if len(children) < 200:  # every box is also checked within its own parent
            for a, b in combinations(children, 2):
                if _overlap(_border_box(a), _border_box(b)):
                    found.append((number, _label(a), _label(b)))
        for child in getattr(box, "children", ()):
            walk(number, child)

    for number, page in enumerate(document.pages, 1):
        walk(number, page._page_box)
    return found
