"""Browsing every contribution reads exact facets from counts the database keeps.

The search page opens on a browse of everything, newest first. Its facets
and total come from ``search_facetcount``, kept by triggers on the index
tables (``search.backends.database.facetcounts``). Whatever changes a
document — a moderator hiding a post, a topic moved to another space,
objectives re-tagged, a post deleted, a rebuild — the counts a reader sees
must equal what a brute-force count of what that reader may read gives.
Runs on SQLite and on PostgreSQL (``make test``).
"""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from machina.core.db.models import get_model

from forum.models import Contribution
from hub.models import GcmObjective
from search.backends.database import facetcounts
from search.query import ContributionQuery
from tests.search_corpus import contribute, make_corpus, space
from tests.test_search_database import assert_matches_brute_force

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor not in ("sqlite", "postgresql"), reason="the embedded index"),
]

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

BROWSE = ContributionQuery()


def assert_counts_hold():
    with connection.cursor() as cursor:
        assert facetcounts.differences(cursor) == []
    return assert_matches_brute_force(BROWSE)


@pytest.fixture
def corpus():
    return make_corpus()


def test_a_browse_counts_every_readable_contribution_and_nothing_hidden(corpus):
    posts, _hidden = corpus
    result = assert_counts_hold()
    assert result.total == len(posts)
    assert not result.facets_capped  # exact, not the newest matches only
    regions = {fc.value: fc.count for fc in result.facets["region"]}
    # The held post, the held topic and the closed space are all in Europe: none is counted.
    assert regions == {"europe": 1, "africa": 2, "arab-states": 1, "asia-pacific": 1}


def test_the_counts_follow_every_change_to_a_contribution(corpus):
    posts, hidden = corpus
    assert_counts_hold()

    # A moderator holds a post, then approves it again.
    post = posts["recruitment"]
    post.approved = False
    post.save()
    assert assert_counts_hold().total == len(posts) - 1
    post.approved = True
    post.save()
    assert assert_counts_hold().total == len(posts)

    # A held post is approved: it now counts.
    held = hidden["unapproved"]
    held.approved = True
    held.save()
    assert assert_counts_hold().total == len(posts) + 1

    # A topic moved to another space takes its contributions' counts with it.
    topic = posts["question"].topic
    topic.forum = space("africa").forum
    topic.save()
    Contribution.objects.filter(post__topic=topic).update(space=space("africa"))
    for moved in Post.objects.filter(topic=topic):
        moved.save()
    assert_counts_hold()

    # Objectives re-tagged.
    contribution = posts["visas"].contribution
    contribution.objectives.set(GcmObjective.objects.filter(number__in=[2, 23]))
    contribution.save()
    posts["visas"].save()
    result = assert_counts_hold()
    assert {"2", "23"} <= {fc.value for fc in result.facets["objective"]}

    # A post deleted (the index row goes by cascade, not by the search code).
    posts["french"].delete()
    assert assert_counts_hold().total == len(posts)


def test_a_rebuild_and_a_new_contribution_keep_the_counts(corpus):
    call_command("search_index", "rebuild", stdout=StringIO(), stderr=StringIO())
    assert_counts_hold()
    contribute("Une nouvelle contribution.", region="latin-america-caribbean", language="fr", objectives=(7,))
    result = assert_counts_hold()
    assert {fc.value: fc.count for fc in result.facets["language"]}["fr"] == 2


def test_a_reader_of_a_closed_space_sees_its_counts_and_no_one_else_does(corpus, django_user_model):
    posts, hidden = corpus
    closed = hidden["closed"].topic.forum
    staff = django_user_model.objects.create_user("staff", "staff@example.org", "pw-staff-1")
    UserForumPermission = get_model("forum_permission", "UserForumPermission")
    ForumPermission = get_model("forum_permission", "ForumPermission")
    for codename in ("can_see_forum", "can_read_forum"):
        UserForumPermission.objects.create(
            permission=ForumPermission.objects.get(codename=codename), forum=closed, user=staff, has_perm=True
        )
    assert assert_matches_brute_force(BROWSE, staff).total == len(posts) + 1
    assert assert_matches_brute_force(BROWSE, AnonymousUser()).total == len(posts)


def test_a_browse_asks_one_small_query_for_its_facets(corpus):
    from search.facade import readable_forum_ids, search

    readable_forum_ids(AnonymousUser())
    with CaptureQueriesContext(connection) as captured:
        search(BROWSE, AnonymousUser())
    statements = [query["sql"] for query in captured.captured_queries]
    assert sum(facetcounts.TABLE in sql for sql in statements) == 1
    # No statement counts the documents themselves.
    assert not any("count(*)" in sql.lower() and "search_contributiondocument" in sql for sql in statements)


def test_verify_finds_counts_changed_by_hand_and_sync_recounts_them(corpus):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE search_facetcount SET documents = documents + 5 WHERE dimension = 'language'")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("search_index", "verify", stdout=out, stderr=StringIO())
    assert "facet count of space" in out.getvalue()
    call_command("search_index", "sync", stdout=StringIO(), stderr=StringIO())
    call_command("search_index", "verify", stdout=StringIO(), stderr=StringIO())
    assert_counts_hold()
