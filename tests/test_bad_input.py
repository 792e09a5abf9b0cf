"""Hostile input on every user-input path (quality targets §3.3).

What other modules already cover is not repeated here: the XSS corpus
(test_markup), formula injection (test_search_exports), upload type and
pixel-flood checks (test_attachments), search syntax per backend
(test_search_database, test_search_elasticsearch). This module runs one
corpus over every path a person can type into: open redirects (BI11),
malformed search and paging through the page, the API and the exports
(BI7, BI8), huge and deeply nested posts (BI5), bidi controls in single-line
fields (BI4), header injection in e-mails (BI12), forms that keep what was
typed with a message in the reader's language, and the one server-side fetch
the product has, Wagtail's oEmbed finder (BI10). Never a 500.
"""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError
from django.urls import reverse
from django.utils import timezone
from machina.core.db.models import get_model

from tests.factories import StakeholderFactory, TopicPostFactory, UserFactory
from tests.registration_helpers import form_data as registration_form
from tests.registration_helpers import register_url, upcoming_consultation
from tests.test_access_matrix import new_client

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

PASSWORD = "a-long-pass-phrase-2024"
EVIL = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "https:evil.example",
    "\\\\evil.example",
]


@pytest.fixture(autouse=True)
def generous_limits(settings):
    settings.SEARCH_RATE_LIMITS = {"anonymous": ((10_000, 1),), "authenticated": ((10_000, 1),)}
    settings.SEARCH_API_RATE_LIMITS = {"anonymous": "1000/s", "authenticated": "1000/s"}
    settings.SEARCH_EXPORT_RATE_LIMITS = {"anonymous": "1000/s", "authenticated": "1000/s"}


@pytest.fixture
def member(django_user_model):
    return StakeholderFactory(
        username="member",
        password=PASSWORD,
        date_joined=timezone.now() - timedelta(days=30),
        profile__display_name="Member",
    )


def signed_in(user):
    client = new_client()
    client.force_login(user)
    return client


def off_site(location):
    return "evil.example" in location


# ---------------------------------------------------------------- BI11: open redirects


@pytest.mark.parametrize("target", EVIL)
def test_login_ignores_a_next_elsewhere(member, target):
    client = new_client()
    response = client.post(
        f"/en/accounts/login/?next={target}", {"login": member.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert not off_site(response["Location"])


@pytest.mark.parametrize("target", EVIL)
def test_logout_ignores_a_next_elsewhere(member, target):
    response = signed_in(member).post("/en/accounts/logout/", {"next": target})
    assert not off_site(response.get("Location", ""))


@pytest.mark.parametrize("target", EVIL)
def test_language_switcher_ignores_a_next_elsewhere(target):
    response = new_client().post("/i18n/setlang/", {"language": "ar", "next": target}, HTTP_REFERER=target)
    assert not off_site(response.get("Location", ""))


@pytest.mark.parametrize("target", EVIL)
def test_saving_a_search_ignores_a_next_elsewhere(member, target):
    response = signed_in(member).post(reverse("search_saved:save"), {"q": "visas", "next": target})
    assert response.status_code < 500
    assert not off_site(response.get("Location", ""))


@pytest.mark.parametrize("target", EVIL)
def test_profile_form_ignores_a_next_elsewhere(member, target):
    client = signed_in(member)
    form = client.get(reverse("forum_member:profile_update") + f"?next={target}").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"display_name": "Member", "next": target})
    data["stakeholder_group"] = member.stakeholder_profile.stakeholder_group_id
    response = client.post(reverse("forum_member:profile_update") + f"?next={target}", data)
    assert response.status_code < 500
    assert not off_site(response.get("Location", ""))


@pytest.mark.parametrize("target", EVIL)
def test_registration_sign_in_comes_back_only_here(target):
    event = upcoming_consultation()
    response = new_client().get(register_url(event) + f"?next={target}")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=%2Fen%2F")


# ---------------------------------------------------------------- BI7/BI8: search, API, exports

