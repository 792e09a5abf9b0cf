"""The Elasticsearch backend end to end, against a real server.

Skipped unless ``ELASTICSEARCH_URL`` is set in the environment. It rebuilds
the ``hub-contributions`` alias on that server and deletes the indices it
made: point it at a throwaway server, never at production.

Checks the analysis (Arabic variants, French and English stemming), facet
counts against the database, visibility, malformed queries and operators,
the outbox worker and verify, repeated alias swaps, the id scan analysis
papers freeze their sets with (``matching_post_ids``), and ``search_index
rebuild|sync|status|verify`` and ``search_worker`` as an operator runs them.
"""

import os
from dataclasses import replace
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from machina.core.db.models import get_model

from forum.models import Contribution
from forum.seeding import seed_contributions
from search.backends import IndexDifferences, _backend
from search.backends.elasticsearch import ElasticsearchBackend, make_client, outbox
from search.backends.elasticsearch.documents import ALIAS
from search.facade import matching_post_ids, search
from search.query import ContributionQuery, Sort

from .test_search_elasticsearch import HOSTILE
from .test_search_index_commands import run

URL = os.environ.get("ELASTICSEARCH_URL", "")
pytestmark = [
    pytest.mark.skipif(
        not URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against"
    ),
    pytest.mark.django_db,
]

Post = get_model("forum_conversation", "Post")
Forum = get_model("forum", "Forum")

TEXTS = {
    "ar": "يجب حماية المهاجرين في مراكز الاحتجاز وتحسين إدارة الهجرة والمستشفى المحلي",
    "fr": "Les travailleuses migrantes demandent l'accès aux droits sociaux",
    "en": "Returning migrants need their children's documents recognised",
}
# Each query must find the text of its language.
VARIANTS = [
    ("ar", "المهاجرين"),
    ("ar", "مهاجر"),  # singular, no article
    ("ar", "والمهاجرين"),  # conjunction prefix
    ("ar", "المُهَاجِرِينَ"),  # with diacritics
    ("ar", "المهـــاجرين"),  # tatweel
    ("ar", "ادارة"),  # hamza-less alef
    ("ar", "الهجره"),  # ta marbuta written as ha
    ("ar", "المستشفي"),  # alef maqsura written as ya
    ("fr", "migrante"),
    ("fr", "travailleuse"),
    ("fr", "acces droit"),  # folded accent, singular
    ("en", "return migrant"),
    ("en", "documents"),
    ("en", "recognised"),
]


def write(post_id, text, language):
    Post.objects.filter(pk=post_id).update(content=text, _content_rendered=f"<p>{text}</p>")
    Contribution.objects.filter(pk=post_id).update(language=language)


@pytest.fixture
def live(settings):
    settings.ELASTICSEARCH_URL = URL
    settings.SEARCH_BACKEND = "elasticsearch"
    backend = ElasticsearchBackend(client=make_client(URL, timeout=30))
    yield backend
    for name in backend.alias_targets() + backend.stale_indices():
        backend.client.indices.delete(index=name, ignore_unavailable=True)


@pytest.fixture
def corpus(live):
    seed_contributions(60, seed=501)
    seeded = list(Contribution.objects.filter(external_id__startswith="seed-501-").order_by("pk"))
    marked = {}
    for contribution, (language, text) in zip(seeded, TEXTS.items(), strict=False):
        write(contribution.pk, text, language)
        marked[language] = contribution.pk
    live.rebuild()
    return marked


def readable():
    return set(Forum.objects.values_list("pk", flat=True))


def ids(result):
    return {hit.post_id for hit in result.hits}


@pytest.mark.parametrize(("language", "text"), VARIANTS)
def test_language_variants_are_found(live, corpus, language, text):
    result = live.search(ContributionQuery(text=text, page_size=100), readable())
    assert corpus[language] in ids(result)
    hit = next(hit for hit in result.hits if hit.post_id == corpus[language])
    assert "«" in hit.snippet


