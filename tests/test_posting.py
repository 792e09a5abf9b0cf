"""Posting contributions: machina's topics and replies with a type, GCM
objectives, a language and the author's profile as it was when posting."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation
from machina.core.db.models import get_model

from forum.models import Contribution, ContributionKind, Reclassification, RegionalSpace
from hub.models import Country, GcmObjective, StakeholderGroup
from tests.factories import ContributedReplyFactory, StakeholderProfileFactory, UserFactory
from tests.forum_urls import post_create_url, topic_url

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

ARABIC_BODY = "نوصي بتوسيع المسارات النظامية للهجرة وتيسير الاعتراف بالمهارات والمؤهلات في بلدان المقصد."
FRENCH_BODY = (
    "Nous recommandons d'élargir les voies de migration régulière et de reconnaître les compétences."
)
ENGLISH_BODY = "We recommend widening regular pathways and recognising the skills of the people who move."


# ---------------------------------------------------------------- helpers


def space(slug="arab-states"):
    return RegionalSpace.objects.select_related("forum").get(region__slug=slug)


def english(model, slug):
    return model.objects.in_default_locale().get(slug=slug)


@pytest.fixture
def profile(verified_user):
    return StakeholderProfileFactory(
        user=verified_user,
        display_name="Amina B.",
        organisation="Réseau des associations de migrants",
        stakeholder_group=english(StakeholderGroup, "civil-society"),
        country=Country.objects.get(code="TN"),
        languages="ar,fr",
    )


@pytest.fixture
def signed_in_author(client, verified_user, profile, settings):
    """The verified stakeholder, signed in, as an established account: its
    posts need no approval (the topic page lists approved posts only) and
    only the established accounts' posting pace applies (forum.policy)."""
    settings.FORUM_NEW_ACCOUNT_DAYS = 0
    settings.FORUM_NEW_ACCOUNT_APPROVED_POSTS = 0
    settings.FORUM_PREMODERATE_APPROVED_POSTS = 0
    client.force_login(verified_user)
    return verified_user


def a_minute_later():
    """Past the posting pace limits of forum.policy (one post per few seconds)."""
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=1), tick=False)


@pytest.fixture
def moderator(django_user_model):
    return UserFactory(username="moderator", email="mod@example.org", password="x", moderates=["arab-states"])


def topic_create_url(language="en", forum=None):
    forum = forum or space().forum
    with translation.override(language):
        return reverse(
            "forum_conversation:topic_create", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk}
        )


def post_update_url(post, language="en"):
    topic = post.topic
    with translation.override(language):
        if post.is_topic_head:
            return reverse(
                "forum_conversation:topic_update",
                kwargs={
                    "forum_slug": topic.forum.slug,
                    "forum_pk": topic.forum.pk,
                    "slug": topic.slug,
                    "pk": topic.pk,
                },
            )
        return reverse(
            "forum_conversation:post_update",
            kwargs={
                "forum_slug": topic.forum.slug,
                "forum_pk": topic.forum.pk,
                "topic_slug": topic.slug,
                "topic_pk": topic.pk,
                "pk": post.pk,
            },
        )


