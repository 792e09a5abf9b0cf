"""Pages in Arabic as an Arabic reader reads them: counts that agree with their
number, allauth's pages and e-mails without typos or stray direction controls,
and countries under the names the UN gives them."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.test.signals import setting_changed
from django.urls import reverse
from django.utils import translation
from machina.core.db.models import get_model

from forum.models import RegionalSpace
from tests.factories import TopicPostFactory
from tests.stakeholders import give_profile

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
Forum = get_model("forum", "Forum")

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues(django_db_blocker):
    """Compile stale .mo files, then make Django reload its catalogues."""
    from django.conf import settings

    call_command("compile_catalogues", verbosity=0)
    setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)


def html(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ", strip=True).split())


def disagrees(text, number, noun):
    """Whether ``text`` shows ``number`` followed by ``noun`` exactly (not the
    noun with a case ending, nor part of a longer number)."""
    return re.search(rf"(?<!\d){number} {noun}(?![\w\u064b-\u0652])", text) is not None


def forum_url(forum, language):
    with translation.override(language):
        return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


# -- counts


# Topics and posts on the five space cards: between them every form Arabic has.
SPACE_COUNTS = {
    "africa": (0, 100),
    "arab-states": (1, 101),
    "asia-pacific": (2, 2),
    "europe": (3, 10),
    "latin-america-caribbean": (11, 99),
}
TOPICS_IN_ARABIC = {0: "لا مواضيع", 1: "موضوع واحد", 2: "موضوعان", 3: "3 مواضيع", 11: "11 موضوعًا"}
POSTS_IN_ARABIC = {
    100: "100 مشاركة",
    101: "101 مشاركة",
    2: "مشاركتان",
    10: "10 مشاركات",
    99: "99 مشاركةً",
}


def test_the_space_list_counts_topics_and_posts_in_arabic(client):
    for slug, (topics, posts) in SPACE_COUNTS.items():
        forum = RegionalSpace.objects.get(region__slug=slug).forum
        # The counters machina keeps on the space (setup: these numbers of
        # topics are not what is under test, their wording is).
        Forum.objects.filter(pk=forum.pk).update(direct_topics_count=topics, direct_posts_count=posts)

    page = html(client.get("/ar/forum/"))

    for slug, (topics, posts) in SPACE_COUNTS.items():
        forum = RegionalSpace.objects.get(region__slug=slug).forum
        link = page.select_one(f'.forum-card .card-title a[href="{forum_url(forum, "ar")}"]')
        counts = text_of(link.find_parent(class_="forum-card").select_one(".forum-counts"))
        assert TOPICS_IN_ARABIC[topics] in counts, (slug, counts)
        assert POSTS_IN_ARABIC[posts] in counts, (slug, counts)
    shown = text_of(page.main)
    singular_after_a_number = [
        (0, "موضوع"),
        (1, "موضوع"),
        (2, "موضوع"),
        (3, "موضوع"),
        (2, "مشاركة"),
        (10, "مشاركة"),
    ]
    for number, noun in singular_after_a_number:
        assert not disagrees(shown, number, noun), (number, noun)


REPLIES_IN_ARABIC = {0: "لا ردود", 1: "ردّ واحد", 2: "ردّان", 3: "3 ردود", 11: "11 ردًّا", 100: "100 ردّ"}
VIEWS_IN_ARABIC = {
    0: "لا مشاهدات",
    1: "مشاهدة واحدة",
    2: "مشاهدتان",
    3: "3 مشاهدات",
    11: "11 مشاهدةً",
    100: "100 مشاهدة",
}


def test_a_spaces_topic_list_counts_replies_and_views_in_arabic(client, verified_user):
    give_profile(verified_user)
    forum = RegionalSpace.objects.get(region__slug="arab-states").forum
    for replies in REPLIES_IN_ARABIC:
        topic = TopicPostFactory(
            topic__forum=forum, poster=verified_user, subject=f"Topic with {replies} replies", content="Body."
        ).topic
        # machina's counters: the first post and the replies; the views.
        Topic.objects.filter(pk=topic.pk).update(posts_count=replies + 1, views_count=replies)

    page = html(client.get(forum_url(forum, "ar")))

    for replies in REPLIES_IN_ARABIC:
        subject = page.find("bdi", string=f"Topic with {replies} replies")
        counts = text_of(subject.find_parent(class_="topic-row").select_one(".topic-counts"))
        assert REPLIES_IN_ARABIC[replies] in counts, (replies, counts)
        assert VIEWS_IN_ARABIC[replies] in counts, (replies, counts)
    shown = text_of(page.main)
    for number, noun in ((0, "ردّ"), (1, "ردّ"), (2, "ردّ"), (3, "ردّ"), (2, "مشاهدة")):
        assert not disagrees(shown, number, noun), (number, noun)


# -- allauth in Arabic

ALLAUTH_TYPOS = ("في غضو دقائق", "لم ترى", "لم تتلقى", "6(unused_count)s")
PASSWORD = "a-long-pass-phrase-2024"


def assert_reads_cleanly(text):
    assert not BIDI_CONTROLS.search(text), [hex(ord(c)) for c in BIDI_CONTROLS.findall(text)]
    for typo in ALLAUTH_TYPOS:
        assert typo not in text, typo


def sign_up(client, language):
    from hub.models import StakeholderGroup

    group = StakeholderGroup.objects.in_default_locale().get(slug="migrants")
    return client.post(
        f"/{language}/accounts/signup/",
        {
            "email": "nadia@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Nadia",
            "stakeholder_group": group.pk,
        },
    )


def test_signing_up_in_arabic_reads_without_typos_or_direction_controls(client):
    assert_reads_cleanly(client.get("/ar/accounts/signup/").text)

    response = sign_up(client, "ar")
    assert response["Location"] == "/ar/accounts/confirm-email/"

    page = client.get("/ar/accounts/confirm-email/")
    assert_reads_cleanly(page.text)
    # allauth's own wording, corrected: "within a few minutes", "do not see", "do not receive".
    assert "في غضون دقائق" in text_of(html(page).main)
    assert "لم ترَ" in text_of(html(page).main)
    assert "لم تتلقَّ" in text_of(html(page).main)
    (message,) = mail.outbox
    assert_reads_cleanly(message.subject + message.body)


def test_allauths_arabic_e_mail_to_an_unknown_address_starts_cleanly(client):
    response = client.post("/ar/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert_reads_cleanly(message.subject + message.body)
    assert "تتلقى هذه الرسالة لأنك، أو شخصًا آخر، حاولت الوصول إلى حساب" in message.body
    assert not re.search(r"(^|\n)O ", message.body)


def test_allauths_pages_in_arabic_read_cleanly(client, verified_user):
    for path in ("/ar/accounts/login/", "/ar/accounts/password/reset/"):
        assert_reads_cleanly(client.get(path).text)
    client.force_login(verified_user)
    for path in ("/ar/accounts/email/", "/ar/accounts/password/change/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_reads_cleanly(response.text)


# -- country names

UN_NAMES = {
    # English keeps django-countries' common names, but for two it misspells.
    "en": {"NR": "Nauru", "BS": "Bahamas"},
    "ar": {
        "SY": "الجمهورية العربية السورية",
        "IR": "جمهورية إيران الإسلامية",
        "GB": "المملكة المتحدة لبريطانيا العظمى وآيرلندا الشمالية",
        "US": "الولايات المتحدة الأمريكية",
        "TZ": "جمهورية تنزانيا المتحدة",
        "PS": "دولة فلسطين",
        "KR": "جمهورية كوريا",
        "MD": "جمهورية مولدوفا",
        "BO": "دولة بوليفيا المتعددة القوميات",
        "VE": "جمهورية فنزويلا البوليفارية",
        "LA": "جمهورية لاو الديمقراطية الشعبية",
        "SA": "المملكة العربية السعودية",
        "RU": "الاتحاد الروسي",
        "CI": "كوت ديفوار",
        "NR": "ناورو",
    },
    "fr": {
        "SY": "République arabe syrienne",
        "IR": "République islamique d\u2019Iran",
        "TZ": "République-Unie de Tanzanie",
        "PS": "État de Palestine",
        "KR": "République de Corée",
        "MD": "République de Moldova",
        "BO": "État plurinational de Bolivie",
        "VE": "République bolivarienne du Venezuela",
        "RU": "Fédération de Russie",
        "TR": "Türkiye",
        "NR": "Nauru",
    },
}
# What django-countries' own catalogues say instead.
NOT_UN_NAMES = {
    "en": ["Naoero", "Bahamas (The)"],
    "ar": ["سوريا", "إيران", "تنزانيا", "السعودية (المملكة العربية)", "ساحل العاج", "Naoero", "Bahamas"],
    "fr": ["Syrie", "Tanzanie", "Corée du Sud", "Moldavie", "Turquie", "Naoero", "Palestine, État de"],
}


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_the_sign_up_form_names_every_country_as_the_un_does(client, language):
    from hub.models import Country

    page = html(client.get(f"/{language}/accounts/signup/"))
    options = {o["value"]: o.get_text(strip=True) for o in page.select("select[name=country] option")}
    by_code = {str(country.code): options[str(country.pk)] for country in Country.objects.all()}
    for code, name in UN_NAMES[language].items():
        assert by_code[code] == name, code
    shown = set(by_code.values())
    for name in NOT_UN_NAMES[language]:
        assert name not in shown, name
