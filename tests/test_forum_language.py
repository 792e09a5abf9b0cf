"""The discussion spaces speak Arabic and French in full, not only our own strings.

machina ships an Arabic catalogue with about one string in twenty translated;
forum/machina_locale completes it (and machina's French).
"""

from pathlib import Path

import machina
import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.test.signals import setting_changed
from django.utils import translation
from machina.core.db.models import get_model

from forum.permissions import grant_public_read

ROOT = Path(__file__).resolve().parent.parent
MACHINA_LOCALE = ROOT / "forum" / "machina_locale"
MACHINAS_OWN_CATALOGUE = Path(machina.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"


# Headings of machina's forum list and statistics on the index page. machina's
# own Arabic translates none of these but "Last post" (as "أخر منشور").
@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """Compile stale .mo files, then make Django reload its catalogues."""
    call_command("compile_catalogues", verbosity=0)
    setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)


def catalogue(language):
    return polib.pofile(str(MACHINA_LOCALE / language / "LC_MESSAGES" / "django.po"))


def keys(entries):
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in entries if not e.obsolete}


def test_settings_put_the_project_catalogue_before_machinas():
    assert [Path(p) for p in settings.LOCALE_PATHS][:2] == [ROOT / "locale", MACHINA_LOCALE]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_catalogue_holds_every_machina_string_translated(language):
    ours = catalogue(language)
    missing = keys(polib.pofile(str(MACHINAS_OWN_CATALOGUE))) - keys(ours)
    assert not missing, sorted(missing)
    assert not [e.msgid for e in ours.untranslated_entries()]
    assert not [e.msgid for e in ours.fuzzy_entries()]
    assert not ours.obsolete_entries()


@pytest.mark.parametrize(("language", "forms"), [("ar", 6), ("fr", 2)])
def test_compiled_catalogue_has_every_entry_and_plural_form(language, forms):
    source = catalogue(language)
    compiled = polib.mofile(str(MACHINA_LOCALE / language / "LC_MESSAGES" / "django.mo"))
    assert keys(compiled) == keys(source)
    for entry in compiled:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == list(range(forms)), entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid
        else:
            assert entry.msgstr or not entry.msgid, entry.msgid


def test_arabic_counts_take_each_of_the_six_plural_forms():
    with translation.override("ar"):
        found = {
            n: translation.ngettext("%(counter)s topic found", "%(counter)s topics found", n) % {"counter": n}
            for n in (0, 1, 2, 5, 11, 100)
        }
    assert found == {
        0: "لم يُعثر على أي موضوع",
        1: "عُثر على موضوع واحد",
        2: "عُثر على موضوعين",
        5: "عُثر على 5 مواضيع",
        11: "عُثر على 11 موضوعًا",
        100: "عُثر على 100 موضوع",
    }


def test_project_wording_wins_over_the_machina_catalogue():
    with translation.override("ar"):
        assert translation.gettext("View my posts") == "عرض مساهماتي"
    with translation.override("fr"):
        assert translation.gettext("View my posts") == "Voir mes contributions"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_forum_index_shows_machinas_headings_in_the_visitors_language(client, language):
    grant_public_read()
    forum = get_model("forum", "Forum")
    forum.objects.create(name="Arab States", type=forum.FORUM_POST)

    response = client.get(f"/{language}/forum/")

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "Arab States" in page.main.get_text()
    visible_text = page.main.get_text(" ", strip=True)
    with translation.override(language):
        expected = [
            translation.gettext("Regional discussion spaces"),
            translation.gettext("No posts yet."),
            translation.ngettext("%(counter)s topic in all", "%(counter)s topics in all", 0) % {"counter": 0},
        ]
    for text in expected:
        assert text in visible_text
    for english in ("Regional discussion spaces", "No posts yet.", "topics in all", "posts in all"):
        assert english not in visible_text, english
