"""The Content-Security-Policy of every response (django-csp, extended here).

The site's own pages get a strict policy: scripts, styles, fonts, images and
requests from this server only (``'self'``), no inline script, no inline style
except the one ``<style>`` element of the 500 page (allowed by its hash, since
that page must not depend on static files), no plugins, no ``<base>``, forms
posting to this server only, and framing by this server only (the Wagtail
editor previews pages in a same-origin iframe). ``data:`` images are allowed
for the small SVGs Bootstrap's stylesheet embeds. There is no third-party
origin anywhere: nothing is fetched from elsewhere at run time.

The Wagtail admin (``/admin/``) and the Django admin (``/django-admin/``)
get the same policy with two relaxations, because Wagtail 8's admin still
writes inline scripts (inline panels, date pickers, wagtail-localize's
editor) and inline styles:

- ``script-src 'self' 'unsafe-inline'`` (no ``'unsafe-eval'``: the admin
  works without it, see tests/browser/test_security_headers.py);
- ``style-src 'self' 'unsafe-inline'``;
- ``img-src`` adds ``blob:`` (image previews before upload).

Only signed-in staff reach those pages, and everything they show comes from
this server.

Responses that set their own, stricter policy keep it: Wagtail's document
view (``default-src 'none'``) and the forum's attachment view (``sandbox``).
The middleware adds to those the baseline directives they lack
(``object-src``, ``base-uri``, ``frame-ancestors``), so every response
carries them.
"""

import base64
import hashlib

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

HEADER = "Content-Security-Policy"

# The error pages' only style (500 and 503), written exactly as in templates/500.html and 503.html.
ERROR_PAGE_STYLE = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}"


def source_hash(text):
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


SITE_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF, source_hash(ERROR_PAGE_STYLE)],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_RELAXATIONS = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}

# Directives every response carries, even one whose view set its own policy.
BASELINE = {"object-src": NONE, "base-uri": NONE, "frame-ancestors": SELF}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIXES):
            replace = {**ADMIN_RELAXATIONS, **(parts.replace or {})}
            return PolicyParts(parts.config, parts.update, replace, parts.nonce)
        return parts

    def process_response(self, request, response):
        own_policy = response.get(HEADER)
        response = super().process_response(request, response)
        if own_policy:
            present = {part.strip().split(" ", 1)[0] for part in own_policy.split(";") if part.strip()}
            missing = [f"{name} {value}" for name, value in BASELINE.items() if name not in present]
            if missing:
                response[HEADER] = "; ".join([own_policy.rstrip("; "), *missing])
        return response
