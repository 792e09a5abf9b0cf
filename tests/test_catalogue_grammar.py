"""Every catalogue the site speaks from counts and punctuates as its language does.

Arabic has six plural forms (CLDR: zero, one, two, few 3–10, many 11–99,
other 100–102 …, all by n % 100); a form left empty or written once for all
six reads "3 مساهمة" or "0 ردّ". The catalogues checked: ours (locale/), the
completion of machina's (forum/machina_locale/) and the corrections to
allauth's and django-countries' (hub/vendor_locale/).
"""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.signals import setting_changed
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [Path(p) for p in settings.LOCALE_PATHS]
VENDOR_LOCALE = ROOT / "hub" / "vendor_locale"


def catalogue(locale_dir, language):
    return polib.pofile(str(locale_dir / language / "LC_MESSAGES" / "django.po"))


def arabic_catalogues():
    return [(path.relative_to(ROOT), catalogue(path, "ar")) for path in CATALOGUES]


ARABIC_IDS = [str(path.relative_to(ROOT)) for path in CATALOGUES]


def cldr_arabic_form(n):
    """The CLDR rule, written out: which of the six forms a number takes."""
    if n == 0:
        return 0
    if n == 1:
        return 1
    if n == 2:
        return 2
    if 3 <= n % 100 <= 10:
        return 3
    if 11 <= n % 100 <= 99:
        return 4
    return 5


# The numbers a reader meets, and the form each must take.
NUMBERS = {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 101: 5, 102: 5, 103: 3, 111: 4, 1000: 5}

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
# Names that hold a number of things (what a noun has to agree with).
COUNT_LIKE = re.compile(
    r"^(count|counter|n|total|number_of_\w+|\w+_count|\w+_length|length|limit|max|max_\w+|"
    r"seconds|minutes|hours|days|changed|gone)$"
)

# Plural entries with more than one count-like placeholder: the one the forms follow.
COUNTED_BY = {
    "%(count)s per %(seconds)s second": "seconds",
    "This export stopped at %(limit)s row of %(total)s. Narrow the search to export the rest.": "limit",
    "Your message has %(length)s character; the limit is %(limit)s. "
    "Please shorten it or split it into several posts.": "length",
    "There is %(unused_count)s out of %(total_count)s recovery codes available.": "unused_count",
}


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """Compile stale .mo files, then make Django reload its catalogues."""
    call_command("compile_catalogues", verbosity=0)
    setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)


def counted_placeholder(entry):
    if entry.msgid in COUNTED_BY:
        return COUNTED_BY[entry.msgid]
    names = {name for name in PLACEHOLDER.findall(entry.msgid_plural) if COUNT_LIKE.match(name)}
    assert len(names) == 1, f"say which placeholder counts in {entry.msgid!r} (COUNTED_BY): {names}"
    return names.pop()


def plural_entries(po):
    return [entry for entry in po if entry.msgid_plural and not entry.obsolete]


def test_the_settings_list_the_corrections_after_our_own_catalogues():
    assert CATALOGUES == [ROOT / "locale", ROOT / "forum" / "machina_locale", VENDOR_LOCALE]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_catalogue_declares_its_languages_plural_rule(language):
    expected = {"ar": cldr_arabic_form, "fr": lambda n: int(n > 1)}[language]
    for path in CATALOGUES:
        header = catalogue(path, language).metadata["Plural-Forms"]
        nplurals, formula = re.fullmatch(r"nplurals=(\d); plural=(.+?);?", header.strip()).groups()
        assert int(nplurals) == {"ar": 6, "fr": 2}[language], path
        # The C expression evaluated as gettext itself does (the .mo readers use it).
        plural = gettext.c2py(formula)
        for n in range(0, 1201):
            assert plural(n) == expected(n), (path, n)


@pytest.mark.parametrize(("path", "po"), arabic_catalogues(), ids=ARABIC_IDS)
def test_arabic_plural_entries_fill_six_forms_and_show_the_number_from_three_on(path, po):
    for entry in plural_entries(po):
        forms = entry.msgstr_plural
        assert sorted(forms) == list(range(6)), (path, entry.msgid)
        assert all(forms.values()), (path, entry.msgid)
        placeholder = f"%({counted_placeholder(entry)})"
        # Zero, one and two may say "no", "one" or the dual instead of the number.
        for index in (3, 4, 5):
            assert placeholder in forms[index], (path, entry.msgid, index)
        # The six are not one sentence copied: at least the few and the many differ
        # from the singular's noun where the number shows.
        assert len(set(forms.values())) > 1, (path, entry.msgid)
        for text in forms.values():
            assert not re.search(r"(?<!%)\(\w+\)[sd]\b", text), (path, entry.msgid, text)
            assert set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(entry.msgid_plural)), text


