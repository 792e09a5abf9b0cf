# ruff: noqa: E501, RUF001 -- the matrix is one row per line; cells are named with a multiplication sign.
"""Access control with regions as tenants (quality targets §3.4).

AC1 is one table, ``MATRIX``: each row is a resource and an action, each
column an actor, each cell Y (the action takes effect / the content is
served) or N (refused: nothing served, nothing changed, never a 500). Every
cell runs as its own test through Django's test client against the real
views, and a failing cell names itself.

Then AC3 (ids of other people's things), AC5 (a revoked group membership
counts on the next request), AC6 (sessions), AC7 (admin entry points), AC8
(drafts and previews) and AC9 (CSRF over every URL pattern, no state change
by GET).

The data is built once for the module (one transaction rolled back at the
end); each test runs in a savepoint of it, so writes never leak.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from machina.core.db.models import get_model

from forum.flags import services as flags
from forum.models import RegionalSpace
from forum.models.contributions import Reclassification
from hub.models import Concept, GenerationStatus, PaperGeneration, Registration, RejectedObjectiveSuggestion
from search.campaigns.models import Campaign, CampaignMember
from search.models import ApiToken
from search.saved.searches import save_search
from tests.page_tree import add_region_page, english_home, publish
from tests.registration_helpers import form_data as registration_form
from tests.registration_helpers import register_url, upcoming_consultation
from tests.search_corpus import closed_forum
from tests.stakeholders import give_profile

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
Attachment = get_model("forum_attachments", "Attachment")
Forum = get_model("forum", "Forum")
ForumPermission = get_model("forum_permission", "ForumPermission")
GroupForumPermission = get_model("forum_permission", "GroupForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

PASSWORD = "a-long-pass-phrase-2024"
from tests.factories import (  # noqa: E402
    ContributionFactory,
    ReplyFactory,
    TopicPostFactory,
    VerifiedUserFactory,
)
from tests.test_attachments import make_pdf  # noqa: E402

PDF = make_pdf("Remittances reach rural families")

ACTORS = (
    "anon",
    "unverified",
    "stake_a",
    "stake_b",
    "mod_a",
    "analyst",
    "editor",
    "superuser",
    "deactivated",
)


# ---------------------------------------------------------------- the data, once per module


def _user(username, *, verified=True, profile=True, **extra):
    user = VerifiedUserFactory(
        username=username, password=PASSWORD, email_address__verified=verified, **extra
    )
    if profile:
        give_profile(user, display_name=username.replace("_", " ").title())
    return user


def _space(slug):
    return RegionalSpace.objects.select_related("forum", "moderators").get(region__slug=slug)


def _topic(forum, user, subject, body, *, approved=True):
    post = TopicPostFactory(topic__forum=forum, poster=user, subject=subject, content=body, approved=approved)
    return _contribution(post)


def _reply(topic, user, body, *, approved=True):
    return _contribution(ReplyFactory(topic=topic, poster=user, content=body, approved=approved))


def _contribution(post):
    """What the posting views add to a post; the index follows it. A post in
    a forum outside the spaces is filed under Europe's."""
    space = RegionalSpace.objects.filter(forum=post.topic.forum).first() or _space("europe")
    ContributionFactory(post=post, space=space, kind="comment")
    return post


def _members_only_forum(group):
    """A forum closed to everyone but ``group`` (AC5)."""
    forum = closed_forum()
    forum.name = "Members room"
    forum.save()
    for codename in ("can_see_forum", "can_read_forum"):
        permission = ForumPermission.objects.get(codename=codename)
        GroupForumPermission.objects.create(permission=permission, forum=forum, group=group, has_perm=True)
    return forum


@dataclass
class World:
    users: dict
    objects: dict


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    root = tmp_path_factory.mktemp("access")
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=root / "private", MEDIA_ROOT=root / "media"),
        transaction.atomic(),
    ):
        yield _build_world()
        transaction.set_rollback(True)


def _build_world():
    users = {
        "unverified": _user("unverified", verified=False),
        "stake_a": _user("stake_a"),
        "stake_b": _user("stake_b"),
        "mod_a": _user("mod_a"),
        "analyst": _user("analyst"),
        "editor": _user("editor"),
        "superuser": _user("superuser", is_superuser=True, is_staff=True),
        "deactivated": _user("deactivated"),
    }
    space_a, space_b = _space("arab-states"), _space("africa")
    users["mod_a"].groups.add(
        space_a.moderators, Group.objects.get(name="Registration organisers: Arab States")
    )
    editors = Group.objects.get(name="Editors")  # Wagtail's own editors group
    users["editor"].groups.add(editors)
    users["analyst"].groups.add(Group.objects.get(name="Analysts"))  # made by setup_site
    # The stakeholder of region B has taken part there; the one of region A wrote region A's posts.
    a, b = users["stake_a"], users["stake_b"]
    o = {}
    o["topic_a"] = _topic(space_a.forum, a, "Topic alpha", "Approved alpha text").topic
    o["approved_a"] = _reply(o["topic_a"], a, "Reply alpha published zebu")
    o["pending_a"] = _reply(o["topic_a"], a, "Reply alpha pending quokka", approved=False)
    o["hidden_a"] = _reply(o["topic_a"], a, "Reply alpha hidden okapi")
    for reader in ("stake_b", "analyst", "editor"):  # three readers' reports hide it (RL5)
        flags.report(o["hidden_a"], users[reader], "abuse")
    o["deleted_a"] = _reply(o["topic_a"], a, "Reply alpha deleted tapir")
    o["deleted_a_pk"] = o["deleted_a"].pk
    o["deleted_a"].delete()
    o["topic_b"] = _topic(space_b.forum, b, "Topic beta", "Approved beta text").topic
    o["pending_b"] = _reply(o["topic_b"], b, "Reply beta pending narwhal", approved=False)
    # A topic held for moderation, with an approved reply inside it.
    o["held_topic_a"] = _topic(
        space_a.forum, a, "Held topic wombat", "Held opening wombat", approved=False
    ).topic
    o["held_reply_a"] = _reply(o["held_topic_a"], b, "Reply inside a held topic pangolin")
    o["closed"] = closed_forum()
    o["closed_topic"] = _topic(
        o["closed"], users["superuser"], "Staff only", "Closed forum secret ibex"
    ).topic
    o["closed_post"] = o["closed_topic"].first_post
    o["att_approved"] = Attachment.objects.create(
        post=o["approved_a"], file=ContentFile(PDF, name="published.pdf")
    )
    o["att_pending"] = Attachment.objects.create(
        post=o["pending_a"], file=ContentFile(PDF, name="pending.pdf")
    )
    o["att_closed"] = Attachment.objects.create(
        post=o["closed_post"], file=ContentFile(PDF, name="closed.pdf")
    )
    o["token"] = ApiToken.objects.create_token(users["analyst"], "script")[1]
    o["saved"] = save_search(users["analyst"], "q=zebu", name="Analyst saved wombat")[0]
    profile = users["stake_a"].stakeholder_profile
    profile.organisation = "Rights Organisation Heron"
    profile.save()
    # Pages: a consultation in each region, the Arab one with stake_a registered.
    o["event_a"] = upcoming_consultation()
    o["event_b"] = upcoming_consultation(slug="africa-consultation", region_slug="africa")
    o["reg_a"] = _registration(
        o["event_a"], users["stake_a"], "Stake A Registrant", role="rapporteur", motivation="Reported before."
    )
    o["reg_b"] = _registration(
        o["event_b"], users["stake_b"], "Stake B Registrant", role="rapporteur", motivation="Reported before."
    )
    o["draft_page"], o["private_page"] = _pages()
    o["generation"] = PaperGeneration.objects.create(
        region_page=add_region_page(english_home()),
        title="Generation marmot",
        language="en",
        query="region=arab-states",
        status=GenerationStatus.FINISHED,
        progress=100,
    )
    o["members_group"] = Group.objects.create(name="Members of the working group")
    o["members_forum"] = _members_only_forum(o["members_group"])
    o["members_post"] = _topic(
        o["members_forum"], users["superuser"], "Working group", "Members only capybara"
    )
    o["paper"], o["paper_draft"] = _papers(
        o["generation"],
        {
            "approved": o["approved_a"],
            "pending": o["pending_a"],
            "hidden": o["hidden_a"],
            "closed": o["closed_post"],
            "members": o["members_post"],
        },
    )
    # A campaign in each region's space: one text sent by both stakeholders (search.campaigns).
    for key, topic, text in (
        (
            "campaign_a",
            o["topic_a"],
            "heron petition asks governments to end the detention of children at the borders",
        ),
        (
            "campaign_b",
            o["topic_b"],
            "ibis petition asks governments to open regular pathways for seasonal farm workers",
        ),
    ):
        copies = [
            _reply(topic, users[name], f"{greeting} The {text}.")
            for greeting, name in (("Hello,", "stake_a"), ("Dear all,", "stake_b"))
        ]
        o[key] = CampaignMember.objects.get(post=copies[0]).campaign
        o[f"{key}_copy"] = copies[1]
    # Written an hour ago: the posting pace limits (RL2) leave the authors room to post
    # again, and the 24-hour edit window is still open.
    Post.objects.update(created=timezone.now() - timedelta(hours=1))
    return World(users, o)


