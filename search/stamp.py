"""Stamps that change whenever what a search depends on changes.

Two things cost a search more than its page of hits: the totals and facet
counts of its matches (at a million contributions a browse counts every
row), and working out which spaces the viewer may read (machina's permission
handler: five ORM queries). Both depend on few tables, so the database
backend caches them under a stamp of those tables:

- the **index** stamp changes with any change to a document or its
  objectives;
- the **permissions** stamp with any change to the forums, machina's
  permission grants or group memberships.

Cached figures are therefore never stale, in any process. The stamps are
written by triggers, never by Python, so no write path — ORM, cascade, bulk
or raw SQL, rebuild — can forget them. Each change writes a fresh value
rather than a counter: a rolled-back transaction restores the old stamp, and
a counter would then hand the next change the number of the rolled-back one,
whose figures may have been cached meanwhile. SQLite takes ``random()``
(64 bits); PostgreSQL a sequence, which never goes back.
"""

# ruff: noqa: S608 — only this module's own table names are formatted into the SQL.

import hashlib
import secrets

from search.backends.database.fulltext import DOCUMENTS

TABLE = "search_stamp"
INDEX, PERMISSIONS = 1, 2
WATCHED = {
    INDEX: (DOCUMENTS, "search_documentobjective"),
    PERMISSIONS: (
        "forum_forum",
        "forum_permission_userforumpermission",
        "forum_permission_groupforumpermission",
        "auth_user_groups",
    ),
}
EVENTS = ("INSERT", "UPDATE", "DELETE")


def _sqlite_create(stamps=(INDEX, PERMISSIONS)):
    return [
        f"CREATE TRIGGER {table}_stamp_{event.lower()} AFTER {event} ON {table} BEGIN"
        f" UPDATE {TABLE} SET value = random() WHERE id = {stamp}; END"
        for stamp in stamps
        for table in WATCHED[stamp]
        for event in EVENTS
    ]


def _sqlite_drop(stamps=(INDEX, PERMISSIONS)):
    return [
        f"DROP TRIGGER IF EXISTS {table}_stamp_{event.lower()}"
        for stamp in stamps
        for table in WATCHED[stamp]
        for event in EVENTS
    ]


def _postgres_create():
    statements = [f"CREATE SEQUENCE {TABLE}_seq"]
    for stamp, tables in WATCHED.items():
        function = f"{TABLE}_renew_{stamp}"
        statements.append(
            f"""CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN UPDATE {TABLE} SET value = nextval('{TABLE}_seq') WHERE id = {stamp}; RETURN NULL; END $$"""
        )
        # One renewal per statement: a bulk insert of a thousand documents costs one update.
        statements += [
            f"CREATE TRIGGER {table}_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            for table in tables
        ]
    return statements


def _postgres_drop():
    statements = [f"DROP TRIGGER IF EXISTS {t}_stamp ON {t}" for tables in WATCHED.values() for t in tables]
    statements += [f"DROP FUNCTION IF EXISTS {TABLE}_renew_{stamp}()" for stamp in WATCHED]
    return [*statements, f"DROP SEQUENCE IF EXISTS {TABLE}_seq"]


def create(apps, schema_editor):
    for stamp in WATCHED:
        schema_editor.execute(f"INSERT INTO {TABLE} (id, value) VALUES ({stamp}, 0)")
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": _sqlite_create(), "postgresql": _postgres_create()}.get(vendor, []):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": _sqlite_drop(), "postgresql": _postgres_drop()}.get(vendor, []):
        schema_editor.execute(statement)


def current(cursor, stamp):
    """The stamp's value now.

    A missing row (``manage.py flush`` empties every table) is put back with
    a fresh value; the triggers renew it from then on.
    """
    cursor.execute(f"SELECT value FROM {TABLE} WHERE id = %s", [stamp])
    row = cursor.fetchone()
    if row is None:
        cursor.execute(
            f"INSERT INTO {TABLE} (id, value) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING",
            [stamp, secrets.randbits(62)],
        )
        cursor.execute(f"SELECT value FROM {TABLE} WHERE id = %s", [stamp])
        row = cursor.fetchone()
    return row[0]


