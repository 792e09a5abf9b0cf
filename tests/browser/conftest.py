"""Browser fixtures: Playwright driving Debian's chromium against a live server.

The browser is the system one (``shutil.which``), never a downloaded build:
these machines have no network beyond the package registries.
"""

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.page_tree import add_region_page, english_home
from tests.search_corpus import contribute

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Debian's chromium is missing: `make test` installs it, or apt-get install chromium")
    # Playwright's sync API keeps an event loop in the test thread; the ORM
    # calls fixtures make there are ordinary blocking calls, so Django's
    # async-safety guard is lifted while the browser is open.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save a screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def arab_space(hub_site):
    """The Arab States page and space with two contributions, and one from Europe."""
    region_page = add_region_page(english_home())
    posts = [
        contribute(
            "Recruitment fees keep migrant workers in debt; we recommend banning them.",
            objectives=(6,),
            created=datetime(2024, 2, 1, tzinfo=UTC),
        ),
        contribute(
            "Our city pledges to open its health centres to every migrant.",
            kind="pledge",
            objectives=(15,),
            created=datetime(2024, 3, 1, tzinfo=UTC),
        ),
        contribute("A European contribution.", region="europe", created=datetime(2024, 3, 1, tzinfo=UTC)),
    ]
    return region_page, posts


@pytest.fixture
def english_page(browser):
    """A desktop browser in English (the staff's journeys)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True
    )
    page = context.new_page()
    yield page
    # The generation page polls its status every 1.5 s: leave it, and let a
    # poll already sent be answered, before the test database is emptied
    # (a request still reading then locks its tables: "database table is locked").
    page.goto("about:blank")
    page.wait_for_timeout(500)
    context.close()
