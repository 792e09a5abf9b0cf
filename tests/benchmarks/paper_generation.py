"""How long generating an analysis paper takes, per stage.

Run directly:
    .venv/bin/python tests/benchmarks/paper_generation.py [--count 10000] [--reuse]

Builds a scratch SQLite database var/bench/papers-<count>.sqlite3 holding
<count> contributions, all in the Arab States space (``seed_contributions``
spreads them over every region, so they are moved there in SQL and
re-indexed), with an English region page; then generates a paper from
every public contribution there (``hub.papers.generate``), in-process, and
prints the seconds of each stage (freezing, counting, themes, writing the
draft) and in all. ``--reuse`` keeps a database already built for <count>.
"""

import argparse
import io
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "var" / "bench"


def manage(*args, env):
    start = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def count_in(database):
    if not database.exists():
        return None
    try:
        with sqlite3.connect(database) as db:
            return db.execute("SELECT count(*) FROM regional_forum_contribution").fetchone()[0]
    except sqlite3.Error:
        return None


def build(database, count, env):
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("setup_site", "--no-staff", env=env)
    seconds = manage("seed_contributions", "--count", str(count), "--seed", "7", env=env)
    print(f"seeded {count:,} contributions in {seconds:.0f} s")


def gather_in_one_space():
    """Every contribution moved to the Arab States space (one topic per source topic), re-indexed.

    (Also how tests/test_papers_pdf_layout.py builds the same paper.)"""
    from django.db import transaction
    from machina.core.db.models import get_model

    from forum.models import Contribution, RegionalSpace
    from search.facade import index_posts

    Topic = get_model("forum_conversation", "Topic")
    space = RegionalSpace.objects.select_related("forum").get(region__slug="arab-states")
    with transaction.atomic():
        Topic.objects.exclude(forum=space.forum).update(forum=space.forum)
        Contribution.objects.exclude(space=space).update(space=space)
    ids = list(Contribution.objects.values_list("pk", flat=True))
    for n in range(0, len(ids), 1000):
        index_posts(ids[n : n + 1000])


def region_page():
    from hub.models import HomePage, Region, RegionPage

    page = RegionPage.objects.filter(region__slug="arab-states", locale__language_code="en").first()
    if page is None:
        home = HomePage.objects.get(locale__language_code="en")
        page = RegionPage(
            title="Arab States",
            slug="arab-states",
            region=Region.objects.get(slug="arab-states", locale__language_code="en"),
            summary="The Arab region.",
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--reuse", action="store_true", help="Keep a database already built for --count.")
    parser.add_argument("--language", default="en")
    options = parser.parse_args()

    BENCH.mkdir(parents=True, exist_ok=True)
    database = BENCH / f"papers-{options.count}.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "siteconf.settings.dev",
    }
    fresh = not (options.reuse and count_in(database) == options.count)
    if fresh:
        build(database, options.count, env)

    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()
    if fresh:
        from django.db import connection

        start = time.perf_counter()
        gather_in_one_space()
        connection.close()
        print(f"moved to one space and re-indexed in {time.perf_counter() - start:.0f} s")

    from hub.papers import generate

    generation = generate.start(
        region_page=region_page(),
        title=f"Benchmark paper ({options.count:,})",
        language=options.language,
        query="region=arab-states",
    )
    start = time.perf_counter()
    generation = generate.run(generation)
    total = time.perf_counter() - start
    if generation.status != "finished":
        sys.exit(f"generation failed: {generation.error}")
    print(f"paper from {generation.contribution_count:,} contributions (database {database.name}):")
    for stage, seconds in generation.timings.items():
        print(f"  {stage:<20} {seconds:6.2f} s")
    print(f"  {'total':<20} {total:6.2f} s (started_at → finished_at: {generation.seconds:.2f} s)")
    blocks = [block.block_type for block in generation.page.body]
    print(f"  draft: {len(blocks)} blocks, {blocks.count('cited_quotation')} quotations")
    time_pdf(generation.page)


def time_pdf(page):
    """Publish the draft and draw its PDF once (the download's first request; later ones read the file)."""
    from django.test import RequestFactory
    from pypdf import PdfReader

    from hub.papers.pdf import render_pdf

    page.save_revision().publish()
    page.refresh_from_db()
    request = RequestFactory().get(page.url, HTTP_HOST="localhost")
    start = time.perf_counter()
    pdf = render_pdf(request, page)
    seconds = time.perf_counter() - start
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"  PDF: {pages} pages, {len(pdf) / 1e6:.1f} MB, drawn in {seconds:.1f} s")


if __name__ == "__main__":
    main()
