"""The embedded (database) search backend through the one query API."""

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings
from machina.core.db.models import get_model

from forum.models import AttachmentText
from hub.models import GcmObjective
from search import analysis
from search.facade import search
from search.models import ContributionDocument
from search.query import FACETS, ContributionQuery, Sort
from search.text import post_plain_text
from tests.search_corpus import contribute, make_corpus

pytestmark = pytest.mark.django_db

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")
Attachment = get_model("forum_attachments", "Attachment")
ForumPermission = get_model("forum_permission", "ForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")
GroupForumPermission = get_model("forum_permission", "GroupForumPermission")

ANONYMOUS = AnonymousUser()


@pytest.fixture
def corpus():
    """Visible contributions across every dimension, plus three that nobody may find."""
    return make_corpus()


def run(viewer=ANONYMOUS, **fields):
    return search(ContributionQuery(**fields), viewer)


def ids(result):
    return {hit.post_id for hit in result.hits}


# ------------------------------------------------------------------ brute force over the ORM


def _matches_text(post, text):
    words = [w for w in analysis.query_terms(text) if w]
    if not words:
        return True
    contribution = post.contribution
    terms = set(analysis.document_terms(post.topic.subject, contribution.language))
    terms |= set(analysis.document_terms(post_plain_text(post), contribution.language))
    return all(alternatives & terms for alternatives in words)


def _values(post):
    """Each facet's value(s) for one contribution, as the API keys them."""
    c = post.contribution
    return {
        "region": {c.space.region.slug},
        "topic": {str(post.topic_id)},
        "objective": {str(o.number) for o in c.objectives.all()},
        "group": {c.stakeholder_group.slug} if c.stakeholder_group else set(),
        "country": {str(c.country.code)} if c.country else set(),
        "language": {c.language},
        "type": {c.kind},
        "has_attachment": {"true" if post.attachments.exists() else "false"},
    }


def brute_force(query, viewer=ANONYMOUS):
    """(ids of the matching visible contributions, facet counts) computed the slow way."""
    from search.facade import readable_forum_ids

    forums = readable_forum_ids(viewer)
    posts = [
        post
        for post in Post.objects.filter(
            contribution__isnull=False, approved=True, topic__approved=True, topic__forum_id__in=forums
        ).select_related("topic", "contribution__space__region")
        if _matches_text(post, query.text)
    ]
    selected = {name: {str(v) for v in values} for name, values in query.filters().items()}
    if query.has_attachment is not None:
        selected["has_attachment"] = {"true" if query.has_attachment else "false"}
    values = {post.pk: _values(post) for post in posts}

    def passes(post, ignoring=None):
        return all(values[post.pk][name] & wanted for name, wanted in selected.items() if name != ignoring)

    facets = {}
    for name in FACETS:
        counts = {}
        for post in posts:
            if passes(post, ignoring=name):
                for value in values[post.pk][name]:
                    counts[value] = counts.get(value, 0) + 1
        facets[name] = counts
    return {post.pk for post in posts if passes(post)}, facets


def assert_matches_brute_force(query, viewer=ANONYMOUS):
    result = search(replace(query, page_size=100), viewer)
    expected_ids, expected_facets = brute_force(query, viewer)
    assert ids(result) == expected_ids
    assert result.total == len(expected_ids)
    for name in FACETS:
        assert {fc.value: fc.count for fc in result.facets[name]} == expected_facets[name], name
    return result


# ------------------------------------------------------------------ text


def test_text_queries_find_the_contributions_with_every_word(corpus):
    posts, _hidden = corpus
    assert ids(run(text="recruitment")) == {posts["visas"].pk, posts["recruitment"].pk}
    assert ids(run(text="fair   RECRUITMENT visas")) == {posts["visas"].pk}
    assert ids(run(text="visas")) == {posts["visas"].pk, posts["french"].pk}
    # the topic's subject is searched with the post
    assert ids(run(text="migration data")) == {posts["question"].pk}
    # Markdown markers are not part of the words
    assert posts["question"].pk in ids(run(text="workers"))
    assert ids(run(text="الخدمات")) == {posts["arabic"].pk}
    assert ids(run(text="nothingmatchesthis")) == set()


@pytest.mark.parametrize(
    "query",
    ["الخدمات الاساسية", "الخدمة", "خدمات", "مهاجر", "الْخَدَمَاتُ", "الخدمـــات"],
)
def test_arabic_variants_find_the_arabic_contribution(corpus, query):
    posts, _hidden = corpus
    assert posts["arabic"].pk in ids(run(text=query))


@pytest.mark.parametrize("query", ["visa", "saisonnier", "worker", "recruit"])
def test_stemmed_variants_match(corpus, query):
    assert run(text=query).total >= 1


