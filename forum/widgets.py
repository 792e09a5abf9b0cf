"""The text box authors write Markdown in.

machina's default widget loads EasyMDE, whose preview (still reachable by its
keyboard shortcut) renders Markdown in the browser with marked, unsanitised:
a quoted post could run script in the quoting person's page. CodeMirror also
handles right-to-left text poorly. A plain textarea avoids both; machina's
server-side preview shows the text through our sanitiser (forum.markup).
"""

from django.forms import Textarea


class MarkdownTextarea(Textarea):
    def __init__(self, attrs=None):
        # dir="auto": Arabic typed in the French interface (and the reverse)
        # is laid out in its own direction while it is being written.
        super().__init__({"dir": "auto", "rows": 12, **(attrs or {})})
