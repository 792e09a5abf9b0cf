"""Stakeholder profiles: asked at sign-up, completed when missing, edited,
and shown publicly with the person's visible contributions, never the e-mail."""

import factory
import pytest
from bs4 import BeautifulSoup
from django.core import mail
from machina.core.db.models import get_model

from forum.models import RegionalSpace, StakeholderProfile
from forum.profiles.forms import collation_key
from hub.models import Country, StakeholderGroup
from tests.factories import (
    ContributedTopicFactory,
    StakeholderProfileFactory,
    UserFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")
ForumPermission = get_model("forum_permission", "ForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

PASSWORD = "a-long-pass-phrase-2024"


def english_group(slug):
    return StakeholderGroup.objects.in_default_locale().get(slug=slug)


def page(response):
    return BeautifulSoup(response.content, "html.parser")


class ProfileFactory(StakeholderProfileFactory):
    """A full profile, every field filled in."""

    display_name = "Amina Haddad"
    organisation = "Réseau des migrantes"
    country = factory.LazyFunction(lambda: Country.objects.get(code="MA"))
    languages = "ar,fr"


class FrenchContributionFactory(ContributedTopicFactory):
    """A French recommendation opening its topic, as the profile pages list them."""

    content = "Les travailleurs saisonniers ont besoin de visas."
    contribution__language = "fr"


def space_forum(slug="arab-states"):
    return RegionalSpace.objects.select_related("forum").get(region__slug=slug).forum


def closed_forum():
    """A forum that neither visitors nor ordinary members may see or read."""
    forum = Forum.objects.create(name="Staff room", type=Forum.FORUM_POST)
    for codename in ("can_see_forum", "can_read_forum"):
        permission, _created = ForumPermission.objects.get_or_create(codename=codename)
        for who in ({"anonymous_user": True}, {"authenticated_user": True}):
            UserForumPermission.objects.create(permission=permission, forum=forum, has_perm=False, **who)
    return forum


# ------------------------------------------------------------------ sign-up


def test_sign_up_asks_the_profile_in_the_readers_language(client):
    response = client.get("/ar/accounts/signup/")
    html = page(response)
    group_labels = [o.get_text(strip=True) for o in html.select("select[name=stakeholder_group] option")]
    assert "المجتمع المدني" in group_labels
    assert "Civil society" not in group_labels
    country_labels = [o.get_text(strip=True) for o in html.select("select[name=country] option")][1:]
    assert "المغرب" in country_labels
    assert country_labels == sorted(country_labels, key=collation_key)
    assert country_labels.index("الأردن") < country_labels.index("المغرب")

    # Bootstrap fields, the reader's language ticked by default
    assert "form-control" in html.select_one("input[name=display_name]")["class"]
    assert html.select_one("input[name=display_name]")["dir"] == "auto"
    assert "form-select" in html.select_one("select[name=stakeholder_group]")["class"]
    assert [i["value"] for i in html.select("input[name=languages][checked]")] == ["ar"]
    # the account first, then the person; addresses read left to right
    names = [f["name"] for f in html.select("form[action='/ar/accounts/signup/'] [name]")]
    assert names.index("password2") < names.index("display_name") < names.index("languages")
    assert html.select_one("input[name=email]")["dir"] == "ltr"


def test_french_country_names_sort_without_regard_to_accents(client):
    html = page(client.get("/fr/accounts/signup/"))
    labels = [o.get_text(strip=True) for o in html.select("select[name=country] option")][1:]
    assert labels.index("Équateur") < labels.index("Éthiopie") < labels.index("Fidji")
    assert labels.index("Égypte") < labels.index("Espagne")


def test_sign_up_creates_the_profile_and_sends_the_confirmation(client, django_user_model):
    group = english_group("migrant-and-diaspora-organisations")
    country = Country.objects.get(code="SN")
    response = client.post(
        "/fr/accounts/signup/",
        {
            "email": "awa@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "  Awa Ndiaye ",
            "organisation": "Diaspora sénégalaise de Lyon",
            "stakeholder_group": group.pk,
            "country": country.pk,
            "languages": ["fr", "en"],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/confirm-email/"
    profile = StakeholderProfile.objects.get(user__email="awa@example.org")
    assert profile.display_name == "Awa Ndiaye"
    assert profile.organisation == "Diaspora sénégalaise de Lyon"
    assert profile.stakeholder_group == group
    assert profile.country == country
    assert profile.languages == "en,fr"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["awa@example.org"]
    assert "/fr/accounts/confirm-email/" in mail.outbox[0].body


def test_arabic_sign_up_error_keeps_what_was_typed(client, django_user_model):
    country = Country.objects.get(code="JO")
    response = client.post(
        "/ar/accounts/signup/",
        {
            "email": "layla@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "ليلى منصور",
            "organisation": "جمعية العمال المهاجرين",
            "stakeholder_group": "",  # forgotten
            "country": country.pk,
            "languages": ["ar", "en"],
        },
    )
    assert response.status_code == 200
    assert not django_user_model.objects.filter(email="layla@example.org").exists()
    html = page(response)
    assert html.html["dir"] == "rtl"
    assert html.select_one("input[name=email]")["value"] == "layla@example.org"
    assert html.select_one("input[name=display_name]")["value"] == "ليلى منصور"
    assert html.select_one("input[name=organisation]")["value"] == "جمعية العمال المهاجرين"
    assert html.select_one("select[name=country] option[selected]")["value"] == str(country.pk)
    assert sorted(i["value"] for i in html.select("input[name=languages][checked]")) == ["ar", "en"]
    group = html.select_one("select[name=stakeholder_group]")
    assert "is-invalid" in group["class"]
    assert html.select_one("#id_stakeholder_group-errors").get_text(strip=True) == "هذا الحقل مطلوب."


def test_sign_up_rejects_a_blank_display_name_and_an_unknown_group(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "x@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "\u202e  ",
            "stakeholder_group": "999999",
        },
    )
    assert response.status_code == 200
    html = page(response)
    assert html.select_one("#id_display_name-errors")
    assert html.select_one("#id_stakeholder_group-errors")
    assert not StakeholderProfile.objects.exists()


# ------------------------------------------------------------------ completing a missing profile


def test_an_account_without_a_profile_completes_it_before_posting_and_returns(client, verified_user):
    client.force_login(verified_user)
    forum = space_forum()
    target = f"/en/forum/forum/{forum.slug}-{forum.pk}/topic/create/"
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/forum/member/profile/edit/?next=")

    form_page = client.get(response["Location"])
    assert form_page.status_code == 200
    html = page(form_page)
    assert html.select_one("h1").get_text(strip=True) == "Complete your profile"
    assert html.select_one("input[name=next]")["value"] == target

    response = client.post(
        "/en/forum/member/profile/edit/",
        {
            "next": target,
            "display_name": "Amina",
            "stakeholder_group": english_group("migrants").pk,
            "languages": ["ar"],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == target
    assert StakeholderProfile.objects.get(user=verified_user).display_name == "Amina"
    assert client.get(target).status_code == 200


def test_reading_the_spaces_never_needs_a_profile(client, verified_user, staff_user, django_user_model):
    # Staff and moderators read the spaces to do their work; a member who
    # signed up before profiles reads them like any visitor.
    moderator = UserFactory(username="mod", email="mod@example.org", password="x", moderates=["arab-states"])
    forum = space_forum()
    for person in (verified_user, staff_user, moderator):
        client.force_login(person)
        assert client.get("/en/forum/").status_code == 200
        response = client.get(f"/en/forum/forum/{forum.slug}-{forum.pk}/")
        assert response.status_code == 200, person
        assert not StakeholderProfile.objects.filter(user=person).exists()


def test_staff_and_a_spaces_own_moderators_post_there_without_a_profile(
    client, staff_user, django_user_model
):
    # They post for the network, not for a stakeholder group; a moderator
    # posting in another region's space takes part there as a stakeholder.
    moderator = UserFactory(username="mod", email="mod@example.org", password="x", moderates=["arab-states"])
    arab_states, africa = space_forum("arab-states"), space_forum("africa")
    client.force_login(staff_user)
    assert client.get(f"/en/forum/forum/{africa.slug}-{africa.pk}/topic/create/").status_code == 200
    client.force_login(moderator)
    assert client.get(f"/en/forum/forum/{arab_states.slug}-{arab_states.pk}/topic/create/").status_code == 200
    response = client.get(f"/en/forum/forum/{africa.slug}-{africa.pk}/topic/create/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/forum/member/profile/edit/?next=")


def test_profile_form_never_returns_to_another_site(client, verified_user):
    client.force_login(verified_user)
    response = client.post(
        "/en/forum/member/profile/edit/?next=https://evil.example/",
        {"display_name": "Amina", "stakeholder_group": english_group("migrants").pk},
    )
    assert response["Location"] == f"/en/forum/member/profile/{verified_user.pk}/"


def test_visitors_and_profiled_members_are_not_sent_away(client, verified_user):
    assert client.get("/en/forum/").status_code == 200
    ProfileFactory(user=verified_user)
    client.force_login(verified_user)
    assert client.get("/en/forum/").status_code == 200


def test_profile_required_decorator(rf, verified_user):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from forum.profiles import profile_required

    view = profile_required(lambda request: HttpResponse("posted"))
    request = rf.post("/en/forum/somewhere/", HTTP_REFERER="http://testserver/en/forum/topic/1/")
    request.user = verified_user
    response = view(request)
    assert response.status_code == 302
    assert (
        response["Location"]
        == "/en/forum/member/profile/edit/?next=http%3A%2F%2Ftestserver%2Fen%2Fforum%2Ftopic%2F1%2F"
    )

    request = rf.get("/en/forum/")
    request.user = AnonymousUser()
    assert view(request).content == b"posted"
    ProfileFactory(user=verified_user)
    request.user = verified_user
    assert view(request).content == b"posted"


# ------------------------------------------------------------------ editing


def test_the_profile_page_edits_the_profile(client, verified_user):
    ProfileFactory(user=verified_user)
    client.force_login(verified_user)
    html = page(client.get("/fr/forum/member/profile/edit/"))
    assert html.select_one("input[name=display_name]")["value"] == "Amina Haddad"
    assert sorted(i["value"] for i in html.select("input[name=languages][checked]")) == ["ar", "fr"]

    response = client.post(
        "/fr/forum/member/profile/edit/",
        {
            "display_name": "Amina H.",
            "organisation": "",
            "stakeholder_group": english_group("migrants").pk,
            "country": "",
            "languages": ["en"],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/fr/forum/member/profile/{verified_user.pk}/"
    profile = StakeholderProfile.objects.get(user=verified_user)
    assert (profile.display_name, profile.organisation, profile.country, profile.languages) == (
        "Amina H.",
        "",
        None,
        "en",
    )
    assert profile.stakeholder_group.slug == "migrants"


def test_editing_with_an_error_keeps_what_was_typed(client, verified_user):
    ProfileFactory(user=verified_user)
    client.force_login(verified_user)
    response = client.post(
        "/en/forum/member/profile/edit/",
        {"display_name": "", "organisation": "Nouvelle organisation", "stakeholder_group": ""},
    )
    assert response.status_code == 200
    html = page(response)
    assert html.select_one("input[name=organisation]")["value"] == "Nouvelle organisation"
    assert html.select_one("#id_display_name-errors")
    assert StakeholderProfile.objects.get(user=verified_user).organisation == "Réseau des migrantes"


def test_the_profile_page_needs_signing_in(client):
    response = client.get("/en/forum/member/profile/edit/")
    assert response.status_code == 302
    assert "/en/accounts/login/" in response["Location"]


# ------------------------------------------------------------------ the public page


@pytest.fixture
def karim(django_user_model):
    """A stakeholder whose public page the tests read."""
    user = VerifiedUserFactory(username="karim", email="karim.secret@example.org")
    ProfileFactory(user=user, display_name="Karim Benali", organisation="Union des travailleurs")
    return user


def test_the_public_page_lists_visible_contributions_only(client, karim):
    forum = space_forum()
    FrenchContributionFactory(poster=karim, topic__forum=forum, subject="Des visas pour les saisonniers")
    FrenchContributionFactory(
        poster=karim, topic__forum=forum, subject="En attente de modération", approved=False
    )
    FrenchContributionFactory(
        poster=karim,
        topic__forum=closed_forum(),
        subject="Dans un salon fermé",
        # A forum outside the regional spaces: the contribution is filed under one of them.
        contribution__space=RegionalSpace.objects.first(),
    )

    response = client.get(f"/fr/forum/member/profile/{karim.pk}/")
    assert response.status_code == 200
    text = page(response).get_text(" ", strip=True)
    assert "Karim Benali" in text
    assert "Union des travailleurs" in text
    assert "Société civile" in text  # the group in the reader's language
    assert "Maroc" in text
    assert "Des visas pour les saisonniers" in text
    assert "Recommandation" in text or "Recommendation" in text
    assert "En attente de modération" not in text
    assert "Dans un salon fermé" not in text
    assert "karim.secret" not in response.content.decode()


def test_the_author_sees_their_own_held_posts(client, karim):
    FrenchContributionFactory(
        poster=karim, topic__forum=space_forum(), subject="En attente de modération", approved=False
    )
    client.force_login(karim)
    text = page(client.get(f"/en/forum/member/profile/{karim.pk}/")).get_text(" ", strip=True)
    assert "En attente de modération" in text
    assert "Awaiting approval" in text


def test_other_members_do_not_see_held_posts(client, karim, verified_user):
    FrenchContributionFactory(
        poster=karim, topic__forum=space_forum(), subject="En attente de modération", approved=False
    )
    ProfileFactory(user=verified_user)
    client.force_login(verified_user)
    response = client.get(f"/en/forum/member/profile/{karim.pk}/")
    assert "En attente de modération" not in page(response).get_text()
    assert "karim.secret" not in response.content.decode()


def test_the_public_page_is_paginated(client, karim):
    forum = space_forum("africa")
    for n in range(23):
        FrenchContributionFactory(poster=karim, topic__forum=forum, subject=f"Contribution {n:02d}")
    first = page(client.get(f"/en/forum/member/profile/{karim.pk}/"))
    assert len(first.select(".member-contributions > li")) == 20
    assert "Contribution 22" in first.get_text()
    second = page(client.get(f"/en/forum/member/profile/{karim.pk}/?page=2"))
    assert [h.get_text(strip=True) for h in second.select(".member-contributions h3")] == [
        "Contribution 02",
        "Contribution 01",
        "Contribution 00",
    ]


def test_profile_fields_are_escaped_and_isolated(client, karim):
    profile = karim.stakeholder_profile
    profile.display_name = '<script>alert("x")</script>'
    profile.organisation = '<img src=x onerror="alert(1)">'
    profile.save()
    response = client.get(f"/ar/forum/member/profile/{karim.pk}/")
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    soup = page(response)
    assert soup.select_one("h1 bdi").get_text() == '<script>alert("x")</script>'
    assert soup.select_one(".profile-organisation bdi").get_text() == '<img src=x onerror="alert(1)">'


def test_machinas_member_links_lead_to_the_profile(client, karim):
    response = client.get(f"/en/forum/member/profile/{karim.pk}/posts/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/forum/member/profile/{karim.pk}/"
    assert client.get("/en/forum/member/profile/not-a-number/").status_code == 404
    assert client.get("/en/forum/member/profile/999999/").status_code == 404


def test_the_public_page_costs_the_same_whatever_the_number_of_contributions(client, karim):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    forum = space_forum("europe")
    FrenchContributionFactory(poster=karim, topic__forum=forum, subject="First")
    url = f"/en/forum/member/profile/{karim.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(8):
        FrenchContributionFactory(poster=karim, topic__forum=forum, subject=f"More {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_links_into_topics_and_member_pages_are_not_stopped(client, verified_user, karim):
    post = FrenchContributionFactory(
        poster=karim, topic__forum=space_forum(), subject="Des visas pour les saisonniers"
    )
    topic = post.topic
    client.force_login(verified_user)
    topic_url = f"/en/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/"
    assert client.get(topic_url).status_code == 200
    assert client.get(f"/en/forum/member/profile/{karim.pk}/").status_code == 200


def test_the_arabic_profile_page_names_each_space_in_arabic(client, karim):
    # The space a contribution was posted in is its region, in the reader's
    # language, as on every other page: not the forum's English name.
    from django.utils import translation

    from hub.models import Region

    FrenchContributionFactory(
        poster=karim, topic__forum=space_forum("arab-states"), subject="Des visas pour les saisonniers"
    )
    with translation.override("ar"):
        arabic = Region.objects.in_active_locale().get(slug="arab-states").name
    html = page(client.get(f"/ar/forum/member/profile/{karim.pk}/"))
    contribution = html.select_one(".member-contributions .contribution").get_text(" ", strip=True)
    assert arabic in contribution
    assert "Arab States" not in html.select_one("main").get_text(" ", strip=True)
