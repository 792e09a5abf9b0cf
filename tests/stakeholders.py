"""Stakeholder profiles for tests: posting needs one (the sign-up form asks for it)."""

from forum.models import StakeholderProfile
from hub.models import StakeholderGroup


def give_profile(user, display_name="Amina", group="civil-society"):
    profile, _created = StakeholderProfile.objects.get_or_create(
        user=user,
        defaults={
            "display_name": display_name,
            "stakeholder_group": StakeholderGroup.objects.get(slug=group, locale__language_code="en"),
        },
    )
    return profile
