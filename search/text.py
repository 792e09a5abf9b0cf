"""A post as plain text: what is analysed, and what snippets are cut from."""

from forum.visibility import plain_text


def post_plain_text(post):
    """The post's words without Markdown or HTML, whitespace collapsed.

    Read from machina's rendered HTML (sanitised, Markdown markers gone)
    rather than the Markdown source, so ``**`` or link targets never become
    terms; the source is the fallback for a post rendered by nothing.
    """
    content = post.content
    return plain_text(getattr(post, "_content_rendered", None), getattr(content, "raw", content))


__all__ = ["plain_text", "post_plain_text"]