HOSTILE_QUERIES = [
    '"unbalanced',
    "a AND",
    "NEAR(",
    "body:",
    "*",
    "(x",
    "a OR OR b",
    "^",
    "x NOT",
    "is_approved:false",
    "region:*",
    "/.*/",
    "*suffix",
    "a~10",
    " ".join(["word"] * 10_000),
    "x" * 100_000,
    "nul\x00byte",
    "\u202eevil\u202c",
    "مهاجر\u200f\u2067",
]
HOSTILE_PARAMS = [
    {"page": str(10**9)},
    {"page": "-1"},
    {"page": "abc"},
    {"from": "10001"},
    {"page_size": "10000"},
    {"size": "10000"},
    {"facet_size": "100000"},
    {"sort": "nonsense"},
    {"from": "2024-12-31", "to": "2023-01-01"},
    {"from": "99999-01-01"},
    {"objective": ["x", "999", "-1"]},
    {"region": ["nowhere"] * 1000},
    {"language": "\x00"},
    {"attachment": "maybe"},
    {"cycle": ["all", "\x00", "x" * 10_000]},
    {"type": ["<script>", "comment", "comment"]},
]
ENDPOINTS = [
    "/en/search/contributions/",
    "/ar/search/contributions/",
    "/en/search/",
    "/api/v1/contributions/",
    "/en/search/export/csv/",
    "/en/search/export/xlsx/",
    "/en/search/export/json/",
    "/en/forum/search/",
    "/en/participation/",
    "/ar/participation/",
    "/en/participation/csv/objective_by_region/",
    "/api/v1/participation/",
]
# Numbers and days past what SQLite and PostgreSQL hold, or past the calendar
# once a day or a time zone is added (hub.core.bounds).
HUGE = "9" * 20
OUT_OF_RANGE_PARAMS = [
    {"to": "9999-12-31"},
    {"from": "9999-12-31"},
    {"from": "0001-01-01"},
    {"until": "9999-12-31"},
    {"topic": HUGE},
    {"topic": "-" + HUGE},
    {"topic": str(2**63)},
    {"topic": str(2**31)},
    {"objective": HUGE},
    {"search_forums": HUGE},
    {"search_forums": [HUGE, "-1", "0"]},
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_hostile_queries_never_fail(endpoint):
    client = new_client()
    for query in HOSTILE_QUERIES:
        cache.clear()  # one export at a time per address: each request starts fresh
        response = client.get(endpoint, {"q": query})
        assert response.status_code in (200, 302, 400), (endpoint, query[:40], response.status_code)


def test_the_objective_suggestion_api_takes_hostile_texts_and_bodies(settings):
    settings.OBJECTIVE_SUGGESTION_RATE_LIMIT = ""  # the corpus is longer than a minute's allowance
    client = new_client()
    client.force_login(StakeholderFactory())
    url = "/api/v1/objective-suggestions/"
    for query in HOSTILE_QUERIES:
        for language in ("ar", "en", "fr", "\x00", "x" * 1000):
            response = client.post(
                url, {"text": query, "language": language}, content_type="application/json"
            )
            assert response.status_code in (200, 400), (query[:40], language[:5], response.status_code)
    for body in ("", "null", "[]", "{", '{"text": 1e999}', "\x00", '{"text": {"$gt": ""}}'):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 400, body
    response = client.post(url, {"text": "visas", "language": "en"})  # a form, not JSON: read the same
    assert response.status_code == 200


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_hostile_paging_and_filters_never_fail(endpoint):
    client = new_client()
    for params in HOSTILE_PARAMS:
        cache.clear()
        response = client.get(endpoint, params)
        # 302: the site search hands filtered searches to the contribution page.
        assert response.status_code in (200, 302, 400), (endpoint, params, response.status_code)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_out_of_range_ids_and_days_never_fail(endpoint):
    client = new_client()
    for params in OUT_OF_RANGE_PARAMS:
        cache.clear()
        response = client.get(endpoint, params, follow=True)
        assert response.status_code == 200, (endpoint, params, response.status_code)


@pytest.mark.parametrize(
    ("params", "told"),
    [
        ({"topic": HUGE}, f"“{HUGE}” is not a valid topic."),
        ({"objective": HUGE}, f"“{HUGE}” is not a valid objective."),
        ({"to": "9999-12-31"}, "9999-12-31 is outside the dates searched (1900-01-01 to 2999-12-31)"),
    ],
)
def test_an_out_of_range_value_is_explained_on_the_page_and_in_the_api(params, told):
    page = new_client().get("/en/search/contributions/", params)
    assert told in page.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    api = new_client().get("/api/v1/contributions/", params).json()
    assert any(told in error for error in api["errors"]), api["errors"]


def test_an_out_of_range_day_is_explained_in_arabic():
    page = new_client().get("/ar/search/contributions/", {"to": "9999-12-31"})
    alert = page.content.decode().split('id="search-errors"')[1].split("</div>")[0]
    assert "9999-12-31" in alert
    assert any("\u0600" <= ch <= "\u06ff" for ch in alert), alert


# Wagtail's pages API (/api/v2/pages/): its own parameters, each pushed past
# what it or the database takes; a 400 that says why, never a 500.
PAGES_API_PARAMS = [
    {"offset": HUGE},
    {"offset": str(2**31)},
    {"limit": "-1"},
    {"limit": HUGE},
    {"child_of": HUGE},
    {"descendant_of": str(2**63)},
    {"id": HUGE},
    {"type": "nope.Nope"},
    {"search": "\x00"},
    {"locale": "\x00"},
    {"order": "-nope"},
    {"fields": "platform_url"},
    {"html_path": "/" + "a/" * 500},
]


@pytest.mark.parametrize("params", PAGES_API_PARAMS)
@pytest.mark.parametrize("endpoint", ["/api/v2/pages/", "/api/v2/pages/find/", f"/api/v2/pages/{HUGE}/"])
def test_the_pages_api_refuses_what_it_cannot_take(endpoint, params):
    response = new_client().get(endpoint, params, follow=True)
    assert response.status_code in (200, 400, 404), (endpoint, params, response.status_code)


@pytest.mark.parametrize("endpoint", ["/en/search/contributions/", "/api/v1/contributions/"])
def test_invalid_utf8_in_the_address_never_fails(endpoint):
    response = new_client().get(f"{endpoint}?q=%ff%fe&region=%c0%af")
    assert response.status_code in (200, 400)


def test_saving_a_hostile_search_never_fails(member):
    client = signed_in(member)
    for query in [*HOSTILE_QUERIES[:6], "x" * 100_000]:
        response = client.post(reverse("search_saved:save"), {"q": query, "name": "\u202e" + query[:50]})
        assert response.status_code in (200, 302, 400)


# ---------------------------------------------------------------- BI5: huge and nested posts


def arab_forum():
    from forum.models import RegionalSpace

    return RegionalSpace.objects.select_related("forum").get(region__slug="arab-states").forum


def post_form(subject="Fair recruitment", content="We recommend fair recruitment for all."):
    data = {
        "contribution_metadata": "1",
        "subject": subject,
        "content": content,
        "kind": "comment",
        "language": "",
        "enable_signature": "",
    }
    for prefix in ("attachment", "poll"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def topic_create_url(language="en"):
    forum = arab_forum()
    return f"/{language}/forum/forum/{forum.slug}-{forum.pk}/topic/create/"


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        ("a" * 32_000, True),
        ("a" * 32_001, False),
        ("> " * 10_000 + "deep", None),
        ("- " * 5_000 + "deep", None),
        (" " * 40_000 + "$", None),
        ("x" * 30_000, True),  # one unbroken word
    ],
    ids=["cap", "cap+1", "nested-quotes", "nested-lists", "spaces", "long-word"],
)
def test_huge_posts_are_capped_or_rendered_never_a_500(member, settings, content, kept):
    settings.FORUM_NEW_ACCOUNT_DAYS = settings.FORUM_NEW_ACCOUNT_APPROVED_POSTS = 0
    settings.FORUM_PREMODERATE_APPROVED_POSTS = 0
    client = signed_in(member)
    response = client.post(topic_create_url(), post_form(content=content))
    assert response.status_code in (200, 302)
    saved = Topic.objects.filter(subject="Fair recruitment").exists()
    if kept is not None:
        assert saved is kept
    if saved:
        topic = Topic.objects.get(subject="Fair recruitment")
        page = client.get(
            f"/en/forum/forum/{topic.forum.slug}-{topic.forum_id}/topic/{topic.slug}-{topic.pk}/"
        )
        assert page.status_code == 200
    else:
        assert response.status_code == 200
        assert response.context["post_form"].errors


