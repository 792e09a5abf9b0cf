# ruff: noqa: RUF001 -- Arabic text is this test's subject.
"""The trilingual GCM thesaurus: the shipped data, its loader and the admin where analysts edit it."""

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from hub.models import Concept
from hub.taxonomy.data import load_taxonomy
from hub.taxonomy.thesaurus import LANGUAGES, ThesaurusError, shipped_concepts

ARABIC = re.compile(r"[\u0600-\u06ff]")
EVALUATED = {
    q["concept"] for q in json.loads(Path("tests/data/crosslanguage_set.json").read_text())["queries"]
}


def test_the_shipped_thesaurus_has_several_hundred_concepts_in_three_languages():
    concepts = shipped_concepts()
    assert len(concepts) >= 350
    for concept in concepts:
        for language in LANGUAGES:
            assert concept[language], concept["key"]
        assert all(ARABIC.search(term) for term in concept["ar"]), concept["key"]
        assert not any(ARABIC.search(term) for term in concept["en"] + concept["fr"]), concept["key"]
    # Every objective has vocabulary of its own.
    assert {n for c in concepts for n in c["objectives"]} == set(range(1, 24))
    assert {c["key"] for c in concepts} >= EVALUATED


def test_a_broken_data_file_is_named_with_the_concept_at_fault(tmp_path, monkeypatch):
    (tmp_path / "a.json").write_text('{"concepts": [{"key": "x", "en": ["x"], "fr": ["x"], "ar": []}]}')
    monkeypatch.setattr("hub.taxonomy.thesaurus.DATA_DIR", tmp_path)
    with pytest.raises(ThesaurusError, match=r"a.json, concept 1 \(x\): no ar terms"):
        shipped_concepts()


@pytest.mark.django_db
def test_loading_again_changes_nothing_and_restores_a_changed_entry():
    assert Concept.objects.count() == len(shipped_concepts())
    assert load_taxonomy()["thesaurus concepts"].unchanged == len(shipped_concepts())
    concept = Concept.objects.get(key="remittances")
    concept.terms_fr = "argent"
    concept.save()
    counts = load_taxonomy()["thesaurus concepts"]
    assert counts.updated == 1
    assert Concept.objects.get(key="remittances").preferred("fr") == "transferts de fonds"
    assert [o.number for o in Concept.objects.get(key="remittances").objectives.all()] == [20]


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.mark.django_db
def test_an_analyst_edits_a_concept_in_the_admin_and_loading_keeps_the_edit(admin_client):
    listing = admin_client.get(reverse("wagtailsnippets_hub_concept:list"), {"q": "التحويلات"})
    assert listing.status_code == 200
    assert "transferts de fonds" in listing.content.decode()
    concept = Concept.objects.get(key="remittances")
    url = reverse("wagtailsnippets_hub_concept:edit", args=[concept.pk])
    form = admin_client.get(url)
    assert "التحويلات المالية" in form.content.decode()
    response = admin_client.post(
        url,
        {
            "key": "remittances",
            "terms_en": "remittances\nmoney sent home",
            "terms_fr": "transferts de fonds\nmandats",
            "terms_ar": "التحويلات المالية\nالحوالات",
            "objectives": [o.pk for o in concept.objectives.all()],
        },
    )
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.edited_in_admin
    assert load_taxonomy()["thesaurus concepts"].kept == 1
    assert Concept.objects.get(key="remittances").terms("fr") == ["transferts de fonds", "mandats"]


@pytest.mark.django_db
def test_an_analyst_adds_a_concept_and_the_next_search_uses_it(admin_client):
    from search.crosslanguage import expand_query
    from search.query import ContributionQuery

    response = admin_client.post(
        reverse("wagtailsnippets_hub_concept:add"),
        {
            "key": "tea-kiosk-cooperatives",
            "terms_en": "tea kiosk cooperative",
            "terms_fr": "coopérative de kiosques à thé",
            "terms_ar": "تعاونية أكشاك الشاي",
        },
    )
    assert response.status_code == 302
    expansion = expand_query(ContributionQuery(text="tea kiosk cooperative"))
    assert [m.key for m in expansion.matches] == ["tea-kiosk-cooperatives"]
