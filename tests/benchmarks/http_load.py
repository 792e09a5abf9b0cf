"""HTTP load on the production profile: P3, P5 (per-route p95) and P6 of docs/quality-targets.md.

Run with ``make bench`` or directly:
    .venv/bin/python tests/benchmarks/http_load.py [--duration 10] [--repetitions 3] [--port 8001]

1. Starts ``site/serve-prod.sh`` (gunicorn with 3 workers pinned to core 1,
   whitenoise, PostgreSQL on loopback, the task worker) with the search rate
   limits lifted (tests/benchmarks/http_settings.py). ``PGPORT`` in the
   environment moves its PostgreSQL server.
2. Drives it with ``wrk`` (Debian package) pinned to core 0, closed loop,
   16 connections. Each cacheable route (home, region, busiest topic) is
   measured on two paths: *cache hit*, the same address again and again
   after one warm-up request, and *cache miss*, every request with its own
   ``?nocache=<n>`` (a wrk Lua ``request`` function), so that each is
   rendered. Then the search page, and the topic's miss path at 50
   connections (P6). Each route is measured right after the static file
   (the baseline), at the same concurrency, so that its ratios to the static
   file are taken in the same minute; the whole round is repeated
   ``--repetitions`` times (3).
3. Prints per route the median p50/p95/p99 in ms and requests/s over the
   repetitions, the ratios to the static file in each repetition and their
   median, and a PASS/MISS verdict for P3, P5 and P6; writes the same to
   ``var/bench/http-load.json``. Stops everything it started.

The *cache* column shows what the page cache (hub/page_cache.py) answered in
``X-Page-Cache`` to one request of each kind (``-``: no such header, as for
the search page); without a page cache the hit and miss paths are about
equal. Timings depend
on what else the machine runs: the load averages are printed.
"""

import argparse
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG_DIR = ROOT / "var" / "bench"
CACHE_HEADER = "X-Page-Cache"  # hit, stale or miss, when the page cache answers

REPORT_LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'JSON {"p50": %f, "p95": %f, "p99": %f, "requests": %d, "seconds": %f, "errors": %d}\\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.duration / 1e6, errors))
end
"""

# Every request its own address: ?nocache=<run>-<thread>-<n> (or &nocache=
# after an existing query string; the parameter's name is the second script
# argument), so a page cache keyed by the full path never answers. The run
# token (first script argument) keeps addresses of earlier runs and
# repetitions from coming back.
MISS_LUA = (
    """
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
local prefix, counter = "", 0
init = function(args)
  prefix = (args[2] or "nocache") .. "=" .. (args[1] or "run") .. "-" .. tostring(thread_number or 0) .. "-"
end
request = function()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. prefix .. counter)
end
"""
    + REPORT_LUA
)

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


def wrk(url, connections, duration, script, *script_args):
    """One wrk run pinned to core 0: p50/p95/p99 (ms), requests/s, errors (socket errors and non-2xx/3xx)."""
    load = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", script, url]
    if script_args:
        load += ["--", *script_args]
    command = ["taskset", "-c", "0", *load] if shutil.which("taskset") else load
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(re.search(r"^JSON (.*)$", out, re.M).group(1))
    figures["rps"] = figures["requests"] / figures["seconds"]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    figures["errors"] += int(non_2xx.group(1)) if non_2xx else 0
    return figures


def wait_for(url, process, seconds, log_name):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"serve-prod stopped (exit {process.returncode}); see var/bench/{log_name}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    sys.exit(f"{url} did not answer in {seconds} s")


def start_server(port, contributions, log_name):
    """Start serve-prod.sh in its own session; returns (process, log file) once the home page answers."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PORT": str(port),
        "PY": sys.executable,
        "SERVE_PROD_SETTINGS": "tests.benchmarks.http_settings",
        "WEB_CONCURRENCY": "3",
        "GUNICORN_PREFIX": "taskset -c 1" if shutil.which("taskset") else "",
        "GUNICORN_ACCESS_LOG": "",
        "SEED_CONTRIBUTIONS": str(contributions),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = open(LOG_DIR / log_name, "w")  # noqa: SIM115 (open while the server runs)
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
        wait_for(f"http://127.0.0.1:{port}/en/", server, 900, log_name)
    except BaseException:
        stop_server(server, log)
        raise
    print(f"serve-prod ready in {time.monotonic() - started:.0f} s; load average {load_average()}")
    return server, log


def stop_server(server, log):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    log.close()


def manage_shell(code):
    """Run ``manage.py shell -c code`` against the served database; returns its output."""
    served_env = dict(
        line.split("=", 1) for line in (ROOT / "var" / "serve-prod.env").read_text().splitlines()
    )
    served_env = {k: v.strip("'").replace("\\", "") for k, v in served_env.items()}
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**os.environ, **served_env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        return response.status, dict(response.headers), response.read()