def test_a_body_over_the_request_limit_is_a_400(member):
    response = signed_in(member).post(topic_create_url(), post_form(content="a" * 2_700_000))
    assert response.status_code == 400


# ---------------------------------------------------------------- BI4: bidi controls in single-line fields


BIDI = "report\u202efdp.exe"


def test_a_right_to_left_override_in_a_subject_stays_inside_its_own_box(member, settings):
    settings.FORUM_NEW_ACCOUNT_DAYS = settings.FORUM_NEW_ACCOUNT_APPROVED_POSTS = 0
    settings.FORUM_PREMODERATE_APPROVED_POSTS = 0
    client = signed_in(member)
    client.post(topic_create_url(), post_form(subject=BIDI))
    topic = Topic.objects.get(forum=arab_forum(), poster=member)
    from bs4 import BeautifulSoup

    listing = BeautifulSoup(
        client.get(f"/en/forum/forum/{topic.forum.slug}-{topic.forum_id}/").content, "html.parser"
    )
    for text in listing.find_all(string=lambda s: "fdp.exe" in s):
        isolated = text.find_parent(lambda tag: tag.name == "bdi" or tag.get("dir") == "auto")
        assert isolated is not None, f"unisolated: {text.parent}"


def test_bidi_controls_in_a_display_name_are_isolated_on_the_profile(member):
    profile = member.stakeholder_profile
    profile.display_name = "Amina\u202e gnp.exe"
    profile.save()
    from bs4 import BeautifulSoup

    page = BeautifulSoup(
        new_client().get(reverse("forum_member:profile", args=[member.pk])).content, "html.parser"
    )
    texts = page.find("main").find_all(string=lambda s: "gnp.exe" in s)
    assert texts
    for text in texts:
        assert text.find_parent(lambda tag: tag.name == "bdi" or tag.get("dir") == "auto") is not None, (
            text.parent
        )


