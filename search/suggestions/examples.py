"""What the objective model learns from.

Day one: every thesaurus concept gives, per language, one short example made
of its terms, labelled with the concept's objectives; every objective gives,
per language, one example made of its name and description. These need no
tagged contribution, so suggestions work on a fresh site.

Later: every approved contribution that people tagged with objectives (its
subject and text, in its language), labelled with them.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from machina.core.db.models import get_model

from forum.models import Contribution
from forum.visibility import public_posts
from hub.taxonomy.models import Concept, GcmObjective
from search.text import post_plain_text

Post = get_model("forum_conversation", "Post")

LANGUAGES = ("ar", "en", "fr")
# A concept's terms are chosen words; the objective's own description weighs
# twice as much. A tagged contribution weighs less than either: its words are
# mostly about other things than its objectives, and authors tag loosely (at
# full weight the seeded demo lowered the top-3 accuracy by three points).
CONCEPT_WEIGHT = 1.0
DESCRIPTION_WEIGHT = 2.0
CONTRIBUTION_WEIGHT = 0.3


@dataclass(frozen=True)
class Example:
    """Texts (each analysed on its own, so no phrase spans two) in one language, and their objectives."""

    texts: tuple[str, ...]
    language: str
    objectives: tuple[int, ...]
    weight: float = 1.0
    kind: str = "day_one"  # or "contributions"


def concept_examples():
    concepts = Concept.objects.prefetch_related(
        Prefetch("objectives", queryset=GcmObjective.objects.only("number"))
    )
    for concept in concepts:
        numbers = tuple(sorted({o.number for o in concept.objectives.all()}))
        if not numbers:
            continue
        for language in LANGUAGES:
            terms = concept.terms(language)
            if terms:
                yield Example(tuple(terms), language, numbers, CONCEPT_WEIGHT)


def objective_examples():
    for objective in GcmObjective.objects.select_related("locale"):
        language = objective.locale.language_code
        if language in LANGUAGES:
            texts = (objective.name, *objective.description.split(". "))
            yield Example(texts, language, (objective.number,), DESCRIPTION_WEIGHT)


def day_one_examples():
    """The thesaurus's and the objectives' own examples: no contribution needed."""
    return [*objective_examples(), *concept_examples()]


def tagged_examples():
    """Approved contributions that have objectives, as examples (read in batches)."""
    contributions = (
        public_posts(Contribution.objects.exclude(objectives=None), prefix="post__")
        .select_related("post")
        .prefetch_related(Prefetch("objectives", queryset=GcmObjective.objects.only("number")))
        .order_by("pk")
    )
    for contribution in contributions.iterator(chunk_size=500):
        numbers = tuple(sorted({o.number for o in contribution.objectives.all()}))
        post = contribution.post
        yield Example(
            (post.subject, post_plain_text(post)),
            contribution.language,
            numbers,
            CONTRIBUTION_WEIGHT,
            "contributions",
        )


def fingerprint():
    """What the day-one examples depend on, in two small queries: a change of
    the thesaurus or of an objective's text changes it."""
    concepts = Concept.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    texts = sorted(GcmObjective.objects.values_list("pk", "name", "description"))
    return (Concept.objects.count(), str(concepts), hash(tuple(texts)))
