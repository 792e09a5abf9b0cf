"""Who may receive e-mails, and who follows a post's topic or space."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from machina.core.db.models import get_model

from forum.models import SpaceSubscription

Topic = get_model("forum_conversation", "Topic")
TopicSubscription = Topic.subscribers.through


def reachable_users():
    """Active accounts whose address is confirmed: following something never
    sends mail to an address its owner did not prove is theirs."""
    confirmed = EmailAddress.objects.filter(
        user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(Exists(confirmed))
        .select_related("notification_settings", "stakeholder_profile")
    )


def followers(topic):
    """Reachable readers who follow ``topic`` or its space, each once, with
    ``follows_topic`` and ``follows_space`` set."""
    return (
        reachable_users()
        .annotate(
            follows_topic=Exists(TopicSubscription.objects.filter(topic_id=topic.pk, user_id=OuterRef("pk"))),
            follows_space=Exists(
                SpaceSubscription.objects.filter(forum_id=topic.forum_id, user_id=OuterRef("pk"))
            ),
        )
        .filter(Q(follows_topic=True) | Q(follows_space=True))
    )


def digest_readers():
    """Reachable readers who follow anything and want a digest (the default)."""
    follows = Q(Exists(TopicSubscription.objects.filter(user_id=OuterRef("pk")))) | Q(
        Exists(SpaceSubscription.objects.filter(user_id=OuterRef("pk")))
    )
    wants_digest = Q(notification_settings__isnull=True) | Q(notification_settings__delivery="digest")
    return reachable_users().filter(follows).filter(wants_digest)
