"""The alert e-mail: one per reader, a section per saved search with news,
plain text and HTML, in the active language (the caller chooses it)."""

import re

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from forum.models import ContributionKind
from hub.core.links import absolute
from hub.core.site_name import subject_prefix
from hub.taxonomy.models import Region
from search.saved.alerts import MAX_HITS_SHOWN
from search.saved.searches import make_token, run_path
from search.snippets import CLOSE, OPEN

# A marked match: « and » around one word (the snippet marks word by word).
# French quotation marks in the text itself hold spaces (« ainsi »), so they
# stay as they are.
MARKED = re.compile(rf"{OPEN}([^{OPEN}{CLOSE}\s]+){CLOSE}")


def snippet_html(snippet):
    """The snippet with every character escaped and its marked matches in bold."""
    parts, position = [], 0
    for match in MARKED.finditer(snippet):
        parts += [escape(snippet[position : match.start()]), "<strong>", escape(match.group(1)), "</strong>"]
        position = match.end()
    parts.append(escape(snippet[position:]))
    return mark_safe("".join(parts))  # noqa: S308 — every piece of text above is escaped


def region_names():
    """Region slug → name in the active language."""
    return dict(Region.objects.in_active_locale().values_list("slug", "name"))


def item(hit, regions):
    return {
        "subject": hit.topic_subject,
        "region": regions.get(hit.region, hit.region),
        "type": ContributionKind(hit.type).label if hit.type in ContributionKind.values else hit.type,
        "author": hit.author_name,
        "created": hit.created,
        "snippet": hit.snippet,
        "snippet_html": snippet_html(hit.snippet),
        "url": absolute(hit.url),
    }


def section(news, regions):
    saved = news.saved
    since_day = timezone.localdate(news.since)
    return {
        "name": saved.name,
        "count": news.count,
        "more": news.more,
        "left_out": news.count - min(news.count, MAX_HITS_SHOWN),
        "hits": [item(hit, regions) for hit in news.hits[:MAX_HITS_SHOWN]],
        "run_url": absolute(run_path(saved)),
        "all_new_url": absolute(run_path(saved, sort="newest", **{"from": since_day.isoformat()})),
        "turn_off_url": turn_off_url(saved.user, saved),
    }


def turn_off_url(user, saved=None):
    return absolute(reverse("search_saved:turn_off", args=[make_token(user, saved)]))


def alert_message(user, news):
    """The e-mail for ``user`` about ``news`` (a list of ``saved_alerts.News``), in the active language."""
    regions = region_names()
    sections = [section(n, regions) for n in news]
    all_off = turn_off_url(user)
    context = {
        "sections": sections,
        "count": sum(s["count"] for s in sections),
        "all_off_url": all_off,
        "manage_url": absolute(reverse("search_saved:list")),
        "site_url": absolute("/"),
        "LANGUAGE_CODE": translation.get_language(),
        "LANGUAGE_BIDI": translation.get_language_bidi(),
    }
    subject = " ".join(render_to_string("search_saved/email/alert_subject.txt", context).split())
    prefix = subject_prefix()
    message = EmailMultiAlternatives(
        subject=f"{prefix}{subject}",
        body=render_to_string("search_saved/email/alert.txt", context),
        to=[user.email],
        headers={
            # One-click turn-off (RFC 8058) of every alert, from the mail client's own button.
            "List-Unsubscribe": f"<{all_off}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("search_saved/email/alert.html", context), "text/html")
    return message
