"""A campaign's page for its moderators: its contributions, and the forms to split or merge it.

Every view reads the campaign from the URL and asks ``moderation.may_review``
of it (staff, or a moderator of every space its contributions are in);
anyone else gets a 404, as for anything they may not see. The forms POST
(CSRF-protected by the middleware); each action is logged.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from machina.core.db.models import get_model

from forum.visibility import plain_text, post_path
from hub.core.bounds import id_or_none
from search import facade
from search.campaigns import moderation
from search.campaigns.models import Campaign, CampaignAction

Post = get_model("forum_conversation", "Post")
EXCERPT_CHARS = 300


def _campaign_or_404(user, campaign_id):
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None or not moderation.may_review(user, campaign.pk):
        raise Http404
    return campaign


def _page(campaign_id):
    return reverse("campaigns:campaign", args=[campaign_id])


class CampaignView(LoginRequiredMixin, View):
    http_method_names = ["get"]

    def get(self, request, campaign_id):
        campaign = _campaign_or_404(request.user, campaign_id)
        posts = (
            Post.objects.filter(campaign_member__campaign=campaign)
            .select_related("topic__forum", "contribution", "campaign_member")
            .order_by("created", "pk")
        )
        members = [
            {
                "post": post,
                "url": post_path(post),
                "excerpt": plain_text(getattr(post, "_content_rendered", None), post.content)[:EXCERPT_CHARS],
                "representative": post.campaign_member.representative,
            }
            for post in posts
        ]
        actions = CampaignAction.objects.filter(campaign_id=campaign.pk).select_related("moderator")[:20]
        context = {"campaign": campaign, "members": members, "actions": actions}
        return render(request, "search/campaign.html", context)


class RemoveView(LoginRequiredMixin, View):
    """Take one contribution out of the campaign (it then counts on its own)."""

    http_method_names = ["post"]

    def post(self, request, campaign_id, post_id):
        campaign = _campaign_or_404(request.user, campaign_id)
        # Two ids: the post must be this campaign's, or nothing happens.
        if not campaign.members.filter(post_id=post_id).exists():
            raise Http404
        facade.campaigns_changed(moderation.remove(campaign, post_id, request.user))
        messages.success(
            request, _("The contribution was taken out of the campaign; it now counts on its own.")
        )
        if Campaign.objects.filter(pk=campaign.pk).exists():
            return HttpResponseRedirect(_page(campaign.pk))
        return HttpResponseRedirect(reverse("search_contributions"))


class DissolveView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, campaign_id):
        campaign = _campaign_or_404(request.user, campaign_id)
        facade.campaigns_changed(moderation.dissolve(campaign, request.user))
        messages.success(
            request, _("The campaign was dissolved; each of its contributions now counts on its own.")
        )
        return HttpResponseRedirect(reverse("search_contributions"))


class MergeView(LoginRequiredMixin, View):
    """Merge another campaign (its number typed in the form) into this one."""

    http_method_names = ["post"]

    def post(self, request, campaign_id):
        campaign = _campaign_or_404(request.user, campaign_id)
        other_id = id_or_none(request.POST.get("other", "").replace("\x00", "").strip()[:40])
        other = Campaign.objects.filter(pk=other_id).first() if other_id else None
        # One answer for a campaign that does not exist and for one in spaces not moderated.
        if other is None or not moderation.may_review(request.user, other.pk):
            messages.error(request, _("There is no campaign with that number that you may merge."))
            return HttpResponseRedirect(_page(campaign.pk))
        if other.pk == campaign.pk:
            messages.error(request, _("A campaign cannot be merged with itself."))
            return HttpResponseRedirect(_page(campaign.pk))
        facade.campaigns_changed(moderation.merge(campaign, other, request.user))
        messages.success(request, _("Campaign %(other)s was merged into this one.") % {"other": other.pk})
        return HttpResponseRedirect(_page(campaign.pk))