def _registration(event, user, name, **fields):
    client = new_client()
    client.force_login(user)
    response = client.post(register_url(event), registration_form(name=name, **fields))
    assert response.status_code == 302, response.content
    return Registration.objects.get(user=user, event=event)


def _papers(generation, posts):
    """A published paper whose frozen set holds a public post and four nobody
    may see on a public page, quoting each; and a draft paper."""
    import datetime

    from hub.models import AnalysisPaperPage, FrozenContribution

    body = [
        (
            "cited_quotation",
            {"quote": f"Quoted {name} gazelle", "contribution": post.pk, "citation": "", "language": "en"},
        )
        for name, post in posts.items()
    ]
    paper = AnalysisPaperPage(
        title="Paper gazelle",
        slug="paper-gazelle",
        published_on=datetime.date(2024, 6, 1),
        generation=generation,
        contribution_count=len(posts),
        body=body,
    )
    publish(generation.region_page, paper)
    FrozenContribution.objects.bulk_create(
        FrozenContribution(generation=generation, post_id=post.pk, content_hash="0" * 64)
        for post in posts.values()
    )
    draft = AnalysisPaperPage(
        title="Draft paper jerboa", slug="draft-paper", published_on=datetime.date(2024, 6, 1), live=False
    )
    generation.region_page.add_child(instance=draft)
    draft.save_revision()
    return paper, draft


def csv_ids(w, response):
    import csv
    import io

    rows = list(csv.reader(io.StringIO(body(response).lstrip("\ufeff"))))
    return response.status_code == 200 and {row[0] for row in rows[1:]} == {str(w.objects["approved_a"].pk)}


