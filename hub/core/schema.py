"""Statements a migration runs on one database engine only (triggers, virtual tables)."""


def execute_for_vendor(schema_editor, statements):
    """Run ``statements[vendor]`` for the schema editor's database; False when none are given for it."""
    chosen = statements.get(schema_editor.connection.vendor)
    if chosen is None:
        return False
    for statement in chosen:
        schema_editor.execute(statement)
    return True
