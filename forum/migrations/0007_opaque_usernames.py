"""Every account gets a made-up username (``member-xxxxxxxx``).

Accounts made before usernames were made up carry their address's local part
(``salma.haddad.1796316973``), which was shown beside posts, in feeds and to
moderators. Nobody signs in by username (allauth asks the address; the admin
login forms send to allauth), so changing it locks no one out.

Contributions snapshot their author's name when posted; those whose author
had no display name then were signed with the old username and are signed
with the account's public name now. There is no way back: the old usernames
are what must not be kept.
"""

from django.conf import settings
from django.db import migrations

from forum.profiles.names import OPAQUE_USERNAME, made_up_username


def give_opaque_usernames(apps, schema_editor):
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    User = apps.get_model(app_label, model_name)
    Profile = apps.get_model("regional_forum", "StakeholderProfile")
    Contribution = apps.get_model("regional_forum", "Contribution")
    Post = apps.get_model("forum_conversation", "Post")
    display_names = dict(Profile.objects.values_list("user_id", "display_name"))
    for user in User.objects.exclude(username__regex=OPAQUE_USERNAME.pattern).iterator():
        old = user.username
        user.username = made_up_username(User)
        user.save(update_fields=["username"])
        # The same order as forum.profiles.names.public_name (historical models lack its method).
        public = (
            (display_names.get(user.pk) or "").strip()
            or f"{user.first_name} {user.last_name}".strip()
            or user.username
        )
        Contribution.objects.filter(post__poster_id=user.pk, author_name=old).update(author_name=public[:100])
        Post.objects.filter(poster_id=user.pk, username=old).update(username=None)


class Migration(migrations.Migration):
    dependencies = [
        ("regional_forum", "0006_site_reports"),
        ("forum_conversation", "0013_auto_20201220_1745"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(give_opaque_usernames, migrations.RunPython.noop, elidable=True)]
