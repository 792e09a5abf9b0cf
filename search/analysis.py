# ruff: noqa: RUF001, RUF003 -- Arabic letters are this module's subject, not look-alikes of Latin ones.
"""Language analysis of the database search backend.

The database backend stores and queries the terms this module produces.
The Elasticsearch backend does not use it: it indexes with Elasticsearch's
built-in analysers (``search.backends.elasticsearch.documents``), so the two agree on the cases
both are tested on (Arabic variants, French and English forms: the
database suite and tests/test_search_elasticsearch_live.py), not by
construction. How they differ:

- Languages: here a text is analysed once, by its contribution's language
  (Latin-script words French-stemmed in a French contribution, English
  otherwise); Elasticsearch indexes every text four times (Arabic, French,
  English, folded) and a query word may match in any of them.
- Stemmers: here Snowball French and English and this module's Arabic light
  stemmer, with query alternatives for a leading ب ك ل ف; there Lucene's
  ``light_french``, Porter ``english`` and Arabic light stemmers, without
  those alternatives.
- Arabic letters: both fold أ إ آ to a bare alef, ta marbuta and alef
  maqsura, and drop harakat and tatweel (Lucene's ``arabic_normalization``);
  only this module folds ٱ and hamza on a carrier (ؤ → و, ئ → ي) and removes
  Quranic marks. Every digit becomes ASCII here; there only in the Arabic
  and folded sub-fields.
- Words: here a word never mixes scripts or letters and digits ("2018م" is
  two words); there Unicode word boundaries (UAX #29) keep such runs whole.
- Stop words: different lists (this module's; Elasticsearch's ``_arabic_``,
  ``_french_``, ``_english_``). Here a query's stop words are left out
  unless it has nothing else; there the folded sub-field keeps them, so a
  stop word typed is still required there.
- What both share is the query's reading into words: operators, quotes and
  any engine syntax are dropped, every remaining word is required, at most
  ``MAX_QUERY_WORDS`` (``query_terms`` here, ``search.backends.elasticsearch.query.query_words``).

Interface (stable; bodies are refined behind it):
- ``document_terms(text, language)`` → analysed terms of a contribution
  written in ``language`` (ar/en/fr), in order, stop words left out.
- ``query_terms(text)`` → for each word of a query, the set of terms it may
  match (a Latin-script word may be French or English, so both stems).
- ``term_spans(text, language)`` → ``(start, end, term)`` for every analysed
  word of ``text``, offsets into the original text, for highlighting.

Pipeline: NFKC + casefold, then one ``str.translate`` that removes Arabic
diacritics, Quranic marks, tatweel and invisible format characters, unifies
hamza/alef forms, ta marbuta and alef maqsura, and turns every decimal digit
into ASCII. Words are runs of Arabic letters, of other letters, or of digits.
Arabic words are light-stemmed (``arabic_stem``, which says why not
Snowball's Arabic stemmer), Latin-script words go through Snowball (French
for French text, English otherwise).

``ANALYSIS_VERSION`` changes whenever the terms produced for the same text
change, so that a stored index knows it must be rebuilt.
"""

import re
import unicodedata
from functools import lru_cache
from importlib.metadata import version as _package_version

import snowballstemmer

from search.query import MAX_QUERY_CHARS

# Bump the first part whenever this module's output changes; the Snowball
# release is part of it because a new release may stem words differently.
ANALYSIS_VERSION = f"2/snowball-{_package_version('snowballstemmer')}"

# Query bounds: a query is user input of any size; at most MAX_QUERY_CHARS
# characters of it are ever looked at, whatever it contains.
MAX_QUERY_WORDS = 32
MAX_WORD_CHARS = 64

# --- Normalisation -----------------------------------------------------------

_ARABIC_LETTERS = (
    "\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9"
)
# Runs of digits, runs of Arabic letters, runs of other letters: a word never
# mixes scripts, so "2018م" or "GCMالهجرة" become two words.
_WORD = re.compile(rf"[0-9]+|[{_ARABIC_LETTERS}]+|[^\W\d_{_ARABIC_LETTERS}]+")


