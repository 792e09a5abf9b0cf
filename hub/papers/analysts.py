"""The Analysts group: who generates analysis papers and edits their drafts.

Analysts enter the Wagtail admin, generate papers (``hub.generate_analysis_paper``)
and add and change pages under the region pages, where the drafts are
written — but do not publish them: an editor with the publish permission
(Wagtail's Moderators, or a superuser) does. Wagtail's own Editors and
Moderators groups may generate papers too.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.permission_policies import BasePermissionPolicy

from hub.models import PaperGeneration, RegionPage

ANALYSTS_GROUP = "Analysts"
# Wagtail's default groups, made by its first migrations (an administrator may have renamed them).
EDITOR_GROUPS = ("Editors", "Moderators")
ANALYST_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("hub", "generate_analysis_paper"),
    ("wagtail_localize", "submit_translation"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "choose_image"),
    # The thesaurus cross-language search maps through: analysts add what they find.
    ("hub", "add_concept"),
    ("hub", "change_concept"),
    ("hub", "view_concept"),
)
PAGE_PERMISSIONS = ("add_page", "change_page")
PERMISSION = "hub.generate_analysis_paper"


def may_generate(user):
    """Whether ``user`` may generate analysis papers (asked by every view on the server)."""
    return user.is_authenticated and user.is_active and user.has_perm(PERMISSION)


def _permission(app_label, codename):
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


@transaction.atomic
def ensure_analyst_group():
    """Create the group (or complete it) and grant it the region pages.
    Safe to run again; returns the group."""
    group, _created = Group.objects.get_or_create(name=ANALYSTS_GROUP)
    wanted = [p for p in (_permission(app, codename) for app, codename in ANALYST_PERMISSIONS) if p]
    group.permissions.add(*wanted)
    generate = _permission("hub", "generate_analysis_paper")
    for editors in Group.objects.filter(name__in=EDITOR_GROUPS):
        editors.permissions.add(generate)

    for page in RegionPage.objects.all():
        grant_region_page(page, group)
    return group


def grant_region_page(page, group=None):
    """Let the Analysts add and change pages under ``page`` (and the page itself:
    Wagtail's page permissions cover a page and all it holds)."""
    from wagtail.models import GroupPagePermission

    group = group or Group.objects.filter(name=ANALYSTS_GROUP).first()
    if group is None:
        return
    for codename in PAGE_PERMISSIONS:
        permission = _permission("wagtailcore", codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def region_page_created(sender, instance, created, raw=False, **kwargs):
    """A region page made after ``setup_site`` (the demo, an editor, a translation)."""
    if created and not raw:
        grant_region_page(instance)


class AnalystPolicy(BasePermissionPolicy):
    """``may_generate`` as Wagtail asks it: analysts list every generation and
    start new ones ("add"); generations are never edited or deleted in the admin."""

    def __init__(self):
        super().__init__(PaperGeneration)

    def user_has_permission(self, user, action):
        return action in ("view", "add") and may_generate(user)

    def instances_user_has_permission_for(self, user, action):
        generations = self.model.objects.all()
        return generations if self.user_has_permission(user, action) else generations.none()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)
