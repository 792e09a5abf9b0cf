"""Where people meet suggested objectives: the posting form (its hooks for
the script; the script itself in tests/browser), the moderation queue's
item, and the analysts' review in the admin (accept, reject, who may)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse

from forum.models import Reclassification
from hub.models import RejectedObjectiveSuggestion
from search.facade import search
from search.query import ContributionQuery
from tests.factories import ContributionFactory, StakeholderFactory, TopicPostFactory, UserFactory, space
from tests.search_corpus import closed_forum
from tests.test_access_matrix import new_client

pytestmark = pytest.mark.django_db

REVIEW = "/admin/objective-suggestions/"
FEES = "Recruitment fees charged to migrant workers by agencies must be abolished and refunded."
REMITTANCES = "Les coûts des transferts de fonds des migrants vers leurs familles restent trop élevés."


def signed_in(user):
    client = new_client()
    client.force_login(user)
    return client


def contribution(text, *, forum=None, language="en", objectives=None, subject="A contribution", **post):
    post = TopicPostFactory(
        subject=subject, content=text, topic__forum=forum or space("africa").forum, **post
    )
    # A forum outside the spaces (the closed one) is filed under Africa's, as the access matrix does.
    return ContributionFactory(post=post, space=space("africa"), language=language, objectives=objectives)


@pytest.fixture
def analyst():
    user = UserFactory(username="analyst")
    user.groups.add(Group.objects.get(name="Analysts"))
    return user


# ---------------------------------------------------------------- the posting form


def test_the_posting_form_offers_suggestions_to_its_script_and_works_without_it():
    forum = space("africa").forum
    url = reverse("forum_conversation:topic_create", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk})
    page = BeautifulSoup(signed_in(StakeholderFactory()).get(url).content, "html.parser")
    group = page.select_one("[data-objective-suggestions]")
    assert group["data-objective-suggestions"] == "/api/v1/objective-suggestions/"
    assert group["data-suggested-label"] == "suggested"
    assert len(group.select("input[type=checkbox][name=objectives]")) == 23
    assert not group.select("input[checked]")  # nothing is ticked for the author
    assert page.select_one('script[src$="search/js/objective-suggestions.js"]')
    assert page.select_one("#objective-suggestions-status[hidden]")


# ---------------------------------------------------------------- the moderation queue


def test_the_queue_item_shows_the_suggested_objectives_to_the_moderator():
    held = contribution(FEES, forum=space("arab-states").forum, approved=False, objectives=[6])
    moderator = UserFactory(moderates=["arab-states"])
    response = signed_in(moderator).get(reverse("forum_moderation:queued_post", args=[held.post.pk]))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    suggested = page.select(".objective-suggestions .suggested-objective")
    assert 1 <= len(suggested) <= 3
    assert suggested[0]["data-objective"] == "6"
    assert "%" in suggested[0].get_text()
    assert "tagged by the author" in suggested[0].get_text()


def test_the_queue_item_names_the_suggestions_in_the_moderators_language():
    held = contribution(FEES, forum=space("arab-states").forum, approved=False)
    moderator = UserFactory(moderates=["arab-states"])
    url = reverse("forum_moderation:queued_post", args=[held.post.pk]).replace("/en/", "/fr/", 1)
    page = BeautifulSoup(signed_in(moderator).get(url).content, "html.parser")
    assert "Recrutement équitable" in page.select_one(".objective-suggestions").get_text()


# ---------------------------------------------------------------- the analysts' review


def review_page(client, path=REVIEW):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def offered(page, contribution):
    form = page.select_one(f"#review-{contribution.pk}")
    return (
        None if form is None else [int(row["data-objective"]) for row in form.select(".suggested-objective")]
    )


def test_an_analyst_reviews_untagged_contributions_they_may_read(analyst):
    untagged = contribution(FEES)
    tagged = contribution(REMITTANCES, language="fr", objectives=[20])
    held = contribution(FEES, approved=False)
    secret = contribution(FEES, forum=closed_forum())
    page = review_page(signed_in(analyst))
    assert offered(page, untagged)[0] == 6
    assert len(offered(page, untagged)) <= 3
    assert offered(page, tagged) is None
    assert offered(page, held) is None
    assert offered(page, secret) is None


def test_accepting_tags_the_contribution_logs_it_and_search_finds_it(analyst):
    untagged = contribution(FEES)
    client = signed_in(analyst)
    query = ContributionQuery(objectives=frozenset({6}))
    assert untagged.post.pk not in {hit.post_id for hit in search(query, analyst).hits}

    response = client.post(REVIEW, {"contribution": untagged.pk, "accept": ["6"]})
    assert response.status_code == 302
    assert sorted(untagged.objectives.values_list("number", flat=True)) == [6]
    (log,) = Reclassification.objects.filter(contribution=untagged)
    assert log.changed_by == analyst
    assert log.changes == {"objectives": {"before": [], "after": [6]}}
    assert untagged.post.pk in {hit.post_id for hit in search(query, analyst).hits}
    page = review_page(client)
    assert offered(page, untagged) is None  # tagged now: it leaves the review
    assert "is now tagged with 1 objective" in page.get_text()


def test_a_rejected_suggestion_is_not_offered_again(analyst):
    untagged = contribution(FEES)
    client = signed_in(analyst)
    first = offered(review_page(client), untagged)
    client.post(REVIEW, {"contribution": untagged.pk, "reject": [str(first[0])]})
    assert RejectedObjectiveSuggestion.objects.get(contribution=untagged).rejected_by == analyst
    assert not untagged.objectives.exists()
    assert not Reclassification.objects.filter(contribution=untagged).exists()
    again = offered(review_page(client), untagged) or []
    assert first[0] not in again
    if len(first) > 1:  # the next best moves up
        assert again[0] == first[1]


def test_an_analyst_cannot_decide_for_a_contribution_they_may_not_read(analyst):
    secret = contribution(FEES, forum=closed_forum())
    response = signed_in(analyst).post(REVIEW, {"contribution": secret.pk, "accept": ["6"]}, follow=True)
    assert "not one you may review" in response.content.decode()
    assert not secret.objectives.exists()
    assert not Reclassification.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"contribution": "abc", "accept": "6"},
        {"contribution": "9" * 30, "accept": "6"},
        {"contribution": "-1", "reject": "6"},
        {"contribution": "{pk}", "accept": ["99", "-3", "x", "9" * 30]},
        {"contribution": "{pk}"},
    ],
)
def test_bad_decisions_are_refused_with_a_message(analyst, data):
    untagged = contribution(FEES)
    data = {k: (v.format(pk=untagged.pk) if isinstance(v, str) else v) for k, v in data.items()}
    response = signed_in(analyst).post(REVIEW, data, follow=True)
    assert response.status_code == 200
    assert response.context["messages"]
    assert not untagged.objectives.exists()


def test_only_analysts_may_review():
    stakeholder = StakeholderFactory()
    untagged = contribution(FEES)
    assert signed_in(stakeholder).get(REVIEW).status_code in (302, 403)
    editor_without_papers = UserFactory(is_staff=True)
    response = signed_in(editor_without_papers).post(REVIEW, {"contribution": untagged.pk, "accept": "6"})
    assert response.status_code in (302, 403)
    assert not untagged.objectives.exists()
    assert new_client().get(REVIEW).status_code == 302
