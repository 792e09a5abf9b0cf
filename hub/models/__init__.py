"""The hub's models: page types (pages.py) and the shared taxonomy."""

from .pages import HomePage

__all__ = ["HomePage"]
