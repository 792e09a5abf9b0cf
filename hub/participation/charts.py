"""Each dashboard table drawn as the papers draw theirs (``hub.papers.charts``):
SVG with a title and a description, presentation attributes only (the
Content-Security-Policy forbids inline styles), mirrored in Arabic.

One-dimension tables are bars (this cycle beside the previous one), months
a timeline, and a cross-tabulation a grid of shaded cells, its number in
each. A chart's numbers are the table's, which the page lists beside it.
"""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hub.papers import charts as paper_charts
from hub.papers.charts import FONT_SIZE, GRID, SERIES, SMALL_FONT_SIZE, TEXT, _text, format_number, is_rtl

# Longer tables (every country) are drawn for their first rows; the table lists all.
MAX_BARS = 20
GRID_LABEL_WIDTH = 240
GRID_COLUMN = 104
GRID_ROW = 26
GRID_HEADER = 40
# Shades of the series colour by share of the largest cell: dark text reads at
# 4.5:1 or more on the first four, white text at 7:1 on the last.
SHADES = (0.08, 0.2, 0.35, 0.5, 1.0)


def chart_for(table, language):
    """A ``hub.papers.charts.Chart`` for ``table`` (None for a list)."""
    if table.chart == "list" or not table.rows:
        return None
    if table.chart == "grid":
        return _grid(table, language)
    keys = [key for key, _label in table.columns]
    comparison = keys.index("previous") if "previous" in keys else None
    rows = table.rows if table.chart == "timeline" else table.rows[:MAX_BARS]
    value = {
        "title": table.title,
        "description": _shown(table, rows),
        "kind": "timeline" if table.chart == "timeline" else "bars",
        "series_label": table.columns[0][1],
        "comparison_label": table.columns[comparison][1] if comparison is not None else "",
        "rows": [
            {
                "label": row.label,
                "value": row.cells[0].value,
                "comparison_value": row.cells[comparison].value if comparison is not None else None,
            }
            for row in rows
        ],
    }
    return paper_charts.build(value, language)


def _shown(table, rows):
    if len(rows) < len(table.rows):
        return _("Only the largest are drawn; the table lists them all.")
    return ""


def _shade(value, top):
    if not value:
        return 0.0
    step = min(len(SHADES) - 1, int(len(SHADES) * value / top)) if top else 0
    return SHADES[step]


def _header_lines(label):
    """A column's label on at most two lines of about 16 letters."""
    words = str(label).split()
    first = []
    while words and len(" ".join([*first, words[0]])) <= 16:
        first.append(words.pop(0))
    if not first and words:
        first.append(words.pop(0))
    return [" ".join(first), paper_charts._short(" ".join(words), 18)] if words else [" ".join(first)]


def _grid(table, language):
    """Rows by columns, each cell shaded by its share of the largest and numbered."""
    rtl = is_rtl(language)
    columns = len(table.columns)
    width = GRID_LABEL_WIDTH + GRID_COLUMN * columns + 8
    height = GRID_HEADER + GRID_ROW * len(table.rows) + 8
    top = max((cell.value for row in table.rows for cell in row.cells), default=0)
    chart = paper_charts.Chart(
        chart_id=f"chart-{table.id}",
        title=table.title,
        description=table.description
        or _("Each cell counts the contributions of its row and its column; the darker, the more."),
        kind="grid",
        series_label=_("Contributions"),
        comparison_label="",
        has_comparison=False,
        svg="",
    )

    def place(x, w=0):
        return width - x - w if rtl else x

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="paper-chart-svg" role="img"'
        f' width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' aria-labelledby="{chart.title_id} {chart.desc_id}" lang="{escape(language)}"'
        f' direction="{"rtl" if rtl else "ltr"}">'
        f'<title id="{chart.title_id}">{escape(chart.title)}</title>'
        f'<desc id="{chart.desc_id}">{escape(chart.description)}</desc>'
    ]
    for index, (_key, label) in enumerate(table.columns):
        centre = place(GRID_LABEL_WIDTH + GRID_COLUMN * index + GRID_COLUMN / 2)
        for line, text in enumerate(_header_lines(label)):
            parts.append(_text(centre, 16 + line * 14, text, anchor="middle", size=SMALL_FONT_SIZE, rtl=rtl))
    for index, row in enumerate(table.rows):
        y = GRID_HEADER + GRID_ROW * index
        parts.append(
            _text(
                place(GRID_LABEL_WIDTH - 8),
                y + GRID_ROW / 2 + 4,
                paper_charts._short(row.label),
                anchor="end",
                rtl=rtl,
            )
        )
        for column, cell in enumerate(row.cells):
            x = place(GRID_LABEL_WIDTH + GRID_COLUMN * column + 2, GRID_COLUMN - 4)
            shade = _shade(cell.value, top)
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 2:.1f}" width="{GRID_COLUMN - 4}" height="{GRID_ROW - 4}"'
                f' fill="{SERIES}" fill-opacity="{shade:.2f}" stroke="{GRID}" stroke-width="1"/>'
            )
            parts.append(
                _text(
                    x + (GRID_COLUMN - 4) / 2,
                    y + GRID_ROW / 2 + 4,
                    format_number(cell.value, language),
                    anchor="middle",
                    size=FONT_SIZE - 1,
                    fill="#ffffff" if shade == SHADES[-1] else TEXT,
                    rtl=rtl,
                )
            )
    parts.append("</svg>")
    chart.svg = mark_safe("".join(parts))  # noqa: S308 — every text is escaped by _text and above
    return chart