def test_arabic_bodies_are_kept_byte_for_byte(member, settings):
    settings.FORUM_NEW_ACCOUNT_DAYS = settings.FORUM_NEW_ACCOUNT_APPROVED_POSTS = 0
    settings.FORUM_PREMODERATE_APPROVED_POSTS = 0
    body = "نوصي بتعزيز \u200fوصول المهاجرين\u200e إلى الخدمات الأساسيّة."
    signed_in(member).post(topic_create_url(), post_form(content=body))
    assert Post.objects.get(poster=member).content.raw == body


# ---------------------------------------------------------------- BI12: header injection; forms keep input


def test_line_breaks_in_a_registration_name_never_reach_mail_headers(member):
    event = upcoming_consultation()
    client = signed_in(member)
    response = client.post(register_url(event), registration_form(name="Amina\r\nBcc: victim@example.org"))
    assert response.status_code in (200, 302)
    for message in mail.outbox:
        for value in (message.subject, message.from_email, *message.to, *message.extra_headers.values()):
            assert "\n" not in value and "\r" not in value
        assert not message.bcc


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_refused_registration_keeps_what_was_typed_in_the_readers_language(member, language):
    from tests.registration_helpers import arabic_consultation

    event = arabic_consultation()
    response = signed_in(member).post(
        register_url(event, language), registration_form(name="سلمى\u202e" + "x" * 500, consent=None)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "سلمى" in page
    assert response.context["form"].errors
    if language == "ar":
        assert 'dir="rtl"' in page


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_refused_topic_keeps_what_was_typed_in_the_readers_language(member, language):
    response = signed_in(member).post(
        topic_create_url(language), post_form(subject="", content="نص " * 11_000)
    )
    assert response.status_code == 200
    assert "نص نص" in response.content.decode()
    errors = str(response.context["post_form"].errors)
    if language == "ar":
        assert any("\u0600" <= ch <= "\u06ff" for ch in errors), errors


def test_a_report_with_a_huge_note_is_refused_with_the_note_kept(member, django_user_model):
    from tests.factories import TopicPostFactory, UserFactory

    post = TopicPostFactory(poster=member, topic__forum=arab_forum())
    reader = UserFactory(username="reader", email="r@example.org", password=PASSWORD)
    response = signed_in(reader).post(
        reverse("forum_flags:report", args=[post.pk]), {"reason": "spam", "note": "n" * 50_000}
    )
    assert response.status_code in (200, 400)


# ---------------------------------------------------------------- BI10: the one server-side fetch


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:22/",
        "http://[::1]/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/",
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.internal/",
    ],
)
def test_the_oembed_finder_fetches_nothing_for_unlisted_addresses(url, monkeypatch):
    """wagtail.embeds (editors only) fetches from known oEmbed providers; any
    other address is refused before a socket is opened."""
    from wagtail.embeds import embeds
    from wagtail.embeds.exceptions import EmbedNotFoundException, EmbedUnsupportedProviderException

    def no_network(*args, **kwargs):
        raise AssertionError(f"a connection was attempted for {url}")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    with pytest.raises((EmbedNotFoundException, EmbedUnsupportedProviderException)):
        embeds.get_embed(url)


