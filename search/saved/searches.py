"""Saved searches: what one is, how many a reader may keep, and the signed
links that turn their e-mail alerts off.

A saved search stores the query string the search page shows (written by
``search.params.params_from_query``, without a page), so running it again
is opening that URL; the alert run reads it back with ``query_from_params``.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from search.models import SavedSearch
from search.params import params_from_query, query_from_params

MAX_NAME_CHARS = 200
# Saved searches a reader may keep: each one with an alert costs a search
# per day, so the cap bounds the daily alert run per account.
DEFAULT_MAX_PER_USER = 50
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def max_per_user():
    return getattr(settings, "SAVED_SEARCHES_PER_USER", DEFAULT_MAX_PER_USER)


class LimitReached(Exception):
    """The reader already keeps the most saved searches allowed."""


def normalise(raw_params):
    """(query string, ContributionQuery) of a raw query string, as the search
    page would write it: unknown parameters, bad values and the page dropped."""
    query, _errors = query_from_params(QueryDict(raw_params[:8000]))
    return urlencode(params_from_query(query, page=None)), query


def default_name(query, now=None):
    if query.text:
        return Truncator(query.text).chars(MAX_NAME_CHARS)
    day = formats.date_format(timezone.localdate(now), "DATE_FORMAT")
    return _("Search saved on %(date)s") % {"date": day}


def clean_name(raw):
    """A name without control characters or runs of spaces, or "" if nothing is left."""
    name = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    return " ".join(name.split())


def save_search(user, raw_params, *, name="", alert=SavedSearch.Alert.NONE, language=None):
    """Save ``raw_params`` for ``user``; returns (saved search, created).

    Saving the same search twice returns the first one (renamed if a name is
    given). Raises ``LimitReached`` when the reader keeps the maximum.
    """
    params, query = normalise(raw_params)
    name = clean_name(name)[:MAX_NAME_CHARS]
    language = language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE
    with transaction.atomic():
        # Lock the reader's row so two simultaneous saves cannot both pass the cap.
        list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
        existing = SavedSearch.objects.filter(user=user, params=params).first()
        if existing is not None:
            if name and name != existing.name:
                existing.name = name
                existing.save(update_fields=["name"])
            return existing, False
        if SavedSearch.objects.filter(user=user).count() >= max_per_user():
            raise LimitReached
        saved = SavedSearch.objects.create(
            user=user,
            name=name or default_name(query),
            params=params,
            language=language,
            alert=alert,
            alert_since=timezone.now() if alert == SavedSearch.Alert.DAILY else None,
        )
    return saved, True


def set_alert(saved, alert):
    """Turn the alert on or off; turned on, it reports what is created from now on."""
    if alert == saved.alert:
        return
    saved.alert = alert
    if alert == SavedSearch.Alert.DAILY:
        saved.alert_since = timezone.now()
    saved.save(update_fields=["alert", "alert_since"])


def run_path(saved, **changes):
    """The search page's path for ``saved``, in the active language."""
    params = saved.params
    if changes:
        query, _errors = query_from_params(QueryDict(params))
        params = urlencode(params_from_query(query, **changes))
    return reverse("search") + (f"?{params}" if params else "")


# ---------------------------------------------------------------- signed turn-off links

SALT = "search.saved.alerts.off"


def make_token(user, saved=None):
    """A link's token that turns off one saved search's alert, or all of the reader's (``saved`` None)."""
    return signing.dumps({"u": user.pk, "s": saved.pk if saved else None}, salt=SALT)


def read_token(token):
    """(user id, saved search id or None for all), or None for a forged, damaged or foreign token."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    saved_id = data.get("s")
    if saved_id is not None and not isinstance(saved_id, int):
        return None
    return data["u"], saved_id
