"""What the layers above offer to do with a contribution search.

Search sits below the analysis papers, so it cannot ask who may generate
one. A higher layer registers a Wagtail hook, ``contribution_search_actions``:
a function of the request and the search's query string that returns a
``SearchAction`` for that reader, or None. The results page shows each
action as a button above the form (``hub.wagtail_hooks`` registers
"Generate an analysis paper from this search").
"""

from dataclasses import dataclass

from wagtail import hooks

HOOK = "contribution_search_actions"


@dataclass(frozen=True)
class SearchAction:
    label: str
    url: str
    element_id: str


def actions_for(request, query_string):
    """The actions the registered hooks offer ``request``'s reader on this search."""
    found = (action(request, query_string) for action in hooks.get_hooks(HOOK))
    return [action for action in found if action is not None]
