"""Contribution search against what a team would pick instead, on one corpus in one run.

Run with ``make bench`` or directly:
    .venv/bin/python tests/benchmarks/search_peers.py [--size 10000] [--reuse] [--reps 30]

1. Seeds var/bench/search-<size>.sqlite3 as search_embedded.py does
   (``--reuse`` keeps one that already holds <size> contributions).
2. Indexes the same contributions (subject + content, region, language,
   type, objectives, date of the approved posts) in three peers:
   - haystack: machina's own search, django-haystack's Whoosh backend through
     machina's ``PostIndex`` (its subject + rendered content template) with
     the contribution's fields added, built by the backend's ``update`` into
     var/bench/whoosh-<size>/;
   - wagtail: Wagtail's built-in database backend (what a Wagtail site
     searches with by default; FTS5 on SQLite) over a bench-only model whose
     tables are made at run time;
   - fts5: one plain FTS5 table (unicode61, remove_diacritics 2) ranked by
     bm25, with one GROUP BY per facet.
3. Times the same query classes (terms picked from the product's index by
   document frequency, among words the plain FTS5 table holds as they are,
   so every system is asked a real word) with the facets each system gives,
   after warm-up; p50/p95 in ms. A system slower than ``--budget`` seconds
   per class gets fewer repetitions (at least 3, or 1 when one call takes
   longer; the count is printed), and a search is stopped after
   ``--timeout`` seconds.
4. Measures recall@10 on the labelled sets (tests/test_search_analysis.py's
   Arabic, French and English variant pairs: document b found by query a;
   tests/data/crosslanguage_set.json: the concept's contributions in the
   other two languages), each indexed alone in every system, in a second
   scratch database var/bench/search-peers-labelled.sqlite3.
5. Prints one table and writes it as var/bench/search-peers-<size>.json.
"""

# ruff: noqa: S608 — SQL is formatted from this module's table and column names only; values are parameters.

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.search_embedded import (  # noqa: E402
    BENCH,
    WARM_UP,
    Corpus,
    build,
    contribution_count,
    percentile,
    run_command,
    setup_django,
)

SETTINGS = "tests.benchmarks.peers_settings"
LABELLED_DATABASE = "search-peers-labelled.sqlite3"
PAGE = 20
FACETS = {
    "product": "region, topic, objective, group, country, language, type, attachment "
    "(each ignoring its own filter)",
    "haystack": "region, language, type, objective (Whoosh field facets)",
    "wagtail": "region, language, type, objective (results.facet(): one query each)",
    "fts5": "region, language, type, objective, year (one GROUP BY each)",
}
CLASSES = ("rare", "mid", "broad", "two words AND", "mid + region + objective", "mid, newest first")


@dataclass(frozen=True)
class Ask:
    """One query as every system is asked it."""

    text: str
    region: str | None = None
    objective: int | None = None
    newest: bool = False
    size: int = PAGE


@dataclass
class Answer:
    ids: list
    total: int
    facets: dict = field(default_factory=dict)


# ---------------------------------------------------------------- the rows every peer indexes


def contribution_rows():
    """The approved contributions as dicts: post id, subject, content, region, language, type,
    objectives, date."""
    from forum.models import Contribution

    objectives = defaultdict(list)
    for post_id, number in Contribution.objectives.through.objects.values_list(
        "contribution_id", "gcmobjective__number"
    ):
        objectives[post_id].append(number)
    rows = Contribution.objects.filter(post__approved=True, post__topic__approved=True).values_list(
        "post_id",
        "post__subject",
        "post__content",
        "space__region__slug",
        "language",
        "kind",
        "post__created",
    )
    return [
        {
            "id": post_id,
            "subject": subject,
            "content": content,
            "region": region,
            "language": language,
            "kind": kind,
            "objectives": sorted(objectives[post_id]),
            "created": created,
        }
        for post_id, subject, content, region, language, kind, created in rows.order_by("post_id").iterator(
            chunk_size=5000
        )
    ]


# ---------------------------------------------------------------- the product


