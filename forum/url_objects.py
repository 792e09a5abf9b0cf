"""The forum, topic and post a forum address names must belong together.

machina's addresses carry a forum id with a topic id, or a topic id with a
post id, and its views take permissions (lock, announce, post without
approval) and the contribution's space from the forum *in the address*. A
moderator of one space could then act on another space's topic by writing
their own forum's id in front of it. Here the objects decide: an address
whose ids do not name a topic of that forum (or a post of that topic) is a
404, before any view runs.

machina's convention for the names of the ids: ``forum_pk`` is a forum;
with ``topic_pk`` beside it, ``pk`` is a post of that topic; without it,
``pk`` is a topic of the forum.
"""

from functools import wraps

from django.http import Http404
from django.urls import URLPattern, URLResolver
from machina.core.db.models import get_model

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")


def ids_in_address(kwargs):
    """The ids of ``kwargs`` that name objects held by another: what
    :func:`check_objects` compares."""
    return {key: kwargs[key] for key in ("forum_pk", "topic_pk", "pk") if key in kwargs}


def names_nested_objects(kwargs):
    """Whether an address with these arguments names a topic within a forum
    or a post within a topic."""
    ids = ids_in_address(kwargs)
    return "forum_pk" in ids and ("topic_pk" in ids or "pk" in ids)


def check_objects(kwargs):
    """Raise 404 unless the ids of an address name objects that belong together."""
    if not names_nested_objects(kwargs):
        return
    forum_pk = kwargs["forum_pk"]
    topic_pk = kwargs.get("topic_pk")
    if topic_pk is None:
        matches = Topic.objects.filter(pk=kwargs["pk"], forum_id=forum_pk)
    elif "pk" in kwargs:
        matches = Post.objects.filter(pk=kwargs["pk"], topic_id=topic_pk, topic__forum_id=forum_pk)
    else:
        matches = Topic.objects.filter(pk=topic_pk, forum_id=forum_pk)
    if not matches.exists():
        raise Http404("These ids do not belong together.")


def objects_match_address(view):
    """``view``, answering 404 when its address names objects that do not belong together."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        check_objects(kwargs)
        return view(request, *args, **kwargs)

    return checked


def check_every_address(patterns, outer=()):
    """Wrap the view of every pattern in ``patterns`` (and below) that names
    nested objects; returns ``patterns``. Patterns added later to machina's
    factories are covered without being listed. ``outer``: the arguments
    named by the enclosing includes."""
    for entry in patterns:
        names = (*outer, *entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            check_every_address(entry.url_patterns, names)
        elif isinstance(entry, URLPattern) and names_nested_objects(dict.fromkeys(names)):
            entry.callback = objects_match_address(entry.callback)
    return patterns
