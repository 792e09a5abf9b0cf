"""allauth's account adapter, made to survive a mail server that is down.

allauth sends the sign-up confirmation, password-reset and address-change
e-mails inside the request. When the mail server refuses or times out, the
account (or the change) is already saved; failing the request with a 500
would hide that and invite a second sign-up. Instead the failure is logged
and the person is told the e-mail could not be sent and how to get another:
signing in with an unconfirmed address sends a new confirmation link, and
``/accounts/email/`` has "Re-send verification".

New accounts' usernames are made up, never taken from the e-mail address
(allauth's default uses its local part): a pseudonymous participant's
address must never be guessable from what the site shows. People are shown
by their public name (``names.py``); the username is only the fallback.

allauth's e-mails name the Hub, in the language they are written in, in
their greeting and subject prefix, rather than the host the request came to.
"""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url, user_username
from django.contrib import messages
from django.utils.encoding import force_str
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from hub.core.site_name import HubSite, subject_prefix

from .names import made_up_username

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        if not user_username(user):
            user_username(user, made_up_username())

    def format_email_subject(self, subject):
        return subject_prefix() + force_str(subject)

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The e-mail's link carries the sign-up's ``next``, so confirming in
        another browser (the phone's mail app opening its own) also returns
        to where the person started; in the same browser allauth's login
        stage does it already."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        target = get_next_redirect_url(request) if request is not None else None
        return f"{url}?{urlencode({'next': target})}" if target else url

    def send_mail(self, template_prefix, email, context):
        # allauth names the site after the request's host ("Hello from
        # 127.0.0.1:8201!"); the Hub's e-mails name the Hub, in the reader's language.
        context = {**context, "current_site": HubSite()}
        try:
            super().send_mail(template_prefix, email, context)
        except OSError as error:  # refused, timed out, or any smtplib.SMTPException
            logger.warning("Could not send %s to %s: %s", template_prefix, email, error)
            request = getattr(self, "request", None)
            if request is None or not hasattr(request, "_messages"):
                return
            if "email_confirmation" in template_prefix:
                text = _(
                    "We could not send you the confirmation e-mail just now; your account is saved. "
                    "Sign in again in a few minutes and a new confirmation link will be sent."
                )
            else:
                text = _("We could not send you the e-mail just now. Please try again in a few minutes.")
            messages.warning(request, text)
