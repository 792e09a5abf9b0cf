"""How fast the participation dashboard answers, cold and warm.

Run directly (``make bench`` does, after search_embedded.py built the database):
    .venv/bin/python tests/benchmarks/participation.py [--size 100000] [--reps 100]

Reads the seeded database of search_embedded.py (var/bench/search-<size>.sqlite3,
built there if missing), adds the two demo review cycles, and times, in-process
through Django's test client (no HTTP server, so only the product's own work):

- **cold**: the caches emptied before each request, so every figure is counted;
- **warm**: the figures cached (as on a busy day), the page rendered for a
  signed-in reader (a session cookie keeps the page cache out of it);
- **page cache**: an anonymous reader served the stored page.

Each for the public dashboard (current cycle), one region, one region and
language on every date, the API and one CSV; and, as the peer in the same
run, the contribution search's browse page (warm). Targets (#18): warm p95
at most 100 ms, cold at most 1 s, at 100,000 contributions.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "var" / "bench"
WARM_TARGET, COLD_TARGET = 0.100, 1.0


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=100, help="warm repetitions (cold: a fifth)")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="time on this PostgreSQL database, seeded by search_embedded.py --postgres (as make bench does)",
    )
    args = parser.parse_args()
    database = BENCH / f"search-{args.size}.sqlite3"
    cache_dir = tempfile.mkdtemp(prefix="participation-cache-")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "siteconf.settings.dev",
        "DEBUG": "0",
        # A cache of its own, emptied between cold requests without touching the site's.
        "CACHE_URL": f"filecache://{cache_dir}",
    }
    if args.postgres:
        env["DATABASE_URL"] = args.postgres
    elif not database.exists():
        subprocess.run(
            [sys.executable, "tests/benchmarks/search_embedded.py", "--size", str(args.size), "--reps", "1"],
            cwd=ROOT,
            env={k: v for k, v in env.items() if k != "CACHE_URL"},
            check=True,
        )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from forum.models import Contribution
    from hub.demo_content.cycles import ensure_cycles

    ensure_cycles()
    settings.SEARCH_API_RATE_LIMITS = {"anonymous": "100000/s", "authenticated": "100000/s"}
    settings.SEARCH_RATE_LIMITS = {"anonymous": ((100_000, 1),), "authenticated": ((100_000, 1),)}
    settings.ALLOWED_HOSTS = ["*"]
    print(f"Participation dashboard benchmark: {args.postgres or database}")
    print(
        f"{Contribution.objects.count():,} contributions; CPUs {os.cpu_count()}, load average at start "
        f"{'/'.join(f'{x:.2f}' for x in os.getloadavg())}"
    )

    def clear():
        for cache in caches.all():
            cache.clear()

    anonymous = Client()
    reader = Client()
    reader.cookies["sessionid"] = (
        "none"  # an unknown session: rendered for a reader, not served from the page cache
    )

    def timed(client, url, reps, *, cold=False):
        seconds, queries = [], 0
        client.get(url)  # the first request warms Python's imports and the templates
        for _ in range(reps):
            if cold:
                clear()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                seconds.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
            queries = len(captured)
        return seconds, queries

    urls = {
        "dashboard": "/en/participation/",
        "one region": "/en/participation/?region=africa",
        "region + language, all dates": "/en/participation/?region=arab-states&language=ar&cycle=all",
        "API": "/api/v1/participation/?cycle=all",
        "CSV (objectives by region)": "/en/participation/csv/objective_by_region/?cycle=all",
    }
    print(f"\n{'':34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}  target")
    misses = []
    for name, url in urls.items():
        for kind, client, reps, target in (
            ("cold", reader, max(5, args.reps // 5), COLD_TARGET),
            ("warm", reader, args.reps, WARM_TARGET),
        ):
            seconds, queries = timed(client, url, reps, cold=kind == "cold")
            p95 = percentile(seconds, 0.95)
            ok = "ok" if p95 <= target else "MISS"
            if ok == "MISS":
                misses.append(f"{name} {kind}")
            median = statistics.median(seconds)
            figures = f"{median * 1000:8.1f} {p95 * 1000:8.1f} {queries:8}"
            print(f"{name + ', ' + kind:34} {figures}  {target * 1000:.0f} {ok}")
    seconds, queries = timed(anonymous, "/en/participation/", args.reps)
    print(
        f"{'dashboard, page cache':34} {statistics.median(seconds) * 1000:8.1f} "
        f"{percentile(seconds, 0.95) * 1000:8.1f} {queries:8}"
    )
    peer, _queries = timed(reader, "/en/search/contributions/", args.reps)
    dashboard, _queries = timed(reader, "/en/participation/", args.reps)
    print(
        f"\npeer in the same run: the contribution search's browse page, warm, p50 "
        f"{statistics.median(peer) * 1000:.1f} ms; dashboard warm / browse: "
        f"{statistics.median(dashboard) / statistics.median(peer):.2f}"
    )
    print(f"load average at end {'/'.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("targets met" if not misses else f"targets missed: {', '.join(misses)}")


if __name__ == "__main__":
    main()
