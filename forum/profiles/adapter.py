"""allauth's account adapter, made to survive a mail server that is down.

allauth sends the sign-up confirmation, password-reset and address-change
e-mails inside the request. When the mail server refuses or times out, the
account (or the change) is already saved; failing the request with a 500
would hide that and invite a second sign-up. Instead the failure is logged
and the person is told the e-mail could not be sent and how to get another:
signing in with an unconfirmed address sends a new confirmation link, and
``/accounts/email/`` has "Re-send verification".

New accounts' usernames are made up, never taken from the e-mail address
(allauth's default uses its local part): the username appears beside
posts, in feeds and to moderators, and a pseudonymous participant's address
must never be guessable from what the site shows.
"""

import logging
import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url, user_username
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.utils.http import urlencode
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


USERNAME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes (l/1, o/0)


def made_up_username():
    """``member-`` and eight random characters, unused by any account."""
    User = get_user_model()
    while True:
        username = "member-" + "".join(secrets.choice(USERNAME_ALPHABET) for _n in range(8))
        if not User.objects.filter(username__iexact=username).exists():
            return username


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        if not user_username(user):
            user_username(user, made_up_username())

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The e-mail's link carries the sign-up's ``next``, so confirming in
        another browser (the phone's mail app opening its own) also returns
        to where the person started; in the same browser allauth's login
        stage does it already."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        target = get_next_redirect_url(request) if request is not None else None
        return f"{url}?{urlencode({'next': target})}" if target else url

    def send_mail(self, template_prefix, email, context):
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