def test_attachment_text_is_searched(corpus):
    posts, _hidden = corpus
    attachment = Attachment.objects.create(post=posts["question"], file="report.pdf")
    # The file is not on disk: extraction stored an empty text; the text arrives later.
    extracted, _created = AttachmentText.objects.get_or_create(
        attachment=attachment, defaults={"extracted_at": posts["question"].created}
    )
    extracted.text = "Remittance corridors"
    extracted.save()
    result = run(text="remittance")
    assert ids(result) == {posts["question"].pk}
    assert result.hits[0].has_attachment
    assert ids(run(has_attachment=True)) == {posts["question"].pk}


# ------------------------------------------------------------------ filters and facets


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"text": "workers"},
        {"regions": frozenset({"africa"})},
        {"objectives": frozenset({5}), "text": "visas"},
        {"objectives": frozenset({5, 15})},
        {"groups": frozenset({"academia"}), "languages": frozenset({"en"})},
        {"countries": frozenset({"SN", "JO"})},
        {"types": frozenset({"comment", "question"})},
        {"languages": frozenset({"fr"}), "regions": frozenset({"africa", "europe"})},
        {"has_attachment": False, "text": "recruitment"},
    ],
)
def test_results_and_every_facet_count_equal_the_brute_force_count(corpus, fields):
    assert_matches_brute_force(ContributionQuery(**fields))


def test_topic_and_date_filters(corpus):
    posts, _hidden = corpus
    topic_id = posts["arabic"].topic_id
    result = assert_matches_brute_force(ContributionQuery(topics=frozenset({topic_id})))
    assert ids(result) == {posts["arabic"].pk}
    in_2024 = run(date_from=date(2024, 1, 10), date_to=date(2024, 5, 1))
    assert ids(in_2024) == {posts["arabic"].pk, posts["visas"].pk, posts["recruitment"].pk}


def test_a_checked_value_keeps_its_siblings_counts(corpus):
    result = run(regions=frozenset({"africa"}))
    regions = {fc.value: fc.count for fc in result.facets["region"]}
    assert regions == {"europe": 1, "africa": 2, "arab-states": 1, "asia-pacific": 1}
    assert result.total == 2


# ------------------------------------------------------------------ visibility


def test_hidden_contributions_never_appear_nor_count(corpus, django_user_model):
    _posts, hidden = corpus
    hidden_ids = {post.pk for post in hidden.values()}
    member = django_user_model.objects.create_user(username="reader", password="x")
    for viewer in (ANONYMOUS, member):
        result = run(viewer, text="workers recruitment visas", page_size=100)
        assert not ids(result) & hidden_ids
        assert result.total == 1
        assert sum(fc.count for fc in result.facets["region"]) == 1
        assert_matches_brute_force(ContributionQuery(text="visas"), viewer)
    # approving the post and its topic makes them findable at once
    post = hidden["unapproved"]
    post.approved = True
    post.save()
    topic = hidden["unapproved_topic"].topic
    topic.approved = True
    topic.save()
    found = ids(run(text="workers recruitment visas"))
    assert {post.pk, hidden["unapproved_topic"].pk} <= found
    assert hidden["closed"].pk not in found


def test_a_superuser_reads_closed_forums_but_not_unapproved_posts(corpus, staff_user):
    _posts, hidden = corpus
    found = ids(run(staff_user, text="workers recruitment visas"))
    assert hidden["closed"].pk in found
    assert hidden["unapproved"].pk not in found


# ------------------------------------------------------------------ sort, pages, snippets


def test_newest_first_and_pages(corpus):
    posts, _hidden = corpus
    order = [posts[k].pk for k in ("question", "recruitment", "visas", "arabic", "french")]
    assert [h.post_id for h in run(sort=Sort.NEWEST, page_size=100).hits] == order
    pages = [run(sort=Sort.NEWEST, page=n, page_size=2) for n in (1, 2, 3, 4)]
    assert [[h.post_id for h in p.hits] for p in pages] == [order[0:2], order[2:4], order[4:], []]
    assert {p.total for p in pages} == {5}


def test_relevance_ranks_and_reports_metadata(corpus):
    posts, _hidden = corpus
    result = run(text="recruitment")
    assert result.total == 2 and not result.ranking_capped
    hit = next(h for h in result.hits if h.post_id == posts["visas"].pk)
    assert (hit.region, hit.type, hit.objectives, hit.language) == ("europe", "recommendation", (5, 6), "en")
    assert (hit.stakeholder_group, hit.country, hit.topic_subject) == (
        "civil-society",
        "FR",
        "Labour mobility",
    )
    assert hit.url.endswith(f"?post={hit.post_id}#{hit.post_id}")


