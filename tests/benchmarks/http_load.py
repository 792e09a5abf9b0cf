"""HTTP load on the production profile: P3, P5 (per-route p95) and P6 of docs/quality-targets.md.

Run with ``make bench`` or directly:
    .venv/bin/python tests/benchmarks/http_load.py [--duration 20] [--port 8001]

1. Starts ``site/serve-prod.sh`` (gunicorn with 3 workers pinned to core 1,
   whitenoise, PostgreSQL on loopback, the task worker; local-memory cache)
   with the search rate limits lifted (tests/benchmarks/http_settings.py).
2. Drives it with ``wrk`` (Debian package) pinned to core 0, closed loop,
   16 connections, each route back to back after a warm-up: a static file
   from the same server (the baseline), the home page, a region page, the
   busiest topic page and a search page. Then the topic page with 50
   connections (P6).
3. Prints p50/p95/p99 in ms, requests/s, errors, and the ratios to the
   static baseline, against the targets. Stops everything it started.

Timings depend on what else the machine runs: the load average is printed.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'JSON {"p50": %f, "p95": %f, "p99": %f, "requests": %d, "seconds": %f, "errors": %d}\\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.duration / 1e6, errors))
end
"""

URLS_CODE = """
from machina.core.db.models import get_model
from django.db.models import Count
from hub.models import RegionPage
Topic = get_model("forum_conversation", "Topic")
region = RegionPage.objects.live().filter(locale__language_code="en").first()
topic = Topic.objects.filter(approved=True).annotate(n=Count("posts")).order_by("-n").first()
print("REGION", region.url)
print("TOPIC", f"/en/forum/forum/{topic.forum.slug}-{topic.forum_id}/topic/{topic.slug}-{topic.pk}/", topic.n)
"""


def wrk(url, connections, duration, script):
    load = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", script, url]
    command = ["taskset", "-c", "0", *load]
    if not shutil.which("taskset"):
        command = command[3:]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(re.search(r"^JSON (.*)$", out, re.M).group(1))
    figures["rps"] = figures["requests"] / figures["seconds"]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    figures["errors"] += int(non_2xx.group(1)) if non_2xx else 0
    return figures


def wait_for(url, process, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"serve-prod stopped (exit {process.returncode}); see var/bench/http-serve.log")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    sys.exit(f"{url} did not answer in {seconds} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per route (default 20)")
    parser.add_argument("--warm-up", type=int, default=5, help="seconds of warm-up per route (default 5)")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--contributions", type=int, default=200, help="demo contributions to seed")
    parser.add_argument("--query", default="migration", help="search term of the search page")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("needs wrk: apt-get install wrk")

    base = f"http://127.0.0.1:{args.port}"
    log_dir = ROOT / "var" / "bench"
    log_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PORT": str(args.port),
        "PY": sys.executable,
        "SERVE_PROD_SETTINGS": "tests.benchmarks.http_settings",
        "WEB_CONCURRENCY": "3",
        "GUNICORN_PREFIX": "taskset -c 1" if shutil.which("taskset") else "",
        "GUNICORN_ACCESS_LOG": "",
        "SEED_CONTRIBUTIONS": str(args.contributions),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = open(log_dir / "http-serve.log", "w")  # noqa: SIM115 (open while the server runs)
    server = subprocess.Popen(
        [str(ROOT / "site" / "serve-prod.sh")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    started = time.monotonic()
    try:
        wait_for(f"{base}/en/", server, 900)
        print(f"serve-prod ready in {time.monotonic() - started:.0f} s; load average {os.getloadavg()}")
        home = urllib.request.urlopen(f"{base}/en/").read().decode()  # noqa: S310 (loopback)
        static = re.search(r'href="(/static/hub/css/site\.[0-9a-f]+\.css)"', home).group(1)
        served_env = dict(
            line.split("=", 1) for line in (ROOT / "var" / "serve-prod.env").read_text().splitlines()
        )
        served_env = {k: v.strip("'").replace("\\", "") for k, v in served_env.items()}
        shell = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", URLS_CODE],
            cwd=ROOT,
            env={**os.environ, **served_env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        region = re.search(r"^REGION (\S+)", shell, re.M).group(1)
        topic_match = re.search(r"^TOPIC (\S+) (\d+)", shell, re.M)
        routes = {
            "static": static,
            "home": "/en/",
            "region": region,
            "topic": topic_match.group(1),
            "search": f"/en/search/?q={args.query}",
        }
        print(f"topic page: {topic_match.group(2)} posts; contributions seeded: {args.contributions}")
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(LUA)
        results = {}
        for name, path in routes.items():
            wrk(base + path, 16, args.warm_up, script.name)
            results[name] = wrk(base + path, 16, args.duration, script.name)
        wrk(base + routes["topic"], 50, args.warm_up, script.name)
        results["topic c=50"] = wrk(base + routes["topic"], 50, args.duration, script.name)
        report(results, routes, args)
        (log_dir / "http-load.json").write_text(json.dumps({"routes": routes, "results": results}, indent=2))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


def report(results, routes, args):
    static = results["static"]
    print(f"\nwrk -t2, {args.duration} s per route, load average after: {os.getloadavg()}")
    print(
        f"{'route':<12}{'conn':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>9}{'errors':>8}"
        f"{'p95/static':>12}{'rps/static':>12}"
    )
    for name, r in results.items():
        connections = 50 if name.endswith("c=50") else 16
        print(
            f"{name:<12}{connections:>5}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}{r['rps']:>9.0f}"
            f"{r['errors']:>8}{r['p95'] / static['p95']:>12.1f}{r['rps'] / static['rps']:>12.3f}"
        )
    home, topic50 = results["home"], results["topic c=50"]
    checks = [
        ("P3 home p95 <= 2 x static p95 (no page cache: expected to miss)", home["p95"] <= 2 * static["p95"]),
        ("P3 home throughput >= 0.5 x static", home["rps"] >= 0.5 * static["rps"]),
        ("P3/P5 no errors on any route", all(r["errors"] == 0 for r in results.values())),
        (
            "P5-style p95 (closed loop c=16, harsher than 50 users with think time): "
            "CMS <= 250, topic <= 400, search <= 500 ms",
            max(results["home"]["p95"], results["region"]["p95"]) <= 250
            and results["topic"]["p95"] <= 400
            and results["search"]["p95"] <= 500,
        ),
        ("P6 topic at c=50: p99 <= 2000 ms, no errors", topic50["p99"] <= 2000 and topic50["errors"] == 0),
    ]
    print()
    for label, passed in checks:
        print(f"{'PASS' if passed else 'MISS'}  {label}")


if __name__ == "__main__":
    main()