def _pages():
    from wagtail.models import PageViewRestriction

    from hub.models import StandardPage

    home = english_home()
    page = publish(home, StandardPage(title="Live title", slug="draft-holder"))
    page.title = "Draft title armadillo"
    page.save_revision()  # a draft, never published
    private = publish(home, StandardPage(title="Members page pangolin", slug="members-only"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return page.specific, private


# ---------------------------------------------------------------- actors' clients


_HANDLERS = {}


def new_client(**extra):
    """A test client sharing its request handler with the module's other clients.

    Loading the middleware (WhiteNoise indexes every static file when it
    starts) costs more than a request; one handler per CSRF mode is enough.
    """
    from django.test.client import ClientHandler

    client = Client(**extra)
    csrf = extra.get("enforce_csrf_checks", False)
    if csrf not in _HANDLERS:
        _HANDLERS[csrf] = ClientHandler(enforce_csrf_checks=csrf)
    client.handler = _HANDLERS[csrf]
    return client


def client_for(world, actor, **extra):
    """A test client acting as ``actor``.

    unverified: signs in through allauth with the right password (allauth
    holds them at the confirmation step); deactivated: signed in while
    active, then deactivated, so the session cookie is still sent.
    """
    client = new_client(**extra)
    if actor == "anon":
        return client
    user = world.users[actor]
    if actor == "unverified":
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        return client
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if actor == "deactivated":
        type(user).objects.filter(pk=user.pk).update(is_active=False)
    if actor == "analyst":
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {world.objects['token']}"
    return client


# ---------------------------------------------------------------- what each request is and what "Y" means


def _kwargs_topic(topic):
    return {"forum_slug": topic.forum.slug, "forum_pk": topic.forum_id, "slug": topic.slug, "pk": topic.pk}


def _kwargs_post(post):
    t = post.topic
    return {
        "forum_slug": t.forum.slug,
        "forum_pk": t.forum_id,
        "topic_slug": t.slug,
        "topic_pk": t.pk,
        "pk": post.pk,
    }


def topic_url(topic):
    return reverse("forum_conversation:topic", kwargs=_kwargs_topic(topic))


def forum_url(forum):
    return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def shows(marker):
    def check(w, response):
        return response.status_code == 200 and marker(w) in body(response)

    return check


def shows_in_main(marker):
    def check(w, response):
        from bs4 import BeautifulSoup

        main = BeautifulSoup(response.content, "html.parser").find("main")
        return response.status_code == 200 and main is not None and marker(w) in str(main)

    return check


def hits(marker):
    """The search page lists a hit whose snippet marks ``marker`` (not the echo of the query)."""

    def check(w, response):
        return (
            response.status_code == 200
            and response.context["result"].total > 0
            and f"<mark>{marker(w)}</mark>" in body(response)
        )

    return check


def xlsx_shows(marker):
    def check(w, response):
        if response.status_code != 200:
            return False
        from openpyxl import load_workbook

        book = load_workbook(
            io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
        )
        cells = [
            str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c is not None
        ]
        return any(marker(w) in c for c in cells)

    return check


def public_figures(w, response):
    """Whoever asks, the public dashboard counts what the contribution search finds for the anonymous."""
    if response.status_code != 200:
        return False
    totals = next(t for t in response.json()["tables"] if t["id"] == "totals")
    counted = next(
        r["values"]["contributions"] for r in totals["rows"] if r["keys"]["measure"] == "contributions"
    )
    return counted == Client().get(API).json()["count"] > 0


def waiting_in(region):
    def check(w, response):
        if response.status_code != 200:
            return False
        tables = {t["id"]: t for t in response.json()["tables"]}
        return any(r["keys"]["region"] == region for r in tables.get("waiting", {"rows": []})["rows"])

    return check


def served_file(w, response):
    return response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def changed(probe):
    """Y when ``probe(w)`` is true after the request (the action took effect)."""

    def check(w, response):
        return probe(w)

    return check


def post_text(key):
    return lambda w: (
        w.objects[key].content.raw if hasattr(w.objects[key].content, "raw") else w.objects[key].content
    )


@dataclass
class Req:
    method: str
    url: Callable
    data: Callable = None
    allowed: Callable = None


def get(url, allowed):
    return Req("get", url, None, allowed)


def post(url, data, allowed):
    return Req("post", url, data, allowed)


def _post_form(content):
    def data(w):
        values = {
            "contribution_metadata": "1",
            "subject": "Re: Topic alpha",
            "content": content,
            "kind": "comment",
            "language": "",
            "enable_signature": "",
        }
        for prefix in ("attachment", "poll"):
            values.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        return values

    return data


def _topic_form(subject):
    def data(w):
        values = _post_form("A brand new topic about fair recruitment.")(w)
        values["subject"] = subject
        return values

    return data


def _exists(model, **lookup):
    return lambda w: model.objects.filter(**lookup).exists()


def _about(model, key):
    """Rows of ``model`` about the contribution of post ``key`` exist."""
    return lambda w: model.objects.filter(contribution__post=w.objects[key].pk).exists()


def _fresh(key, field):
    def probe(w):
        obj = w.objects[key]
        return getattr(type(obj).objects.get(pk=obj.pk), field)

    return probe


PAPERS = "/admin/papers/"
SEARCH = "/en/search/contributions/"
API = "/api/v1/contributions/"
PARTICIPATION = "/en/participation/"
PARTICIPATION_API = "/api/v1/participation/"
SUGGEST = "/api/v1/objective-suggestions/"
REVIEW = "/admin/objective-suggestions/"
CSV = "/en/search/export/csv/"
XLSX = "/en/search/export/xlsx/"

ALL, NONE = "YYYYYYYYY", "NNNNNNNNN"

#                                   anon unverified stake_a stake_b mod_a analyst editor superuser deactivated
# fmt: off
MATRIX = [
    # -- the regional spaces: public to everyone
    *[(f"space {slug}", "read", get(lambda w, s=slug: forum_url(_space(s).forum), shows(lambda w, s=slug: _space(s).forum.name)), ALL)
      for slug in ("africa", "arab-states", "asia-pacific", "europe", "latin-america-caribbean")],
    ("board", "list", get(lambda w: "/en/forum/", shows(lambda w: w.objects["topic_a"].forum.name)), ALL),
    ("closed forum", "list", get(lambda w: "/en/forum/", shows(lambda w: "Staff room")), "NNNNNNNYN"),
    ("closed forum", "read", get(lambda w: forum_url(w.objects["closed"]), shows(lambda w: "Staff only")), "NNNNNNNYN"),
    ("closed topic", "read", get(lambda w: topic_url(w.objects["closed_topic"]), shows(lambda w: "secret ibex")), "NNNNNNNYN"),
    # -- a topic and its posts in region A
    ("topic A", "read", get(lambda w: topic_url(w.objects["topic_a"]), shows(lambda w: "Approved alpha text")), ALL),
    ("post A approved", "read", get(lambda w: topic_url(w.objects["topic_a"]), shows(lambda w: "published zebu")), ALL),
    # machina's topic page lists approved posts (and the author's own held ones);
    # moderators read held posts in the queue, hidden ones on the reports page.
    ("post A pending", "read", get(lambda w: topic_url(w.objects["topic_a"]), shows(lambda w: "pending quokka")), "NNYNNNNNN"),
    # A held topic is 404 to all but its author and its space's moderators (and superusers);
    # its held opening post is listed to its author only, as any held post.
    ("held topic A", "read", get(lambda w: topic_url(w.objects["held_topic_a"]), shows(lambda w: "Held topic wombat")), "NNYNYNNYN"),
    ("held opening of topic A", "read", get(lambda w: topic_url(w.objects["held_topic_a"]), shows(lambda w: "Held opening wombat")), "NNYNNNNNN"),
    ("approved reply in held topic A", "read", get(lambda w: topic_url(w.objects["held_topic_a"]), shows(lambda w: "pangolin")), "NNYNYNNYN"),
    ("search: approved reply in a held topic", "list", get(lambda w: SEARCH + "?q=pangolin", hits(lambda w: "pangolin")), NONE),
    ("post A pending (queue)", "read", get(lambda w: reverse("forum_moderation:queued_post", args=[w.objects["pending_a"].pk]), shows(lambda w: "pending quokka")), "NNNNYNNYN"),
    ("post B pending (queue)", "read", get(lambda w: reverse("forum_moderation:queued_post", args=[w.objects["pending_b"].pk]), shows(lambda w: "pending narwhal")), "NNNNNNNYN"),
    ("post A hidden by reports", "read", get(lambda w: topic_url(w.objects["topic_a"]), shows(lambda w: "hidden okapi")), "NNYNNNNNN"),
    ("post A hidden by reports (review)", "read", get(lambda w: reverse("forum_flags:review", args=[w.objects["hidden_a"].pk]), shows(lambda w: "hidden okapi")), "NNNNYNNYN"),
    ("post A deleted", "read", get(lambda w: topic_url(w.objects["topic_a"]), shows(lambda w: "deleted tapir")), NONE),
    ("topic A", "create", post(lambda w: reverse("forum_conversation:topic_create", kwargs={"forum_slug": w.objects["topic_a"].forum.slug, "forum_pk": w.objects["topic_a"].forum_id}),
                               _topic_form("Matrix new topic"), changed(_exists(Topic, subject="Matrix new topic"))), "NNYYYYYYN"),
    ("post A (reply)", "create", post(lambda w: reverse("forum_conversation:post_create", kwargs={k: v for k, v in _kwargs_post(w.objects["approved_a"]).items() if k != "pk"}),
                                      _post_form("A matrix reply about wages."), changed(_exists(Post, content="A matrix reply about wages."))), "NNYYYYYYN"),
    ("post A approved", "edit", post(lambda w: reverse("forum_conversation:post_update", kwargs=_kwargs_post(w.objects["approved_a"])),
                                     _post_form("Edited by the matrix."), changed(_exists(Post, content="Edited by the matrix."))), "NNYNYNNYN"),
    ("post A approved", "delete", post(lambda w: reverse("forum_conversation:post_delete", kwargs=_kwargs_post(w.objects["approved_a"])),
                                       lambda w: {}, changed(lambda w: not Post.objects.filter(pk=w.objects["approved_a"].pk).exists())), "NNNNYNNYN"),
    ("post A pending", "approve", post(lambda w: reverse("forum_moderation:approve_queued_post", args=[w.objects["pending_a"].pk]),
                                       lambda w: {}, changed(_fresh("pending_a", "approved"))), "NNNNYNNYN"),
    ("post B pending", "approve", post(lambda w: reverse("forum_moderation:approve_queued_post", args=[w.objects["pending_b"].pk]),
                                       lambda w: {}, changed(_fresh("pending_b", "approved"))), "NNNNNNNYN"),
    ("post A hidden by reports", "approve", post(lambda w: reverse("forum_flags:review", args=[w.objects["hidden_a"].pk]),
                                                 lambda w: {"decision": "restore"}, changed(_fresh("hidden_a", "approved"))), "NNNNYNNYN"),
    ("topic A", "move", post(lambda w: reverse("forum_moderation:topic_move", kwargs={"slug": w.objects["topic_a"].slug, "pk": w.objects["topic_a"].pk}),
                             lambda w: {"forum": _space("africa").forum_id}, changed(lambda w: Topic.objects.get(pk=w.objects["topic_a"].pk).forum_id == _space("africa").forum_id)), "NNNNNNNYN"),
    ("topic A", "lock", post(lambda w: reverse("forum_moderation:topic_lock", kwargs={"slug": w.objects["topic_a"].slug, "pk": w.objects["topic_a"].pk}),
                             lambda w: {}, changed(lambda w: Topic.objects.get(pk=w.objects["topic_a"].pk).is_locked)), "NNNNYNNYN"),
    ("topic B", "lock", post(lambda w: reverse("forum_moderation:topic_lock", kwargs={"slug": w.objects["topic_b"].slug, "pk": w.objects["topic_b"].pk}),
                             lambda w: {}, changed(lambda w: Topic.objects.get(pk=w.objects["topic_b"].pk).is_locked)), "NNNNNNNYN"),
    ("moderation queue A", "list", get(lambda w: "/en/forum/moderation/queue/", shows(lambda w: "Re: Topic alpha")), "NNNNYNNYN"),
    ("moderation queue B", "list", get(lambda w: "/en/forum/moderation/queue/", shows(lambda w: "Re: Topic beta")), "NNNNNNNYN"),
    ("reports (flags)", "list", get(lambda w: "/en/forum/flags/", shows(lambda w: "Re: Topic alpha")), "NNNNYNNYN"),
    # -- attachments: only through the checked view, never from MEDIA_URL
    ("attachment of approved post", "download", get(lambda w: reverse("forum_conversation:attachment", args=[w.objects["att_approved"].pk]), served_file), "NNYYYYYYN"),
    ("attachment of pending post", "download", get(lambda w: reverse("forum_conversation:attachment", args=[w.objects["att_pending"].pk]), served_file), "NNYNYNNYN"),
    ("attachment in closed forum", "download", get(lambda w: reverse("forum_conversation:attachment", args=[w.objects["att_closed"].pk]), served_file), "NNNNNNNYN"),
    ("attachment by MEDIA_URL", "download", get(lambda w: settings.MEDIA_URL + w.objects["att_approved"].file.name, served_file), NONE),
    # -- profiles: organisation shown, e-mail never
    ("profile organisation", "read", get(lambda w: reverse("forum_member:profile", args=[w.users["stake_a"].pk]), shows(lambda w: "Rights Organisation Heron")), ALL),
    ("profile e-mail", "read", get(lambda w: reverse("forum_member:profile", args=[w.users["stake_a"].pk]), shows_in_main(lambda w: "stake_a@example.org")), NONE),
    # -- search: hits, facet counts and snippets (page), JSON API, exports
    ("search: approved post", "list", get(lambda w: SEARCH + "?q=zebu", hits(lambda w: "zebu")), ALL),
    ("search: pending post", "list", get(lambda w: SEARCH + "?q=quokka", hits(lambda w: "quokka")), NONE),
    ("search: hidden post", "list", get(lambda w: SEARCH + "?q=okapi", hits(lambda w: "okapi")), NONE),
    ("search: closed forum post", "list", get(lambda w: SEARCH + "?q=ibex", hits(lambda w: "ibex")), "NNNNNNNYN"),
    ("search: members-only forum post", "list", get(lambda w: SEARCH + "?q=capybara", hits(lambda w: "capybara")), "NNNNNNNYN"),
    ("search facets: closed forum post", "list", get(lambda w: SEARCH + "?q=ibex", lambda w, r: r.status_code == 200 and r.context["result"].total > 0), "NNNNNNNYN"),
    ("search facets: pending post", "list", get(lambda w: SEARCH + "?q=quokka", lambda w, r: r.status_code == 200 and r.context["result"].total > 0), NONE),
    ("JSON API: approved post", "list", get(lambda w: API + "?q=zebu", lambda w, r: r.status_code == 200 and r.json()["count"] == 1), ALL),
    ("JSON API: closed forum post", "list", get(lambda w: API + "?q=ibex", lambda w, r: r.status_code == 200 and r.json()["count"] > 0), "NNNNNNNYN"),
    ("JSON API: pending post", "list", get(lambda w: API + "?q=quokka", lambda w, r: r.status_code == 200 and r.json()["count"] > 0), NONE),
    ("JSON API facets: closed forum", "list", get(lambda w: API + "?q=ibex", lambda w, r: r.status_code == 200 and any(v["count"] for f in r.json()["facets"].values() for v in f)), "NNNNNNNYN"),
    # -- suggested objectives: the API answers accounts (never a contribution); the review lists what each analyst may read
    ("objective suggestions API", "ask", post(lambda w: SUGGEST, lambda w: {"text": "Recruitment fees charged to migrant workers", "language": "en"}, lambda w, r: r.status_code == 200 and r.json()["suggestions"][0]["objective"] == 6), "NNYYYYYYN"),
    ("objective review: approved post", "list", get(lambda w: REVIEW, shows(lambda w: "published zebu")), "NNNNNYYYN"),
    ("objective review: pending post", "list", get(lambda w: REVIEW, shows(lambda w: "pending quokka")), NONE),
    ("objective review: hidden post", "list", get(lambda w: REVIEW, shows(lambda w: "hidden okapi")), NONE),
    ("objective review: closed forum post", "list", get(lambda w: REVIEW, shows(lambda w: "secret ibex")), "NNNNNNNYN"),
    ("objective review: members-only post", "list", get(lambda w: REVIEW, shows(lambda w: "Members only capybara")), "NNNNNNNYN"),
    ("objective review: approved post", "accept", post(lambda w: REVIEW, lambda w: {"contribution": w.objects["approved_a"].pk, "accept": "6"},
                                                      changed(_about(Reclassification, "approved_a"))), "NNNNNYYYN"),
    ("objective review: closed forum post", "accept", post(lambda w: REVIEW, lambda w: {"contribution": w.objects["closed_post"].pk, "accept": "6"},
                                                           changed(_about(Reclassification, "closed_post"))), "NNNNNNNYN"),
    ("objective review: pending post", "reject", post(lambda w: REVIEW, lambda w: {"contribution": w.objects["pending_a"].pk, "reject": "6"},
                                                      changed(_about(RejectedObjectiveSuggestion, "pending_a"))), NONE),
    ("CSV export: approved post", "export", get(lambda w: CSV + "?q=zebu", shows(lambda w: "Topic alpha")), ALL),
    ("CSV export: closed forum post", "export", get(lambda w: CSV + "?q=ibex", shows(lambda w: "Staff only")), "NNNNNNNYN"),
    ("XLSX export: closed forum post", "export", get(lambda w: XLSX + "?q=ibex", xlsx_shows(lambda w: "Staff only")), "NNNNNNNYN"),
    # -- participation: the public figures are the anonymous search's; the staff view adds what waits, per moderated space
    ("participation dashboard", "read", get(lambda w: PARTICIPATION + "?cycle=all", shows(lambda w: 'id="group_by_region"')), ALL),
    ("participation: public figures", "list", get(lambda w: PARTICIPATION_API + "?cycle=all", public_figures), ALL),
    ("participation CSV: public figures", "export", get(lambda w: PARTICIPATION + "csv/regions/?cycle=all", lambda w, r: r.status_code == 200 and "arab-states" in body(r)), ALL),
    ("participation staff view", "read", get(lambda w: PARTICIPATION + "staff/?cycle=all", shows(lambda w: 'id="group_by_region"')), "NNNNYYYYN"),
    ("participation staff API: waiting in space A", "list", get(lambda w: PARTICIPATION_API + "?cycle=all&view=staff", waiting_in("arab-states")), "NNNNYNNYN"),
    ("participation staff API: waiting in space B", "list", get(lambda w: PARTICIPATION_API + "?cycle=all&view=staff", waiting_in("africa")), "NNNNNNNYN"),
    ("participation staff CSV: waiting", "export", get(lambda w: PARTICIPATION + "staff/csv/waiting/?cycle=all", lambda w, r: r.status_code == 200 and "arab-states" in body(r)), "NNNNYNNYN"),
    # -- saved searches belong to their owner
    ("saved search of analyst", "list", get(lambda w: "/en/search/saved/", shows(lambda w: "Analyst saved wombat")), "NNNNNYNNN"),
    ("saved search of analyst", "edit", post(lambda w: reverse("search_saved:rename", args=[w.objects["saved"].pk]), lambda w: {"name": "Renamed by matrix"},
                                            changed(lambda w: type(w.objects["saved"]).objects.filter(name="Renamed by matrix").exists())), "NNNNNYNNN"),
    ("saved search of analyst", "delete", post(lambda w: reverse("search_saved:delete", args=[w.objects["saved"].pk]), lambda w: {},
                                              changed(lambda w: not type(w.objects["saved"]).objects.filter(pk=w.objects["saved"].pk).exists())), "NNNNNYNNN"),
    # -- consultation registrations
    ("registration of stake_a", "read", get(lambda w: w.objects["event_a"].url + "registration/", shows(lambda w: "Stake A Registrant")), "NNYNNNNNN"),
    ("registration (own)", "create", post(lambda w: register_url(w.objects["event_b"]), lambda w: registration_form(name="Matrix Registrant"),
                                          changed(_exists(Registration, name="Matrix Registrant"))), "NNYNYYYYN"),
    ("registrations admin, region A", "list", get(lambda w: "/admin/registrations/", shows(lambda w: "Stake A Registrant")), "NNNNYNNYN"),
    ("registrations admin, region B", "list", get(lambda w: "/admin/registrations/", shows(lambda w: "Stake B Registrant")), "NNNNNNNYN"),
    ("registration, region A", "approve", post(lambda w: reverse("registrations:nominate", args=[w.objects["reg_a"].pk]), lambda w: {"decision": "select"},
                                               changed(lambda w: Registration.objects.get(pk=w.objects["reg_a"].pk).nomination_status == "selected")), "NNNNYNNYN"),
    ("registration, region B", "approve", post(lambda w: reverse("registrations:nominate", args=[w.objects["reg_b"].pk]), lambda w: {"decision": "select"},
                                               changed(lambda w: Registration.objects.get(pk=w.objects["reg_b"].pk).nomination_status == "selected")), "NNNNNNNYN"),
    ("registrations admin, region B", "export", get(lambda w: "/admin/registrations/export/", shows(lambda w: "Stake B Registrant")), "NNNNNNNYN"),
    # -- Wagtail pages: drafts, previews, revisions, privacy, the admin
    ("page draft (public URL)", "read", get(lambda w: w.objects["draft_page"].url, shows(lambda w: "armadillo")), NONE),
    ("page draft", "read", get(lambda w: reverse("wagtailadmin_pages:view_draft", args=[w.objects["draft_page"].pk]), shows(lambda w: "armadillo")), "NNNNNNYYN"),
    ("page revision", "read", get(lambda w: reverse("wagtailadmin_pages:revisions_view", args=[w.objects["draft_page"].pk, w.objects["draft_page"].latest_revision_id]),
                                  shows(lambda w: "armadillo")), "NNNNNNYYN"),
    ("page", "edit", get(lambda w: reverse("wagtailadmin_pages:edit", args=[w.objects["draft_page"].pk]), shows(lambda w: "armadillo")), "NNNNNNYYN"),
    ("private page", "read", get(lambda w: w.objects["private_page"].url, shows(lambda w: "pangolin")), "NNYYYYYYN"),
    # Wagtail's pages API: public, live pages only, whoever asks (a private page is read on the site).
    ("pages API: page draft", "list", get(lambda w: "/api/v2/pages/?fields=*", shows(lambda w: "armadillo")), NONE),
    ("pages API: private page", "list", get(lambda w: "/api/v2/pages/?fields=*", shows(lambda w: "pangolin")), NONE),
    ("pages API: private page", "read", get(lambda w: f"/api/v2/pages/{w.objects['private_page'].pk}/", shows(lambda w: "pangolin")), NONE),
    ("wagtail admin", "read", get(lambda w: "/admin/", lambda w, r: r.status_code == 200), "NNNNYYYYN"),
    # -- analysis papers: analysts (and the editors' groups) generate them in the admin
    ("analysis papers admin", "list", get(lambda w: PAPERS, shows(lambda w: "Generation marmot")), "NNNNNYYYN"),
    # -- the GCM thesaurus (cross-language search): analysts and superusers edit it in the admin
    ("thesaurus concepts (admin)", "list", get(lambda w: "/admin/snippets/hub/concept/?q=remittances", shows(lambda w: "transferts de fonds")), "NNNNNYNYN"),
    ("thesaurus concept", "edit", post(lambda w: f"/admin/snippets/hub/concept/edit/{Concept.objects.get(key='remittances').pk}/",
                                       lambda w: {"key": "remittances", "terms_en": "remittances", "terms_fr": "mandats matrix", "terms_ar": "الحوالات"},
                                       changed(lambda w: Concept.objects.get(key="remittances").terms_fr == "mandats matrix")), "NNNNNYNYN"),
    ("analysis paper form", "read", get(lambda w: PAPERS + "new/?region=arab-states", shows(lambda w: 'name="title"')), "NNNNNYYYN"),
    ("analysis paper generation", "read", get(lambda w: f"{PAPERS}{w.objects['generation'].pk}/", shows(lambda w: "Generation marmot")), "NNNNNYYYN"),
    ("analysis paper status", "read", get(lambda w: f"{PAPERS}{w.objects['generation'].pk}/status/", lambda w, r: r.status_code == 200 and r.json()["status"] == "finished"), "NNNNNYYYN"),
    ("analysis paper", "create", post(lambda w: PAPERS + "new/", lambda w: {"region": "arab-states", "title": "Matrix paper", "draft_language": "en"},
                                      changed(_exists(PaperGeneration, title="Matrix paper"))), "NNNNNYYYN"),
    ("analysis paper", "read", get(lambda w: w.objects["paper"].url, shows(lambda w: "Quoted approved gazelle")), "YYYYYYYYY"),
    ("analysis paper: quotation of a pending post", "read", get(lambda w: w.objects["paper"].url, shows(lambda w: "Quoted pending gazelle")), "NNNNNNNNN"),
    ("analysis paper: quotation of a hidden post", "read", get(lambda w: w.objects["paper"].url, shows(lambda w: "Quoted hidden gazelle")), "NNNNNNNNN"),
    ("analysis paper: quotation from a closed space", "read", get(lambda w: w.objects["paper"].url, shows(lambda w: "Quoted closed gazelle")), "NNNNNNNNN"),
    ("analysis paper: quotation from a members' space", "read", get(lambda w: w.objects["paper"].url, shows(lambda w: "Quoted members gazelle")), "NNNNNNNNN"),
    ("analysis paper CSV: the public contributions only", "export", get(lambda w: w.objects["paper"].url + "contributions/csv/", csv_ids), "YYYYYYYYY"),
    ("analysis paper draft", "read", get(lambda w: w.objects["paper_draft"].url or "/en/arab-states/draft-paper/", shows(lambda w: "Draft paper jerboa")), "NNNNNNNNN"),
    ("analysis paper draft PDF", "download", get(lambda w: (w.objects["paper_draft"].url or "/en/arab-states/draft-paper/") + "pdf/", lambda w, r: r.status_code == 200), "NNNNNNNNN"),
    ("analysis paper generation", "regenerate", post(lambda w: f"{PAPERS}{w.objects['generation'].pk}/regenerate/", lambda w: {},
                                                     changed(lambda w: PaperGeneration.objects.filter(source=w.objects["generation"]).exists())), "NNNNNYYYN"),
    # -- campaigns: staff, or a moderator of every space a campaign touches
    ("campaign A", "read", get(lambda w: reverse("campaigns:campaign", args=[w.objects["campaign_a"].pk]), shows(lambda w: "heron petition")), "NNNNYNNYN"),
    ("campaign B", "read", get(lambda w: reverse("campaigns:campaign", args=[w.objects["campaign_b"].pk]), shows(lambda w: "ibis petition")), "NNNNNNNYN"),
    ("campaign A", "split", post(lambda w: reverse("campaigns:remove", args=[w.objects["campaign_a"].pk, w.objects["campaign_a_copy"].pk]), lambda w: {},
                                 changed(lambda w: not CampaignMember.objects.filter(post=w.objects["campaign_a_copy"]).exists())), "NNNNYNNYN"),
    ("campaign B", "split", post(lambda w: reverse("campaigns:remove", args=[w.objects["campaign_b"].pk, w.objects["campaign_b_copy"].pk]), lambda w: {},
                                 changed(lambda w: not CampaignMember.objects.filter(post=w.objects["campaign_b_copy"]).exists())), "NNNNNNNYN"),
    ("campaign A, a post of campaign B", "split", post(lambda w: reverse("campaigns:remove", args=[w.objects["campaign_a"].pk, w.objects["campaign_b_copy"].pk]), lambda w: {},
                                                       changed(lambda w: not CampaignMember.objects.filter(post=w.objects["campaign_b_copy"]).exists())), NONE),
    ("campaign A", "dissolve", post(lambda w: reverse("campaigns:dissolve", args=[w.objects["campaign_a"].pk]), lambda w: {},
                                    changed(lambda w: not Campaign.objects.filter(pk=w.objects["campaign_a"].pk).exists())), "NNNNYNNYN"),
    ("campaign A with campaign B", "merge", post(lambda w: reverse("campaigns:merge", args=[w.objects["campaign_a"].pk]), lambda w: {"other": w.objects["campaign_b"].pk},
                                                 changed(lambda w: not Campaign.objects.filter(pk=w.objects["campaign_b"].pk).exists())), "NNNNNNNYN"),
    ("django admin", "read", get(lambda w: "/django-admin/", lambda w, r: r.status_code == 200), "NNNNNNNYN"),
    ("django admin users", "list", get(lambda w: "/django-admin/auth/user/", shows(lambda w: "stake_a@example.org")), "NNNNNNNYN"),
]
# fmt: on

assert all(len(row[3]) == len(ACTORS) and set(row[3]) <= {"Y", "N"} for row in MATRIX)

CELLS = [
    pytest.param(row, actor, expected == "Y", id=f"{row[0]}|{row[1]}|{actor}")
    for row in MATRIX
    for actor, expected in zip(ACTORS, row[3], strict=True)
]


@pytest.mark.parametrize(("row", "actor", "allowed"), CELLS)
def test_cell(world, db, actor, row, allowed):
    resource, action, request, _cells = row
    client = client_for(world, actor)
    url = request.url(world)
    response = client.get(url) if request.method == "get" else client.post(url, request.data(world))
    cell = f"cell [{actor} × {resource} × {action}] ({request.method.upper()} {url} → {response.status_code})"
    assert response.status_code < 500, f"{cell}: server error"
    took_effect = request.allowed(world, response)
    if allowed:
        assert took_effect, f"{cell}: expected ALLOW, was refused"
    else:
        assert not took_effect, f"{cell}: expected DENY, was allowed"


# ---------------------------------------------------------------- AC3: other people's things by id


IDOR = [
    # (what, method, url, data, unchanged) — stake_b tries stake_a's things, mod_a region B's.
    (
        "edit another's post",
        "post",
        lambda w: reverse("forum_conversation:post_update", kwargs=_kwargs_post(w.objects["approved_a"])),
        _post_form("Taken over."),
        lambda w: not Post.objects.filter(content="Taken over.").exists(),
    ),
    (
        "edit another's topic",
        "post",
        lambda w: reverse("forum_conversation:topic_update", kwargs=_kwargs_topic(w.objects["topic_a"])),
        _topic_form("Taken over topic"),
        lambda w: not Topic.objects.filter(subject="Taken over topic").exists(),
    ),
    (
        "delete another's post",
        "post",
        lambda w: reverse("forum_conversation:post_delete", kwargs=_kwargs_post(w.objects["approved_a"])),
        lambda w: {},
        lambda w: Post.objects.filter(pk=w.objects["approved_a"].pk).exists(),
    ),
    (
        "approve a held post",
        "post",
        lambda w: reverse("forum_moderation:approve_queued_post", args=[w.objects["pending_a"].pk]),
        lambda w: {},
        lambda w: not Post.objects.get(pk=w.objects["pending_a"].pk).approved,
    ),
    (
        "download a held post's file",
        "get",
        lambda w: reverse("forum_conversation:attachment", args=[w.objects["att_pending"].pk]),
        None,
        lambda w: True,
    ),
    (
        "rename another's saved search",
        "post",
        lambda w: reverse("search_saved:rename", args=[w.objects["saved"].pk]),
        lambda w: {"name": "Mine now"},
        lambda w: not type(w.objects["saved"]).objects.filter(name="Mine now").exists(),
    ),
    (
        "turn on another's alert",
        "post",
        lambda w: reverse("search_saved:alert", args=[w.objects["saved"].pk]),
        lambda w: {"alert": "daily"},
        lambda w: type(w.objects["saved"]).objects.get(pk=w.objects["saved"].pk).alert == "none",
    ),
    (
        "unfollow another's space by id",
        "post",
        lambda w: reverse("forum_subscriptions:unfollow_space", args=[w.objects["topic_a"].forum_id]),
        lambda w: {},
        lambda w: True,
    ),
]


@pytest.mark.parametrize(("what", "method", "url", "data", "unchanged"), IDOR, ids=[row[0] for row in IDOR])
def test_ids_of_other_peoples_things_are_refused(world, db, what, method, url, data, unchanged):
    client = client_for(world, "stake_b")
    target = url(world)
    response = client.get(target) if method == "get" else client.post(target, data(world))
    assert response.status_code in (302, 400, 403, 404), f"{what}: {target} → {response.status_code}"
    if response.status_code == 302:
        assert "/accounts/login/" not in response["Location"]
    assert unchanged(world), f"{what}: the change went through"
    if method == "get":
        assert not body(response).startswith("%PDF")


def test_a_regions_moderator_cannot_act_on_another_regions_ids(world, db):
    client = client_for(world, "mod_a")
    pending_b, topic_b = world.objects["pending_b"], world.objects["topic_b"]
    for url in (
        reverse("forum_moderation:approve_queued_post", args=[pending_b.pk]),
        reverse("forum_moderation:disapprove_queued_post", args=[pending_b.pk]),
        reverse("forum_moderation:topic_delete", kwargs={"slug": topic_b.slug, "pk": topic_b.pk}),
        reverse("registrations:nominate", args=[world.objects["reg_b"].pk]),
        reverse("registrations:floor", args=[world.objects["event_b"].pk]),
    ):
        response = client.post(url, {"decision": "select"})
        assert response.status_code in (302, 403, 404), url
        assert response.status_code != 302 or response["Location"] in ("/admin/",), url
    assert Post.objects.filter(pk=pending_b.pk, approved=False).exists()
    assert Topic.objects.filter(pk=topic_b.pk).exists()
    assert Registration.objects.get(pk=world.objects["reg_b"].pk).nomination_status == "nominated"


# ---------------------------------------------------------------- AC5: revoked on the next request


def test_leaving_a_group_takes_effect_on_the_next_request(world, db):
    member = world.users["stake_b"]
    member.groups.add(world.objects["members_group"], _space("arab-states").moderators)
    client = client_for(world, "stake_b")
    search = SEARCH + "?q=capybara"
    members_forum = forum_url(world.objects["members_forum"])
    queue = "/en/forum/moderation/queue/"
    assert hits(lambda w: "capybara")(world, client.get(search))
    assert client.get(API + "?q=capybara").json()["count"] == 1
    assert client.get(members_forum).status_code == 200
    assert client.get(queue).status_code == 200
    # An administrator takes the person out of both groups, in another process.
    member.groups.remove(world.objects["members_group"], _space("arab-states").moderators)
    assert not hits(lambda w: "capybara")(world, client.get(search))
    assert client.get(API + "?q=capybara").json()["count"] == 0
    assert client.get(members_forum).status_code in (403, 404)
    assert client.get(queue).status_code in (302, 403)


def test_a_forum_closed_later_disappears_from_search_at_once(world, db):
    client = client_for(world, "stake_b")
    assert hits(lambda w: "zebu")(world, client.get(SEARCH + "?q=zebu"))
    forum = world.objects["topic_a"].forum
    for codename in ("can_read_forum", "can_see_forum"):
        UserForumPermission.objects.create(
            permission=ForumPermission.objects.get(codename=codename),
            forum=forum,
            authenticated_user=True,
            has_perm=False,
        )
    assert not hits(lambda w: "zebu")(world, client.get(SEARCH + "?q=zebu"))


def test_a_space_closed_later_disappears_from_the_cached_pages_at_once(world, db):
    # Anonymous pages are served from a shared cache (hub/page_cache.py); a
    # permission taken away must end what it stored, like any other change.
    topic = world.objects["topic_a"]
    assert new_client().get(topic_url(topic)).status_code == 200
    assert new_client().get(topic_url(topic))["X-Page-Cache"] == "hit"
    for codename in ("can_read_forum", "can_see_forum"):
        UserForumPermission.objects.create(
            permission=ForumPermission.objects.get(codename=codename),
            forum=topic.forum,
            anonymous_user=True,
            has_perm=False,
        )
    assert new_client().get(topic_url(topic)).status_code in (302, 403, 404)
    assert new_client().get(forum_url(topic.forum)).status_code in (302, 403, 404)


# ---------------------------------------------------------------- AC6: sessions


def _session_key(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_signing_in_gives_a_new_session_key(world, db):
    from django.contrib.sessions.models import Session

    client = new_client()
    # A session key planted before signing in (session fixation) must not survive it.
    planted = client.session
    planted["probe"] = True
    planted.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key
    before = _session_key(client)
    response = client.post(reverse("account_login"), {"login": "stake_b@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert _session_key(client) != before
    assert not Session.objects.filter(session_key=before).exists()


def test_signing_out_ends_the_session_on_the_server(world, db):
    client = client_for(world, "stake_b")
    key = _session_key(client)
    client.post(reverse("account_logout"))
    replay = new_client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    response = replay.get("/en/search/saved/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_deactivation_ends_live_sessions_for_good(world, db):
    user = world.users["stake_b"]
    client = client_for(world, "stake_b")
    assert client.get("/en/search/saved/").status_code == 200
    user.is_active = False
    user.save()  # as the Django admin's user form does
    response = client.get("/en/search/saved/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    # Reactivating the account later does not bring the old session back.
    user.is_active = True
    user.save()
    response = client.get("/en/search/saved/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_password_change_signs_out_the_other_sessions(world, db):
    here, elsewhere = client_for(world, "stake_b"), client_for(world, "stake_b")
    response = here.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-pass-2025",
            "password2": "another-long-pass-2025",
        },
    )
    assert response.status_code == 302
    assert here.get("/en/search/saved/").status_code == 200
    assert elsewhere.get("/en/search/saved/").status_code == 302


# ---------------------------------------------------------------- AC7: admin entry points


def test_brute_force_on_the_login_is_refused_after_ten_failures(world, db):
    client = new_client()
    for i in range(10):
        client.post(reverse("account_login"), {"login": f"guess{i}@example.org", "password": "wrong"})
    # The 11th attempt from the address is refused even with a right password.
    # allauth answers it with the form and its "too many attempts" error (200).
    response = client.post(reverse("account_login"), {"login": "stake_b@example.org", "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    if response.status_code == 200:
        assert "too many" in body(response).lower()


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/django-admin/login/", "/en/_util/login/", "/ar/_util/login/"]
)
def test_every_other_login_form_leads_to_allauth(world, db, path):
    client = new_client()
    response = client.get(path + "?next=/admin/")
    assert response.status_code == 302
    assert (
        response["Location"].startswith(reverse("account_login"))
        or "/accounts/login/" in response["Location"]
    )
    # A password sent there directly signs nobody in.
    client.post(path, {"username": "superuser", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_private_page_sends_visitors_to_the_allauth_login(world, db):
    response = new_client().get(world.objects["private_page"].url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", ["/admin/", "/django-admin/"])
def test_admins_send_anonymous_visitors_to_allauth(world, db, path):
    client = new_client()
    response = client.get(path)
    if response["Location"].startswith("/django-admin/login/"):
        response = client.get(response["Location"])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# ---------------------------------------------------------------- AC8: drafts and previews


@pytest.mark.parametrize("actor", ["anon", "stake_a", "analyst", "mod_a"])
def test_previews_are_not_readable_outside_the_editors(world, db, actor):
    page = world.objects["draft_page"]
    client = client_for(world, actor)
    for url in (
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
    ):
        response = client.get(url)
        assert "armadillo" not in body(response), f"{actor} read {url}"


def test_an_editor_viewing_the_draft_leaves_the_public_page_live(world, db):
    page = world.objects["draft_page"]
    editor = client_for(world, "editor")
    assert "armadillo" in body(editor.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])))
    public = new_client().get(page.url)
    assert public.status_code == 200
    assert "armadillo" not in body(public) and "Live title" in body(public)


# ---------------------------------------------------------------- AC9: CSRF over every URL pattern


def _patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        else:
            yield namespace, entry


SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def _route_paths(resolver=None, prefix=""):
    """(path, pattern) for every pattern, the path written from the route text."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        text = str(entry.pattern)
        text = re.sub(r"<[^>]+>", "1", text)
        text = re.sub(r"\(\?P<\w+>[^)]*\)|\([^)]*\)", "1", text).replace("^", "").replace("$", "")
        text = text.replace(".*", "x")
        if isinstance(entry, URLResolver):
            yield from _route_paths(entry, prefix + text)
        else:
            yield "/" + prefix + text, entry


def _sample_path(namespace, pattern):
    """An address that resolves to ``pattern``, or None."""
    from django.urls import NoReverseMatch

    if not pattern.name:
        for path, entry in ROUTE_PATHS:
            if entry is pattern:
                try:
                    get_resolver().resolve(path)
                except Exception:
                    return None
                return path
        return None
    name = namespace + pattern.name
    regex = pattern.pattern.regex
    named = list(regex.groupindex)
    for value in ("1", "x", "1/x"):
        candidates = [
            {
                k: SAMPLES.get(type(c).__name__.removesuffix("Converter").lower(), value)
                for k, c in getattr(pattern.pattern, "converters", {}).items()
            }
            or dict.fromkeys(named, value)
        ]
        if not named and regex.groups:
            attempts = [((value,) * regex.groups, {})]
        else:
            attempts = [((), c) for c in candidates]
        for args, kwargs in attempts:
            try:
                path = reverse(name, args=args, kwargs=kwargs)
            except NoReverseMatch:
                continue
            try:
                match = get_resolver().resolve(path)
            except Exception:  # noqa: S112 — a page path resolving elsewhere
                continue
            if match.func is pattern.callback or getattr(match.func, "view_class", None) is getattr(
                pattern.callback, "view_class", 0
            ):
                return path
    return None


ROUTE_PATHS = list(_route_paths())

# Views that deliberately take a POST without the CSRF token, and why.
CSRF_EXEMPT = {
    # Signed one-click unsubscribe links (RFC 8058): the token in the address is the credential.
    "forum_subscriptions:unsubscribe",
    "search_saved:turn_off",
}


def test_every_url_that_takes_a_post_refuses_one_without_the_csrf_token(world, db):
    client = client_for(world, "superuser", enforce_csrf_checks=True)
    checked, accepted, unnamed = 0, [], []
    for namespace, pattern in _patterns():
        path = _sample_path(namespace, pattern)
        if path is None:
            unnamed.append(str(pattern.pattern))
            continue
        name = namespace + (pattern.name or str(pattern.pattern))
        response = client.post(path, {"confirm": "1"})
        checked += 1
        if name in CSRF_EXEMPT:
            continue
        # 405: the view takes no POST at all, so nothing can change.
        if response.status_code not in (403, 405):
            accepted.append(f"{name} {path} → {response.status_code}")
    assert checked > 400
    assert not accepted, "POST without a CSRF token was not refused:\n" + "\n".join(accepted)
    # Patterns no address reaches (shadowed by an earlier one) are left; a handful.
    assert len(unnamed) <= 15, unnamed


def _state(w):
    from forum.models import Flag, SpaceSubscription
    from search.models import SavedSearch

    topic_a = Topic.objects.get(pk=w.objects["topic_a"].pk)
    return (
        Post.objects.count(),
        Post.objects.filter(approved=True).count(),
        Topic.objects.count(),
        topic_a.status,
        topic_a.forum_id,
        topic_a.type,
        Flag.objects.count(),
        SpaceSubscription.objects.count(),
        w.users["stake_a"].topic_subscriptions.count(),
        list(SavedSearch.objects.values_list("name", "alert")),
        list(Registration.objects.values_list("status", "nomination_status")),
        PaperGeneration.objects.count(),
    )


STATE_CHANGING = [
    lambda w: reverse("forum_subscriptions:follow_space", args=[w.objects["topic_a"].forum_id]),
    lambda w: reverse("forum_subscriptions:follow_topic", args=[w.objects["topic_a"].pk]),
    lambda w: reverse("forum_member:topic_subscribe", args=[w.objects["topic_a"].pk]),
    lambda w: reverse("forum_flags:report", args=[w.objects["approved_a"].pk]) + "?reason=spam",
    lambda w: reverse("forum_flags:review", args=[w.objects["hidden_a"].pk]) + "?decision=restore",
    lambda w: reverse("forum_moderation:approve_queued_post", args=[w.objects["pending_a"].pk]),
    lambda w: reverse("forum_moderation:disapprove_queued_post", args=[w.objects["pending_a"].pk]),
    lambda w: reverse(
        "forum_moderation:topic_lock",
        kwargs={"slug": w.objects["topic_a"].slug, "pk": w.objects["topic_a"].pk},
    ),
    lambda w: reverse(
        "forum_moderation:topic_delete",
        kwargs={"slug": w.objects["topic_a"].slug, "pk": w.objects["topic_a"].pk},
    ),
    lambda w: reverse(
        "forum_moderation:topic_update_to_sticky",
        kwargs={"slug": w.objects["topic_a"].slug, "pk": w.objects["topic_a"].pk},
    ),
    lambda w: (
        reverse(
            "forum_moderation:topic_move",
            kwargs={"slug": w.objects["topic_a"].slug, "pk": w.objects["topic_a"].pk},
        )
        + f"?forum={_space('africa').forum_id}"
    ),
    lambda w: reverse("forum_conversation:post_delete", kwargs=_kwargs_post(w.objects["approved_a"])),
    lambda w: reverse("search_saved:save") + "?q=zebu",
    lambda w: reverse("search_saved:delete", args=[w.objects["saved"].pk]),
    lambda w: reverse("search_saved:alert", args=[w.objects["saved"].pk]) + "?alert=daily",
    lambda w: reverse("registrations:nominate", args=[w.objects["reg_a"].pk]) + "?decision=select",
    lambda w: w.objects["event_a"].url + "registration/?action=cancel",
    lambda w: reverse("papers:regenerate", args=[w.objects["generation"].pk]),
    lambda w: reverse("papers:new") + "?region=arab-states&title=By+GET&draft_language=en",
    lambda w: reverse("account_logout"),
]


@pytest.mark.parametrize("actor", ["stake_a", "superuser"])
def test_no_state_changes_by_get(world, db, actor):
    client = client_for(world, actor)
    for url in STATE_CHANGING:
        before = _state(world)
        address = url(world)
        response = client.get(address)
        assert response.status_code < 500, address
        assert _state(world) == before, f"GET {address} changed something"
    assert "_auth_user_id" in client.session, "GET on the sign-out address signed out"