def test_snippets_mark_the_matched_words(corpus):
    hit = run(text="fair recruitment").hits[0]
    assert hit.snippet.startswith("«Fair» «recruitment» protects")
    long_body = "Opening words. " * 60 + "The remittance corridor matters here. " + "Closing words. " * 60
    long_post = contribute(long_body, subject="Costs")
    snippet = run(text="remittance").hits[0].snippet
    assert run(text="remittance").hits[0].post_id == long_post.pk
    assert "«remittance»" in snippet
    assert len(snippet) <= 310
    assert snippet.startswith("…") and snippet.endswith("…")


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced',
        "AND OR NOT",
        "NEAR(workers visas)",
        "terms:workers",
        "workers*",
        "^workers",
        "-workers",
        "(((",
        "\x00workers",
        "x" * 100_000,
        "workers " * 5000,
        "'; DROP TABLE search_contributiondocument; --",
        "«»",
    ],
)
def test_hostile_queries_answer_without_error(corpus, text):
    result = run(text=text)
    assert result.total >= 0
    assert ContributionDocument.objects.exists()


def test_operators_typed_in_the_box_reach_the_database_only_as_quoted_words(corpus):
    """What the engine receives (every statement, recorded by Django's own
    execute hook): FTS5 gets quoted terms only; PostgreSQL gets terms as
    parameters of phraseto_tsquery. The operators change nothing."""
    typed = '"workers" + | -(workers*) ~2 AND NOT visible:false'
    sent = []

    def record(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        result = run(text=typed)
    assert ids(result) == ids(run(text="workers 2 visible false"))
    searched = [(sql, params) for sql, params in sent if " MATCH " in sql or "phraseto_tsquery" in sql]
    assert searched
    for sql, params in searched:
        for param in params:
            if not isinstance(param, str):
                continue
            if connection.vendor == "sqlite" and " MATCH " in sql and param.startswith("("):
                # Quoted terms joined by OR and AND: nothing else reaches FTS5's syntax.
                terms = re.findall(r'"([^"]*)"', param)
                assert terms and all(term.isalnum() for term in terms), param
                assert not set(re.sub(r'"[^"]*"', "", param)) - set("() ANDOR"), param
            else:  # terms (PostgreSQL), facet names: no operator, quote or space
                assert re.fullmatch(r"\w*", param), param


def test_broad_queries_rank_a_window_and_every_match_stays_reachable(corpus):
    with override_settings(SEARCH_RANK_WINDOW=2):
        result = run(text="workers", page_size=2)
        assert result.ranking_capped and result.facets_capped
        assert result.total == len(brute_force(ContributionQuery(text="workers"))[0])
        seen = []
        for page in range(1, 4):
            seen += [h.post_id for h in run(text="workers", page=page, page_size=2).hits]
    assert len(seen) == len(set(seen)) == result.total


# ------------------------------------------------------------------ indexing


def _fts_rows(word):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM search_contributionfts WHERE search_contributionfts MATCH %s", [word]
        )
        return cursor.fetchone()[0]


def test_a_post_is_searchable_in_its_transaction_and_a_rollback_leaves_nothing():
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        post = contribute("Zanzibar ferry crossings")
        assert ids(run(text="zanzibar")) == {post.pk}
        raise Abort
    if connection.vendor == "sqlite":
        assert _fts_rows("zanzibar") == 0
    assert not ContributionDocument.objects.filter(pk=post.pk).exists()
    assert run(text="zanzibar").total == 0


def test_edits_and_deletions_follow(corpus):
    posts, _hidden = corpus
    post = posts["visas"]
    post.content = "Circular migration schemes"
    post.save()
    assert posts["visas"].pk not in ids(run(text="visas"))
    assert ids(run(text="circular")) == {post.pk}
    contribution = post.contribution
    contribution.kind = "pledge"
    contribution.save()
    assert ids(run(types=frozenset({"pledge"}))) == {post.pk}
    contribution.objectives.set(GcmObjective.objects.in_default_locale().filter(number=23))
    assert ids(run(objectives=frozenset({23}))) == {post.pk}
    post.topic.delete()
    assert run(text="circular").total == 0
    assert not ContributionDocument.objects.filter(pk=post.pk).exists()


def test_seeded_contributions_are_indexed_by_the_importer():
    call_command("seed_contributions", "--count", "12", "--seed", "7", verbosity=0)
    assert ContributionDocument.objects.count() == 12
    assert run().total == 12
    assert_matches_brute_force(ContributionQuery(text="migrants"))


