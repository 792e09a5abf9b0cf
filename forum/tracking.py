"""machina's read-tracking views, with a forum that does not exist a 404.

machina's *mark topics read* view checks its permission on
``Forum.objects.get(pk=…)`` before its own ``get_object_or_404`` runs, so a
forum id that names nothing (a deleted space, a guessed number) raised
``DoesNotExist``: a 500.
"""

from django.shortcuts import get_object_or_404
from machina.core.db.models import get_model
from machina.core.loading import get_class

Forum = get_model("forum", "Forum")
MachinaTrackingURLPatternsFactory = get_class("forum_tracking.urls", "ForumTrackingURLPatternsFactory")
MarkTopicsReadView = get_class("forum_tracking.views", "MarkTopicsReadView")


class CheckedMarkTopicsReadView(MarkTopicsReadView):
    def get_controlled_object(self):
        return get_object_or_404(Forum, pk=self.kwargs["pk"])


class TrackingURLPatternsFactory(MachinaTrackingURLPatternsFactory):
    mark_topics_read_view = CheckedMarkTopicsReadView
