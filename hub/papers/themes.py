"""Recurring themes and representative quotations, per GCM objective.

Key terms come from the search's own language analysis
(``search.analysis.term_spans``: the same normalisation, stop words and
stemming as the index), so المهاجرين and مهاجر, or "migrants" and
"migrant", are one term; function words and filler ("between", "across",
زالت، كثيراً: ``stopwords``) are never one. For each objective and language, a term's weight
is the number of the objective's contributions using it times how rare it
is in the whole set in that language (``df * log(N / df_all)``): a word
every contribution uses says nothing about one objective. Each term is shown
in its most frequent written form, with the number of the objective's
contributions that use it.

Quotations: the sentence of a contribution holding most of its objective's
key terms (with the next one when both fit in 300 characters), cut at a word
boundary; up to three per objective, chosen one by one, preferring
stakeholder groups and countries not yet quoted. Only contributions the
public can read now are quoted.
"""

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache

from forum.models import Contribution
from forum.visibility import paragraphs
from hub.core.batches import batches
from search import analysis

from .citations import excerpt
from .freeze import CHUNK, publicly_visible
from .stopwords import stop_terms

Objectives = Contribution.objectives.through
TERMS_PER_LANGUAGE = 8
QUOTATIONS_PER_OBJECTIVE = 3
QUOTE_CHARS = 300
MIN_TERM_CHARS = 3
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr|td|th|div)>|<br\s*/?>", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+")


@lru_cache(maxsize=1 << 17)
def _chunk_terms(chunk, latin):
    """(written form, term) of each analysed word of a whitespace-free chunk."""
    return tuple((chunk[start:end], term) for start, end, term in analysis.term_spans(chunk, latin))


def text_terms(text, language):
    """(written form, term) of every analysed word of ``text``, as search analyses it."""
    latin = "fr" if language == "fr" else "en"
    pairs = []
    for chunk in text.split():
        pairs.extend(_chunk_terms(chunk, latin))
    return pairs


def sentences(parts):
    found = []
    for paragraph in parts:
        found.extend(s for s in _SENTENCE_END.split(paragraph) if s.strip())
    return found


def _useful(term, stop):
    return len(term) >= MIN_TERM_CHARS and not term[0].isdigit() and term not in stop


class Post:
    __slots__ = ("country", "group", "id", "language", "objectives", "organisation", "parts", "terms")

    def __init__(self, row):
        self.id, self.language, self.group, self.country, self.organisation, rendered, source = row
        self.group, self.country = self.group or "", str(self.country or "")
        self.parts = paragraphs(rendered, getattr(source, "raw", source))
        self.objectives = []
        self.terms = set()


def load(post_ids):
    """The set's posts with their plain text and objectives (two queries per chunk)."""
    posts = {}
    for chunk in batches(post_ids, CHUNK):
        for row in Contribution.objects.filter(post_id__in=chunk).values_list(
            "post_id",
            "language",
            "stakeholder_group__slug",
            "country__code",
            "organisation",
            "post___content_rendered",
            "post__content",
        ):
            posts[row[0]] = Post(row)
        for post_id, number in (
            Objectives.objects.filter(contribution_id__in=chunk)
            .values_list("contribution_id", "gcmobjective__number")
            .distinct()
        ):
            if post_id in posts:
                posts[post_id].objectives.append(number)
    return posts


MIN_CONTRIBUTIONS_PER_TERM = 2


