from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    """Editorial pages (Wagtail) and the taxonomy other apps refer to."""

    name = "hub"
    verbose_name = _("Editorial hub")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models and the modules that read them load once the app registry is ready.
        from .models.events import EventPage, copy_language_lists_to_translations

        copy_language_lists_to_translations(EventPage)

        from wagtail.signals import page_published

        from .registration.signals import event_published

        page_published.connect(event_published, sender=EventPage, dispatch_uid="registration-event-published")

        from django.db.models.signals import post_save

        from .models import AnalysisPaperPage, RegionPage
        from .papers.analysts import region_page_created
        from .papers.pdf import paper_published

        page_published.connect(paper_published, sender=AnalysisPaperPage, dispatch_uid="papers-draw-pdf")

        post_save.connect(region_page_created, sender=RegionPage, dispatch_uid="analysts-region-page")

        from .translation import withdraw_locale_synchronisation

        withdraw_locale_synchronisation()
