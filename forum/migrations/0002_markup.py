"""Posts saved before forum.markup existed hold HTML rendered by markdown2's
safe_mode, which has known bypasses; render them again through the sanitiser."""

from django.db import migrations


def rerender(apps, schema_editor):
    from forum.rerender import rerender_stored_markup

    rerender_stored_markup(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("regional_forum", "0001_contributions"),
        ("forum", "0011_auto_20190627_2132"),
        ("forum_conversation", "0013_auto_20201220_1745"),
        ("forum_member", "0005_auto_20200423_1049"),
    ]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
