"""Make, list and revoke API tokens for analysts.

    manage.py api_token create EMAIL --name "Regional review 2026"
    manage.py api_token list [EMAIL]
    manage.py api_token revoke PREFIX

The key is printed once, by ``create``; only its hash is kept.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from search.models import ApiToken


class Command(BaseCommand):
    help = "Create, list or revoke API tokens for the contributions API and exports."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create a token for a user and print its key once.")
        create.add_argument("email")
        create.add_argument("--name", required=True, help="What the token is for (shown in lists).")
        listing = actions.add_parser("list", help="List tokens (of one user if an e-mail is given).")
        listing.add_argument("email", nargs="?")
        revoke = actions.add_parser("revoke", help="Delete a token, named by the prefix that list shows.")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    @staticmethod
    def _user(email):
        users = list(get_user_model().objects.filter(email__iexact=email.strip())[:2])
        if len(users) != 1:
            raise CommandError(f"No single account has the e-mail address {email!r}.")
        if not users[0].is_active:
            raise CommandError(f"The account {email!r} is deactivated.")
        return users[0]

    def handle_create(self, email, name, **options):
        user = self._user(email)
        name = name.strip()
        if not name:
            raise CommandError("Give the token a --name.")
        _token, key = ApiToken.objects.create_token(user, name[:100])
        self.stderr.write(f"Token {name!r} created for {user.email}. Its key, shown only now:")
        # Only the key on standard output, so a script can capture it.
        self.stdout.write(key)

    def handle_list(self, email=None, **options):
        tokens = ApiToken.objects.select_related("user").order_by("user__email", "created")
        if email:
            tokens = tokens.filter(user=self._user(email))
        for token in tokens:
            last_used = token.last_used.isoformat(timespec="minutes") if token.last_used else "never"
            self.stdout.write(
                f"{token.prefix}  {token.user.email}  {token.name!r}  created {token.created:%Y-%m-%d}"
                f"  last used {last_used}"
            )

    def handle_revoke(self, prefix, **options):
        tokens = ApiToken.objects.filter(prefix=prefix.strip())
        count = tokens.count()
        if count != 1:
            raise CommandError(f"{count} tokens start with {prefix!r}; give a prefix that list shows.")
        tokens.delete()
        self.stdout.write(f"Token {prefix} revoked.")
