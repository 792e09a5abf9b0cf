"""The Hub's name as its e-mails say it: in the reader's language, never a host or IP.

allauth would name the site by the request's host (``127.0.0.1:8201`` when
there is no Sites framework) and put an English prefix on every subject; the
Hub's own e-mails shared that prefix. All of them ask here.
"""

from django.utils.translation import gettext


def site_name():
    """The Hub's name in the active language."""
    return gettext("Migration Network Hub")


def subject_prefix():
    """What every e-mail subject the Hub sends starts with, in the active language."""
    return f"[{site_name()}] "


class HubSite:
    """Stands for allauth's ``current_site`` in its e-mails: named, in the
    language the e-mail is rendered in, by the Hub's name rather than the
    host the request came to."""

    @property
    def name(self):
        return site_name()

    domain = name
