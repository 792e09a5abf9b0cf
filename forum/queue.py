"""The moderation queue, showing what each waiting contribution is.

machina's queue lists a held post's subject, poster and forum; a moderator
deciding whether to publish it also needs its type, GCM objectives,
language, and who wrote it (stakeholder group, organisation, country), as
the topic page shows them (``posting.display.ContributionMeta``).
"""

from django.db.models import Prefetch
from machina.core.loading import get_class

from hub.taxonomy.models import GcmObjective

from .posting.display import ContributionMeta

ModerationQueueListView = get_class("forum_moderation.views", "ModerationQueueListView")
ModerationQueueDetailView = get_class("forum_moderation.views", "ModerationQueueDetailView")

RELATED = (
    "topic__forum",
    "topic__first_post",
    "poster__stakeholder_profile",
    "contribution__stakeholder_group",
    "contribution__country",
)


def objectives_in_order():
    return Prefetch("contribution__objectives", queryset=GcmObjective.objects.order_by("number"))


def with_contribution_meta(posts):
    """``posts`` as a list, each with the ``contribution_meta`` the templates read."""
    posts = list(posts)
    meta = ContributionMeta(posts, with_log=False)
    for post in posts:
        post.contribution_meta = meta.for_post(post)
    return posts


class ContributionQueueListView(ModerationQueueListView):
    def get_queryset(self):
        return super().get_queryset().select_related(*RELATED).prefetch_related(objectives_in_order())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["posts"] = with_contribution_meta(context["posts"])
        return context


class ContributionQueueDetailView(ModerationQueueDetailView):
    def get_queryset(self):
        return super().get_queryset().select_related(*RELATED).prefetch_related(objectives_in_order())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        (context["post"],) = with_contribution_meta([context["post"]])
        return context
