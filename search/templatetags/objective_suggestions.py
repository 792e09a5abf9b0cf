"""``{% suggested_objectives post as suggestions %}``: the objectives the
model suggests for a contribution, in the reader's language.

The moderation queue's item (a forum template) loads this library: the
forum's Python never imports search (the layers), while the page, which the
whole project's templates assemble, may show what search computes, as
machina's templates link to search's pages by URL name.
"""

from django import template
from django.utils.translation import pgettext

from hub.taxonomy.models import GcmObjective, localized_terms
from search.suggestions.suggest import suggest
from search.text import post_plain_text

register = template.Library()

SHOWN = 3


@register.simple_tag
def suggested_objectives(post, limit=SHOWN):
    """[{"objective": row in the reader's language, "score": 0–1, "tagged": bool}], best first."""
    contribution = getattr(post, "contribution", None)
    if contribution is None:
        return []
    found = suggest(f"{post.subject}\n{post_plain_text(post)}", contribution.language, limit=limit)
    if not found:
        return []
    rows = {
        o.number: o
        for o in GcmObjective.objects.in_default_locale().filter(number__in=[s.objective for s in found])
    }
    names = {o.number: o for o in localized_terms(rows.values())}
    tagged = {o.number for o in contribution.objectives.all()}
    return [
        {"objective": names[s.objective], "score": s.score, "tagged": s.objective in tagged}
        for s in found
        if s.objective in names
    ]


@register.filter
def percent(score):
    """A score from 0 to 1 as a whole per cent, written as the reader's language writes it."""
    # Translators: a suggestion's score; %(percent)s is a whole number, %% is the per cent sign.
    return pgettext("a score in per cent", "%(percent)s%%") % {"percent": round(float(score) * 100)}