def form_data(
    subject="Regular pathways", content=ENGLISH_BODY, kind="comment", objectives=(), language="", **extra
):
    data = {
        "contribution_metadata": "1",
        "subject": subject,
        "content": content,
        "kind": kind,
        "language": language,
        "enable_signature": "",
    }
    data["objectives"] = [str(n) for n in objectives]
    # machina's attachment and poll formsets, empty (moderators may attach files).
    for prefix in ("attachment", "poll"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(extra)
    return data


def post_topic(client, ui="en", **fields):
    response = client.post(topic_create_url(ui), form_data(**fields))
    assert_saved(response)
    return Topic.objects.latest("pk")


def assert_saved(response):
    """Redirected to the topic, not back to the form nor to the sign-in page."""
    assert response.status_code == 302, errors(response)
    assert "/forum/" in response.url and "login" not in response.url, response.url


def errors(response):
    form = response.context["post_form"] if response.context else None
    return form.errors if form is not None else response.status_code


def page(response):
    return BeautifulSoup(response.content, "html.parser")


# ---------------------------------------------------------------- posting in each language


@pytest.mark.parametrize(
    ("ui", "body", "chosen", "expected", "detected"),
    [
        ("ar", ARABIC_BODY, "", "ar", True),
        ("en", ENGLISH_BODY, "en", "en", False),
        ("fr", FRENCH_BODY, "", "fr", True),
        ("fr", ARABIC_BODY, "ar", "ar", False),
    ],
    ids=["arabic-detected", "english-chosen", "french-detected", "arabic-chosen-in-french-ui"],
)
def test_posting_a_topic_with_metadata_in_each_language(
    client, signed_in_author, ui, body, chosen, expected, detected
):
    form = client.get(topic_create_url(ui))
    assert form.status_code == 200
    html = page(form)
    assert html.find("input", {"name": "kind", "value": "comment", "checked": True})
    labels = [label.get_text(strip=True) for label in html.select("#div_id_objectives label")]
    fifth = GcmObjective.objects.filter(number=5, locale__language_code=ui).get()
    assert f"5. {fifth.name}" in labels

    topic = post_topic(client, ui, content=body, kind="recommendation", objectives=[5, 6], language=chosen)

    contribution = Contribution.objects.get(post=topic.first_post)
    assert contribution.space == space()
    assert contribution.kind == "recommendation"
    # Always the English rows, whatever language the author wrote in.
    assert [(o.number, o.locale.language_code) for o in contribution.objectives.order_by("number")] == [
        (5, "en"),
        (6, "en"),
    ]
    assert (contribution.language, contribution.language_detected) == (expected, detected)


def test_a_reply_carries_its_own_metadata(client, signed_in_author):
    topic = post_topic(client, "en", kind="question")
    with a_minute_later():
        response = client.post(
            post_create_url(topic, "ar"),
            form_data(subject="رد", content=ARABIC_BODY, kind="good-practice", objectives=[16]),
        )
    assert_saved(response)
    reply = topic.posts.order_by("-pk").first()
    assert not reply.is_topic_head
    contribution = reply.contribution
    assert (contribution.kind, contribution.language, contribution.language_detected) == (
        "good-practice",
        "ar",
        True,
    )
    assert list(contribution.objectives.values_list("number", flat=True)) == [16]
    assert topic.first_post.contribution.kind == "question"


def test_the_type_defaults_to_comment_and_unknown_values_are_refused(client, signed_in_author):
    response = client.post(topic_create_url(), form_data(kind="spam", objectives=[99]))
    assert response.status_code == 200
    form = response.context["post_form"]
    assert set(form.errors) == {"kind", "objectives"}
    assert not Contribution.objects.exists()


def test_the_contribution_keeps_the_profile_as_it_was(client, signed_in_author, profile):
    topic = post_topic(client)
    contribution = topic.first_post.contribution
    snapshot = (
        contribution.author_name,
        contribution.organisation,
        contribution.stakeholder_group,
        contribution.country,
    )
    assert snapshot == ("Amina B.", profile.organisation, profile.stakeholder_group, profile.country)

    profile.display_name = "Amina Ben Salah"
    profile.organisation = "Another organisation"
    profile.stakeholder_group = english(StakeholderGroup, "migrants")
    profile.country = Country.objects.get(code="FR")
    profile.save()
    # Editing the post afterwards does not take the new profile either.
    response = client.post(
        post_update_url(topic.first_post), form_data(content="Edited text.", update_reason="")
    )
    assert_saved(response)

    contribution.refresh_from_db()
    assert (
        contribution.author_name,
        contribution.organisation,
        contribution.stakeholder_group,
        contribution.country,
    ) == snapshot


def test_the_metadata_appears_on_the_topic_page(client, signed_in_author):
    topic = post_topic(client, "fr", content=FRENCH_BODY, kind="recommendation", objectives=[5, 6])
    for ui, group_name in [("fr", "Société civile"), ("ar", "المجتمع المدني"), ("en", "Civil society")]:
        html = page(client.get(topic_url(topic, ui)))
        post = html.find("article", id=str(topic.first_post.pk))
        meta = post.select_one(".contribution-meta")
        assert meta.select_one(".contribution-kind")["data-kind"] == "recommendation"
        with translation.override(ui):
            kind_label = str(ContributionKind.RECOMMENDATION.label)
        assert meta.select_one(".contribution-kind").get_text(strip=True) == kind_label
        assert [o["data-objective"] for o in meta.select(".contribution-objective")] == ["5", "6"]
        fifth = GcmObjective.objects.get(number=5, locale__language_code=ui)
        assert fifth.name in meta.select_one(".contribution-objective").get_text()
        assert group_name in meta.select_one(".contribution-group").get_text()
        assert (
            "Réseau des associations de migrants" in meta.select_one(".contribution-organisation").get_text()
        )
        assert meta.select_one(".contribution-country").get_text(strip=True)
        assert "Français" in meta.select_one(".contribution-language").get_text()
        body = post.select_one(".post-content")
        assert (body["lang"], body["dir"]) == ("fr", "auto")
        assert post.select_one(".contribution-organisation bdi")


# ---------------------------------------------------------------- the length cap


def test_an_over_long_body_is_refused_and_kept(client, signed_in_author):
    body = "x" * 32_001
    response = client.post(topic_create_url(), form_data(content=body, kind="report", objectives=[3]))
    assert response.status_code == 200
    form = response.context["post_form"]
    assert "32,001" in form.errors["content"][0] and "32,000" in form.errors["content"][0]
    html = page(response)
    assert html.find("textarea", {"name": "content"}).get_text().strip() == body
    assert html.find("input", {"name": "kind", "value": "report", "checked": True})
    assert html.find("input", {"name": "objectives", "value": "3", "checked": True})
    assert not Topic.objects.filter(forum=space().forum).exists()


def test_the_length_error_is_translated(client, signed_in_author):
    response = client.post(topic_create_url("fr"), form_data(content="x" * 32_001))
    assert response.status_code == 200
    assert "32 000" in response.context["post_form"].errors["content"][0].replace("\u202f", " ").replace(
        "\xa0", " "
    )


def test_a_body_at_the_cap_is_accepted(client, signed_in_author):
    topic = post_topic(client, content="y" * 32_000)
    assert len(topic.first_post.content.raw) == 32_000


# ---------------------------------------------------------------- the edit window


def test_the_author_edits_text_and_metadata_within_the_window(client, signed_in_author):
    topic = post_topic(client, kind="comment", language="en")
    post = topic.first_post
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=23), tick=False):
        assert client.get(topic_url(topic)).status_code == 200
        response = client.post(
            post_update_url(post),
            form_data(content=FRENCH_BODY, kind="pledge", objectives=[23], language="fr", update_reason=""),
        )
    assert_saved(response)
    post.refresh_from_db()
    contribution = post.contribution
    assert post.content.raw == FRENCH_BODY
    assert (contribution.kind, contribution.language) == ("pledge", "fr")
    assert list(contribution.objectives.values_list("number", flat=True)) == [23]
    # The author's own changes are not re-classifications.
    assert not Reclassification.objects.exists()