def test_rebuild_sync_status_and_verify(corpus):
    out, err = StringIO(), StringIO()
    call_command("search_index", "rebuild", stdout=out, stderr=err)
    assert "8 contribution(s) indexed" in out.getvalue()
    assert "Indexing" in err.getvalue()
    call_command("search_index", "verify", stdout=StringIO())
    assert_matches_brute_force(ContributionQuery(text="workers"))

    posts, _hidden = corpus
    ContributionDocument.objects.filter(pk=posts["visas"].pk).delete()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("search_index", "verify", stdout=out)
    assert f"post {posts['visas'].pk}: visible contribution missing" in out.getvalue()
    out = StringIO()
    call_command("search_index", "status", stdout=out)
    assert "documents: 7" in out.getvalue()
    call_command("search_index", "sync", stdout=StringIO())
    call_command("search_index", "verify", stdout=StringIO())
    assert posts["visas"].pk in ids(run(text="visas"))


# ------------------------------------------------------------------ cached totals and facets


def test_totals_and_facets_are_reused_until_the_index_changes(corpus):
    from django.test.utils import CaptureQueriesContext

    first = run(text="workers")
    with CaptureQueriesContext(connection) as second_queries:
        second = run(text="workers", page=2, page_size=1)
    with CaptureQueriesContext(connection) as first_queries:
        run(text="workers", regions=frozenset({"africa"}))
    assert (second.total, second.facets) == (first.total, first.facets)
    # the second page read the figures from the cache: fewer statements than a new search
    assert len(second_queries) < len(first_queries)
    # any change to the index — even one made by raw SQL, bypassing every Python path — renews them
    hit = first.hits[0].post_id
    with connection.cursor() as cursor:
        cursor.execute("UPDATE search_contributiondocument SET visible = %s WHERE post_id = %s", [False, hit])
    assert run(text="workers").total == first.total - 1
    assert hit not in ids(run(text="workers", page_size=100))


def test_figures_cached_inside_a_rolled_back_transaction_are_never_served():
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        contribute("Ferry crossings at night", region="arab-states")
        assert {fc.value for fc in run(text="ferry").facets["region"]} == {"arab-states"}
        raise Abort
    contribute("Ferry timetables for seasonal workers", region="africa")
    result = run(text="ferry")
    assert result.total == 1
    assert [(fc.value, fc.count) for fc in result.facets["region"]] == [("africa", 1)]


def test_a_changed_permission_takes_effect_on_the_next_search(corpus, django_user_model):
    """The readable spaces are cached per viewer; any grant, revocation or
    group membership change is seen at once."""
    from django.contrib.auth.models import Group

    posts, hidden = corpus
    closed = hidden["closed"].topic.forum
    member = django_user_model.objects.create_user(username="reader", password="x")
    assert hidden["closed"].pk not in ids(run(member, text="workers recruitment visas"))
    # a group grant lets the member read the closed space
    group = Group.objects.create(name="Staff room readers")
    for codename in ("can_see_forum", "can_read_forum"):
        permission = ForumPermission.objects.get(codename=codename)
        GroupForumPermission.objects.create(group=group, forum=closed, permission=permission, has_perm=True)
    assert hidden["closed"].pk not in ids(run(member, text="workers recruitment visas"))
    member.groups.add(group)
    assert hidden["closed"].pk in ids(run(member, text="workers recruitment visas"))
    member.groups.remove(group)
    assert hidden["closed"].pk not in ids(run(member, text="workers recruitment visas"))
    # closing a public space to visitors hides its contributions from them at once
    europe = posts["visas"].topic.forum
    assert posts["visas"].pk in ids(run(text="visas"))
    read = ForumPermission.objects.get(codename="can_read_forum")
    UserForumPermission.objects.update_or_create(
        permission=read, forum=europe, anonymous_user=True, defaults={"has_perm": False}
    )
    assert posts["visas"].pk not in ids(run(text="visas"))
    assert posts["visas"].pk in ids(run(member, text="visas"))


def test_hits_carry_the_contribution_time_in_utc(corpus):
    posts, _hidden = corpus
    hit = next(h for h in run(text="visas", page_size=100).hits if h.post_id == posts["visas"].pk)
    assert hit.created == datetime(2024, 3, 1, tzinfo=UTC)
    assert hit.created.utcoffset() is not None


def test_search_figures_stay_exact_after_the_stamps_are_emptied(corpus):
    """``manage.py flush`` empties every table, the stamps too: the next search puts them back."""
    posts, _hidden = corpus
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_stamp")
    assert run(text="visas").total == 2
    posts["french"].delete()
    assert run(text="visas").total == 1


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_runs_the_search_statements_without_jit_compilation(corpus):
    # A broad search's facet statement crosses PostgreSQL's JIT cost threshold:
    # compiling it cost 55 ms of 250 at 100k contributions, for nothing.
    run(text="migrants")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