@pytest.mark.parametrize("locale_dir", CATALOGUES, ids=lambda path: path.name)
def test_french_plural_entries_fill_both_forms(locale_dir):
    for entry in plural_entries(catalogue(locale_dir, "fr")):
        assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid
        assert all(entry.msgstr_plural.values()), entry.msgid
        assert f"%({counted_placeholder(entry)})" in entry.msgstr_plural[1], entry.msgid


def test_django_picks_the_arabic_form_each_number_needs():
    """Through Django's own ngettext, with every catalogue loaded in the site's order."""
    winning = {}
    for _path, po in arabic_catalogues():
        for entry in plural_entries(po):
            winning.setdefault((entry.msgctxt, entry.msgid, entry.msgid_plural), entry)
    assert winning
    for (context, singular, plural), entry in winning.items():
        with translation.override("ar"):
            for n, form in NUMBERS.items():
                assert cldr_arabic_form(n) == form
                if context:
                    found = translation.npgettext(context, singular, plural, n)
                else:
                    found = translation.ngettext(singular, plural, n)
                assert found == entry.msgstr_plural[form], (singular, n)


def test_the_topic_counts_read_as_arabic_grammar_has_them():
    with translation.override("ar"):
        found = {
            n: translation.ngettext(
                "<strong>%(counter)s</strong> reply", "<strong>%(counter)s</strong> replies", n
            )
            % {"counter": n}
            for n in (0, 1, 2, 3, 11, 100)
        }
    assert found == {
        0: "لا ردود",
        1: "ردّ واحد",
        2: "ردّان",
        3: "<strong>3</strong> ردود",
        11: "<strong>11</strong> ردًّا",
        100: "<strong>100</strong> ردّ",
    }


# Strings with a count-like placeholder that are right without plural forms.
SINGULAR_WITH_A_NUMBER = {
    # A figure after a label and a colon agrees with nothing.
    "Participants: %(n)s": "label: figure",
    "Member-state observers: %(n)s": "label: figure",
    "Waiting list: %(n)s": "label: figure",
    "Cancelled: %(n)s": "label: figure",
    "Role nominations: %(n)s": "label: figure",
    "%(topic_length)s posts found": "machina's own string; translated as label: figure",
    # The number stands alone, in brackets or after "of": no noun follows it.
    "You have started as many topics as your account allows for now (%(count)s). "
    "You can start another topic in %(wait)s.": "figure in brackets",
    "You have posted as many replies as your account allows for now (%(count)s). "
    "You can reply again in %(wait)s.": "figure in brackets",
    "Page %(number)s of %(count)s": "page numbers",
    "page_size must be a whole number from 1 to %(max)s; %(default)s was used.": "bounds of a value",
    # The placeholder is already a phrase made with its own plural (a size, a rate).
    "“%(name)s” is %(size)s; an attachment may be at most %(limit)s.": "limit is a size such as 10 MB",
    "PDF, DOCX, ODT, PNG or JPEG, up to %(limit)s.": "limit is a size such as 10 MB",
    "%(count)s per second": "count of requests in a rate; no noun",
    "%(count)s per minute": "count of requests in a rate; no noun",
    "%(count)s per hour": "count of requests in a rate; no noun",
    "%(count)s per day": "count of requests in a rate; no noun",
    "Requests are limited to %(anonymous_limit)s without signing in (per address) and "
    "%(authenticated_limit)s for an account. Over the limit the answer is 429 with a Retry-After "
    "header saying how many seconds to wait.": "each limit is a rate phrase (60 per minute)",
    "%(minutes)s min": "abbreviated unit, which Arabic does not inflect",
    "Generated again from the contribution set of an earlier generation: %(changed)s and %(gone)s.": (
        "each placeholder is a clause made with its own ngettext"
    ),
    "You may select up to <b>%(max_options)s</b> options": "machina's; Arabic says «من الخيارات»",
    "Up to <b>%(max_options)s</b> options may be selected": "machina's; Arabic says «من الخيارات»",
}


@pytest.mark.parametrize("locale_dir", CATALOGUES[:2], ids=lambda path: path.name)
def test_no_string_without_plural_forms_carries_a_count(locale_dir):
    counted = []
    for entry in catalogue(locale_dir, "ar"):
        if entry.msgid_plural or entry.obsolete:
            continue
        names = [name for name in PLACEHOLDER.findall(entry.msgid) if COUNT_LIKE.match(name)]
        if names and entry.msgid not in SINGULAR_WITH_A_NUMBER:
            counted.append(entry.msgid)
    assert not counted, "use ngettext / {% blocktranslate count %} for: " + repr(counted)


