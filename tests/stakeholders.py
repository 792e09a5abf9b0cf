"""Stakeholder profiles for tests: posting needs one (the sign-up form asks for it)."""

from tests.factories import StakeholderProfileFactory, english_group


def give_profile(user, display_name="Amina", group="civil-society"):
    """The account's profile, made if it has none (an existing one is kept as it is)."""
    return StakeholderProfileFactory(
        user=user, display_name=display_name, stakeholder_group=english_group(group)
    )
