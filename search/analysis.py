"""Language analysis shared by both search backends.

The database backend stores and queries the terms this module produces; the
Elasticsearch backend's analysers are built to give the same terms, and the
shared behavioural suite checks both agree.

Interface (stable; bodies are refined behind it):
- ``document_terms(text, language)`` → analysed terms of a contribution
  written in ``language`` (ar/en/fr), in order.
- ``query_terms(text)`` → for each word of a query, the set of terms it may
  match (a Latin-script word may be French or English, so both stems).
"""

import re

WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return WORD.findall(text.replace("\x00", ""))


def document_terms(text, language):
    return [w.casefold() for w in words(text)]


def query_terms(text):
    return [{w.casefold()} for w in words(text)]
