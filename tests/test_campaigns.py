"""Campaigns: near-identical contributions from different authors grouped as one voice."""

from io import StringIO

import pytest
from django.core.management import call_command
from machina.core.db.models import get_model

from search.campaigns import fingerprint, grouping, store
from search.campaigns.models import Campaign, CampaignMember, CampaignRuling, ContributionPrint, PrintBand
from tests import campaign_corpus
from tests import test_posting as posting
from tests.factories import StakeholderProfileFactory, VerifiedUserFactory
from tests.search_corpus import contribute

Post = get_model("forum_conversation", "Post")
PETITION = (
    "We the undersigned call on governments to end the immigration detention of migrant children, "
    "to provide alternatives to detention in the community, and to guarantee access to justice and "
    "consular assistance for every migrant held at the border."
)
OTHER_TEXT = (
    "Our cooperative trains returning migrants in solar installation and helps them register small "
    "businesses with the municipality; remittances fund the first tools and the training costs."
)


def campaign_of(post):
    member = CampaignMember.objects.filter(post=post).select_related("campaign").first()
    return member and member.campaign


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_campaigns_are_found_and_look_alikes_are_not(seed):
    rows = campaign_corpus.planted(seed)
    found = grouping.group(campaign_corpus.prints(rows))
    precision, recall = campaign_corpus.precision_recall(rows, found)
    assert precision >= 0.99
    assert recall >= 0.95


def test_signatures_in_bulk_are_datasketchs_minhash():
    texts = [row.text for row in campaign_corpus.planted(seed=4, campaigns=5, controls=10)] + ["Too short."]
    for bulk, one in zip(fingerprint.signatures(texts), map(fingerprint.signature, texts), strict=True):
        assert (bulk is None and one is None) or (bulk == one).all()


def test_one_author_repeating_a_text_is_not_a_campaign():
    rows = [
        campaign_corpus.Text(1, "a1", "en", PETITION, None),
        campaign_corpus.Text(2, "a1", "en", "Hello, " + PETITION, None),
    ]
    assert grouping.group(campaign_corpus.prints(rows)) == []


def test_short_texts_never_form_a_campaign():
    rows = [campaign_corpus.Text(n, f"a{n}", "en", "I agree with this proposal.", None) for n in range(5)]
    assert grouping.group(campaign_corpus.prints(rows)) == []


@pytest.mark.django_db
class TestOnSave:
    def test_copies_from_two_authors_become_one_campaign_when_saved(self):
        first = contribute("Dear colleagues, " + PETITION + " Signed, Maria", author_name="Maria")
        assert campaign_of(first) is None
        second = contribute("Hello, " + PETITION + " Signed, Ahmed", author_name="Ahmed")
        campaign = campaign_of(second)
        assert campaign is not None and campaign == campaign_of(first)
        assert campaign.size == 2
        third = contribute(PETITION + " Fatima", author_name="Fatima", language="en")
        assert campaign_of(third) == campaign
        campaign.refresh_from_db()
        assert campaign.size == 3
        # The earliest stands for the campaign in a collapsed search.
        assert CampaignMember.objects.get(representative=True, campaign=campaign).post == first

    def test_an_unrelated_text_and_one_authors_repeat_stay_alone(self):
        first = contribute(PETITION, author_name="Maria")
        again = contribute("Hello, " + PETITION, author_name="Maria")
        other = contribute(OTHER_TEXT, author_name="Ahmed")
        assert campaign_of(first) is None and campaign_of(again) is None and campaign_of(other) is None

    def test_an_edit_that_rewrites_a_copy_takes_it_out(self):
        contribute(PETITION, author_name="Maria")
        copy = contribute("Hello, " + PETITION, author_name="Ahmed")
        assert campaign_of(copy) is not None
        copy.content = OTHER_TEXT
        copy.save()
        assert campaign_of(copy) is None
        # Left with one author, the campaign is no more.
        assert not Campaign.objects.exists()


