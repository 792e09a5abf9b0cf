"""Direction controls that never belong in a name or a title.

Overrides and isolates (U+202A–U+202E, U+2066–U+2069) typed into a name or a
subject reorder the text around it: on a page, in the browser's tab title, in
an e-mail subject. Pages isolate user text with <bdi>; these are removed on
input as well, wherever a one-line text is typed in.
"""

import re

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(value):
    """``value`` without direction overrides or isolates, stripped."""
    return BIDI_CONTROLS.sub("", value or "").strip()
