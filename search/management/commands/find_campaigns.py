import time

from django.core.management.base import BaseCommand

from search import facade
from search.campaigns import store


class Command(BaseCommand):
    help = (
        "Group near-identical contributions from different authors into campaigns: fingerprint the "
        "contributions that have no fingerprint yet, group them all, and write the difference (campaigns "
        "that persist keep their id; moderators' splits and merges are kept). Safe to run again."
    )

    def handle(self, *args, verbosity, **options):
        started = time.monotonic()
        fingerprinted = store.fingerprint_missing()
        fingerprinted_at = time.monotonic()
        campaigns, members, changed = store.regroup()
        facade.campaigns_changed(changed)
        done = time.monotonic()
        self.stdout.write(
            f"{fingerprinted} contribution(s) fingerprinted in {fingerprinted_at - started:.1f} s; "
            f"{campaigns} campaign(s) of {members} contribution(s), {len(changed)} changed, "
            f"grouped in {done - fingerprinted_at:.1f} s."
        )
