"""Analysis papers in the admin: who may generate them, the form (filled from a
search, bad input kept and explained in the user's language), the queued
task run by the worker, the generation's page, generating again, the search
page's button, and the Analysts group that setup_site makes."""

import re
from datetime import UTC, datetime, timedelta
from html import unescape as html_unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from wagtail.models import GroupPagePermission

from hub.core.collation import collation_key
from hub.models import AnalysisPaperPage, GenerationStatus, PaperGeneration
from hub.papers import generate, tasks
from hub.papers.analysts import ANALYSTS_GROUP, ensure_analyst_group
from search.query import MAX_QUERY_CHARS
from tests.page_tree import add_region_page, english_home
from tests.registration_helpers import person
from tests.search_corpus import contribute

pytestmark = pytest.mark.django_db

INDEX = "/admin/papers/"
NEW = "/admin/papers/new/"
TASK_PATH = "hub.papers.tasks.generate_paper"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def member(django_user_model, name, group):
    user = person(django_user_model, name)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def arab_page():
    return add_region_page(english_home())


@pytest.fixture
def contributions(arab_page):
    return [
        contribute(
            "Recruitment fees keep migrant workers in debt.",
            kind="recommendation",
            objectives=(6,),
            created=datetime(2024, 2, 1, tzinfo=UTC),
        ),
        contribute(
            "Local services should reach people whatever their status.",
            kind="pledge",
            objectives=(15,),
            created=datetime(2024, 3, 1, tzinfo=UTC),
        ),
        contribute("Outside the period.", created=datetime(2022, 3, 1, tzinfo=UTC)),
    ]


@pytest.fixture
def people(django_user_model):
    return {
        "stakeholder": person(django_user_model, "stakeholder"),
        # In the admin (an organiser) but not an analyst.
        "organiser": member(django_user_model, "organiser", "Registration organisers"),
        "analyst": member(django_user_model, "analyst", ANALYSTS_GROUP),
        "editor": member(django_user_model, "editor", "Editors"),
    }


def form_data(**overrides):
    data = {
        "region": "arab-states",
        "title": "What the Arab States space said in early 2024",
        "draft_language": "en",
        "from": "2024-01-01",
        "to": "2024-06-30",
        "q": "",
        "crosslanguage": "on",
        "attachment": "",
        "compare_region": "",
        "compare_from": "",
        "compare_to": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def queued(arab_page, title):
    return generate.start(region_page=arab_page, title=title, language="en", query="region=arab-states")


def finished_generation(arab_page, user=None):
    generation = generate.start(
        region_page=arab_page,
        title="A finished paper",
        language="en",
        query="region=arab-states",
        requested_by=user,
    )
    return generate.run(generation)


# ---------------------------------------------------------------- who may


def refused_by_the_admin(response):
    """Wagtail sends people who may not enter the admin to the sign-in page."""
    return response.status_code == 302 and "/login/" in response["Location"]


def test_only_analysts_and_editors_reach_the_papers(people, contributions, arab_page):
    generation = finished_generation(arab_page)
    gets = [INDEX, NEW, f"{INDEX}{generation.pk}/", f"{INDEX}{generation.pk}/status/"]
    regenerate = f"{INDEX}{generation.pk}/regenerate/"
    for url in gets:
        assert refused_by_the_admin(Client().get(url)), url
        assert refused_by_the_admin(signed_in(people["stakeholder"]).get(url)), url
        assert signed_in(people["organiser"]).get(url).status_code == 403, url
        for who in ("analyst", "editor"):
            assert signed_in(people[who]).get(url).status_code == 200, (who, url)
    before = PaperGeneration.objects.count()
    assert refused_by_the_admin(Client().post(regenerate))
    assert refused_by_the_admin(signed_in(people["stakeholder"]).post(regenerate))
    assert signed_in(people["organiser"]).post(regenerate).status_code == 403
    assert PaperGeneration.objects.count() == before
    # Actions are POST only.
    assert signed_in(people["analyst"]).get(regenerate).status_code == 405
    assert PaperGeneration.objects.count() == before
    assert signed_in(people["analyst"]).post(regenerate).status_code == 302
    assert PaperGeneration.objects.count() == before + 1


def test_the_menu_shows_analysis_papers_to_analysts_only(people):
    assert INDEX in signed_in(people["analyst"]).get("/admin/").content.decode()
    assert INDEX not in signed_in(people["organiser"]).get("/admin/").content.decode()


def test_a_revoked_membership_counts_on_the_next_request(people):
    client = signed_in(people["analyst"])
    assert client.get(INDEX).status_code == 200
    people["analyst"].groups.clear()
    assert refused_by_the_admin(client.get(INDEX))


def test_actions_need_the_csrf_token(people, contributions, arab_page):
    generation = finished_generation(arab_page)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["analyst"])
    before = PaperGeneration.objects.count()
    assert client.post(NEW, form_data()).status_code == 403
    assert client.post(f"{INDEX}{generation.pk}/regenerate/").status_code == 403
    assert PaperGeneration.objects.count() == before


