"""Charts of an analysis paper, drawn on the server as SVG.

One drawing serves the page and the PDF (WeasyPrint draws inline SVG). The
site's Content-Security-Policy forbids inline ``style`` attributes, so every
colour and size is an SVG presentation attribute (``fill``, ``font-size``),
which the policy does not govern. The SVG is an image with a name
(``<title>``) and a description (``<desc>``), both referenced by
``aria-labelledby``; its numbers are also given as a table next to it
(``paper_chart.html``), for screen readers and for anyone who wants them.

Right to left: in Arabic the labels sit on the right and bars grow leftwards
from them, and a timeline runs from right (earliest) to left (latest), as
the page reads. Every text of such a chart says ``direction="rtl"``, so its
``text-anchor`` keeps the meaning it has in the left-to-right drawing
(``start`` is the reading side) and the mirrored positions need no other
change. Numbers are written the language's way (Django's number
formats: grouping and separators).
"""

import contextvars
import hashlib
import re
from dataclasses import dataclass, field
from html import escape

from django.utils import translation
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hub.core.punctuation import join_clauses

RTL_LANGUAGES = ("ar", "fa", "he", "ur")
WIDTH = 640
FONT = "'Noto Sans', 'Noto Naskh Arabic', Arial, sans-serif"
ARABIC_FONT = "'Noto Naskh Arabic', 'Noto Sans', Arial, sans-serif"
FONT_SIZE = 13
SMALL_FONT_SIZE = 11
TEXT = "#212529"
MUTED = "#495057"
GRID = "#ced4da"
# Two series that differ in lightness as well as hue (both at least 3:1 on white).
SERIES = "#1c5d8c"
COMPARISON = "#b0461a"
MAX_LABEL_CHARS = 32  # at 13 px, about 7 px a letter: fits the label column
LABEL_WIDTH = 260
MAX_COLUMNS = 36  # more months than this: a line instead of columns
PRINT_BAR_WIDTH = 300
# Letters of right-to-left scripts (Hebrew, Arabic and their presentation forms).
_RTL_LETTERS = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# WeasyPrint lays SVG text out one letter at a time, which cannot join Arabic
# letters; for the PDF such words are left out of the SVG and set in HTML
# around it (legend, bar labels) or in the table that follows (time labels).
_SKIP_JOINED_SCRIPT = contextvars.ContextVar("skip_joined_script", default=False)


def needs_shaping(text):
    return bool(_RTL_LETTERS.search(str(text)))


def is_rtl(language):
    return (language or "").split("-")[0] in RTL_LANGUAGES


def format_number(value, language):
    if value is None:
        return ""
    with translation.override(language):
        return number_format(value, force_grouping=True)


