"""The full-text index beside ``search_contributiondocument``, per database.

SQLite: an FTS5 external-content table over ``terms`` (rowid = post id), kept
in step by triggers. The terms are already analysed in Python
(``search.analysis``), so the tokenizer only splits on spaces: no diacritic
removal (``remove_diacritics 0``), and combining marks count as letters so
FTS5 never cuts a term the analysis kept whole.

PostgreSQL: a stored ``tsvector`` of ``terms`` with the ``simple``
configuration (no stemming or stop words: again, the analysis is done) and a
GIN index.
"""

from hub.core.schema import execute_for_vendor
from search import stamp

# ruff: noqa: S608 — only this module's own table names are formatted into the SQL.

DOCUMENTS = "search_contributiondocument"
FTS = "search_contributionfts"

SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE {FTS} USING fts5(
        terms, content='{DOCUMENTS}', content_rowid='post_id',
        tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
    )""",
    f"""CREATE TRIGGER {DOCUMENTS}_fts_insert AFTER INSERT ON {DOCUMENTS} BEGIN
        INSERT INTO {FTS}(rowid, terms) VALUES (new.post_id, new.terms);
    END""",
    f"""CREATE TRIGGER {DOCUMENTS}_fts_delete AFTER DELETE ON {DOCUMENTS} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, terms) VALUES ('delete', old.post_id, old.terms);
    END""",
    # Only a change of the text touches the full-text index; approving a post
    # or moving its topic updates filter columns alone.
    f"""CREATE TRIGGER {DOCUMENTS}_fts_update AFTER UPDATE OF terms ON {DOCUMENTS} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, terms) VALUES ('delete', old.post_id, old.terms);
        INSERT INTO {FTS}(rowid, terms) VALUES (new.post_id, new.terms);
    END""",
    # Rows that existed before the table (none on a fresh install).
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {DOCUMENTS}_fts_insert",
    f"DROP TRIGGER IF EXISTS {DOCUMENTS}_fts_delete",
    f"DROP TRIGGER IF EXISTS {DOCUMENTS}_fts_update",
    f"DROP TABLE IF EXISTS {FTS}",
]

POSTGRES_CREATE = [
    f"""ALTER TABLE {DOCUMENTS} ADD COLUMN terms_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED""",
    f"CREATE INDEX {DOCUMENTS}_terms_gin ON {DOCUMENTS} USING gin (terms_vector)",
]
POSTGRES_DROP = [
    f"DROP INDEX IF EXISTS {DOCUMENTS}_terms_gin",
    f"ALTER TABLE {DOCUMENTS} DROP COLUMN IF EXISTS terms_vector",
]


def create(apps, schema_editor):
    execute_for_vendor(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def drop(apps, schema_editor):
    execute_for_vendor(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


def integrity_problems(connection):
    """FTS5's own check that its index matches the documents' terms."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        try:
            cursor.execute(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('integrity-check', 1)")
        except Exception as error:  # reported, not raised: verify lists problems
            return [f"full-text index: {error}"]
    return []


def truncate(connection):
    """Empty the documents and the full-text index in one transaction.

    On SQLite the triggers would delete from FTS5 row by row; instead they
    are dropped, FTS5 is emptied at once ('delete-all') and they are made
    again, all inside the caller's transaction, so no writer ever sees the
    table without them.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in SQLITE_DROP[:3]:
                cursor.execute(statement)
            stamp.suspend_index_triggers(cursor)
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('delete-all')")
            cursor.execute("DELETE FROM search_documentobjective")
            cursor.execute(f"DELETE FROM {DOCUMENTS}")
            for statement in SQLITE_CREATE[1:4]:
                cursor.execute(statement)
            stamp.resume_index_triggers(cursor)
        elif connection.vendor == "postgresql":
            # Deferred foreign-key checks pending in this transaction would make TRUNCATE refuse.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE search_documentobjective, {DOCUMENTS}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute("DELETE FROM search_documentobjective")
            cursor.execute(f"DELETE FROM {DOCUMENTS}")