# Latin marks that belong where they are: inside code, values or a quoted literal.
LATIN_MARK_ALLOWED = {
    "The languages you read and write, e.g. ar,fr.": "a value as typed in the field",
    "Numbers (1 to 23) of the Global Compact objectives the contribution addresses, separated by “; ”.": (
        "the export's own separator, quoted"
    ),
}
NOT_PROSE = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^{}]*\}|<[^>]*>|https?://\S+|&#?\w+;")


@pytest.mark.parametrize(("path", "po"), arabic_catalogues(), ids=ARABIC_IDS)
def test_arabic_sentences_use_the_arabic_comma_and_semicolon(path, po):
    latin = []
    for entry in po:
        if not entry.msgid or entry.obsolete or entry.msgid in LATIN_MARK_ALLOWED:
            continue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if re.search(r"[;,]", NOT_PROSE.sub("", text)):
                latin.append((entry.msgid, text))
    assert not latin, latin


def test_lists_are_joined_with_each_languages_own_marks():
    from hub.core.punctuation import join_clauses, join_list

    with translation.override("ar"):
        assert join_list(["أ", "ب"]) == "أ، ب"
        assert join_clauses(["أ", "ب"]) == "أ؛ ب"
    with translation.override("fr"):
        assert join_clauses(["a", "b"]) == "a ; b"
    with translation.override("en"):
        assert join_list(["a", "b"]) == "a, b"


# Template text outside any translation: comments and blocktranslate bodies
# (whose wording the catalogues hold, and test above) are set aside first.
UNTRANSLATED_PARTS = re.compile(
    r"{% comment %}.*?{% endcomment %}|{#.*?#}|{% blocktranslate.*?{% endblocktranslate %}", re.S
)
LITERAL_SEPARATOR = re.compile(r"(}}|%}|</\w+>)[,;] ?(<|{)")


def test_templates_join_values_with_the_languages_own_comma():
    """A literal ", " between two values shows a Latin comma in Arabic; the
    templates write {% translate ", " context "list separator" %} instead."""
    literal = []
    for template in sorted((ROOT / "templates").rglob("*.*")):
        # A translated block stays a value ("{{ t }}"): a comma before it still shows.
        source = template.read_text(encoding="utf-8")
        text = UNTRANSLATED_PARTS.sub(lambda m: "{{ t }}" if m[0].startswith("{% block") else "", source)
        literal += [f"{template.relative_to(ROOT)}: {m.group(0)}" for m in LITERAL_SEPARATOR.finditer(text)]
    assert not literal, literal


BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
ALLAUTH_TYPOS = ("في غضو دقائق", "لم ترى", "لم تتلقى", "6(unused_count)s")


def test_allauths_arabic_reads_without_its_typos_or_direction_controls():
    import allauth

    theirs = polib.pofile(str(Path(allauth.__file__).parent / "locale" / "ar" / "LC_MESSAGES" / "django.po"))
    with translation.override("ar"):
        for entry in theirs:
            if entry.obsolete or not entry.msgid:
                continue
            if entry.msgid_plural:
                shown = [translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in NUMBERS]
            elif entry.msgctxt:
                shown = [translation.pgettext(entry.msgctxt, entry.msgid)]
            else:
                shown = [translation.gettext(entry.msgid)]
            for text in shown:
                assert not BIDI_CONTROLS.search(text), (entry.msgid, text)
                assert not any(typo in text for typo in ALLAUTH_TYPOS), (entry.msgid, text)
                assert not text.startswith("O "), (entry.msgid, text)


def test_make_messages_leaves_the_corrections_alone(tmp_path):
    """makemessages writes to the first LOCALE_PATHS entry whose folder holds the
    code: locale/, which holds everything; the corrections are never rewritten."""
    from django.core.management.commands.makemessages import Command

    command = Command()
    command.locale_paths = [str(p) for p in CATALOGUES]
    command.default_locale_path = command.locale_paths[0]
    command.ignore_patterns = [".venv/*", "var/*"]
    command.symlinks = False
    command.verbosity = 0
    command.extensions = {".py", ".html", ".txt"}
    targets = {Path(f.locale_dir) for f in command.find_files(str(ROOT))}
    assert targets == {ROOT / "locale"}