def cache_key(stamp, *parts):
    """A cache key for figures that hold while ``stamp`` keeps its value.

    The database's name is part of it: PostgreSQL sequences start at 1 in
    every database, and sites may share one cache.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        value = current(cursor, stamp)
    described = repr((connection.vendor, connection.settings_dict["NAME"], stamp, value, parts))
    return f"search:{stamp}:" + hashlib.sha256(described.encode()).hexdigest()


def suspend_index_triggers(cursor):
    """Before emptying the index on SQLite: row triggers would renew the stamp once per row."""
    for statement in _sqlite_drop([INDEX]):
        cursor.execute(statement)


def resume_index_triggers(cursor):
    """After emptying: the triggers back, and one renewal for the whole change."""
    for statement in _sqlite_create([INDEX]):
        cursor.execute(statement)
    cursor.execute(f"UPDATE {TABLE} SET value = random() WHERE id = {INDEX}")


def _watch_statements(table, stamp):
    """Triggers that renew ``stamp`` on any change to ``table`` (a table added after 0005)."""
    return {
        "sqlite": [
            f"CREATE TRIGGER {table}_stamp_{event.lower()} AFTER {event} ON {table} BEGIN"
            f" UPDATE {TABLE} SET value = random() WHERE id = {stamp}; END"
            for event in EVENTS
        ],
        "postgresql": [
            f"CREATE TRIGGER {table}_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_renew_{stamp}()"
        ],
    }


def watch(table, stamp):
    """A migration's RunPython pair: ``stamp`` renewed by every change to ``table``."""

    def create_triggers(apps, schema_editor):
        for statement in _watch_statements(table, stamp).get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    def drop_triggers(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements = {
            "sqlite": [f"DROP TRIGGER IF EXISTS {table}_stamp_{event.lower()}" for event in EVENTS],
            "postgresql": [f"DROP TRIGGER IF EXISTS {table}_stamp ON {table}"],
        }
        for statement in statements.get(vendor, []):
            schema_editor.execute(statement)

    return create_triggers, drop_triggers


# ---------------------------------------------------------------- the pages stamp

# The **pages** stamp changes with any change to what a public page may show,
# so that anonymous pages can be served from a cache (hub/page_cache.py)
# without ever showing a hidden post or an unpublished page. It watches every
# table but these, whose rows no public page shows or which change without
# anything shown changing (the search index moves with the posts it copies).
PAGES = 3
PAGES_UNWATCHED = (
    "search_",
    "sqlite_",
    "django_session",
    "django_migrations",
    "django_admin_log",
    "django_tasks_",
    "forum_tracking_",  # read marks: written on every signed-in view
    "wagtailadmin_editingsession",  # pinged every few seconds while an editor is open
    "wagtailimages_rendition",  # made when a page is first shown
    "wagtailsearch_",
    "wagtailcore_pagelogentry",
    "wagtailcore_modellogentry",
)
# Columns written while nothing shown changes: a topic's view count (on every
# view) and a user's last sign-in.
PAGES_UNWATCHED_COLUMNS = {"forum_conversation_topic": {"views_count"}, "auth_user": {"last_login"}}


def pages_watched_tables(connection):
    """Every table the pages stamp watches, with the columns whose update renews it (None: all)."""
    with connection.cursor() as cursor:
        virtual = _virtual_tables(connection, cursor)
        tables = [
            t
            for t in connection.introspection.table_names(cursor)
            if not t.startswith(PAGES_UNWATCHED) and not t.startswith(virtual)
        ]
        watched = {}
        for table in tables:
            unwatched = PAGES_UNWATCHED_COLUMNS.get(table)
            if unwatched:
                columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
                watched[table] = [c for c in columns if c not in unwatched]
            else:
                watched[table] = None
    return watched


def _virtual_tables(connection, cursor):
    """SQLite's virtual tables (full-text indexes), which take no trigger, as
    prefixes that also cover their shadow tables."""
    if connection.vendor != "sqlite":
        return ()
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
    return tuple(name for (name,) in cursor.fetchall())


def _pages_statements(vendor, table, columns):
    quote = '"{}"'.format
    update = f"UPDATE OF {', '.join(quote(c) for c in columns)}" if columns else "UPDATE"
    if vendor == "sqlite":
        statements = []
        for event, clause in (("insert", "INSERT"), ("update", update), ("delete", "DELETE")):
            name = quote(f"{table}_pages_{event}")
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {clause} ON {quote(table)} BEGIN"
                f" UPDATE {TABLE} SET value = random() WHERE id = {PAGES}; END",
            ]
        return statements
    name = quote(f"{table[:50]}_pages")
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {quote(table)}",
        f"CREATE TRIGGER {name} AFTER INSERT OR DELETE OR TRUNCATE OR {update} ON {quote(table)}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_renew_{PAGES}()",
    ]


def watch_pages(connection):
    """Renew the pages stamp on every change to every watched table.

    Run after every ``migrate`` (search.apps), so a table a later migration
    adds is watched without anyone having to remember it.
    """
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    with connection.cursor() as cursor:
        if TABLE not in connection.introspection.table_names(cursor):
            return  # migrated back to before the stamps
        current(cursor, PAGES)
        if connection.vendor == "postgresql":
            renew = f"UPDATE {TABLE} SET value = nextval('{TABLE}_seq') WHERE id = {PAGES}"
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {TABLE}_renew_{PAGES}() RETURNS trigger LANGUAGE plpgsql"
                f" AS $$ BEGIN {renew}; RETURN NULL; END $$"
            )
    for table, columns in pages_watched_tables(connection).items():
        with connection.cursor() as cursor:
            for statement in _pages_statements(connection.vendor, table, columns):
                cursor.execute(statement)