def _short(label, limit=MAX_LABEL_CHARS):
    label = " ".join(str(label).split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _nice_max(value):
    """A round upper bound for an axis (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


@dataclass
class TableRow:
    label: str
    value: str
    comparison: str
    # For the printed bars drawn row by row: SVG of the bar(s) alone.
    bar_svg: str = ""


@dataclass
class Chart:
    """A chart ready to show: its SVG and its numbers as table rows."""

    chart_id: str
    title: str
    description: str
    kind: str
    series_label: str
    comparison_label: str
    has_comparison: bool
    svg: str
    table: list[TableRow] = field(default_factory=list)
    # True when the chart is drawn for the PDF in a right-to-left language:
    # the legend and the bars' labels are HTML (see _SKIP_JOINED_SCRIPT).
    html_labels: bool = False

    @property
    def title_id(self):
        return f"{self.chart_id}-title"

    @property
    def desc_id(self):
        return f"{self.chart_id}-desc"


def _rows(value):
    rows = []
    for row in value.get("rows") or ():
        rows.append(
            {
                "label": str(row.get("label") or ""),
                "value": int(row.get("value") or 0),
                "comparison": row.get("comparison_value"),
            }
        )
    return rows


def chart_id(value, used=None):
    """An id for the chart's elements: stable for the same chart, unique on a page."""
    digest = hashlib.sha1(  # noqa: S324 — an element id, not security
        repr((value.get("title"), [(r["label"], r["value"]) for r in _rows(value)])).encode()
    ).hexdigest()[:10]
    base = candidate = f"chart-{digest}"
    n = 1
    while used is not None and candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    if used is not None:
        used.add(candidate)
    return candidate


def build(value, language, used_ids=None, *, for_print=False):
    """A ``Chart`` for a PaperChartBlock value, in ``language`` (``for_print``: for WeasyPrint)."""
    rows = _rows(value)
    has_comparison = any(r["comparison"] is not None for r in rows)
    series_label = value.get("series_label") or _("Contributions")
    comparison_label = value.get("comparison_label") or _("Comparison")
    kind = value.get("kind") or "bars"
    chart = Chart(
        chart_id=chart_id(value, used_ids),
        title=str(value.get("title") or ""),
        description=str(value.get("description") or ""),
        kind=kind,
        series_label=series_label,
        comparison_label=comparison_label,
        has_comparison=has_comparison,
        svg="",
        table=[
            TableRow(
                label=r["label"],
                value=format_number(r["value"], language),
                comparison=format_number(r["comparison"], language),
            )
            for r in rows
        ],
    )
    chart.html_labels = bool(for_print and is_rtl(language))
    token = _SKIP_JOINED_SCRIPT.set(chart.html_labels)
    try:
        if kind != "timeline" and chart.html_labels:
            _bar_rows(chart, rows, language)
        else:
            draw = _timeline if kind == "timeline" else _bars
            chart.svg = mark_safe(draw(chart, rows, language))  # noqa: S308 — every text below is escaped
    finally:
        _SKIP_JOINED_SCRIPT.reset(token)
    return chart


def _bar_rows(chart, rows, language):
    """Printed right-to-left bars: one small SVG per row (bars and numbers),
    the labels beside them in HTML, where they are shaped."""
    top_value = max([r["value"] for r in rows] + [r["comparison"] or 0 for r in rows] + [1])
    series = [("value", SERIES)] + ([("comparison", COMPARISON)] if chart.has_comparison else [])
    bar_height = 10
    height = len(series) * (bar_height + 2)
    for table_row, row in zip(chart.table, rows, strict=True):
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="paper-chart-bar" width="{PRINT_BAR_WIDTH}"'
            f' height="{height}" viewBox="0 0 {PRINT_BAR_WIDTH} {height}" aria-hidden="true">'
        ]
        for n, (key, colour) in enumerate(series):
            amount = row[key]
            if amount is None:
                continue
            width = max((PRINT_BAR_WIDTH - 60) * amount / top_value, 1 if amount else 0)
            y = n * (bar_height + 2)
            parts.append(
                f'<rect x="{PRINT_BAR_WIDTH - width:.1f}" y="{y}" width="{width:.1f}" height="{bar_height}"'
                f' fill="{colour}"/>'
            )
            parts.append(
                _text(
                    PRINT_BAR_WIDTH - width - 4,
                    y + bar_height - 1,
                    format_number(amount, language),
                    anchor="end",
                    size=SMALL_FONT_SIZE - 2,
                )
            )
        parts.append("</svg>")
        table_row.bar_svg = mark_safe("".join(parts))  # noqa: S308 — numbers only, escaped


def _text(x, y, content, *, anchor="start", size=FONT_SIZE, fill=TEXT, weight=None, rtl=False):
    if _SKIP_JOINED_SCRIPT.get() and needs_shaping(content):
        return ""
    font = ARABIC_FONT if rtl else FONT
    extra = f' font-weight="{weight}"' if weight else ""
    bidi = ' direction="rtl" unicode-bidi="embed"' if rtl else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"'
        f' font-family="{escape(font)}" fill="{fill}"{extra}{bidi}>{escape(content)}</text>'
    )


def _open(chart, height, language):
    rtl = is_rtl(language)
    description = chart.description or _summary(chart)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="paper-chart-svg" role="img"'
        f' width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"'
        f' aria-labelledby="{chart.title_id} {chart.desc_id}" lang="{escape(language)}"'
        f' direction="{"rtl" if rtl else "ltr"}">'
        f'<title id="{chart.title_id}">{escape(chart.title)}</title>'
        f'<desc id="{chart.desc_id}">{escape(description)}</desc>'
    )


def _summary(chart):
    """A description when the editor gave none: what is drawn and the first numbers."""
    shown = join_clauses(f"{row.label}: {row.value}" for row in chart.table[:12])
    more = " …" if len(chart.table) > 12 else ""
    return f"{chart.series_label}. {shown}{more}"


def _legend(chart, y, rtl):
    """Two swatches naming the series, on the reading side."""
    parts = []
    x = WIDTH - 8 if rtl else 8
    for label, colour in ((chart.series_label, SERIES), (chart.comparison_label, COMPARISON)):
        swatch_x = x - 12 if rtl else x
        parts.append(f'<rect x="{swatch_x:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{colour}"/>')
        text_x = x - 18 if rtl else x + 18
        parts.append(_text(text_x, y, _short(label, 40), anchor="start", rtl=rtl))
        step = 24 + 7 * min(len(label), 40)
        x = x - step if rtl else x + step
    return "".join(parts)


