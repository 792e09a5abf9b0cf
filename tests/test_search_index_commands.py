"""``manage.py search_index rebuild|sync|status|verify`` and ``search_worker``
as an operator runs them, on both backends.

The database backend on the test database; the Elasticsearch backend
through the site's own settings against the stub server (tests/es_stub.py,
its ``FakeIndex`` holding indices and the alias). On a clean index every
command exits 0; on a dirty one ``verify`` lists each difference and exits
1, and ``sync`` repairs them. The same runs against a real server are in
test_search_elasticsearch_live.py.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from machina.core.db.models import get_model

from forum.models import Contribution
from forum.seeding import seed_contributions
from search.backends import _backend
from search.models import ContributionDocument, IndexOutbox

from .es_stub import FakeIndex, StubElasticsearch

Post = get_model("forum_conversation", "Post")

pytestmark = pytest.mark.django_db


class DatabaseSite:
    name = "database"

    def lose(self, pk):
        ContributionDocument.objects.filter(pk=pk).delete()

    def make_stale(self, pk):
        ContributionDocument.objects.filter(pk=pk).update(analysis_version="0.0")

    def findable(self, pk):
        return ContributionDocument.objects.filter(pk=pk, visible=True).exists()


class ElasticsearchSite:
    name = "elasticsearch"

    def __init__(self, index):
        self.index = index

    def lose(self, pk):
        self.index.documents.pop(pk)

    def make_stale(self, pk):
        # Edited without its save signal: the outbox never heard of it.
        text = "Edited behind the index's back"
        Post.objects.filter(pk=pk).update(content=text, _content_rendered=f"<p>{text}</p>")

    def findable(self, pk):
        return self.index.documents.get(pk, {}).get("visible") is True


@pytest.fixture(params=["database", "elasticsearch"])
def site(request, settings):
    _backend.cache_clear()
    if request.param == "database":
        settings.SEARCH_BACKEND = "database"
        yield DatabaseSite()
    else:
        stub = StubElasticsearch()
        settings.ELASTICSEARCH_URL = stub.url
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.ELASTICSEARCH_TIMEOUT = 2
        yield ElasticsearchSite(FakeIndex(stub))
        stub.close()
        assert not stub.errors
    _backend.cache_clear()


@pytest.fixture
def contributions(site):
    seed_contributions(12, seed=415)
    return list(Contribution.objects.filter(external_id__startswith="seed-415-").order_by("pk"))


def run(*args):
    """(stdout, error message or None) of one command, as an operator sees them."""
    out = StringIO()
    try:
        call_command(*args, stdout=out, stderr=StringIO())
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def test_every_command_exits_0_on_a_clean_index(site, contributions):
    total = Contribution.objects.count()
    out, error = run("search_index", "rebuild")
    assert error is None
    assert f"{total} contribution(s) indexed" in out
    out, error = run("search_index", "verify")
    assert (out, error) == ("The index matches the visible contributions.\n", None)
    out, error = run("search_index", "status")
    assert error is None
    assert f"backend: {site.name}\n" in out
    assert f"documents: {total}\n" in out and f"contributions: {total}\n" in out
    assert run("search_index", "sync") == ("0 contribution(s) brought up to date.\n", None)
    assert all(site.findable(c.pk) for c in contributions)


def test_verify_lists_a_dirty_index_and_sync_repairs_it(site, contributions):
    assert run("search_index", "rebuild")[1] is None
    lost, stale, hidden = contributions[:3]
    site.lose(lost.pk)
    site.make_stale(stale.pk)
    # Held by a moderator without the save signal: the index still shows it.
    Post.objects.filter(pk=hidden.pk).update(approved=False)

    out, error = run("search_index", "verify")
    assert error == (
        "3 difference(s) between the contributions and the index; `search_index sync` repairs them."
    )
    lines = out.splitlines()
    assert f"post {lost.pk}: visible contribution missing from the index" in lines
    assert len(lines) == 3
    assert {int(line.split(":")[0].removeprefix("post ")) for line in lines} == {lost.pk, stale.pk, hidden.pk}
    assert not site.findable(lost.pk) and site.findable(hidden.pk)

    assert run("search_index", "sync") == ("3 contribution(s) brought up to date.\n", None)
    assert run("search_index", "verify") == ("The index matches the visible contributions.\n", None)
    assert site.findable(lost.pk) and site.findable(stale.pk)
    assert not site.findable(hidden.pk)  # forum.visibility decides, on both backends


def test_sync_forgets_what_is_not_a_contribution(site, contributions):
    assert run("search_index", "rebuild")[1] is None
    gone = contributions[0]
    # Deleted by raw SQL, without the delete signal: its entry outlives it.
    gone.objectives.clear()
    Contribution.objects.filter(pk=gone.pk)._raw_delete(using="default")
    out, error = run("search_index", "verify")
    assert error is not None and f"post {gone.pk}: indexed as findable but not a visible contribution" in out
    assert run("search_index", "sync") == ("1 contribution(s) brought up to date.\n", None)
    assert run("search_index", "verify")[1] is None
    assert not site.findable(gone.pk)


def test_search_worker_one_pass(site, contributions):
    assert run("search_index", "rebuild")[1] is None
    post = Post.objects.get(pk=contributions[0].pk)
    post.content = "Seasonal harvest workers"
    post.save()  # the save signal: indexed at once (database) or queued (Elasticsearch)
    if site.name == "database":
        # Nothing to send: the index changed with the post; the worker says so.
        assert run("search_index", "verify")[1] is None
        out, error = run("search_worker", "--once")
        assert error == "ELASTICSEARCH_URL is not set: the database backend needs no worker."
        return
    out, error = run("search_index", "verify")
    assert out == f"post {post.pk}: indexed from an older version of the post or of the analysis\n"
    out, error = run("search_worker", "--once")
    # The seeding's own queued changes go too (the rebuild already holds them).
    assert error is None and f"{len(contributions)} change(s) sent" in out and "(pending now: 0)" in out
    assert run("search_index", "verify") == ("The index matches the visible contributions.\n", None)


def test_the_workers_advice_on_an_empty_server_is_followed_to_the_end(contributions_on_empty_server):
    index, contributions = contributions_on_empty_server
    # A new, empty server while nothing is queued: only a rebuild can fill it.
    IndexOutbox.objects.all().delete()
    out, error = run("search_worker", "--once")
    assert error is None
    assert "run `search_index rebuild` to fill it" in out
    out, error = run("search_index", "verify")
    assert error is not None
    missing = [f"post {c.pk}: visible contribution missing from the index" for c in contributions]
    assert out.splitlines() == missing
    assert run("search_index", "rebuild")[1] is None
    assert run("search_index", "verify")[1] is None
    assert set(index.documents) == {c.pk for c in contributions}


def test_sync_fills_a_server_with_no_index(contributions_on_empty_server):
    index, contributions = contributions_on_empty_server
    out, error = run("search_index", "verify")
    assert error is not None
    assert "no index behind the alias hub-contributions: run `search_index rebuild`" in out.splitlines()
    synced = f"{len(contributions)} contribution(s) brought up to date.\n"
    assert run("search_index", "sync") == (synced, None)
    assert run("search_index", "verify")[1] is None
    assert set(index.documents) == {c.pk for c in contributions}


@pytest.fixture
def contributions_on_empty_server(settings):
    stub = StubElasticsearch()
    settings.ELASTICSEARCH_URL = stub.url
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_TIMEOUT = 2
    _backend.cache_clear()
    index = FakeIndex(stub, existing=False)
    seed_contributions(5, seed=416)
    yield index, list(Contribution.objects.order_by("pk"))
    stub.close()
    assert not stub.errors
    _backend.cache_clear()


def test_a_document_the_index_refuses_stops_sync_with_its_reason(contributions_on_empty_server):
    index, _contributions = contributions_on_empty_server
    stored = index.bulk

    def refuse_first(request):
        answer = stored(request)
        error = {"type": "document_parsing_exception", "reason": "bad"}
        next(iter(answer["items"][0].values())).update(status=400, error=error)
        return {**answer, "errors": True}

    index.stub.on("PUT|POST", "/_bulk", refuse_first)
    _out, error = run("search_index", "sync")
    assert error.startswith("sync stopped: 1 document(s) refused")
    assert "400 document_parsing_exception: bad" in error
