"""An analysis paper counts a campaign as one voice, and says so in its methodology."""

import html
from datetime import UTC, datetime

import pytest
from django.utils.html import strip_tags

from hub.models import GenerationStatus
from hub.papers import generate
from search.campaigns.models import Campaign
from tests.page_tree import add_region_page, english_home
from tests.search_corpus import contribute

pytestmark = pytest.mark.django_db
ARAB = "arab-states"
PETITION = (
    "Migrant domestic workers need health insurance and written contracts. We call on governments to end "
    "the kafala sponsorship system and to let migrant domestic workers change employer freely."
)
OWN = (
    "Our clinic in Amman treats migrant workers without papers. Health insurance for migrant workers would "
    "let clinics like ours serve every worker who needs care."
)


@pytest.fixture
def campaign_set():
    copies = [
        contribute(
            f"{greeting} {PETITION} {name}",
            kind="recommendation",
            objectives=(15,),
            group="civil-society",
            country="JO",
            author_name=name,
            created=datetime(2024, 3, day, tzinfo=UTC),
        )
        for day, (greeting, name) in enumerate(
            [("Hello,", "Maria"), ("Dear all,", "Ahmed"), ("Hi,", "Nour")], 1
        )
    ]
    own = contribute(
        OWN,
        kind="recommendation",
        objectives=(15,),
        group="academia",
        country="LB",
        author_name="Karim",
        created=datetime(2024, 4, 1, tzinfo=UTC),
    )
    return copies, own


def test_a_campaign_counts_once_in_the_figures_and_quotations_and_is_reported(campaign_set):
    copies, own = campaign_set
    campaign = Campaign.objects.get()
    generation = generate.start(
        region_page=add_region_page(english_home(), ARAB),
        title="Analysis",
        language="en",
        query=f"region={ARAB}",
    )
    generation = generate.run(generation)
    assert generation.status == GenerationStatus.FINISHED, generation.error
    f = generation.figures
    assert f["contributions"] == 4 and f["voices"] == 2
    assert f["by_group"] == {"civil-society": 1, "academia": 1}
    assert f["by_objective"] == {"15": 2}
    assert f["authors"] == 2
    assert f["campaigns"] == [{"id": campaign.pk, "in_set": 3, "size": 3}]
    quoted = {q["post"] for theme in f["themes"].values() for q in theme["quotations"]}
    assert quoted
    assert quoted <= {copies[0].pk, own.pk}
    methodology = html.unescape(strip_tags(generation.page.methodology))
    assert f"campaign {campaign.pk}: 3 contributions" in methodology
    assert "the set's contributions thus make 2 voices" in methodology
