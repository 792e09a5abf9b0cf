"""The campaign parameters of a search URL, read and written (``search.params`` calls these).

``campaigns=collapse`` shows one contribution per campaign; ``campaign=<id>``
only that campaign's contributions (the link from "and N similar
contributions").
"""

from django.utils.translation import gettext as _

from hub.core.bounds import parse_id

COLLAPSE = "collapse"


def read(params, errors):
    fields = {"collapse_campaigns": params.get("campaigns", "").strip().lower() == COLLAPSE, "campaign": None}
    raw = params.get("campaign", "").replace("\x00", "").strip()
    if raw:
        try:
            fields["campaign"] = parse_id(raw[:40])
        except ValueError:
            errors.append(
                _("“%(value)s” is not a campaign number; that filter was ignored.") % {"value": raw[:40]}
            )
    return fields


def write(query):
    pairs = []
    if query.collapse_campaigns:
        pairs.append(("campaigns", COLLAPSE))
    if query.campaign is not None:
        pairs.append(("campaign", str(query.campaign)))
    return pairs
