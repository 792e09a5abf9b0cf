"""A generated paper stays a page people edit in Wagtail's editor: what the
editor posts for it is bounded whatever the size of the contribution set
(charts and recurring terms are read from the frozen set when shown, not
copied into the form), an analyst's draft saves, an editor publishes it,
and opening the editor costs the same for ten contributions or ten thousand."""

import importlib
import json
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from machina.core.db.models import get_model

from forum.bulk_import import keep_timestamps, refresh_planner_statistics
from forum.models import Contribution
from hub.models import AnalysisPaperPage, FrozenContribution, GenerationStatus, PaperGeneration
from hub.papers import generate
from hub.papers.analysts import ANALYSTS_GROUP
from hub.papers.charts import format_number
from hub.papers.convert_body import convert_body
from hub.papers.frozen_figures import FrozenFigures
from search.campaigns.models import Campaign
from tests.page_editor import editor_post, field_count
from tests.page_tree import add_region_page, english_home
from tests.registration_helpers import person
from tests.search_corpus import contribute

pytestmark = pytest.mark.django_db

Post = get_model("forum_conversation", "Post")
Objectives = Contribution.objectives.through

COUNTRIES = [
    "AE",
    "BH",
    "DJ",
    "DZ",
    "EG",
    "IQ",
    "JO",
    "KM",
    "KW",
    "LB",
    "LY",
    "MA",
    "MR",
    "OM",
    "PS",
    "QA",
    "SA",
    "SD",
    "SO",
    "SY",
    "TN",
    "YE",
]
GROUPS = ["migrants", "civil-society", "local-authorities", "private-sector", "trade-unions", "academia"]
KINDS = ["recommendation", "pledge", "comment", "good-practice", "question"]
WORDS = {
    "en": "Migrant workers need fair recruitment, health care and legal clinics in every city.",
    "fr": "Les travailleurs migrants ont besoin de contrats écrits et de soins dans chaque ville.",
    "ar": "يحتاج العمال المهاجرون إلى توظيف عادل ورعاية صحية وعيادات قانونية في كل مدينة.",
}


