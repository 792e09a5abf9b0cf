"""Moderation: posting limits (RL2), pre-moderation of new accounts, readers'
reports with auto-hide (RL5), and moderators whose powers stop at their
region's border (AC3), checked through machina's own views."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from machina.apps.forum_permission.handler import PermissionHandler
from machina.core.db.models import get_model

from forum import policy
from forum.models import AutoHiddenPost, Flag, FlagResolution, RegionalSpace
from tests.factories import ReplyFactory, TopicPostFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


# ---------------------------------------------------------------- helpers


def space(slug):
    return RegionalSpace.objects.select_related("forum", "moderators").get(region__slug=slug)


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def forum():
    return space("arab-states").forum


@pytest.fixture
def newcomer(django_user_model, clock):
    return VerifiedUserFactory(username="newcomer")


@pytest.fixture
def established(django_user_model, clock, forum):
    """Joined ten days ago, three approved posts since."""
    clock.move_to(T0 - timedelta(days=10))
    user = VerifiedUserFactory(username="veteran")
    post = TopicPostFactory(poster=user, topic__forum=forum, content="An older topic.")
    ReplyFactory(poster=user, topic=post.topic, content="An older reply.")
    ReplyFactory(poster=user, topic=post.topic, content="Another older reply.")
    clock.move_to(T0)
    return user


def error(user, forum, body="Something new to say.", *, topic):
    return policy.posting_error(user, forum, body, new_topic=topic)


# ---------------------------------------------------------------- RL2: new accounts


def test_new_account_starts_one_topic_per_two_minutes(newcomer, forum, clock):
    assert policy.is_new_account(newcomer)
    assert error(newcomer, forum, topic=True) is None
    TopicPostFactory(poster=newcomer, topic__forum=forum)
    clock.shift(119)
    message = error(newcomer, forum, topic=True)
    assert "start another topic in 1 second" in message
    clock.shift(1)
    assert error(newcomer, forum, topic=True) is None


def test_new_account_replies_once_per_thirty_seconds(newcomer, forum, clock):
    topic = TopicPostFactory(poster=newcomer, topic__forum=forum).topic
    clock.shift(121)
    ReplyFactory(poster=newcomer, topic=topic)
    clock.shift(20)
    assert "post again in 10 seconds" in error(newcomer, forum, topic=False)
    clock.shift(10)
    assert error(newcomer, forum, topic=False) is None


def test_new_account_starts_at_most_three_topics_on_its_first_day(newcomer, forum, clock):
    for _ in range(3):
        TopicPostFactory(poster=newcomer, topic__forum=forum)
        clock.shift(121)
    message = error(newcomer, forum, topic=True)
    assert "(3)" in message and "hours" in message
    # Counted from sign-up: the first-day cap ends 24 hours after it.
    clock.move_to(newcomer.date_joined + timedelta(days=1, seconds=1))
    assert policy.is_new_account(newcomer)
    assert error(newcomer, forum, topic=True) is None


def test_new_account_posts_at_most_ten_replies_on_its_first_day(newcomer, forum, clock):
    topic = TopicPostFactory(poster=newcomer, topic__forum=forum).topic
    for i in range(10):
        clock.shift(31)
        ReplyFactory(poster=newcomer, topic=topic, content=f"Reply number {i}.")
    clock.shift(31)
    assert "(10)" in error(newcomer, forum, topic=False)
    # Replies are capped, topics are counted apart.
    assert error(newcomer, forum, topic=True) is None


def test_new_account_may_include_two_links(newcomer, forum):
    two = "See https://example.org/a and www.example.org/b."
    three = two + " Also http://example.net."
    assert error(newcomer, forum, two, topic=True) is None
    assert "at most 2 links" in error(newcomer, forum, three, topic=True)


def test_new_account_may_not_attach_files(newcomer, established, staff_user):
    assert not policy.attachments_allowed(newcomer)
    assert policy.attachments_allowed(established)
    assert policy.attachments_allowed(staff_user)


def test_limit_holds_without_any_cache(newcomer, forum, clock):
    """Counted from the database: clearing every cache changes nothing."""
    from django.core.cache import caches

    TopicPostFactory(poster=newcomer, topic__forum=forum)
    for cache in caches.all():
        cache.clear()
    clock.shift(30)
    assert error(newcomer, forum, topic=True) is not None


# ---------------------------------------------------------------- RL2: established accounts


def test_established_account_limits(established, forum, clock):
    assert not policy.is_new_account(established)
    # Three links are fine once vetted.
    assert error(established, forum, "https://a.org https://b.org https://c.org", topic=True) is None
    topic = TopicPostFactory(poster=established, topic__forum=forum).topic
    clock.shift(4)
    assert "post again in 1 second" in error(established, forum, topic=False)
    clock.shift(1)
    assert error(established, forum, topic=False) is None
    assert "start another topic in 10 seconds" in error(established, forum, topic=True)
    clock.shift(10)
    assert error(established, forum, topic=True) is None
    ReplyFactory(poster=established, topic=topic)


def test_established_account_starts_at_most_twenty_topics_a_day(established, forum, clock):
    first = T0
    for i in range(20):
        TopicPostFactory(poster=established, topic__forum=forum, content=f"Topic {i}.")
        clock.shift(16)
    message = error(established, forum, topic=True)
    assert "(20)" in message
    clock.move_to(first + timedelta(days=1, seconds=1))
    assert error(established, forum, topic=True) is None


def test_same_body_twice_within_five_minutes_is_refused(established, forum, clock):
    body = "Regular pathways need recognised skills."
    topic = TopicPostFactory(poster=established, topic__forum=forum, content=body).topic
    clock.shift(60)
    assert "same message" in error(established, forum, body, topic=False)
    assert "same message" in error(established, forum, f"  {body}\n", topic=False)
    assert error(established, forum, "Something else entirely.", topic=False) is None
    clock.shift(240)
    assert error(established, forum, body, topic=False) is None
    ReplyFactory(poster=established, topic=topic)


def test_limit_checks_take_a_bounded_number_of_queries(
    established, forum, clock, django_assert_max_num_queries
):
    for i in range(5):
        TopicPostFactory(poster=established, topic__forum=forum, content=f"Topic {i}.")
        clock.shift(16)
    with django_assert_max_num_queries(4):
        assert error(established, forum, topic=True) is None


def test_moderators_and_staff_are_never_limited(django_user_model, staff_user, forum, clock):
    moderator = VerifiedUserFactory(moderates=["arab-states"], username="moderator")
    for user in (moderator, staff_user):
        for _ in range(4):
            TopicPostFactory(poster=user, topic__forum=forum, content="Same words, again.")
        many_links = " ".join(f"https://example.org/{i}" for i in range(5))
        assert error(user, forum, "Same words, again.", topic=True) is None
        assert error(user, forum, many_links, topic=False) is None
        assert policy.attachments_allowed(user, forum)


def test_the_wait_is_said_in_the_readers_language(newcomer, forum, clock):
    from django.utils import translation

    TopicPostFactory(poster=newcomer, topic__forum=forum)
    clock.shift(10)
    with translation.override("ar"):
        message = error(newcomer, forum, topic=True)
    # 110 seconds, rounded up to two minutes (Django's own Arabic for the duration).
    assert message and "minute" not in message


# ---------------------------------------------------------------- pre-moderation


def test_new_accounts_first_post_waits_then_not_after_approval(newcomer, clock):
    arab_states = space("arab-states")
    assert arab_states.premoderate_new_accounts
    assert policy.needs_approval(newcomer, arab_states)
    post = TopicPostFactory(poster=newcomer, topic__forum=arab_states.forum, approved=False)
    assert policy.needs_approval(newcomer, arab_states)
    post.approved = True
    post.save()
    assert not policy.needs_approval(newcomer, arab_states)


def test_established_verified_accounts_post_without_approval(established):
    assert PermissionHandler().can_post_without_approval(space("europe").forum, established)
    assert not policy.needs_approval(established, space("europe"))


def test_space_can_turn_pre_moderation_off(newcomer):
    europe = space("europe")
    europe.premoderate_new_accounts = False
    assert not policy.needs_approval(newcomer, europe)


def test_moderators_in_their_space_and_staff_never_wait(django_user_model, staff_user):
    moderator = VerifiedUserFactory(moderates=["africa"], username="moderator")
    assert not policy.needs_approval(moderator, space("africa"))
    assert not policy.needs_approval(staff_user, space("africa"))
    assert not policy.needs_approval(staff_user, space("europe"))


def test_a_moderator_elsewhere_posts_like_anyone(django_user_model, clock):
    """Trust is per space: the Africa moderator's first post in the Arab
    States waits for approval, and the Arab States' limits apply to it."""
    moderator = VerifiedUserFactory(moderates=["africa"], username="moderator")
    arab_states = space("arab-states")
    assert policy.needs_approval(moderator, arab_states)
    assert not policy.attachments_allowed(moderator, arab_states.forum)
    TopicPostFactory(poster=moderator, topic__forum=arab_states.forum, approved=False)
    clock.shift(30)
    assert error(moderator, arab_states.forum, topic=True) is not None
    # In their own space they stay vetted.
    assert error(moderator, space("africa").forum, topic=True) is None


