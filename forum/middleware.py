"""machina's permission middleware, without a session for every anonymous visitor."""

import re

from machina.apps.forum_permission.middleware import (
    ForumPermissionMiddleware as MachinaForumPermissionMiddleware,
)
from machina.apps.forum_permission.middleware import PermissionHandler

FORUM_PATH = re.compile(r"^/[a-z]{2}(-[a-z]+)?/forum/")


class ForumPermissionMiddleware(MachinaForumPermissionMiddleware):
    """Attach machina's permission handler to each request.

    machina also stores a random key in the session of every anonymous
    visitor (it identifies anonymous poll votes). Doing that on every request
    would give each visitor of every editorial page a session cookie, which
    defeats page caching; we only do it inside the discussion spaces.
    """

    def process_request(self, request):
        if request.user.is_authenticated or FORUM_PATH.match(request.path_info):
            return super().process_request(request)
        request.forum_permission_handler = PermissionHandler()
        return None
