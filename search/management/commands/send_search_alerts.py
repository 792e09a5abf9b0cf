from django.core.management.base import BaseCommand

from search.saved.alerts import send_search_alerts


class Command(BaseCommand):
    help = (
        "E-mail each reader the contributions that newly match their saved searches with a daily "
        "alert, as they may see them now. Run it once a day (from cron); a second run the same day "
        "sends nothing."
    )

    def handle(self, *args, **options):
        sent = send_search_alerts()
        if options["verbosity"]:
            self.stdout.write(f"{sent} alert e-mail(s) sent.")
