"""A scripted stand-in for an Elasticsearch server, on loopback, in a thread.

It records every request (method, path, query parameters, JSON or NDJSON
body) and answers from routes the test sets: a status, a JSON body, and
optionally a delay longer than the client's timeout (a hanging server).
No Elasticsearch is installed here; the request bodies and the client's
handling of answers are what these tests can check.
"""

import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HEADERS = {"Content-Type": "application/json", "X-Elastic-Product": "Elasticsearch"}


@dataclass
class Request:
    method: str
    path: str
    params: dict
    body: object

    @property
    def lines(self):
        """An NDJSON body (``_bulk``) as a list of objects."""
        return self.body if isinstance(self.body, list) else [self.body]


@dataclass
class Route:
    method: str
    pattern: re.Pattern
    status: int
    body: object
    delay: float
    times: int | None
    used: int = 0

    def answer(self, request):
        return self.body(request) if callable(self.body) else self.body


@dataclass
class StubElasticsearch:
    requests: list = field(default_factory=list)
    routes: list = field(default_factory=list)
    # Exceptions raised by the tests' answer functions (run in the server's
    # thread, which must never touch the test database).
    errors: list = field(default_factory=list)

    def __post_init__(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _handle(self):
                stub._serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A handler still "hanging" must not hold up the test's end.
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}"

    def on(self, method, path_pattern, body=None, status=200, delay=0.0, times=None):
        """Answer ``method path`` (both regexes, full match) — newest route first;
        ``times`` limits how often, after which older routes answer again."""
        self.routes.insert(0, Route(method, re.compile(path_pattern), status, body or {}, delay, times))
        return self

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def calls(self, method=None, path_pattern=None):
        return [
            r
            for r in self.requests
            if (method is None or r.method == method)
            and (path_pattern is None or re.fullmatch(path_pattern, r.path))
        ]

    def _serve(self, handler):
        url = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length).decode() if length else ""
        request = Request(handler.command, url.path, parse_qs(url.query), _decode(raw))
        self.requests.append(request)
        route = self._route(request)
        if route is None:
            status, body, delay = 404, {"error": {"type": "stub_no_route", "reason": request.path}}, 0
        else:
            try:
                status, body, delay = route.status, route.answer(request), route.delay
                if isinstance(body, tuple):  # an answer function choosing its status
                    status, body = body
            except Exception as error:  # a test's answer failed: say so, as a 500
                self.errors.append(error)
                status, body, delay = 500, {"error": {"type": "stub_failure", "reason": repr(error)}}, 0
        if delay:
            time.sleep(delay)
        payload = json.dumps(body).encode()
        try:
            handler.send_response(status)
            for name, value in HEADERS.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            if handler.command != "HEAD":
                handler.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (timeout tests)

    def _route(self, request):
        for route in self.routes:
            if re.fullmatch(route.method, request.method) and route.pattern.fullmatch(request.path):
                if route.times is not None and route.used >= route.times:
                    continue
                route.used += 1
                return route
        return None


def _decode(raw):
    if not raw:
        return None
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return [json.loads(line) for line in raw.splitlines() if line.strip()]


def closed_port_url():
    """A loopback URL nothing listens on: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def bulk_ok(request):
    """A successful ``_bulk`` answer for whatever was sent."""
    items = []
    lines = request.lines
    i = 0
    while i < len(lines):
        ((action, meta),) = lines[i].items()
        status = 200 if action == "delete" else 201
        items.append({action: {"_index": meta.get("_index"), "_id": meta["_id"], "status": status}})
        i += 1 if action == "delete" else 2
    return {"took": 1, "errors": False, "items": items}


def rejected(reason="rejected execution of coordinating operation"):
    return {"error": {"type": "es_rejected_execution_exception", "reason": reason}, "status": 429}


def missing_index(name):
    error = {"type": "index_not_found_exception", "reason": f"no such index [{name}]"}
    return 404, {"error": error, "status": 404}


class FakeIndex:
    """Just enough of an index behind the stub for the outbox, rebuild, sync
    and verify tests: concrete indices and the alias pointing to one of them;
    ``_bulk`` stores and deletes documents (through the alias or in a named
    index), ``_search`` pages them by post id with ``search_after`` (the
    shape ``verify`` sends). ``documents`` are those behind the alias.
    With ``existing=False`` the server starts with no index at all."""

    def __init__(self, stub, alias="hub-contributions", existing=True):
        self.stub = stub
        self.alias = alias
        self.indices = {f"{alias}-1": {}} if existing else {}
        self.target = f"{alias}-1" if existing else None
        concrete = rf"/{alias}-\d+"
        stub.on("PUT|POST", "/_bulk", self.bulk)
        stub.on("POST|GET", f"/{alias}/_search", self.search)
        stub.on("GET", f"/_alias/{alias}", self.get_alias)
        stub.on("POST|GET", f"/{alias}/_count", self.count)
        stub.on("PUT", concrete, self.create)
        stub.on("PUT", f"{concrete}/_settings", {"acknowledged": True})
        stub.on("POST", rf"(/{alias}|{concrete})/_refresh", {"_shards": {"failed": 0}})
        stub.on("POST", "/_aliases", self.update_aliases)
        stub.on("DELETE", concrete, self.delete)

    @property
    def documents(self):
        return self.indices.get(self.target, {})

    def _resolve(self, name):
        return self.target if name == self.alias else name

    def bulk(self, request):
        lines = request.lines
        i = 0
        while i < len(lines):
            ((action, meta),) = lines[i].items()
            documents = self.indices.setdefault(self._resolve(meta.get("_index")), {})
            if action == "delete":
                documents.pop(int(meta["_id"]), None)
                i += 1
            else:
                documents[int(meta["_id"])] = lines[i + 1]
                i += 2
        return bulk_ok(request)

    def search(self, request):
        if self.target is None:
            return missing_index(self.alias)
        body = request.body or {}
        after = (body.get("search_after") or [0])[0]
        ids = sorted(pk for pk in self.documents if pk > after)[: body.get("size", 10)]
        hits = [{"_id": str(pk), "_source": self.documents[pk], "sort": [pk]} for pk in ids]
        return {"hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits}}

    def count(self, request):
        if self.target is None:
            return missing_index(self.alias)
        return {"count": len(self.documents)}

    def get_alias(self, request):
        if self.target is None:
            return 404, {"error": f"alias [{self.alias}] missing", "status": 404}
        return {self.target: {"aliases": {self.alias: {}}}}

    def create(self, request):
        name = request.path.lstrip("/")
        self.indices[name] = {}
        if self.alias in ((request.body or {}).get("aliases") or {}):
            self.target = name
        return {"acknowledged": True, "index": name}

    def update_aliases(self, request):
        for action in request.body["actions"]:
            ((kind, what),) = action.items()
            if kind == "remove" and self.target == what["index"]:
                self.target = None
            elif kind == "add":
                self.target = what["index"]
        return {"acknowledged": True}

    def delete(self, request):
        name = request.path.lstrip("/")
        self.indices.pop(name, None)
        if self.target == name:
            self.target = None
        return {"acknowledged": True}
