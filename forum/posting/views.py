"""machina's conversation views, posting and showing contributions."""

import logging

from django.db import OperationalError, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from machina.core.loading import get_class

from hub.core.busy import is_busy, short_busy_wait
from hub.taxonomy.models import GcmObjective

from .. import policy, visibility
from ..attachments.storage import files_saved, private_storage
from ..models import Reclassification
from ..profiles import ProfileRequiredMixin
from .display import ContributionMeta
from .edit_window import can_edit_post, can_moderate_posts
from .forms import ContributionPostForm, ContributionTopicForm

TopicView = get_class("forum_conversation.views", "TopicView")
TopicCreateView = get_class("forum_conversation.views", "TopicCreateView")
TopicUpdateView = get_class("forum_conversation.views", "TopicUpdateView")
PostCreateView = get_class("forum_conversation.views", "PostCreateView")
PostUpdateView = get_class("forum_conversation.views", "PostUpdateView")

logger = logging.getLogger(__name__)


class SavesAtomically:
    """A post, its topic, its contribution and its attachments are saved
    together or not at all: files stored for a transaction that fails (a full
    disk, a busy database) are removed again.

    The posting limits are checked again in that transaction, under the
    poster's posting lock: posts sent at once are each checked after the one
    before was written, and one refused there gets the form's own message."""

    def form_valid(self, post_form, *args, **kwargs):
        with files_saved() as saved:
            try:
                with transaction.atomic():
                    if not self.preview and self.request.user.is_authenticated:
                        policy.hold_posting_lock(self.request.user)
                        refusal = post_form.posting_refusal()
                        if refusal:
                            post_form.add_error(None, refusal)
                            return self.form_invalid(post_form, *args, **kwargs)
                    return super().form_valid(post_form, *args, **kwargs)
            except BaseException:
                for name in saved:
                    private_storage.delete(name)
                raise


class NewAccountsAttachNothing:
    """RL2: a new account's posts carry no files; machina only asks whether
    the space allows attachments at all."""

    def get_attachment_formset(self, formset_class):
        if not policy.attachments_allowed(self.request.user, self.get_forum()):
            return None
        return super().get_attachment_formset(formset_class)


class OneOutcomeMessage:
    """After posting, one message saying what became of the post.

    machina says "posted successfully" and, for a held post, "will be
    validated before appearing" at once. A held post gets only the second,
    in our words (Django's messages drop an empty message)."""

    held_message = _(
        "Thank you. Your post is waiting for a moderator: only you can see it until it is approved."
    )

    def post_is_held(self):
        post = getattr(self, "forum_post", None)
        return post is not None and not post.approved

    @property
    def success_message(self):
        return "" if self.post_is_held() else super().success_message

    @property
    def approval_required_message(self):
        return self.held_message


class EditWindowMixin:
    """Authors edit within the edit window; moderators any time."""

    def perform_permissions_check(self, user, obj, perms):
        return can_edit_post(self.request.forum_permission_handler, obj, user)


class ContributionTopicCreateView(
    ProfileRequiredMixin, OneOutcomeMessage, SavesAtomically, NewAccountsAttachNothing, TopicCreateView
):
    post_form_class = ContributionTopicForm

    def get_success_url(self):
        # machina sends a held topic's author to the space's list, where it
        # is not; its own page shows it to them, marked as waiting.
        topic = self.forum_post.topic
        return visibility.topic_path(topic.forum.slug, topic.forum.pk, topic.slug, topic.pk)


class ContributionTopicUpdateView(
    SavesAtomically, NewAccountsAttachNothing, EditWindowMixin, TopicUpdateView
):
    post_form_class = ContributionTopicForm


class ContributionPostCreateView(
    ProfileRequiredMixin, OneOutcomeMessage, SavesAtomically, NewAccountsAttachNothing, PostCreateView
):
    post_form_class = ContributionPostForm

    def get_topic(self):
        # machina's can_add_post ignores topic.approved: the reply form
        # ("Re: <subject>") of a held topic is not shown to who may not see it.
        topic = super().get_topic()
        if topic is not None:
            visibility.held_topic_or_404(self.request.forum_permission_handler, topic, self.request.user)
        return topic


class ContributionPostUpdateView(SavesAtomically, NewAccountsAttachNothing, EditWindowMixin, PostUpdateView):
    post_form_class = ContributionPostForm


class ContributionTopicView(TopicView):
    """A topic's posts with each one's contribution, in a fixed number of queries."""

    def get_topic(self):
        # machina shows a topic held for moderation to anyone who can read the forum.
        if not hasattr(self, "topic"):
            visibility.held_topic_or_404(
                self.request.forum_permission_handler, super().get_topic(), self.request.user
            )
        return self.topic

    def viewer_moderates(self):
        if not hasattr(self, "_viewer_moderates"):
            self._viewer_moderates = can_moderate_posts(
                self.request.forum_permission_handler, self.get_topic().forum, self.request.user
            )
        return self._viewer_moderates

    def get_queryset(self):
        prefetches = [Prefetch("contribution__objectives", queryset=GcmObjective.objects.order_by("number"))]
        if self.viewer_moderates():
            prefetches.append(
                Prefetch(
                    "contribution__reclassifications",
                    queryset=Reclassification.objects.select_related("changed_by__stakeholder_profile"),
                )
            )
        return (
            visibility.posts_on_topic_page(self.get_topic().posts, self.request.user)
            .select_related(
                # Public names (forum.profiles.names) come from the stakeholder profile.
                "poster__stakeholder_profile",
                "updated_by__stakeholder_profile",
                "contribution__stakeholder_group",
                "contribution__country",
            )
            .prefetch_related("attachments", "poster__forum_profile", *prefetches)
        )

    def send_signal(self, request, response, topic):
        """Counting the view and marking the topic read are bookkeeping: while
        another process holds the database's write lock they are skipped after
        a short wait, and the page is shown (readers never wait under WAL)."""
        try:
            with short_busy_wait():
                super().send_signal(request, response, topic)
        except OperationalError as error:
            if not is_busy(error):
                raise
            logger.info("Database busy: topic %s shown without counting the view", topic.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        posts = list(context["posts"])
        handler = self.request.forum_permission_handler
        user = self.request.user
        meta = ContributionMeta(posts, with_log=self.viewer_moderates())
        for post in posts:
            post.user_can_edit = can_edit_post(handler, post, user)
            post.contribution_meta = meta.for_post(post)
        context["posts"] = posts
        context["viewer_moderates"] = self.viewer_moderates()
        return context
