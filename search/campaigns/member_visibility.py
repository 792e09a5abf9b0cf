"""Each campaign member's space and whether anyone may read it, copied by triggers.

A campaign's size counts only the copies a reader may read
(``lookup.campaigns_of``): approved posts of approved topics
(``forum.visibility.public_posts``) in the spaces the reader may read.
Joining each member to its post and topic to count that cost tens of
milliseconds per page at a million contributions, where one campaign can
have thousands of copies. So each ``search_campaignmember`` row carries its
post's ``forum_id`` and ``visible`` (post approved and topic approved), and
the count reads one index.

Database triggers keep the copy, whatever path changes it: a member
written (its values looked up), a post held, approved or moved to another
topic, a topic held, approved or moved to another space.
"""

from hub.core.schema import execute_for_vendor

# ruff: noqa: S608 — only machina's and this app's table names are formatted into the SQL.

MEMBERS = "search_campaignmember"
POSTS = "forum_conversation_post"
TOPICS = "forum_conversation_topic"

_OF_POST = f"FROM {POSTS} p JOIN {TOPICS} t ON t.id = p.topic_id WHERE p.id = {MEMBERS}.post_id"
_SET_FROM_POST = (
    f"forum_id = (SELECT t.forum_id {_OF_POST}), visible = (SELECT p.approved AND t.approved {_OF_POST})"
)

SQLITE_TRIGGERS = {
    f"{MEMBERS}_visibility_insert": (
        f"AFTER INSERT ON {MEMBERS} BEGIN"
        f" UPDATE {MEMBERS} SET {_SET_FROM_POST} WHERE post_id = new.post_id; END"
    ),
    f"{MEMBERS}_visibility_post": (
        f"AFTER UPDATE OF approved, topic_id ON {POSTS}"
        " WHEN old.approved IS NOT new.approved OR old.topic_id IS NOT new.topic_id BEGIN"
        f" UPDATE {MEMBERS} SET {_SET_FROM_POST} WHERE post_id = new.id; END"
    ),
    f"{MEMBERS}_visibility_topic": (
        f"AFTER UPDATE OF approved, forum_id ON {TOPICS}"
        " WHEN old.approved IS NOT new.approved OR old.forum_id IS NOT new.forum_id BEGIN"
        f" UPDATE {MEMBERS} SET {_SET_FROM_POST}"
        f" WHERE post_id IN (SELECT id FROM {POSTS} WHERE topic_id = new.id); END"
    ),
}
SQLITE_CREATE = [f"CREATE TRIGGER {name} {body}" for name, body in SQLITE_TRIGGERS.items()]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]

POSTGRES_CREATE = [
    f"""CREATE OR REPLACE FUNCTION {MEMBERS}_visibility_member() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        SELECT t.forum_id, p.approved AND t.approved INTO NEW.forum_id, NEW.visible
        FROM {POSTS} p JOIN {TOPICS} t ON t.id = p.topic_id WHERE p.id = NEW.post_id;
        RETURN NEW;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION {MEMBERS}_visibility_post() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {MEMBERS} SET {_SET_FROM_POST} WHERE post_id = NEW.id;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION {MEMBERS}_visibility_topic() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {MEMBERS} SET {_SET_FROM_POST}
        WHERE post_id IN (SELECT id FROM {POSTS} WHERE topic_id = NEW.id);
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER {MEMBERS}_visibility_member BEFORE INSERT OR UPDATE OF post_id ON {MEMBERS}
        FOR EACH ROW EXECUTE FUNCTION {MEMBERS}_visibility_member()""",
    f"""CREATE TRIGGER {MEMBERS}_visibility_post AFTER UPDATE OF approved, topic_id ON {POSTS}
        FOR EACH ROW WHEN (OLD.approved IS DISTINCT FROM NEW.approved
            OR OLD.topic_id IS DISTINCT FROM NEW.topic_id)
        EXECUTE FUNCTION {MEMBERS}_visibility_post()""",
    f"""CREATE TRIGGER {MEMBERS}_visibility_topic AFTER UPDATE OF approved, forum_id ON {TOPICS}
        FOR EACH ROW WHEN (OLD.approved IS DISTINCT FROM NEW.approved
            OR OLD.forum_id IS DISTINCT FROM NEW.forum_id)
        EXECUTE FUNCTION {MEMBERS}_visibility_topic()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS {MEMBERS}_visibility_member ON {MEMBERS}",
    f"DROP TRIGGER IF EXISTS {MEMBERS}_visibility_post ON {POSTS}",
    f"DROP TRIGGER IF EXISTS {MEMBERS}_visibility_topic ON {TOPICS}",
    f"DROP FUNCTION IF EXISTS {MEMBERS}_visibility_member()",
    f"DROP FUNCTION IF EXISTS {MEMBERS}_visibility_post()",
    f"DROP FUNCTION IF EXISTS {MEMBERS}_visibility_topic()",
]


def create(apps, schema_editor):
    """The triggers, and the copy made for the members already there (a migration's forward step)."""
    if execute_for_vendor(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}):
        schema_editor.execute(f"UPDATE {MEMBERS} SET {_SET_FROM_POST}")


def drop(apps, schema_editor):
    execute_for_vendor(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})
