"""Render again the HTML machina stored for existing markup.

machina renders a MarkupTextField once, when its row is saved, and keeps the
HTML in a ``_<field>_rendered`` column. Rows saved before the renderer changed
(markdown2 safe_mode, or an older allow-list) keep their old HTML until they
are rendered again here: by migration 0002_markup once, and by
``manage.py rerender_markup`` after any later change to forum/markup.py.
"""

from forum.markup import render_markdown
from hub.core.batches import batches

# (app label, model, markup field) for every MarkupTextField machina declares.
MARKUP_FIELDS = (
    ("forum_conversation", "Post", "content"),
    ("forum", "Forum", "description"),
    ("forum_member", "ForumProfile", "signature"),
)

_BATCH = 500


def rerender_stored_markup(apps):
    """Render every stored markup field again; ``apps`` is the app registry
    (a migration's historical one, or ``django.apps.apps``). Returns the
    number of rows rewritten."""
    total = 0
    for app_label, model_name, field in MARKUP_FIELDS:
        model = apps.get_model(app_label, model_name)
        rendered_field = f"_{field}_rendered"
        # values_list reads the raw text past machina's descriptor and does not
        # load whole rows; bulk_update skips the pre_save signal that would
        # otherwise render each row a second time.
        rows = model.objects.values_list("pk", field).iterator(chunk_size=_BATCH)
        for batch in batches(rows, _BATCH):
            objs = [model(pk=pk) for pk, _raw in batch]
            for obj, (_pk, raw) in zip(objs, batch, strict=True):
                # No text, no HTML: what machina itself stores for a NULL field.
                setattr(obj, rendered_field, None if raw is None else render_markdown(raw))
            model.objects.bulk_update(objs, [rendered_field])
            total += len(objs)
    return total
