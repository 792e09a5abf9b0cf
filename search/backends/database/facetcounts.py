"""How many visible documents of each space carry each facet value, kept by triggers.

Browsing every contribution newest first (no words, no filter) is what the
search page opens on. Counting its facets and its total from the documents
read the whole index on every call: at a million contributions, hundreds of
milliseconds, and facets capped to the newest matches. This table holds the
exact counts instead, per space (``forum_id``), dimension and value, and a
browse sums the rows of the spaces the reader may read.

The counts are kept by database triggers on ``search_contributiondocument``
and ``search_documentobjective``, like the full-text index
(``fulltext``): whatever path changes a document (ORM, cascade, raw SQL),
its old values are taken off and its new ones added. Only visible
documents count. A value that falls to zero keeps its row at 0 and is not
shown. ``recount`` rebuilds the whole table from the documents (the
migration that made it, and ``search_index sync`` when ``differences``
finds any).
"""

from hub.core.schema import execute_for_vendor
from search.backends.database.fulltext import DOCUMENTS

# ruff: noqa: S608 — only this module's own table and column names are formatted into the SQL.

TABLE = "search_facetcount"
OBJECTIVES = "search_documentobjective"
TOTAL = "_total"

# Dimension → the value of a document row ``{row}`` as text, as the facet statement reads it.
_DOCUMENT_VALUES = {
    TOTAL: "''",
    "region": "COALESCE({row}.region, '')",
    "topic": "CAST({row}.topic_id AS TEXT)",
    "group": "COALESCE({row}.stakeholder_group, '')",
    "country": "COALESCE({row}.country, '')",
    "language": "{row}.language",
    "type": "{row}.type",
    "has_attachment": "CASE WHEN {row}.has_attachment THEN 'true' ELSE 'false' END",
}
# A change to any other column (the terms, the time it was indexed) changes no count.
_COUNTED_COLUMNS = (
    "visible, forum_id, region, topic_id, stakeholder_group, country, language, type, has_attachment"
)
_UPSERT = "ON CONFLICT (forum_id, dimension, value) DO UPDATE SET documents = {table}.documents + 1"


def _values(row):
    """SELECT of (dimension, value) for every count the document ``row`` is in, objectives included."""
    selects = [
        f"SELECT '{name}' AS dimension, {value.format(row=row)} AS value"
        for name, value in _DOCUMENT_VALUES.items()
    ]
    selects.append(
        f"SELECT 'objective', CAST(number AS TEXT) FROM {OBJECTIVES} WHERE document_id = {row}.post_id"
    )
    return " UNION ALL ".join(selects)


def _take_off(row):
    return (
        f"UPDATE {TABLE} SET documents = documents - 1 WHERE forum_id = {row}.forum_id"
        f" AND (dimension, value) IN ({_values(row)})"
    )


def _add(row):
    return (
        f"INSERT INTO {TABLE} (forum_id, dimension, value, documents)"
        f" SELECT {row}.forum_id, v.dimension, v.value, 1 FROM ({_values(row)}) v"
        # WHERE: SQLite reads an upsert's SELECT without one as a join's ON.
        f" WHERE {row}.visible ORDER BY v.dimension, v.value {_UPSERT.format(table=TABLE)}"
    )


def _objective_take_off(row):
    return (
        f"UPDATE {TABLE} SET documents = documents - 1 WHERE dimension = 'objective'"
        f" AND value = CAST({row}.number AS TEXT) AND forum_id IN"
        f" (SELECT forum_id FROM {DOCUMENTS} WHERE post_id = {row}.document_id AND visible)"
    )


def _objective_add(row):
    return (
        f"INSERT INTO {TABLE} (forum_id, dimension, value, documents)"
        f" SELECT d.forum_id, 'objective', CAST({row}.number AS TEXT), 1 FROM {DOCUMENTS} d"
        f" WHERE d.post_id = {row}.document_id AND d.visible {_UPSERT.format(table=TABLE)}"
    )


SQLITE_TRIGGERS = {
    f"{TABLE}_document_insert": f"AFTER INSERT ON {DOCUMENTS} WHEN new.visible BEGIN {_add('new')}; END",
    f"{TABLE}_document_delete": f"AFTER DELETE ON {DOCUMENTS} WHEN old.visible BEGIN {_take_off('old')}; END",
    f"{TABLE}_document_update": (
        f"AFTER UPDATE OF {_COUNTED_COLUMNS} ON {DOCUMENTS} WHEN old.visible OR new.visible BEGIN"
        f" {_take_off('old')} AND old.visible; {_add('new')}; END"
    ),
    f"{TABLE}_objective_insert": f"AFTER INSERT ON {OBJECTIVES} BEGIN {_objective_add('new')}; END",
    f"{TABLE}_objective_delete": f"AFTER DELETE ON {OBJECTIVES} BEGIN {_objective_take_off('old')}; END",
    f"{TABLE}_objective_update": (
        f"AFTER UPDATE ON {OBJECTIVES} BEGIN {_objective_take_off('old')}; {_objective_add('new')}; END"
    ),
}
SQLITE_CREATE = [f"CREATE TRIGGER {name} {body}" for name, body in SQLITE_TRIGGERS.items()]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]