@pytest.fixture
def analyst(django_user_model):
    from django.contrib.auth.models import Group

    user = UserFactory(username="analyst", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Analysts"))
    return user


def test_the_paper_form_takes_hostile_searches_without_failing(analyst):
    client = new_client()
    client.force_login(analyst)
    for params in HOSTILE_PARAMS:
        response = client.get("/admin/papers/new/", params)
        # 400: more fields than Django accepts in one request.
        assert response.status_code in (200, 400), (params, response.status_code)
    for query in HOSTILE_QUERIES:
        data = {"region": "arab-states", "title": query[:300] or "Paper", "draft_language": "en", "q": query}
        response = client.post("/admin/papers/new/", data)
        # Refused with the form kept (200), or queued (302): never a 500.
        assert response.status_code in (200, 302), (query[:40], response.status_code)
    for params in HOSTILE_PARAMS:
        response = client.post("/admin/papers/new/", {"title": "Paper", "draft_language": "xx", **params})
        assert response.status_code in (200, 400), (params, response.status_code)
        if response.status_code == 200:
            assert "Select a valid choice" in response.content.decode()


# ---------------------------------------------------------------- uploads: attachments and subjects
# (bombs, long names, unreadable files, direction controls in a subject)


def _attachment_reply(member, topic, *files):
    data = {
        "subject": "Re: uploads",
        "content": "With files",
        "attachment-TOTAL_FORMS": str(len(files)),
        "attachment-INITIAL_FORMS": "0",
        "attachment-MIN_NUM_FORMS": "0",
        "attachment-MAX_NUM_FORMS": "15",
    }
    data.update({f"attachment-{i}-file": file for i, file in enumerate(files)})
    url = f"/en/forum/forum/{topic.forum.slug}-{topic.forum_id}/topic/{topic.slug}-{topic.pk}/post/create/"
    return signed_in(member).post(url, data)


def _hostile_uploads():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.test_attachments import DOCX_TYPE, docx_bomb, make_pdf

    return [
        ("docx-bomb", SimpleUploadedFile("bomb.docx", docx_bomb(100 * 1024 * 1024), DOCX_TYPE)),
        ("long-name", SimpleUploadedFile("n" * 300 + ".pdf", make_pdf("Long"), "application/pdf")),
        ("nul-in-name", SimpleUploadedFile("re\x00port.pdf", make_pdf("Nul"), "application/pdf")),
        ("bidi-name", SimpleUploadedFile("report\u202efdp.exe", make_pdf("Bidi"), "application/pdf")),
        ("broken-pdf", SimpleUploadedFile("broken.pdf", b"%PDF-1.4\nnothing", "application/pdf")),
        ("empty", SimpleUploadedFile("empty.pdf", b"", "application/pdf")),
        ("not-a-zip", SimpleUploadedFile("x.docx", b"PK\x03\x04garbage", DOCX_TYPE)),
    ]


def test_hostile_uploads_are_refused_or_stored_never_a_500(member, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.FORUM_NEW_ACCOUNT_DAYS = settings.FORUM_NEW_ACCOUNT_APPROVED_POSTS = 0
    settings.FORUM_PREMODERATE_APPROVED_POSTS = 0
    forum = arab_forum()
    topic = TopicPostFactory(topic__forum=forum, poster=member, subject="Uploads", content="Opening").topic
    Post.objects.filter(poster=member).update(created=timezone.now() - timedelta(hours=1))
    for label, upload in _hostile_uploads():
        Post.objects.filter(poster=member).update(created=timezone.now() - timedelta(hours=1))
        response = _attachment_reply(member, topic, upload)
        assert response.status_code in (200, 302), (label, response.status_code)
        if response.status_code == 200:
            # Refused: the form says why, about the file itself.
            assert "There are some errors in the attachments" not in response.text or any(
                word in response.text for word in ("expands", "not a PDF", "damaged", "empty")
            ), label
    names = list(get_model("forum_attachments", "Attachment").objects.values_list("file", flat=True))
    assert all(len(name) <= 100 and "\x00" not in name and "\u202e" not in name for name in names), names
    # The long, NUL and bidi names were real PDFs, stored under safe names; the
    # broken PDF is stored too (its text fails in the worker, which reports it).
    assert len(names) == 4, names


def test_direction_controls_are_removed_from_a_topic_subject(member, settings):
    settings.FORUM_NEW_ACCOUNT_DAYS = settings.FORUM_NEW_ACCOUNT_APPROVED_POSTS = 0
    settings.FORUM_PREMODERATE_APPROVED_POSTS = 0
    client = signed_in(member)
    subject = "\u2067Fair\u202e recruitment\u2069\u202a\u202b\u202c\u202d\u2066\u2068"
    assert client.post(topic_create_url(), post_form(subject=subject)).status_code == 302
    topic = Topic.objects.get(forum=arab_forum(), poster=member)
    assert topic.subject == "Fair recruitment"
    page = client.get(f"/en/forum/forum/{topic.forum.slug}-{topic.forum_id}/topic/{topic.slug}-{topic.pk}/")
    title = page.content.decode().split("<title>", 1)[1].split("</title>", 1)[0]
    assert not any(ch in title for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    # A subject of direction controls only is an empty subject, refused.
    response = client.post(topic_create_url(), post_form(subject="\u202e\u2066"))
    assert response.status_code == 200 and response.context["post_form"].errors["subject"]


# ---------------------------------------------------------------- out-of-range ids in the admin


def test_the_organisers_pages_take_out_of_range_event_ids(staff_user):
    client = signed_in(staff_user)
    upcoming_consultation()
    for event in (HUGE, "-" + HUGE, str(2**31)):
        page = client.get("/admin/registrations/", {"event": event})
        assert page.status_code == 200
        # Matches nothing, as an event that exists nowhere.
        assert "event" in page.context["form"].errors
        assert list(page.context["registrations"]) == []
        cache.clear()  # the exports' rate limit
        assert client.get("/admin/registrations/export/", {"event": event}).status_code == 200
    # Refused as another region's event is (Wagtail's admin turns the 403 into
    # a redirect to the dashboard with a message).
    for response in (
        client.get(f"/admin/registrations/event/{HUGE}/floor/"),
        client.get(f"/admin/registrations/event/{HUGE}/floor/export/"),
        client.post(f"/admin/registrations/{HUGE}/nomination/", {"decision": "select"}),
    ):
        assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))


def test_the_paper_form_takes_out_of_range_ids_and_days(analyst):
    from tests.page_tree import add_region_page, english_home
    from tests.search_corpus import contribute

    add_region_page(english_home())
    contribute("Recruitment fees keep migrant workers in debt.")
    client = new_client()
    client.force_login(analyst)
    for params in OUT_OF_RANGE_PARAMS:
        response = client.get("/admin/papers/new/", params)
        assert response.status_code == 200, (params, response.status_code)
    base = {"region": "arab-states", "title": "Paper", "draft_language": "en"}
    for params, field in (
        ({"topic": HUGE}, "topic"),
        ({"objective": HUGE}, "objective"),
        ({"to": "9999-12-31"}, "to"),
        ({"from": "0001-01-01"}, "from"),
        ({"compare_from": "2024-01-01", "compare_to": "9999-12-31"}, "compare_to"),
    ):
        response = client.post("/admin/papers/new/", {**base, **params})
        # Refused with the field named, in the form's language.
        assert response.status_code == 200, (params, response.status_code)
        errors = response.context["form"].errors
        assert list(errors) == [field], (params, errors)
    # A 404 (the language middleware first tries the address under /en/).
    assert client.get(f"/admin/papers/{HUGE}/", follow=True).status_code == 404
    assert client.get(f"/admin/papers/{HUGE}/status/", follow=True).status_code == 404


# ---------------------------------------------------------------- the import: one bad line stops no other

BAD_IMPORT_LINES = [
    # (line, what the report says about it)
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"a": ' * 50_000 + "1" + "}" * 50_000, "nested too deeply"),
    ({"created": "9999-12-31T23:59:59-14:00"}, "is not an ISO 8601 date and time"),
    ({"created": "0001-01-01T00:00:00+14:00"}, "is not an ISO 8601 date and time"),
    ({"created": "2999-12-31T23:59:59-14:00"}, "is not an ISO 8601 date and time"),
    ({"body": "We recommend\x00 fair recruitment."}, "body holds a NUL character"),
    ({"author_name": "Salma\x00"}, "author_name holds a NUL character"),
    ({"topic": "\x00"}, "topic holds a NUL character"),
    ({"attachment": "report\x00.pdf"}, "attachment holds a NUL character"),
]


def import_file(tmp_path):
    from tests.test_import import line, write

    lines = [line(external_id="first")]
    for number, (bad, _told) in enumerate(BAD_IMPORT_LINES, start=2):
        lines.append(bad if isinstance(bad, str) else line(external_id=f"bad-{number}", **bad))
    lines.append(line(external_id="last", region="europe"))
    return write(tmp_path, *lines)


def test_bad_import_lines_are_reported_with_their_numbers_and_the_valid_ones_imported(tmp_path):
    from forum.models import Contribution
    from tests.test_import import run

    path = import_file(tmp_path)
    with pytest.raises(CommandError, match=f"{len(BAD_IMPORT_LINES)} invalid line"):
        run(path)
    assert not Contribution.objects.exists()
    out, err = run(path, "--skip-invalid")
    for number, (_bad, told) in enumerate(BAD_IMPORT_LINES, start=2):
        assert any(
            text.startswith(f"contributions.jsonl, line {number}:") and told in text
            for text in err.splitlines()
        ), (number, told, err)
    assert "2 contribution(s) imported" in out
    assert sorted(Contribution.objects.values_list("external_id", flat=True)) == ["first", "last"]


def test_the_web_form_refuses_the_nul_the_import_refuses(member, settings):
    settings.FORUM_NEW_ACCOUNT_DAYS = settings.FORUM_NEW_ACCOUNT_APPROVED_POSTS = 0
    response = signed_in(member).post(
        topic_create_url(), post_form(content="We recommend\x00 fair recruitment.")
    )
    assert response.status_code == 200
    assert "Null characters are not allowed." in str(response.context["post_form"].errors)
    assert not Topic.objects.filter(subject="Fair recruitment").exists()