def _build_table():
    table = {}
    # Harakat and other Arabic combining marks (U+064B–U+065F: fathatan ..
    # wavy hamza below), superscript alef, Quranic annotation signs, honorific
    # marks, and tatweel (a stretching glyph, not a letter).
    dropped = [
        *range(0x0610, 0x061B),
        *range(0x064B, 0x0660),
        0x0670,
        *range(0x06D6, 0x06DD),
        *range(0x06DF, 0x06E9),
        *range(0x06EA, 0x06EE),
        *range(0x08CA, 0x0900),
        0x0640,
        # Invisible format characters that can sit inside a word: soft
        # hyphen, Arabic letter mark, zero-width (non-)joiners, direction
        # marks, word joiner, BOM.
        0x00AD,
        0x061C,
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2065),
        0xFEFF,
    ]
    for cp in dropped:
        table[cp] = None
    letters = {
        # Alef with hamza above/below, with madda, wasla, wavy hamzas: a
        # writer may or may not mark the hamza, so all become bare alef.
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        # Hamza on a carrier: the carrier letter is kept (what a writer who
        # leaves the hamza out types). A standalone hamza (ء) is kept: it is
        # part of the word's letters (نساء، إجراءات، شركاء) and dropping it
        # would merge إجراء (procedure) into أجر (wage).
        "ؤ": "و",
        "ئ": "ي",
        "ۀ": "ه",
        # Ta marbuta is often written as ha, alef maqsura as ya (and the
        # reverse): fold both ways into ha and ya.
        "ة": "ه",
        "ى": "ي",
        # Persian/Urdu letter shapes that appear in Arabic text typed on
        # other keyboards.
        "ی": "ي",
        "ک": "ك",
        "ە": "ه",
    }
    for src, dst in letters.items():
        table[ord(src)] = dst
    # Every decimal digit (Arabic-Indic, Persian, fullwidth, ...) → ASCII.
    # (Decimal digits all lie below U+20000.)
    for cp in range(0x80, 0x20000):
        value = unicodedata.decimal(chr(cp), None)
        if value is not None:
            table[cp] = str(value)
    # NUL and other control characters separate words.
    for cp in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]:
        table[cp] = " "
    return table


_TABLE = _build_table()


