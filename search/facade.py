"""The one entry point for searching contributions, and for keeping the index current.

Every caller (search page, JSON API, exports, analysis papers, the forum's
search box) calls ``search(query, viewer)``. What the viewer may see is
decided here, once, from machina's permissions, and handed to the backend
as the forums it may read; the backend adds "approved post in an approved
topic". Writers call ``index_posts`` (the save signals do it for single
posts; bulk import and seeding after each batch).
"""

from dataclasses import replace

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from machina.core.db.models import get_model
from machina.core.loading import get_class

from search import stamp
from search.backends import get_backend
from search.campaigns import lookup as campaign_lookup
from search.query import MAX_PAGE_SIZE, ContributionQuery, SearchResult, Sort

Forum = get_model("forum", "Forum")
PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")
READABLE_FORUMS_SECONDS = 600


def readable_forum_ids(viewer):
    """Ids of the forums machina lets ``viewer`` (a user or AnonymousUser) read.

    machina's answer costs five ORM queries; it is cached per viewer under
    the permissions stamp, which triggers renew on any change to the forums,
    their permission grants or group memberships (``search.stamp``), so a
    revoked grant takes effect on the next search, in every process.
    """
    who = (viewer.pk, viewer.is_authenticated, viewer.is_active, viewer.is_superuser)
    key = stamp.cache_key(stamp.PERMISSIONS, who)
    cached = cache.get(key)
    if cached is not None:
        return cached
    forums = PermissionHandler().get_readable_forums(Forum.objects.all(), viewer)
    ids = set(forums.values_list("pk", flat=True))
    cache.set(key, ids, READABLE_FORUMS_SECONDS)
    return ids


def search(query: ContributionQuery, viewer) -> SearchResult:
    forum_ids = readable_forum_ids(viewer)
    result = get_backend().search(query, forum_ids)
    # After the backend, so both backends' hits carry it; sized by what the viewer may read.
    result.hits = campaign_lookup.with_campaigns(result.hits, forum_ids)
    return result


def matching_post_ids(query: ContributionQuery, viewer) -> list[int]:
    """Ids of every contribution ``query`` selects for ``viewer``, newest first.

    The same selection as paging through ``search`` with the newest sort
    (same visibility, filters and text), without building hits: analysis
    papers freeze sets of tens of thousands this way.
    """
    forum_ids = readable_forum_ids(viewer)
    if not forum_ids:
        return []
    query = replace(query, sort=Sort.NEWEST, page=1, page_size=MAX_PAGE_SIZE)
    return get_backend().matching_ids(query, forum_ids)


def index_posts(post_ids):
    """Bring the index up to date for these posts, inside the caller's transaction."""
    post_ids = list(post_ids)
    if post_ids:
        get_backend().index(post_ids)


def campaigns_of(post_ids, viewer=None):
    """{post id: (campaign id, size)} for those of ``post_ids`` in a campaign,
    sized by the members ``viewer`` may read (anyone, when not given: what
    an analysis paper may say in public)."""
    return campaign_lookup.campaigns_of(post_ids, readable_forum_ids(viewer or AnonymousUser()))


def campaigns_changed(post_ids):
    """These posts joined, left or now stand for a campaign: a backend whose
    documents copy that (Elasticsearch) sends them again."""
    post_ids = list(post_ids)
    if post_ids:
        get_backend().campaigns_changed(post_ids)


def remove_posts(post_ids):
    post_ids = list(post_ids)
    if post_ids:
        get_backend().remove(post_ids)