class Product:
    name = "product"

    def __init__(self, cross_language=True):
        self.cross_language = cross_language

    def build(self, rows):
        """The product indexes on save and in seeding: nothing to do."""

    def query(self, ask):
        from search.query import ContributionQuery, Sort

        return ContributionQuery(
            text=ask.text,
            regions=frozenset({ask.region}) if ask.region else frozenset(),
            objectives=frozenset({ask.objective}) if ask.objective else frozenset(),
            sort=Sort.NEWEST if ask.newest else Sort.RELEVANCE,
            cross_language=self.cross_language,
            page_size=ask.size,
        )

    def prepare(self):
        """As search_embedded times a new search: cached totals and facets cleared, the
        visitor's readable spaces looked up (cached for every visitor once looked up)."""
        from django.contrib.auth.models import AnonymousUser
        from django.core.cache import cache

        from search.facade import readable_forum_ids

        cache.clear()
        readable_forum_ids(AnonymousUser())

    def search(self, ask):
        from django.contrib.auth.models import AnonymousUser

        from search.facade import search

        result = search(self.query(ask), AnonymousUser())
        return Answer([hit.post_id for hit in result.hits], result.total, result.facets)


# ---------------------------------------------------------------- plain SQLite FTS5


class Fts5:
    name = "fts5"
    table = "bench_peers_fts"
    objectives = "bench_peers_objective"

    def build(self, rows):
        from django.db import connection, transaction

        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")
            cursor.execute(f"DROP TABLE IF EXISTS {self.objectives}")
            cursor.execute(
                f"CREATE VIRTUAL TABLE {self.table} USING fts5(subject, content, region UNINDEXED, "
                "language UNINDEXED, kind UNINDEXED, created UNINDEXED, "
                "tokenize = 'unicode61 remove_diacritics 2')"
            )
            cursor.execute(
                f"CREATE TABLE {self.objectives} (number integer, post_id integer, "
                "PRIMARY KEY (number, post_id)) WITHOUT ROWID"
            )
            cursor.executemany(
                f"INSERT INTO {self.table} (rowid, subject, content, region, language, kind, created) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    (
                        r["id"],
                        r["subject"],
                        r["content"],
                        r["region"],
                        r["language"],
                        r["kind"],
                        r["created"].isoformat(),
                    )
                    for r in rows
                ],
            )
            # Merge the b-trees the bulk load left, as FTS5's documentation advises after one.
            cursor.execute(f"INSERT INTO {self.table} ({self.table}) VALUES ('optimize')")
            cursor.executemany(
                f"INSERT INTO {self.objectives} (number, post_id) VALUES (%s, %s)",
                [(number, r["id"]) for r in rows for number in r["objectives"]],
            )

    @staticmethod
    def expression(text):
        """Each word as an FTS5 string (no operators), AND-ed."""
        return " ".join('"{}"'.format(word.replace('"', '""')) for word in text.split())

    def search(self, ask):
        from django.db import connection

        where, params = [f"{self.table} MATCH %s"], [self.expression(ask.text)]
        if ask.region:
            where.append("region = %s")
            params.append(ask.region)
        if ask.objective:
            where.append(f"rowid IN (SELECT post_id FROM {self.objectives} WHERE number = %s)")
            params.append(ask.objective)
        matched = f"FROM {self.table} WHERE {' AND '.join(where)}"
        order = "created DESC" if ask.newest else f"bm25({self.table})"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid {matched} ORDER BY {order} LIMIT %s", [*params, ask.size])
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(f"SELECT count(*) {matched}", params)
            total = cursor.fetchone()[0]
            facets = {}
            for name, column in (
                ("region", "region"),
                ("language", "language"),
                ("type", "kind"),
                ("year", "substr(created, 1, 4)"),
            ):
                cursor.execute(f"SELECT {column}, count(*) {matched} GROUP BY 1", params)
                facets[name] = dict(cursor.fetchall())
            cursor.execute(
                f"SELECT number, count(*) FROM {self.objectives} WHERE post_id IN (SELECT rowid {matched}) "
                "GROUP BY number",
                params,
            )
            facets["objective"] = dict(cursor.fetchall())
        return Answer(ids, total, facets)


