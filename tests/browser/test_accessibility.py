"""axe-core on every public page type, in English and in Arabic: no serious or
critical violation.

axe-core is the copy bundled by the ``axe-playwright-python`` package
(requirements-test.txt), injected into each page through Playwright; nothing
is fetched from the network. One browser, one context per language, in a
window wide enough for the whole menu (the phone layout only folds it behind
a button); pages a stakeholder sees signed in are checked after signing in,
in the same context, and two forms are checked again sent back with errors.

Every finding (all impacts) is written to test-artifacts/accessibility.txt,
so the moderate and minor ones can be read even when the test passes.
"""

import json
import time

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone
from machina.core.db.models import get_model

from forum.models import RegionalSpace
from hub.models import (
    AnalysisPaperPage,
    EventIndexPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    RegionPage,
    RoadmapPage,
    StandardPage,
)
from search.models import SavedSearch
from tests.browser.conftest import ARTIFACTS
from tests.registration_helpers import arabic_consultation
from tests.stakeholders import give_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")

PASSWORD = "a-long-pass-phrase-2024"
LANGUAGES = ("en", "ar")
FAILING = ("serious", "critical")
# Every rule axe runs by default (WCAG 2.0–2.2 A/AA and its best practices);
# only serious and critical findings fail the test.
AXE_OPTIONS = {"resultTypes": ["violations"]}

# axe's colour-contrast rule leaves out text it takes for an icon font's
# ligatures (axe-core 4.7+, "skip ligature icons"). Arabic words fool that
# guess, their joined letters looking unlike the first one alone; after three
# such words every element in the same font is left out, the English and French
# links of an Arabic page too. The Hub uses no ligature icon font (Font Awesome
# draws its icons in ::before, never in text), so this rule runs the same check,
# with the same options, on the visible text the built-in rule left out.
ALL_TEXT_RULE = """() => {
  if (axe._audit.rules.some((rule) => rule.id === "color-contrast-all-text")) return;
  const base = axe._audit.rules.find((rule) => rule.id === "color-contrast");
  const skipped = ["option", "select", "script", "style", "title", "textarea"];
  axe.configure({
    rules: [{
      id: "color-contrast-all-text",
      impact: "serious",
      excludeHidden: false,
      tags: ["cat.color", "wcag2aa", "wcag143"],
      selector: "*",
      matches: (node, virtualNode) => {
        const texts = Array.from(node.childNodes).filter((child) => child.nodeType === 3);
        if (!texts.some((text) => /[\\p{L}\\p{N}]/u.test(text.nodeValue))) return false;
        if (skipped.includes(node.localName)) return false;
        if (node.closest("[disabled], [aria-disabled=true]")) return false;
        if (!axe.commons.dom.isVisibleOnScreen(node)) return false;
        return !base.matches(node, virtualNode);
      },
      any: base.any,
      all: [],
      none: [],
      metadata: {
        description: "Text the built-in colour-contrast rule skipped as icon ligatures (Arabic) meets 4.5:1",
        help: "Elements must meet minimum color contrast ratio thresholds",
      },
    }],
  });
}"""


