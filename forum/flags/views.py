"""Readers report posts; a space's moderators review the reports of that space only."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView
from machina.core.db.models import get_model

from forum import visibility
from forum.models import AutoHiddenPost

from . import services
from .forms import ReportForm

Post = get_model("forum_conversation", "Post")


post_url = visibility.post_path


def _post_or_404(pk):
    return get_object_or_404(Post.objects.select_related("topic__forum", "poster"), pk=pk)


class ReportPostView(LoginRequiredMixin, View):
    """File a report. POST only (CSRF-protected by the middleware); the form
    lives on the topic page, and comes back here with its errors if invalid."""

    http_method_names = ["post"]
    template_name = "forum_flags/report_form.html"

    def post(self, request, pk):
        post = _post_or_404(pk)
        # Readers can only report what they can read: public posts in spaces they may read.
        can_read = request.forum_permission_handler.can_read_forum(post.topic.forum, request.user)
        if not visibility.is_public(post) or not can_read:
            raise Http404
        if post.poster_id == request.user.pk:
            messages.error(request, _("You cannot report your own post."))
            return HttpResponseRedirect(post_url(post))
        form = ReportForm(request.POST)
        if services.over_hourly_limit(request.user):
            error = _("You have sent many reports in the last hour. Please try again later.")
            return self._form_page(request, post, form, status=429, error=error)
        if not form.is_valid():
            return self._form_page(request, post, form, status=400)
        flag = services.report(post, request.user, form.cleaned_data["reason"], form.cleaned_data["note"])
        if flag is None:
            messages.info(request, _("You have already reported this post."))
        else:
            messages.success(request, _("Thank you. The moderators of this space will look at your report."))
        return HttpResponseRedirect(post_url(post))

    def _form_page(self, request, post, form, *, status, error=None):
        context = {"post": post, "topic": post.topic, "forum": post.topic.forum, "form": form, "error": error}
        return render(request, self.template_name, context, status=status)


class FlaggedPostListView(LoginRequiredMixin, ListView):
    """Posts with open reports in the spaces the user moderates, most reported first."""

    template_name = "forum_flags/flagged_list.html"
    context_object_name = "posts"
    paginate_by = 20

    def get_queryset(self):
        forums = self.request.forum_permission_handler.get_moderation_queue_forums(self.request.user)
        if not forums:
            raise PermissionDenied
        open_flags = Q(flags__resolved_at__isnull=True)
        return (
            Post.objects.filter(topic__forum__in=forums)
            .annotate(
                open_flags=Count("flags", filter=open_flags),
                last_flag=Max("flags__created", filter=open_flags),
            )
            .filter(open_flags__gt=0)
            .select_related("topic__forum", "poster", "auto_hidden")
            .order_by("-open_flags", "-last_flag", "-pk")
        )


class FlagReviewView(LoginRequiredMixin, View):
    """A post's reports, and the moderator's decision: restore it or keep it hidden."""

    template_name = "forum_flags/review.html"
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.post_object = _post_or_404(kwargs["pk"])
        # machina's per-forum grant: a region's moderators hold it on their own space only.
        if not request.forum_permission_handler.can_approve_posts(self.post_object.topic.forum, request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk, status=200, error=None):
        post = self.post_object
        try:
            auto_hidden = post.auto_hidden
        except AutoHiddenPost.DoesNotExist:
            auto_hidden = None
        context = {
            "post": post,
            "topic": post.topic,
            "forum": post.topic.forum,
            "flags": post.flags.select_related("reporter", "resolved_by"),
            "auto_hidden": auto_hidden,
            "post_url": post_url(post),
            "error": error,
        }
        return render(request, self.template_name, context, status=status)

    def post(self, request, pk):
        decision = request.POST.get("decision")
        if decision not in ("restore", "hide"):
            error = _("Choose whether to restore the post or keep it hidden.")
            return self.get(request, pk, status=400, error=error)
        services.decide(self.post_object, request.user, restore=decision == "restore")
        if decision == "restore":
            messages.success(request, _("The reports were dismissed and the post is visible."))
        else:
            messages.success(request, _("The reports were upheld and the post stays hidden."))
        return HttpResponseRedirect(reverse("forum_flags:list"))
