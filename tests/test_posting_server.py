"""Posting limits hold against a real server: gunicorn with four worker
processes, as in production, and ten replies sent over HTTP at the same
moment by one signed-in account.

tests/test_posting_concurrency.py sends them through Django's handler from
threads of this process; here each request may land in another process, so
only a lock the database holds can keep them in line (SQLite's immediate
transaction on a file, PostgreSQL's row lock). Without the check under the
lock, four of the ten were stored on PostgreSQL (one per process); on a
SQLite file the processes were seen to take turns even then, so there the
threaded test is the one that catches the race."""

import http.cookiejar
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from machina.core.db.models import get_model

from .factories import StakeholderFactory
from .forum_urls import post_create_url
from .test_fault_drills import file_database, site_file  # noqa: F401 (fixtures)
from .test_posting_concurrency import a_topic, reply_data

Post = get_model("forum_conversation", "Post")

ROOT = Path(__file__).resolve().parent.parent
AT_ONCE = 10
ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
pytestmark = [] if ON_SQLITE else [pytest.mark.django_db(transaction=True)]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(request):
    if ON_SQLITE:
        return f"sqlite:///{request.getfixturevalue('file_database')}"
    request.getfixturevalue("hub_site")
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def server(request, tmp_path):
    """gunicorn serving the test database; yields its address."""
    url = database_url(request)
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "siteconf.settings.test",
        "DATABASE_URL": url,
        "SQLITE_BUSY_TIMEOUT": "30",
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "siteconf.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        # A cold worker's first page (Wagtail's imports, the first queries) can
        # take many seconds on a loaded machine: a slow answer is "not yet",
        # like a refused connection, until the deadline.
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{address}/en/", timeout=30)  # noqa: S310 (our own server)
                break
            except OSError:  # refused, reset, or timed out (URLError and TimeoutError are OSErrors)
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text()[-2000:])
                time.sleep(0.2)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def established(user, topic):
    """Old enough, with approved posts long ago: held to the 5-second pace."""
    type(user).objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=30))
    for n in range(3):
        Post.objects.create(topic=topic, poster=user, subject="Re", content=f"An earlier reply {n}.")
    Post.objects.filter(poster=user).update(created=timezone.now() - timedelta(hours=2))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def signed_in_opener(address, session_key):
    jar = http.cookiejar.CookieJar()
    # Redirects are not followed: a 302 is the post's acceptance.
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    jar.set_cookie(
        http.cookiejar.Cookie(
            0,
            settings.SESSION_COOKIE_NAME,
            session_key,
            None,
            False,
            "127.0.0.1",
            False,
            False,
            "/",
            True,
            False,
            None,
            False,
            None,
            None,
            {},
        )
    )
    return opener


def test_ten_replies_sent_at_once_to_four_processes_are_held_to_the_pace(server, django_user_model):
    author = StakeholderFactory(username="amina", profile__display_name="Amina")
    topic = a_topic(StakeholderFactory(username="starter", profile__display_name="Starter"))
    established(author, topic)
    client = Client()
    client.force_login(author)  # the session row the browser's cookie names
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    form_address = server + post_create_url(topic)

    # Each sender opens the reply form (its CSRF token), then all send together.
    senders = []
    for _n in range(AT_ONCE):
        opener = signed_in_opener(server, session_key)
        page = opener.open(form_address, timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        senders.append((opener, token))
    barrier = threading.Barrier(AT_ONCE)
    statuses, pages, errors = [], [], []

    def send(n, opener, token):
        body = urllib.parse.urlencode(
            {**reply_data(f"My reply number {n}, on regular pathways."), "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(form_address, data=body, headers={"Referer": form_address})  # noqa: S310
        barrier.wait()
        try:
            response = opener.open(request, timeout=60)
            statuses.append(response.status)
            pages.append(response.read().decode())
        except urllib.error.HTTPError as answer:  # 302 (not followed) and any error status
            statuses.append(answer.code)
        except Exception as error:  # a thread's failure must fail the test, not vanish
            errors.append(error)

    threads = [threading.Thread(target=send, args=[n, *sender]) for n, sender in enumerate(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert 500 not in statuses and 503 not in statuses, statuses
    stored = Post.objects.filter(topic=topic, poster=author, content__startswith="My reply number")
    assert stored.count() == 1
    assert statuses.count(302) == 1, statuses
    assert statuses.count(200) == AT_ONCE - 1, statuses
    assert all("You are posting too quickly" in page for page in pages)