def test_the_author_cannot_edit_after_the_window(client, signed_in_author):
    topic = post_topic(client)
    post = topic.first_post
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25), tick=False):
        html = page(client.get(topic_url(topic)))
        assert not html.select(f"article[id='{post.pk}'] .post-controls a.btn-outline-warning")
        assert client.get(post_update_url(post)).status_code == 403
        response = client.post(post_update_url(post), form_data(content="Too late.", update_reason=""))
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.content.raw == ENGLISH_BODY


def test_the_window_is_a_setting(client, signed_in_author, settings):
    settings.CONTRIBUTION_EDIT_WINDOW_HOURS = 1
    topic = post_topic(client)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
        assert client.get(post_update_url(topic.first_post)).status_code == 403


def test_a_reply_has_the_same_window(client, signed_in_author, verified_user):
    topic = post_topic(client)
    reply = ContributedReplyFactory(
        topic=topic,
        poster=verified_user,
        created=timezone.now() - datetime.timedelta(days=2),
        contribution__kind="comment",
    )
    assert client.get(post_update_url(reply)).status_code == 403
    fresh = ContributedReplyFactory(topic=topic, poster=verified_user, contribution__kind="comment")
    assert client.get(post_update_url(fresh)).status_code == 200


def test_another_user_cannot_edit(client, signed_in_author, django_user_model):
    topic = post_topic(client)
    other = UserFactory(username="other", password="x")
    client.force_login(other)
    assert client.get(post_update_url(topic.first_post)).status_code == 403
    response = client.post(post_update_url(topic.first_post), form_data(kind="pledge", update_reason=""))
    assert response.status_code == 403
    assert Contribution.objects.get(post=topic.first_post).kind == "comment"
    html = page(client.get(topic_url(topic)))
    assert not html.select(".post-controls a.btn-outline-warning")
    assert not html.select(".reclassification-log")


