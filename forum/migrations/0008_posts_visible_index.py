"""An index on machina's posts that answers "which posts of these topics are
public, and when" without reading the posts themselves.

The participation dashboard reads every public contribution of a selection
(``hub.participation.counts``), joined to its post for the approval, the day
and the author. Reading those from the posts table costs a row lookup per
contribution, among posts that hold the whole text; from this index (topic,
approval, date, author, and the row id every SQLite and PostgreSQL index
carries) the rows come in order of topic, without touching the table: at
100,000 contributions, 0.18 s become 0.02 s on SQLite. machina's migrations are
left as they are, so the index is added here, where its reader lives.
"""

from django.db import migrations

INDEX = "forum_conversation_post_visible"


class Migration(migrations.Migration):
    dependencies = [
        ("regional_forum", "0007_opaque_usernames"),
        ("forum_conversation", "0013_auto_20201220_1745"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX}"
            " ON forum_conversation_post (topic_id, approved, created, poster_id)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
