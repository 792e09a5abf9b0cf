"""A plain progress display for long management commands, on stderr."""

import time


def _plain(text):
    # A command's stderr is styled as errors (red on a terminal); progress is not an error.
    return text


class Progress:
    """Counts work done out of ``total`` and shows it on ``stream``.

    On a terminal the line is redrawn in place; elsewhere (logs, tests) a
    line is written every tenth of the way, so output stays short.
    """

    def __init__(self, stream, total, label, enabled=True):
        self.stream = stream
        self.total = max(total, 1)
        self.label = label
        self.enabled = enabled and total > 0
        self.done = 0
        self.started = time.monotonic()
        self._interactive = getattr(stream, "isatty", lambda: False)()
        self._next_tenth = 1

    def __call__(self, n):
        self.done += n
        if not self.enabled:
            return
        if self._interactive:
            self.stream.write(f"\r{self._status()}", style_func=_plain, ending="")
            self.stream.flush()
        elif self.done * 10 >= self._next_tenth * self.total:
            self._next_tenth = self.done * 10 // self.total + 1
            self.stream.write(self._status(), style_func=_plain)

    def finish(self):
        if self.enabled and self._interactive:
            self.stream.write("", style_func=_plain)

    @property
    def elapsed(self):
        return time.monotonic() - self.started

    def _status(self):
        percent = 100 * self.done // self.total
        bar = "#" * (percent // 5)
        rate = self.done / self.elapsed if self.elapsed else 0
        return f"{self.label} [{bar:<20}] {self.done}/{self.total} ({percent}%) {rate:,.0f}/s"
