"""Campaigns with the Elasticsearch backend: the request's filters and the documents' fields."""

import pytest

from search.backends.elasticsearch import source as es_source
from search.backends.elasticsearch.documents import ContributionDocument
from search.backends.elasticsearch.query import request_body
from search.campaigns.models import CampaignMember
from search.models import IndexOutbox
from search.query import ContributionQuery
from tests.search_corpus import contribute

FORUMS = {1, 2}
PETITION = (
    "We the undersigned call on governments to end the immigration detention of migrant children, "
    "to provide alternatives to detention in the community, and to guarantee access to justice."
)


def test_collapsing_filters_out_the_members_a_collapsed_search_hides():
    body = request_body(ContributionQuery(collapse_campaigns=True), FORUMS)
    assert {"bool": {"must_not": [{"term": {"campaign_representative": False}}]}} in body["query"]["bool"][
        "filter"
    ]


def test_one_campaign_is_a_term_on_its_id():
    body = request_body(ContributionQuery(campaign=7), FORUMS)
    assert {"term": {"campaign": 7}} in body["query"]["bool"]["filter"]


def test_without_campaign_parameters_the_request_is_unchanged():
    body = request_body(ContributionQuery(), FORUMS)
    assert "campaign" not in str(body["query"])


def test_the_mapping_knows_both_fields():
    properties = ContributionDocument._doc_type.mapping.to_dict()["properties"]
    assert properties["campaign"] == {"type": "long"}
    assert properties["campaign_representative"] == {"type": "boolean"}


@pytest.mark.django_db
def test_documents_carry_the_campaign_and_a_change_is_queued(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    first = contribute("Hello, " + PETITION, author_name="Maria")
    IndexOutbox.objects.update(state=IndexOutbox.State.DONE)  # as the worker leaves them once sent
    second = contribute("Dear all, " + PETITION, author_name="Ahmed")
    campaign = CampaignMember.objects.get(post=first).campaign_id
    documents = es_source.documents_for([first.pk, second.pk])
    assert (documents[first.pk]["campaign"], documents[first.pk]["campaign_representative"]) == (
        campaign,
        True,
    )
    assert (documents[second.pk]["campaign"], documents[second.pk]["campaign_representative"]) == (
        campaign,
        False,
    )
    # The first copy's document was sent before it joined: joining queues it again.
    assert IndexOutbox.objects.filter(post_id=first.pk, state=IndexOutbox.State.PENDING).exists()
    alone = contribute("A text of our own about clinics for migrant workers in three cities of the region.")
    assert es_source.documents_for([alone.pk])[alone.pk]["campaign"] is None
