"""The profile form (edit, or complete when missing) and the public profile page."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView, RedirectView
from machina.core.db.models import get_model

from forum import visibility
from forum.models import StakeholderProfile
from hub.taxonomy.models import localized_terms

from .forms import StakeholderProfileForm

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")


class ProfileFormView(LoginRequiredMixin, FormView):
    """The signed-in person's own profile; the same form completes a missing one.

    ``next`` (kept through the form) says where to return once it is saved.
    """

    form_class = StakeholderProfileForm
    template_name = "forum_profiles/profile_form.html"

    @cached_property
    def profile(self):
        return StakeholderProfile.objects.filter(user=self.request.user).first()

    def get_initial(self):
        return StakeholderProfileForm.initial_for(self.profile) if self.profile else {}

    def next_url(self):
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(completing=self.profile is None, next=self.next_url(), **kwargs)

    def form_valid(self, form):
        completing = self.profile is None
        form.save_profile(self.request.user)
        messages.success(
            self.request, _("Your profile is complete.") if completing else _("Your profile has been saved.")
        )
        return super().form_valid(form)

    def get_success_url(self):
        return self.next_url() or reverse("forum_member:profile", args=[self.request.user.pk])


def visible_posts(author, viewer, permission_handler):
    """``author``'s posts that ``viewer`` may see, newest first.

    Only in forums the viewer can read; to anyone but the author, only
    approved posts in approved topics (held or hidden posts never show).
    """
    forums = permission_handler.get_readable_forums(Forum.objects.all(), viewer)
    posts = Post.objects.filter(poster=author, topic__forum__in=forums)
    if viewer.pk != author.pk:
        posts = visibility.public_posts(posts)
    return posts.select_related("topic", "topic__forum", "contribution").order_by("-created", "-pk")


class PublicProfileView(ListView):
    """A person as they describe themselves, and their contributions.

    Replaces machina's member profile (``forum_member:profile``), so every
    poster link of machina's templates leads here. Never shows the e-mail.
    """

    template_name = "forum_profiles/profile_detail.html"
    context_object_name = "posts"
    paginate_by = 20

    @cached_property
    def member(self):
        return get_object_or_404(get_user_model(), pk=self.kwargs["pk"], is_active=True)

    @cached_property
    def profile(self):
        return (
            StakeholderProfile.objects.filter(user=self.member)
            .select_related("stakeholder_group", "country")
            .first()
        )

    def get_queryset(self):
        return visible_posts(self.member, self.request.user, self.request.forum_permission_handler)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = None
        if self.profile and self.profile.stakeholder_group:
            group = localized_terms([self.profile.stakeholder_group])[0]
        return {
            **context,
            "member": self.member,
            "profile": self.profile,
            "stakeholder_group": group,
            "is_own_profile": self.request.user.pk == self.member.pk,
        }


class MemberPostsRedirectView(RedirectView):
    """machina's "posts of a member" page: the public profile lists them.

    (machina's own list shows a member's posts awaiting approval to anyone.)
    """

    def get_redirect_url(self, *args, **kwargs):
        return reverse("forum_member:profile", args=[kwargs["pk"]])
