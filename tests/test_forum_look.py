"""The discussion spaces in the site's design: spaces named in the visitor's
language, user text isolated, the region page's latest contributions, and
pages whose cost does not grow with the number of topics."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from machina.core.db.models import get_model

from forum.feeds import TOPICS_IN_FEED
from forum.models import RegionalSpace
from hub.models import HomePage, Region, RegionPage
from tests import page_tree
from tests.factories import ContributedTopicFactory, UserFactory
from tests.stakeholders import give_profile

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

REGIONS = ["africa", "arab-states", "asia-pacific", "europe", "latin-america-caribbean"]


def html(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def space(slug="arab-states"):
    return RegionalSpace.objects.select_related("forum").get(region__slug=slug)


def forum_url(forum, language="en"):
    with translation.override(language):
        return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


def region_names(language):
    return {r.slug: r.name for r in Region.objects.filter(locale__language_code=language)}


@pytest.mark.parametrize("language", ["en", "ar", "fr"])
def test_the_board_index_names_the_five_spaces_in_the_visitors_language(client, language):
    page = html(client.get(f"/{language}/forum/"))
    assert page.html["dir"] == ("rtl" if language == "ar" else "ltr")
    names = region_names(language)
    cards = [card.select_one(".card-title").get_text(strip=True) for card in page.select(".forum-card")]
    assert cards == [names[slug] for slug in REGIONS]
    if language != "en":
        english = region_names("en")
        assert not any(english[slug] in cards for slug in REGIONS if english[slug] != names[slug])


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_a_space_page_is_titled_in_the_visitors_language(client, language):
    forum = space("arab-states").forum
    page = html(client.get(forum_url(forum, language)))
    name = region_names(language)["arab-states"]
    assert page.select_one("h1").get_text(strip=True) == name
    assert page.select(".breadcrumb-item")[-1].get_text(strip=True) == name
    assert name in page.title.get_text()


def test_a_space_page_isolates_topic_subjects(client, verified_user):
    forum = space().forum
    subject = 'الهجرة الآمنة <script>alert("x")</script> 2024'
    ContributedTopicFactory(
        topic__forum=forum, poster=verified_user, subject=subject, contribution__author_name="فاطمة حداد"
    )
    page = html(client.get(forum_url(forum, "ar")))
    links = page.select(".topic-list .topic-name-link")
    assert [link.bdi.get_text() for link in links] == [subject]
    assert "<script>alert" not in client.get(forum_url(forum, "ar")).content.decode()
    assert page.select_one(".topic-created bdi").get_text() == "فاطمة حداد"


def test_the_board_index_shows_each_spaces_last_post(client, verified_user):
    forum = space("europe").forum
    ContributedTopicFactory(
        topic__forum=forum,
        poster=verified_user,
        subject="Labour pathways in practice",
        contribution__author_name="Jana Novak",
    )
    page = html(client.get("/en/forum/"))
    card = next(c for c in page.select(".forum-card") if "Europe" in c.select_one(".card-title").get_text())
    last = card.select_one(".forum-last-post")
    assert last.select_one("a bdi").get_text() == "Labour pathways in practice"
    assert "Jana Novak" in last.get_text()


# -- the region page


def region_page(language="en", discussion_space=None):
    home = HomePage.objects.get(locale__language_code=language)
    region = Region.objects.get(slug="arab-states", locale__language_code=language)
    return page_tree.publish(
        home,
        RegionPage(
            title="Arab States",
            slug=f"arab-states-{language}",
            region=region,
            discussion_space=discussion_space,
        ),
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_region_page_without_a_chosen_space_uses_its_regions_space(client, verified_user, language):
    forum = space("arab-states").forum
    ContributedTopicFactory(
        topic__forum=forum,
        poster=verified_user,
        subject="Approved recommendation",
        content="Body of Approved recommendation.",
        contribution__author_name="Amina Haddad",
    )
    ContributedTopicFactory(
        topic__forum=forum, poster=verified_user, subject="Held for moderation", approved=False
    )
    page = html(client.get(region_page(language).url))
    box = page.select_one("#space-heading").find_parent("section")
    assert box.select_one("a.btn")["href"] == forum_url(forum, language)
    items = box.select(".latest-contribution")
    assert [item.select_one("a bdi").get_text() for item in items] == ["Approved recommendation"]
    item = items[0]
    assert "Amina Haddad" in item.get_text()
    assert item.select_one(".badge").get_text(strip=True)  # the contribution's type
    assert item.select_one("time")["datetime"]
    assert "Body of Approved recommendation." in item.select_one("p").get_text()
    assert "Held for moderation" not in box.get_text()


def test_a_region_page_shows_nothing_of_a_space_the_visitor_cannot_read(client, verified_user):
    from machina.apps.forum_permission.models import ForumPermission, UserForumPermission

    forum = space("arab-states").forum
    ContributedTopicFactory(topic__forum=forum, poster=verified_user, subject="Approved recommendation")
    UserForumPermission.objects.create(
        forum=forum,
        permission=ForumPermission.objects.get(codename="can_read_forum"),
        anonymous_user=True,
        has_perm=False,
    )
    page = html(client.get(region_page(discussion_space=forum).url))
    assert not page.select(".latest-contribution")


# -- query counts


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_board_index_and_a_space_page_cost_the_same_with_5_or_40_topics(
    client, members, signed_in, language
):
    if signed_in:
        give_profile(members[0])
        client.force_login(members[0])
    few, many = space("africa").forum, space("arab-states").forum
    for n in range(5):
        ContributedTopicFactory(
            topic__forum=few,
            poster=members[n % 3],
            subject=f"Topic {n}",
            contribution__author_name=f"Author {n}",
        )
    for n in range(40):
        ContributedTopicFactory(
            topic__forum=many,
            poster=members[n % 3],
            subject=f"Topic {n}",
            contribution__author_name=f"Author {n}",
        )
    index = f"/{language}/forum/"
    # Warm up: caches fill and machina's read tracking settles on a first visit.
    for url in (index, forum_url(few, language), forum_url(many, language)):
        client.get(url)

    small, _ = queries_for(client, forum_url(few, language))
    large, response = queries_for(client, forum_url(many, language))
    assert large == small, f"{small} queries with 5 topics, {large} with 40"
    assert len(html(response).select(".topic-list .topic-row")) > 5, "the page listed the topics"

    before, _ = queries_for(client, index)
    for n in range(35):
        ContributedTopicFactory(topic__forum=few, poster=members[n % 3], subject=f"More {n}")
    client.get(index)
    after, _ = queries_for(client, index)
    assert after == before, f"{before} queries with 5 topics in a space, {after} with 40"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_board_index_costs_the_same_with_one_or_five_active_spaces(client, members, language):
    """Names, last posts and their authors are fetched for the whole list,
    not once per space."""
    index = f"/{language}/forum/"
    ContributedTopicFactory(topic__forum=space(REGIONS[0]).forum, poster=members[0], subject="First")
    client.get(index)
    one, _ = queries_for(client, index)
    for slug in REGIONS[1:]:
        ContributedTopicFactory(topic__forum=space(slug).forum, poster=members[1], subject=f"In {slug}")
    client.get(index)
    five, response = queries_for(client, index)
    assert five == one, f"{one} queries with one space in use, {five} with five"
    assert len(html(response).select(".forum-last-post a bdi")) == 5


def test_a_space_feed_names_the_space_and_escapes_subjects_once(client, verified_user):
    forum = space("africa").forum
    ContributedTopicFactory(topic__forum=forum, poster=verified_user, subject="Droits & <b>travail</b>")
    with translation.override("fr"):
        url = reverse(
            "forum_feeds:forum_latest_topics_with_descendants",
            kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk},
        )
    feed = client.get(url).content.decode()
    name = region_names("fr")["africa"]
    assert f"<title>{name} • Droits &amp; &lt;b&gt;travail&lt;/b&gt;</title>" in feed


def test_a_space_feed_holds_its_newest_topics_at_a_fixed_cost(client, members):
    """A reader follows the latest topics; a bot fetching the feed of a space
    with a long history costs the same as one of a new space."""
    forum = space("africa").forum
    url = reverse(
        "forum_feeds:forum_latest_topics_with_descendants",
        kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk},
    )
    for n in range(3):
        ContributedTopicFactory(topic__forum=forum, poster=members[n % 3], subject=f"Early topic {n}")
    client.get(url)
    few, _response = queries_for(client, url)
    for n in range(3, TOPICS_IN_FEED + 5):
        ContributedTopicFactory(topic__forum=forum, poster=members[n % 3], subject=f"Later topic {n}")
    many, response = queries_for(client, url)
    feed = BeautifulSoup(response.content, "xml")
    subjects = [item.title.get_text() for item in feed.find_all("item")]
    assert len(subjects) == TOPICS_IN_FEED
    assert subjects[0].endswith(f"Later topic {TOPICS_IN_FEED + 4}")  # newest first
    assert not any(subject.endswith("Early topic 0") for subject in subjects)
    assert many == few, f"{few} queries with 3 topics, {many} with {TOPICS_IN_FEED + 5}"


@pytest.mark.parametrize(
    ("language", "expected"), [("ar", "2 تموز/يوليو 2024"), ("fr", "2 juillet 2024"), ("en", "2 July 2024")]
)
def test_dates_in_the_spaces_read_like_the_rest_of_the_site(client, members, language, expected):
    forum = space("arab-states").forum
    topic = ContributedTopicFactory(topic__forum=forum, poster=members[0], subject="Pathways").topic
    moment = datetime.datetime(2024, 7, 2, 10, 0, tzinfo=datetime.UTC)
    Topic.objects.filter(pk=topic.pk).update(created=moment)
    Post.objects.filter(topic=topic).update(created=moment)
    for url in (forum_url(forum, language), f"{forum_url(forum, language)}topic/{topic.slug}-{topic.pk}/"):
        assert expected in html(client.get(url)).main.get_text(" ", strip=True), url


# ---------------------------------------------------------------- poll results under the CSP


@pytest.mark.parametrize("language", ["en", "ar"])
def test_poll_result_bars_need_no_inline_style(client, verified_user, django_user_model, language):
    TopicPoll = get_model("forum_polls", "TopicPoll")
    TopicPollOption = get_model("forum_polls", "TopicPollOption")
    TopicPollVote = get_model("forum_polls", "TopicPollVote")
    topic = ContributedTopicFactory(
        topic__forum=space().forum, poster=verified_user, subject="Which objective first?"
    ).topic
    poll = TopicPoll.objects.create(topic=topic, question="Which objective first?")
    first = TopicPollOption.objects.create(poll=poll, text="Fair recruitment")
    second = TopicPollOption.objects.create(poll=poll, text="Regular pathways")
    for number in range(3):
        voter = UserFactory(username=f"voter{number}", email=f"v{number}@example.org", password="pw")
        TopicPollVote.objects.create(poll_option=first if number else second, voter=voter)

    url = f"/{language}/forum/forum/{topic.forum.slug}-{topic.forum_id}/topic/{topic.slug}-{topic.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    # The page's policy forbids inline styles, so a bar drawn with one stays empty.
    style_src = next(
        part
        for part in response["Content-Security-Policy"].split(";")
        if part.strip().startswith("style-src")
    )
    assert "'unsafe-inline'" not in style_src
    results = html(response).select_one(".poll-results")
    assert results is not None
    assert results.find(style=True) is None
    meters = {
        m.find_previous("label").get_text(strip=True): float(m["value"]) for m in results.select("meter")
    }
    assert meters == {
        "Fair recruitment": pytest.approx(66.666, abs=0.01),
        "Regular pathways": pytest.approx(33.333, abs=0.01),
    }
    assert all(m["min"] == "0" and m["max"] == "100" for m in results.select("meter"))
