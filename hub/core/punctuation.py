"""The separators between items of a list and between clauses, in the active language.

Arabic writes its own comma "،" and semicolon "؛"; a Latin "," or ";" joining
Arabic words reads as a foreign mark. The catalogues carry each language's
separator (context "list separator", as the templates write
``{% translate ", " context "list separator" %}``), so code joins with these
rather than a literal ", ".
"""

from django.utils.translation import pgettext


def join_list(items):
    """``items`` as a list: "a, b" (Arabic "a، b")."""
    return pgettext("list separator", ", ").join(str(item) for item in items)


def join_clauses(items):
    """``items`` as clauses of one sentence: "a; b" (Arabic "a؛ b", French "a ; b")."""
    return pgettext("list separator", "; ").join(str(item) for item in items)
