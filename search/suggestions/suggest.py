"""The suggestions callers ask for: the best objectives for a text, each with a score."""

from .store import current_model

# At most this many suggestions are given, and none scoring below MIN_SCORE:
# past a handful, or under a few per cent, a suggestion is noise to an author.
MAX_SUGGESTIONS = 5
MIN_SCORE = 0.02
# The longest text read; the rest of a longer one changes little and costs time.
MAX_TEXT_CHARS = 20_000


def suggest_many(texts, limit=MAX_SUGGESTIONS, exclude=None):
    """For each ``(text, language)``: [Suggestion], best first, at most ``limit``.

    ``exclude``, when given, holds for each text the objective numbers not to
    offer (those it already has, those an analyst rejected).
    """
    texts = [((text or "")[:MAX_TEXT_CHARS], language) for text, language in texts]
    exclude = exclude or [()] * len(texts)
    answers = []
    for ranked, left_out in zip(current_model().score(texts), exclude, strict=True):
        kept = [s for s in ranked if s.score >= MIN_SCORE and s.objective not in left_out]
        answers.append(kept[:limit])
    return answers


def suggest(text, language, limit=MAX_SUGGESTIONS):
    """[Suggestion(objective, score)], best first, for one text in ``language`` (ar, en or fr)."""
    return suggest_many([(text, language)], limit)[0]