def normalise(text):
    """Unicode-compatibility fold, casefold, Arabic orthographic folds, ASCII digits."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_TABLE)


def words(text):
    """Normalised words of ``text``."""
    return _WORD.findall(normalise(text))


def _strip_accents(word):
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# --- Stop words ---------------------------------------------------------------

# Only very frequent function words: they would otherwise match most
# contributions. Negations and "غير" (which makes نظامية "irregular") stay
# searchable. Lists are written naturally and normalised like the text.
_AR_STOP = """
في من على إلى عن أن إن ما لا هذا هذه ذلك تلك هؤلاء التي الذي الذين اللذين
أو ثم كان كانت يكون قد لقد مع عند بين كل بعض هو هي هم هما نحن أنه أنها
أيضا حتى إذا لم لن يا أي عبر حول لدى منذ إلا أما لكن بل هل كما ذات إذ
فيه فيها منه منها عليه عليها به بها له لها وقد وهو وهي
"""
_EN_STOP = """
a an the and or of to in on for by with at from as is are was were be been
being it its this that these those which who whom than then so such into
about over s t
"""
# French elided forms (l' d' qu' ...) appear as one-letter words.
_FR_STOP = """
le la les l de des du d un une et ou où en au aux à a est sont par pour sur
dans ce cet cette ces qui que qu il ils elle elles se sa ses leur leurs ne
pas y c j m n s t
"""


def _stop_set(words_text):
    return frozenset(w for line in words_text.split() for w in words(line))


AR_STOP = _stop_set(_AR_STOP)
EN_STOP = _stop_set(_EN_STOP)
FR_STOP = _stop_set(_FR_STOP)
LATIN_STOP = EN_STOP | FR_STOP

# --- Arabic light stemming ------------------------------------------------------

# Light10 (Larkey, Ballesteros & Connell 2002) with changes that make the
# forms of one word agree more often (measured on the test table):
# - the conjunction و is removed when 3+ letters remain, also after an
#   article, so a word whose root starts with و (وطني / الوطني) loses it in
#   every form instead of only some;
# - suffixes are removed repeatedly (not once each), longest first, so
#   تعاون / تعاونية / تعاونيات all end at the same stem;
# - a stem keeps at least 3 letters (light10: 2), since most Arabic roots have
#   three; pronoun suffixes هم / هن keep 4 so مساهم is not cut to مسا;
# - a ta marbuta written as ت before a pronoun (سياستها) is removed like ة.
# The single-letter prepositions ب ك ل ف are not removed from documents
# (their letters start too many roots: بلد، كرامة، لجنة، فقر); instead a
# query word also matches its forms with and without one of them (see
# ``arabic_query_stems``).
_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = (
    # (suffix, letters that must remain)
    ("ها", 3),
    ("هم", 4),
    ("هن", 4),
    ("نا", 3),
    ("ات", 3),
    ("ان", 3),
    ("ون", 3),
    ("ين", 3),
    ("يه", 3),
    ("ه", 3),
    ("ي", 3),
)
_PRONOUNS = frozenset(("ها", "هم", "هن", "نا", "ه"))
_PREPOSITIONS = ("ب", "ك", "ل", "ف")


def _strip_prefixes(word):
    if word.startswith("و") and len(word) >= 4:
        word = word[1:]
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            word = word[len(article) :]
            if word.startswith("و") and len(word) >= 4:
                word = word[1:]
            break
    return word


def _strip_suffixes(word):
    changed = True
    while changed:
        changed = False
        for suffix, keep in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= keep:
                word = word[: -len(suffix)]
                changed = True
                # سياستها → سياست → سياس, but سياساتها keeps its plural ات.
                if suffix in _PRONOUNS and word.endswith("ت") and not word.endswith("ات") and len(word) >= 5:
                    word = word[:-1]
                break
    return word


@lru_cache(maxsize=1 << 17)
def arabic_stem(word):
    """Light stem of a normalised Arabic word.

    Why not Snowball's Arabic stemmer (snowballstemmer, already used for
    French and English): on the labelled forms of one word in
    tests/test_search_analysis.py (``ARABIC_VARIANTS``, 65 pairs) Snowball
    3.1.1 gives both words one stem for 47 pairs (42 when fed the words this
    module normalised), this stemmer alone for 62, and a search with it
    (``arabic_query_stems`` adding the prepositions) finds 65 of 65; none
    of them merges a pair of ``ARABIC_DISTINCT``. Snowball cuts too deep
    and unevenly: التعاون → تعا but تعاون → تعاون, الوثائق → وثايق but
    وثائق → ثايق, فلسطيني → لسط. Measured with
    ``.venv/bin/python tests/benchmarks/arabic_stemmers.py``;
    ``test_light_stemmer_beats_snowball_arabic`` fails if this stemmer
    falls below Snowball.
    """
    return _strip_suffixes(_strip_prefixes(word))


@lru_cache(maxsize=50_000)
def arabic_query_stems(word):
    """Stems a normalised Arabic query word may match in documents.

    Its own stem, plus the stems of the same word with one of the
    prepositions ب ك ل ف in front, and, when it starts with one of them, of
    the word without it; so حقوق finds بحقوق and لحقوق finds حقوق.
    """
    core = _strip_prefixes(word)
    stems = {_strip_suffixes(core)}
    if len(core) >= 3:
        stems.update(_strip_suffixes(p + core) for p in _PREPOSITIONS)
    if core[:1] in _PREPOSITIONS and len(core) >= 4:
        bare = core[1:]
        stems.add(_strip_suffixes(bare))
        stems.update(_strip_suffixes(p + bare) for p in _PREPOSITIONS)
    return frozenset(stems)


# --- Latin-script stemming (Snowball) -------------------------------------------

_STEMMERS = {
    "en": snowballstemmer.stemmer("english"),
    "fr": snowballstemmer.stemmer("french"),
}


@lru_cache(maxsize=1 << 17)
def latin_stem(word, language):
    """Snowball stem of a casefolded word, accents removed afterwards.

    Stemming sees the accents (the French rules need them: régulières and
    régulier both give réguli); removing them after lets "reguli" typed
    without accents match.
    """
    return _strip_accents(_STEMMERS[language].stemWord(word))


def _is_arabic(word):
    return "\u0620" <= word[0] <= "\u08ff"


def _latin_language(language):
    return "fr" if (language or "").lower().startswith("fr") else "en"


# --- Documents ---------------------------------------------------------------


@lru_cache(maxsize=1 << 17)
def _document_term(word, latin):
    """Term for a normalised word of a document, or None for a stop word."""
    first = word[0]
    if first.isdigit():
        return word
    if len(word) < 2:
        return None
    if _is_arabic(word):
        if word in AR_STOP or (first == "و" and word[1:] in AR_STOP):
            return None
        return arabic_stem(word)
    if word in (FR_STOP if latin == "fr" else EN_STOP):
        return None
    return latin_stem(word, latin)


def _chunk_terms(chunk, latin):
    terms = (_document_term(w, latin) for w in _WORD.findall(normalise(chunk)))
    return tuple(t for t in terms if t is not None)


_cached_chunk_terms = lru_cache(maxsize=1 << 17)(_chunk_terms)
# Longer chunks (no spaces: URLs, pasted blobs) are analysed without being
# remembered, so the cache's memory stays bounded.
_CACHED_CHUNK_CHARS = 64


def document_terms(text, language):
    # Splitting on white space first and analysing each distinct chunk once
    # (cached) is ~3 times faster than normalising the whole text: the
    # translate table is a dict lookup per character, a chunk's words are
    # mostly repeats. White space never falls inside a word, so the terms
    # are the same as for the whole text.
    latin = _latin_language(language)
    terms = []
    for chunk in (text or "").split():
        if len(chunk) <= _CACHED_CHUNK_CHARS:
            terms.extend(_cached_chunk_terms(chunk, latin))
        else:
            terms.extend(_chunk_terms(chunk, latin))
    return terms


# Original-text words, with the marks and joiners that normalisation removes
# kept inside them, so offsets point at what the reader sees.
_RAW_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u00ad\u200c-\u200f]+")


def term_spans(text, language):
    """(start, end, term) of every analysed word, offsets into ``text``."""
    latin = _latin_language(language)
    spans = []
    for match in _RAW_WORD.finditer(text or ""):
        for word in _WORD.findall(normalise(match.group())):
            term = _document_term(word, latin)
            if term is not None:
                spans.append((match.start(), match.end(), term))
    return spans


# --- Queries -----------------------------------------------------------------

# Written in capitals, these are search-engine operators, not words: the user
# meant syntax we do not offer, so they are left out rather than searched.
_OPERATORS = frozenset(("AND", "OR", "NOT", "NEAR"))


@lru_cache(maxsize=50_000)
def _query_alternatives(word):
    if word[0].isdigit():
        return frozenset((word,))
    if _is_arabic(word):
        return arabic_query_stems(word)
    return frozenset((latin_stem(word, "en"), latin_stem(word, "fr")))


def _is_query_stop(word):
    if word[0].isdigit():
        return False
    if len(word) < 2:
        return True
    if _is_arabic(word):
        return word in AR_STOP or (word[0] == "و" and word[1:] in AR_STOP)
    return word in LATIN_STOP


def query_terms(text):
    """For each query word, the set of terms it may match; only plain words.

    Quotes, operators and any other syntax are dropped (never passed to a
    search engine), at most MAX_QUERY_WORDS words of at most MAX_WORD_CHARS
    characters are kept. Stop words are left out unless the query has
    nothing else.
    """
    if not isinstance(text, str):
        return []
    found = []
    for match in _RAW_WORD.finditer(text[:MAX_QUERY_CHARS]):
        if match.group() in _OPERATORS:
            continue
        for word in _WORD.findall(normalise(match.group())):
            found.append(word[:MAX_WORD_CHARS])
        if len(found) >= 4 * MAX_QUERY_WORDS:
            break
    content = [w for w in found if not _is_query_stop(w)]
    chosen = content or found
    result = []
    seen = set()
    for word in chosen:
        alternatives = _query_alternatives(word)
        if alternatives in seen:
            continue
        seen.add(alternatives)
        result.append(set(alternatives))
        if len(result) >= MAX_QUERY_WORDS:
            break
    return result
