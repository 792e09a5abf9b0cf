"""Saved searches: saving, listing, renaming, alerts on/off and deleting
through the views; the daily alert e-mails; the signed turn-off links."""

import re
from datetime import timedelta
from functools import partial
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from machina.core.db.models import get_model

from forum.models import RegionalSpace
from search.models import SavedSearch
from search.saved import mail as saved_mail
from search.saved.alerts import send_search_alerts
from search.saved.searches import make_token, save_search
from tests import search_corpus
from tests.factories import UserFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
ForumPermission = get_model("forum_permission", "ForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

PASSWORD = "a-long-pass-phrase-2024"


# ---------------------------------------------------------------- helpers


def signed_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


# The alerts' contributions: reports signed by one author, saved as the
# posting views save them (the signals index them).
contribute = partial(search_corpus.contribute, kind="report", author_name="Nadia Haddad")


def deny_reading(user, region):
    forum = RegionalSpace.objects.get(region__slug=region).forum
    permission, _created = ForumPermission.objects.get_or_create(codename="can_read_forum")
    UserForumPermission.objects.create(permission=permission, forum=forum, user=user, has_perm=False)


def html_of(message):
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def turn_off_links(message):
    return re.findall(r"http://testserver/\w\w/search/saved/alerts/off/[^/\s]+/", message.body)


@pytest.fixture
def analyst(django_user_model):
    return VerifiedUserFactory(username="analyst")


@pytest.fixture
def other(django_user_model):
    return VerifiedUserFactory(username="other")


@pytest.fixture
def alert(analyst):
    """A saved search for "visas" with a daily alert, saved before any contribution below."""
    saved, _created = save_search(analyst, "q=visas", alert="daily", language="en")
    return saved


# ---------------------------------------------------------------- saving and managing


def test_saving_needs_a_signed_in_reader(analyst):
    client = Client()
    response = client.post(reverse("search_saved:save"), {"params": "q=visas"})
    assert response.status_code == 302
    login, _sep, query = response.url.partition("?")
    assert login == reverse("account_login")
    assert parse_qs(query)["next"] == [reverse("search") + "?q=visas"]  # back to the same search
    assert client.get(reverse("search_saved:list")).status_code == 302
    assert not SavedSearch.objects.exists()


def test_changes_need_the_csrf_token(analyst):
    client = signed_in(analyst, enforce_csrf_checks=True)
    assert client.post(reverse("search_saved:save"), {"params": "q=visas"}).status_code == 403
    saved, _created = save_search(analyst, "q=visas")
    for name, data in (("rename", {"name": "x"}), ("alert", {"alert": "daily"}), ("delete", {})):
        assert client.post(reverse(f"search_saved:{name}", args=[saved.pk]), data).status_code == 403
    saved.refresh_from_db()
    assert (saved.name, saved.alert) == ("visas", "none")


def test_get_changes_nothing(analyst):
    saved, _created = save_search(analyst, "q=visas")
    client = signed_in(analyst)
    assert client.get(reverse("search_saved:delete", args=[saved.pk])).status_code == 405
    assert client.get(reverse("search_saved:save")).status_code == 405
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_save_list_rename_alert_and_delete(analyst):
    client = signed_in(analyst)
    # The page's query string as it was, with its page and an unknown parameter: both dropped.
    raw = "q=seasonal+visas&region=europe&objective=6&objective=5&page=3&utm=x"
    response = client.post("/fr/search/saved/save/", {"params": raw, "alert": "daily"})
    saved = SavedSearch.objects.get(user=analyst)
    assert saved.params == "q=seasonal+visas&region=europe&objective=5&objective=6"
    assert saved.name == "seasonal visas"
    assert saved.language == "fr"
    assert saved.alert == "daily" and saved.alert_since is not None
    assert response.status_code == 302 and response.url == "/fr/search/?" + saved.params

    translation.activate("en")  # the French request left French active in this thread
    page = client.get(reverse("search_saved:list"))
    assert page.status_code == 200
    assert "seasonal visas" in page.content.decode()
    assert f'href="/en/search/?{saved.params.replace("&", "&amp;")}"' in page.content.decode()  # run link

    rename = reverse("search_saved:rename", args=[saved.pk])
    assert client.post(rename, {"name": "  Visas\tEurope "}).status_code == 302
    saved.refresh_from_db()
    assert saved.name == "Visas Europe"

    response = client.post(reverse("search_saved:rename", args=[saved.pk]), {"name": "   "})
    assert response.status_code == 400
    response = client.post(reverse("search_saved:rename", args=[saved.pk]), {"name": "x" * 201})
    assert response.status_code == 400
    assert "x" * 201 in response.content.decode()  # what was typed stays in the field
    saved.refresh_from_db()
    assert saved.name == "Visas Europe"

    client.post(reverse("search_saved:alert", args=[saved.pk]), {"alert": "none"})
    saved.refresh_from_db()
    assert saved.alert == "none"
    client.post(reverse("search_saved:alert", args=[saved.pk]), {"alert": "hourly"})
    saved.refresh_from_db()
    assert saved.alert == "none"

    assert client.post(reverse("search_saved:delete", args=[saved.pk])).status_code == 302
    assert not SavedSearch.objects.exists()


def test_the_same_search_is_saved_once(analyst):
    client = signed_in(analyst)
    client.post(reverse("search_saved:save"), {"params": "q=visas&page=2"})
    client.post(reverse("search_saved:save"), {"params": "q=visas", "name": "Visas"})
    assert list(SavedSearch.objects.values_list("name", flat=True)) == ["Visas"]


def test_a_next_elsewhere_is_not_followed(analyst):
    response = signed_in(analyst).post(
        reverse("search_saved:save"), {"params": "q=visas", "next": "https://evil.example/"}
    )
    assert response.url == reverse("search") + "?q=visas"


def test_another_readers_saved_searches_are_not_found(analyst, other):
    saved, _created = save_search(other, "q=visas", alert="daily")
    client = signed_in(analyst)
    for name, data in (("rename", {"name": "mine"}), ("alert", {"alert": "none"}), ("delete", {})):
        assert client.post(reverse(f"search_saved:{name}", args=[saved.pk]), data).status_code == 404
    saved.refresh_from_db()
    assert (saved.name, saved.alert) == ("visas", "daily")
    assert "visas" not in client.get(reverse("search_saved:list")).content.decode()


@override_settings(SAVED_SEARCHES_PER_USER=2)
def test_a_reader_keeps_at_most_the_cap(analyst, other):
    client = signed_in(analyst)
    for text in ("visas", "remittances", "climate"):
        client.post(reverse("search_saved:save"), {"params": f"q={text}"})
    assert SavedSearch.objects.filter(user=analyst).count() == 2
    messages = [str(m) for m in client.get(reverse("search_saved:list")).context["messages"]]
    assert any("2 saved searches" in m for m in messages)
    # Saving one already kept is not a new one; other readers have their own cap.
    client.post(reverse("search_saved:save"), {"params": "q=visas", "name": "Visas"})
    assert SavedSearch.objects.filter(user=analyst, name="Visas").exists()
    save_search(other, "q=climate")
    assert SavedSearch.objects.filter(user=other).count() == 1


def test_the_save_button_include(analyst, rf):
    from django.template.loader import render_to_string

    request = rf.get("/en/search/?q=visas")
    request.user = analyst
    context = {"query_string": "q=visas&amp;x"}
    html = render_to_string("search_saved/save_button.html", context, request=request)
    assert 'action="/en/search/saved/save/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'value="q=visas&amp;amp;x"' in html  # escaped like any value

    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = render_to_string("search_saved/save_button.html", {"query_string": "q=visas"}, request=request)
    assert "/en/accounts/login/?next=/en/search/%3Fq%3Dvisas" in html


# ---------------------------------------------------------------- alerts


def test_a_new_visible_match_is_sent_once(alert, analyst):
    contribute(
        "Seasonal workers need multiple-entry visas, « without delay » <b>now</b>.",
        subject="Visas for <seasonal> workers",
    )
    contribute("Remittance costs should fall.", subject="Remittances")  # does not match
    assert send_search_alerts() == 1
    (message,) = mail.outbox
    assert message.to == [analyst.email]
    body, html = message.body, html_of(message)
    assert "Visas for <seasonal> workers" in body  # plain text stays plain
    assert "Visas for &lt;seasonal&gt; workers" in html and "<seasonal>" not in html
    assert "Arab States" in body and "Report" in body and "Nadia Haddad" in body
    assert "«visas»" in body  # the match, marked as quotes in plain text
    assert "<strong>visas</strong>" in html
    assert "« without delay » &lt;b&gt;now&lt;/b&gt;" in html  # quotes stay quotes; no HTML from the text
    assert "Remittances" not in body
    post_id = Post.objects.get(subject__startswith="Visas").pk
    assert f"?post={post_id}#{post_id}" in body and "http://testserver/en/forum/" in body
    assert "http://testserver/en/search/?q=visas" in body  # run the search
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/en/search/saved/alerts/off/"
    )

    alert.refresh_from_db()
    assert alert.last_alerted_at is not None
    # Run again the same day, and the next day: nothing new, nothing sent.
    assert send_search_alerts() == 0
    assert send_search_alerts(now=timezone.now() + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_one_email_per_reader_groups_their_searches(alert, analyst, other):
    save_search(analyst, "q=remittances", alert="daily")
    save_search(analyst, "q=climate")  # no alert
    save_search(other, "q=visas", alert="daily")
    contribute("Seasonal workers need visas.", subject="Visas")
    contribute("Remittance costs should fall.", subject="Remittances")
    contribute("Climate displacement is rising.", subject="Climate")
    assert send_search_alerts() == 2
    mine = next(m for m in mail.outbox if m.to == [analyst.email])
    assert "== visas ==" in mine.body and "== remittances ==" in mine.body
    assert "Climate" not in mine.body
    assert len(turn_off_links(mine)) == 3  # one per search, and one for all


def test_a_search_saved_with_an_out_of_range_topic_stops_no_alert(alert, analyst, other, caplog):
    """Saved before ids were bounded (stored as it was typed): it finds nothing
    and is logged, and the alerts of the same reader and of later readers go out."""
    huge = "9" * 20
    broken = SavedSearch.objects.create(
        user=analyst,
        name="huge",
        params=f"q=visas&topic={huge}",
        language="en",
        alert=SavedSearch.Alert.DAILY,
        alert_since=timezone.now(),
    )
    save_search(other, "q=visas", alert="daily")
    contribute("Seasonal workers need visas.", subject="Visas")
    assert send_search_alerts() == 2
    mine = next(m for m in mail.outbox if m.to == [analyst.email])
    assert "== visas ==" in mine.body and "== huge ==" not in mine.body
    assert any(m.to == [other.email] for m in mail.outbox)
    assert f"Saved search {broken.pk} skipped" in caplog.text


def test_a_saved_search_that_fails_stops_no_other_alert(alert, analyst, other, monkeypatch, caplog):
    """A fault drill: whatever makes one saved search fail, the others are sent,
    and the failed one stays due for the next run."""
    from search.saved import alerts as saved_alerts

    real = saved_alerts.find_news

    def failing_for_the_first_reader(saved, user, now):
        if user == analyst:
            raise RuntimeError("the search engine fell over")
        return real(saved, user, now)

    monkeypatch.setattr(saved_alerts, "find_news", failing_for_the_first_reader)
    save_search(other, "q=visas", alert="daily")
    contribute("Seasonal workers need visas.", subject="Visas")
    assert send_search_alerts() == 1
    assert [m.to for m in mail.outbox] == [[other.email]]
    assert f"Saved search {alert.pk} of user {analyst.pk} failed" in caplog.text
    alert.refresh_from_db()
    assert alert.last_alerted_at is None


def test_nothing_new_sends_nothing(alert):
    assert send_search_alerts() == 0
    assert mail.outbox == []


def test_a_match_from_before_the_alert_is_not_news(analyst):
    contribute("Seasonal workers need visas.")
    save_search(analyst, "q=visas", alert="daily")
    assert send_search_alerts() == 0


def test_hidden_matches_are_not_sent(alert, analyst):
    contribute("Visas held for moderation.", approved=False)
    assert send_search_alerts() == 0

    deny_reading(analyst, "europe")  # permissions apply at send time, as the owner
    contribute("Visas in a space the analyst cannot read.", region="europe")
    assert send_search_alerts(now=timezone.now() + timedelta(days=1)) == 0
    assert mail.outbox == []


def test_a_match_approved_after_a_run_is_still_sent(alert):
    post = contribute("Visas held for moderation.", approved=False)
    assert send_search_alerts() == 0
    Post.objects.filter(pk=post.pk).update(approved=True)
    Post.objects.get(pk=post.pk).save()  # approved as a moderator does: the index follows
    assert send_search_alerts(now=timezone.now() + timedelta(days=1)) == 1
    assert "«Visas» held for moderation." in mail.outbox[0].body


def test_an_unconfirmed_address_gets_nothing(alert, analyst):
    EmailAddress.objects.filter(user=analyst).update(verified=False)
    contribute("Seasonal workers need visas.")
    assert send_search_alerts() == 0


def test_many_matches_are_bounded_and_counted(alert, monkeypatch):
    monkeypatch.setattr(saved_mail, "MAX_HITS_SHOWN", 2)
    for n in range(5):
        contribute(f"Visas, number {n}.", subject=f"Visas {n}")
    call_command("send_search_alerts", verbosity=0)
    (message,) = mail.outbox
    assert message.body.count("* Visas ") == 2
    assert "Visas 4" in message.body  # the newest first
    assert "…and 3 more contributions, on the site:" in message.body
    assert "sort=newest&from=" in message.body


def test_an_arabic_saved_search_sends_an_arabic_right_to_left_email(analyst):
    signed_in(analyst).post("/ar/search/saved/save/", {"params": "q=التأشيرات", "alert": "daily"})
    assert SavedSearch.objects.get().language == "ar"
    contribute("نوصي بتسهيل التأشيرات للعمال الموسميين", subject="التأشيرات")
    assert send_search_alerts() == 1
    (message,) = mail.outbox
    html = html_of(message)
    assert '<html lang="ar" dir="rtl">' in html
    assert "الدول العربية" in message.body  # the region's name in Arabic
    assert "http://testserver/ar/forum/" in message.body
    assert "http://testserver/ar/search/saved/alerts/off/" in message.body
    with translation.override("ar"):
        read = gettext("Read the contribution")
    assert read in html
    assert "<strong>التأشيرات</strong>" in html


# ---------------------------------------------------------------- turning alerts off


def test_the_signed_link_turns_one_alert_off_without_signing_in(alert, analyst):
    keep, _created = save_search(analyst, "q=remittances", alert="daily")
    contribute("Seasonal workers need visas.")
    send_search_alerts()
    links = turn_off_links(mail.outbox[0])
    assert len(links) == 2  # the "visas" section's own link, then the one for all
    path = urlsplit(links[0]).path
    client = Client()
    response = client.get(path)
    assert response.status_code == 200 and "visas" in response.content.decode()
    alert.refresh_from_db()
    assert alert.alert == "daily"  # asking is not doing
    assert client.post(path).status_code == 200
    alert.refresh_from_db()
    keep.refresh_from_db()
    assert (alert.alert, keep.alert) == ("none", "daily")
    assert SavedSearch.objects.filter(pk=alert.pk).exists()  # still saved


def test_the_signed_link_for_all_alerts(alert, analyst, other):
    keep, _created = save_search(other, "q=visas", alert="daily")
    save_search(analyst, "q=remittances", alert="daily")
    path = reverse("search_saved:turn_off", args=[make_token(analyst)])
    assert Client().post(path).status_code == 200
    assert not SavedSearch.objects.filter(user=analyst, alert="daily").exists()
    keep.refresh_from_db()
    assert keep.alert == "daily"


def test_a_tampered_or_foreign_link_is_refused(alert, analyst, other):
    token = make_token(analyst, alert)
    for bad in (token[:-2] + "xx", token.replace(":", "", 1), "nonsense"):
        path = reverse("search_saved:turn_off", args=[bad])
        assert Client().post(path).status_code == 400
    # Signed for another purpose (a forum unsubscribe token): refused too.
    from forum.subscriptions.tokens import make_token as forum_token

    foreign = reverse("search_saved:turn_off", args=[forum_token(analyst, "all")])
    assert Client().post(foreign).status_code == 400
    alert.refresh_from_db()
    assert alert.alert == "daily"


def test_a_link_for_a_deleted_search_says_so(alert, analyst):
    path = reverse("search_saved:turn_off", args=[make_token(analyst, alert)])
    alert.delete()
    response = Client().post(path)
    assert response.status_code == 200
    assert "deleted" in response.content.decode()


def test_the_search_page_offers_to_save_the_search_shown(client, django_user_model):
    user = UserFactory(username="analyst", password="x")
    client.force_login(user)
    page = client.get("/en/search/contributions/", {"q": "pathways", "region": "arab-states", "page": "1"})
    form = BeautifulSoup(page.content, "html.parser").select_one(".saved-search-save form")
    assert form is not None
    assert form.find("input", attrs={"name": "params"})["value"] == "q=pathways&region=arab-states"
