"""Follow and unfollow spaces and topics; e-mail preferences; unsubscribe links."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from machina.core.db.models import get_model
from machina.core.loading import get_class

from forum import visibility
from forum.models import SpaceSubscription

from .forms import PreferencesForm
from .mail import Mailer, space_path, topic_path
from .preferences import remember, settings_for
from .tokens import read_token

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")
TopicSubscribeView = get_class("forum_member.views", "TopicSubscribeView")


class _FollowView(LoginRequiredMixin, View):
    """POST only (CSRF-checked by the middleware); back to ``next`` or the followed page."""

    http_method_names = ["post"]

    def readable_forum(self, forum):
        if not self.request.forum_permission_handler.can_read_forum(forum, self.request.user):
            raise Http404
        return forum

    def back(self, default):
        target = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return HttpResponseRedirect(target)
        return HttpResponseRedirect(default)


class FollowSpaceView(_FollowView):
    def post(self, request, pk):
        forum = self.readable_forum(get_object_or_404(Forum, pk=pk))
        with transaction.atomic():
            remember(request.user)
            SpaceSubscription.objects.get_or_create(user=request.user, forum=forum)
        messages.success(request, _("You follow this space. New posts will reach you by e-mail."))
        return self.back(space_path(forum))


class UnfollowSpaceView(_FollowView):
    def post(self, request, pk):
        forum = get_object_or_404(Forum, pk=pk)
        SpaceSubscription.objects.filter(user=request.user, forum=forum).delete()
        messages.success(request, _("You no longer follow this space."))
        return self.back(space_path(forum))


class FollowTopicView(_FollowView):
    def post(self, request, pk):
        topic = get_object_or_404(Topic.objects.select_related("forum"), pk=pk)
        self.readable_forum(topic.forum)
        visibility.held_topic_or_404(request.forum_permission_handler, topic, request.user)
        with transaction.atomic():
            remember(request.user)
            topic.subscribers.add(request.user)  # machina's own topic subscriptions
        messages.success(request, _("You follow this topic. New posts will reach you by e-mail."))
        return self.back(topic_path(topic))


class UnfollowTopicView(_FollowView):
    def post(self, request, pk):
        topic = get_object_or_404(Topic.objects.select_related("forum"), pk=pk)
        topic.subscribers.remove(request.user)
        messages.success(request, _("You no longer follow this topic."))
        return self.back(topic_path(topic))


class RememberingTopicSubscribeView(TopicSubscribeView):
    """machina's own subscribe page, also noting the reader's e-mail language."""

    def get_object(self, queryset=None):
        # machina's can_subscribe_to_topic ignores topic.approved.
        topic = super().get_object(queryset)
        return visibility.held_topic_or_404(self.request.forum_permission_handler, topic, self.request.user)

    def subscribe(self, request, *args, **kwargs):
        remember(request.user)
        return super().subscribe(request, *args, **kwargs)


class SubscriptionsView(LoginRequiredMixin, View):
    """What the reader follows, the spaces they could follow, and how they get e-mails.

    Served at machina's ``forum_member:user_subscriptions`` address, so the
    board's "Subscriptions" link leads here.
    """

    template_name = "forum_subscriptions/subscriptions.html"

    def get(self, request):
        return self.page(PreferencesForm(instance=settings_for(request.user)))

    def post(self, request):
        form = PreferencesForm(request.POST, instance=settings_for(request.user))
        if not form.is_valid():
            return self.page(form, status=400)
        form.save()
        messages.success(request, _("Your e-mail preferences are saved."))
        return HttpResponseRedirect(request.path)

    def page(self, form, status=200):
        user = self.request.user
        handler = self.request.forum_permission_handler
        mailer = Mailer()
        followed_ids = set(SpaceSubscription.objects.filter(user=user).values_list("forum_id", flat=True))
        spaces = [
            {"forum": forum, "name": mailer.space_name(forum), "followed": forum.pk in followed_ids}
            for forum in handler.get_readable_forums(
                Forum.objects.filter(type=Forum.FORUM_POST).select_related("regional_space__region"), user
            )
        ]
        topics = visibility.topics_visible_to(
            handler, user.topic_subscriptions.select_related("forum"), user
        ).order_by("subject")
        context = {"form": form, "spaces": spaces, "topics": topics}
        return render(self.request, self.template_name, context, status=status)


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """Stop e-mails from a signed link, without signing in.

    The signed token is the credential, not a session cookie, so there is
    nothing for CSRF to protect and mail clients' one-click unsubscribe
    (RFC 8058, a POST without cookies) works. GET only shows what will stop,
    so link scanners that open every link do not unsubscribe anyone.
    """

    template_name = "forum_subscriptions/unsubscribe.html"

    def get(self, request, token):
        return self.handle(request, token, confirm=False)

    def post(self, request, token):
        return self.handle(request, token, confirm=True)

    def handle(self, request, token, *, confirm):
        data = read_token(token)
        user = get_user_model().objects.filter(pk=data[0]).first() if data else None
        if user is None:
            return render(request, self.template_name, {"invalid": True}, status=400)
        _user_id, scope, object_id = data
        target = self.target(scope, object_id)
        if confirm:
            self.stop(user, scope, object_id)
        return render(request, self.template_name, {"scope": scope, "target": target, "done": confirm})

    def target(self, scope, object_id):
        if scope == "space":
            forum = Forum.objects.select_related("regional_space__region").filter(pk=object_id).first()
            return Mailer().space_name(forum) if forum else ""
        if scope == "topic":
            return Topic.objects.filter(pk=object_id).values_list("subject", flat=True).first() or ""
        return ""

    def stop(self, user, scope, object_id):
        if scope in ("space", "all"):
            subscriptions = SpaceSubscription.objects.filter(user=user)
            if scope == "space":
                subscriptions = subscriptions.filter(forum_id=object_id)
            subscriptions.delete()
        if scope in ("topic", "all"):
            topics = user.topic_subscriptions.all()
            if scope == "topic":
                topics = topics.filter(pk=object_id)
            user.topic_subscriptions.remove(*topics)
