"""The search peers benchmark (tests/benchmarks/search_peers.py) keeps working:
every system it compares indexes a tiny corpus the way the benchmark does and
finds the expected contribution, with and without filters and newest first."""

import pytest

from tests.benchmarks.search_peers import (
    Ask,
    Fts5,
    Haystack,
    Product,
    Wagtail,
    contribution_rows,
    labelled_sets,
    unregister_bench_app,
)
from tests.search_corpus import contribute


@pytest.fixture
def bench_app():
    """The benchmark registers its Wagtail model's app while it runs: gone again for later tests."""
    yield
    unregister_bench_app()


@pytest.mark.django_db
@pytest.mark.usefixtures("bench_app")
def test_every_system_indexes_and_finds_the_contribution(tmp_path):
    wanted = contribute(
        "Seasonal workers need multiple-entry visas.", subject="Visas", region="europe", objectives=(5,)
    )
    contribute("Fair recruitment protects workers from debt bondage.", region="africa", objectives=(6,))
    contribute("نوصي بتعزيز وصول العمال المهاجرين إلى الخدمات", language="ar", kind="report")
    rows = contribution_rows()
    assert len(rows) == 3
    Wagtail.create_tables()
    found = {}
    for system in (Product(), Haystack(tmp_path / "whoosh"), Wagtail(), Fts5()):
        system.build(rows)
        for ask in (Ask("visas"), Ask("visas", region="europe", objective=5), Ask("visas", newest=True)):
            answer = system.search(ask)
            assert (answer.ids, answer.total) == ([wanted.pk], 1), (system.name, ask, answer)
            assert answer.facets, system.name
        assert system.search(Ask("visas", region="africa")).ids == [], system.name
        found[system.name] = system.search(Ask("workers")).total
    assert found == {"product": 2, "haystack": 2, "wagtail": 2, "fts5": 2}


def test_the_labelled_sets_load():
    sets = labelled_sets()
    assert set(sets) == {"variants ar", "variants fr", "variants en", "cross-language"}
    for documents, queries in sets.values():
        keys = {d["key"] for d in documents}
        assert queries and all(q["targets"] and q["targets"] <= keys for q in queries)
