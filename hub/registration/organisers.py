"""Who may handle which registrations.

Superusers and members of the "Registration organisers" group handle every
event's registrations; members of "Registration organisers: <region>" only
those of that region's events. Every admin view asks ``visible_registrations``
or ``may_handle_event`` on the server: a hidden link is no permission.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

from hub.models import EventPage, OrganiserGroup, Region, Registration

ALL_REGIONS_GROUP = "Registration organisers"


def regional_group_name(region):
    return f"{ALL_REGIONS_GROUP}: {region.name}"


@transaction.atomic
def ensure_organiser_groups():
    """One group for every event and one per region; names an administrator
    changed are kept. Members may enter the Wagtail admin."""
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    existing = {o.region_id: o for o in OrganiserGroup.objects.select_related("group")}
    regions = [None, *Region.objects.filter(locale__language_code="en").order_by("sort_order", "slug")]
    for region in regions:
        organisers = existing.get(region.pk if region else None)
        if organisers is None:
            name = regional_group_name(region) if region else ALL_REGIONS_GROUP
            group, _created = Group.objects.get_or_create(name=name)
            organisers = OrganiserGroup.objects.create(group=group, region=region)
        organisers.group.permissions.add(access_admin)


def organiser_scope(user):
    """None when the user handles every event, else the set of region ids (maybe empty)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    regions = set()
    for region_id in OrganiserGroup.objects.filter(group__user=user).values_list("region_id", flat=True):
        if region_id is None:
            return None
        regions.add(region_id)
    return regions


def is_organiser(user):
    scope = organiser_scope(user)
    return scope is None or bool(scope)


def visible_events(user):
    """Source event pages whose registrations ``user`` may handle (one per
    event: its translations share the source's registrations)."""
    scope = organiser_scope(user)
    open_here = Q(registration_open=True, locale__language_code=settings.LANGUAGE_CODE)
    events = EventPage.objects.filter(open_here | Q(registrations__isnull=False)).distinct()
    if scope is None:
        return events
    return events.filter(region_id__in=scope)


def visible_registrations(user):
    scope = organiser_scope(user)
    registrations = Registration.objects.all()
    if scope is None:
        return registrations
    return registrations.filter(event__region_id__in=scope)


def may_handle_event(user, event):
    scope = organiser_scope(user)
    return scope is None or (event.region_id is not None and event.region_id in scope)


class OrganiserPolicy(BasePermissionPolicy):
    """The rule above as Wagtail asks it: organisers may view (list and export)
    the registrations of their events, and nobody changes them through the
    generic views (decisions go through ``services``)."""

    def __init__(self):
        super().__init__(Registration)

    def user_has_permission(self, user, action):
        return action == "view" and is_organiser(user)

    def instances_user_has_permission_for(self, user, action):
        if action != "view":
            return Registration.objects.none()
        return visible_registrations(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()