@pytest.fixture
def site_content(hub_site, django_user_model):
    """The demo pages, a few seeded contributions, an upcoming consultation open
    for registration, and a stakeholder with a topic, a reply and a saved search."""
    call_command("load_demo", verbosity=0)
    call_command("seed_contributions", count=24, verbosity=0)
    event = arabic_consultation(slug="consultation-open")
    user = django_user_model.objects.create_user(
        username="amina", email="amina@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    give_profile(user, display_name="Amina Haddad")
    space = RegionalSpace.objects.select_related("forum").get(region__slug="arab-states")
    topic = Topic.objects.create(
        forum=space.forum,
        poster=user,
        subject="Regular pathways for migration",
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
    )
    Post.objects.create(topic=topic, poster=user, subject=topic.subject, content="Which pathways work?")
    Post.objects.create(
        topic=topic, poster=user, subject=f"Re: {topic.subject}", content="Work permits **tied** to skills."
    )
    for language in LANGUAGES:
        SavedSearch.objects.create(
            user=user, name="Labour mobility", params="q=migration", language=language, created=timezone.now()
        )
    return {"event": event, "space": space, "topic": topic, "user": user}


def wagtail_url(model, language, **filters):
    page = model.objects.filter(locale__language_code=language, **filters).live().order_by("path").first()
    assert page is not None, f"no {model.__name__} in {language}"
    return page.url


def pages(language, content):
    """(name, path, signed in?, what the page must show, what to do before axe runs)
    for every public page type; the last three are a form sent back with errors."""
    forum = content["space"].forum
    topic = content["topic"]
    forum_path = f"/{language}/forum/forum/{forum.slug}-{forum.pk}/"
    event = content["event"].get_translations(inclusive=True).get(locale__language_code=language)
    return [
        ("home", wagtail_url(HomePage, language), False, ".region-card", None),
        ("region", wagtail_url(RegionPage, language, slug="arab-states"), False, ".timeline-item", None),
        ("roadmap", wagtail_url(RoadmapPage, language), False, ".roadmap-table", None),
        ("news index", wagtail_url(NewsIndexPage, language), False, ".news-item", None),
        ("news story", wagtail_url(NewsPage, language), False, "main h1", None),
        ("events index", wagtail_url(EventIndexPage, language), False, "main a[href*='/events/']", None),
        ("event", event.url, False, ".event-registration", None),
        ("analysis paper", wagtail_url(AnalysisPaperPage, language), False, "main h1", None),
        ("standard page", wagtail_url(StandardPage, language), False, "main h1", None),
        ("404", f"/{language}/no-such-page/", False, "main h1", None),
        ("board index", f"/{language}/forum/", False, ".forum-card", None),
        ("space", forum_path, False, "main a[href*='/topic/']", None),
        ("topic", f"{forum_path}topic/{topic.slug}-{topic.pk}/", False, ".post ~ .post", None),
        ("profile", f"/{language}/forum/member/profile/{content['user'].pk}/", False, "main h1", None),
        (
            "contribution search",
            f"/{language}/search/contributions/?q=migration",
            False,
            ("#search-hits article", "#search-filters input.form-check-input"),
            None,
        ),
        ("site search", f"/{language}/search/?q=migration", False, "main h1", None),
        ("sign-up", f"/{language}/accounts/signup/", False, "input[name=display_name]", None),
        ("sign-in", f"/{language}/accounts/login/", False, "input[name=login]", None),
        (
            "sign-in, wrong password",
            f"/{language}/accounts/login/",
            False,
            ".alert, .invalid-feedback",
            wrong_password,
        ),
        ("api", "/api/v1/", False, "main h1", None),
        (
            "participation",
            f"/{language}/participation/?cycle=all",
            False,
            ("#regions svg", "#group_by_region svg", "#missing .card"),
            open_every_table,
        ),
        ("open data", f"/{language}/open-data/", False, "main h1", None),
        ("event registration", f"{event.url}register/", True, "form.registration-form", None),
        ("event registration, errors", f"{event.url}register/", True, "#id_consent-errors", send_as_is),
        ("new contribution", f"{forum_path}topic/create/", True, "textarea[name=content]", None),
        ("saved searches", f"/{language}/search/saved/", True, "input[id^=name-]", None),
    ]


def open_every_table(page):
    """The dashboard's tables are folded under their charts: axe reads them open."""
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")


def wrong_password(page):
    page.fill("input[name=login]", "amina@example.org")
    page.fill("input[name=password]", "not-the-pass-phrase")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def send_as_is(page):
    page.locator("form.registration-form button[type=submit]").click()
    page.wait_for_load_state()


def sign_in(page, base_url, language):
    page.goto(f"{base_url}/{language}/accounts/login/")
    page.fill("input[name=login]", "amina@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def describe(violation):
    nodes = violation["nodes"]
    targets = "; ".join(" ".join(node["target"]) for node in nodes[:3])
    more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
    return f"{violation['impact']:8} {violation['id']} x{len(nodes)}: {targets}{more}"


def test_no_serious_or_critical_violations_in_english_and_arabic(live_server, site_content, browser):
    from axe_playwright_python.base import AXE_SCRIPT

    started = time.perf_counter()
    report, failures, checked, found = [], [], 0, {}
    for language in LANGUAGES:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=language)
        page = context.new_page()
        signed_in = False
        for name, path, needs_sign_in, shows, action in pages(language, site_content):
            if needs_sign_in and not signed_in:
                sign_in(page, live_server.url, language)
                signed_in = True
            response = page.goto(live_server.url + path)
            expected = 404 if name == "404" else 200
            assert response.status == expected, f"{language} {name} {path}: {response.status}"
            if action:
                action(page)
            # Each page is checked as it should look, in its language.
            for selector in (shows,) if isinstance(shows, str) else shows:
                assert page.locator(selector).count(), f"{language} {name}: nothing matches {selector}"
            assert page.locator("html").get_attribute("lang") == language, f"{language} {name}"
            page.evaluate(AXE_SCRIPT)
            page.evaluate(ALL_TEXT_RULE)
            results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
            violations = results["violations"]
            checked += 1
            found[f"{language} {name}"] = violations
            report.append(f"[{language}] {name} {path}: {len(violations)} rule(s) violated")
            report.extend(f"    {describe(violation)}" for violation in violations)
            failures.extend(
                f"[{language}] {name}: {describe(violation)}"
                for violation in violations
                if violation["impact"] in FAILING
            )
        context.close()
    elapsed = time.perf_counter() - started
    report.append(f"axe on {checked} page(s) in both languages: {elapsed:.1f} s")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "accessibility.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    (ARTIFACTS / "accessibility.json").write_text(
        json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    assert not failures, "\n".join(failures)


@pytest.fixture
def paper_with_blocks(site_content):
    """An analysis paper in English and Arabic built from every block of its own
    (charts, cited quotations, key terms, the recommendations list) over a frozen
    set of the seeded contributions."""
    import datetime

    from hub.models.paper_generations import FrozenContribution, GenerationStatus, PaperGeneration

    posts = list(
        Post.objects.filter(approved=True, topic__approved=True, contribution__isnull=False).order_by("pk")[
            :12
        ]
    )
    paths = {}
    for language in LANGUAGES:
        region_page = RegionPage.objects.get(locale__language_code=language, slug="arab-states")
        generation = PaperGeneration.objects.create(
            region_page=region_page,
            title="Paper",
            language=language,
            query="region=arab-states",
            status=GenerationStatus.FINISHED,
            as_of=timezone.now(),
            contribution_count=len(posts),
        )
        FrozenContribution.objects.bulk_create(
            FrozenContribution(generation=generation, post_id=post.pk, content_hash="0" * 64)
            for post in posts
        )
        objectives = sorted({o.number for post in posts for o in post.contribution.objectives.all()})
        rows = [
            {"label": label, "value": value, "comparison_value": value // 2}
            for label, value in (
                ("Civil society" if language == "en" else "المجتمع المدني", 1234),
                ("Academia" if language == "en" else "الأوساط الأكاديمية", 56),
            )
        ]
        page = AnalysisPaperPage(
            title="Paper with every block" if language == "en" else "ورقة بكل العناصر",
            slug="paper-with-blocks",
            published_on=datetime.date(2024, 6, 20),
            contribution_count=len(posts),
            contributions_as_of=generation.as_of,
            contribution_query=generation.query,
            generation=generation,
            body=[
                (
                    "paper_chart",
                    {
                        "title": "By group",
                        "description": "",
                        "kind": "bars",
                        "series_label": "",
                        "comparison_label": "2022",
                        "rows": rows,
                    },
                ),
                (
                    "paper_chart",
                    {
                        "title": "By month",
                        "description": "",
                        "kind": "timeline",
                        "series_label": "",
                        "comparison_label": "",
                        "rows": [{"label": "2024-01", "value": 3}, {"label": "2024-02", "value": 5}],
                    },
                ),
                (
                    "cited_quotation",
                    {
                        "quote": "Words of a contribution.",
                        "contribution": posts[0].pk,
                        "citation": "",
                        "language": posts[0].contribution.language,
                    },
                ),
                ("key_terms", {"heading": "", "language": "en", "terms": [{"term": "visas", "count": 4}]}),
                (
                    "cited_contributions",
                    {
                        "heading": "",
                        "objective": objectives[0] if objectives else None,
                        "kinds": ["recommendation", "pledge"],
                    },
                ),
            ],
        )
        region_page.add_child(instance=page)
        page.save_revision().publish()
        paths[language] = page.url
    return paths


def test_analysis_paper_blocks_have_no_serious_violations(live_server, paper_with_blocks, browser):
    from axe_playwright_python.base import AXE_SCRIPT

    failures = []
    for language in LANGUAGES:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=language)
        page = context.new_page()
        response = page.goto(live_server.url + paper_with_blocks[language])
        assert response.status == 200
        for selector in (".paper-chart svg[role=img]", ".cited-quotation", ".key-terms", ".paper-sources"):
            assert page.locator(selector).count(), f"{language}: nothing matches {selector}"
        assert page.locator("html").get_attribute("lang") == language
        page.evaluate(AXE_SCRIPT)
        page.evaluate(ALL_TEXT_RULE)
        violations = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]
        failures.extend(
            f"[{language}] paper with blocks: {describe(violation)}"
            for violation in violations
            if violation["impact"] in FAILING
        )
        context.close()
    assert not failures, "\n".join(failures)
