"""Cross-language search: a query's words mapped through the GCM thesaurus.

No translation model runs here, and an analyst must be able to see why a
contribution matched; so the bridge between Arabic, French and English is
the field's own vocabulary (``hub.taxonomy.models.Concept``), the way UN
terminology databases work.

How a query is expanded (the same for both backends, at search time, so a
thesaurus edit needs no reindex):

1. The query is read into words and each word's alternatives, exactly as
   the monolingual search reads it (``search.analysis.query_terms``).
2. Every concept term of every language is analysed as a document in its
   own language would be (``document_terms``). A term matches where its
   analysed words follow one another among the query's words; longer terms
   win ("alternatives to detention" over "detention"), matches never
   overlap, and at most ``MAX_CONCEPTS_PER_SPAN`` concepts share one span.
3. A matched span may then also be found as any of the concept's terms in
   the *other* languages (at most ``MAX_TERMS_PER_LANGUAGE`` each), as
   phrases. Words outside any span stay required as they are.

Contributions that match the query's own words rank above those found
only through a concept (each backend says how); each hit says which.
"""

import re
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection
from django.utils.translation import get_language

from hub.taxonomy.models import Concept
from search import analysis
from search.query import MAX_QUERY_CHARS, ThroughConcept

LANGUAGES = ("ar", "en", "fr")
MAX_TERMS_PER_LANGUAGE = 4
MAX_CONCEPTS_PER_SPAN = 2
MAX_SPAN_WORDS = 6


@dataclass(frozen=True)
class ConceptEntry:
    key: str
    # language → the terms as written (preferred first) and as analysed
    written: dict
    analysed: dict

    def label(self, language):
        """The preferred term in ``language`` (English when it has none)."""
        terms = self.written.get(language) or self.written.get("en") or (self.key,)
        return terms[0]


@dataclass(frozen=True)
class ConceptMatch:
    """A concept found in the query: the query words it covers and what it adds."""

    concept: ConceptEntry
    start: int  # index of the first query word covered
    end: int  # one past the last
    languages: frozenset  # the languages whose terms matched the query

    @property
    def key(self):
        return self.concept.key

    def phrases(self):
        """(language, written term, analysed phrase) the span may also be found as."""
        found = []
        for language in LANGUAGES:
            if language in self.languages:
                continue
            for written, phrase in islice(
                zip(self.concept.written[language], self.concept.analysed[language], strict=True),
                MAX_TERMS_PER_LANGUAGE,
            ):
                if phrase:
                    found.append((language, written, phrase))
        return found


@dataclass(frozen=True)
class Expansion:
    """A query's words and the concepts found in it.

    ``words`` is the monolingual reading (alternatives per word, as the
    backends have always matched them); ``matches`` the concepts, ordered by
    position. ``units()`` gives the expanded query.
    """

    words: tuple = ()
    matches: tuple = ()

    def units(self):
        """The expanded query as a list of required units, each a pair
        (word indexes it stands for, extra phrases): a unit matches when its
        words all match, or when one of its phrases does."""
        units, position = [], 0
        by_start = {}
        for match in self.matches:
            by_start.setdefault(match.start, []).append(match)
        while position < len(self.words):
            matches = by_start.get(position)
            if not matches:
                units.append(((position,), ()))
                position += 1
                continue
            end = matches[0].end
            phrases = []
            for match in matches:
                phrases += [phrase for _language, _written, phrase in match.phrases()]
            units.append((tuple(range(position, end)), tuple(dict.fromkeys(phrases))))
            position = end
        return units

    def phrase_terms(self):
        """Every analysed term the expansion adds (for marking snippets)."""
        return {term for match in self.matches for *_rest, phrase in match.phrases() for term in phrase}

    def concepts_in(self, document_terms):
        """The matched concepts whose other-language terms occur in a
        document's analysed terms (a sequence), as ConceptMatch objects."""
        found = []
        for match in self.matches:
            if any(_contains(document_terms, phrase) for *_rest, phrase in match.phrases()):
                found.append(match)
        return found

    def exact_in(self, document_terms):
        """True when every query word occurs among the document's terms."""
        present = set(document_terms)
        return all(set(alternatives) & present for alternatives in self.words)


def _contains(sequence, phrase):
    n = len(phrase)
    if n == 1:
        return phrase[0] in sequence
    first = phrase[0]
    return any(
        sequence[i] == first and tuple(sequence[i : i + n]) == phrase for i in range(len(sequence) - n + 1)
    )


