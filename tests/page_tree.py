"""Page trees used across the hub's tests, put together from the page
factories (tests/factories.py)."""

import datetime

from wagtail.models import Locale

from hub.core.dates import DatePrecision, PartOfYear
from hub.models import (
    HomePage,
    Milestone,
    MilestoneKind,
    Region,
    RoadmapPage,
    RoadmapPhase,
)
from tests.factories import (
    AnalysisPaperPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    RegionPageFactory,
    StandardPageFactory,
)


def english_home():
    return HomePage.objects.get(locale__language_code="en")


def region(slug, name=None, sort_order=0):
    """The default-locale row of a region (the taxonomy loader may already have made it)."""
    english = Locale.objects.get(language_code="en")
    row, _created = Region.objects.get_or_create(
        slug=slug,
        locale=english,
        defaults={"name": name or slug.replace("-", " ").title(), "sort_order": sort_order},
    )
    return row


def publish(parent, page):
    """A page built by hand (its fields set one by one), added and published
    as the factories in tests/factories.py add theirs."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_region_page(home, slug="arab-states"):
    return RegionPageFactory(parent=home, region=region(slug))


def add_roadmap(home, regions=("europe", "arab-states")):
    roadmap = RoadmapPage(title="Roadmap 2023–2024", slug="roadmap", as_of=datetime.date(2023, 9, 27))
    roadmap.phases = [
        RoadmapPhase(
            title="Regional pre-consultations",
            date_precision=DatePrecision.MONTHS,
            date_start=datetime.date(2023, 10, 1),
            date_end=datetime.date(2024, 12, 1),
        )
    ]
    milestones = [
        Milestone(
            kind=MilestoneKind.GLOBAL_CONSULTATION,
            date_precision=DatePrecision.DAY,
            date_start=datetime.date(2023, 10, 31),
        )
    ]
    for slug in regions:
        milestones += [
            Milestone(
                region=region(slug),
                kind=MilestoneKind.PRE_CONSULTATION,
                date_precision=DatePrecision.PART_OF_YEAR,
                date_part=PartOfYear.LATE,
                date_start=datetime.date(2023, 11, 1),
            ),
            Milestone(
                region=region(slug),
                kind=MilestoneKind.CONSULTATION,
                date_precision=DatePrecision.ALTERNATIVES,
                date_start=datetime.date(2024, 3, 8),
                date_end=datetime.date(2024, 3, 11),
                date_tentative=True,
            ),
            Milestone(
                region=region(slug),
                kind=MilestoneKind.REVIEW,
                date_precision=DatePrecision.MONTH,
                date_start=datetime.date(2024, 6, 1),
                held_start=datetime.date(2024, 7, 3),
                held_end=datetime.date(2024, 7, 4),
                location="Geneva",
            ),
        ]
    roadmap.milestones = milestones
    return publish(home, roadmap)


def add_news_index(home):
    return NewsIndexPageFactory(parent=home)


def add_news(index, count, regions=("arab-states",), start=datetime.date(2024, 1, 1), title="Story"):
    return [
        NewsPageFactory(
            parent=index,
            title=f"{title} {n}",
            slug=f"story-{n}-{start.isoformat()}",
            date=start + datetime.timedelta(days=n),
            summary=f"What happened on day {n}.",
            regions=[region(slug) for slug in regions],
        )
        for n in range(count)
    ]


def add_event_index(home):
    return EventIndexPageFactory(parent=home)


def add_event(index, slug="consultation-2021", **fields):
    values = {
        "title": "Multi-stakeholder consultation",
        "slug": slug,
        "kind": "consultation",
        "starts_on": datetime.date(2021, 2, 23),
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(15, 0),
        "time_zone": "Africa/Cairo",
        "event_format": "virtual",
        "venue": "Online platform",
        "interpretation_languages": ["ar", "en", "fr"],
        "registration_deadline": datetime.date(2021, 2, 5),
        "agenda": [
            (
                "day",
                {
                    "heading": "Programme",
                    "sessions": [
                        {"start": datetime.time(10, 0), "end": datetime.time(10, 45), "title": "Opening"},
                        {"start": datetime.time(10, 45), "end": datetime.time(12, 45), "title": "Plenary"},
                    ],
                },
            )
        ],
        "logistics": [
            ("section", {"topic": "interventions", "heading": "", "body": "<p>Up to 3 minutes.</p>"})
        ],
    }
    values.update(fields)
    return EventPageFactory(parent=index, **values)


def add_paper(region_page):
    return AnalysisPaperPageFactory(parent=region_page)


def add_standard(parent, slug="how-to-take-part"):
    return StandardPageFactory(parent=parent, slug=slug)
