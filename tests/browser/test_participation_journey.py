"""Who takes part, as people find it: from the menu to the dashboard, filtered
by review cycle and region with the form, a chart's CSV downloaded, and a
figure followed to the contributions it counts. In English on a desktop and
in Arabic on a phone."""

import csv
import io
from datetime import UTC, datetime

import pytest

from forum.models import Contribution
from hub.demo_content.cycles import ensure_cycles
from tests.search_corpus import contribute

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def consultations(hub_site):
    """The two review cycles, and contributions in each."""
    ensure_cycles()
    made = [
        ("africa", "civil-society", datetime(2021, 3, 1, tzinfo=UTC)),
        ("africa", "migrants", datetime(2021, 4, 1, tzinfo=UTC)),
        ("africa", "migrants", datetime(2021, 5, 1, tzinfo=UTC)),
        ("europe", "academia", datetime(2021, 6, 1, tzinfo=UTC)),
        ("africa", "civil-society", datetime(2024, 3, 1, tzinfo=UTC)),
        ("arab-states", "trade-unions", datetime(2024, 4, 1, tzinfo=UTC)),
    ]
    for region, group, when in made:
        contribute(f"Safe pathways in {region}, {when:%Y}.", region=region, group=group, created=when)
    contribute(
        "Held back",
        region="africa",
        group="migrants",
        approved=False,
        created=datetime(2021, 5, 2, tzinfo=UTC),
    )


def rows_of(download):
    with open(download.path(), encoding="utf-8-sig") as file:
        return list(csv.reader(io.StringIO(file.read())))


def test_an_analyst_filters_by_cycle_and_region_and_downloads_a_charts_numbers(
    live_server, consultations, english_page
):
    page = english_page
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Participation", exact=True).click()
    assert page.locator("h1").inner_text() == "Who takes part"
    page.select_option("#p-cycle", label="First regional reviews, 2020–2021")
    page.select_option("#p-region", label="Africa")
    page.locator("#participation-show").click()
    page.wait_for_load_state()
    assert "cycle=first-2020" in page.url and "region=africa" in page.url
    # Three public contributions from Africa in the first cycle (the held one is not counted).
    expected = Contribution.objects.filter(
        space__region__slug="africa", post__approved=True, post__created__year=2021
    ).count()
    assert expected == 3
    headline = page.locator('#totals a[data-measure="contributions"]')
    assert headline.inner_text() == "3"
    page.screenshot(path="test-artifacts/participation-en-desktop.png", full_page=True)

    with page.expect_download() as download_info:
        page.locator("#groups a.participation-csv").click()
    download = download_info.value
    assert download.suggested_filename == "participation-groups.csv"
    rows = rows_of(download)
    assert rows[0][:2] == ["group", "name"]
    counted = {row[0]: int(row[2]) for row in rows[1:]}
    assert counted == {"migrants": 2, "civil-society": 1}
    # The table on the page says the same.
    page.locator("#groups summary").click()
    migrants = page.locator('#groups tr[data-key="migrants"] td a').first
    assert migrants.inner_text() == "2"

    # A figure leads to the contributions it counts.
    migrants.click()
    page.wait_for_load_state()
    assert "/search/contributions/" in page.url
    assert page.locator("#search-hits article").count() == 2


def test_a_stakeholder_reads_the_regions_side_by_side_in_arabic_on_a_phone(live_server, consultations, page):
    page.goto(f"{live_server.url}/ar/")
    page.locator(".navbar-toggler").click()
    page.locator("#site-nav a[href='/ar/participation/']").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.select_option("#p-cycle", value="second-2024")
    page.locator("#participation-show").click()
    page.wait_for_load_state()
    assert "cycle=second-2024" in page.url
    assert page.locator('#totals a[data-measure="contributions"]').inner_text() == "2"
    chart = page.locator("#regions svg")
    assert chart.get_attribute("direction") == "rtl"
    assert chart.locator("title").text_content()
    page.screenshot(path="test-artifacts/participation-ar-phone.png", full_page=True)
