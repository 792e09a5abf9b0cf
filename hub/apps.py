from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    """Editorial pages (Wagtail) and the taxonomy other apps refer to."""

    name = "hub"
    verbose_name = _("Editorial hub")
    default_auto_field = "django.db.models.BigAutoField"
