"""Bulk requests to Elasticsearch: building them, reading per-item results,
and choosing the batch size for a rebuild."""

import time
from dataclasses import dataclass, field

from elasticsearch import ApiError, TransportError

# Whole-request answers that mean "later", not "never".
RETRYABLE_STATUS = {429, 502, 503, 504}


def index_action(index, document):
    return [{"index": {"_index": index, "_id": str(document["post_id"])}}, document]


def delete_action(index, post_id):
    return [{"delete": {"_index": index, "_id": str(post_id)}}]


def item_errors(response):
    """{post id: error text} for the items of a bulk response that failed.

    Deleting a document that is not there (404) is what was wanted.
    """
    errors = {}
    for item in response.get("items", []):
        ((action, result),) = item.items()
        status = result.get("status", 200)
        if status < 300 or (action == "delete" and status == 404):
            continue
        error = result.get("error") or {}
        reason = error.get("reason", "") if isinstance(error, dict) else str(error)
        kind = error.get("type", "error") if isinstance(error, dict) else "error"
        errors[int(result["_id"])] = f"{status} {kind}: {reason}"
    return errors


def is_retryable(error):
    """True for failures a later attempt may get past (down, slow, busy)."""
    if isinstance(error, ApiError):
        return error.status_code in RETRYABLE_STATUS
    return isinstance(error, TransportError)  # connection refused, timeout, TLS…


@dataclass
class BatchSizer:
    """Bulk batch size for a rebuild: starts at ``start`` and doubles while
    throughput (documents per second) keeps improving by at least
    ``gain``; halves when the cluster pushes back (429). ``fixed`` turns
    the search off (settings ``ELASTICSEARCH_BULK_SIZE``)."""

    start: int = 100
    maximum: int = 6400
    fixed: int | None = None
    gain: float = 1.1
    current: int = 0
    best_rate: float = 0.0
    settled: bool = False
    history: list = field(default_factory=list)

    def __post_init__(self):
        self.current = self.fixed or self.start
        self.settled = bool(self.fixed)

    def size(self):
        return self.current

    def record(self, count, seconds):
        rate = count / max(seconds, 1e-6)
        self.history.append((self.current, count, rate))
        if self.settled or count < self.current:  # a short last batch says nothing
            return
        if rate >= self.best_rate * self.gain and self.current < self.maximum:
            self.best_rate = rate
            self.current = min(self.current * 2, self.maximum)
        else:
            self.settled = True

    def rejected(self):
        self.current = max(self.start // 2 or 1, self.current // 2)
        self.settled = True


def send_with_retries(send, attempts=5, base_delay=0.5, sleep=time.sleep, on_rejected=None):
    """Call ``send()`` until it succeeds or fails for good; back off between tries."""
    for attempt in range(1, attempts + 1):
        try:
            return send()
        except (ApiError, TransportError) as error:
            if attempt == attempts or not is_retryable(error):
                raise
            if on_rejected and isinstance(error, ApiError) and error.status_code == 429:
                on_rejected()
            sleep(base_delay * 2 ** (attempt - 1))
    return None
