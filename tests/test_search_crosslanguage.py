"""Cross-language search through the GCM thesaurus, on the database backend."""

import pytest
from django.contrib.auth.models import AnonymousUser

from hub.models import Concept
from search.facade import matching_post_ids, search
from search.query import ContributionQuery, Sort
from tests.search_corpus import contribute

pytestmark = pytest.mark.django_db

ANONYMOUS = AnonymousUser()


@pytest.fixture
def remittance_posts():
    return {
        "en": contribute("Remittances should cost less than three percent to send.", language="en"),
        "ar": contribute("يجب خفض تكلفة التحويلات المالية إلى الأسر في مصر والأردن.", language="ar"),
        "fr": contribute("Les transferts de fonds vers le Maroc restent trop chers.", language="fr"),
        "other": contribute("Les frais de visa augmentent chaque année.", language="fr"),
    }


def run(text, **fields):
    return search(ContributionQuery(text=text, **fields), ANONYMOUS)


def test_a_query_finds_the_concept_in_the_other_languages(remittance_posts):
    result = run("remittances")
    ids = [hit.post_id for hit in result.hits]
    assert set(ids) == {remittance_posts[lang].pk for lang in ("en", "ar", "fr")}
    assert result.total == 3
    # The contribution in the query's own words comes first, and says so.
    assert ids[0] == remittance_posts["en"].pk
    assert result.hits[0].through == ()
    through = {hit.language: hit.through for hit in result.hits[1:]}
    assert [t.concept for t in through["ar"]] == ["remittances"]
    assert through["ar"][0].terms == ("التحويلات المالية",)
    assert through["fr"][0].terms == ("transferts de fonds",)
    assert through["fr"][0].label == "remittances"


def test_the_snippet_marks_the_concept_words_in_the_hits_language(remittance_posts):
    hits = {hit.language: hit for hit in run("remittances").hits}
    assert "«التحويلات»" in hits["ar"].snippet
    assert "«transferts»" in hits["fr"].snippet


def test_switched_off_it_finds_only_the_query_words(remittance_posts):
    result = run("remittances", cross_language=False)
    assert [hit.post_id for hit in result.hits] == [remittance_posts["en"].pk]


@pytest.mark.parametrize("text", ["التحويلات المالية", "transferts de fonds"])
def test_every_language_reaches_the_others(remittance_posts, text):
    found = {hit.language for hit in run(text).hits}
    assert found == {"en", "ar", "fr"}


def test_words_outside_the_concept_stay_required(remittance_posts):
    assert {hit.language for hit in run("remittances Maroc").hits} == {"fr"}


def test_newest_first_and_paper_selection_follow_the_switch(remittance_posts):
    ids = {p.pk for lang, p in remittance_posts.items() if lang != "other"}
    assert {h.post_id for h in run("remittances", sort=Sort.NEWEST).hits} == ids
    assert set(matching_post_ids(ContributionQuery(text="remittances"), ANONYMOUS)) == ids
    off = ContributionQuery(text="remittances", cross_language=False)
    assert matching_post_ids(off, ANONYMOUS) == [remittance_posts["en"].pk]


def test_a_concept_edited_in_the_admin_applies_at_once_without_reindexing(remittance_posts):
    assert run("remittances").total == 3
    concept = Concept.objects.get(key="remittances")
    concept.terms_fr = "envois de fonds"
    concept.save()
    assert {hit.language for hit in run("remittances").hits} == {"en", "ar"}