# ---------------------------------------------------------------- Wagtail's database backend

_MODELS = {}
APP_LABEL = "bench_peers"


def register_bench_app():
    """Make ``bench_peers`` an app of the running process (no migrations: never in the product's
    settings), so its models' relations resolve and Wagtail sees the model as indexed."""
    from django.apps import AppConfig, apps

    if APP_LABEL not in apps.app_configs:
        config = AppConfig(__name__, sys.modules[__name__])
        config.label = APP_LABEL
        config.apps = apps
        config.models = apps.all_models[APP_LABEL]
        apps.app_configs[APP_LABEL] = config
        apps.clear_cache()


def unregister_bench_app():
    """Undo ``register_bench_app`` (a test does, so later tests' Wagtail indexing never meets the model)."""
    from django.apps import apps

    if apps.app_configs.pop(APP_LABEL, None) is not None:
        apps.clear_cache()


def wagtail_models():
    """A bench-only model over the same rows, in the ``bench_peers`` app registered at run time
    (no migration; its tables are made at run time)."""
    if _MODELS:
        register_bench_app()
        return _MODELS["contribution"], _MODELS["objective"]
    from django.db import models
    from wagtail.search import index

    class BenchObjective(models.Model):  # noqa: DJ008
        # Not the key: Wagtail filters through RelatedFields only over the whole join.
        number = models.PositiveSmallIntegerField(unique=True)

        class Meta:
            app_label = APP_LABEL

    class BenchContribution(index.Indexed, models.Model):  # noqa: DJ008
        post_id = models.IntegerField(primary_key=True)
        title = models.CharField(max_length=255)  # the subject; "title" gets Wagtail's title weighting
        body = models.TextField()
        region = models.CharField(max_length=50)
        language = models.CharField(max_length=8)
        kind = models.CharField(max_length=20)
        created = models.DateTimeField()
        objectives = models.ManyToManyField(BenchObjective)

        search_fields = [
            index.SearchField("title", boost=2),
            index.SearchField("body"),
            index.FilterField("region"),
            index.FilterField("language"),
            index.FilterField("kind"),
            index.FilterField("created"),
            index.FilterField("objectives"),  # facets on the objective numbers (its keys)
            index.RelatedFields("objectives", [index.FilterField("number")]),  # filters
        ]

        class Meta:
            app_label = APP_LABEL

    _MODELS.update(contribution=BenchContribution, objective=BenchObjective)
    register_bench_app()
    return BenchContribution, BenchObjective


class Wagtail:
    name = "wagtail"

    @staticmethod
    def create_tables():
        """(Re)make the bench model's tables with the schema editor's statements, run here
        (so it works inside a transaction too, where SQLite's editor refuses to enter)."""
        from django.db import connection

        contribution, objective = wagtail_models()
        editor = connection.schema_editor(collect_sql=True)
        editor.deferred_sql = []  # what entering the editor sets up
        for model in (objective, contribution):
            editor.create_model(model)  # the contribution's with its objectives' table
        with connection.cursor() as cursor:
            for model in (contribution.objectives.through, contribution, objective):
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(model._meta.db_table)}")
            for statement in [*editor.collected_sql, *map(str, editor.deferred_sql)]:
                cursor.execute(statement)

    def build(self, rows, batch=2000):
        """Fill the tables made by ``create_tables`` and index the rows, as ``update_index`` would."""
        from django.contrib.contenttypes.models import ContentType
        from django.db import transaction
        from wagtail.search.backends import get_search_backend
        from wagtail.search.models import IndexEntry

        contribution, objective = wagtail_models()
        IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(contribution)).delete()
        contribution.objectives.through.objects.all().delete()
        contribution.objects.all().delete()
        objective.objects.all().delete()
        objective.objects.bulk_create(
            objective(number=n) for n in sorted({n for r in rows for n in r["objectives"]})
        )
        objective_ids = dict(objective.objects.values_list("number", "pk"))
        backend = get_search_backend()
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            with transaction.atomic():
                contribution.objects.bulk_create(
                    contribution(
                        post_id=r["id"],
                        title=r["subject"],
                        body=r["content"],
                        region=r["region"],
                        language=r["language"],
                        kind=r["kind"],
                        created=r["created"],
                    )
                    for r in chunk
                )
                contribution.objectives.through.objects.bulk_create(
                    contribution.objectives.through(
                        benchcontribution_id=r["id"], benchobjective_id=objective_ids[n]
                    )
                    for r in chunk
                    for n in r["objectives"]
                )
                indexed = contribution.objects.filter(pk__in=[r["id"] for r in chunk])
                backend.add_bulk(contribution, list(indexed.prefetch_related("objectives")))

    def search(self, ask):
        from wagtail.search.backends import get_search_backend

        contribution, objective = wagtail_models()
        queryset = contribution.objects.all()
        if ask.region:
            queryset = queryset.filter(region=ask.region)
        if ask.objective:
            queryset = queryset.filter(objectives__number=ask.objective)
        if ask.newest:
            queryset = queryset.order_by("-created")
        results = get_search_backend().search(
            ask.text, queryset, operator="and", order_by_relevance=not ask.newest
        )
        ids = [obj.pk for obj in results[: ask.size]]
        facets = {
            name: results.facet(column)
            for name, column in (
                ("region", "region"),
                ("language", "language"),
                ("type", "kind"),
            )
        }
        # Faceted on the objectives' keys; their numbers are one lookup away.
        numbers = dict(objective.objects.values_list("pk", "number"))
        facets["objective"] = {numbers.get(k, k): n for k, n in results.facet("objectives").items()}
        return Answer(ids, results.count(), facets)