def test_a_moderator_of_another_region_cannot_edit(client, signed_in_author, django_user_model):
    topic = post_topic(client)
    outsider = UserFactory(username="mod-africa", email="ma@example.org", password="x", moderates=["africa"])
    client.force_login(outsider)
    assert client.post(post_update_url(topic.first_post), form_data(kind="pledge")).status_code == 403


def test_anonymous_visitors_cannot_edit(client, signed_in_author):
    topic = post_topic(client)
    client.logout()
    response = client.get(post_update_url(topic.first_post))
    assert response.status_code in (302, 403)
    assert Contribution.objects.get(post=topic.first_post).kind == "comment"


# ---------------------------------------------------------------- re-classification by moderators


def test_a_moderators_reclassification_is_logged_and_shown(client, signed_in_author, moderator):
    topic = post_topic(client, content=ENGLISH_BODY, kind="comment", objectives=[5], language="en")
    post = topic.first_post
    client.force_login(moderator)
    later = timezone.now() + datetime.timedelta(days=3)
    with time_machine.travel(later, tick=False):
        response = client.post(
            post_update_url(post),
            form_data(
                content=ENGLISH_BODY,
                kind="recommendation",
                objectives=[5, 6],
                language="fr",
                update_reason="",
            ),
        )
    assert_saved(response)

    entry = Reclassification.objects.get()
    assert entry.changed_by == moderator
    assert entry.contribution.post == post
    assert entry.changes == {
        "kind": {"before": "comment", "after": "recommendation"},
        "objectives": {"before": [5], "after": [5, 6]},
        "language": {"before": "en", "after": "fr"},
    }

    log = page(client.get(topic_url(topic))).select_one(f"article[id='{post.pk}'] .reclassification-log")
    text = log.get_text(" ", strip=True)
    assert "moderator" in text
    assert "Comment → Recommendation" in text
    assert "5 → 5, 6" in text
    assert "English → Français" in text

    # Changing only the text is not a re-classification.
    response = client.post(
        post_update_url(post),
        form_data(
            content="Shorter.", kind="recommendation", objectives=[5, 6], language="fr", update_reason=""
        ),
    )
    assert_saved(response)
    assert Reclassification.objects.count() == 1


