"""Campaign grouping: pairwise precision and recall, and the time to group 100,000.

Run with ``make bench`` or directly:
    .venv/bin/python tests/benchmarks/campaigns.py [--size 100000] [--database-size 100000] [--reuse]

1. In memory: the planted set (``tests/campaign_corpus.py``: campaigns of 2
   to 40 copies with small edits in Arabic, English and French, among
   look-alike controls), about ``--size`` texts: fingerprinting and grouping
   timed, pairwise precision and recall printed.
2. In the database, end to end: a scratch SQLite database
   var/bench/campaigns-<n>.sqlite3 with ``--database-size`` seeded
   contributions (``seed_contributions``; ``--reuse`` keeps one that has
   them), its campaign tables emptied, then ``manage.py find_campaigns``
   timed (reading the posts, fingerprinting, writing prints and bands,
   grouping, writing campaigns), and timed again (nothing left to do). The
   target: under a minute at 100,000.
"""

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "var" / "bench"
sys.path.insert(0, str(ROOT))


def manage(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip()


def in_memory(size):
    from search.campaigns import grouping
    from tests import campaign_corpus

    # About 12 copies per campaign on average, and 1.25 texts per control.
    rows = campaign_corpus.planted(seed=7, campaigns=size // 24, controls=int(size / 2 / 1.25))
    start = time.perf_counter()
    prints = campaign_corpus.prints(rows)
    fingerprinted = time.perf_counter()
    found = grouping.group(prints)
    grouped = time.perf_counter()
    precision, recall = campaign_corpus.precision_recall(rows, found)
    planted = len({row.campaign for row in rows if row.campaign is not None})
    print(
        f"in memory: {len(rows):,} texts ({planted:,} planted campaigns): "
        f"fingerprints {fingerprinted - start:.1f} s, grouping {grouped - fingerprinted:.1f} s, "
        f"total {grouped - start:.1f} s; "
        f"{len(found):,} campaigns found; pairwise precision {precision:.4f}, recall {recall:.4f}"
    )


def count(database):
    try:
        with sqlite3.connect(database) as connection:
            return connection.execute("SELECT count(*) FROM regional_forum_contribution").fetchone()[0]
    except sqlite3.Error:
        return 0


def in_database(size, reuse):
    BENCH.mkdir(parents=True, exist_ok=True)
    database = BENCH / f"campaigns-{size}.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "siteconf.settings.dev",
    }
    if not (reuse and count(database) == size):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        manage("migrate", "--no-input", "-v", "0", env=env)
        manage("setup_site", "--no-staff", env=env)
        start = time.perf_counter()
        manage("seed_contributions", "--count", str(size), "--seed", "3", env=env)
        print(f"seeded {size:,} contributions in {time.perf_counter() - start:.0f} s")
    manage("migrate", "--no-input", "-v", "0", env=env)
    with sqlite3.connect(database) as connection:
        for table in (
            "search_printband",
            "search_contributionprint",
            "search_campaignmember",
            "search_campaign",
        ):
            connection.execute(f"DELETE FROM {table}")  # noqa: S608 — this module's table names
    for label in ("find_campaigns from nothing", "find_campaigns again"):
        start = time.perf_counter()
        said = manage("find_campaigns", env=env)
        print(
            f"{label}: {size:,} contributions in {time.perf_counter() - start:.1f} s (incl. start-up): {said}"
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--database-size", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siteconf.settings.dev")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH / 'campaigns-memory.sqlite3'}")
    import django

    django.setup()
    print(f"load average: {os.getloadavg()[0]:.1f}")
    in_memory(args.size)
    if args.database_size:
        in_database(args.database_size, args.reuse)
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