POSTGRES_CREATE = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_document() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' AND OLD.visible THEN {_take_off("OLD")}; END IF;
        IF TG_OP <> 'DELETE' AND NEW.visible THEN {_add("NEW")}; END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_objective() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN {_objective_take_off("OLD")}; END IF;
        IF TG_OP <> 'DELETE' THEN {_objective_add("NEW")}; END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER {TABLE}_document AFTER INSERT OR DELETE OR UPDATE OF {_COUNTED_COLUMNS}
        ON {DOCUMENTS} FOR EACH ROW EXECUTE FUNCTION {TABLE}_document()""",
    f"""CREATE TRIGGER {TABLE}_objective AFTER INSERT OR DELETE OR UPDATE
        ON {OBJECTIVES} FOR EACH ROW EXECUTE FUNCTION {TABLE}_objective()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_document ON {DOCUMENTS}",
    f"DROP TRIGGER IF EXISTS {TABLE}_objective ON {OBJECTIVES}",
    f"DROP FUNCTION IF EXISTS {TABLE}_document()",
    f"DROP FUNCTION IF EXISTS {TABLE}_objective()",
]


def _counted():
    """SELECT of (forum_id, dimension, value, documents) as the documents hold them now."""
    selects = [
        f"SELECT d.forum_id, '{name}' AS dimension, {value.format(row='d')} AS value FROM {DOCUMENTS} d"
        " WHERE d.visible"
        for name, value in _DOCUMENT_VALUES.items()
    ]
    selects.append(
        f"SELECT d.forum_id, 'objective', CAST(o.number AS TEXT) FROM {OBJECTIVES} o"
        f" JOIN {DOCUMENTS} d ON d.post_id = o.document_id WHERE d.visible"
    )
    return (
        f"SELECT forum_id, dimension, value, count(*) FROM ({' UNION ALL '.join(selects)}) c"
        " GROUP BY forum_id, dimension, value"
    )


def recount(cursor):
    """Every count again from the documents, in the caller's transaction."""
    cursor.execute(f"DELETE FROM {TABLE}")
    cursor.execute(f"INSERT INTO {TABLE} (forum_id, dimension, value, documents) {_counted()}")


def differences(cursor):
    """The counts the table holds wrong, as (forum, dimension, value, held, counted)."""
    cursor.execute(f"SELECT forum_id, dimension, value, documents FROM {TABLE} WHERE documents <> 0")
    held = {row[:3]: row[3] for row in cursor.fetchall()}
    cursor.execute(_counted())
    counted = {row[:3]: row[3] for row in cursor.fetchall()}
    return sorted(
        (*key, held.get(key, 0), counted.get(key, 0))
        for key in held.keys() | counted.keys()
        if held.get(key, 0) != counted.get(key, 0)
    )


def read(cursor, forum_ids):
    """{dimension: [(value, documents)]} and the total, summed over the spaces ``forum_ids``."""
    forum_ids = sorted(int(forum_id) for forum_id in forum_ids)
    cursor.execute(
        f"SELECT dimension, value, sum(documents) FROM {TABLE}"
        f" WHERE forum_id IN ({', '.join(['%s'] * len(forum_ids))})"
        " GROUP BY dimension, value HAVING sum(documents) > 0",
        forum_ids,
    )
    counts, total = {}, 0
    for dimension, value, documents in cursor.fetchall():
        if dimension == TOTAL:
            total = int(documents)
        else:
            counts.setdefault(dimension, []).append((value, int(documents)))
    return counts, total


def suspend(cursor, vendor):
    """Before emptying the index: the SQLite triggers dropped (else each row would be counted off)."""
    if vendor == "sqlite":
        for statement in SQLITE_DROP:
            cursor.execute(statement)


def resume(cursor, vendor):
    """After emptying (same transaction): no counts, and the triggers back for what is indexed next."""
    cursor.execute(f"DELETE FROM {TABLE}")
    if vendor == "sqlite":
        for statement in SQLITE_CREATE:
            cursor.execute(statement)


def create(apps, schema_editor):
    """The triggers, and the counts of the documents already there (a migration's forward step)."""
    if execute_for_vendor(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}):
        with schema_editor.connection.cursor() as cursor:
            recount(cursor)


def drop(apps, schema_editor):
    execute_for_vendor(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})
