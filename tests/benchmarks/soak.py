"""Soak on the production profile: LD1 of docs/quality-targets.md (with P5's mix and P14's memory).

Run with ``make soak`` or directly:
    .venv/bin/python tests/benchmarks/soak.py [--minutes 10] [--users 50] [--think 1-5] [--port 8002]

1. Starts ``site/serve-prod.sh`` as ``http_load.py`` does (3 gunicorn
   workers pinned to core 1, PostgreSQL on loopback, the task worker, search
   rate limits lifted), and signs a demo stakeholder in (an account made for
   the soak, with its stakeholder profile).
2. ``--users`` simulated visitors (threads of this script, pinned to core 0),
   each waiting ``--think`` seconds (1–5, drawn anew each time) before each
   request, as P5's Locust users ``between(1, 5)``: 60 % CMS pages (every
   public page in the three languages, anonymous), 25 % topic pages (the 20
   busiest topics, half of the requests signed in as the stakeholder), 10 %
   searches (site and contribution search, several words), 5 % the static
   CSS file. Each request opens its connection when it is sent, as a browser
   does (wrk's think time would open it at once and leave it idle, holding
   one of gunicorn's sync workers until the request came); its latency,
   route and status are kept, so latencies are the client's, per route and
   per minute. A 30 s warm-up without think time comes first and is not
   counted.
3. Samples every 10 s the resident memory (``ps -o rss``) of each gunicorn
   worker and of the task worker.
4. Reports the 5xx count, p95 of the first and last 2 minutes and their
   drift (LD1: ≤ 20 %), the workers' memory at start and end and its growth
   (≤ 10 %), their largest (P14: ≤ 250 MB a worker, ≤ 2 GB the whole stack),
   and any ``database is locked`` in the server's logs; writes it all to
   ``var/bench/soak.json``. Stops everything it started.

LD1 asks for 30 minutes (``--minutes 30``); gunicorn replaces a worker after
about 5,000 requests (``GUNICORN_MAX_REQUESTS``), which the report notes,
since a replaced worker starts small again.
"""

import argparse
import http.client
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from http_load import LOG_DIR, ROOT, fetch, load_average, manage_shell, start_server, stop_server

SETUP_CODE = """
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.test import Client
from machina.core.db.models import get_model
from wagtail.models import Page

from forum.models.profiles import StakeholderProfile
from forum.profiles.names import made_up_username
from hub.models import StakeholderGroup

Topic = get_model("forum_conversation", "Topic")
for page in Page.objects.live().public().filter(depth__gt=1).order_by("path"):
    url = page.get_url()
    if url:
        print("CMS", url)
for topic in Topic.objects.filter(approved=True).annotate(n=Count("posts")).order_by("-n")[:20]:
    print("TOPIC", f"/forum/forum/{topic.forum.slug}-{topic.forum_id}/topic/{topic.slug}-{topic.pk}/")
email = "soak-stakeholder@example.org"
user = get_user_model().objects.filter(email=email).first()
if user is None:
    user = get_user_model().objects.create_user(username=made_up_username(), email=email, password=None)
EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
StakeholderProfile.objects.get_or_create(
    user=user,
    defaults={
        "display_name": "Soak stakeholder",
        "stakeholder_group": StakeholderGroup.objects.filter(locale__language_code="en").first(),
    },
)
client = Client()
client.force_login(user)
print("COOKIE", settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
"""

SEARCH_WORDS = {
    "en": ["migration", "labour", "return", "children", "climate", "remittances", "detention", "integration"],
    "fr": ["migration", "travail", "enfants", "climat", "retour"],
    "ar": ["الهجرة", "العمل", "الأطفال", "المناخ"],
}


def draw(rng, classes):
    """One request of the mix: (route, path, cookie)."""
    point = rng.uniform(0, sum(weight for _name, weight, _paths, _cookie in classes))
    for name, weight, paths, cookie in classes:
        if point < weight:
            return name, rng.choice(paths), cookie
        point -= weight
    name, _weight, paths, cookie = classes[-1]
    return name, rng.choice(paths), cookie


