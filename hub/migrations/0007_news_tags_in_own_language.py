"""Point translated news stories' tags at the rows of their own language.

Until now wagtail-localize copied a story's tags to its translations as they
were, so an Arabic story was tagged with English regions and objectives; the
editor's form now offers a page's own language's rows only, and would have
shown those tags as unset.
"""

from django.db import migrations


def tags_in_own_language(apps, schema_editor):
    NewsPage = apps.get_model("hub", "NewsPage")
    for model_name, field in (("Region", "regions"), ("GcmObjective", "objectives")):
        Term = apps.get_model("hub", model_name)
        rows = {(t.translation_key, t.locale_id): t.pk for t in Term.objects.all()}
        Through = getattr(NewsPage, field).through
        term_column = f"{Term._meta.model_name}_id"
        for link in Through.objects.select_related("newspage", f"{Term._meta.model_name}"):
            page_locale = link.newspage.locale_id
            term = getattr(link, Term._meta.model_name)
            target = rows.get((term.translation_key, page_locale))
            if target is not None and target != term.pk:
                if Through.objects.filter(newspage_id=link.newspage_id, **{term_column: target}).exists():
                    link.delete()
                else:
                    setattr(link, term_column, target)
                    link.save()


class Migration(migrations.Migration):
    dependencies = [("hub", "0006_paper_blocks_read_the_frozen_set")]

    operations = [migrations.RunPython(tags_in_own_language, migrations.RunPython.noop)]