# ---------------------------------------------------------------- machina's own search: haystack + Whoosh

_HAYSTACK = {}


def haystack_index():
    """machina's PostIndex with the contribution's fields, registered alone with haystack."""
    if "index" in _HAYSTACK:
        return _HAYSTACK["index"]
    from haystack import connections, indexes
    from machina.apps.forum_search.search_indexes import PostIndex

    class ContributionPostIndex(PostIndex):
        # Multi-valued fields are Whoosh KEYWORD fields: exact, filterable, facetable.
        region = indexes.MultiValueField()
        language = indexes.MultiValueField()
        kind = indexes.MultiValueField()
        objectives = indexes.MultiValueField()

        def prepare_region(self, obj):
            return [obj.contribution.space.region.slug]

        def prepare_language(self, obj):
            return [obj.contribution.language]

        def prepare_kind(self, obj):
            return [obj.contribution.kind]

        def prepare_objectives(self, obj):
            return [str(o.number) for o in obj.contribution.objectives.all()]

        def index_queryset(self, using=None):
            return (
                super()
                .index_queryset(using)
                .filter(contribution__isnull=False, topic__approved=True)
                .select_related("topic__forum", "poster", "contribution__space__region")
                .prefetch_related("contribution__objectives")
            )

    index = ContributionPostIndex()
    connections["default"].get_unified_index().build(indexes=[index])
    _HAYSTACK["index"] = index
    return index


def configure_haystack(path):
    """Point haystack's default connection at a Whoosh directory (settings or not, e.g. under pytest)."""
    from django.conf import settings

    info = {"ENGINE": "haystack.backends.whoosh_backend.WhooshEngine", "PATH": str(path)}
    if not hasattr(settings, "HAYSTACK_CONNECTIONS"):
        settings.HAYSTACK_CONNECTIONS = {"default": info}
    from haystack import connections

    connections.connections_info["default"] = info
    connections.reload("default")
    _HAYSTACK.clear()


