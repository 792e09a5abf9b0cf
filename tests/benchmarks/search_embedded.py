"""Embedded (database backend, SQLite FTS5) search: latency and rebuild throughput.

Targets P7 (100k), P8 (1M) and P12 of docs/quality-targets.md; the term
classes follow its §1.4. Run with ``make bench`` or directly:
    .venv/bin/python tests/benchmarks/search_embedded.py [--size 100000] [--reuse] [--reps 30]

1. Builds a scratch SQLite database var/bench/search-<size>.sqlite3 with
   <size> seeded contributions (``seed_contributions``: bulk import plus
   indexing per batch), timed. ``--reuse`` keeps a database already holding
   that many contributions.
2. Times ``search_index rebuild`` (P12: at least 1,000 contributions/s).
3. Picks query terms from the index itself by document frequency (rare
   ≈ 0.03 %, mid ≈ 3 %, broad = the most frequent) and times
   ``search.facade.search`` in-process for an anonymous visitor, warm, for each
   class; every call computes all facets, as the API always does. Prints
   p50/p95 against the targets, the time spent in facets, and whether the
   ranking window or the facet cap applied.

Run a 1M database with ``--size 1000000`` (seeding runs at 400–1,000
contributions/s on a shared 2-core box, so 20–45 min, then 10–20 min of
rebuild); ``--reuse --skip-rebuild`` times the queries again on it; ``--reuse`` on a
database whose seeding was interrupted adds the missing contributions and
goes on.
``--database PATH`` times the queries only, on any existing SQLite database
(e.g. a copy whose documents were multiplied in SQL).

Timings are wall-clock in this process: on a busy machine they are upper
bounds, so the load average is printed before and after.
"""

# ruff: noqa: S608 — SQL is formatted from this module's and search.backends.database.fulltext's table names only;
# terms are parameters.

import argparse
import json
import math
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "var" / "bench"
WARM_UP = 3

# p95 targets in ms by dataset (quality-targets.md P7 at 100k, P8 at 1M).
TARGETS = {
    100_000: {"selective": 50, "and": 20, "broad": 300, "facets_selective": 100, "facets_broad": 300},
    1_000_000: {"selective": 300, "and": 300, "broad": 1000, "facets_broad": 1000, "browse_newest": 20},
}


def targets_for(size):
    return TARGETS[100_000] if size < 1_000_000 else TARGETS[1_000_000]


