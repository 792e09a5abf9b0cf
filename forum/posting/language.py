"""Guessing the language of a contribution its author left undeclared."""

import re
from functools import cache

from django.conf import settings

# Below this probability the guess is no better than the reader's own language.
MIN_CONFIDENCE = 0.6
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Links, code and Markdown punctuation say nothing about the language.
NOISE = re.compile(r"https?://\S+|`[^`]*`|[#*_>\[\]()!|~-]+")


def supported_languages():
    return [code for code, _name in settings.LANGUAGES]


@cache
def _identifier():
    # Loading the model takes most of a second: once per process, on first use.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(supported_languages())
    return identifier


def detect_language(text, fallback):
    """The site language ``text`` is written in, or ``fallback`` when unsure."""
    fallback = (fallback or "").split("-")[0]
    if fallback not in supported_languages():
        fallback = settings.LANGUAGE_CODE
    text = NOISE.sub(" ", text or "")
    arabic = len(ARABIC_LETTER.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    if not arabic and not latin:
        return fallback
    # The script settles Arabic on its own; the model only has to tell the
    # Latin-script languages apart (it is unreliable on a few Arabic words).
    if arabic >= latin:
        return "ar" if "ar" in supported_languages() else fallback
    code, probability = _identifier().classify(text)
    return code if probability >= MIN_CONFIDENCE else fallback