class Haystack:
    name = "haystack"

    def __init__(self, path, reuse=False):
        self.path = Path(path)
        self.reuse = reuse
        self.reused = False

    @staticmethod
    def stamp(rows):
        return {
            "documents": len(rows),
            "last id": max((r["id"] for r in rows), default=None),
            "ids": sum(r["id"] for r in rows),
            "newest": max((r["created"] for r in rows), default=None).isoformat() if rows else None,
        }

    def build(self, rows, batch=5000):
        """Index the rows through haystack (Whoosh indexes ~100–300 posts/s here: ``reuse`` keeps
        an index of the same rows, recognised by its stamp file)."""
        configure_haystack(self.path)
        stamp_file = self.path / "bench-stamp.json"
        if self.reuse and stamp_file.exists() and json.loads(stamp_file.read_text()) == self.stamp(rows):
            self.reused = True
            return
        # An index whose building was interrupted (no stamp yet) goes on: only
        # the rows it lacks are indexed. Anything else starts afresh.
        done = self.indexed_ids() if self.reuse and not stamp_file.exists() else set()
        if not done:
            shutil.rmtree(self.path, ignore_errors=True)
        index = haystack_index()
        from haystack import connections

        backend = connections["default"].get_backend()
        backend.setup()
        queryset = index.index_queryset().order_by("pk")
        ids = [r["id"] for r in rows if r["id"] not in done]
        for start in range(0, len(ids), batch):
            self._add(backend, index, queryset.filter(pk__in=ids[start : start + batch]))
        backend.index.refresh().optimize()  # one segment to search, as a maintained index has
        stamp_file.write_text(json.dumps(self.stamp(rows)))

    @staticmethod
    def _add(backend, index, posts):
        """haystack's ``WhooshSearchBackend.update``, adding documents instead of updating them.

        Every row is new to the index, and Whoosh's ``update_document`` opens
        each segment of the index to delete an older copy first: 86 % of the
        time, and the 100k build had fallen to about 5 posts/s past 50,000.
        The documents are the same as ``update`` writes (``full_prepare``).
        """
        from whoosh.writing import AsyncWriter

        backend.index = backend.index.refresh()
        writer = AsyncWriter(backend.index)
        for post in posts:
            document = {key: backend._from_python(value) for key, value in index.full_prepare(post).items()}
            document.pop("boost", None)  # as update: Whoosh takes no document boost
            writer.add_document(**document)
        writer.commit()

    def indexed_ids(self):
        """Post ids a Whoosh index left by an interrupted build holds (its stale write lock removed)."""
        try:
            import whoosh.index

            (self.path / "MAIN_WRITELOCK").unlink(missing_ok=True)
            with whoosh.index.open_dir(str(self.path)).searcher() as searcher:
                return {int(fields["django_id"]) for fields in searcher.all_stored_fields()}
        except Exception:  # no index there, or an unreadable one: start afresh
            return set()

    def search(self, ask):
        from haystack.inputs import AutoQuery, Exact
        from haystack.query import SearchQuerySet

        index = haystack_index()
        sqs = SearchQuerySet().models(index.get_model()).filter(content=AutoQuery(ask.text))
        if ask.region:
            sqs = sqs.filter(region=Exact(ask.region))
        if ask.objective:
            sqs = sqs.filter(objectives=Exact(str(ask.objective)))
        if ask.newest:
            sqs = sqs.order_by("-created")
        for facet in ("region", "language", "kind", "objectives"):
            sqs = sqs.facet(facet)
        ids = [int(result.pk) for result in sqs[: ask.size]]
        fields = sqs.facet_counts().get("fields", {})
        facets = {
            name: dict(fields.get(key, []))
            for name, key in (
                ("region", "region"),
                ("language", "language"),
                ("type", "kind"),
                ("objective", "objectives"),
            )
        }
        return Answer(ids, sqs.count(), facets)


def peers(whoosh_path, reuse=False):
    return [Haystack(whoosh_path, reuse), Wagtail(), Fts5()]


# ---------------------------------------------------------------- timing


def plain_words_only(corpus):
    """Keep in ``corpus`` the product's index terms that are also words as typed (in the plain
    FTS5 table as they are) of four letters or more, so no peer is asked a stem it never indexed."""
    cursor = corpus.cursor
    cursor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_peers_vocab USING fts5vocab(main, {Fts5.table}, row)"
    )
    cursor.execute("SELECT term FROM temp.bench_peers_vocab")
    plain = {row[0] for row in cursor.fetchall()}
    corpus.vocabulary = [
        row for row in corpus.vocabulary if row[0] in plain and row[0].isalpha() and len(row[0]) > 3
    ]