def visitor(port, classes, think, stop_at, seed, rows, errors):
    """One visitor: think, then one request on a new connection, as a browser or Locust's
    client opens one when it has something to send (gunicorn's sync workers close every
    connection after its answer, and one waiting idle for its request would hold a worker)."""
    rng = random.Random(seed)
    while True:
        if think[1] > 0:
            time.sleep(rng.uniform(think[0], think[1]) / 1000)
        if time.time() >= stop_at:
            return
        route, path, cookie = draw(rng, classes)
        started, clock = time.time(), time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = connection.getresponse()
            response.read()
            rows.append((started, route, (time.perf_counter() - clock) * 1000, response.status))
        except (OSError, http.client.HTTPException) as error:
            errors.append((started, route, type(error).__name__))
        finally:
            connection.close()


def run_visitors(port, classes, users, seconds, think, seed):
    """``users`` visitors for ``seconds``; returns (rows, errors): each answered request's
    (start time, route, latency in ms, status), each failed one's (start time, route, error)."""
    rows, errors = [], []
    stop_at = time.time() + seconds
    threads = [
        threading.Thread(target=visitor, args=(port, classes, think, stop_at, seed + n, rows, errors))
        for n in range(users)
    ]
    for thread in threads:
        thread.start()
    return threads, rows, errors


def private_and_proportional(pid):
    """USS (private pages) and PSS (shared pages split among their users) in MB, from smaps_rollup."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None, None
    kb = {key: int(value) for key, value in re.findall(r"^(\w+):\s+(\d+) kB", text, re.M)}
    return (kb.get("Private_Clean", 0) + kb.get("Private_Dirty", 0)) / 1024, kb.get("Pss", 0) / 1024


def sample_memory(session):
    """Memory in MB of the gunicorn processes and the task worker of the server's session: RSS
    (``ps -o rss``, P14's measure, which counts the pages a worker shares with the gunicorn
    master it was forked from), USS and PSS."""
    command = [shutil.which("ps") or "/usr/bin/ps", "-o", "pid=,ppid=,rss=,args=", "--sid", str(session)]
    out = subprocess.run(command, capture_output=True, text=True).stdout
    processes = []
    for line in out.splitlines():
        pid, ppid, rss, args = line.split(None, 3)
        processes.append((int(pid), int(ppid), int(rss) / 1024, args))
    masters = {pid for pid, _ppid, _rss, args in processes if "gunicorn" in args}
    sample = {}
    for pid, ppid, rss, args in processes:
        if "gunicorn" in args and ppid in masters:
            name = f"worker {pid}"
        elif "gunicorn" in args:
            name = f"master {pid}"
        elif "db_worker" in args:
            name = f"task worker {pid}"
        else:
            continue
        uss, pss = private_and_proportional(pid)
        sample[name] = {"rss": rss, "uss": uss, "pss": pss}
    return sample


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)  # nearest rank
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10, help="length of the soak (default 10; LD1: 30)")
    parser.add_argument("--users", type=int, default=50, help="simulated visitors (default 50)")
    parser.add_argument("--think", default="1-5", help="seconds between a visitor's requests, min-max (1-5)")
    parser.add_argument("--warm-up", type=int, default=30, help="seconds of uncounted warm-up (default 30)")
    parser.add_argument("--port", type=int, default=8002)
    parser.add_argument("--contributions", type=int, default=200, help="demo contributions to seed")
    args = parser.parse_args()
    think = (
        tuple(int(float(value) * 1000) for value in args.think.split("-")) if args.think != "0" else (0, 0)
    )
    if len(think) == 1:
        think = (think[0], think[0])

    base = f"http://127.0.0.1:{args.port}"
    since = log_sizes()
    server, log = start_server(args.port, args.contributions, "soak-serve.log")
    try:
        classes, signed_in = prepare(base)
        print(f"signed-in topic requests are signed in: {signed_in}")
        result = soak(base, server.pid, classes, think, args)
        result["signed_in_checked"] = signed_in
    finally:
        stop_server(server, log)
    result["logs"] = grep_logs(since)
    judge(result, args)
    report(result, args)
    (LOG_DIR / "soak.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print("\nwritten to var/bench/soak.json")


def prepare(base):
    """The mix's classes (name, weight, paths, cookie), keeping the addresses that answer 200."""
    out = manage_shell(SETUP_CODE)
    cookie_name, cookie_value = re.search(r"^COOKIE (\S+) (\S+)", out, re.M).groups()
    cookie = f"{cookie_name}={cookie_value}"

    def quote(path):
        return urllib.parse.quote(path, safe="/?=&%-._~")

    def answering(paths, headers=None):
        kept = []
        for path in paths:
            try:
                status, _headers, _body = fetch(base + path, headers)
            except OSError as error:
                print(f"left out {path}: {error}")
                continue
            if status == 200:
                kept.append(path)
            else:
                print(f"left out {path}: {status}")
        return kept

    cms = answering([quote(path) for path in re.findall(r"^CMS (\S+)", out, re.M)])
    topics = re.findall(r"^TOPIC (\S+)", out, re.M)
    topics = answering([quote(f"/{language}{path}") for path in topics for language in ("en", "ar", "fr")])
    searches = [
        quote(f"/{language}/search/{where}?q={word}")
        for language, words in SEARCH_WORDS.items()
        for word in words
        for where in ("", "contributions/")
    ]
    searches = answering(searches)
    _status, _headers, home = fetch(f"{base}/en/")
    static = [re.search(r'href="(/static/hub/css/site\.[0-9a-f]+\.css)"', home.decode()).group(1)]
    _status, _headers, page = fetch(base + topics[0], {"Cookie": cookie})
    signed_in = "logout" in page.decode()
    print(f"mix: {len(cms)} CMS pages, {len(topics)} topic pages, {len(searches)} searches, 1 static file")
    classes = [
        ("CMS page", 60, cms, None),
        ("topic (anonymous)", 12.5, topics, None),
        ("topic (signed in)", 12.5, topics, cookie),
        ("search", 10, searches, None),
        ("static", 5, static, None),
    ]
    return classes, signed_in


