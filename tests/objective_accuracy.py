"""Top-3 accuracy of the objective suggestions on the labelled set
(tests/data/objective_suggestion_set.json): a contribution counts when its
main objective (listed first) is among the three best suggestions.

Shared by tests/test_objective_suggestion_accuracy.py (floors) and
tests/benchmarks/objective_suggestions.py (figures). The labelled set is
only ever scored, never trained on.
"""

import json
from pathlib import Path

SET_PATH = Path(__file__).parent / "data" / "objective_suggestion_set.json"
LANGUAGES = ("ar", "en", "fr")
DEMO_COUNT, DEMO_SEED = 200, 1  # the demo `make demo` seeds


def labelled_set():
    with SET_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)["contributions"]


def top3_accuracy(model, items, k=3):
    """{"all": share, "ar": share, "en": share, "fr": share} of items whose main objective is in the top k."""
    ranked = model.score([(f"{item['subject']}\n{item['text']}", item["language"]) for item in items])
    hits = {language: [] for language in ("all", *LANGUAGES)}
    for item, suggestions in zip(items, ranked, strict=True):
        hit = item["objectives"][0] in [s.objective for s in suggestions[:k]]
        hits["all"].append(hit)
        hits[item["language"]].append(hit)
    return {language: sum(found) / len(found) for language, found in hits.items() if found}


def demo_model():
    """The model trained as on a site with the seeded demo (no file written)."""
    from forum.seeding import seed_contributions
    from search.suggestions import examples
    from search.suggestions.model import ObjectiveModel

    seed_contributions(DEMO_COUNT, DEMO_SEED)
    return ObjectiveModel.fit([*examples.day_one_examples(), *examples.tagged_examples()])


def day_one_model():
    from search.suggestions import examples
    from search.suggestions.model import ObjectiveModel

    return ObjectiveModel.fit(examples.day_one_examples())
