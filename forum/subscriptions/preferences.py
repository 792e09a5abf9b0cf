"""A reader's e-mail preferences, with the defaults for readers who never set them."""

from django.conf import settings
from django.utils import translation

from forum.models import Delivery, NotificationSettings, StakeholderProfile

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def default_language(user):
    """The first language of the reader's profile that the site speaks, else the site's default."""
    try:
        languages = user.stakeholder_profile.language_list
    except StakeholderProfile.DoesNotExist:
        languages = []
    return next((code for code in languages if code in LANGUAGE_CODES), settings.LANGUAGE_CODE)


def settings_for(user):
    """The reader's saved preferences, or unsaved defaults."""
    try:
        return user.notification_settings
    except NotificationSettings.DoesNotExist:
        return NotificationSettings(user=user, delivery=Delivery.DIGEST, language=default_language(user))


def remember(user):
    """Create the reader's preferences when they first follow something, in the
    language they are using the site in (they can change it later)."""
    active = translation.get_language()
    language = active if active in LANGUAGE_CODES else default_language(user)
    prefs, _created = NotificationSettings.objects.get_or_create(user=user, defaults={"language": language})
    return prefs