def _bars(chart, rows, language):
    """Horizontal bars: a label, a bar (and its comparison bar), the number."""
    rtl = is_rtl(language)
    comparison = chart.has_comparison
    band = 34 if comparison else 24
    bar_height = 12 if comparison else 16
    top = 28 if comparison else 8
    height = top + band * len(rows) + 8
    label_width = LABEL_WIDTH
    number_room = 64
    bar_room = WIDTH - label_width - number_room - 16
    top_value = max([r["value"] for r in rows] + [r["comparison"] or 0 for r in rows] + [1])
    parts = [_open(chart, height, language)]
    if comparison:
        parts.append(_legend(chart, 16, rtl))

    def place(x, width=0):
        """A left-to-right position mirrored for right-to-left."""
        return WIDTH - x - width if rtl else x

    for index, row in enumerate(rows):
        y = top + band * index
        label_x = place(label_width - 8)
        parts.append(_text(label_x, y + band / 2 + 4, _short(row["label"]), anchor="end", rtl=rtl))
        series = [(row["value"], SERIES)]
        if comparison:
            series.append((row["comparison"], COMPARISON))
        for n, (amount, colour) in enumerate(series):
            if amount is None:
                continue
            bar_y = y + (band - bar_height * len(series) - 2 * (len(series) - 1)) / 2 + n * (bar_height + 2)
            width = max(bar_room * amount / top_value, 1 if amount else 0)
            parts.append(
                f'<rect x="{place(label_width, width):.1f}" y="{bar_y:.1f}" width="{width:.1f}"'
                f' height="{bar_height}" fill="{colour}"/>'
            )
            number_x = place(label_width + width + 6)
            parts.append(
                _text(
                    number_x,
                    bar_y + bar_height - 2,
                    format_number(amount, language),
                    anchor="start",
                    size=SMALL_FONT_SIZE,
                    rtl=rtl,
                )
            )
    parts.append(
        f'<line x1="{place(label_width):.1f}" y1="{top - 2}" x2="{place(label_width):.1f}"'
        f' y2="{height - 6}" stroke="{GRID}" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _timeline(chart, rows, language):
    """One column per period (a line when there are many), earliest on the reading side."""
    rtl = is_rtl(language)
    comparison = chart.has_comparison
    top = 30 if comparison and not chart.html_labels else 14
    plot_height = 180
    label_room = 54
    axis_room = 48
    height = top + plot_height + label_room
    plot_left, plot_right = axis_room, WIDTH - 12
    if rtl:
        plot_left, plot_right = 12, WIDTH - axis_room
    plot_width = plot_right - plot_left
    top_value = _nice_max(max([r["value"] for r in rows] + [r["comparison"] or 0 for r in rows] + [0]))
    baseline = top + plot_height
    parts = [_open(chart, height, language)]
    if comparison and not chart.html_labels:
        parts.append(_legend(chart, 16, rtl))
    # Grid: 0, half, top, numbered on the outer side.
    for fraction in (0, 0.5, 1) if top_value % 2 == 0 else (0, 1):
        y = baseline - plot_height * fraction
        parts.append(
            f'<line x1="{plot_left}" y1="{y:.1f}" x2="{plot_right}" y2="{y:.1f}"'
            f' stroke="{GRID}" stroke-width="1"/>'
        )
        number_x = plot_right + 6 if rtl else plot_left - 6
        parts.append(
            _text(
                number_x,
                y + 4,
                format_number(round(top_value * fraction), language),
                anchor="end",
                size=SMALL_FONT_SIZE,
                fill=MUTED,
                rtl=rtl,
            )
        )
    count = max(len(rows), 1)
    slot = plot_width / count

    def centre(index):
        x = plot_left + slot * (index + 0.5)
        return plot_left + plot_right - x if rtl else x

    def y_of(amount):
        return baseline - plot_height * (amount or 0) / top_value

    series = [("value", SERIES)] + ([("comparison", COMPARISON)] if comparison else [])
    if len(rows) <= MAX_COLUMNS:
        gap = max(slot * 0.2, 1)
        column = (slot - gap) / len(series)
        for index, row in enumerate(rows):
            for n, (key, colour) in enumerate(series):
                amount = row[key]
                if amount is None:
                    continue
                x = centre(index) - (slot - gap) / 2 + n * column
                if rtl:
                    x = centre(index) + (slot - gap) / 2 - (n + 1) * column
                h = baseline - y_of(amount)
                parts.append(
                    f'<rect x="{x:.1f}" y="{y_of(amount):.1f}" width="{column:.1f}" height="{h:.1f}"'
                    f' fill="{colour}"/>'
                )
    else:
        for key, colour in series:
            points = " ".join(
                f"{centre(index):.1f},{y_of(row[key]):.1f}"
                for index, row in enumerate(rows)
                if row[key] is not None
            )
            parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
    # Period labels: all of them when they fit, else every n-th.
    every = max(1, -(-count * 56 // plot_width))
    for index, row in enumerate(rows):
        if index % every:
            continue
        parts.append(
            _text(
                centre(index),
                baseline + 16,
                _short(row["label"], 12),
                anchor="middle",
                size=SMALL_FONT_SIZE,
                rtl=rtl,
            )
        )
    parts.append("</svg>")
    return "".join(parts)
