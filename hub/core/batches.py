"""Long work cut into batches: the one helper every layer uses for it."""

from itertools import islice


def batches(items, size):
    """Lists of at most ``size`` of ``items``, in order.

    ``items`` is any iterable (a list, a generator, a queryset's
    ``iterator()``) and is read once, lazily: a batch is taken only when the
    one before it has been used, so a million rows are never all in memory.
    """
    if size < 1:
        raise ValueError("a batch holds at least one item")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
