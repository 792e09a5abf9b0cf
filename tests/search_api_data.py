"""Contributions for the JSON API and export tests: five anyone may find,
three nobody but staff (or nobody at all) may find."""

from datetime import UTC, datetime

from tests.test_search_database import closed_forum, contribute


def make_corpus():
    posts = {
        "visas": contribute(
            "Seasonal workers need multiple-entry visas and fair recruitment.",
            region="europe",
            kind="recommendation",
            language="en",
            objectives=(5, 6),
            group="civil-society",
            country="FR",
            created=datetime(2024, 3, 1, tzinfo=UTC),
        ),
        "recruitment": contribute(
            "Fair recruitment protects workers from debt bondage.",
            region="africa",
            kind="good-practice",
            language="en",
            objectives=(6,),
            group="academia",
            country="SN",
            created=datetime(2024, 5, 1, tzinfo=UTC),
        ),
        "french": contribute(
            "Les travailleurs saisonniers ont besoin de visas.",
            region="africa",
            kind="comment",
            language="fr",
            objectives=(5,),
            country="SN",
            created=datetime(2023, 11, 20, tzinfo=UTC),
        ),
        "arabic": contribute(
            "نوصي بتعزيز وصول العمال المهاجرين إلى الخدمات الأساسية",
            region="arab-states",
            kind="report",
            language="ar",
            objectives=(15,),
            group="civil-society",
            country="JO",
            created=datetime(2024, 1, 10, tzinfo=UTC),
        ),
        "question": contribute(
            "How are **workers** counted when they move between countries?",
            region="asia-pacific",
            subject="Data on migration",
            kind="question",
            language="en",
            group="academia",
            created=datetime(2024, 6, 2, tzinfo=UTC),
        ),
    }
    hidden = {
        "unapproved": contribute("Workers recruitment visas pending", region="europe", approved=False),
        "unapproved_topic": contribute(
            "Workers recruitment visas topic", region="europe", topic_approved=False
        ),
        "closed": contribute("Workers recruitment visas staff", region="europe", forum=closed_forum()),
    }
    return posts, hidden
