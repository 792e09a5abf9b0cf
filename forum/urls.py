"""machina's URL tree, composed from its factories.

We do not include ``machina.urls``: it imports machina's haystack-based
search app, which the product leaves out. Every other part of the tree
comes from machina's own factories. The ``forum_search`` namespace that
machina's templates link to is the contribution search's, mounted beside
this tree in ``siteconf.urls`` (search sits above the forum).
"""

from django.urls import include, path
from machina.core.loading import get_class

from forum.attachments import urls as attachments_urls
from forum.attachments.views import CheckedAttachmentsMixin
from forum.feeds import FeedsURLPatternsFactory
from forum.moving import ModerationURLPatternsFactory
from forum.posting import views as posting_views
from forum.profiles.urls import ProfileURLPatternsFactory
from forum.subscriptions import views as subscription_views
from forum.tracking import TrackingURLPatternsFactory
from forum.url_objects import check_every_address


def _machina_urls(app_label):
    return get_class(f"{app_label}.urls", "urlpatterns_factory").urlpatterns


MachinaConversationURLPatternsFactory = get_class(
    "forum_conversation.urls", "ForumConversationURLPatternsFactory"
)


def _with_checked_attachments(view):
    return type(view.__name__, (CheckedAttachmentsMixin, view), {})


class ConversationURLPatternsFactory(MachinaConversationURLPatternsFactory):
    """machina's conversation URLs, served by views that handle contributions
    (type, objectives, language, the author's profile; forum.posting), with
    attachments checked on upload and served by our permission-checked view."""

    attachments_urlpatterns_factory = attachments_urls.urlpatterns_factory
    topic_view = posting_views.ContributionTopicView
    topic_create_view = _with_checked_attachments(posting_views.ContributionTopicCreateView)
    topic_update_view = _with_checked_attachments(posting_views.ContributionTopicUpdateView)
    post_create_view = _with_checked_attachments(posting_views.ContributionPostCreateView)
    post_update_view = _with_checked_attachments(posting_views.ContributionPostUpdateView)


class MemberURLPatternsFactory(ProfileURLPatternsFactory):
    """machina's member URLs with the stakeholder profile in place of machina's
    profile (forum.profiles); its subscriptions page also lists followed spaces
    and e-mail preferences, and subscribing records the reader's language."""

    topic_subscribe_view = subscription_views.RememberingTopicSubscribeView
    topic_subscription_list_view = subscription_views.SubscriptionsView


# Every address naming a topic within a forum, or a post within a topic,
# answers 404 unless they belong together (forum.url_objects).
urlpatterns = check_every_address(
    [
        path("", include(_machina_urls("forum"))),
        path("", include(ConversationURLPatternsFactory().urlpatterns)),
        path("feeds/", include(FeedsURLPatternsFactory().urlpatterns)),
        path("member/", include(MemberURLPatternsFactory().urlpatterns)),
        path("moderation/", include(ModerationURLPatternsFactory().urlpatterns)),
        path("tracking/", include(TrackingURLPatternsFactory().urlpatterns)),
        path("flags/", include("forum.flags.urls")),
        path("subscriptions/", include("forum.subscriptions.urls")),
    ]
)
