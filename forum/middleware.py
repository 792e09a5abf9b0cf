"""machina's permission middleware, without a session for every anonymous visitor."""

import re
import uuid

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
    defeats page caching; we only do it inside the discussion spaces, and
    only when an anonymous visitor sends something (a vote): reading a topic
    leaves the session alone, so reading writes nothing to the database and
    keeps working while another process holds its write lock.
    """

    def process_request(self, request):
        if request.user.is_authenticated:
            return super().process_request(request)
        if FORUM_PATH.match(request.path_info):
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                return super().process_request(request)
            key = request.session.get(self.anonymous_forum_key_session_id) or uuid.uuid4().hex
            request.user.forum_key = key
        request.forum_permission_handler = PermissionHandler()
        return None
