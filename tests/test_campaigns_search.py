"""Campaigns as readers, API callers and moderators meet them."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from search.campaigns import moderation
from search.campaigns.models import Campaign, CampaignAction, CampaignMember, CampaignRuling
from tests.factories import UserFactory
from tests.search_corpus import contribute

pytestmark = pytest.mark.django_db

PETITION = (
    "We the undersigned call on governments to end the immigration detention of migrant children, "
    "to provide alternatives to detention in the community, and to guarantee access to justice and "
    "consular assistance for every migrant held at the border."
)
SECOND = (
    "Seasonal farm workers must be able to change employer without losing their visa, and recruitment "
    "agencies that charge workers fees should lose their licence, as the Compact's objective six asks."
)
ALONE_TEXT = (
    "Our municipality opened a one-stop shop where newcomers register, find language classes and work."
)
SEARCH = "/en/search/contributions/"
API = "/api/v1/contributions/"


def copies(text, names, region="arab-states"):
    return [
        contribute(f"{greeting} {text} {name}", author_name=name, region=region) for greeting, name in names
    ]


@pytest.fixture(autouse=True)
def generous_limits(settings):
    """These tests search many times a second."""
    settings.SEARCH_RATE_LIMITS = {"anonymous": ((10_000, 1),), "authenticated": ((10_000, 1),)}


@pytest.fixture
def campaigns():
    petition = copies(PETITION, [("Dear colleagues,", "Maria"), ("Hello,", "Ahmed"), ("Hi,", "Fatima")])
    second = copies(SECOND, [("Hello,", "Omar"), ("Dear all,", "Claire")])
    alone = contribute(ALONE_TEXT, author_name="Nour")
    return petition, second, alone


def test_every_result_carries_its_campaign_in_the_api(client, campaigns):
    petition, _second, alone = campaigns
    results = {row["id"]: row for row in client.get(API, {"page_size": 50}).json()["results"]}
    campaign = CampaignMember.objects.get(post=petition[0]).campaign_id
    assert results[petition[1].pk]["campaign"] == {"id": campaign, "size": 3}
    assert results[alone.pk]["campaign"] is None


def test_collapsing_counts_each_campaign_once_and_shows_its_earliest(client, campaigns):
    petition, second, alone = campaigns
    answer = client.get(API, {"campaigns": "collapse", "page_size": 50}).json()
    assert answer["count"] == 3
    assert {row["id"] for row in answer["results"]} == {petition[0].pk, second[0].pk, alone.pk}
    assert client.get(API, {"page_size": 50}).json()["count"] == 6


def test_a_campaigns_own_list_has_all_its_copies(client, campaigns):
    petition, _second, _alone = campaigns
    campaign = CampaignMember.objects.get(post=petition[0]).campaign_id
    answer = client.get(API, {"campaign": campaign}).json()
    assert sorted(row["id"] for row in answer["results"]) == sorted(p.pk for p in petition)
    assert client.get(API, {"campaign": "x"}).json()["errors"] == [
        "“x” is not a campaign number; that filter was ignored."
    ]


def test_the_search_page_collapses_a_campaign_to_one_result_with_its_count(client, campaigns):
    petition, _second, _alone = campaigns
    campaign = CampaignMember.objects.get(post=petition[0]).campaign_id
    page = client.get(SEARCH).content.decode()
    assert "6 contributions" in page
    assert "Count each campaign once" in page
    page = client.get(SEARCH, {"campaigns": "collapse"}).content.decode()
    assert "3 contributions" in page
    assert "and 2 similar contributions" in page
    assert f"?campaign={campaign}" in page
    page = client.get(SEARCH, {"campaign": campaign}).content.decode()
    assert "3 contributions" in page and f"The contributions of campaign {campaign}" in page


def test_the_collapsed_total_follows_a_campaign_dissolved_after_it_was_counted(client, campaigns):
    petition, _second, _alone = campaigns
    assert client.get(API, {"campaigns": "collapse"}).json()["count"] == 3
    # No document changes, only memberships: the cached total must not survive it.
    moderation.dissolve(CampaignMember.objects.get(post=petition[0]).campaign, None)
    assert client.get(API, {"campaigns": "collapse"}).json()["count"] == 5


class TestModeration:
    def moderator(self, *regions):
        return UserFactory(moderates=list(regions))

    def test_a_moderator_of_the_space_sees_the_members_and_removes_one(self, client, campaigns):
        petition, _second, _alone = campaigns
        campaign = CampaignMember.objects.get(post=petition[0]).campaign
        moderator = self.moderator("arab-states")
        client.force_login(moderator)
        page = client.get(reverse("campaigns:campaign", args=[campaign.pk])).content.decode()
        assert "3 near-identical contributions" in page
        response = client.post(reverse("campaigns:remove", args=[campaign.pk, petition[2].pk]))
        assert response.status_code == 302
        campaign.refresh_from_db()
        assert campaign.size == 2
        assert not CampaignMember.objects.filter(post=petition[2]).exists()
        assert CampaignRuling.objects.get(post=petition[2]).ruling == "alone"
        action = CampaignAction.objects.get()
        assert (action.kind, action.moderator, action.post_ids) == ("remove", moderator, [petition[2].pk])

    def test_removing_a_post_of_another_campaign_changes_nothing(self, client, campaigns):
        petition, second, _alone = campaigns
        campaign = CampaignMember.objects.get(post=petition[0]).campaign
        client.force_login(self.moderator("arab-states"))
        response = client.post(reverse("campaigns:remove", args=[campaign.pk, second[0].pk]))
        assert response.status_code == 404
        assert CampaignMember.objects.filter(post=second[0]).exists()

    def test_merge_and_dissolve(self, client, campaigns):
        petition, second, _alone = campaigns
        first = CampaignMember.objects.get(post=petition[0]).campaign
        other = CampaignMember.objects.get(post=second[0]).campaign
        client.force_login(self.moderator("arab-states"))
        client.post(reverse("campaigns:merge", args=[first.pk]), {"other": str(other.pk)})
        first.refresh_from_db()
        assert first.size == 5 and first.formed == "merged"
        assert not Campaign.objects.filter(pk=other.pk).exists()
        response = client.post(
            reverse("campaigns:merge", args=[first.pk]), {"other": "nonsense"}, follow=True
        )
        assert "There is no campaign with that number that you may merge." in response.content.decode()
        client.post(reverse("campaigns:dissolve", args=[first.pk]))
        assert not Campaign.objects.exists()
        assert CampaignRuling.objects.filter(ruling="alone").count() == 5

    def test_a_moderator_of_another_space_may_do_nothing(self, client, campaigns):
        petition, second, _alone = campaigns
        campaign = CampaignMember.objects.get(post=petition[0]).campaign
        other = CampaignMember.objects.get(post=second[0]).campaign
        client.force_login(self.moderator("africa"))
        assert client.get(reverse("campaigns:campaign", args=[campaign.pk])).status_code == 404
        assert client.post(reverse("campaigns:remove", args=[campaign.pk, petition[1].pk])).status_code == 404
        assert client.post(reverse("campaigns:dissolve", args=[campaign.pk])).status_code == 404
        assert (
            client.post(reverse("campaigns:merge", args=[campaign.pk]), {"other": other.pk}).status_code
            == 404
        )
        assert Campaign.objects.count() == 2 and not CampaignAction.objects.exists()

    def test_a_campaign_spanning_two_spaces_needs_a_moderator_of_both(self, client):
        contribute("Hello, " + PETITION, author_name="Maria", region="arab-states")
        contribute("Dear all, " + PETITION, author_name="Jean", region="africa")
        campaign = Campaign.objects.get()
        client.force_login(self.moderator("arab-states"))
        assert client.get(reverse("campaigns:campaign", args=[campaign.pk])).status_code == 404
        client.force_login(self.moderator("arab-states", "africa"))
        assert client.get(reverse("campaigns:campaign", args=[campaign.pk])).status_code == 200

    def test_merging_into_ones_own_campaign_one_the_moderator_may_not_touch_is_refused(self, client):
        contribute("Hello, " + PETITION, author_name="Maria", region="arab-states")
        contribute("Dear all, " + PETITION, author_name="Ahmed", region="arab-states")
        contribute("Hello, " + SECOND, author_name="Jean", region="africa")
        contribute("Dear all, " + SECOND, author_name="Amina", region="africa")
        mine, theirs = Campaign.objects.order_by("pk")
        client.force_login(self.moderator("arab-states"))
        response = client.post(reverse("campaigns:merge", args=[mine.pk]), {"other": theirs.pk}, follow=True)
        assert "There is no campaign with that number that you may merge." in response.content.decode()
        assert Campaign.objects.count() == 2

    def test_reading_and_acting_need_a_sign_in_and_a_post(self, client, campaigns):
        petition, _second, _alone = campaigns
        campaign = CampaignMember.objects.get(post=petition[0]).campaign
        assert client.get(reverse("campaigns:campaign", args=[campaign.pk])).status_code == 302
        assert client.post(reverse("campaigns:dissolve", args=[campaign.pk])).status_code == 302
        client.force_login(self.moderator("arab-states"))
        assert client.get(reverse("campaigns:dissolve", args=[campaign.pk])).status_code == 405
        assert Campaign.objects.count() == 2


def test_find_campaigns_keeps_what_moderators_decided(client, campaigns):
    petition, second, _alone = campaigns
    first = CampaignMember.objects.get(post=petition[0]).campaign
    other = CampaignMember.objects.get(post=second[0]).campaign
    client.force_login(UserFactory(moderates=["arab-states"]))
    client.post(reverse("campaigns:remove", args=[first.pk, petition[2].pk]))
    client.post(reverse("campaigns:merge", args=[first.pk]), {"other": other.pk})
    call_command("find_campaigns", stdout=StringIO())
    first.refresh_from_db()
    assert first.size == 4
    assert set(first.members.values_list("post_id", flat=True)) == {
        petition[0].pk,
        petition[1].pk,
        *(p.pk for p in second),
    }
    assert not CampaignMember.objects.filter(post=petition[2]).exists()


def test_a_campaigns_size_never_counts_copies_the_reader_may_not_see(client, campaigns):
    # Held for moderation: the public must not learn that a third copy exists.
    petition, second, _alone = campaigns
    held = contribute(f"Greetings, {PETITION} Samir", author_name="Samir", approved=False)
    campaign = CampaignMember.objects.get(post=petition[0]).campaign_id
    assert CampaignMember.objects.filter(campaign_id=campaign, post=held).exists()
    results = {row["id"]: row for row in client.get(API, {"page_size": 50}).json()["results"]}
    assert results[petition[0].pk]["campaign"] == {"id": campaign, "size": 3}
    # A campaign with one readable copy left is no campaign to this reader.
    from forum.models import Contribution

    Contribution.objects.get(pk=second[1].pk).post.__class__.objects.filter(pk=second[1].pk).update(
        approved=False
    )
    results = {row["id"]: row for row in client.get(API, {"page_size": 50}).json()["results"]}
    assert results[second[0].pk]["campaign"] is None


def test_a_campaigns_size_follows_its_copies_topics_held_moved_and_approved(client, campaigns):
    # Each member carries its post's space and visibility, copied by database
    # triggers (search.campaigns.member_visibility): every change reaches the size.
    from tests.search_corpus import closed_forum

    petition, _second, _alone = campaigns
    campaign = CampaignMember.objects.get(post=petition[0]).campaign_id

    def size():
        results = {row["id"]: row for row in client.get(API, {"page_size": 50}).json()["results"]}
        found = results[petition[0].pk]["campaign"]
        return found and found["size"]

    topic = petition[2].topic
    topic.approved = False
    topic.save()
    assert size() == 2
    topic.approved = True
    topic.save()
    assert size() == 3

    staff_room = closed_forum()
    topic.forum = staff_room
    topic.save()
    assert size() == 2  # the public cannot read the staff room
    from search.campaigns.lookup import campaigns_of

    assert campaigns_of([petition[0].pk], None)[petition[0].pk] == (campaign, 3)
    assert campaigns_of([petition[0].pk], {staff_room.pk, petition[0].topic.forum_id})[petition[0].pk] == (
        campaign,
        3,
    )

    # A copy moved into another topic takes that topic's state.
    held_topic = petition[0].topic
    held_topic.approved = False
    held_topic.save()
    post = petition[1]
    post.topic = held_topic
    post.save()
    assert campaigns_of([petition[2].pk], None).get(petition[2].pk) is None  # one readable copy left