def key_terms(posts):
    """objective → language → [(written form, contributions)], best first."""
    documents = Counter()  # language → contributions
    everywhere = defaultdict(Counter)  # language → term → contributions
    forms = defaultdict(Counter)  # (language, term) → written form → uses
    per_objective = defaultdict(lambda: defaultdict(Counter))  # objective → language → term → contributions
    size = defaultdict(Counter)  # objective → language → contributions
    for post in posts.values():
        terms = set()
        stop = stop_terms(post.language)
        for paragraph in post.parts:
            for written, term in text_terms(paragraph, post.language):
                if _useful(term, stop):
                    terms.add(term)
                    forms[post.language, term][written if term[0] >= "\u0600" else written.casefold()] += 1
        post.terms = terms
        documents[post.language] += 1
        everywhere[post.language].update(terms)
        for number in post.objectives:
            size[number][post.language] += 1
            per_objective[number][post.language].update(terms)
    result = {}
    for number, languages in per_objective.items():
        result[number] = {}
        for language, counts in languages.items():
            total = documents[language]
            scored = [
                (df * math.log(total / everywhere[language][term]), df, term)
                for term, df in counts.items()
                # Recurring: a word of one contribution is not a theme.
                if df >= MIN_CONTRIBUTIONS_PER_TERM and everywhere[language][term] < total
            ]
            scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
            chosen = [
                (term, forms[language, term].most_common(1)[0][0], df)
                for _score, df, term in scored[:TERMS_PER_LANGUAGE]
            ]
            if chosen:
                result[number][language] = chosen
    return result


def _best_passage(post, wanted):
    """(key terms it holds, passage) of the post's best sentence (and the next one if it fits)."""
    found = sentences(post.parts)
    best = (0, "")
    for i, sentence in enumerate(found):
        held = {term for _w, term in text_terms(sentence, post.language)} & wanted
        passage = sentence
        if (
            i + 1 < len(found)
            and len(sentence) + 1 + len(found[i + 1]) <= QUOTE_CHARS
            and len(sentence) < 120
        ):
            passage = f"{sentence} {found[i + 1]}"
            held |= {term for _w, term in text_terms(found[i + 1], post.language)} & wanted
        if len(held) > best[0] or not best[1]:
            best = (len(held), passage)
    return best[0], excerpt(best[1], QUOTE_CHARS)


def quotations(posts, terms, visible, draft_language):
    """objective → up to three quotations: dicts with the post id, the words, and whom they cite."""
    quoted = set()
    result = {}
    for number in sorted(terms):
        wanted = {term for chosen in terms[number].values() for term, _written, _df in chosen}
        candidates = [
            post for post in posts.values() if number in post.objectives and post.id in visible and post.parts
        ]
        # Rank first by how many key terms the whole post holds (cheap), then look at sentences of the best.
        candidates.sort(key=lambda p: (-len(p.terms & wanted), p.id))
        scored = []
        for post in candidates[:60]:
            held, passage = _best_passage(post, wanted)
            if passage:
                scored.append((held, post, passage))
        chosen, groups, countries = [], set(), set()
        while scored and len(chosen) < QUOTATIONS_PER_OBJECTIVE:

            def merit(item, groups=groups, countries=countries):
                held, post, _passage = item
                value = held
                value -= 1.5 * (post.group in groups) + 1.5 * (post.country in countries)
                value -= 2 * (post.id in quoted)
                value += 0.5 * (post.language == draft_language)
                return (value, -post.id)

            best = max(scored, key=merit)
            scored.remove(best)
            _held, post, passage = best
            groups.add(post.group)
            countries.add(post.country)
            quoted.add(post.id)
            chosen.append(
                {
                    "post": post.id,
                    "quote": passage,
                    "language": post.language,
                    "organisation": post.organisation,
                    "group": post.group,
                    "country": post.country,
                }
            )
        result[number] = chosen
    return result


def find(post_ids, draft_language, *, objectives_counted=()):
    """Themes of the set: objective number (as text) → {"terms": {language: [[form, n], …]},
    "quotations": […]}, for every objective that has contributions."""
    posts = load(post_ids)
    terms = key_terms(posts)
    for number in objectives_counted:
        terms.setdefault(int(number), {})
    visible = publicly_visible(posts)
    quotes = quotations(posts, terms, visible, draft_language)
    return {
        str(number): {
            "terms": {
                language: [[written, df] for _term, written, df in chosen]
                for language, chosen in sorted(terms[number].items())
            },
            "quotations": quotes.get(number, []),
        }
        for number in sorted(terms)
    }
