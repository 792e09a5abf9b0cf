"""Snippets: a short stretch of a hit's text around its first match.

The matched words are found with the same analysis the index uses, word by
word, so "الهجرة" in the text is marked for a query "هجره" once the analysis
normalises both to the same term. Marks are the characters « and »; the
snippet is plain text, escaped at display like any user text.
"""

import re
from functools import lru_cache

from search import analysis

OPEN, CLOSE = "«", "»"
SNIPPET_CHARS = 300
BEFORE_CHARS = 80  # context kept before the first match
SCAN_CHARS = 50_000  # a match further into a long text is not looked for

# A word with its combining marks and tatweel, so an Arabic word written with
# diacritics reaches the analysis whole (Python's \w leaves the marks out).
WORD = re.compile(r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")


@lru_cache(maxsize=50_000)
def _word_terms(word, language):
    return frozenset(analysis.document_terms(word, language))


def _matches(text, terms, language, length):
    """(start, end) of each word of ``text`` whose analysed form is one of ``terms``,
    up to ``length`` characters past the first: no snippet reaches further."""
    spans, stop = [], SCAN_CHARS
    for m in WORD.finditer(text, 0, SCAN_CHARS):
        if m.start() > stop:
            break
        if _word_terms(m.group(), language) & terms:
            spans.append(m.span())
            stop = min(stop, m.start() + length)
    return spans


def _clip(text, start, end):
    """Widen [start, end) to whole words and add ellipses where text was cut."""
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def snippet(text, terms, language, length=SNIPPET_CHARS):
    """``text`` cut to about ``length`` characters around the first match, matches marked.

    Without a match (the words were in the topic's subject, or an
    attachment) the text's beginning is shown, unmarked.
    """
    text = " ".join(text.split())
    spans = _matches(text, frozenset(terms), language, length) if terms else []
    if len(text) <= length:
        start, end = 0, len(text)
    else:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - BEFORE_CHARS, len(text) - length))
        start, end = _clip(text, start, min(len(text), start + length))
    parts, position = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts += [text[position:span_start], OPEN, text[span_start:span_end], CLOSE]
        position = span_end
    parts.append(text[position:end])
    return ("…" if start > 0 else "") + "".join(parts).strip() + ("…" if end < len(text) else "")
