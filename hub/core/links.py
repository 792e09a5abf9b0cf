"""Absolute addresses of the site's pages, for what is read away from the
site: e-mails and printed papers.

One rule: the site's public root, ``WAGTAILADMIN_BASE_URL`` (set from
``SITE_URL``), followed by the page's path. Never the host of the request
being answered (a worker, a proxy or a test client has another one) nor the
Wagtail Site's hostname (``localhost`` unless someone edits it).
"""

from django.conf import settings


def public_root():
    """The site's public address without the trailing slash, e.g. ``https://hub.example.org``."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path):
    """``path`` (``/ar/…``) as an address anyone can open."""
    return public_root() + path


def page_address(page):
    """The public address of a Wagtail page ("" for a page outside every site)."""
    parts = page.get_url_parts()
    return absolute(parts[2]) if parts else ""