def spread(count):
    """``count`` public contributions to the Arab States space, spread over
    every objective (three each), the three languages, groups, countries and months."""
    posts = []
    for n in range(count):
        language = ("en", "fr", "ar")[n % 3]
        posts.append(
            contribute(
                f"{WORDS[language]} ({n})",
                kind=KINDS[n % len(KINDS)],
                language=language,
                objectives=(3 * n % 23 + 1, (3 * n + 1) % 23 + 1, (3 * n + 2) % 23 + 1),
                group=GROUPS[n % len(GROUPS)],
                country=COUNTRIES[n % len(COUNTRIES)],
                created=datetime(2023 + n // 12 % 2, n % 12 + 1, 1 + n % 27, tzinfo=UTC),
            )
        )
    # One sentence per language, from different accounts: as texts they are
    # campaigns, which a paper counts once. These tests measure the editor on
    # many distinct voices, so the groupings are undone (a paper's campaigns:
    # tests/test_campaigns_papers.py).
    Campaign.objects.filter(members__post__in=posts).delete()
    return posts


def member(django_user_model, name, group):
    user = person(django_user_model, name)
    user.groups.add(Group.objects.get(name=group))
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def generated(region_page):
    generation = generate.run(
        generate.start(
            region_page=region_page, title="What the space said", language="en", query="region=arab-states"
        )
    )
    assert generation.status == GenerationStatus.FINISHED, generation.error
    return AnalysisPaperPage.objects.get(pk=generation.page_id)


@pytest.fixture
def region_page():
    return add_region_page(english_home())


def copies(posts, count):
    """``count`` more contributions, each a copy of one of ``posts`` (same
    topic, words, date and details): written in bulk, as an import does."""
    originals = list(Post.objects.filter(pk__in=[p.pk for p in posts]).order_by("pk"))
    details = {c.pk: c for c in Contribution.objects.filter(pk__in=[p.pk for p in posts])}
    links = {}
    for post_id, objective_id in Objectives.objects.filter(contribution_id__in=details).values_list(
        "contribution_id", "gcmobjective_id"
    ):
        links.setdefault(post_id, []).append(objective_id)
    made = []
    with keep_timestamps(Post):
        for start in range(0, count, 2000):
            batch = []
            for n in range(start, min(count, start + 2000)):
                original = originals[n % len(originals)]
                batch.append(
                    Post(
                        topic_id=original.topic_id,
                        username=original.username,
                        subject=original.subject,
                        content=original.content.raw,
                        _content_rendered=original._content_rendered,
                        approved=True,
                        created=original.created,
                        updated=original.created,
                    )
                )
            Post.objects.bulk_create(batch)
            made += list(
                zip(
                    batch,
                    [originals[n % len(originals)] for n in range(start, start + len(batch))],
                    strict=True,
                )
            )
    Contribution.objects.bulk_create(
        Contribution(
            post_id=copy.pk,
            space_id=details[original.pk].space_id,
            kind=details[original.pk].kind,
            language=details[original.pk].language,
            stakeholder_group_id=details[original.pk].stakeholder_group_id,
            country_id=details[original.pk].country_id,
        )
        for copy, original in made
    )
    Objectives.objects.bulk_create(
        Objectives(contribution_id=copy.pk, gcmobjective_id=objective)
        for copy, original in made
        for objective in links.get(original.pk, ())
    )
    refresh_planner_statistics()
    return [copy for copy, _original in made]


def generated_from(region_page, posts):
    """A paper generated from exactly ``posts`` (a set frozen earlier, generated again)."""
    source = generate.start(
        region_page=region_page, title="What the space said", language="en", query="region=arab-states"
    )
    PaperGeneration.objects.filter(pk=source.pk).update(status=GenerationStatus.FINISHED)
    source.refresh_from_db()
    FrozenContribution.objects.bulk_create(
        (FrozenContribution(generation=source, post_id=p.pk, content_hash="0" * 64) for p in posts),
        batch_size=2000,
    )
    generation = generate.run(generate.regenerate(source))
    assert generation.status == GenerationStatus.FINISHED, generation.error
    return AnalysisPaperPage.objects.get(pk=generation.page_id)


def opened(client, page):
    """The edit view's HTML and the number of statements it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def body_of(page):
    return list(page.body.raw_data)


def test_the_editor_posts_as_many_fields_for_ten_thousand_contributions_as_for_ten(
    region_page, django_user_model
):
    ten = spread(10)
    client = signed_in(member(django_user_model, "analyst", ANALYSTS_GROUP))
    small = generated_from(region_page, ten)
    large = generated_from(region_page, ten + copies(ten, 9_990))
    assert FrozenContribution.objects.filter(generation=large.generation).count() == 10_000

    small_html, small_queries = opened(client, small)
    large_html, large_queries = opened(client, large)
    small_fields = field_count(editor_post(small_html, small))
    large_fields = field_count(editor_post(large_html, large))
    # The same blocks, each naming what it reads from its set: the form
    # does not grow with the set, and stays under Django's own default.
    assert [b["type"] for b in body_of(large)] == [b["type"] for b in body_of(small)]
    assert large_fields == small_fields
    assert large_fields < 1000 <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 10_000
    # Opening the editor reads nothing per contribution.
    assert large_queries == small_queries
    assert large_queries < 80

    # The public page still draws every chart from the 10,000 (the rows).
    large.save_revision().publish()
    text = Client().get(large.url).content.decode()
    assert "Contributions by country" in text
    english = large.generation.figures["by_language"]["en"]
    assert english > 3000 and format_number(english, "en") in text


def test_an_analyst_saves_a_rewritten_reordered_draft_and_an_editor_publishes_it(
    client, region_page, django_user_model
):
    spread(12)
    page = generated(region_page)
    analyst = signed_in(member(django_user_model, "analyst", ANALYSTS_GROUP))
    html, _queries = opened(analyst, page)

    # Rewrite a paragraph, move the last block first, remove a chart.
    body = body_of(page)
    first_paragraph = next(n for n, b in enumerate(body) if b["type"] == "paragraph")
    body[first_paragraph]["value"] = "<p>The analyst reads these figures anew.</p>"
    body.insert(0, body.pop())
    removed = next(b for b in body if b["type"] == "paper_chart" and b["value"]["counted_by"] == "type")
    body.remove(removed)
    data = editor_post(html, page, body=body)
    response = analyst.post(f"/admin/pages/{page.pk}/edit/", data)  # "Save draft"
    assert response.status_code == 302, response.content.decode()[:2000]

    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert not page.live
    saved = list(draft.body.raw_data)
    assert saved[0]["type"] == body[0]["type"]
    assert "The analyst reads these figures anew." in str(saved)
    assert removed["id"] not in {b["id"] for b in saved}

    # An editor (Moderators publish) publishes the draft from the editor.
    editor = signed_in(member(django_user_model, "editor", "Moderators"))
    html, _queries = opened(editor, page)
    response = editor.post(
        f"/admin/pages/{page.pk}/edit/",
        {**editor_post(html, draft).dict(), "action-publish": "action-publish"},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    text = client.get(page.url).content.decode()
    assert "The analyst reads these figures anew." in text
    # The charts' and terms' rows come from the frozen set: the country
    # chart lists the countries the set counted.
    assert "Contributions by country" in text and "Jordan" in text
    assert "Contributions by type" not in text


def copied_rows(page):
    """The page's body as drafts were written before: each chart's rows, each
    objective's terms (one block per language) and its quotations copied in."""
    figures = FrozenFigures.for_page(page)
    old = []
    for block in body_of(page):
        value = block["value"]
        if block["type"] == "paper_chart":
            rows = figures.chart_rows(value["counted_by"])
            chart = {k: v for k, v in value.items() if k != "counted_by"}
            old.append({**block, "value": {**chart, "rows": rows}})
        elif block["type"] == "key_terms":
            for language, terms in figures.terms(value["objective"]):
                terms = [{"term": t, "count": c} for t, c in terms]
                old.append(
                    {**block, "value": {"heading": "Recurring terms", "language": language, "terms": terms}}
                )
        elif block["type"] == "objective_quotations":
            for quotation in figures.quotations(value["objective"]):
                old.append({"type": "cited_quotation", "value": quotation, "id": block["id"]})
        else:
            old.append(block)
    return json.loads(json.dumps(old))


def test_the_migration_converts_copied_rows_to_references(client, region_page):
    spread(12)
    page = generated(region_page)
    expected_types = [b["type"] for b in body_of(page)]
    old = copied_rows(page)
    assert len(old) > len(expected_types)
    # An analyst changed one chart's numbers: that chart keeps its rows.
    changed = next(b for b in old if b["type"] == "paper_chart")
    changed["value"]["rows"][0]["value"] += 1
    page.body = old
    page.save_revision().publish()
    page.refresh_from_db()

    migration = importlib.import_module("hub.migrations.0006_paper_blocks_read_the_frozen_set")
    migration.convert(apps, None)

    page.refresh_from_db()
    for body in (body_of(page), list(page.get_latest_revision_as_object().body.raw_data)):
        assert [b["type"] for b in body] == expected_types
        charts = {b["id"]: b["value"] for b in body if b["type"] == "paper_chart"}
        assert charts.pop(changed["id"])["rows"]
        assert all(c["counted_by"] and not c["rows"] for c in charts.values())
    # The page shows the same rows as before, the changed one as the analyst left it.
    text = client.get(page.url).content.decode()
    assert "Contributions by country" in text and "Jordan" in text

    # Recurring terms copied for one language name their objective instead;
    # terms an analyst wrote are kept.
    figures = {"themes": {"6": {"terms": {"en": [["recruitment", 4], ["fees", 3]]}, "quotations": []}}}
    copied = {"heading": "Recurring terms in English", "language": "en", "terms": []}
    copied["terms"] = [{"type": "item", "value": {"term": "recruitment", "count": 4}, "id": "a"}]
    copied["terms"].append({"type": "item", "value": {"term": "fees", "count": 3}, "id": "b"})
    written = {**copied, "terms": [{"term": "recruitment", "count": 5}]}
    converted = convert_body(
        [
            {"type": "key_terms", "value": copied, "id": "1"},
            {"type": "key_terms", "value": written, "id": "2"},
        ],
        figures,
    )
    assert converted[0]["value"] == {**copied, "objective": 6, "terms": []}
    assert converted[1]["value"] == written
