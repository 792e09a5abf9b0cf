"""Admin registrations of the regional forum (loaded by Django's admin autodiscovery)."""

from .attachments import admin as attachments_admin  # noqa: F401
from .profiles import admin as profiles_admin  # noqa: F401