# ---------------------------------------------------------------- the form


def test_the_form_is_filled_from_the_search(people, arab_page):
    response = signed_in(people["analyst"]).get(
        NEW + "?region=arab-states&q=recruitment&objective=6&objective=15&type=pledge"
        "&from=2024-01-01&to=2024-06-30&draft_language=fr"
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["region"] == "arab-states"
    assert form.initial["q"] == "recruitment"
    assert form.initial["objective"] == [6, 15]
    assert form.initial["type"] == ["pledge"]
    assert form.initial["draft_language"] == "fr"
    html = response.content.decode()
    assert 'value="recruitment"' in html and 'value="2024-06-30"' in html


def test_bad_input_is_explained_and_kept(people, contributions):
    client = signed_in(people["analyst"])
    response = client.post(
        NEW, form_data(title="", **{"from": "2024-07-01", "to": "2024-01-01"}, q="débt recruitment")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors and "to" in form.errors
    html = response.content.decode()
    assert 'value="débt recruitment"' in html and 'value="2024-07-01"' in html
    assert "The end of the period comes before its start." in html
    assert "The paper could not be generated" in html
    assert not PaperGeneration.objects.exists()


def test_search_terms_longer_than_the_query_limit_are_refused(people, contributions):
    # The one query-length limit of every search surface; the paper form says
    # so rather than cutting what the analyst typed.
    client = signed_in(people["analyst"])
    response = client.post(NEW, form_data(q="x" * (MAX_QUERY_CHARS + 1)))
    assert response.status_code == 200
    expected = f"Ensure this value has at most {MAX_QUERY_CHARS} characters (it has {MAX_QUERY_CHARS + 1})."
    assert response.context["form"].errors["q"] == [expected]
    assert expected in response.content.decode()
    response = client.post(NEW, form_data(q="x" * MAX_QUERY_CHARS))
    assert "q" not in response.context["form"].errors
    assert not PaperGeneration.objects.exists()


def test_a_search_nobody_may_read_is_refused(people, contributions):
    response = signed_in(people["analyst"]).post(NEW, form_data(q="zzzunknownword"))
    assert response.status_code == 200
    assert "No contribution that the public can read matches this search" in response.content.decode()
    assert not PaperGeneration.objects.exists()


def test_bad_input_in_arabic(people, contributions):
    analyst = people["analyst"]
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(analyst)
    profile.preferred_language = "ar"
    profile.save()
    # No Arabic region page yet: the draft cannot be written in Arabic.
    response = signed_in(analyst).post(NEW, form_data(draft_language="ar", compare_region="arab-states"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html  # the admin in the user's language
    with translation.override("ar"):
        expected = [
            translation.gettext(
                "The region's page has no version in this language yet: translate it first, "
                "or write the draft in another language."
            ),
            translation.gettext(
                "Choose another region to compare with, or leave it empty and give a period."
            ),
        ]
    for message in expected:
        assert message.replace("'", "&#x27;") in html
    assert 'value="What the Arab States space said in early 2024"' in html
    assert not PaperGeneration.objects.exists()


def test_the_countries_are_in_the_order_of_their_names_in_the_users_language(people):
    from wagtail.users.models import UserProfile

    analyst = people["analyst"]
    profile = UserProfile.get_for_user(analyst)
    for language, first, before, after in (
        ("ar", None, "تونس", "مصر"),  # Tunisia before Egypt, as Arabic readers look for them
        ("fr", "Afghanistan", "Égypte", "Finlande"),  # É sorts among the E's
        ("en", "Afghanistan", "Egypt", "Finland"),
    ):
        profile.preferred_language = language
        profile.save()
        html = signed_in(analyst).get(NEW).content.decode()
        select = html[html.index('name="country"') :]
        select = select[: select.index("</select>")]
        names = [html_unescape(name) for name in re.findall(r"<option [^>]*>([^<]+)</option>", select)]
        assert first is None or names[0] == first, (language, names[:5])
        assert names.index(before) < names.index(after)
        with translation.override(language):
            assert names == sorted(names, key=collation_key)


# ---------------------------------------------------------------- submitting, the worker, the result


def test_submitting_queues_the_generation(people, contributions, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(people["analyst"]).post(
            NEW, form_data(objective=["6", "15"], compare_from="2023-01-01", compare_to="2023-06-30")
        )
    generation = PaperGeneration.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{INDEX}{generation.pk}/"
    assert generation.status == GenerationStatus.QUEUED
    assert generation.requested_by == people["analyst"]
    assert parse_qs(generation.query) == {
        "region": ["arab-states"],
        "objective": ["15", "6"],
        "from": ["2024-01-01"],
        "to": ["2024-06-30"],
    }
    assert parse_qs(generation.comparison_query)["from"] == ["2023-01-01"]
    task = DBTaskResult.objects.get()
    assert task.task_path == TASK_PATH and task.args_kwargs["args"] == [generation.pk]
    # Running the queued task finishes the generation and links the draft.
    assert tasks.generate_paper.call(generation.pk) == GenerationStatus.FINISHED
    generation.refresh_from_db()
    assert generation.status == GenerationStatus.FINISHED and generation.progress == 100
    assert generation.contribution_count == 2
    page = generation.page
    assert isinstance(page.specific, AnalysisPaperPage) and not page.live
    assert page.get_parent().specific.region.slug == "arab-states"
    response = signed_in(people["analyst"]).get(f"{INDEX}{generation.pk}/")
    html = response.content.decode()
    assert f"/admin/pages/{page.pk}/edit/" in html
    assert "Generate again from the same contributions" in html
    assert "paper-generation.js" not in html  # nothing more to follow
    # The list shows it.
    listing = signed_in(people["analyst"]).get(INDEX).content.decode()
    assert "What the Arab States space said in early 2024" in listing
    assert f"/admin/pages/{page.pk}/edit/" in listing


def test_the_page_follows_a_running_generation(people, contributions, arab_page):
    generation = queued(arab_page, "Running")
    PaperGeneration.objects.filter(pk=generation.pk).update(
        status=GenerationStatus.RUNNING, stage="Counting", progress=40, started_at=timezone.now()
    )
    client = signed_in(people["analyst"])
    html = client.get(f"{INDEX}{generation.pk}/").content.decode()
    assert "hub/js/paper-generation.js" in html and f"{INDEX}{generation.pk}/status/" in html
    data = client.get(f"{INDEX}{generation.pk}/status/").json()
    assert data == {
        "id": generation.pk,
        "status": "running",
        "status_label": "Running",
        "stage": "Counting",
        "progress": 40,
        "stalled": False,
        "done": False,
        "error": "",
        "contributions": None,
    }
    # Half an hour later with no end, it is shown as stalled.
    PaperGeneration.objects.filter(pk=generation.pk).update(started_at=timezone.now() - timedelta(minutes=31))
    assert client.get(f"{INDEX}{generation.pk}/status/").json()["stalled"] is True
    html = client.get(f"{INDEX}{generation.pk}/").content.decode()
    assert 'id="generation-stalled"' in html and "Start again with the same search" in html
    assert "Stalled" in client.get(INDEX).content.decode()


def test_an_engine_error_marks_the_generation_failed(people, contributions, arab_page, monkeypatch):
    generation = queued(arab_page, "Broken")

    def broken(generation, progress=None):
        PaperGeneration.objects.filter(pk=generation.pk).update(status=GenerationStatus.RUNNING)
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(generate, "run", broken)
    assert tasks.generate_paper.call(generation.pk) == GenerationStatus.FAILED
    generation.refresh_from_db()
    assert generation.status == GenerationStatus.FAILED and "the disk is full" in generation.error
    html = signed_in(people["analyst"]).get(f"{INDEX}{generation.pk}/").content.decode()
    assert "the disk is full" in html and 'id="generation-error"' in html
    # A second delivery of the task does not run it again.
    assert tasks.generate_paper.call(generation.pk) == GenerationStatus.FAILED


def test_regenerating_uses_the_same_contributions_and_audits_them(
    people, contributions, arab_page, django_capture_on_commit_callbacks
):
    first = finished_generation(arab_page)
    contribute("A later contribution.", created=datetime(2024, 4, 1, tzinfo=UTC))
    client = signed_in(people["analyst"])
    html = client.get(f"{INDEX}{first.pk}/").content.decode()
    assert 'id="generation-audit"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{INDEX}{first.pk}/regenerate/")
    again = PaperGeneration.objects.exclude(pk=first.pk).get()
    assert response["Location"] == f"{INDEX}{again.pk}/"
    assert again.source == first and again.requested_by == people["analyst"]
    assert DBTaskResult.objects.filter(task_path=TASK_PATH, args_kwargs__args=[again.pk]).exists()
    tasks.generate_paper.call(again.pk)
    again.refresh_from_db()
    assert again.status == GenerationStatus.FINISHED
    assert again.contribution_count == first.contribution_count
    # Only a finished generation may be generated again.
    waiting = queued(arab_page, "Queued")
    client.post(f"{INDEX}{waiting.pk}/regenerate/")
    assert not PaperGeneration.objects.filter(source=waiting).exists()


def test_the_audit_tells_what_changed_since_the_set_was_frozen(people, contributions, arab_page):
    generation = finished_generation(arab_page)
    edited, hidden, _unchanged = contributions
    edited.content = "Recruitment fees keep migrant workers in debt for years."
    edited.save()
    hidden.approved = False
    hidden.save()
    html = signed_in(people["analyst"]).get(f"{INDEX}{generation.pk}/").content.decode()
    assert "Since the set was frozen, 1 contribution has changed" in html
    assert "1 is no longer visible to the public" in html


# ---------------------------------------------------------------- the search page's button


def test_the_search_page_offers_a_paper_to_analysts_only(people, contributions):
    search = "/en/search/contributions/?region=arab-states&q=recruitment&objective=6"
    for who in ("analyst", "editor"):
        response = signed_in(people[who]).get(search)
        link = response.content.decode().split('id="generate-paper-from-search" href="')[1].split('"')[0]
        url = urlparse(link.replace("&amp;", "&"))
        assert url.path == NEW
        params = parse_qs(url.query)
        assert params["region"] == ["arab-states"] and params["q"] == ["recruitment"]
        assert params["objective"] == ["6"] and params["draft_language"] == ["en"]
    for client in (Client(), signed_in(people["stakeholder"]), signed_in(people["organiser"])):
        assert "generate-paper-from-search" not in client.get(search).content.decode()


# ---------------------------------------------------------------- the Analysts group


def test_setup_site_makes_the_analysts_group_once(arab_page):
    call_command("setup_site", "--no-staff", verbosity=0)
    call_command("setup_site", "--no-staff", verbosity=0)
    group = Group.objects.get(name=ANALYSTS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "generate_analysis_paper"} <= codenames
    grants = set(
        GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename")
    )
    assert grants == {(arab_page.pk, "add_page"), (arab_page.pk, "change_page")}
    assert GroupPagePermission.objects.filter(group=group).count() == 2
    for name in ("Editors", "Moderators"):
        assert Group.objects.get(name=name).permissions.filter(codename="generate_analysis_paper").exists()
    assert ensure_analyst_group() == group


def test_analysts_edit_the_draft_but_do_not_publish_it(people, contributions, arab_page):
    generation = finished_generation(arab_page)
    page = generation.page.specific
    analyst = people["analyst"]
    permissions = page.permissions_for_user(analyst)
    assert permissions.can_edit() and not permissions.can_publish()
    assert signed_in(analyst).get(f"/admin/pages/{page.pk}/edit/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_task_worker_runs_the_generation(hub_site, django_user_model):
    # The worker opens its own transactions, which SQLite cannot nest in a
    # test's: this test commits, on the site as hub_site reloads it.
    arab_page = add_region_page(english_home())
    contribute("Recruitment fees keep migrant workers in debt.", created=datetime(2024, 2, 1, tzinfo=UTC))
    analyst = member(django_user_model, "analyst", ANALYSTS_GROUP)
    response = signed_in(analyst).post(NEW, form_data())
    generation = PaperGeneration.objects.get()
    assert response["Location"] == f"{INDEX}{generation.pk}/"
    assert DBTaskResult.objects.filter(task_path=TASK_PATH).count() == 1
    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--no-reload")
    generation.refresh_from_db()
    assert generation.status == GenerationStatus.FINISHED
    assert generation.page.get_parent().pk == arab_page.pk
    data = signed_in(analyst).get(f"{INDEX}{generation.pk}/status/").json()
    assert data["done"] and data["progress"] == 100


# ---------------------------------------------------------------- the list's filters and downloads


def read_xlsx_rows(response):
    import io

    from openpyxl import load_workbook

    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [[cell.value for cell in row] for row in load_workbook(io.BytesIO(content)).active.iter_rows()]


def read_csv_rows(response):
    import csv
    import io

    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_list_filters_by_status_and_searches_titles(people, contributions, arab_page):
    finished = finished_generation(arab_page)
    waiting = queued(arab_page, "Waiting for the worker")
    client = signed_in(people["analyst"])
    listed = client.get(INDEX, {"status": "queued"}).context["object_list"]
    assert [g.pk for g in listed] == [waiting.pk]
    listed = client.get(INDEX, {"region": "arab-states", "status": "finished"}).context["object_list"]
    assert [g.pk for g in listed] == [finished.pk]
    assert [g.pk for g in client.get(INDEX, {"q": "worker"}).context["object_list"]] == [waiting.pk]
    html = client.get(INDEX).content.decode()
    assert f'href="{NEW}"' in html and "Generate a paper" in html  # the list's add button


def test_the_list_downloads_generations_as_csv_and_xlsx(people, contributions, arab_page):
    generation = finished_generation(arab_page, user=people["analyst"])
    queued(arab_page, '=HYPERLINK("http://x","y")')
    client = signed_in(people["analyst"])
    rows = read_csv_rows(client.get(INDEX, {"export": "csv"}))
    assert rows[0] == [
        "Number",
        "Title",
        "Region",
        "Language of the draft",
        "Status",
        "Progress",
        "Contributions",
        "Seconds",
        "Requested by",
        "Requested",
        "Search",
        "Compared with",
    ]
    by_title = {row[1]: row for row in rows[1:]}
    assert set(by_title) == {"A finished paper", '\'=HYPERLINK("http://x","y")'}
    finished = by_title["A finished paper"]
    assert finished[2:7] == ["arab-states", "en", "finished", "100", str(generation.contribution_count)]
    analyst = people["analyst"]
    assert finished[8] == (analyst.get_full_name() or analyst.email) and finished[10] == "region=arab-states"
    rows = read_xlsx_rows(client.get(INDEX, {"export": "xlsx", "status": "finished"}))
    assert [row[1] for row in rows[1:]] == ["A finished paper"]
    assert rows[1][5] == 100


def test_only_analysts_list_or_download_the_generations(people, contributions, arab_page):
    finished_generation(arab_page)
    for params in ({}, {"export": "csv"}, {"export": "xlsx"}):
        for url in (INDEX, f"{INDEX}results/"):
            assert signed_in(people["organiser"]).get(url, params).status_code == 403, (url, params)
            assert refused_by_the_admin(signed_in(people["stakeholder"]).get(url, params)), (url, params)
            assert signed_in(people["editor"]).get(url, params).status_code == 200, (url, params)
