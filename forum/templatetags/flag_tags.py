"""What the report button and the moderators' flag badge need on a topic page.

One query per page, not per post: the first call looks up every post the
page lists (``posts`` in machina's topic view) and keeps the answer on the
request.
"""

from dataclasses import dataclass

from django import template
from django.db.models import Count, Q

from forum import visibility
from forum.flags.forms import ReportForm
from forum.models import Flag

register = template.Library()


@dataclass(frozen=True)
class FlagState:
    can_report: bool = False
    reported_by_me: bool = False
    can_review: bool = False
    open_count: int = 0


@register.simple_tag(takes_context=True)
def post_flag_state(context, post):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not visibility.is_public(post):
        return FlagState()
    cache = request.__dict__.setdefault("_post_flag_counts", {})
    if post.pk not in cache:
        ids = {p.pk for p in context.get("posts") or () if hasattr(p, "pk")} | {post.pk}
        ids -= cache.keys()
        rows = (
            Flag.objects.filter(post_id__in=ids)
            .values("post_id")
            .annotate(
                mine=Count("pk", filter=Q(reporter=user)),
                open=Count("pk", filter=Q(resolved_at__isnull=True)),
            )
        )
        cache.update(dict.fromkeys(ids, (False, 0)))
        cache.update({row["post_id"]: (bool(row["mine"]), row["open"]) for row in rows})
    mine, open_count = cache[post.pk]
    forum = context.get("forum") or post.topic.forum
    handler = getattr(request, "forum_permission_handler", None)
    can_review = bool(handler and handler.can_approve_posts(forum, user))
    return FlagState(
        can_report=post.poster_id != user.pk,
        reported_by_me=mine,
        can_review=can_review,
        open_count=open_count if can_review else 0,
    )


@register.simple_tag
def report_form(post):
    # Ids unique per post: a topic page holds one form per post.
    return ReportForm(auto_id=f"report{post.pk}_%s")