def soak(base, session, classes, think, args):
    # The visitors on core 0, the gunicorn workers on core 1 (site/serve-prod.sh's GUNICORN_PREFIX).
    if hasattr(os, "sched_setaffinity") and shutil.which("taskset"):
        os.sched_setaffinity(0, {0})
    print(f"warm-up: {args.warm_up} s, 4 visitors without think time", flush=True)
    threads, _rows, _errors = run_visitors(args.port, classes, 4, args.warm_up, (0, 0), 1)
    for thread in threads:
        thread.join()
    seconds = round(args.minutes * 60)
    samples = []
    started = time.time()
    print(f"soak: {seconds} s, {args.users} visitors, think {think[0]}–{think[1]} ms", flush=True)
    threads, rows, errors = run_visitors(args.port, classes, args.users, seconds, think, int(started))
    while any(thread.is_alive() for thread in threads):
        samples.append({"t": round(time.time() - started, 1), "memory_mb": sample_memory(session)})
        deadline = time.time() + 10
        while time.time() < deadline and any(thread.is_alive() for thread in threads):
            time.sleep(0.5)
    samples.append({"t": round(time.time() - started, 1), "memory_mb": sample_memory(session)})
    return {
        "minutes": args.minutes,
        "users": args.users,
        "think_ms": think,
        "started": started,
        "load_average_end": load_average(),
        "client": {"requests": len(rows), "failed": len(errors), "failures": errors[:20]},
        "requests": sorted(rows),
        "samples": samples,
        "mix": {name: {"weight": weight, "paths": len(paths)} for name, weight, paths, _cookie in classes},
    }