def run_command(args, env, script=False):
    """Run a management command (or, with ``script``, a Python script); returns (seconds, stdout)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *([] if script else ["manage.py"]), *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - start, done.stdout


def contribution_count(env):
    """Contributions in the database ``env`` points at (None when it is missing or empty)."""
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            return None
        try:
            with sqlite3.connect(path) as db:
                return db.execute("SELECT count(*) FROM regional_forum_contribution").fetchone()[0]
        except sqlite3.Error:
            return None
    try:
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
            return db.execute("SELECT count(*) FROM regional_forum_contribution").fetchone()[0]
    except Exception:  # any failure means "not a usable benchmark database"
        return None


def build(database, size, seed, env):
    if database is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    else:  # PostgreSQL: start from an empty schema (flush would also drop what migrations create)
        import psycopg

        url = env["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
        with psycopg.connect(url, autocommit=True) as db:
            db.execute("DROP SCHEMA public CASCADE")
            db.execute("CREATE SCHEMA public")
    run_command(["migrate", "--no-input", "-v", "0"], env)
    run_command(["setup_site", "--no-staff"], env)
    seconds, _out = run_command(["seed_contributions", "--count", str(size), "--seed", str(seed)], env)
    print(
        f"seed_contributions --count {size}: {seconds:.0f} s = {size / seconds:,.0f} contributions/s "
        "(bulk import + indexing per batch, incl. start-up)"
    )


def top_up(size, seed, env):
    run_command(["migrate", "--no-input", "-v", "0"], env)
    seconds, out = run_command(["seed_contributions", "--count", str(size), "--seed", str(seed)], env)
    print(f"seed_contributions --count {size}, going on from an interrupted seeding: {seconds:.0f} s")
    print(out.strip())


def rebuild(size, env):
    seconds, out = run_command(["search_index", "rebuild"], env)
    reported = re.search(r"\(([\d,]+)/s\)", out)
    inner = f"; the command reports {reported.group(1)}/s without start-up" if reported else ""
    rate = size / seconds
    verdict = "meets" if rate >= 1000 else "MISSES"
    print(
        f"search_index rebuild: {seconds:.0f} s = {rate:,.0f} contributions/s{inner}"
        f" — {verdict} P12 (≥ 1,000/s)"
    )


# ---------------------------------------------------------------- picking terms


class Corpus:
    """Document frequencies of the index's terms, and match counts of query texts."""

    def __init__(self, connection):
        from search.backends.database import fulltext

        self.cursor = connection.cursor()
        self.fts = fulltext.FTS
        self.cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, {self.fts}, row)"
        )
        self.cursor.execute("SELECT term, doc FROM temp.bench_vocab ORDER BY doc DESC")
        self.vocabulary = self.cursor.fetchall()
        self.cursor.execute("SELECT count(*) FROM search_contributiondocument")
        self.size = self.cursor.fetchone()[0]

    def matches(self, *texts):
        """How many documents the query words of ``texts`` (AND-ed) match, as the backend asks FTS5."""
        from search.backends.database import fts5_expression, search_terms

        words = [w for text in texts for w in search_terms(text)]
        if not words:
            return 0
        self.cursor.execute(
            f"SELECT count(*) FROM {self.fts} WHERE {self.fts} MATCH %s", [fts5_expression(words)]
        )
        return self.cursor.fetchone()[0]

    def _queryable(self, term):
        from search.backends.database import search_terms

        words = search_terms(term)
        return len(words) == 1 and term in words[0]

    def near(self, share, exclude=(), candidates=25):
        """The term whose query matches closest to ``share`` of the documents."""
        target = max(share * self.size, 1)
        ranked = sorted(
            (row for row in self.vocabulary if row[0] not in exclude),
            key=lambda r: abs(math.log(r[1] / target)),
        )
        tried = []
        for term, _doc in ranked:
            if self._queryable(term):
                tried.append((abs(math.log(max(self.matches(term), 1) / target)), term))
            if len(tried) >= candidates:
                break
        return min(tried)[1]

    def broadest(self, candidates=40):
        tried = [
            (self.matches(term), term) for term, _doc in self.vocabulary[:candidates] if self._queryable(term)
        ]
        return max(tried)[1]

    def partner(self, term, low=0.01, high=0.10):
        """Another mid-frequency term sharing the most documents with ``term`` (the costliest AND)."""
        pool = [t for t, doc in self.vocabulary if low * self.size <= doc <= high * self.size and t != term]
        pool = [t for t in pool if self._queryable(t)][:60]
        return max(pool, key=lambda other: self.matches(term, other))

    def concept_term(self, share, candidates=40):
        """A thesaurus term (as an analyst types it) that names a concept and
        whose own words match closest to ``share`` of the documents: the mid
        class, asked with cross-language search off and on."""
        from hub.models import Concept
        from search.crosslanguage import expand_query
        from search.query import ContributionQuery

        target = max(share * self.size, 1)
        terms = sorted({term for c in Concept.objects.all() for term in c.terms("en")}, key=len)
        tried = []
        for term in terms:
            if not expand_query(ContributionQuery(text=term)).matches:
                continue
            count = self.matches(term)
            if count:
                tried.append((abs(math.log(count / target)), term))
            if len(tried) >= candidates:
                break
        return min(tried)[1]

    def common_filters(self, text):
        """The region most of ``text``'s matches are in, and the objective most of those have."""
        from search.backends.database import fts5_expression, search_terms

        matched = f"SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH %s"
        expression = fts5_expression(search_terms(text))
        self.cursor.execute(
            f"SELECT region FROM search_contributiondocument WHERE post_id IN ({matched})"
            " GROUP BY region ORDER BY count(*) DESC LIMIT 1",
            [expression],
        )
        region = self.cursor.fetchone()[0]
        self.cursor.execute(
            "SELECT o.number FROM search_documentobjective o JOIN search_contributiondocument d"
            f" ON d.post_id = o.document_id WHERE d.region = %s AND d.post_id IN ({matched})"
            " GROUP BY o.number ORDER BY count(*) DESC LIMIT 1",
            [region, expression],
        )
        return region, self.cursor.fetchone()[0]


def setup_django(env):
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()


def pick_terms(env):
    """Query terms and filters by document frequency, from this SQLite database's FTS5 vocabulary."""
    setup_django(env)
    from django.db import connection

    corpus = Corpus(connection)
    mid = corpus.near(0.03)
    region, objective = corpus.common_filters(mid)
    return {
        "rare": corpus.near(0.0003),
        "mid": mid,
        "broad": corpus.broadest(),
        "second": corpus.partner(mid),
        "concept": corpus.concept_term(0.03),
        "region": region,
        "objective": objective,
    }


def terms_from_sqlite(database, size, env):
    """The terms of the SQLite database of the same size and seed (the same corpus), built if missing."""
    if contribution_count({**env, "DATABASE_URL": f"sqlite:///{database}"}) != size:
        sys.exit(f"{database} must hold the same {size:,} seeded contributions: run without --postgres first")
    _seconds, out = run_command(
        [str(Path(__file__).resolve()), "--size", str(size), "--print-terms"], env, script=True
    )
    return json.loads(out.strip().splitlines()[-1])


