from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionalForumConfig(AppConfig):
    """Our extensions of django-machina.

    machina already owns the app label ``forum`` (``machina.apps.forum``), so
    this package is installed under the label ``regional_forum``, after
    machina's apps in INSTALLED_APPS.
    """

    name = "forum"
    label = "regional_forum"
    verbose_name = _("Regional discussion spaces")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models and the modules that read them load once the app registry is ready.
        from django.apps import apps
        from django.db.models.signals import post_init, post_migrate, post_save, pre_save
        from machina.core.db.models import get_model

        from .attachments.signals import connect_attachment_signals
        from .attachments.storage import use_private_storage
        from .flags.services import close_on_approval
        from .permissions import grant_public_read

        # Every surface names people by their public name, never their address.
        from .profiles.names import install as install_public_names
        from .subscriptions.announce import (
            note_topic_approval,
            note_visibility,
            queue_announcement,
            queue_topic_announcement,
            remember_topic_approval,
        )

        install_public_names()
        use_private_storage()
        connect_attachment_signals()

        # Listen for machina's permission app, whose tables the grant writes
        # to: they exist once its migrations have run.
        post_migrate.connect(
            grant_public_read,
            sender=apps.get_app_config("forum_permission"),
            dispatch_uid="regional_forum.grant_public_read",
        )
        # Approving an auto-hidden post in machina's own queue closes its reports.
        post_save.connect(
            close_on_approval,
            sender=get_model("forum_conversation", "Post"),
            dispatch_uid="regional_forum.close_flags_on_approval",
        )
        # A post that becomes visible is e-mailed to the followers of its topic and space.
        post_model = get_model("forum_conversation", "Post")
        pre_save.connect(note_visibility, sender=post_model, dispatch_uid="regional_forum.note_visibility")
        post_save.connect(
            queue_announcement, sender=post_model, dispatch_uid="regional_forum.queue_announcement"
        )
        topic_model = get_model("forum_conversation", "Topic")
        post_init.connect(
            remember_topic_approval, sender=topic_model, dispatch_uid="regional_forum.remember_topic_approval"
        )
        pre_save.connect(
            note_topic_approval, sender=topic_model, dispatch_uid="regional_forum.topic_approval"
        )
        post_save.connect(
            queue_topic_announcement, sender=topic_model, dispatch_uid="regional_forum.topic_announcement"
        )
        # Deactivating an account ends its sessions (they would come back on reactivation).
        from django.conf import settings

        from .profiles.sessions import end_sessions_of_deactivated

        post_save.connect(
            end_sessions_of_deactivated,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="regional_forum.end_sessions_of_deactivated",
        )
