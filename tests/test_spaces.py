"""The five regional discussion spaces: one per region, each with moderators
whose powers stop at its border."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from machina.apps.forum_permission.handler import PermissionHandler

from forum.models import RegionalSpace
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REGIONS = ["africa", "arab-states", "asia-pacific", "europe", "latin-america-caribbean"]


def space(slug):
    return RegionalSpace.objects.select_related("forum", "moderators").get(region__slug=slug)


def test_set_up_creates_one_space_per_region():
    assert sorted(RegionalSpace.objects.values_list("region__slug", flat=True)) == REGIONS
    assert space("arab-states").forum.name == "Arab States"


def test_setting_up_again_changes_nothing():
    before = list(RegionalSpace.objects.values_list("pk", "forum_id", "moderators_id"))
    call_command("setup_spaces", verbosity=0)
    assert list(RegionalSpace.objects.values_list("pk", "forum_id", "moderators_id")) == before


def test_visitors_see_the_five_spaces():
    page = BeautifulSoup(Client().get("/en/forum/").content, "html.parser")
    text = page.get_text(" ", strip=True)
    for name in ("Africa", "Arab States", "Asia and the Pacific", "Europe and North America"):
        assert name in text


def test_a_regions_moderators_moderate_that_region_only(django_user_model):
    moderator = UserFactory(username="mod", email="mod@example.org", password="x", moderates=["arab-states"])
    handler = PermissionHandler()
    assert [f.pk for f in handler.get_moderation_queue_forums(moderator)] == [space("arab-states").forum_id]
    assert handler.can_approve_posts(space("arab-states").forum, moderator)
    assert not handler.can_approve_posts(space("africa").forum, moderator)
    assert not handler.can_lock_topics(space("europe").forum, moderator)
    assert not handler.can_move_topics(space("europe").forum, moderator)


def test_a_visitor_on_a_space_is_invited_to_sign_up_or_in_and_come_back(django_user_model):
    from urllib.parse import parse_qs, urlsplit

    forum = space("arab-states").forum
    path = f"/ar/forum/forum/{forum.slug}-{forum.pk}/"
    page = BeautifulSoup(Client().get(path).content, "html.parser")
    invitation = page.select_one("main .take-part")
    assert invitation is not None
    for link, target in (
        (".take-part-signup", "/ar/accounts/signup/"),
        (".take-part-login", "/ar/accounts/login/"),
    ):
        address = urlsplit(invitation.select_one(link)["href"])
        assert address.path == target
        assert parse_qs(address.query)["next"] == [path]

    # A member is past the invitation.
    member = UserFactory(username="m", password="x")
    client = Client()
    client.force_login(member)
    assert not BeautifulSoup(client.get(path).content, "html.parser").select_one(".take-part")
