"""What the forum tells the layers above it.

Model saves and deletes already send Django's own signals. Writers that
bypass them (the bulk importer, a topic's move, which updates its
contributions in one statement) send ``contributions_written`` with the ids
of the posts they wrote, inside their own transaction: the search layer
listens (``search.signals``) and indexes them there, so the index commits
or rolls back with the rows. The forum itself never imports search.
"""

from django.dispatch import Signal

# Sent with ``post_ids``: the posts whose contribution rows were written in bulk.
contributions_written = Signal()


def announce_written(sender, post_ids):
    """Send ``contributions_written`` for ``post_ids``, if there are any."""
    post_ids = list(post_ids)
    if post_ids:
        contributions_written.send(sender=sender, post_ids=post_ids)
