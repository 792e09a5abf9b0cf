"""Reading a ContributionQuery from URL parameters, and writing it back.

The analyst page, the JSON API, exports and saved searches all take the same
parameters, so a search's URL can be shared, exported or saved as it is:

    q, region, topic, objective, group, country, language, type,
    from, to (YYYY-MM-DD, inclusive), attachment (yes/no), campaigns
    (collapse: one result per campaign), campaign (a campaign's id: its
    contributions only), crosslanguage (on/off: also find contributions in
    the other languages through the thesaurus; on when absent), sort
    (relevance/newest), page

Repeat a filter to OR its values (``objective=5&objective=6``).
Bad values never raise: they are dropped and reported in ``errors`` (a list
of translated messages), so a mistyped link still searches.
"""

import re
from datetime import date

from django.utils.translation import gettext as _

from hub.core.bounds import FIRST_DAY, LAST_DAY, check_day, parse_id
from search.campaigns import params as campaign_params
from search.query import MAX_PAGE_SIZE, PAGE_SIZE, ContributionQuery, Sort, query_text

# parameter name → (query field, value parser)
MULTI = {
    "region": ("regions", str),
    # Ids and numbers past what the databases hold are no valid value (see hub.core.bounds).
    "topic": ("topics", parse_id),
    "objective": ("objectives", parse_id),
    "group": ("groups", str),
    "country": ("countries", str.upper),
    "language": ("languages", str),
    "type": ("types", str),
}
MAX_VALUES_PER_FILTER = 50


def _date(value, name, errors):
    if not value:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        errors.append(
            _("“%(value)s” is not a date (YYYY-MM-DD); the %(name)s filter was ignored.")
            % {
                "value": value[:40],
                "name": name,
            }
        )
        return None
    try:
        return check_day(day)
    except ValueError:
        errors.append(
            _(
                "%(value)s is outside the dates searched (%(first)s to %(last)s); "
                "the %(name)s filter was ignored."
            )
            % {
                "value": day.isoformat(),
                "first": FIRST_DAY.isoformat(),
                "last": LAST_DAY.isoformat(),
                "name": name,
            }
        )
        return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


SWITCH_OFF = frozenset(("off", "false", "no", "0"))


def cross_language(values):
    """The cross-language switch from its parameter's values: on unless the
    last one says off (the search form sends a hidden "off" before its check
    box's "on", so an unticked box leaves only the "off")."""
    return not values or values[-1].strip().lower() not in SWITCH_OFF


def query_from_params(params, *, page_size=PAGE_SIZE):
    """(ContributionQuery, errors) from a QueryDict (request.GET)."""
    errors = []
    fields = {"text": query_text(params.get("q", ""))}
    for name, (field, parse) in MULTI.items():
        values = set()
        for raw in params.getlist(name)[:MAX_VALUES_PER_FILTER]:
            # Control characters are never part of a key, and PostgreSQL refuses a NUL outright.
            raw = _CONTROL.sub("", raw).strip()
            if not raw:
                continue
            try:
                values.add(parse(raw[:100]))
            except ValueError:
                errors.append(_("“%(value)s” is not a valid %(name)s.") % {"value": raw[:40], "name": name})
        fields[field] = frozenset(values)
    fields["date_from"] = _date(params.get("from"), "from", errors)
    fields["date_to"] = _date(params.get("to"), "to", errors)
    attachment = params.get("attachment", "").strip().lower()
    fields["has_attachment"] = {"yes": True, "true": True, "no": False, "false": False}.get(attachment)
    fields["cross_language"] = cross_language(params.getlist("crosslanguage"))
    fields.update(campaign_params.read(params, errors))
    try:
        fields["sort"] = Sort(params.get("sort", Sort.RELEVANCE if fields["text"] else Sort.NEWEST))
    except ValueError:
        fields["sort"] = Sort.RELEVANCE if fields["text"] else Sort.NEWEST
    try:
        fields["page"] = max(1, min(int(params.get("page", 1)), 10_000))
    except ValueError:
        fields["page"] = 1
    fields["page_size"] = max(1, min(page_size, MAX_PAGE_SIZE))
    return ContributionQuery(**fields), errors


def params_from_query(query, **changes):
    """The URL parameters (a list of pairs, for urlencode) of ``query``, with
    ``changes`` applied (e.g. page=2, or a filter removed: objective=...)."""
    pairs = []
    if query.text:
        pairs.append(("q", query.text))
    for name, (field, _parse) in MULTI.items():
        pairs += [(name, str(value)) for value in sorted(getattr(query, field), key=str)]
    if query.date_from:
        pairs.append(("from", query.date_from.isoformat()))
    if query.date_to:
        pairs.append(("to", query.date_to.isoformat()))
    if query.has_attachment is not None:
        pairs.append(("attachment", "yes" if query.has_attachment else "no"))
    if not query.cross_language:
        pairs.append(("crosslanguage", "off"))
    pairs += campaign_params.write(query)
    default_sort = Sort.RELEVANCE if query.text else Sort.NEWEST
    if query.sort != default_sort:
        pairs.append(("sort", str(query.sort)))
    if query.page != 1:
        pairs.append(("page", str(query.page)))
    for name, value in changes.items():
        pairs = [(k, v) for k, v in pairs if k != name]
        if value is not None:
            pairs += [(name, str(v)) for v in (value if isinstance(value, list | tuple | set) else [value])]
    return pairs
