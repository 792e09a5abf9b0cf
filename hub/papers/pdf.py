"""An analysis paper as PDF, drawn by WeasyPrint from a print template.

- The page's language decides the document's: ``lang`` and ``dir`` on the
  root, so Arabic is shaped (Pango/HarfBuzz) and laid out right to left.
  Fonts are the Debian packages' (``fonts-noto-core``: Noto Naskh Arabic,
  Noto Sans), found through fontconfig; nothing is fetched from the network.
- The only resources WeasyPrint may load are our own static files (the print
  stylesheet): ``StaticOnlyFetcher`` refuses every other address, so a link
  or image written into a block can never make the server fetch anything.
- Charts are the same inline SVG as on the page (``hub.papers.charts``).
- Its addresses (the page online, the search, each cited contribution) are
  the site's public ones (``hub.core.links``, as in e-mails): a PDF is drawn by
  the worker and read anywhere, where the request's host means nothing.
- A generated PDF is kept in the default storage under the page, its live
  revision, the language and what of its sources is public now, so the next
  download of the same paper is a file read; hiding a cited contribution
  changes that last part, and the next download is drawn again without it.
- A long paper takes WeasyPrint minutes (about 120 pages for 1,000
  contributions, as many every recommendation and pledge listed): it is
  drawn by the task worker when the page is published, never in a request.
  A paper resting on more than ``PAPER_PDF_INLINE_MAX_CONTRIBUTIONS``
  contributions whose file is not ready yet answers "being prepared" (503
  with Retry-After, a page that reloads itself) and queues the drawing once.
"""

import hashlib
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.encoding import uri_to_iri
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from hub.core.links import page_address, public_root

from .citations import PaperCitations

logger = logging.getLogger(__name__)

# Bumped when the print template or stylesheet changes what a PDF looks like.
PRINT_VERSION = 4
CACHE_DIR = "analysis-papers/pdf"
DEFAULT_INLINE_MAX_CONTRIBUTIONS = 500  # about 5 s of drawing on this machine
PREPARING_RETRY_SECONDS = 30
# A drawing queued is not queued again for this long (then a lost one is retried).
QUEUED_SECONDS = 15 * 60
BASE_URL = "https://hub.invalid/"  # resolves the template's relative addresses; never fetched


class RefusedFetch(ValueError):
    pass


def _weasyprint():
    import weasyprint  # imported late: it loads Pango, not needed by other requests

    return weasyprint


def static_path(url):
    """The file behind one of our static URLs, or None."""
    parts = urlsplit(url)
    static = urlsplit(settings.STATIC_URL)
    static_url = static.path or "/static/"
    # Our own host (relative addresses resolve against BASE_URL), or the
    # static files' host when STATIC_URL names one; read from disk either way.
    hosts = {urlsplit(BASE_URL).netloc, static.netloc} - {""}
    if parts.scheme not in ("https", "http") or parts.netloc not in hosts:
        return None
    path = unquote(parts.path)
    if not path.startswith(static_url):
        return None
    relative = path[len(static_url) :]
    if not relative or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if not found and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / relative
        found = str(candidate) if candidate.is_file() else None
    return found


def make_fetcher():
    weasyprint = _weasyprint()

    class StaticOnlyFetcher(weasyprint.urls.URLFetcher):
        """Our static files, read from disk; anything else refused."""

        def fetch(self, url, headers=None):
            found = static_path(url)
            if not found:
                logger.warning("PDF: refused to fetch %s", url[:200])
                raise RefusedFetch(f"not one of the site's static files: {url[:200]}")
            mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(
                url, Path(found).read_bytes(), headers={"Content-Type": mime_type}
            )

    return StaticOnlyFetcher(allowed_protocols=("https", "http"))


def render_html(request, page):
    """The print HTML of ``page`` in its own language."""
    language = page.locale.language_code
    with translation.override(language):
        context = page.get_context(request)
        context.update(
            {
                "print_mode": True,
                "link_base": public_root(),
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "page_url": page_address(page) if page.live else "",
                # Shown as read (an Arabic slug in letters, not percent escapes).
                "page_address": uri_to_iri(page_address(page)) if page.live else "",
            }
        )
        return render_to_string("hub/analysis_paper_pdf.html", context, request=request)


def render_document(request, page):
    """``page`` laid out in pages by WeasyPrint (its boxes, before they are written)."""
    weasyprint = _weasyprint()
    html = render_html(request, page)
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=make_fetcher()).render()


def render_pdf(request, page):
    """The PDF of ``page`` (bytes)."""
    return render_document(request, page).write_pdf()


def cache_name(page):
    language = page.locale.language_code
    sources = hashlib.sha256(PaperCitations.for_page(page).fingerprint().encode()).hexdigest()[:16]
    # The publishing time besides the revision: a database restored or reset
    # reuses revision ids, never the time they were published at.
    published = int(page.last_published_at.timestamp() * 1000) if page.last_published_at else 0
    revision = f"{page.live_revision_id or 'draft'}-{published}"
    return f"{CACHE_DIR}/{page.pk}/{revision}-{language}-{sources}-v{PRINT_VERSION}.pdf"


def filename(page):
    name = slugify(page.title, allow_unicode=True)[:80] or page.slug
    return f"{name}-{page.locale.language_code}.pdf"


def inline_limit():
    return getattr(settings, "PAPER_PDF_INLINE_MAX_CONTRIBUTIONS", DEFAULT_INLINE_MAX_CONTRIBUTIONS)


def _stored(name):
    return default_storage.exists(name)


def draw(page, request=None):
    """Draw and store the live ``page``'s PDF unless it is stored; its storage name."""
    name = cache_name(page)
    if not _stored(name):
        pdf = render_pdf(request or site_request(page), page)
        if not _stored(name):
            default_storage.save(name, ContentFile(pdf))
    return name


def site_request(page):
    """A request to the page's own site, for drawing outside a request (the task worker)."""
    root = urlsplit(page.get_site().root_url)
    host = root.netloc or "localhost"
    return RequestFactory().get(page.url or "/", HTTP_HOST=host, secure=root.scheme == "https")


def queue_drawing(page):
    """Queue the worker's drawing of ``page``'s PDF, once while it is pending."""
    # The task draws with this module's ``draw``: one of the two must wait for the call.
    from .tasks import draw_pdf

    if cache.add(f"paper-pdf-queued:{cache_name(page)}", 1, QUEUED_SECONDS):
        draw_pdf.enqueue(page.pk)


def preparing_response(request, page):
    response = render(
        request,
        "hub/papers/pdf_preparing.html",
        {"page": page, "retry_seconds": PREPARING_RETRY_SECONDS},
        status=503,
    )
    response["Retry-After"] = str(PREPARING_RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def pdf_response(request, page, *, preview=False):
    """The paper as a PDF download: the live page's (stored), or an editor's preview (never stored)."""
    if preview:
        response = HttpResponse(render_pdf(request, page), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(False, filename(page))
        response["Cache-Control"] = "private, no-store"
        return response
    if not page.live:
        raise Http404
    name = cache_name(page)
    if not _stored(name):
        if (page.contribution_count or 0) > inline_limit():
            queue_drawing(page)
            return preparing_response(request, page)
        draw(page, request)
    response = FileResponse(default_storage.open(name, "rb"), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename(page))
    return response


def paper_published(sender, instance, **kwargs):
    """Draw a long paper's PDF in the worker as soon as it is published."""
    page = instance.specific
    if (page.contribution_count or 0) > inline_limit():
        from django.db import transaction

        transaction.on_commit(lambda: queue_drawing(page))
