"""What the Wagtail page editor posts, built without a browser.

The editor draws a StreamField in JavaScript from the block tree's form
state and posts one field per input it drew, plus its bookkeeping (each
stream and list child's type, id, order and "deleted" — a list child's type
empty; each list's and stream's count: see wagtailadmin's telepath/blocks.js).
``editor_post`` rebuilds that POST from the edit view's own HTML (every
field outside the StreamFields) and the page's StreamField values, walked
as the editor's block widgets walk them, so a test can count the fields a
save would send and send it (the browser journey checks the count against
the real form's).
"""

from django.http import QueryDict
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html


def _leaf(block, state):
    """The values one input posts: a chooser posts its id, a multiple choice one value per choice."""
    if isinstance(block, blocks.ChooserBlock) or isinstance(state, dict):
        return [] if state is None else [str(state["id"])]
    if isinstance(block, blocks.BooleanBlock):
        return ["on"] if state else []
    if isinstance(state, list | tuple):
        return [str(item) for item in state]
    return ["" if state is None else str(state)]


def block_data(block, state, prefix, data):
    """Append to ``data`` (a QueryDict) what ``block``'s widget posts for its form ``state``."""
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for n, child in enumerate(state):
            here = f"{prefix}-{n}"
            data[f"{here}-type"], data[f"{here}-deleted"] = child["type"], ""
            data[f"{here}-order"], data[f"{here}-id"] = str(n), child["id"] or ""
            block_data(block.child_blocks[child["type"]], child["value"], f"{here}-value", data)
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for n, child in enumerate(state):
            here = f"{prefix}-{n}"
            # A list's children carry the same four inputs as a stream's, their type empty.
            data[f"{here}-deleted"], data[f"{here}-order"], data[f"{here}-type"] = "", str(n), ""
            data[f"{here}-id"] = child["id"] or ""
            block_data(block.child_block, child["value"], f"{here}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            block_data(child_block, state.get(name), f"{prefix}-{name}", data)
    else:
        for value in _leaf(block, state):
            data.appendlist(prefix, value)


def editor_post(edit_html, page, **streams):
    """The POST the editor sends for ``page`` as the edit view drew it.

    ``streams`` replaces a StreamField's value (field name → StreamValue or
    raw list) before it is posted, as an editor's changes would.
    """
    data = querydict_from_html(edit_html, form_id="page-edit-form")
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        for key in [key for key in data if key == field.name or key.startswith(f"{field.name}-")]:
            del data[key]
        value = streams.get(field.name, getattr(page, field.name))
        if not hasattr(value, "raw_data"):
            value = field.stream_block.to_python(value)
        block_data(field.stream_block, field.stream_block.get_form_state(value), field.name, data)
    return data


def field_count(data: QueryDict):
    """How many fields Django counts against DATA_UPLOAD_MAX_NUMBER_FIELDS: one per value."""
    return sum(len(values) for _name, values in data.lists())
