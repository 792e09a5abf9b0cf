"""The production profile's headers and error pages (quality-targets.md CF2, CF3).

The header tests run the test profile with the HTTPS and cookie settings read
from site/settings/production.py itself, over HTTPS requests (HSTS is sent on
those only). `check --deploy` is in test_configuration.py.
"""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from machina.core.db.models import get_model

from forum.models import RegionalSpace
from siteconf import security

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ONLY = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
]


class HttpsClient(Client):
    """Every request over HTTPS, as behind the TLS proxy of a deployment."""

    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


@pytest.fixture
def production(settings, monkeypatch):
    """The test profile with production's HTTPS, HSTS and cookie settings."""
    monkeypatch.setenv("SECRET_KEY", "p" * 64)
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    module = importlib.reload(importlib.import_module("siteconf.settings.production"))
    for name in PRODUCTION_ONLY:
        setattr(settings, name, getattr(module, name))
    return HttpsClient(raise_request_exception=False)


def directives(response):
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        parsed[name] = value.split()
    return parsed


def assert_security_headers(response):
    csp = directives(response)
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] in (["'self'"], ["'none'"])
    hsts = [item.strip() for item in response["Strict-Transport-Security"].split(";")]
    max_age = next(int(item.split("=")[1]) for item in hsts if item.startswith("max-age="))
    assert max_age >= 31_536_000
    assert "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    return csp


def assert_strict_site_policy(csp):
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    # No other origin anywhere: only keywords, data: images and hashes.
    for name, sources in csp.items():
        for source in sources:
            assert source.startswith("'") or source == "data:", (name, source)


# ---------------------------------------------------------------- CF2: headers


def test_a_page_has_every_header(production):
    response = production.get("/en/")
    assert response.status_code == 200
    assert_strict_site_policy(assert_security_headers(response))


def test_the_json_api_has_every_header(production):
    response = production.get("/api/v1/contributions/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert_strict_site_policy(assert_security_headers(response))


def test_a_static_file_has_every_header(production):
    response = production.get("/static/hub/css/site.css")
    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.parametrize("path", ["/en/no-such-page/", "/ar/no-such-page/"])
def test_the_not_found_page_has_every_header(production, path):
    response = production.get(path)
    assert response.status_code == 404
    assert_strict_site_policy(assert_security_headers(response))


def test_a_document_keeps_its_own_stricter_policy_and_gets_the_rest(production, settings, tmp_path):
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = tmp_path
    pdf = ContentFile(b"%PDF-1.4 report", name="report.pdf")
    document = Document.objects.create(title="Report", file=pdf)
    response = production.get(document.url)
    assert response.status_code == 200
    csp = assert_security_headers(response)
    assert csp["default-src"] == ["'none'"]


def test_an_attachment_keeps_its_sandbox_and_gets_the_rest(production, settings, tmp_path, verified_user):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    Topic = get_model("forum_conversation", "Topic")
    Post = get_model("forum_conversation", "Post")
    Attachment = get_model("forum_attachments", "Attachment")
    forum = RegionalSpace.objects.select_related("forum").get(region__slug="arab-states").forum
    topic = Topic.objects.create(
        forum=forum,
        poster=verified_user,
        subject="Reports",
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
    )
    post = Post.objects.create(topic=topic, poster=verified_user, subject="Reports", content="See the file")
    attachment = Attachment.objects.create(post=post, file=ContentFile(b"plain text", name="notes.txt"))
    production.force_login(verified_user)
    response = production.get(f"/en/forum/attachment/{attachment.pk}/")
    assert response.status_code == 200
    csp = assert_security_headers(response)
    assert "sandbox" in csp


def test_cookies_are_secure_httponly_and_lax(production, verified_user):
    login = production.get("/en/accounts/login/")
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    response = production.post(
        "/en/accounts/login/",
        {"login": verified_user.email, "password": "a-long-pass-phrase-2024"},
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    switched = production.post("/i18n/setlang/", {"language": "fr", "next": "/fr/"})
    language = switched.cookies["django_language"]
    assert language["secure"] and language["httponly"] and language["samesite"] == "Lax"


def test_only_the_admin_gets_inline_scripts_and_styles(production, staff_user):
    production.force_login(staff_user)
    response = production.get("/admin/")
    assert response.status_code == 200
    csp = assert_security_headers(response)
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    # The same account on the site gets the strict policy.
    assert_strict_site_policy(directives(production.get("/en/")))


def test_site_templates_hold_no_inline_script_or_style_attribute():
    """What the strict policy would refuse: inline scripts, event handlers, style attributes.

    E-mail templates are not served to browsers; the Wagtail admin's own
    templates (hub/registration/admin) are under the admin's policy.
    """
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        relative = path.relative_to(ROOT / "templates").as_posix()
        if "/email/" in relative or relative.startswith("hub/registration/admin/"):
            continue
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append((relative, "inline script"))
        if re.search(r"\sstyle=", text):
            offenders.append((relative, "style attribute"))
        if re.search(r"\son[a-z]+=", text):
            offenders.append((relative, "event handler attribute"))
    assert not offenders


# ---------------------------------------------------------------- CF3: error pages


def test_an_unhandled_error_gives_the_generic_page_with_the_headers(production, monkeypatch, caplog):
    from search.http import views

    def broken(*args, **kwargs):
        raise RuntimeError("SELECT secret FROM table")

    monkeypatch.setattr(views.SearchView, "get", broken)
    response = production.get("/ar/search/", {"q": "x"})
    assert response.status_code == 500
    body = response.content.decode()
    assert "حدث خطأ ما" in body
    for leak in ("Traceback", "RuntimeError", "SELECT", "secret", "search/http/views.py"):
        assert leak not in body
    assert_strict_site_policy(assert_security_headers(response))
    # The error is logged (once) for the operators.
    logged = [r for r in caplog.records if r.name == "django.request" and r.levelname == "ERROR"]
    assert len(logged) == 1


def test_the_error_pages_only_style_is_the_one_the_policy_allows(rf):
    from django.template.loader import render_to_string
    from django.views.defaults import server_error

    busy = render_to_string("503.html")  # the "database busy" page (hub/core/busy.py)
    for body in (server_error(rf.get("/en/")).content.decode(), busy):
        styles = re.findall(r"<style>(.*?)</style>", body, re.S)
        assert styles == [security.ERROR_PAGE_STYLE]
        assert "style=" not in body
        assert security.source_hash(styles[0]) in security.SITE_POLICY["style-src"]


# ---------------------------------------------------------------- gunicorn


def test_the_gunicorn_configuration_loads():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "SECRET_KEY": "g" * 64,
        "ALLOWED_HOSTS": "hub.example.org",
        "DATABASE_URL": "sqlite:////tmp/hub-gunicorn-check.sqlite3",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = subprocess.run(
        [str(gunicorn), "--check-config", "-c", "site/gunicorn.conf.py", "siteconf.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