LOGS = {"server": LOG_DIR / "soak-serve.log", "postgresql": ROOT / "var" / "postgres" / "log"}


def log_sizes():
    """Where each log ends now: the PostgreSQL cluster's log is kept between runs."""
    return {name: path.stat().st_size if path.exists() else 0 for name, path in LOGS.items()}


def grep_logs(since):
    found = {}
    for name, path in LOGS.items():
        try:
            with path.open("rb") as log:
                log.seek(since.get(name, 0) if name != "server" else 0)
                text = log.read().decode(errors="replace")
        except OSError:
            continue
        found[name] = {
            "database is locked": text.count("database is locked"),
            "Traceback": text.count("Traceback"),
            "WORKER TIMEOUT": text.count("WORKER TIMEOUT"),
        }
    return found


def judge(result, args):
    rows = result.pop("requests")
    if not rows:
        sys.exit(f"no request answered; see var/bench/soak-serve.log ({result['client']})")
    start = result["started"]
    window = min(120, args.minutes * 60 / 2)
    end = max(row[0] for row in rows)
    routes = list(result["mix"])
    stats = {}
    for route in [*routes, "all but static"]:
        chosen = [
            row for row in rows if row[1] == route or (route == "all but static" and row[1] != "static")
        ]
        latencies = [row[2] for row in chosen]
        first = [row[2] for row in chosen if row[0] - start < window]
        last = [row[2] for row in chosen if row[0] > end - window]
        p95_first, p95_last = percentile(first, 95), percentile(last, 95)
        stats[route] = {
            "requests": len(chosen),
            "rps": len(chosen) / (args.minutes * 60),
            "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95),
            "p99": percentile(latencies, 99),
            "5xx": sum(1 for row in chosen if row[3] >= 500),
            "other non-2xx/3xx": sum(1 for row in chosen if 400 <= row[3] < 500),
            "p95 first": p95_first,
            "p95 last": p95_last,
            "drift": (p95_last - p95_first) / p95_first if p95_first and p95_last is not None else None,
        }
        per_minute = {}
        for row in chosen:
            per_minute.setdefault(int((row[0] - start) // 60), []).append(row[2])
        stats[route]["p95 per minute"] = [percentile(per_minute[m], 95) for m in sorted(per_minute)]
    result["window_seconds"] = window
    result["routes"] = stats

    samples = result["samples"]
    memory = {}
    for sample in samples:
        for name, figures in sample["memory_mb"].items():
            entry = memory.setdefault(
                name, {"start": figures["rss"], "start_uss": figures["uss"], "start_t": sample["t"], "max": 0}
            )
            entry.update(end=figures["rss"], end_uss=figures["uss"], end_t=sample["t"])
            entry["max"] = max(entry["max"], figures["rss"])
    first_t, last_t = samples[0]["t"], samples[-1]["t"]
    for entry in memory.values():
        entry["whole soak"] = entry["start_t"] == first_t and entry["end_t"] == last_t
        entry["growth"] = (entry["end"] - entry["start"]) / entry["start"]
    result["memory"] = memory
    result["stack_max_rss_mb"] = max(sum(f["rss"] for f in s["memory_mb"].values()) for s in samples)
    result["stack_max_pss_mb"] = max(sum(f["pss"] or 0 for f in s["memory_mb"].values()) for s in samples)
    replaced = [
        name for name, entry in memory.items() if name.startswith("worker") and not entry["whole soak"]
    ]
    watched = {
        name: entry for name, entry in memory.items() if not name.startswith("master") and entry["whole soak"]
    }
    mix = stats["all but static"]
    static_p95 = stats["static"]["p95"]
    limits = {"CMS page": 250, "topic (anonymous)": 400, "topic (signed in)": 400, "search": 500}
    result["verdicts"] = [
        {"target": "LD1", "check": "no 5xx", "pass": sum(stats[r]["5xx"] for r in routes) == 0},
        {
            "target": "LD1",
            "check": f"p95 drift <= 20 % (first vs last {window / 60:g} min, all routes but static)",
            "pass": mix["drift"] is not None and mix["drift"] <= 0.20,
        },
        {
            "target": "LD1",
            "check": "RSS growth <= 10 % (each worker and the task worker, start to end)"
            + (f"; replaced during the soak: {', '.join(replaced)}" if replaced else ""),
            "pass": all(entry["growth"] <= 0.10 for entry in watched.values()),
        },
        {
            "target": "LD1",
            "check": "no `database is locked` in the server's logs",
            "pass": all(found["database is locked"] == 0 for found in result["logs"].values()),
        },
        {
            "target": "P14",
            "check": "largest RSS <= 250 MB a worker; whole stack <= 2 GB (sum of PSS)",
            "pass": all(e["max"] <= 250 for n, e in memory.items() if not n.startswith("master"))
            and result["stack_max_pss_mb"] <= 2048,
        },
        {
            "target": "P5",
            "check": "p95: CMS <= 250, topic <= 400, search <= 500 ms; each <= 10 x static p95",
            "pass": all(
                stats[r]["p95"] is not None
                and stats[r]["p95"] <= limit
                and stats[r]["p95"] <= 10 * static_p95
                for r, limit in limits.items()
            ),
        },
    ]


def fmt(value, spec=".0f"):
    return "–" if value is None else format(value, spec)


def report(result, args):
    client = result["client"]
    window = result["window_seconds"] / 60
    print(
        f"\n{args.minutes:g} min, {args.users} visitors, think {args.think} s; "
        f"{client['requests']} requests answered, {client['failed']} failed (connection, timeout); "
        f"load average at end {result['load_average_end']}"
    )
    print(
        f"{'route':<19}{'req':>6}{'req/s':>7}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'5xx':>5}{'4xx':>5}"
        f"{f'p95 first {window:g}m':>15}{f'last {window:g}m':>9}{'drift':>8}  p95 per minute"
    )
    for route, row in result["routes"].items():
        drift = "–" if row["drift"] is None else f"{row['drift']:+.0%}"
        print(
            f"{route:<19}{row['requests']:>6}{row['rps']:>7.1f}{fmt(row['p50']):>8}{fmt(row['p95']):>8}"
            f"{fmt(row['p99']):>8}{row['5xx']:>5}{row['other non-2xx/3xx']:>5}{fmt(row['p95 first']):>15}"
            f"{fmt(row['p95 last']):>9}{drift:>8}  {' '.join(fmt(v) for v in row['p95 per minute'])}"
        )
    print(f"\nmemory (MB), sampled every 10 s ({len(result['samples'])} samples); USS: private pages only")
    print(f"{'process':<22}{'RSS start':>10}{'end':>7}{'growth':>8}{'max':>7}{'USS start':>11}{'end':>7}")
    for name, entry in result["memory"].items():
        note = "" if entry["whole soak"] else f"  (from {entry['start_t']:g} s to {entry['end_t']:g} s)"
        print(
            f"{name:<22}{entry['start']:>10.0f}{entry['end']:>7.0f}{entry['growth']:>+8.1%}{entry['max']:>7.0f}"
            f"{fmt(entry['start_uss']):>11}{fmt(entry['end_uss']):>7}{note}"
        )
    print(
        f"whole stack at most {result['stack_max_rss_mb']:.0f} MB RSS summed "
        f"(shared pages counted in every process), {result['stack_max_pss_mb']:.0f} MB PSS summed"
    )
    print(f"server logs: {result['logs']}")
    print()
    for verdict in result["verdicts"]:
        print(f"{'PASS' if verdict['pass'] else 'MISS'}  {verdict['target']:<5}{verdict['check']}")


if __name__ == "__main__":
    main()