def test_only_moderators_see_the_log(client, signed_in_author, moderator):
    topic = post_topic(client, kind="comment")
    client.force_login(moderator)
    client.post(post_update_url(topic.first_post), form_data(kind="question", update_reason=""))
    assert Reclassification.objects.count() == 1
    client.force_login(signed_in_author)
    assert not page(client.get(topic_url(topic))).select(".reclassification-log")
    client.logout()
    assert not page(client.get(topic_url(topic))).select(".reclassification-log")


def test_a_moderator_edits_a_reply_any_time(client, signed_in_author, moderator, verified_user):
    topic = post_topic(client)
    reply = ContributedReplyFactory(
        topic=topic,
        poster=verified_user,
        created=timezone.now() - datetime.timedelta(days=90),
        contribution__kind="report",
    )
    client.force_login(moderator)
    html = page(client.get(topic_url(topic)))
    assert html.select(f"article[id='{reply.pk}'] .post-controls a.btn-outline-warning")
    response = client.post(
        post_update_url(reply), form_data(content="Moderated.", kind="good-practice", update_reason="")
    )
    assert_saved(response)
    entry = Reclassification.objects.get()
    assert entry.changes["kind"] == {"before": "report", "after": "good-practice"}


# ---------------------------------------------------------------- approval and the policy hooks


def test_a_new_accounts_first_post_waits_for_approval(client, verified_user, profile):
    client.force_login(verified_user)
    assert_saved(client.post(topic_create_url(), form_data()))
    topic = Topic.objects.latest("pk")
    assert not topic.approved and not topic.first_post.approved
    assert topic.first_post.contribution.kind == "comment"
    # Its author sees it, marked pending; other readers do not.
    mine = page(client.get(topic_url(topic))).find("article", id=str(topic.first_post.pk))
    assert mine.select_one(".post-pending") and mine.select_one(".contribution-meta")
    client.logout()
    assert not page(client.get(topic_url(topic))).find("article", id=str(topic.first_post.pk))


def test_a_held_topic_says_only_that_it_waits_and_opens_on_its_own_page(client, verified_user, profile):
    # Not "published successfully" and "will be reviewed" at once, nor the
    # space's list where the topic is not: its own page, which its author sees.
    client.force_login(verified_user)
    response = client.post(topic_create_url("ar"), form_data(), follow=True)
    topic = Topic.objects.latest("pk")
    assert not topic.approved
    assert response.redirect_chain[-1][0] == topic_url(topic, "ar")
    said = " ".join(m.message for m in response.context["messages"])
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]
    assert "نُشرت" not in said and "بنجاح" not in said
    assert "مشرف" in said
    assert page(response).select_one(".post-pending")


def test_a_published_topic_says_it_is_published(client, signed_in_author):
    response = client.post(topic_create_url(), form_data(), follow=True)
    topic = Topic.objects.latest("pk")
    assert topic.approved
    assert response.redirect_chain[-1][0] == topic_url(topic)
    assert [m.message for m in response.context["messages"]] == ["This message has been posted successfully."]


def test_a_held_reply_says_only_that_it_waits(client, signed_in_author, verified_user, settings):
    topic = post_topic(client)
    client.get(topic_url(topic))  # reads the topic's own message
    settings.FORUM_PREMODERATE_APPROVED_POSTS = 5  # too few approved posts yet: the reply is held
    with a_minute_later():
        response = client.post(
            post_create_url(topic), form_data(subject="Re", content=FRENCH_BODY), follow=True
        )
    reply = Post.objects.latest("pk")
    assert not reply.is_topic_head and not reply.approved
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]


def test_a_moderator_of_another_space_waits_for_approval_there(client, verified_user, profile):
    """A new account moderating Africa posts in the Arab States as any new
    account does: held for a moderator of the Arab States."""
    verified_user.groups.add(space("africa").moderators)
    client.force_login(verified_user)
    assert_saved(client.post(topic_create_url(), form_data()))
    topic = Topic.objects.latest("pk")
    assert topic.forum == space().forum
    assert not topic.approved and not topic.first_post.approved
    # At home, the same moderator publishes at once.
    assert_saved(client.post(topic_create_url(forum=space("africa").forum), form_data(subject="At home")))
    assert Topic.objects.latest("pk").approved


