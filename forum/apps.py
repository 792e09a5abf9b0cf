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
        from django.apps import apps
        from django.db.models.signals import post_migrate, post_save
        from machina.core.db.models import get_model

        from .attachments.signals import connect_attachment_signals
        from .attachments.storage import use_private_storage
        from .flags.services import close_on_approval
        from .permissions import grant_public_read

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