def load_average():
    return tuple(round(value, 2) for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds of load per measurement (default 10)"
    )
    parser.add_argument("--repetitions", type=int, default=3, help="rounds over every route (default 3)")
    parser.add_argument(
        "--warm-up", type=int, default=3, help="seconds of warm-up per route, once (default 3)"
    )
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--contributions", type=int, default=200, help="demo contributions to seed")
    parser.add_argument("--query", default="migration", help="search term of the search page")
    parser.add_argument(
        "--miss-parameter",
        default="nocache",
        help="query parameter given a new value on every request of a miss path (default nocache; "
        "the page cache renders a page with a parameter its pages do not read without storing it, "
        "`region` makes it look the page up and store it)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("needs wrk: apt-get install wrk")

    base = f"http://127.0.0.1:{args.port}"
    server, log = start_server(args.port, args.contributions, "http-serve.log")
    try:
        _status, _headers, home = fetch(f"{base}/en/")
        static = re.search(r'href="(/static/hub/css/site\.[0-9a-f]+\.css)"', home.decode()).group(1)
        shell = manage_shell(URLS_CODE)
        region = re.search(r"^REGION (\S+)", shell, re.M).group(1)
        topic_match = re.search(r"^TOPIC (\S+) (\d+)", shell, re.M)
        topic = topic_match.group(1)
        paths = {"static": static, "home": "/en/", "region": region, "topic": topic}
        paths["search"] = f"/en/search/?q={args.query}"
        print(f"topic page: {topic_match.group(2)} posts; contributions seeded: {args.contributions}")
        # (label, path, path kind, connections): "hit" repeats one address, "miss" varies it.
        routes = [
            ("home (cache hit)", "/en/", "hit", 16),
            ("home (cache miss)", "/en/", "miss", 16),
            ("region (cache hit)", region, "hit", 16),
            ("region (cache miss)", region, "miss", 16),
            ("topic (cache hit)", topic, "hit", 16),
            ("topic (cache miss)", topic, "miss", 16),
            ("search", paths["search"], "hit", 16),
            ("topic (cache hit) c=50", topic, "hit", 50),
            ("topic (cache miss) c=50", topic, "miss", 50),
        ]
        result = measure(base, static, routes, args)
        result["paths"] = paths
        report(result, args)
        (LOG_DIR / "http-load.json").write_text(json.dumps(result, indent=2))
        print("\nwritten to var/bench/http-load.json")
    finally:
        stop_server(server, log)


def measure(base, static, routes, args):
    scripts = {}
    for kind, text in (("hit", REPORT_LUA), ("miss", MISS_LUA)):
        with tempfile.NamedTemporaryFile("w", suffix=f"-{kind}.lua", delete=False) as script:
            script.write(text)
        scripts[kind] = script.name
    tokens = (f"{int(time.time())}r{n}" for n in itertools.count())
    try:
        # Headers of a repeated anonymous request: a page cache may say so (Age, X-Cache…).
        cache_headers = {}
        for label, path, kind, _connections in routes:
            if kind == "hit" and label != "search":
                fetch(base + path)
                _status, headers, _body = fetch(base + path)
                cache_headers[label] = {
                    k: v
                    for k, v in headers.items()
                    if "cache" in k.lower() or k.lower() in ("age", "vary", "etag")
                }
        warm = {(static, "hit"), *((path, kind) for _label, path, kind, _c in routes)}
        for path, kind in sorted(warm):
            wrk(base + path, 16, args.warm_up, scripts[kind], next(tokens), args.miss_parameter)
        result = {
            "duration": args.duration,
            "repetitions": [],
            "load_average": {"start": load_average()},
            "cache_headers": cache_headers,
        }
        for repetition in range(1, args.repetitions + 1):
            rows = {}
            for label, path, kind, connections in routes:
                baseline = wrk(base + static, connections, args.duration, scripts["hit"])
                token = next(tokens)
                if kind == "hit":
                    fetch(base + path)  # the one warm-up request: the page is in the cache if there is one
                    _status, headers, _body = fetch(base + path)
                else:
                    separator = "&" if "?" in path else "?"
                    check = f"{base}{path}{separator}{args.miss_parameter}={token}-check"
                    _status, headers, _body = fetch(check)
                figures = wrk(
                    base + path, connections, args.duration, scripts[kind], token, args.miss_parameter
                )
                # What the page cache (hub/page_cache.py) said of one request of the kind measured.
                figures["x_page_cache"] = headers.get(CACHE_HEADER)
                figures["connections"] = connections
                figures["static"] = baseline
                figures["p95_ratio"] = figures["p95"] / baseline["p95"]
                figures["rps_ratio"] = figures["rps"] / baseline["rps"]
                rows[label] = figures
            result["repetitions"].append({"rows": rows, "load_average": load_average()})
            print(f"repetition {repetition} done; load average {load_average()}", flush=True)
        result["load_average"]["end"] = load_average()
    finally:
        for name in scripts.values():
            os.unlink(name)
    summarise(result, routes)
    return result


def summarise(result, routes):
    median = statistics.median
    summary = {}
    statics = {}
    for label, _path, _kind, connections in routes:
        runs = [repetition["rows"][label] for repetition in result["repetitions"]]
        statics.setdefault(connections, []).extend(run["static"] for run in runs)
        summary[label] = {
            "connections": connections,
            **{key: median(run[key] for run in runs) for key in ("p50", "p95", "p99", "rps")},
            "errors": sum(run["errors"] for run in runs),
            "x_page_cache": sorted({str(run.get("x_page_cache") or "-") for run in runs}),
            "p95_ratios": [run["p95_ratio"] for run in runs],
            "rps_ratios": [run["rps_ratio"] for run in runs],
            "p95_ratio": median(run["p95_ratio"] for run in runs),
            "rps_ratio": median(run["rps_ratio"] for run in runs),
        }
    for connections, runs in statics.items():
        summary[f"static c={connections}"] = {
            "connections": connections,
            **{key: median(run[key] for run in runs) for key in ("p50", "p95", "p99", "rps")},
            "errors": sum(run["errors"] for run in runs),
            "measurements": len(runs),
        }
    result["summary"] = summary
    cms_hits = ["home (cache hit)", "region (cache hit)"]
    measured = [label for label, _p, _k, connections in routes if connections == 16]
    slow = [label for label in measured if summary[label]["p95_ratio"] > 10]
    stress = summary["topic (cache hit) c=50"]
    stress_rendered = summary["topic (cache miss) c=50"]
    absolute = {
        "home (cache miss)": 250,
        "region (cache miss)": 250,
        "topic (cache miss)": 400,
        "search": 500,
    }
    result["verdicts"] = [
        {
            "target": "P3",
            "check": f"{label}: throughput >= 0.5 x static and p95 <= 2 x static (median ratios), no errors",
            "pass": summary[label]["rps_ratio"] >= 0.5
            and summary[label]["p95_ratio"] <= 2
            and summary[label]["errors"] == 0,
        }
        for label in cms_hits
    ] + [
        {
            "target": "P5",
            "check": "every route's p95 <= 10 x static p95 (median ratio)"
            + (f"; over: {', '.join(slow)}" if slow else ""),
            "pass": not slow,
        },
        {
            "target": "P5",
            "check": "no errors on any route",
            "pass": all(row["errors"] == 0 for row in summary.values()),
        },
        {
            "target": "P5-style",
            "check": "rendered p95 (closed loop c=16, harsher than 50 users with think time): "
            "CMS <= 250, topic <= 400, search <= 500 ms",
            "pass": all(summary[label]["p95"] <= limit for label, limit in absolute.items()),
        },
        {
            "target": "P6",
            "check": "topic page as anonymous readers get it (cache hit) at c=50: p99 <= 2000 ms (median), "
            "no errors",
            "pass": stress["p99"] <= 2000 and stress["errors"] == 0,
        },
        {
            "target": "P6, rendered",
            "check": "topic page rendered on every request (cache miss) at c=50: p99 <= 2000 ms (median), "
            "no errors",
            "pass": stress_rendered["p99"] <= 2000 and stress_rendered["errors"] == 0,
        },
    ]


def report(result, args):
    summary = result["summary"]
    repetitions = len(result["repetitions"])
    print(
        f"\nwrk -t2, {args.duration} s per measurement, {repetitions} repetitions (medians); "
        f"load average at start {result['load_average']['start']}, after each repetition "
        f"{[repetition['load_average'] for repetition in result['repetitions']]}"
    )
    print(
        f"{'route':<25}{'conn':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}{'errors':>7}"
        f"{'cache':>6}  {'p95/static: each, median':<26}{'rps/static: each, median'}"
    )
    for label, row in summary.items():
        line = (
            f"{label:<25}{row['connections']:>5}{row['p50']:>9.1f}{row['p95']:>9.1f}{row['p99']:>9.1f}"
            f"{row['rps']:>8.0f}{row['errors']:>7}{'/'.join(row.get('x_page_cache', ['']))[:5]:>6}"
        )
        if "p95_ratios" in row:
            p95s = " ".join(f"{ratio:.1f}" for ratio in row["p95_ratios"])
            rpss = " ".join(f"{ratio:.2f}" for ratio in row["rps_ratios"])
            line += f"  {p95s + ' → ' + format(row['p95_ratio'], '.1f'):<26}{rpss} → {row['rps_ratio']:.2f}"
        else:
            line += f"  (median of {row['measurements']} static measurements)"
        print(line)
    if any(result["cache_headers"].values()):
        print("\ncache headers of a repeated anonymous request:")
        for label, headers in result["cache_headers"].items():
            print(f"  {label}: {headers}")
    print()
    for verdict in result["verdicts"]:
        print(f"{'PASS' if verdict['pass'] else 'MISS'}  {verdict['target']:<9}{verdict['check']}")


if __name__ == "__main__":
    main()