# ---------------------------------------------------------------- timing


class FacetTimer:
    """Time spent in the backend's single facet statement, per search (0 if not found)."""

    def __init__(self):
        from search.backends.database import DatabaseBackend

        self.last = None
        original = getattr(DatabaseBackend, "_facets", None)
        if original is None:
            return

        def timed(backend, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(backend, *args, **kwargs)
            finally:
                self.last = time.perf_counter() - start

        DatabaseBackend._facets = timed


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]


def time_class(query, reps, facet_timer):
    """Time ``query`` as a new search (cached totals and facets cleared before
    each call: what a query nobody asked since the index last changed costs;
    the visitor's readable spaces stay cached, as they are for every visitor
    once looked up)
    and repeated (the next page, or another visitor reading the same spaces,
    while the index is unchanged)."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache

    from search.facade import readable_forum_ids, search

    viewer, times, facet_times, repeated = AnonymousUser(), [], [], []
    for i in range(WARM_UP + reps):
        cache.clear()
        # Visitors share one permission answer, looked up once per permissions
        # change: a new query finds it cached (its own cost is printed apart).
        readable_forum_ids(viewer)
        facet_timer.last = None
        start = time.perf_counter()
        result = search(query, viewer)
        elapsed = time.perf_counter() - start
        if i >= WARM_UP:
            times.append(elapsed * 1000)
            if facet_timer.last is not None:
                facet_times.append(facet_timer.last * 1000)
    for _i in range(reps):
        start = time.perf_counter()
        search(query, viewer)
        repeated.append((time.perf_counter() - start) * 1000)
    return result, times, facet_times, repeated


def visibility_lookup_ms(reps):
    """machina's readable-forums answer for a visitor: computed (cache cleared) and cached."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache

    from search.facade import readable_forum_ids

    computed, cached = [], []
    for _i in range(WARM_UP + reps):
        cache.clear()
        start = time.perf_counter()
        readable_forum_ids(AnonymousUser())
        computed.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        readable_forum_ids(AnonymousUser())
        cached.append((time.perf_counter() - start) * 1000)
    return statistics.median(computed[WARM_UP:]), statistics.median(cached[WARM_UP:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument(
        "--reuse", action="store_true", help="keep a database that already has --size contributions"
    )
    parser.add_argument("--skip-rebuild", action="store_true", help="do not time search_index rebuild")
    parser.add_argument("--reps", type=int, default=30, help="timed repetitions per class (after 3 warm-up)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="seed and time on this PostgreSQL database (e.g. postgres://postgres@127.0.0.1:55432/bench); "
        "query terms are picked from the SQLite database of the same --size and --seed, built first",
    )
    parser.add_argument("--print-terms", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--database",
        type=Path,
        help="time the queries only, on this existing SQLite database as it is (no seeding, no rebuild)",
    )
    args = parser.parse_args()

    BENCH.mkdir(parents=True, exist_ok=True)
    database = (args.database or BENCH / f"search-{args.size}.sqlite3").resolve()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "siteconf.settings.dev",
        "DEBUG": "0",  # no query log growing in memory while timing
    }
    if args.print_terms:
        print(json.dumps(pick_terms(env)))
        return
    if args.postgres:
        terms = terms_from_sqlite(database, args.size, env)
        env["DATABASE_URL"] = args.postgres
    print(f"Embedded search benchmark: {args.postgres or database}")
    print(f"CPUs {os.cpu_count()}, load average at start {'/'.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.database:
        print("existing database: queries only")
    elif args.reuse and contribution_count(env) == args.size:
        print(f"reusing the database of {args.size:,} contributions (not seeded again)")
    elif args.reuse and 0 < (contribution_count(env) or 0) < args.size:
        # A seeding that was interrupted goes on where it stopped: the seeded
        # contributions have fixed external ids, and seed_contributions adds only the missing ones.
        top_up(args.size, args.seed, env)
    else:
        build(None if args.postgres else database, args.size, args.seed, env)
    if not args.skip_rebuild and not args.database:
        rebuild(args.size, env)
    run_command(["migrate", "--no-input", "-v", "0"], env)  # a reused database gets today's schema
    run_command(["load_taxonomy"], env)  # and today's thesaurus
    if not args.postgres:
        print(f"database size {database.stat().st_size / 2**20:,.0f} MiB; SQLite {sqlite3.sqlite_version}")
        terms = pick_terms(env)

    setup_django(env)
    from django.db import connection

    from search.backends.database import rank_window
    from search.query import ContributionQuery, Sort

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_contributiondocument")
        size = cursor.fetchone()[0]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            print(f"PostgreSQL {cursor.fetchone()[0]}")
    print(f"{size:,} documents in the index")
    rare, mid, broad, second = terms["rare"], terms["mid"], terms["broad"], terms["second"]
    region, objective, concept = terms["region"], terms["objective"], terms["concept"]
    limits = targets_for(size)
    classes = [
        ("rare", ContributionQuery(text=rare), limits.get("selective"), None),
        ("mid", ContributionQuery(text=mid), limits.get("selective"), limits.get("facets_selective")),
        ("broad", ContributionQuery(text=broad), limits.get("broad"), limits.get("facets_broad")),
        ("two mid AND", ContributionQuery(text=f"{mid} {second}"), limits.get("and"), None),
        (
            "mid + region + objective",
            ContributionQuery(text=mid, regions=frozenset({region}), objectives=frozenset({objective})),
            limits.get("selective"),
            None,
        ),
        ("mid, newest first", ContributionQuery(text=mid, sort=Sort.NEWEST), limits.get("selective"), None),
        ("broad, newest first", ContributionQuery(text=broad, sort=Sort.NEWEST), limits.get("broad"), None),
        ("browse all, newest first", ContributionQuery(sort=Sort.NEWEST), limits.get("browse_newest"), None),
        # The same mid-frequency concept name without and with its other languages' terms
        # (#16: on costs at most 1.5 times off).
        ("concept, cross-lang. off", ContributionQuery(text=concept, cross_language=False), None, None),
        ("concept, cross-lang. on", ContributionQuery(text=concept), None, None),
    ]

    facet_timer = FacetTimer()
    visibility = visibility_lookup_ms(args.reps)
    load_before = os.getloadavg()[0]
    rows = []
    for label, query, target, facet_target in classes:
        result, times, facet_times, repeated = time_class(query, args.reps, facet_timer)
        rows.append((label, query, result, times, facet_times, repeated, target, facet_target))

    print()
    print(
        f"search.facade.search, anonymous visitor, all {len(result.facets)} facet dimensions, page of 20, "
        f"{args.reps} reps as a new search (cached totals and facets cleared first) and {args.reps} "
        f"repeated (next page / same index); rank window {rank_window():,}; "
        f"filters: region={region}, objective={objective}"
    )
    header = (
        f"{'class':<26}{'query':<22}{'matches':>16}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'facets p95':>11}{'repeat p95':>11}{'capped':>9}  target p95 (new search)"
    )
    print(header)
    print("-" * len(header) + "-" * 12)
    misses = 0
    for label, query, result, times, facet_times, repeated, target, facet_target in rows:
        p50, p95 = statistics.median(times), percentile(times, 95)
        facets_p95 = percentile(facet_times, 95) if facet_times else None
        capped = ("R" if result.ranking_capped else "-") + ("F" if result.facets_capped else "-")
        verdicts = []
        if target is not None:
            verdicts.append(f"≤ {target} {'ok' if p95 <= target else 'MISS'}")
            misses += p95 > target
        if facet_target is not None and facets_p95 is not None:
            verdicts.append(f"facets ≤ {facet_target} {'ok' if facets_p95 <= facet_target else 'MISS'}")
            misses += facets_p95 > facet_target
        share = f"{result.total:,} ({100 * result.total / max(size, 1):.2f}%)"
        facets = f"{facets_p95:.1f}" if facets_p95 is not None else "–"
        print(
            f"{label:<26}{(query.text or '(none)')[:21]:<22}{share:>16}{p50:>9.1f}{p95:>9.1f}"
            f"{facets:>11}{percentile(repeated, 95):>11.1f}{capped:>9}  {'; '.join(verdicts) or '–'}"
        )
    by_label = {row[0]: row for row in rows}
    off, on = by_label["concept, cross-lang. off"], by_label["concept, cross-lang. on"]
    ratio = percentile(on[3], 95) / max(percentile(off[3], 95), 1e-6)
    print(
        f"cross-language search on the concept “{terms['concept']}”: p95 on / off = {ratio:.2f} "
        f"(target ≤ 1.5; {on[2].total:,} matches on, {off[2].total:,} off)"
    )
    misses += ratio > 1.5
    print(
        "of which the viewer's readable spaces (machina permissions): p50 {:.1f} ms computed, {:.1f} ms "
        "cached under the permissions stamp (as a new search finds it)".format(*visibility)
    )
    print(
        "capped: R = ranking cut to the newest window of matches, F = facets counted over that window only."
    )
    if size not in TARGETS:
        print(f"(targets are set for 100k and 1M; {size:,} is compared with the nearest set)")
    print(
        f"load average during queries {load_before:.2f} → {os.getloadavg()[0]:.2f} (2-core box shared "
        f"with other work: figures are upper bounds). {misses} target(s) missed."
    )


if __name__ == "__main__":
    main()
