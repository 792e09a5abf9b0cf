from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from forum.event_topics import open_topics
from forum.models import RegionalSpace
from hub.models import EventPage


class Command(BaseCommand):
    help = (
        "Open one topic per guiding question of an event page in its region's discussion "
        "space (or --region's). Questions already asked there are skipped, so running it "
        "again is safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("event", help="the event page's id or slug")
        parser.add_argument("--as", dest="moderator", required=True, help="e-mail of the opening account")
        parser.add_argument("--region", help="region slug of the space, for an event with no region")

    def handle(self, *args, **options):
        event_ref = options["event"]
        events = EventPage.objects.filter(locale__language_code="en")
        by_ref = {"pk": event_ref} if event_ref.isdigit() else {"slug": event_ref}
        event = events.filter(**by_ref).first()
        if event is None:
            raise CommandError(f"No English event page {event_ref!r}.")
        moderator = get_user_model().objects.filter(email__iexact=options["moderator"]).first()
        if moderator is None:
            raise CommandError(f"No account with the e-mail {options['moderator']!r}.")
        space = None
        if options["region"]:
            space = RegionalSpace.objects.filter(region__slug=options["region"]).first()
            if space is None:
                raise CommandError(f"No space for the region {options['region']!r}.")
        try:
            opened, already_there = open_topics(event, moderator, space)
        except ValueError as error:
            raise CommandError(str(error)) from error
        for topic in opened:
            self.stdout.write(f"Opened: {topic.subject}")
        self.stdout.write(f"{len(opened)} topic(s) opened, {len(already_there)} already there.")
