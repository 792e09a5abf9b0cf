"""Sorting names as a reader of their language expects.

``collation_key`` orders names by their letters with accents and Arabic
vowel and hamza marks set aside (NFKD, combining marks removed, casefolded):
"Égypte" sorts among the E's, "أفغانستان" among the alifs. Code points then
follow the alphabet closely enough for a list of names in Arabic, English or
French, without a collation library.
"""

import unicodedata


def collation_key(name):
    decomposed = unicodedata.normalize("NFKD", str(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def sorted_choices(choices):
    """(value, label) pairs in the order of their labels, as read in the active language."""
    return sorted(choices, key=lambda choice: (collation_key(choice[1]), str(choice[0])))