@dataclass
class Thesaurus:
    """The concepts indexed by the first analysed word of each of their terms."""

    concepts: list = field(default_factory=list)
    by_first_term: dict = field(default_factory=dict)  # term → [(phrase, concept index, language)]

    @classmethod
    def build(cls, rows):
        thesaurus = cls()
        for row in rows:
            written, analysed = {}, {}
            for language in LANGUAGES:
                terms = row.terms(language)
                written[language] = tuple(terms)
                analysed[language] = tuple(tuple(analysis.document_terms(t, language)) for t in terms)
            index = len(thesaurus.concepts)
            thesaurus.concepts.append(ConceptEntry(row.key, written, analysed))
            for language in LANGUAGES:
                for phrase in analysed[language]:
                    if phrase and len(phrase) <= MAX_SPAN_WORDS:
                        thesaurus.by_first_term.setdefault(phrase[0], []).append((phrase, index, language))
        return thesaurus

    def expand(self, words):
        """An ``Expansion`` of ``words`` (alternatives per query word)."""
        words = tuple(tuple(sorted(alternatives)) for alternatives in words)
        sets = [set(alternatives) for alternatives in words]
        # start → {concept index: (end, languages)}; the longest end per concept.
        found = {}
        for start, alternatives in enumerate(sets):
            for term in alternatives:
                for phrase, index, language in self.by_first_term.get(term, ()):
                    end = start + len(phrase)
                    if end > len(sets) or not all(phrase[k] in sets[start + k] for k in range(len(phrase))):
                        continue
                    best_end, languages = found.setdefault(start, {}).get(index, (0, frozenset()))
                    if end > best_end:
                        found[start][index] = (end, frozenset({language}))
                    elif end == best_end:
                        found[start][index] = (end, languages | {language})
        matches, position = [], 0
        while position < len(sets):
            candidates = found.get(position)
            if not candidates:
                position += 1
                continue
            longest = max(end for end, _languages in candidates.values())
            chosen = sorted(
                (index for index, (end, _l) in candidates.items() if end == longest),
                key=lambda index: self.concepts[index].key,
            )[:MAX_CONCEPTS_PER_SPAN]
            for index in chosen:
                matches.append(ConceptMatch(self.concepts[index], position, longest, candidates[index][1]))
            position = longest
        return Expansion(words=words, matches=tuple(matches))


_built = {}


def _version():
    # Raw SQL: every search asks, and compiling the ORM aggregate cost ten times running it.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(id), max(updated_at), sum(id) FROM {Concept._meta.db_table}")  # noqa: S608
        return tuple(cursor.fetchone())


def thesaurus():
    """The thesaurus as the database holds it now (one query to check; rebuilt after any edit)."""
    version = _version()
    built = _built.get(version)
    if built is None:
        rows = Concept.objects.order_by("key")
        built = Thesaurus.build(rows)
        _built.clear()
        _built[version] = built
    return built


_SEARCHABLE = re.compile(r"[^\W_]")


def query_words(text):
    """The analysed alternatives of each query word (empty words dropped), as
    the database backend matches them."""
    text = text.replace("\x00", "")[:MAX_QUERY_CHARS]
    words = []
    for alternatives in analysis.query_terms(text):
        kept = sorted(term for term in alternatives if _SEARCHABLE.search(term))
        if kept:
            words.append(kept)
    return words[: analysis.MAX_QUERY_WORDS]


def expand_query(query):
    """The concepts found in a ``ContributionQuery``'s text, when its switch is on."""
    return expand(query_words(query.text), enabled=query.cross_language)


def expand(words, *, enabled=True):
    """The query's ``words`` (alternatives per word), with concepts when ``enabled``."""
    words = [sorted(alternatives) for alternatives in words]
    if not enabled or not words:
        return Expansion(words=tuple(tuple(w) for w in words))
    return thesaurus().expand(words)


def through(expansion, document_terms, language):
    """How a document matched: ``()`` when by the query's own words, else a
    ``ThroughConcept`` per concept whose terms it holds (those of its own
    ``language`` named first)."""
    if not expansion.matches or expansion.exact_in(document_terms):
        return ()
    reader = (get_language() or "en")[:2]
    found = []
    for match in expansion.concepts_in(document_terms):
        terms, seen = [], set()
        for other, written, phrase in match.phrases():
            # Two terms read alike ("remittance", "remittances") are named once.
            if phrase not in seen and _contains(document_terms, phrase):
                seen.add(phrase)
                terms.append((other != language, written))
        label = match.concept.label(reader if reader in LANGUAGES else "en")
        found.append(ThroughConcept(match.key, label, tuple(written for _other, written in sorted(terms))))
    return tuple(found)