def test_facet_counts_equal_matching_visible_contributions(live, corpus):
    result = live.search(ContributionQuery(page_size=100), readable())
    visible = Contribution.objects.filter(post__approved=True, post__topic__approved=True)
    assert result.total == visible.count()
    assert sum(f.count for f in result.facets["region"]) == result.total
    languages = {f.value: f.count for f in result.facets["language"]}
    for language, count in languages.items():
        assert visible.filter(language=language).count() == count
    # Disjunctive: choosing one language keeps the other languages' counts.
    chosen = live.search(ContributionQuery(languages=frozenset({"ar"})), readable())
    assert {f.value: f.count for f in chosen.facets["language"]} == languages
    assert chosen.total == languages.get("ar", 0)


def test_hidden_posts_and_unreadable_forums_never_appear(live, corpus):
    hidden = corpus["fr"]
    Post.objects.filter(pk=hidden).update(approved=False)
    outbox.enqueue([hidden])
    live.drain()
    live.client.indices.refresh(index=ALIAS)
    assert hidden not in ids(live.search(ContributionQuery(text="migrante"), readable()))
    forum_of_ar = Post.objects.get(pk=corpus["ar"]).topic.forum_id
    others = readable() - {forum_of_ar}
    result = live.search(ContributionQuery(text="المهاجرين"), others)
    assert corpus["ar"] not in ids(result)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_malformed_queries_are_answered(live, corpus, text):
    live.search(ContributionQuery(text=text), readable())


def test_outbox_reaches_the_index_and_verify_agrees(live, corpus):
    post_id = corpus["en"]
    write(post_id, "A completely new sentence about seasonal harvest workers", "en")
    live.index([post_id])
    assert live.drain().done == 1
    live.client.indices.refresh(index=ALIAS)
    assert post_id in ids(live.search(ContributionQuery(text="harvest"), readable()))
    assert live.verify() == IndexDifferences()
    live.remove([post_id])
    live.drain()
    live.client.indices.refresh(index=ALIAS)
    assert post_id not in ids(live.search(ContributionQuery(text="harvest"), readable()))
    assert live.verify().missing == [post_id]


def test_rebuild_swaps_the_alias_again(live, corpus):
    first = live.alias_targets()
    live.rebuild()
    second = live.alias_targets()
    assert len(second) == 1 and second != first
    assert live.stale_indices() == []
    result = live.search(ContributionQuery(sort=Sort.NEWEST), readable())
    assert (
        result.total == Contribution.objects.filter(post__approved=True, post__topic__approved=True).count()
    )


@pytest.fixture
def site_backend(live):
    """``search.facade`` with the site's own backend, built from ``live``'s settings."""
    _backend.cache_clear()
    yield
    _backend.cache_clear()


def paged_ids(query, viewer):
    """Every hit of ``query``, newest first, page after page of ``search``."""
    query = replace(query, sort=Sort.NEWEST, page_size=10)
    found, page = [], 1
    while True:
        result = search(replace(query, page=page), viewer)
        if not result.hits:
            return found
        found += [hit.post_id for hit in result.hits]
        page += 1


@pytest.mark.parametrize(
    "query",
    [
        ContributionQuery(),
        ContributionQuery(languages=frozenset({"ar", "fr"})),
        ContributionQuery(text="المهاجرين"),
        ContributionQuery(text="migrants"),
        ContributionQuery(date_from=date(2000, 1, 1), has_attachment=False),
    ],
    ids=["all", "languages", "arabic-text", "english-text", "dates-and-attachment"],
)
def test_matching_post_ids_equals_paging_through_search(
    live, corpus, site_backend, monkeypatch, django_user_model, query
):
    # Pages of 7 ids: several search_after steps over the corpus.
    monkeypatch.setattr("search.backends.elasticsearch.SCAN_PAGE", 7)
    # Hidden in the database, still in the index (the worker has not run):
    # both ways drop it.
    hidden = corpus["ar"]
    Post.objects.filter(pk=hidden).update(approved=False)
    admin = django_user_model.objects.create_superuser(username="scan", email="scan@example.org")
    for viewer in (AnonymousUser(), admin):
        paged = paged_ids(query, viewer)
        assert matching_post_ids(query, viewer) == paged
        assert hidden not in paged
    if query == ContributionQuery():
        assert len(paged) > 7  # more than one page of ids