def test_a_policy_error_becomes_a_form_error(client, signed_in_author, monkeypatch):
    from forum import policy

    monkeypatch.setattr(
        policy, "posting_error", lambda user, forum, body, *, new_topic: f"new_topic={new_topic}"
    )
    response = client.post(topic_create_url(), form_data())
    assert response.status_code == 200
    assert response.context["post_form"].non_field_errors() == ["new_topic=True"]
    assert not Topic.objects.filter(forum=space().forum).exists()


def test_needs_approval_decides_for_replies(client, signed_in_author, monkeypatch):
    from forum import policy

    topic = post_topic(client)
    monkeypatch.setattr(policy, "needs_approval", lambda user, space: True)
    with a_minute_later():
        assert_saved(client.post(post_create_url(topic), form_data(subject="Re", content="A reply.")))
    reply = topic.posts.order_by("-pk").first()
    assert not reply.is_topic_head and not reply.approved


def test_a_post_without_metadata_takes_its_posters_profile(
    client, signed_in_author, moderator, verified_user
):
    topic = post_topic(client)
    legacy = Post.objects.create(
        topic=topic, poster=verified_user, subject="Old", content="Old text.", approved=True
    )
    client.force_login(moderator)
    response = client.post(
        post_update_url(legacy), form_data(content="Old text.", kind="report", update_reason="")
    )
    assert_saved(response)
    contribution = Contribution.objects.get(post=legacy)
    assert (contribution.author_name, contribution.kind) == ("Amina B.", "report")


# ---------------------------------------------------------------- language detection


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ARABIC_BODY, "ar"),
        ("شكرا", "ar"),
        (f"انظر https://example.org/report-2024.pdf {ARABIC_BODY}", "ar"),
        ("**نوصي** بـ [الهدف 5](https://example.org)", "ar"),
        (FRENCH_BODY, "fr"),
        (ENGLISH_BODY, "en"),
        ("", "fr"),
        ("2024 — 5, 6 !", "fr"),
    ],
)
def test_detect_language(text, expected):
    from forum.posting.language import detect_language

    assert detect_language(text, fallback="fr") == expected


def test_detection_falls_back_to_a_site_language():
    from forum.posting.language import detect_language

    assert detect_language("", fallback="en-us") == "en"
    assert detect_language("", fallback="de") == "en"


def test_the_pace_limits_of_the_policy_apply(client, signed_in_author):
    post_topic(client)
    response = client.post(topic_create_url(), form_data(subject="Another", content="Another text."))
    assert response.status_code == 200
    assert response.context["post_form"].non_field_errors()


def test_an_update_without_the_metadata_fields_keeps_the_metadata(client, signed_in_author):
    topic = post_topic(client, kind="report", objectives=[3], language="fr", content=FRENCH_BODY)
    data = form_data(content="Edited without our fields.", update_reason="")
    for name in ("contribution_metadata", "kind", "objectives", "language"):
        data.pop(name)
    assert_saved(client.post(post_update_url(topic.first_post), data))
    contribution = Contribution.objects.get(post=topic.first_post)
    assert (contribution.kind, contribution.language) == ("report", "fr")
    assert list(contribution.objectives.values_list("number", flat=True)) == [3]


@pytest.mark.parametrize(("language", "prefix"), [("ar", "رد: "), ("en", "Re: "), ("fr", "Re : ")])
def test_the_reply_form_suggests_a_subject_in_the_readers_language(
    client, signed_in_author, language, prefix
):
    topic = post_topic(client, subject="Regular pathways")
    form = page(client.get(post_create_url(topic, language)))
    assert form.select_one("input[name=subject]")["value"] == f"{prefix}Regular pathways"
