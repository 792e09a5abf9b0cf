"""The labelled set that measures the objective suggestions: its shape, not the model.

``tests/data/objective_suggestion_set.json`` holds contributions written as
stakeholders write them, in Arabic, English and French, each tagged with the
GCM objectives an analyst would give it (the main one first). A suggester's
top-3 accuracy is counted against it, so a set that is lopsided (an objective
missing, a language short) or malformed would measure the wrong thing.
No database: the file is read as it is.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

SET_PATH = Path(__file__).parent / "data" / "objective_suggestion_set.json"

LANGUAGES = ("ar", "en", "fr")
PER_LANGUAGE = 40
OBJECTIVES = range(1, 24)
MIN_FIRST_LISTED = 4
KINDS = {"comment", "recommendation", "good-practice", "report", "pledge", "question"}
FIELDS = {"key", "language", "kind", "subject", "text", "objectives"}

ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# Fathatan to sukun, and the superscript alef: the set is written without harakat.
HARAKAT = re.compile("[\u064b-\u0652\u0670]")
LATIN_LETTER = re.compile("[A-Za-z]")


@pytest.fixture(scope="module")
def contributions():
    with SET_PATH.open(encoding="utf-8") as handle:
        data = json.load(handle)
    assert set(data) == {"contributions"}
    return data["contributions"]


def test_forty_per_language(contributions):
    counts = Counter(item["language"] for item in contributions)
    assert counts == dict.fromkeys(LANGUAGES, PER_LANGUAGE)


def test_every_item_has_the_fields_and_a_known_kind(contributions):
    for item in contributions:
        assert set(item) == FIELDS, item.get("key")
        assert item["kind"] in KINDS, item["key"]
        assert isinstance(item["subject"], str) and item["subject"].strip(), item["key"]


def test_keys_are_unique_and_name_their_language(contributions):
    keys = [item["key"] for item in contributions]
    assert len(keys) == len(set(keys))
    for item in contributions:
        assert re.fullmatch(r"(ar|en|fr)-\d{2}", item["key"]), item["key"]
        assert item["key"].startswith(item["language"] + "-"), item["key"]


def test_objectives_are_valid_one_to_three_and_distinct(contributions):
    for item in contributions:
        objectives = item["objectives"]
        assert isinstance(objectives, list), item["key"]
        assert 1 <= len(objectives) <= 3, item["key"]
        assert len(set(objectives)) == len(objectives), item["key"]
        for objective in objectives:
            assert type(objective) is int and objective in OBJECTIVES, item["key"]


def test_every_objective_is_first_listed_often_enough(contributions):
    first = Counter(item["objectives"][0] for item in contributions)
    short = {objective: first[objective] for objective in OBJECTIVES if first[objective] < MIN_FIRST_LISTED}
    assert not short, f"objectives first-listed fewer than {MIN_FIRST_LISTED} times: {short}"


def test_every_objective_is_first_listed_in_every_language(contributions):
    for language in LANGUAGES:
        first = {item["objectives"][0] for item in contributions if item["language"] == language}
        assert first == set(OBJECTIVES), (language, sorted(set(OBJECTIVES) - first))


def test_texts_are_non_empty_and_unique(contributions):
    texts = [" ".join(item["text"].split()) for item in contributions]
    assert all(texts)
    duplicates = [text for text, count in Counter(texts).items() if count > 1]
    assert not duplicates


def test_texts_are_written_in_their_language(contributions):
    for item in contributions:
        text = item["subject"] + " " + item["text"]
        if item["language"] == "ar":
            assert ARABIC_LETTER.search(text), item["key"]
            assert not LATIN_LETTER.search(text), item["key"]
            assert not HARAKAT.search(text), item["key"]
        else:
            assert not ARABIC_LETTER.search(text), item["key"]
