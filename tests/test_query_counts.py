"""Pages cost the same number of SQL queries whatever the number of news
stories, events, papers or milestones they list."""

import datetime

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from hub.core.dates import DatePrecision
from hub.models import AnalysisPaperPage, Milestone, MilestoneKind
from tests import page_tree


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def warm_queries_for(client, url):
    """The queries of a second visit. The first fills the caches: site root
    paths, content types, and what the pages stamp keys (a region page's
    participation figures, counted again after any change, in a number of
    queries tests/test_participation.py shows does not grow either)."""
    client.get(url)
    return queries_for(client, url)


# What rendering costs: the anonymous page cache (hub/page_cache.py, tested
# in tests/test_page_cache.py) would answer the second visit without it.
@override_settings(PAGE_CACHE_SECONDS=0)
class QueriesDoNotGrowWithContent(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = page_tree.english_home()
        cls.region_page = page_tree.add_region_page(cls.home)
        cls.roadmap = page_tree.add_roadmap(cls.home)
        cls.news_index = page_tree.add_news_index(cls.home)
        page_tree.add_news(cls.news_index, 2)
        cls.event_index = page_tree.add_event_index(cls.home)
        page_tree.add_event(cls.event_index, slug="event-0")
        page_tree.add_paper(cls.region_page)

    def assert_same_cost(self, url, grow):
        small = warm_queries_for(self.client, url)
        grow()
        large = warm_queries_for(self.client, url)
        assert large == small, f"{url}: {small} queries with few items, {large} with many"

    def test_home_page(self):
        def grow():
            page_tree.add_news(self.news_index, 12, start=datetime.date(2025, 1, 1))
            for slug in ("africa", "europe", "asia-pacific", "latin-america-caribbean"):
                page_tree.add_region_page(self.home, slug)

        self.assert_same_cost("/en/", grow)

    def test_news_index(self):
        self.assert_same_cost(
            self.news_index.url,
            lambda: page_tree.add_news(
                self.news_index, 12, regions=("europe", "arab-states"), start=datetime.date(2025, 1, 1)
            ),
        )

    def test_event_index(self):
        def grow():
            for n in range(1, 10):
                page_tree.add_event(self.event_index, slug=f"event-{n}")

        self.assert_same_cost(self.event_index.url, grow)

    def test_roadmap_and_region_pages(self):
        def grow():
            for n in range(20):
                self.roadmap.milestones.add(
                    Milestone(
                        region=page_tree.region("arab-states"),
                        kind=MilestoneKind.PRE_CONSULTATION,
                        title=f"Sub-regional meeting {n}",
                        date_precision=DatePrecision.MONTH,
                        date_start=datetime.date(2024, 1 + n % 12, 1),
                    )
                )
            self.roadmap.save_revision().publish()

        url_cost = dict.fromkeys((self.roadmap.url, self.region_page.url, "/en/"))
        for url in url_cost:
            url_cost[url] = warm_queries_for(self.client, url)
        grow()
        for url, small in url_cost.items():
            assert warm_queries_for(self.client, url) == small, url

    def test_region_page_with_many_papers(self):
        def grow():
            for n in range(8):
                page_tree.publish(
                    self.region_page,
                    AnalysisPaperPage(
                        title=f"Paper {n}", slug=f"paper-{n}", published_on=datetime.date(2024, 1, 1)
                    ),
                )

        self.assert_same_cost(self.region_page.url, grow)
