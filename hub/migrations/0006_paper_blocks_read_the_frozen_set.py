"""Generated papers' charts, recurring terms and quotations name what they show
and read it from the frozen set (hub.papers.frozen_figures), instead of
copying every row into the body: the editor then posts a bounded number of
fields. Existing papers are converted where a block still holds exactly what
its generation counted; a block an analyst changed keeps its own rows (and
still renders them)."""

import json

import wagtail.fields
from django.db import migrations

from hub.papers.convert_body import convert_body


def convert(apps, schema_editor):
    Paper = apps.get_model("hub", "AnalysisPaperPage")
    Generation = apps.get_model("hub", "PaperGeneration")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="hub", model="analysispaperpage").first()
    for page in Paper.objects.exclude(generation=None).iterator():
        generation = Generation.objects.filter(pk=page.generation_id).first()
        if generation is None or not generation.figures:
            continue
        context = (generation.figures, generation.query, generation.comparison_query)
        raw = list(page.body.raw_data)
        converted = convert_body(raw, *context)
        if converted != raw:
            Paper.objects.filter(pk=page.pk).update(body=json.dumps(converted))
        if content_type is None:
            continue
        for revision in Revision.objects.filter(content_type=content_type, object_id=str(page.pk)):
            body = revision.content.get("body")
            if not body:
                continue
            raw = json.loads(body) if isinstance(body, str) else body
            converted = convert_body(raw, *context)
            if converted != raw:
                revision.content["body"] = json.dumps(converted)
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ('hub', '0005_paper_generations'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AlterField(
            model_name='analysispaperpage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 0), ('paragraph', 1), ('key_figures', 7), ('guiding_questions', 11), ('agenda', 22), ('call_to_action', 28), ('documents', 33), ('quotation', 37), ('chart', 44), ('paper_chart', 55), ('cited_quotation', 59), ('key_terms', 67), ('objective_quotations', 69), ('cited_contributions', 72)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'form_classname': 'title', 'label': 'heading', 'max_length': 160, 'template': 'hub/blocks/heading.html'}), 1: ('wagtail.blocks.RichTextBlock', (), {'features': ['h2', 'h3', 'bold', 'italic', 'link', 'document-link', 'ol', 'ul'], 'label': 'paragraph'}), 2: ('wagtail.blocks.CharBlock', (), {'label': 'heading', 'max_length': 120, 'required': False}), 3: ('wagtail.blocks.CharBlock', (), {'help_text': 'For example "200+" or "18".', 'label': 'figure', 'max_length': 20}), 4: ('wagtail.blocks.CharBlock', (), {'label': 'what it counts', 'max_length': 120}), 5: ('wagtail.blocks.StructBlock', [[('figure', 3), ('label', 4)]], {}), 6: ('wagtail.blocks.ListBlock', (5,), {'label': 'figures', 'min_num': 1}), 7: ('wagtail.blocks.StructBlock', [[('heading', 2), ('figures', 6)]], {}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'heading', 'max_length': 160, 'required': False}), 9: ('wagtail.blocks.CharBlock', (), {'max_length': 500}), 10: ('wagtail.blocks.ListBlock', (9,), {'label': 'questions', 'min_num': 1}), 11: ('wagtail.blocks.StructBlock', [[('heading', 8), ('questions', 10)]], {}), 12: ('wagtail.blocks.DateBlock', (), {'label': 'day', 'required': False}), 13: ('wagtail.blocks.TimeBlock', (), {'label': 'starts'}), 14: ('wagtail.blocks.TimeBlock', (), {'label': 'ends'}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'title', 'max_length': 250}), 16: ('wagtail.blocks.CharBlock', (), {'max_length': 200}), 17: ('wagtail.blocks.ListBlock', (16,), {'default': [], 'label': 'speakers', 'required': False}), 18: ('wagtail.blocks.TextBlock', (), {'label': 'description', 'required': False}), 19: ('wagtail.blocks.ListBlock', (9,), {'default': [], 'label': 'guiding questions', 'required': False}), 20: ('wagtail.blocks.StructBlock', [[('start', 13), ('end', 14), ('title', 15), ('speakers', 17), ('description', 18), ('guiding_questions', 19)]], {}), 21: ('wagtail.blocks.ListBlock', (20,), {'label': 'sessions', 'min_num': 1}), 22: ('wagtail.blocks.StructBlock', [[('heading', 8), ('day', 12), ('sessions', 21)]], {}), 23: ('wagtail.blocks.CharBlock', (), {'label': 'title', 'max_length': 120}), 24: ('wagtail.blocks.TextBlock', (), {'label': 'text', 'required': False}), 25: ('wagtail.blocks.CharBlock', (), {'label': 'button label', 'max_length': 60}), 26: ('wagtail.blocks.PageChooserBlock', (), {'label': 'page', 'required': False}), 27: ('wagtail.blocks.URLBlock', (), {'label': 'or address', 'required': False}), 28: ('wagtail.blocks.StructBlock', [[('title', 23), ('text', 24), ('button_label', 25), ('page', 26), ('url', 27)]], {}), 29: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'document'}), 30: ('wagtail.blocks.CharBlock', (), {'label': 'label', 'max_length': 200, 'required': False}), 31: ('wagtail.blocks.StructBlock', [[('document', 29), ('label', 30)]], {}), 32: ('wagtail.blocks.ListBlock', (31,), {'label': 'documents', 'min_num': 1}), 33: ('wagtail.blocks.StructBlock', [[('heading', 8), ('documents', 32)]], {}), 34: ('wagtail.blocks.TextBlock', (), {'label': 'quotation'}), 35: ('wagtail.blocks.CharBlock', (), {'label': 'who said it', 'max_length': 200, 'required': False}), 36: ('wagtail.blocks.CharBlock', (), {'label': 'their role', 'max_length': 200, 'required': False}), 37: ('wagtail.blocks.StructBlock', [[('quote', 34), ('attribution', 35), ('role', 36)]], {}), 38: ('wagtail.blocks.CharBlock', (), {'label': 'title', 'max_length': 200}), 39: ('wagtail.blocks.CharBlock', (), {'label': 'unit', 'max_length': 40, 'required': False}), 40: ('wagtail.blocks.CharBlock', (), {'label': 'label', 'max_length': 120}), 41: ('wagtail.blocks.DecimalBlock', (), {'decimal_places': 1, 'label': 'value', 'min_value': 0}), 42: ('wagtail.blocks.StructBlock', [[('label', 40), ('value', 41)]], {}), 43: ('wagtail.blocks.ListBlock', (42,), {'label': 'bars', 'min_num': 1}), 44: ('wagtail.blocks.StructBlock', [[('title', 38), ('unit', 39), ('bars', 43)]], {}), 45: ('wagtail.blocks.TextBlock', (), {'help_text': 'What the chart shows, in a sentence.', 'label': 'description', 'required': False}), 46: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('bars', 'Bars'), ('timeline', 'Over time')], 'label': 'kind'}), 47: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('group', 'Stakeholder group'), ('country', 'Country'), ('language', 'Language'), ('type', 'Type of contribution'), ('objective', 'GCM objective'), ('month', 'Month')], 'help_text': "Drawn from the paper's contribution set. Leave empty to give the rows yourself.", 'label': 'counted by', 'required': False}), 48: ('wagtail.blocks.CharBlock', (), {'label': 'series', 'max_length': 120, 'required': False}), 49: ('wagtail.blocks.CharBlock', (), {'label': 'comparison series', 'max_length': 120, 'required': False}), 50: ('wagtail.blocks.CharBlock', (), {'label': 'label', 'max_length': 200}), 51: ('wagtail.blocks.IntegerBlock', (), {'label': 'value', 'min_value': 0}), 52: ('wagtail.blocks.IntegerBlock', (), {'label': 'comparison value', 'min_value': 0, 'required': False}), 53: ('wagtail.blocks.StructBlock', [[('label', 50), ('value', 51), ('comparison_value', 52)]], {}), 54: ('wagtail.blocks.ListBlock', (53,), {'default': [], 'label': 'rows', 'required': False}), 55: ('wagtail.blocks.StructBlock', [[('title', 38), ('description', 45), ('kind', 46), ('counted_by', 47), ('series_label', 48), ('comparison_label', 49), ('rows', 54)]], {}), 56: ('wagtail.blocks.IntegerBlock', (), {'help_text': 'The number of the contribution quoted.', 'label': 'contribution', 'min_value': 1}), 57: ('wagtail.blocks.CharBlock', (), {'help_text': 'Organisation, group, country.', 'label': 'citation', 'max_length': 300, 'required': False}), 58: ('wagtail.blocks.CharBlock', (), {'label': 'language', 'max_length': 8, 'required': False}), 59: ('wagtail.blocks.StructBlock', [[('quote', 34), ('contribution', 56), ('citation', 57), ('language', 58)]], {}), 60: ('wagtail.blocks.CharBlock', (), {'label': 'heading', 'max_length': 200, 'required': False}), 61: ('wagtail.blocks.IntegerBlock', (), {'help_text': 'The objective whose recurring terms the contribution set gives. Empty: the terms below.', 'label': 'objective', 'max_value': 23, 'min_value': 1, 'required': False}), 62: ('wagtail.blocks.CharBlock', (), {'help_text': 'Empty: every language.', 'label': 'language', 'max_length': 8, 'required': False}), 63: ('wagtail.blocks.CharBlock', (), {'label': 'term', 'max_length': 100}), 64: ('wagtail.blocks.IntegerBlock', (), {'label': 'contributions', 'min_value': 0}), 65: ('wagtail.blocks.StructBlock', [[('term', 63), ('count', 64)]], {}), 66: ('wagtail.blocks.ListBlock', (65,), {'default': [], 'label': 'terms', 'required': False}), 67: ('wagtail.blocks.StructBlock', [[('heading', 60), ('objective', 61), ('language', 62), ('terms', 66)]], {}), 68: ('wagtail.blocks.IntegerBlock', (), {'label': 'objective', 'max_value': 23, 'min_value': 1}), 69: ('wagtail.blocks.StructBlock', [[('heading', 60), ('objective', 68)]], {}), 70: ('wagtail.blocks.IntegerBlock', (), {'help_text': 'Empty: no objective.', 'label': 'objective', 'max_value': 23, 'min_value': 1, 'required': False}), 71: ('wagtail.blocks.MultipleChoiceBlock', [], {'choices': [('recommendation', 'Recommendation'), ('pledge', 'Pledge')], 'label': 'types'}), 72: ('wagtail.blocks.StructBlock', [[('heading', 60), ('objective', 70), ('kinds', 71)]], {})}, verbose_name='body'),
        ),
        migrations.RunPython(convert, migrations.RunPython.noop),
    ]
