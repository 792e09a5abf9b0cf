"""Moving a topic to another space moves its contributions' region with it.

``Contribution.space`` is copied from the post's forum so that every search
filter, export and paper can start from it; machina's *move topic* changes
only the topic's forum, and the copy would go on counting the topic's posts
under the region it left.
"""

from django.db import transaction
from machina.core.db.models import get_model
from machina.core.loading import get_class

from .models import Contribution, RegionalSpace
from .queue import ContributionQueueDetailView, ContributionQueueListView
from .signals import announce_written

Topic = get_model("forum_conversation", "Topic")
TopicMoveView = get_class("forum_moderation.views", "TopicMoveView")
MachinaModerationURLPatternsFactory = get_class("forum_moderation.urls", "ForumModerationURLPatternsFactory")


def follow_topic_to_its_space(topic):
    """Give the contributions of ``topic`` the space of the forum now holding it.

    A topic moved to a forum that is no regional space (an administrators'
    forum) keeps its contributions where they were written."""
    space = RegionalSpace.objects.filter(forum_id=topic.forum_id).first()
    if space is None:
        return
    moved = list(
        Contribution.objects.filter(post__topic_id=topic.pk).exclude(space=space).values_list("pk", flat=True)
    )
    if moved:
        Contribution.objects.filter(pk__in=moved).update(space=space)
        announce_written(Contribution, moved)  # search reindexes them (forum.signals)


class SpaceFollowingTopicMoveView(TopicMoveView):
    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            follow_topic_to_its_space(self.object)
        return response


class ModerationURLPatternsFactory(MachinaModerationURLPatternsFactory):
    topic_move_view = SpaceFollowingTopicMoveView
    # What each waiting contribution is (forum.queue).
    moderation_queue_list_view = ContributionQueueListView
    moderation_queue_detail_view = ContributionQueueDetailView
