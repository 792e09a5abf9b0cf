"""A post as plain text: what is analysed, and what snippets are cut from."""

import html
import re

from django.utils.html import strip_tags

# Closing tags after which the rendered post starts a new stretch of text.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr|td|th|div)>|<br\s*/?>", re.IGNORECASE)


def post_plain_text(post):
    """The post's words without Markdown or HTML, whitespace collapsed.

    Read from machina's rendered HTML (sanitised, Markdown markers gone)
    rather than the Markdown source, so ``**`` or link targets never become
    terms; the source is the fallback for a post rendered by nothing.
    """
    content = post.content
    return plain_text(getattr(post, "_content_rendered", None), getattr(content, "raw", content))


def plain_text(rendered, source):
    """``post_plain_text`` from the two stored columns (rendered HTML, Markdown source)."""
    if not rendered:
        return " ".join(str(source or "").split())
    return " ".join(html.unescape(strip_tags(_BLOCK_END.sub("\n", rendered))).split())