@pytest.mark.django_db
class TestFindCampaigns:
    def planted(self):
        posts = []
        for row in campaign_corpus.planted(seed=5, campaigns=6, controls=12):
            posts.append((contribute(row.text, author_name=row.author, language=row.language), row))
        return posts

    def run(self):
        out = StringIO()
        call_command("find_campaigns", stdout=out)
        return out.getvalue()

    def groupings(self):
        groups = {}
        for post_id, campaign_id in CampaignMember.objects.values_list("post_id", "campaign_id"):
            groups.setdefault(campaign_id, set()).add(post_id)
        return groups

    def test_regrouping_finds_what_saving_found_and_a_rerun_changes_nothing(self):
        posts = self.planted()
        on_save = self.groupings()
        CampaignMember.objects.all().delete()
        Campaign.objects.all().delete()
        self.run()
        found = self.groupings()
        assert sorted(map(sorted, found.values())) == sorted(map(sorted, on_save.values()))
        rows = {post.pk: row for post, row in posts}
        planted_rows = [
            campaign_corpus.Text(pk, row.author, row.language, row.text, row.campaign)
            for pk, row in rows.items()
        ]
        precision, recall = campaign_corpus.precision_recall(planted_rows, found.values())
        assert precision == 1.0 and recall >= 0.95
        assert "0 changed" in self.run()
        assert self.groupings() == found

    def test_a_rerun_keeps_moderators_rulings(self):
        contribute(PETITION, author_name="Maria")
        removed = contribute("Hello, " + PETITION, author_name="Ahmed")
        kept = contribute("Dear all, " + PETITION, author_name="Fatima")
        CampaignRuling.objects.create(post=removed, ruling=CampaignRuling.Ruling.ALONE)
        self.run()
        assert campaign_of(removed) is None
        assert campaign_of(kept) is not None and campaign_of(kept).size == 2
        other = contribute(OTHER_TEXT, author_name="Omar")
        CampaignRuling.objects.create(
            post=other, ruling=CampaignRuling.Ruling.TOGETHER, anchor_post_id=kept.pk
        )
        self.run()
        assert campaign_of(other) == campaign_of(kept)
        assert campaign_of(kept).size == 3


@pytest.mark.django_db
def test_two_accounts_posting_one_text_through_the_form_make_one_campaign(client, settings):
    settings.FORUM_NEW_ACCOUNT_DAYS = 0
    settings.FORUM_NEW_ACCOUNT_APPROVED_POSTS = 0
    settings.FORUM_PREMODERATE_APPROVED_POSTS = 0
    posted = []
    for greeting, name in (("Dear colleagues,", "Maria"), ("Hello,", "Ahmed")):
        author = VerifiedUserFactory()
        StakeholderProfileFactory(user=author, display_name=name)
        client.force_login(author)
        response = client.post(
            posting.topic_create_url(), posting.form_data(content=f"{greeting} {PETITION} {name}")
        )
        posting.assert_saved(response)
        posted.append(Post.objects.filter(poster=author).get())
    first, second = (campaign_of(post) for post in posted)
    assert first is not None and first == second and first.size == 2


@pytest.mark.django_db
def test_deleting_a_copy_recounts_its_campaign_and_ends_it_below_two_authors():
    contribute("Hello, " + PETITION, author_name="Maria")
    second = contribute("Dear all, " + PETITION, author_name="Ahmed")
    third = contribute("Hi, " + PETITION, author_name="Nour")
    campaign = campaign_of(second)
    third.delete()
    campaign.refresh_from_db()
    assert campaign.size == 2
    second.delete()
    assert not Campaign.objects.exists()


@pytest.mark.django_db
def test_copies_written_in_one_batch_make_one_campaign():
    posts = [
        contribute(f"{greeting} {PETITION}", author_name=name)
        for greeting, name in (("Hello,", "Maria"), ("Dear all,", "Ahmed"), ("Hi,", "Nour"))
    ]
    # As the importer leaves them: written together, announced together (forum.signals).
    for model in (CampaignMember, Campaign, PrintBand, ContributionPrint):
        model.objects.all().delete()
    store.place([post.pk for post in posts])
    campaign = campaign_of(posts[0])
    assert campaign is not None and campaign.size == 3
    assert {campaign_of(post) for post in posts} == {campaign}
