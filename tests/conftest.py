"""Fixtures shared by the whole suite."""

import pytest
from django.core.management import call_command

SITE_SNAPSHOT = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The site as ``make run`` prepares it: locales and a home page in en, ar and fr.

    Created once per session outside any test transaction, so wagtail-localize's
    publish-on-commit runs; every ``db`` test sees it and rolls back its own changes.
    """
    with django_db_blocker.unblock():
        call_command("setup_site", "--no-staff", verbosity=0)
        # Tests that commit (live server, task worker) empty the database
        # when they end; hub_site reloads this snapshot, taken after the
        # set-up so it holds the home pages. Kept on the connection too, for
        # Django's serialized rollback.
        from django.db import connection

        SITE_SNAPSHOT["default"] = connection.creation.serialize_db_to_string()
        connection._test_serialized_contents = SITE_SNAPSHOT["default"]


@pytest.fixture
def hub_site(transactional_db):
    """The site as ``make run`` sets it up, for a test that commits (live
    server, task worker)."""
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Locale

    # pytest-django runs transactional tests last, and each one empties the
    # database when it ends. Django's serialized rollback would restore it,
    # but it looks for its snapshot on the connection object, and inside
    # Playwright's greenlets that is another object without one; so reload
    # the session's snapshot (taken above) here.
    snapshot = SITE_SNAPSHOT.get("default")
    if snapshot and not Locale.objects.exists():
        # The emptying re-ran post_migrate handlers (machina's permissions):
        # empty again without them, then load the snapshot.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(snapshot)
        # The rows came back with their ids; PostgreSQL's sequences did not
        # (the emptying restarted them), so move them past those ids.
        from django.apps import apps
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(statement)
    call_command("setup_site", "--no-staff", verbosity=0)


@pytest.fixture
def verified_user(django_user_model):
    """A stakeholder account whose e-mail address is confirmed."""
    from tests.factories import VerifiedUserFactory

    return VerifiedUserFactory(username="amina", password="a-long-pass-phrase-2024")


@pytest.fixture
def staff_user(django_user_model):
    """An editor with access to the Wagtail admin, e-mail confirmed."""
    from tests.factories import VerifiedEditorFactory

    return VerifiedEditorFactory(username="editor", password="editor-pass-phrase-2024")


@pytest.fixture
def members(django_user_model):
    """Three plain accounts (poster0..poster2): no confirmed e-mail, no profile."""
    from tests.factories import UserFactory

    return [UserFactory(username=f"poster{n}", email=f"p{n}@example.org", password="x") for n in range(3)]


@pytest.fixture
def stakeholders(django_user_model):
    """Three accounts with different stakeholder profiles (Poster 0..2, each
    its own group, country and organisation)."""
    from hub.models import Country, StakeholderGroup
    from tests.factories import StakeholderProfileFactory, UserFactory

    groups = list(StakeholderGroup.objects.in_default_locale()[:3])
    countries = list(Country.objects.all()[:3])
    return [
        StakeholderProfileFactory(
            user=UserFactory(username=f"poster{n}", email=f"p{n}@example.org", password="x"),
            display_name=f"Poster {n}",
            organisation=f"Organisation {n}",
            stakeholder_group=groups[n],
            country=countries[n],
        ).user
        for n in range(3)
    ]


@pytest.fixture(autouse=True)
def clear_caches():
    """Each test starts with empty caches, so one test's rate-limit counters
    (kept in the cache by allauth) never leak into another."""
    from django.core.cache import caches

    from hub import page_cache

    for cache in caches.all():
        cache.clear()
    page_cache._pending_views.clear()  # topic views counted from cached pages, like a cache


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request served in French
    leaves French active in the test's thread, and reverse() would follow it."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
