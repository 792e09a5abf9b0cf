"""Wagtail's own pages API (/api/v2/pages/): public, live pages only, for
everyone (tests/test_access_matrix.py has every actor), each with the fields
its model names, and nothing an editor keeps private."""

import json

import pytest
from wagtail.models import PageViewRestriction

from hub.models import StandardPage
from tests import page_tree

pytestmark = pytest.mark.django_db

PLATFORM = "https://meet.example.org/secret-room-8841"


@pytest.fixture
def pages():
    home = page_tree.english_home()
    live = page_tree.publish(home, StandardPage(title="How to take part", slug="take-part"))
    live.title = "A draft title never published"
    live.save_revision()
    private = page_tree.publish(home, StandardPage(title="Members page pangolin", slug="members-only"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    events = page_tree.add_event_index(home)
    event = page_tree.add_event(events, platform_url=PLATFORM, summary="Consultation with civil society.")
    paper = page_tree.add_paper(page_tree.add_region_page(home))
    return {"live": live, "private": private, "event": event, "paper": paper}


def listing(client, **params):
    response = client.get("/api/v2/pages/", {"limit": 20, **params})
    assert response.status_code == 200
    return response.json()


def test_only_live_pages_anyone_may_read_are_listed(client, pages):
    titles = {item["title"] for item in listing(client)["items"]}
    assert "How to take part" in titles
    assert "A draft title never published" not in titles
    assert "Members page pangolin" not in titles
    # Its own address answers as any missing page does.
    assert client.get(f"/api/v2/pages/{pages['private'].pk}/", follow=True).status_code == 404


def test_a_page_gives_the_fields_its_model_names(client, pages):
    event = client.get(f"/api/v2/pages/{pages['event'].pk}/").json()
    assert event["summary"] == "Consultation with civil society."
    assert event["starts_on"] == "2021-02-23" and event["venue"] == "Online platform"
    assert event["agenda"][0]["value"]["heading"] == "Programme"


def test_what_an_editor_keeps_private_never_leaves(client, pages):
    everything = json.dumps(
        [listing(client, fields="*"), client.get(f"/api/v2/pages/{pages['event'].pk}/").json()]
    )
    assert PLATFORM not in everything
    # A field no model names is refused, not served.
    response = client.get("/api/v2/pages/", {"type": "hub.EventPage", "fields": "platform_url"})
    assert response.status_code == 400
    # A paper's blocks stay on its page, which drops quotations no longer public.
    paper = client.get(f"/api/v2/pages/{pages['paper'].pk}/").json()
    assert "body" not in paper and "published_on" in paper


def test_pages_come_in_the_language_asked_for(client, pages):
    english = {item["meta"]["locale"] for item in listing(client, locale="en")["items"]}
    assert english == {"en"}


def test_signing_in_shows_no_private_page(client, pages, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", "reader@example.org", "x"))
    titles = {item["title"] for item in listing(client)["items"]}
    assert "How to take part" in titles and "Members page pangolin" not in titles
