"""What the loader needs to know about each demo page."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from wagtail.models import Page

from .text import Copy

# A builder writes an unsaved English page from its copy; ``pages`` holds the
# demo pages built before it, by key, for links (parents, events, calls to action).
Builder = Callable[[Copy, Mapping[str, Page]], Page]


@dataclass(frozen=True)
class PageSpec:
    key: str
    parent: str  # key of the parent page; "home" is the English home page
    build: Builder
    before: str | None = None  # key of a sibling to place it before, for the menu's order
