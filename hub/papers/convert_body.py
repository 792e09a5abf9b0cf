"""Converting a paper body written before its blocks read the frozen set.

Earlier drafts copied every chart row, every recurring term and every chosen
quotation into the body (thousands of editor fields). ``convert_body`` turns
each such block into one that names what it shows (``frozen_figures``) when
it still holds exactly what the generation counted; a block an analyst
changed keeps its own rows. Pure functions of the raw stream data and the
generation's figures, for the data migration and its test.
"""

from .frozen_figures import DIMENSIONS, chart_rows, comparison_counts


class _Keys:
    """Labels that are the keys themselves: only the numbers are compared."""

    def label(self, dimension, key):
        return str(key)


def _items(values):
    # A ListBlock's raw data: {"type": "item", "value": …, "id": …} items, or plain values (older data).
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" else item for item in values
    ]


def chart_dimension(value, figures, query, comparison_query):
    """Which of the figures' dimensions a chart's rows are exactly, or None."""
    rows = [(int(r.get("value") or 0), r.get("comparison_value")) for r in _items(value.get("rows") or ())]
    for dimension in DIMENSIONS:
        if (dimension == "month") != (value.get("kind") == "timeline"):
            continue
        if f"by_{dimension}" not in figures:
            continue
        compared = comparison_counts(figures, dimension, query, comparison_query)
        expected = chart_rows(figures, dimension, _Keys(), compared)
        if rows == [(r["value"], r["comparison_value"]) for r in expected]:
            return dimension
    return None


def terms_objective(value, themes):
    """The objective whose recurring terms (in the block's language) the block lists exactly, or None."""
    terms = [[item.get("term"), item.get("count")] for item in _items(value.get("terms") or ())]
    language = value.get("language") or ""
    for number, theme in themes.items():
        expected = [[term[:100], count] for term, count in (theme.get("terms") or {}).get(language, ())]
        if terms and terms == expected:
            return int(number)
    return None


def quotations_objective(run, themes):
    """The objective whose chosen quotations ``run`` (cited_quotation values) are, in order, or None."""
    quoted = [(int(value.get("contribution") or 0), value.get("quote")) for value in run]
    for number, theme in themes.items():
        expected = [(int(q["post"]), q["quote"]) for q in theme.get("quotations") or ()]
        if expected and quoted == expected:
            return int(number)
    return None


def convert_body(raw, figures, query="", comparison_query=""):
    """The raw stream data ``raw`` with copied rows replaced by references."""
    themes = figures.get("themes") or {}
    converted, n = [], 0
    while n < len(raw):
        block = raw[n]
        kind, value = block.get("type"), block.get("value") or {}
        if kind == "paper_chart" and value.get("rows") and not value.get("counted_by"):
            dimension = chart_dimension(value, figures, query, comparison_query)
            if dimension:
                block = {**block, "value": {**value, "counted_by": dimension, "rows": []}}
        elif kind == "key_terms" and value.get("terms") and not value.get("objective"):
            number = terms_objective(value, themes)
            if number:
                block = {**block, "value": {**value, "objective": number, "terms": []}}
        elif kind == "cited_quotation":
            end = n
            while end < len(raw) and raw[end].get("type") == "cited_quotation":
                end += 1
            number = quotations_objective([b.get("value") or {} for b in raw[n:end]], themes)
            if number:
                converted.append(
                    {
                        "type": "objective_quotations",
                        "value": {"heading": "", "objective": number},
                        "id": block.get("id"),
                    }
                )
                n = end
                continue
        converted.append(block)
        n += 1
    return converted
