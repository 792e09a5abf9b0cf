"""Signed unsubscribe links: they work without signing in, so the link itself
must say who stops following what, and must not be forgeable."""

from django.core import signing

SALT = "forum.subscriptions.unsubscribe"
# What a link can stop: one space, one topic, or every e-mail.
SCOPES = ("space", "topic", "all")


def make_token(user, scope, object_id=None):
    if scope not in SCOPES:
        raise ValueError(scope)
    return signing.dumps({"u": user.pk, "s": scope, "o": object_id}, salt=SALT)


def read_token(token):
    """(user id, scope, object id), or None for a forged, damaged or foreign token."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("s") not in SCOPES or not isinstance(data.get("u"), int):
        return None
    object_id = data.get("o")
    if data["s"] != "all" and not isinstance(object_id, int):
        return None
    return data["u"], data["s"], object_id
