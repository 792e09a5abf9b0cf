"""Objects decide, addresses don't (access matrix, AC3 for nested ids).

A forum address naming a topic within a forum, or a post within a topic,
is served only when they belong together. Otherwise machina would take the
permissions (locking, announcements, posting without approval) and the
contribution's space from the forum written in the address: the moderator
of region A could lock or announce a topic of region B by writing A's forum
id in front of it, and anyone could file a reply to B under A's figures.

Every such pattern is found from the resolver, so a pattern machina or the
project adds later is walked too. The data is the access matrix's world:
``mod_a`` moderates the Arab States (region A), ``stake_b`` wrote region
B's (Africa's) topic.
"""

import pytest
from django.urls import URLResolver, get_resolver, reverse
from machina.core.db.models import get_model

from forum.models import Contribution
from forum.posting.forms import ContributionPostForm
from tests.test_access_matrix import _post_form, _reply, _space, _topic, client_for, world  # noqa: F401 -- the fixture

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

ANNOUNCE = Topic.TOPIC_ANNOUNCE


def _nested_patterns(resolver=None, namespace="", outer=()):
    """(URL name, argument names) of every pattern whose address carries a
    forum id with a topic id, or a topic id with a post id."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        names = (*outer, *entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _nested_patterns(entry, inner, names)
        elif "forum_pk" in names and ("topic_pk" in names or "pk" in names) and entry.name:
            yield namespace + entry.name, frozenset(names)


NESTED = sorted(set(_nested_patterns()))


def test_the_walk_finds_machinas_conversation_addresses():
    found = {name for name, _ in NESTED}
    assert {
        "forum_conversation:topic",
        "forum_conversation:topic_update",
        "forum_conversation:post_create",
        "forum_conversation:post_update",
        "forum_conversation:post_delete",
    } <= found


def _mismatched(w, names):
    """Argument sets naming objects that do not belong together, each with
    the forum of region A (the moderator's own) or B in front."""
    topic_a, topic_b = w.objects["topic_a"], w.objects["topic_b"]
    post_a, post_b = w.objects["approved_a"], topic_b.first_post
    if "topic_pk" in names and "pk" in names:
        triples = [
            (topic_a.forum, topic_b, post_b),  # a topic of another forum
            (topic_a.forum, topic_a, post_b),  # a post of another topic
            (topic_b.forum, topic_b, post_a),  # the same, the other way round
        ]
        cases = [{"forum_pk": f.pk, "topic_pk": t.pk, "pk": p.pk} for f, t, p in triples]
    elif "topic_pk" in names:
        cases = [{"forum_pk": topic_a.forum_id, "topic_pk": topic_b.pk}]
    else:
        cases = [{"forum_pk": topic_a.forum_id, "pk": topic_b.pk}]
    slugs = {name: "x" for name in ("forum_slug", "topic_slug", "slug") if name in names}
    return [{**slugs, **case} for case in cases]


def _state(w):
    """What a mismatched request could change."""
    topics = Topic.objects.filter(pk__in=[w.objects["topic_a"].pk, w.objects["topic_b"].pk]).order_by("pk")
    return (
        list(topics.values_list("pk", "forum_id", "status", "type", "subject", "approved")),
        list(Post.objects.order_by("pk").values_list("pk", "topic_id", "content", "approved")),
        list(Contribution.objects.order_by("pk").values_list("post_id", "space_id")),
    )


def _form_data(w):
    """A post and topic form at once, asking for every moderator's option."""
    data = _post_form("A reply filed under the wrong region.")(w)
    data.update({"subject": "Moved here", "lock_topic": "on", "topic_type": str(ANNOUNCE)})
    return data


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("actor", ["mod_a", "stake_b", "anon"])
@pytest.mark.parametrize(("name", "names"), NESTED, ids=[name for name, _ in NESTED])
def test_ids_that_do_not_belong_together_are_not_found(world, db, name, names, actor, method):  # noqa: F811
    client = client_for(world, actor)
    before = _state(world)
    for kwargs in _mismatched(world, names):
        url = reverse(name, kwargs=kwargs)
        response = client.get(url) if method == "get" else client.post(url, _form_data(world))
        assert response.status_code == 404, f"{actor} {method.upper()} {url} → {response.status_code}"
        assert _state(world) == before, f"{actor} {method.upper()} {url} changed something"


# ---------------------------------------------------------------- the findings, one by one


def _reply_url(forum, topic):
    return reverse(
        "forum_conversation:post_create",
        kwargs={
            "forum_slug": forum.slug,
            "forum_pk": forum.pk,
            "topic_slug": topic.slug,
            "topic_pk": topic.pk,
        },
    )


def test_a_moderator_cannot_lock_another_regions_topic_by_replying_through_their_forum(world, db):  # noqa: F811
    topic_b, forum_a = world.objects["topic_b"], world.objects["topic_a"].forum
    data = _post_form("Locking this from the wrong region.")(world)
    data["lock_topic"] = "on"
    response = client_for(world, "mod_a").post(_reply_url(forum_a, topic_b), data)
    assert response.status_code == 404
    assert Topic.objects.get(pk=topic_b.pk).status == Topic.TOPIC_UNLOCKED
    assert not Post.objects.filter(content="Locking this from the wrong region.").exists()


def test_a_moderator_cannot_lock_another_regions_topic_by_editing_its_post(world, db):  # noqa: F811
    """Their own reply there, which they may edit: the lock option must be
    decided by the reply's forum. (machina's post update happens not to keep
    the lock today, saving the post's own copy of the topic after it; the
    address is refused before that matters.)"""
    topic_b, forum_a = world.objects["topic_b"], world.objects["topic_a"].forum
    own = _reply(topic_b, world.users["mod_a"], "A moderator's reply in region B")
    url = reverse(
        "forum_conversation:post_update",
        kwargs={
            "forum_slug": forum_a.slug,
            "forum_pk": forum_a.pk,
            "topic_slug": topic_b.slug,
            "topic_pk": topic_b.pk,
            "pk": own.pk,
        },
    )
    data = _post_form("A moderator's reply in region B")(world)
    data["lock_topic"] = "on"
    response = client_for(world, "mod_a").post(url, data)
    assert response.status_code == 404
    assert Topic.objects.get(pk=topic_b.pk).status == Topic.TOPIC_UNLOCKED


def test_a_moderator_cannot_announce_another_regions_topic(world, db):  # noqa: F811
    """A topic they opened there, which they may edit: its type must be
    decided by its own forum."""
    forum_a, forum_b = world.objects["topic_a"].forum, world.objects["topic_b"].forum
    topic_b = _topic(forum_b, world.users["mod_a"], "A moderator's topic in B", "Their text").topic
    url = reverse(
        "forum_conversation:topic_update",
        kwargs={"forum_slug": forum_a.slug, "forum_pk": forum_a.pk, "slug": topic_b.slug, "pk": topic_b.pk},
    )
    data = _post_form("Their text")(world)
    data.update({"subject": "A moderator's topic in B", "topic_type": str(ANNOUNCE)})
    response = client_for(world, "mod_a").post(url, data)
    assert response.status_code == 404
    assert Topic.objects.get(pk=topic_b.pk).type == Topic.TOPIC_POST


def test_a_reply_cannot_be_filed_under_another_region(world, db):  # noqa: F811
    topic_a, forum_b = world.objects["topic_a"], world.objects["topic_b"].forum
    response = client_for(world, "stake_b").post(
        _reply_url(forum_b, topic_a), _post_form("Counted in the wrong region.")(world)
    )
    assert response.status_code == 404
    assert not Contribution.objects.filter(post__content="Counted in the wrong region.").exists()
    # Through its own address, the reply counts in the topic's region.
    response = client_for(world, "stake_b").post(
        _reply_url(topic_a.forum, topic_a), _post_form("Counted in the right region.")(world)
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get(post__content="Counted in the right region.")
    assert contribution.space == _space("arab-states")


def test_the_post_form_takes_its_forum_from_the_topic(world, db):  # noqa: F811
    """Whoever builds the form with another forum (a view of tomorrow), its
    options and the contribution's space are those of the topic's forum."""
    topic_b, forum_a = world.objects["topic_b"], world.objects["topic_a"].forum
    form = ContributionPostForm(user=world.users["mod_a"], forum=forum_a, topic=topic_b)
    assert form.forum == topic_b.forum
    assert form.space == _space("africa")
    assert "lock_topic" not in form.fields  # mod_a moderates region A only
    own = ContributionPostForm(user=world.users["mod_a"], forum=forum_a, topic=world.objects["topic_a"])
    assert "lock_topic" in own.fields
