"""What the admin's read-only lists (registrations, paper generations) share:
a Wagtail viewset that serves its list and downloads, and nothing else."""

from django.contrib.auth.models import Permission
from wagtail.admin.viewsets.model import ModelViewSet


class ListOnlyViewSet(ModelViewSet):
    search_backend_name = None  # the database's own filtering: small, permission-limited sets
    add_to_admin_menu = False  # each list has its own menu item, in hub.wagtail_hooks
    # Not in Wagtail's reference index: a page's "usage" view, open to its
    # editors, would list the records that point at it by name.
    add_to_reference_index = False

    def register_admin_url_finder(self):
        # There is no edit view to find (the viewset serves the list only).
        pass

    def get_permissions_to_register(self):
        # Who may see a list is decided by its permission policy, not by
        # model permissions offered in the group editor.
        return Permission.objects.none()