def pick_asks(corpus):
    plain_words_only(corpus)
    mid = corpus.near(0.03)
    region, objective = corpus.common_filters(mid)
    return {
        "rare": Ask(corpus.near(0.0003)),
        "mid": Ask(mid),
        "broad": Ask(corpus.broadest()),
        "two words AND": Ask(f"{mid} {corpus.partner(mid)}"),
        "mid + region + objective": Ask(mid, region=region, objective=int(objective)),
        "mid, newest first": Ask(mid, newest=True),
    }


class TimedOut(Exception):
    pass


class deadline:
    """Interrupt SQLite statements (all systems but Whoosh run on it) once ``seconds`` have passed."""

    def __init__(self, seconds):
        self.seconds = seconds

    def __enter__(self):
        from django.db import connection

        connection.ensure_connection()
        self.raw = connection.connection
        end = time.perf_counter() + self.seconds
        self.raw.set_progress_handler(lambda: int(time.perf_counter() > end), 100_000)

    def __exit__(self, kind, value, traceback):
        self.raw.set_progress_handler(None, 0)
        if value is not None and "interrupted" in str(value):
            raise TimedOut from value


def time_system(system, ask, reps, budget, timeout):
    """Warm-up, then up to ``reps`` timed calls, stopping once ``budget`` seconds are spent
    (after at least 3). A slow system (first call over a tenth of ``budget``) is warmed up
    by that call only; a first call over ``budget`` is the only one timed; a call is stopped
    after ``timeout`` seconds (``TimedOut``)."""
    times, began, warm_up = [], time.perf_counter(), WARM_UP
    for i in range(WARM_UP + reps):
        getattr(system, "prepare", lambda: None)()
        start = time.perf_counter()
        with deadline(timeout):
            answer = system.search(ask)
        elapsed = time.perf_counter() - start
        if i == 0 and elapsed > budget:
            return answer, [elapsed * 1000]
        if i == 0 and elapsed > budget / 10:
            warm_up = 1
        if i >= warm_up:
            times.append(elapsed * 1000)
            if len(times) >= 3 and time.perf_counter() - began > budget:
                break
        if len(times) == reps:
            break
    return answer, times


# ---------------------------------------------------------------- labelled sets


def labelled_sets():
    """{set name: (documents, queries)}: documents as dicts (key, subject, text, language, kind),
    queries as dicts (text, targets: document keys)."""
    from tests import test_search_analysis as analysis_tests

    sets = {}
    variants = {
        "ar": analysis_tests.ARABIC_VARIANTS,
        "fr": analysis_tests.test_french_stemming.pytestmark[0].args[1],
        "en": analysis_tests.test_english_stemming.pytestmark[0].args[1],
    }
    for language, pairs in variants.items():
        documents = {
            b: {"key": b, "subject": b, "text": b, "language": language, "kind": "comment"} for _a, b in pairs
        }
        targets = defaultdict(set)
        for a, b in pairs:
            targets[a].add(b)
        sets[f"variants {language}"] = (
            list(documents.values()),
            [{"text": a, "targets": keys} for a, keys in targets.items()],
        )
    data = json.loads((ROOT / "tests" / "data" / "crosslanguage_set.json").read_text(encoding="utf-8"))
    by_concept = defaultdict(list)
    for item in data["contributions"]:
        by_concept[item["concept"]].append(item)
    sets["cross-language"] = (
        data["contributions"],
        [
            {
                "text": q["text"],
                "targets": {i["key"] for i in by_concept[q["concept"]] if i["language"] != q["language"]},
            }
            for q in data["queries"]
        ],
    )
    return sets


