"""The labelled set that measures cross-language search: its shape, checked without a database.

``tests/data/crosslanguage_set.json`` holds stakeholder contributions in Arabic, English
and French, each labelled with the GCM concept it is about (or "none" for a distractor),
and queries an analyst would type. A query's relevant contributions are those of its
concept in the two other languages.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

SET_PATH = Path(__file__).parent / "data" / "crosslanguage_set.json"

LANGUAGES = ("ar", "en", "fr")
KINDS = {"comment", "recommendation", "good-practice", "report", "pledge", "question"}
CONCEPTS = {
    "remittances",
    "immigration-detention",
    "recruitment-fees",
    "children",
    "health",
    "migration-data",
    "climate-change",
    "birth-registration",
    "family-reunification",
    "domestic-workers",
    "kafala",
    "unaccompanied-children",
    "search-and-rescue",
    "missing-migrants",
    "pre-departure-orientation",
    "wage-theft",
    "labour-inspection",
    "statelessness",
    "migrant-smuggling",
    "human-trafficking",
    "alternatives-to-detention",
    "consular-protection",
    "access-to-education",
    "xenophobia",
    "hate-speech",
    "recognition-of-qualifications",
    "diaspora",
    "financial-inclusion",
    "reintegration",
    "social-protection-portability",
}
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
HARAKAT = re.compile(r"[\u064B-\u0652]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


@pytest.fixture(scope="module")
def data():
    return json.loads(SET_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def contributions(data):
    return data["contributions"]


@pytest.fixture(scope="module")
def queries(data):
    return data["queries"]


def test_contribution_fields(contributions):
    fields = {"key", "concept", "language", "kind", "subject", "text"}
    for contribution in contributions:
        assert set(contribution) == fields, contribution.get("key")
        assert contribution["language"] in LANGUAGES, contribution["key"]
        assert contribution["kind"] in KINDS, contribution["key"]
        assert contribution["concept"] in CONCEPTS | {"none"}, contribution["key"]
        assert contribution["subject"].strip(), contribution["key"]
        assert len(contribution["subject"]) <= 80, contribution["key"]
        assert contribution["text"].strip(), contribution["key"]


def test_keys_are_unique_and_name_concept_and_language(contributions):
    keys = [c["key"] for c in contributions]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]
    for contribution in contributions:
        assert contribution["key"].startswith(f"{contribution['concept']}-{contribution['language']}-"), (
            contribution["key"]
        )


def test_no_text_is_duplicated(contributions):
    texts = Counter(" ".join(c["text"].split()).casefold() for c in contributions)
    assert [t for t, n in texts.items() if n > 1] == []


def test_each_concept_has_two_contributions_in_each_language(contributions):
    counts = Counter((c["concept"], c["language"]) for c in contributions)
    for concept in CONCEPTS:
        for language in LANGUAGES:
            assert counts[concept, language] >= 2, (concept, language)


def test_distractors_in_each_language(contributions):
    counts = Counter(c["language"] for c in contributions if c["concept"] == "none")
    for language in LANGUAGES:
        assert counts[language] >= 20, language


def test_texts_are_written_in_their_language(contributions):
    for contribution in contributions:
        text = contribution["subject"] + " " + contribution["text"]
        if contribution["language"] == "ar":
            assert ARABIC_LETTER.search(text), contribution["key"]
            assert not HARAKAT.search(text), contribution["key"]
        else:
            assert LATIN_LETTER.search(text), contribution["key"]
            assert not ARABIC_LETTER.search(text), contribution["key"]


def test_queries(queries):
    assert len(queries) == 60
    for query in queries:
        assert set(query) == {"text", "language", "concept"}, query
        assert query["language"] in LANGUAGES, query
        assert query["concept"] in CONCEPTS, query
        assert 1 <= len(query["text"].split()) <= 4, query
    per_language = Counter(q["language"] for q in queries)
    assert per_language == dict.fromkeys(LANGUAGES, 20)
    for language in LANGUAGES:
        concepts = [q["concept"] for q in queries if q["language"] == language]
        assert len(concepts) == len(set(concepts)), language
    assert {q["concept"] for q in queries} == CONCEPTS


def test_each_query_has_relevant_contributions_in_the_two_other_languages(queries, contributions):
    present = {(c["concept"], c["language"]) for c in contributions}
    for query in queries:
        for language in LANGUAGES:
            if language != query["language"]:
                assert (query["concept"], language) in present, query
