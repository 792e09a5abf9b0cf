from django.core.management.base import BaseCommand

from forum.subscriptions.digest import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each follower who chose a daily digest what became visible in the spaces and topics "
        "they follow since their last digest. Run it once a day (from cron); a second run the same "
        "day sends nothing."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        if options["verbosity"]:
            self.stdout.write(f"{sent} digest(s) sent.")
