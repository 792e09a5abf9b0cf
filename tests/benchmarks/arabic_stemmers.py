"""The Arabic light stemmer of ``search.analysis`` against Snowball's Arabic stemmer.

Scores both on the labelled pairs of tests/test_search_analysis.py:
``ARABIC_VARIANTS`` (forms of one word, which a search must match) and
``ARABIC_DISTINCT`` (different words, which it must keep apart). Run:
    .venv/bin/python tests/benchmarks/arabic_stemmers.py

Printed per stemmer: variant pairs given one stem, distinct pairs merged.
- "search": what a search does, a one-word query finds a one-word document
  both ways round (light stem plus the query's preposition alternatives,
  ``analysis.arabic_query_stems``);
- "light stem": ``analysis.arabic_stem`` alone, on normalised words;
- "snowball": Snowball's Arabic stemmer on the words as written (it has its
  own normalisation), and on words normalised by ``analysis.normalise``.
tests/test_search_analysis.py keeps the light stemmer at least as good.
"""

import sys
from importlib.metadata import version
from pathlib import Path

import snowballstemmer

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from search import analysis

_SNOWBALL = snowballstemmer.stemmer("arabic")


def _finds(query_word, document_word):
    terms = analysis.document_terms(document_word, "ar")
    alternatives = analysis.query_terms(query_word)
    return bool(terms) and len(alternatives) == 1 and terms[0] in alternatives[0]


def _search_agrees(a, b):
    return _finds(a, b) and _finds(b, a)


def _stems_agree(stem):
    return lambda a, b: stem(a) == stem(b)


STEMMERS = {
    "search": _search_agrees,
    "light stem": _stems_agree(lambda word: analysis.arabic_stem(analysis.normalise(word))),
    "snowball": _stems_agree(_SNOWBALL.stemWord),
    "snowball, normalised": _stems_agree(lambda word: _SNOWBALL.stemWord(analysis.normalise(word))),
}


def agreeing(name, pairs):
    """How many of ``pairs`` the stemmer ``name`` gives one stem (or lets find each other)."""
    agree = STEMMERS[name]
    return sum(1 for a, b in pairs if agree(a, b))


def main():
    from tests.test_search_analysis import ARABIC_DISTINCT, ARABIC_VARIANTS

    print(f"{'':22} variants found   distinct merged")
    for name in STEMMERS:
        found = agreeing(name, ARABIC_VARIANTS)
        merged = agreeing(name, ARABIC_DISTINCT)
        print(f"{name:22} {found:>3}/{len(ARABIC_VARIANTS):<12} {merged:>3}/{len(ARABIC_DISTINCT)}")
    print(f"snowballstemmer {version('snowballstemmer')}")


if __name__ == "__main__":
    main()