def measure_labelled(whoosh_root):
    """recall@10 per set and system: each set saved alone (then rolled back) and indexed in every system."""
    from django.db import transaction

    from tests.search_corpus import contribute

    class Rollback(Exception):
        pass

    systems = [Product(), Product(cross_language=False), *peers(whoosh_root)]
    names = ["product", "product, cross-language off", "haystack", "wagtail", "fts5"]
    Wagtail.create_tables()
    recall = defaultdict(dict)
    for set_name, (documents, queries) in labelled_sets().items():
        try:
            with transaction.atomic():
                keys = {}
                for item in documents:
                    post = contribute(
                        item["text"], subject=item["subject"], language=item["language"], kind=item["kind"]
                    )
                    keys[post.pk] = item["key"]
                rows = contribution_rows()
                for system, name in zip(systems, names, strict=True):
                    system.build(rows)
                    found = wanted = 0
                    for q in queries:
                        getattr(system, "prepare", lambda: None)()
                        top = {keys.get(i) for i in system.search(Ask(q["text"], size=10)).ids[:10]}
                        found += len(top & q["targets"])
                        wanted += len(q["targets"])
                    recall[name][set_name] = found / wanted
                raise Rollback
        except Rollback:
            pass
    return recall


def labelled_database(env):
    """The scratch database the labelled sets are saved in (made once: migrate, site, thesaurus)."""
    database = (BENCH / LABELLED_DATABASE).resolve()
    env = {**env, "DATABASE_URL": f"sqlite:///{database}"}
    if not database.exists():
        run_command(["migrate", "--no-input", "-v", "0"], env)
        run_command(["setup_site", "--no-staff"], env)
        run_command(["load_taxonomy"], env)
    return env


