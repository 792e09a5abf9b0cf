"""Helper for the fault-drill scripts (disk_full.sh, worker_kill.sh): prepares
a scratch site, posts to the running server over HTTP as a stakeholder, and
checks what the database and the upload folders hold afterwards.

Run with the scripts' environment (DJANGO_SETTINGS_MODULE, DATABASE_URL,
MEDIA_ROOT, PRIVATE_MEDIA_ROOT, DRILL_DIR); never against a real site.

    drill.py prepare                 migrate, set up, seed, make the drill account and its session
    drill.py post MARKER [--attach]  reply in a topic (optionally with a PNG); prints the HTTP status
    drill.py check MARKER...         integrity check, posts per marker, orphan files or rows
"""

import argparse
import io
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
STATE = Path(os.environ["DRILL_DIR"]) / "drill-state.json"


def django_setup():
    import django

    django.setup()


def prepare(args):
    django_setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import translation
    from machina.core.db.models import get_model

    from forum.models import StakeholderProfile
    from hub.models import StakeholderGroup

    call_command("migrate", verbosity=0, interactive=False)
    call_command("setup_site", "--no-staff", verbosity=0)
    call_command("seed_contributions", "--count", "20", "--seed", "5", verbosity=0)
    user, _ = get_user_model().objects.get_or_create(
        username="drill", defaults={"email": "drill@example.org"}
    )
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    StakeholderProfile.objects.get_or_create(
        user=user,
        defaults={
            "display_name": "Drill",
            "stakeholder_group": StakeholderGroup.objects.get(
                slug="civil-society", locale__language_code="en"
            ),
        },
    )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    topic = get_model("forum_conversation", "Topic").objects.filter(approved=True).order_by("pk").first()
    with translation.override("en"):
        url = reverse(
            "forum_conversation:post_create",
            kwargs={
                "forum_slug": topic.forum.slug,
                "forum_pk": topic.forum.pk,
                "topic_slug": topic.slug,
                "topic_pk": topic.pk,
            },
        )
    STATE.write_text(json.dumps({"session": session.session_key, "reply_url": url}))
    print(f"prepared: session for drill@example.org, replying at {url}")


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (20, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def post(args):
    import requests

    state = json.loads(STATE.read_text())
    base = os.environ.get("DRILL_URL", "http://127.0.0.1:8765")
    http = requests.Session()
    http.cookies.set("sessionid", state["session"])
    form = http.get(base + state["reply_url"], timeout=30)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    if form.status_code != 200 or not match:
        title = re.search(r"<h1[^>]*>(.*?)</h1>", form.text, re.S)
        shown = " ".join(title.group(1).split()) if title else ""
        print(f"post {args.marker}: the form itself answered HTTP {form.status_code} {shown}".rstrip())
        return 1
    data = {
        "csrfmiddlewaretoken": match.group(1),
        "contribution_metadata": "1",
        "subject": "Re: drill",
        "content": f"Drill reply {args.marker}: consular services should answer in more languages.",
        "kind": "comment",
        "language": "en",
        "enable_signature": "",
        "attachment-TOTAL_FORMS": "1" if args.attach else "0",
        "attachment-INITIAL_FORMS": "0",
        "poll-TOTAL_FORMS": "0",
        "poll-INITIAL_FORMS": "0",
    }
    files = {"attachment-0-file": (f"{args.marker}.png", png_bytes(), "image/png")} if args.attach else None
    if args.attach:
        data["attachment-0-comment"] = "drill"
    if args.ready:
        Path(args.ready).touch()  # the kill script waits for this, then strikes during the POST
    try:
        response = http.post(
            base + state["reply_url"], data=data, files=files, allow_redirects=False, timeout=args.timeout
        )
    except requests.RequestException as error:
        print(f"post {args.marker}: no answer ({type(error).__name__})")
        return 2
    title = re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.S)
    shown = " ".join(title.group(1).split()) if title else ""
    location = response.headers.get("Location", "")
    print(f"post {args.marker}: HTTP {response.status_code} {location} {shown}".rstrip())
    return 0


def check(args):
    django_setup()
    from django.conf import settings
    from django.db import connection
    from machina.core.db.models import get_model

    from forum.models import Contribution

    Post = get_model("forum_conversation", "Post")
    Attachment = get_model("forum_attachments", "Attachment")
    from django.db import OperationalError

    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            print(f"integrity_check: {cursor.fetchone()[0]}")
    except OperationalError as error:
        print(f"the database cannot be opened now: {error}")
        return 1
    for marker in args.markers:
        posts = Post.objects.filter(content__contains=f"Drill reply {marker}:")
        contributions = Contribution.objects.filter(post__in=posts).count()
        attachments = Attachment.objects.filter(post__in=posts).count()
        print(f"{marker}: posts={posts.count()} contributions={contributions} attachments={attachments}")
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    on_disk = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    in_rows = {a.file.name for a in Attachment.objects.all()}
    print(f"orphan files (no row): {sorted(on_disk - in_rows)}")
    print(f"rows without file: {sorted(in_rows - on_disk)}")


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare")
    posting = sub.add_parser("post")
    posting.add_argument("marker")
    posting.add_argument("--attach", action="store_true")
    posting.add_argument("--timeout", type=float, default=60)
    posting.add_argument("--ready", help="a file to create just before the POST is sent")
    checking = sub.add_parser("check")
    checking.add_argument("markers", nargs="*")
    args = parser.parse_args()
    return {"prepare": prepare, "post": post, "check": check}[args.command](args) or 0


if __name__ == "__main__":
    sys.exit(main())