# ---------------------------------------------------------------- operators and the operator's commands


def test_operators_typed_in_the_box_change_nothing(live, corpus):
    plain = ids(live.search(ContributionQuery(text="migrante droits", page_size=100), readable()))
    assert corpus["fr"] in plain
    typed = '"migrante" + -droits* | ( ~2'
    assert ids(live.search(ContributionQuery(text=typed, page_size=100), readable())) == plain
    # OR is not an operator: both words are required, as on the database backend.
    either = ids(live.search(ContributionQuery(text="migrante OR returning", page_size=100), readable()))
    assert corpus["fr"] not in either and corpus["en"] not in either


def test_search_index_commands_on_a_clean_and_a_dirty_index(live, site_backend):
    seed_contributions(20, seed=502)
    total = Contribution.objects.count()
    out, error = run("search_index", "rebuild")
    assert error is None and f"{total} contribution(s) indexed" in out
    assert run("search_index", "verify") == ("The index matches the visible contributions.\n", None)
    out, error = run("search_index", "status")
    assert error is None and "backend: elasticsearch\n" in out and f"documents: {total}\n" in out
    assert run("search_index", "sync") == ("0 contribution(s) brought up to date.\n", None)

    lost, stale, hidden = Contribution.objects.order_by("pk")[:3]
    live.client.delete(index=ALIAS, id=str(lost.pk), refresh=True)
    write(stale.pk, "Edited behind the index's back", "en")
    Post.objects.filter(pk=hidden.pk).update(approved=False)
    out, error = run("search_index", "verify")
    assert error is not None
    listed = {int(line.split(":")[0].removeprefix("post ")) for line in out.splitlines()}
    assert listed == {lost.pk, stale.pk, hidden.pk}
    assert run("search_index", "sync") == ("3 contribution(s) brought up to date.\n", None)
    assert run("search_index", "verify") == ("The index matches the visible contributions.\n", None)
    found = ids(live.search(ContributionQuery(page_size=100), readable()))
    assert lost.pk in found and hidden.pk not in found


def test_search_worker_one_pass_brings_an_edit_to_the_index(live, site_backend):
    seed_contributions(10, seed=503)
    assert run("search_index", "rebuild")[1] is None
    post = Post.objects.get(pk=Contribution.objects.order_by("pk").first().pk)
    post.content = "Seasonal harvest workers"
    post.save()  # queued in the outbox by the save signal
    out, error = run("search_index", "verify")
    assert error is not None and out.startswith(f"post {post.pk}: ")
    out, error = run("search_worker", "--once")
    assert error is None and "(pending now: 0)" in out
    live.client.indices.refresh(index=ALIAS)
    assert run("search_index", "verify")[1] is None
    assert post.pk in ids(live.search(ContributionQuery(text="harvest"), readable()))


def test_cross_language_search_finds_the_concept_in_the_other_languages(live, corpus):
    # The Arabic text speaks of detention (الاحتجاز): an English query on the concept finds it,
    # says which concept it came through, and not with the switch off.
    result = live.search(ContributionQuery(text="immigration detention", page_size=100), readable())
    hit = next(hit for hit in result.hits if hit.post_id == corpus["ar"])
    assert [through.concept for through in hit.through] == ["immigration-detention"]
    assert "«" in hit.snippet
    off = live.search(ContributionQuery(text="immigration detention", cross_language=False), readable())
    assert corpus["ar"] not in ids(off)
