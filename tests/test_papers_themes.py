"""A paper's "recurring terms" as an analyst reads them under each GCM
objective: words of what people wrote about, never the filler every text has
("between", "across", زالت، كثيراً)."""

import pytest
from django.utils import translation

from hub.papers.frozen_figures import FrozenFigures
from hub.papers.stopwords import stop_terms
from search import analysis
from tests.test_papers_pdf_layout import benchmark_paper

pytestmark = pytest.mark.django_db

# Filler seen among a long paper's recurring terms, as it is written.
FILLER = {
    "en": ["between", "across", "within", "among", "still", "often", "many", "also", "would", "should"],
    "fr": ["entre", "travers", "encore", "souvent", "beaucoup", "aussi", "concernant", "doit", "notre"],
    "ar": [
        "زالت",
        "زال",
        "مازالت",
        "كثيراً",
        "كثيرا",
        "كثيرًا",
        "الكثير",
        "وكثيراً",
        "بين",
        "عبر",
        "خلال",
        "لكل",
    ],
}


def _bare(written):
    """A written term as the search reads it (no diacritics or tanween), without a leading و."""
    word = analysis.normalise(written)
    return word[1:] if word.startswith("و") and len(word) > 3 else word


def recurring_terms(page):
    """Objective heading → language → the terms shown, read from the paper's blocks in order."""
    found, heading = {}, None
    for block in page.body:
        if block.block_type == "heading":
            heading = str(block.value)
        elif block.block_type == "key_terms":
            # A generated block names its objective; its terms are read from the
            # frozen figures when the page is shown, one list per language.
            if block.value["objective"]:
                for language, terms in FrozenFigures.for_page(page).terms(
                    block.value["objective"], block.value["language"]
                ):
                    found.setdefault(heading, {})[language] = [term for term, _count in terms]
            else:
                shown = [item["term"] for item in block.value["terms"]]
                found.setdefault(heading, {})[block.value["language"]] = shown
    return found


def test_the_stop_words_hold_every_form_of_the_filler():
    for language, words in FILLER.items():
        stop = stop_terms(language)
        for word in words:
            assert {term for _s, _e, term in analysis.term_spans(word, language)} <= stop, word


def test_a_long_papers_recurring_terms_are_its_objectives_themes():
    page = benchmark_paper("en")
    terms = recurring_terms(page)
    assert len(terms) >= 20  # objectives with recurring terms
    filler = {_bare(word) for words in FILLER.values() for word in words}
    for objective, languages in terms.items():
        for language, shown in languages.items():
            assert not {_bare(term) for term in shown} & filler, (objective, language, shown)
            assert all(len(_bare(term)) >= 3 for term in shown)
    # An analyst recognises the themes: under nearly every objective, the English
    # terms hold a word of the objective's own name ("Reduce vulnerabilities"
    # → "vulnerabilities"), compared as the search compares words.
    with translation.override("en"):
        named = 0
        for objective, languages in terms.items():
            name_terms = set(analysis.document_terms(objective, "en"))
            shown_terms = {t for term in languages.get("en", []) for t in analysis.document_terms(term, "en")}
            named += bool(name_terms & shown_terms)
    assert named >= 0.8 * len(terms), terms
