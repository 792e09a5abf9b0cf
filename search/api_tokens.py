"""Search API tokens: how an analyst's script calls the JSON API and exports as that analyst.

A token is shown once, when it is made (``manage.py api_token create``), and
only its SHA-256 is stored: a copied database does not hand out working
tokens. A salted slow hash is not needed, as for passwords: the key is 256
random bits, so there is nothing to guess. Requests send
``Authorization: Token <key>``; a token acts with its user's permissions, and
stops working when the user is deactivated or the token deleted.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_PREFIX_CHARS = 8  # kept in clear, so an operator can tell tokens apart
# last_used is written at most this often: one write per request would make
# every API call a database write.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def create_token(self, user, name):
        """(token, key): the key is returned here and never stored."""
        key = secrets.token_urlsafe(32)
        while key.startswith("-"):
            # A prefix starting with "-" reads as an option on the command
            # line (``api_token revoke PREFIX``): draw again.
            key = secrets.token_urlsafe(32)
        token = self.create(user=user, name=name, key_hash=hash_key(key), prefix=key[:KEY_PREFIX_CHARS])
        return token, key

    def authenticate(self, key):
        """The active user a key belongs to, or None; notes the token's use."""
        if not key or len(key) > 200:
            return None
        token = self.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None or not token.user.is_active:
            return None
        now = timezone.now()
        if token.last_used is None or now - token.last_used > LAST_USED_PRECISION:
            type(token).objects.filter(pk=token.pk).update(last_used=now)
        return token.user


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="search_api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=KEY_PREFIX_CHARS, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        app_label = "search"
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