def labelled_in_subprocess(env):
    """recall@10 measured by this script with --labelled, on its own database."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--labelled"],
        cwd=ROOT,
        env=labelled_database(env),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- report


def table(report):
    lines = []
    systems = report["systems"]
    head = (
        f"{'class':<25}{'query':<22}{'system':<10}{'matches':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p95 ÷ product':>15}{'reps':>6}"
    )
    lines.append(head)
    lines.append("-" * len(head))
    for label in CLASSES:
        row = report["classes"][label]
        query = row["query"] + (f" r={row['region']} o={row['objective']}" if row.get("region") else "")
        for n, s in enumerate(systems):
            t = row["systems"][s]
            first = f"{label:<25}{query[:21]:<22}" if n == 0 else " " * 47
            if t["p95"] is None:
                lines.append(f"{first}{s:<10}{'':>9}  stopped after {t['timed_out']:.0f} s")
                continue
            ratio = "" if s == "product" else f"{t['ratio_p95']:.2f}"
            lines.append(
                f"{first}{s:<10}{t['total']:>9,}{t['p50']:>9.1f}{t['p95']:>9.1f}{ratio:>15}{t['reps']:>6}"
            )
    lines.append("")
    lines.append("recall@10 on the labelled sets (each indexed alone in every system)")
    sets = list(next(iter(report["recall"].values())))
    head = f"{'system':<30}" + "".join(f"{s:>16}" for s in sets)
    lines.append(head)
    lines.append("-" * len(head))
    for name, values in report["recall"].items():
        lines.append(f"{name:<30}" + "".join(f"{values[s]:>16.2f}" for s in sets))
    lines.append("")
    lines.append("facets computed on every timed query:")
    lines.extend(f"  {s}: {FACETS[s]}" for s in systems)
    lines.append(
        "index build (s): "
        + ", ".join(f"{s} {v}" for s, v in report["build_seconds"].items())
        + f"; {report['documents']:,} contributions"
    )
    lines.append(
        "run (s): " + ", ".join(f"{name} {value}" for name, value in report["phases_seconds"].items())
    )
    lines.append(
        f"load average (1 min) before {report['load_before']:.2f}, after {report['load_after']:.2f} "
        f"({os.cpu_count()} CPUs, shared: figures are upper bounds)"
    )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument(
        "--reuse", action="store_true", help="keep a database that already has --size contributions"
    )
    parser.add_argument("--reps", type=int, default=30, help="timed repetitions per class (after 3 warm-up)")
    parser.add_argument(
        "--budget", type=float, default=2.0, help="seconds per system and class before stopping at 3+ reps"
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before one search is stopped")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", type=Path, help="an existing seeded SQLite database to use as it is")
    parser.add_argument(
        "--peers",
        default="haystack,wagtail,fts5",
        help="the peers to compare, comma-separated (Whoosh indexes ~50-300 posts/s: leave out haystack "
        "on a large corpus whose Whoosh index is not yet built)",
    )
    parser.add_argument("--labelled", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    BENCH.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DEBUG": "0"}
    if args.labelled:  # the child: DATABASE_URL is the labelled database
        env["BENCH_WHOOSH_PATH"] = str(BENCH / "whoosh-labelled")
        setup_django(env)
        from django.core.management import call_command

        call_command("migrate", "--no-input", verbosity=0)  # a kept database gets today's schema
        print(json.dumps(measure_labelled(BENCH / "whoosh-labelled")))
        return

    database = (args.database or BENCH / f"search-{args.size}.sqlite3").resolve()
    env["DATABASE_URL"] = f"sqlite:///{database}"
    load_before = os.getloadavg()[0]
    print(f"Search peers benchmark: {database}")
    print(f"CPUs {os.cpu_count()}, load average at start {'/'.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.database:
        print("existing database, used as it is")
    elif args.reuse and contribution_count(env) == args.size:
        print(f"reusing the database of {args.size:,} contributions (not seeded again)")
    else:
        build(database, args.size, args.seed, {**env, "DJANGO_SETTINGS_MODULE": "siteconf.settings.dev"})

    phases, started = {}, time.perf_counter()
    recall = labelled_in_subprocess(env)
    phases["labelled sets"] = time.perf_counter() - started

    whoosh = BENCH / f"whoosh-{database.stem.removeprefix('search-')}"
    env["BENCH_WHOOSH_PATH"] = str(whoosh)
    setup_django(env)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", "--no-input", verbosity=0)
    rows = contribution_rows()
    chosen = set(args.peers.split(","))
    systems = [
        Product(),
        *(p for p in peers(whoosh, reuse=args.reuse or bool(args.database)) if p.name in chosen),
    ]
    Wagtail.create_tables()
    build_seconds = {}
    for system in systems:
        start = time.perf_counter()
        system.build(rows)
        seconds = time.perf_counter() - start
        build_seconds[system.name] = "reused" if getattr(system, "reused", False) else f"{seconds:.1f}"
    build_seconds["product"] = "seeding (search_embedded)"
    asks = pick_asks(Corpus(connection))
    phases["indexing the corpus, picking terms"] = time.perf_counter() - started - sum(phases.values())

    for system in systems:  # a process's first search builds caches (the product's thesaurus): not timed
        with contextlib.suppress(TimedOut), deadline(args.timeout):
            system.search(asks["rare"])
    load_mid = os.getloadavg()[0]
    classes = {}
    for label in CLASSES:
        ask = asks[label]
        entry = {
            "query": ask.text,
            "region": ask.region,
            "objective": ask.objective,
            "newest": ask.newest,
            "systems": {},
        }
        for system in systems:
            try:
                answer, times = time_system(system, ask, args.reps, args.budget, args.timeout)
            except TimedOut:
                entry["systems"][system.name] = {
                    "timed_out": args.timeout,
                    "reps": 0,
                    "p50": None,
                    "p95": None,
                }
                continue
            entry["systems"][system.name] = {
                "p50": statistics.median(times),
                "p95": percentile(times, 95),
                "reps": len(times),
                "total": answer.total,
                "facets": sorted(answer.facets),
            }
        product_p95 = entry["systems"]["product"]["p95"]
        for t in entry["systems"].values():
            t["ratio_p95"] = t["p95"] / product_p95 if t["p95"] is not None and product_p95 else None
        classes[label] = entry
    phases["timing"] = time.perf_counter() - started - sum(phases.values())
    report = {
        "phases_seconds": {name: round(value, 1) for name, value in phases.items()},
        "database": str(database),
        "documents": len(rows),
        "systems": [system.name for system in systems],
        "classes": classes,
        "recall": recall,
        "facets": FACETS,
        "build_seconds": build_seconds,
        "load_before": load_before,
        "load_before_queries": load_mid,
        "load_after": os.getloadavg()[0],
        "reps": args.reps,
    }
    print()
    print(table(report))
    out = BENCH / f"search-peers-{args.size}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
