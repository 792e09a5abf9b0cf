"""Importing contributions from JSON Lines, and seeding demo contributions."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import translation
from machina.core.db.models import get_model

from forum.bulk_import import Importer, keep_timestamps
from forum.importing import Vocabulary, read_rows, validate
from forum.models import Contribution, RegionalSpace
from forum.seeding import seed_row

pytestmark = pytest.mark.django_db

Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")
Attachment = get_model("forum_attachments", "Attachment")
ForumProfile = get_model("forum_member", "ForumProfile")

TOPIC = "Migrants' access to basic services"


def line(**changes):
    data = {
        "external_id": "mail-2024-001",
        "region": "arab-states",
        "topic": TOPIC,
        "author_email": "salma@example.org",
        "author_name": "Salma Haddad",
        "organisation": "Rights and Solidarity Network",
        "stakeholder_group": "civil-society",
        "country": "JO",
        "language": "ar",
        "type": "recommendation",
        "objectives": [15, 16],
        "created": "2024-03-05T09:30:00+02:00",
        "body": "نوصي بتعزيز وصول المهاجرين إلى الخدمات الأساسية.",
    }
    data.update(changes)
    return data


def write(tmp_path, *lines, name="contributions.jsonl"):
    path = tmp_path / name
    path.write_text(
        "".join(
            (item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)) + "\n" for item in lines
        ),
        encoding="utf-8",
    )
    return path


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_contributions", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def space(slug):
    return RegionalSpace.objects.select_related("forum").get(region__slug=slug)


def two_lines():
    return (
        line(),
        line(
            external_id="mail-2024-002",
            author_email="",
            author_name="Jean Martin",
            organisation="",
            stakeholder_group="academia",
            country="fr",
            language="fr",
            type="good-practice",
            objectives=[],
            created="2024-04-01T12:00:00",
            body="Une bonne pratique concernant l'accès aux services de base.",
        ),
    )


def test_a_valid_file_lands_every_field(tmp_path):
    out, _err = run(write(tmp_path, *two_lines()))
    assert "2 contribution(s) imported (1 new topic(s)" in out

    arab_states = space("arab-states")
    topic = Topic.objects.get(subject=TOPIC)
    assert topic.forum == arab_states.forum
    assert topic.poster is None  # opened by the import, not by a contributor
    assert topic.approved

    first = Contribution.objects.select_related("post", "stakeholder_group", "country").get(
        external_id="mail-2024-001"
    )
    assert first.space == arab_states
    assert first.post.topic == topic
    assert first.post.approved
    assert first.post.subject == TOPIC
    assert first.post.created == datetime(2024, 3, 5, 7, 30, tzinfo=UTC)
    assert first.post.updated == first.post.created
    assert first.post.poster is None
    assert first.post.username == "Salma Haddad"
    assert "الخدمات الأساسية" in first.post.content.rendered
    assert (first.kind, first.language, first.language_detected) == ("recommendation", "ar", False)
    assert (first.author_name, first.organisation) == ("Salma Haddad", "Rights and Solidarity Network")
    assert first.stakeholder_group.slug == "civil-society"
    assert first.country.code == "JO"
    assert sorted(first.objectives.values_list("number", flat=True)) == [15, 16]

    second = Contribution.objects.select_related("post", "country").get(external_id="mail-2024-002")
    assert second.post.topic == topic  # the topic is created once
    assert second.post.created == datetime(2024, 4, 1, 12, 0, tzinfo=UTC)  # no time zone: UTC
    assert second.country.code == "FR"
    assert second.organisation == ""
    assert not second.objectives.exists()

    # machina's counters and last post are right, as its own update would make them.
    assert topic.posts_count == 2
    assert topic.first_post == first.post
    assert topic.last_post == second.post
    assert topic.last_post_on == second.post.created
    assert topic.created == first.post.created
    forum = arab_states.forum
    forum.refresh_from_db()
    assert (forum.direct_topics_count, forum.direct_posts_count) == (1, 2)
    assert forum.last_post == second.post

    # What machina computes itself agrees.
    before = (topic.posts_count, topic.first_post_id, topic.last_post_id, topic.last_post_on)
    topic.update_trackers()
    assert (topic.posts_count, topic.first_post_id, topic.last_post_id, topic.last_post_on) == before


def test_a_known_email_makes_the_account_the_poster(tmp_path, verified_user):
    run(write(tmp_path, line(author_email="AMINA@example.org")))
    post = Contribution.objects.get(external_id="mail-2024-001").post
    assert post.poster == verified_user
    assert post.username is None
    assert ForumProfile.objects.get(user=verified_user).posts_count == 1


def test_an_existing_topic_is_reused_and_its_counters_updated(tmp_path, verified_user):
    forum = space("arab-states").forum
    topic = Topic.objects.create(
        forum=forum, poster=verified_user, subject=TOPIC, type=Topic.TOPIC_POST, status=Topic.TOPIC_UNLOCKED
    )
    opening = Post.objects.create(
        topic=topic, poster=verified_user, subject=TOPIC, content="Opening the topic."
    )
    Post.objects.filter(pk=opening.pk).update(created=datetime(2023, 1, 10, tzinfo=UTC))
    topic.update_trackers()  # the topic as machina leaves it when written in 2023
    run(write(tmp_path, line(created="2024-01-02T10:00:00Z")))
    topic.refresh_from_db()
    assert Topic.objects.filter(subject=TOPIC).count() == 1
    assert topic.posts_count == 2
    assert topic.first_post == opening
    assert topic.last_post == Contribution.objects.get().post


def test_importing_again_changes_nothing(tmp_path):
    path = write(tmp_path, *two_lines())
    run(path)
    counts = (Contribution.objects.count(), Topic.objects.count(), Post.objects.count())
    out, _err = run(path)
    assert "0 contribution(s) imported" in out
    assert "2 already imported, skipped" in out
    assert (Contribution.objects.count(), Topic.objects.count(), Post.objects.count()) == counts
    assert Topic.objects.get(subject=TOPIC).posts_count == 2


def invalid_file(tmp_path):
    return write(
        tmp_path,
        line(),  # 1: valid
        "{not json",  # 2
        line(external_id="x-3", region="antarctica", created="last Tuesday"),  # 3
        {k: v for k, v in line(external_id="x-4").items() if k != "country"},  # 4
        line(external_id="x-5", colour="blue", objectives=[5, 24]),  # 5
        line(external_id="x-6", body="x" * 32_001),  # 6
        line(external_id="x-7", country="ZZ", language="es", type="essay", stakeholder_group="aliens"),  # 7
        line(),  # 8: the external_id of line 1 again
        line(external_id="x-9", topic="", objectives="5"),  # 9
        line(external_id="x-10", attachment="../../etc/passwd"),  # 10
        line(external_id="x-11", author_email="not an address"),  # 11
        line(external_id="x-12", region="europe", topic="Another topic"),  # 12: valid
    )


def test_an_invalid_file_reports_line_numbers_and_imports_nothing(tmp_path):
    topics = Topic.objects.count()
    with pytest.raises(CommandError, match="10 invalid line"):
        run(invalid_file(tmp_path))
    assert not Contribution.objects.exists()
    assert Topic.objects.count() == topics


def test_every_error_names_its_line(tmp_path):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_contributions", str(invalid_file(tmp_path)), stdout=StringIO(), stderr=err)
    report = err.getvalue()
    expected = {
        2: "not valid JSON",
        3: "unknown region 'antarctica'",
        4: "missing field(s): country",
        5: "unknown field(s): colour",
        6: "body is longer than 32,000 characters",
        7: "unknown country 'ZZ'",
        8: "repeats line 1",
        9: "empty field(s): topic",
        10: "outside the file's folder",
        11: "is not an e-mail address",
    }
    for number, message in expected.items():
        assert any(
            text.startswith(f"contributions.jsonl, line {number}:") and message in text
            for text in report.splitlines()
        ), (number, message, report)
    for message in (
        "'last Tuesday' is not an ISO 8601",
        "unknown GCM objective number(s): 24",
        "language 'es' is not one of ar, en, fr",
        "unknown type 'essay'",
        "unknown stakeholder_group 'aliens'",
        "objectives must be a list",
    ):
        assert message in report
    assert "line 1:" not in report
    assert "line 12:" not in report


def test_skip_invalid_imports_the_valid_lines(tmp_path):
    out, err = run(invalid_file(tmp_path), "--skip-invalid")
    assert "line 3:" in err
    assert "2 contribution(s) imported" in out
    assert "10 invalid line(s) skipped" in out
    assert sorted(Contribution.objects.values_list("external_id", flat=True)) == ["mail-2024-001", "x-12"]
    assert Contribution.objects.get(external_id="x-12").space == space("europe")


def test_an_attachment_is_stored_with_the_post(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "summary.pdf").write_bytes(b"%PDF-1.4 a short report")
    run(write(tmp_path, line(type="report", attachment="reports/summary.pdf")))
    attachment = Attachment.objects.get(post__contribution__external_id="mail-2024-001")
    assert attachment.filename.startswith("summary")
    with attachment.file.open("rb") as handle:
        assert handle.read() == b"%PDF-1.4 a short report"
    # Stored where no URL reaches it, like an upload through the form.
    assert not any((tmp_path / "media").rglob("*.pdf"))


def test_an_attachment_is_checked_by_its_content(tmp_path):
    (tmp_path / "page.pdf").write_bytes(b"<html><script>alert(1)</script></html>")
    with pytest.raises(CommandError):
        run(write(tmp_path, line(attachment="page.pdf")))
    assert not Contribution.objects.exists()


def test_a_missing_attachment_is_an_error(tmp_path):
    with pytest.raises(CommandError):
        run(write(tmp_path, line(attachment="nowhere.pdf")))


def test_imported_posts_are_public_on_the_topic_page(tmp_path):
    run(write(tmp_path, *two_lines()))
    topic = Topic.objects.select_related("forum").get(subject=TOPIC)
    with translation.override("en"):
        url = reverse(
            "forum_conversation:topic",
            kwargs={
                "forum_slug": topic.forum.slug,
                "forum_pk": topic.forum.pk,
                "slug": topic.slug,
                "pk": topic.pk,
            },
        )
    page = Client().get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "نوصي بتعزيز وصول المهاجرين" in text
    assert "Une bonne pratique concernant" in text
    assert "Salma Haddad" in text


def test_timestamps_are_automatic_again_after_an_import():
    with keep_timestamps(Post, Topic):
        assert not Post._meta.get_field("created").auto_now_add
    assert Post._meta.get_field("created").auto_now_add
    assert Post._meta.get_field("updated").auto_now
    assert Topic._meta.get_field("created").auto_now_add


# ---------------------------------------------------------------- seeding


def test_an_import_runs_in_batches_and_reports_each(tmp_path):
    # A generator is read one batch at a time (a large file never is all in
    # memory), the last batch holds what is left, and every row lands once.
    vocabulary = Vocabulary()
    rows = (validate(seed_row(9, n, vocabulary), n, vocabulary) for n in range(1, 6))
    reported = []
    count = Importer(batch_size=2, progress=reported.append).run(rows)
    assert reported == [2, 2, 1]
    assert count.imported == 5
    assert Contribution.objects.filter(external_id__startswith="seed-9-").count() == 5


def test_counters_kept_batch_by_batch_match_what_machina_counts(tmp_path):
    # Each batch brings the counters forward from the new posts alone; rows
    # arrive in no date order, so a later batch may hold a topic's first post.
    dates = [
        "2024-05-01T10:00:00Z",
        "2024-02-01T10:00:00Z",
        "2024-09-01T10:00:00Z",
        "2024-01-15T10:00:00Z",
        "2024-08-01T10:00:00Z",
    ]
    rows = [
        line(external_id=f"mail-{n}", created=created, author_email="") for n, created in enumerate(dates)
    ]
    path = write(tmp_path, *rows)
    vocabulary = Vocabulary()
    assert Importer(batch_size=2).run(read_rows(path, vocabulary)).imported == 5
    topic = Topic.objects.get(subject=TOPIC)
    kept = (topic.posts_count, topic.first_post_id, topic.last_post_id, topic.last_post_on)
    assert Post.objects.get(pk=topic.first_post_id).created == datetime(2024, 1, 15, 10, tzinfo=UTC)
    assert topic.last_post == Contribution.objects.get(external_id="mail-2").post
    topic.update_trackers()
    assert (topic.posts_count, topic.first_post_id, topic.last_post_id, topic.last_post_on) == kept
    forum = topic.forum
    forum.refresh_from_db()
    assert (forum.direct_posts_count, forum.last_post_id) == (5, topic.last_post_id)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite plans from its indexes alone")
def test_after_an_import_the_planner_knows_the_rows_are_there():
    # Planned for the empty tables it saw before, a paper generated right after
    # a large import ran each statement in seconds (forum.bulk_import).
    vocabulary = Vocabulary()
    rows = (validate(seed_row(8, n, vocabulary), n, vocabulary) for n in range(1, 41))
    assert Importer().run(rows).imported == 40
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname IN (%s, %s)",
            [Post._meta.db_table, Contribution._meta.db_table],
        )
        planned = dict(cursor.fetchall())
    assert planned[Post._meta.db_table] >= 40
    assert planned[Contribution._meta.db_table] >= 40


def test_seeding_is_deterministic():
    vocabulary = Vocabulary()
    assert [seed_row(4, n, vocabulary) for n in range(1, 30)] == [
        seed_row(4, n, vocabulary) for n in range(1, 30)
    ]
    assert seed_row(4, 1, vocabulary) != seed_row(5, 1, vocabulary)
    assert len({seed_row(4, n, vocabulary)["body"] for n in range(1, 200)}) == 199


def test_seeding_again_adds_only_what_is_missing():
    call_command("seed_contributions", count=40, seed=3, stdout=StringIO())
    first = dict(Contribution.objects.values_list("external_id", "post__content"))
    out = StringIO()
    call_command("seed_contributions", count=60, seed=3, stdout=out)
    assert "20 demo contribution(s) added (seed 3), 40 already there." in out.getvalue()
    assert Contribution.objects.count() == 60
    assert (
        dict(Contribution.objects.filter(external_id__in=first).values_list("external_id", "post__content"))
        == first
    )
    call_command("seed_contributions", count=60, seed=3, stdout=StringIO())
    assert Contribution.objects.count() == 60


def test_seeding_covers_every_region_language_type_and_objective():
    call_command("seed_contributions", count=300, seed=1, stdout=StringIO())
    contributions = Contribution.objects.all()
    assert set(contributions.values_list("space__region__slug", flat=True)) == {
        "africa",
        "arab-states",
        "asia-pacific",
        "europe",
        "latin-america-caribbean",
    }
    assert set(contributions.values_list("language", flat=True)) == {"ar", "en", "fr"}
    assert set(contributions.values_list("kind", flat=True)) == {
        "comment",
        "recommendation",
        "good-practice",
        "report",
        "pledge",
        "question",
    }
    assert set(contributions.values_list("objectives__number", flat=True)) - {None} == set(range(1, 24))
    assert len(set(contributions.values_list("stakeholder_group__slug", flat=True))) >= 14
    # Each author's country lies in the region of the space they wrote in.
    assert not contributions.exclude(country__region=F("space__region")).exists()
    dates = contributions.values_list("post__created", flat=True)
    assert {d.year for d in dates} == {2023, 2024}
    for topic in Topic.objects.filter(posts__contribution__external_id__startswith="seed-1-").distinct():
        assert topic.posts_count == topic.posts.count()
