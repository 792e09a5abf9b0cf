"""Admin registrations of the regional forum (loaded by Django's admin autodiscovery)."""

from .attachments import admin as attachments_admin  # noqa: F401
