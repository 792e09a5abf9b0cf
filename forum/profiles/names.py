"""The name a person is shown by, everywhere: never their e-mail address.

Some participants are undocumented migrants who take part under a chosen
name. Every surface that names a person — machina's templates (through
``MACHINA_USER_DISPLAY_NAME_METHOD``), the Wagtail admin (which calls
``get_full_name``), allauth's e-mails (``ACCOUNT_USER_DISPLAY``), the
notification e-mails, the feeds, the moderation queue, the Django admin —
asks ``public_name``; a post is signed with ``signed_name``.

The order: the stakeholder profile's display name (what the person chose),
else the first and last names staff may give an account in the admin, else
the username, which is made up (``member-xxxxxxxx``, see ``adapter.py`` and
the migration that replaced the older, address-derived ones).
"""

import re
import secrets

from django.core.exceptions import ObjectDoesNotExist

# The shape of a made-up username; any other is replaced by the migration.
OPAQUE_USERNAME = re.compile(r"^member-[a-z2-9]{8}$")
USERNAME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes (l/1, o/0)


def made_up_username(user_model=None):
    """``member-`` and eight random characters, unused by any account.

    ``user_model`` lets a migration pass its historical model."""
    if user_model is None:
        from django.contrib.auth import get_user_model

        user_model = get_user_model()
    while True:
        username = "member-" + "".join(secrets.choice(USERNAME_ALPHABET) for _n in range(8))
        if not user_model.objects.filter(username__iexact=username).exists():
            return username


def public_name(user):
    """The name ``user`` is shown by to everyone else; "" for no user."""
    if user is None or not getattr(user, "pk", None):
        return ""
    try:
        chosen = user.stakeholder_profile.display_name.strip()
    except ObjectDoesNotExist:  # no profile: staff, or accounts older than profiles
        chosen = ""
    if chosen:
        return chosen
    full_name = f"{user.first_name} {user.last_name}".strip()
    return full_name or user.get_username()


def signed_name(post):
    """The name ``post`` is signed with: the contribution's author as they were
    when posting (a later profile edit does not rewrite history), else the
    poster's public name, else the name an account-less (imported) post carries."""
    if post is None:
        return ""
    try:
        signed = post.contribution.author_name
    except ObjectDoesNotExist:
        signed = ""
    if signed:
        return signed
    if post.poster_id:
        return public_name(post.poster)
    return post.username or ""


def install():
    """Make ``User.get_full_name`` the public name.

    The Wagtail admin names users by ``get_full_name()`` (its only hook) and
    machina by the method ``MACHINA_USER_DISPLAY_NAME_METHOD`` names; with
    this, both — and anything else asking Django's usual question — show the
    same name as the rest of the site.
    """
    from django.contrib.auth import get_user_model

    get_user_model().get_full_name = public_name