# ---------------------------------------------------------------- reports (flags)


@pytest.fixture
def flagged_post(django_user_model):
    author = VerifiedUserFactory(username="author")
    return TopicPostFactory(
        poster=author, topic__forum=space("arab-states").forum, content="Some claim.", subject="A claim"
    )


def readers(django_user_model, count):
    return [VerifiedUserFactory(username=f"reader{i}") for i in range(count)]


def report_url(post):
    return reverse("forum_flags:report", args=[post.pk])


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_reader_reports_a_post_once(django_user_model, flagged_post):
    (reader,) = readers(django_user_model, 1)
    client = client_for(reader)
    response = client.post(report_url(flagged_post), {"reason": "spam", "note": "Advertising"})
    assert response.status_code == 302
    assert f"#{flagged_post.pk}" in response["Location"]
    response = client.post(report_url(flagged_post), {"reason": "abuse"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == "You have already reported this post."
    assert Flag.objects.filter(post=flagged_post).count() == 1
    assert Flag.objects.get(post=flagged_post).note == "Advertising"


def test_reporting_is_post_only_signed_in_and_csrf_protected(django_user_model, flagged_post):
    (reader,) = readers(django_user_model, 1)
    assert client_for(reader).get(report_url(flagged_post)).status_code == 405
    anonymous = Client().post(report_url(flagged_post), {"reason": "spam"})
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(reader)
    assert strict.post(report_url(flagged_post), {"reason": "spam"}).status_code == 403
    assert not Flag.objects.exists()


def test_an_invalid_report_keeps_the_note(django_user_model, flagged_post):
    (reader,) = readers(django_user_model, 1)
    response = client_for(reader).post(report_url(flagged_post), {"reason": "nonsense", "note": "my words"})
    assert response.status_code == 400
    assert "my words" in response.content.decode()
    assert not Flag.objects.exists()


def test_authors_cannot_report_their_own_post(flagged_post):
    client_for(flagged_post.poster).post(report_url(flagged_post), {"reason": "spam"})
    assert not Flag.objects.exists()


def test_hidden_posts_cannot_be_reported(django_user_model, flagged_post):
    (reader,) = readers(django_user_model, 1)
    flagged_post.approved = False
    flagged_post.save()
    assert client_for(reader).post(report_url(flagged_post), {"reason": "spam"}).status_code == 404


def test_reports_are_rate_limited(django_user_model, settings):
    settings.FORUM_FLAGS_PER_HOUR = 2
    author = VerifiedUserFactory(username="author")
    (reader,) = readers(django_user_model, 1)
    posts = [
        TopicPostFactory(poster=author, topic__forum=space("europe").forum, subject=f"Topic {i}")
        for i in range(3)
    ]
    client = client_for(reader)
    assert client.post(report_url(posts[0]), {"reason": "spam"}).status_code == 302
    assert client.post(report_url(posts[1]), {"reason": "spam"}).status_code == 302
    assert client.post(report_url(posts[2]), {"reason": "spam"}).status_code == 429
    assert Flag.objects.count() == 2


def test_three_reports_hide_the_post_pending_review(django_user_model, flagged_post):
    moderator = VerifiedUserFactory(moderates=["arab-states"], username="moderator")
    first, second, third = readers(django_user_model, 3)
    for reader in (first, second):
        client_for(reader).post(report_url(flagged_post), {"reason": "abuse"})
    flagged_post.refresh_from_db()
    assert flagged_post.approved
    client_for(third).post(report_url(flagged_post), {"reason": "spam"})
    flagged_post.refresh_from_db()
    assert not flagged_post.approved
    hidden = AutoHiddenPost.objects.get(post=flagged_post)
    assert hidden.pending and hidden.flag_count == 3
    # It is in machina's moderation queue, marked as taken down by reports.
    queue = client_for(moderator).get(reverse("forum_moderation:queue")).content.decode()
    assert "A claim" in queue
    detail = client_for(moderator).get(reverse("forum_moderation:queued_post", args=[flagged_post.pk]))
    assert "Readers reported this post 3 times" in detail.content.decode()


def hide_by_reports(django_user_model, post):
    for reader in readers(django_user_model, 3):
        client_for(reader).post(report_url(post), {"reason": "abuse"})
    post.refresh_from_db()
    assert not post.approved


def test_the_regions_moderator_restores_a_hidden_post(django_user_model, flagged_post):
    moderator = VerifiedUserFactory(moderates=["arab-states"], username="moderator")
    hide_by_reports(django_user_model, flagged_post)
    client = client_for(moderator)
    listing = client.get(reverse("forum_flags:list"))
    assert listing.status_code == 200 and "A claim" in listing.content.decode()
    review = client.get(reverse("forum_flags:review", args=[flagged_post.pk]))
    assert review.status_code == 200 and "Hidden automatically" in review.content.decode()
    response = client.post(reverse("forum_flags:review", args=[flagged_post.pk]), {"decision": "restore"})
    assert response.status_code == 302
    flagged_post.refresh_from_db()
    assert flagged_post.approved
    assert set(Flag.objects.values_list("resolution", flat=True)) == {FlagResolution.DISMISSED}
    assert AutoHiddenPost.objects.get(post=flagged_post).decision == FlagResolution.DISMISSED
    # Reports already dismissed do not count again: one new report leaves it visible.
    (late,) = [VerifiedUserFactory(username="latecomer")]
    client_for(late).post(report_url(flagged_post), {"reason": "spam"})
    flagged_post.refresh_from_db()
    assert flagged_post.approved


def test_the_regions_moderator_keeps_a_post_hidden(django_user_model, flagged_post):
    moderator = VerifiedUserFactory(moderates=["arab-states"], username="moderator")
    hide_by_reports(django_user_model, flagged_post)
    client_for(moderator).post(reverse("forum_flags:review", args=[flagged_post.pk]), {"decision": "hide"})
    flagged_post.refresh_from_db()
    assert not flagged_post.approved
    assert set(Flag.objects.values_list("resolution", flat=True)) == {FlagResolution.UPHELD}


def test_a_bad_decision_is_refused_without_change(django_user_model, flagged_post):
    moderator = VerifiedUserFactory(moderates=["arab-states"], username="moderator")
    hide_by_reports(django_user_model, flagged_post)
    url = reverse("forum_flags:review", args=[flagged_post.pk])
    response = client_for(moderator).post(url, {"decision": "x"})
    assert response.status_code == 400
    assert Flag.objects.filter(resolved_at__isnull=True).count() == 3


def test_approving_in_machinas_queue_closes_the_reports(django_user_model, flagged_post):
    moderator = VerifiedUserFactory(moderates=["arab-states"], username="moderator")
    hide_by_reports(django_user_model, flagged_post)
    client_for(moderator).post(reverse("forum_moderation:approve_queued_post", args=[flagged_post.pk]))
    flagged_post.refresh_from_db()
    assert flagged_post.approved
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    assert not AutoHiddenPost.objects.get(post=flagged_post).pending


def test_a_moderator_of_another_region_cannot_see_or_decide(django_user_model, flagged_post):
    outsider = VerifiedUserFactory(moderates=["africa"], username="outsider")
    hide_by_reports(django_user_model, flagged_post)
    client = client_for(outsider)
    assert "A claim" not in client.get(reverse("forum_flags:list")).content.decode()
    url = reverse("forum_flags:review", args=[flagged_post.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"decision": "restore"}).status_code == 403
    flagged_post.refresh_from_db()
    assert not flagged_post.approved
    assert Flag.objects.filter(resolved_at__isnull=True).count() == 3
    # Readers who moderate nothing have no list at all.
    plain = client_for(VerifiedUserFactory(username="plain"))
    assert plain.get(reverse("forum_flags:list")).status_code == 403


def render_include(post, user):
    request = RequestFactory().get("/")
    request.user = user
    request.forum_permission_handler = PermissionHandler()
    return render_to_string("forum_flags/post_flags.html", {"post": post, "posts": [post]}, request=request)


def test_post_include_offers_the_report_form_and_shows_moderators_the_count(django_user_model, flagged_post):
    reader, other = readers(django_user_model, 2)
    html = render_include(flagged_post, reader)
    assert report_url(flagged_post) in html and 'name="csrfmiddlewaretoken"' in html
    assert report_url(flagged_post) not in render_include(flagged_post, flagged_post.poster)
    client_for(reader).post(report_url(flagged_post), {"reason": "spam"})
    assert "You reported this post." in render_include(flagged_post, reader)
    moderator = VerifiedUserFactory(moderates=["arab-states"], username="moderator")
    assert "1 open report" in render_include(flagged_post, moderator)
    outsider = VerifiedUserFactory(moderates=["africa"], username="outsider")
    assert "open report" not in render_include(flagged_post, outsider)
    assert "open report" not in render_include(flagged_post, other)


# ---------------------------------------------------------------- AC3: region A's moderator in region B


@pytest.fixture
def regions(django_user_model):
    """A moderator of the Arab States; a pending and a published topic in each of two regions."""
    author = VerifiedUserFactory(username="author")
    moderator = VerifiedUserFactory(moderates=["arab-states"], username="moderator")
    posts = {}
    for slug in ("arab-states", "africa"):
        forum = space(slug).forum
        posts[slug, "pending"] = TopicPostFactory(
            poster=author, topic__forum=forum, approved=False, subject=f"Pending {slug}"
        )
        posts[slug, "published"] = TopicPostFactory(
            poster=author, topic__forum=forum, subject=f"Published {slug}"
        )
    return moderator, posts


def topic_kwargs(post):
    topic = post.topic
    return {"slug": topic.slug, "pk": topic.pk}


def conversation_kwargs(post):
    topic = post.topic
    return {
        "forum_slug": topic.forum.slug,
        "forum_pk": topic.forum_id,
        "topic_slug": topic.slug,
        "topic_pk": topic.pk,
    }


CROSS_REGION_ACTIONS = [
    ("get", "forum_moderation:queued_post", "pending", lambda p: {"pk": p.pk}),
    ("post", "forum_moderation:approve_queued_post", "pending", lambda p: {"pk": p.pk}),
    ("post", "forum_moderation:disapprove_queued_post", "pending", lambda p: {"pk": p.pk}),
    ("post", "forum_moderation:topic_lock", "published", topic_kwargs),
    ("post", "forum_moderation:topic_unlock", "published", topic_kwargs),
    ("post", "forum_moderation:topic_delete", "published", topic_kwargs),
    ("get", "forum_moderation:topic_move", "published", topic_kwargs),
    ("post", "forum_moderation:topic_update_to_sticky", "published", topic_kwargs),
    ("post", "forum_moderation:topic_update_to_announce", "published", topic_kwargs),
    ("post", "forum_moderation:topic_update_to_post", "published", topic_kwargs),
    (
        "get",
        "forum_conversation:topic_update",
        "published",
        lambda p: {"forum_slug": p.topic.forum.slug, "forum_pk": p.topic.forum_id, **topic_kwargs(p)},
    ),
    ("get", "forum_conversation:post_update", "published", lambda p: {**conversation_kwargs(p), "pk": p.pk}),
    ("post", "forum_conversation:post_delete", "published", lambda p: {**conversation_kwargs(p), "pk": p.pk}),
]


@pytest.mark.parametrize(("method", "name", "state", "kwargs"), CROSS_REGION_ACTIONS)
def test_a_moderator_cannot_moderate_another_region(regions, method, name, state, kwargs):
    moderator, posts = regions
    post = posts["africa", state]
    state_of_topic = Topic.objects.filter(pk=post.topic_id).values("status", "type", "forum_id", "approved")
    before = state_of_topic.get()
    response = getattr(client_for(moderator), method)(reverse(name, kwargs=kwargs(post)))
    assert response.status_code == 403
    assert Post.objects.filter(pk=post.pk, approved=post.approved).exists()
    assert state_of_topic.get() == before


@pytest.mark.parametrize(("method", "name", "state", "kwargs"), CROSS_REGION_ACTIONS)
def test_the_same_actions_work_in_the_moderators_own_region(regions, method, name, state, kwargs):
    """The control: each refusal above is about the region, not the action."""
    moderator, posts = regions
    url = reverse(name, kwargs=kwargs(posts["arab-states", state]))
    response = getattr(client_for(moderator), method)(url)
    assert response.status_code in (200, 302)


def test_the_queue_lists_only_the_moderators_region(regions):
    moderator, _posts = regions
    page = client_for(moderator).get(reverse("forum_moderation:queue")).content.decode()
    assert "Pending arab-states" in page
    assert "Pending africa" not in page


def test_a_moderator_cannot_move_a_topic_into_another_region(regions):
    moderator, posts = regions
    post = posts["arab-states", "published"]
    response = client_for(moderator).post(
        reverse("forum_moderation:topic_move", kwargs=topic_kwargs(post)), {"forum": space("africa").forum_id}
    )
    assert response.status_code == 200  # the form again, with its error
    assert response.context["form"].errors["forum"]
    post.topic.refresh_from_db()
    assert post.topic.forum_id == space("arab-states").forum_id


def test_approving_in_the_own_region_publishes(regions):
    moderator, posts = regions
    post = posts["arab-states", "pending"]
    response = client_for(moderator).post(reverse("forum_moderation:approve_queued_post", args=[post.pk]))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.approved


def test_the_wait_is_said_when_the_window_moved_on_meanwhile(established, forum, clock):
    """Between counting the posts and asking when a place frees up, the
    window can move past the post that filled it (a post sent at the same
    moment, a slow request): the answer is "now", not a 500."""
    TopicPostFactory(poster=established, topic__forum=forum)
    recent = Post.objects.filter(poster=established)
    clock.shift(6)  # the one post of the 5-second window has left it
    assert policy._retry_at(recent, policy.Limit("post", 1, 5), established) <= policy.timezone.now()


# ---------------------------------------------------------------- moving a topic between spaces


def test_a_topic_moved_to_another_space_is_counted_and_found_there(django_user_model):
    from forum.models import Contribution

    admin = VerifiedUserFactory(username="admin", is_staff=True, is_superuser=True)
    author = VerifiedUserFactory(username="amina")
    africa, arab_states = space("africa"), space("arab-states")
    first = TopicPostFactory(
        poster=author, topic__forum=africa.forum, content="Recruitment fees should be paid by employers."
    )
    second = ReplyFactory(poster=author, topic=first.topic, content="And agencies licensed and inspected.")
    for post in (first, second):
        Contribution.objects.create(post=post, space=africa, kind="recommendation", language="en")

    client = Client()
    client.force_login(admin)
    topic = first.topic
    response = client.post(
        reverse("forum_moderation:topic_move", kwargs={"slug": topic.slug, "pk": topic.pk}),
        {"forum": arab_states.forum.pk},
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.forum_id == arab_states.forum.pk
    # The region's figures, exports and papers start from the contribution's space.
    assert set(Contribution.objects.filter(post__topic=topic).values_list("space", flat=True)) == {
        arab_states.pk
    }
    # And the search files them under the Arab States.
    for region, found in (("arab-states", True), ("africa", False)):
        page = client.get(f"/en/search/contributions/?q=agencies&region={region}").content.decode()
        assert ("licensed and inspected" in page) is found, region


# ---------------------------------------------------------------- what the queue shows


@pytest.fixture
def waiting_contribution(django_user_model, clock):
    """A new stakeholder's recommendation in Arabic, held for the Arab States' moderators."""
    from forum.models import Contribution, StakeholderProfile
    from hub.models import Country, GcmObjective, StakeholderGroup

    author = VerifiedUserFactory(username="member-q7x2k9ab")
    group = StakeholderGroup.objects.in_default_locale().get(slug="civil-society")
    StakeholderProfile.objects.create(
        user=author, display_name="سلمى حداد", stakeholder_group=group, country=Country.objects.get(code="JO")
    )
    post = TopicPostFactory(
        poster=author,
        topic__forum=space("arab-states").forum,
        content="نوصي بتوسيع المسارات النظامية.",
        approved=False,
        subject="المسارات",
    )
    contribution = Contribution.objects.create(
        post=post,
        space=space("arab-states"),
        kind="recommendation",
        language="ar",
        author_name="سلمى حداد",
        stakeholder_group=group,
        country=Country.objects.get(code="JO"),
    )
    contribution.objectives.set(GcmObjective.objects.in_default_locale().filter(number__in=[5, 6]))
    return post


def test_the_queue_says_what_each_waiting_contribution_is_in_the_moderators_language(
    django_user_model, waiting_contribution
):
    from django.utils import translation
    from machina.core.loading import get_class

    from hub.core.dates import format_day
    from hub.models import Region, StakeholderGroup

    display_name = get_class("forum_member.shortcuts", "get_forum_member_display_name")
    moderator = VerifiedUserFactory(moderates=["arab-states"], username="moderator")
    client = client_for(moderator)
    post = waiting_contribution
    with translation.override("ar"):
        region = Region.objects.in_active_locale().get(slug="arab-states").name
        group = StakeholderGroup.objects.in_active_locale().get(slug="civil-society").name
        day = format_day(post.created.date())
        queue = BeautifulSoup(client.get("/ar/forum/moderation/queue/").content, "html.parser")
        detail = BeautifulSoup(client.get(f"/ar/forum/moderation/queue/{post.pk}/").content, "html.parser")
    assert region != "Arab States"
    for page in (queue, detail):
        text = page.select_one("main").get_text(" ", strip=True)
        assert "توصية" in text  # its type
        assert "العربية" in text  # its language
        assert "5." in text and "6." in text  # its GCM objectives
        assert group in text
        assert "الأردن" in text  # the author's country
        assert region in text and "Arab States" not in text
        assert day in text  # the site's date style
        assert display_name(post.poster) in text
        assert "@example.org" not in text


def test_the_queue_costs_the_same_whatever_the_number_of_waiting_posts(
    django_user_model, waiting_contribution
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(VerifiedUserFactory(moderates=["arab-states"], username="moderator"))
    client.get("/en/forum/moderation/queue/")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/forum/moderation/queue/")
    author = waiting_contribution.poster
    for n in range(5):
        TopicPostFactory(
            poster=author, topic__forum=space("arab-states").forum, approved=False, subject=f"More {n}"
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/en/forum/moderation/queue/")
    assert len(many) == len(few)
