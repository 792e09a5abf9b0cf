"""How long the Wagtail editor takes to open a generated paper, beside a news story.

Run directly:
    .venv/bin/python tests/benchmarks/paper_editor.py [--count 10000] [--reuse]

Uses the paper benchmark's scratch database (``paper_generation.py``: <count>
contributions in the Arab States space, built unless ``--reuse`` finds it),
generates a paper from all of them, then opens ``/admin/pages/<id>/edit/``
as a superuser (Django's test client, in-process: the server's work, not the
browser's) several times, and a plain news story's editor the same number
of times in the same run; prints the median of each, their ratio (at most
``MAX_RATIO``), and the
number of fields each editor posts (``tests/page_editor.py``), which must
stay under Django's limit (``DATA_UPLOAD_MAX_NUMBER_FIELDS``).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))

import paper_generation  # noqa: E402  (the shared scratch database and its region page)

TIMES = 7
MAX_RATIO = 3


def median_seconds(client, url):
    client.get(url)  # the first request warms the caches (templates, translations)
    seconds = []
    for _ in range(TIMES):
        start = time.perf_counter()
        response = client.get(url, HTTP_HOST="localhost")
        seconds.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(seconds), response.content.decode()


def news_page():
    from hub.models import HomePage, NewsIndexPage, NewsPage

    home = HomePage.objects.get(locale__language_code="en")
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = NewsIndexPage(title="News", slug="news")
        home.add_child(instance=index)
    story = NewsPage.objects.child_of(index).first()
    if story is None:
        story = NewsPage(
            title="A plain story",
            slug="a-plain-story",
            summary="What happened.",
            body=[("paragraph", "<p>What happened, for whom, in which region.</p>")],
        )
        index.add_child(instance=story)
        story.save_revision()
    return story


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--reuse", action="store_true", help="Keep a database already built for --count.")
    options = parser.parse_args()

    paper_generation.BENCH.mkdir(parents=True, exist_ok=True)
    database = paper_generation.BENCH / f"papers-{options.count}.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "siteconf.settings.dev",
    }
    fresh = not (options.reuse and paper_generation.count_in(database) == options.count)
    if fresh:
        paper_generation.build(database, options.count, env)
    os.environ.update(env)
    import django

    django.setup()
    if fresh:
        paper_generation.gather_in_one_space()

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from hub.papers import generate
    from tests.page_editor import editor_post, field_count

    generation = generate.run(
        generate.start(
            region_page=paper_generation.region_page(),
            title=f"Editor benchmark paper ({options.count:,})",
            language="en",
            query="region=arab-states",
        )
    )
    if generation.status != "finished":
        sys.exit(f"generation failed: {generation.error}")
    paper = generation.page.specific
    story = news_page()

    User = get_user_model()
    admin = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", "bench-admin@example.org", None
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    paper_seconds, paper_html = median_seconds(client, f"/admin/pages/{paper.pk}/edit/")
    news_seconds, news_html = median_seconds(client, f"/admin/pages/{story.pk}/edit/")
    paper_fields = field_count(editor_post(paper_html, paper))
    news_fields = field_count(editor_post(news_html, story))
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    print(f"editor of a paper on {generation.contribution_count:,} contributions ({len(paper.body)} blocks):")
    print(f"  opens in {paper_seconds * 1000:6.0f} ms (median of {TIMES}); posts {paper_fields:,} fields")
    print("editor of a plain news story:")
    print(f"  opens in {news_seconds * 1000:6.0f} ms (median of {TIMES}); posts {news_fields:,} fields")
    print(f"ratio paper / news: {paper_seconds / news_seconds:.1f}; Django accepts {limit:,} fields")
    # Under a second on an idle machine; on a shared one the news story's
    # editor is slow too, so the ratio is what is held.
    if paper_seconds / news_seconds > MAX_RATIO or paper_fields >= limit:
        sys.exit(f"the paper's editor takes more than {MAX_RATIO} times a story's, or posts too many fields")


if __name__ == "__main__":
    main()
