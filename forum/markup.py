"""Markdown in posts, rendered to HTML that cannot run code.

machina calls ``render_markdown`` through ``MACHINA_MARKUP_LANGUAGE`` when a
post (or a forum description, or a signature) is saved, and stores the result
in ``_content_rendered``; templates print that stored HTML as safe.
machina's default, markdown2's ``safe_mode``, escapes by pattern and has known
bypasses, so the safety here does not rest on the Markdown step at all:

1. markdown-it-py, CommonMark with raw HTML switched off: ``<tags>`` typed by
   the author come out as text, never as markup.
2. nh3 (the Python binding of the Rust sanitiser ammonia) then parses that
   output as a browser would and keeps only an allow-list of tags, attributes
   and URL schemes. Whatever the Markdown library might let through by mistake
   stops here.

This module must not import Django models: machina resolves the setting while
its own models load.
"""

from html import escape

import nh3
from markdown_it import MarkdownIt

# Block elements whose text direction the browser should guess from their own
# first strong character, so an Arabic paragraph in an English post (and the
# reverse) lays out right to left on its own.
_BIDI_BLOCKS = ("p", "li", "blockquote", "h3", "h4", "h5", "h6", "td", "th")

_TAGS = {
    *_BIDI_BLOCKS,
    "a",
    "br",
    "code",
    "del",
    "em",
    "hr",
    "ol",
    "pre",
    "s",
    "strong",
    "table",
    "tbody",
    "thead",
    "tr",
    "ul",
}

# rel is not listed: nh3 writes it on every link itself (link_rel below).
_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}

# markdown-it writes table column alignment as an inline style; only its three
# exact values are kept, never a free-form style attribute.
_ALIGN = {"text-align:left", "text-align:center", "text-align:right"}

_cleaner = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags={"script", "style"},
    attributes=_ATTRIBUTES,
    tag_attribute_values={"th": {"style": _ALIGN}, "td": {"style": _ALIGN}},
    set_tag_attribute_values={tag: {"dir": "auto"} for tag in _BIDI_BLOCKS},
    url_schemes={"http", "https", "mailto"},
    link_rel="nofollow ugc noopener",
    strip_comments=True,
)

# The page already has its h1 and h2; a post's "# Title" becomes an h3.
_HEADING_SHIFT = {"h1": "h3", "h2": "h4", "h3": "h5", "h4": "h6", "h5": "h6", "h6": "h6"}


def _demote_headings(state):
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _HEADING_SHIFT[token.tag]


def _image_as_link(self, tokens, idx, options, env):
    """An image becomes a link to it: readers' browsers load nothing from
    third-party hosts just by opening a topic (no tracking pixels, no
    hot-linking), and the alt text stays readable."""
    token = tokens[idx]
    src = token.attrGet("src") or ""
    text = self.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escape(src)}">{escape(text)}</a>'


def _build_parser():
    # breaks: a single newline is a line break, as machina's default
    # (markdown2 with break-on-newline) did, so existing posts keep their shape.
    md = MarkdownIt("commonmark", {"html": False, "breaks": True})
    md.enable(["table", "strikethrough"])
    md.core.ruler.push("demote_headings", _demote_headings)
    md.add_render_rule("image", _image_as_link)
    return md


_parser = _build_parser()


def render_markdown(text):
    """Return safe HTML for the Markdown ``text`` an author typed."""
    if not text:
        return ""
    return _cleaner.clean(_parser.render(str(text))).strip()
