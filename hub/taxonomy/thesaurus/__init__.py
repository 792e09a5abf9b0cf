"""The shipped GCM thesaurus: its data files and their loader.

Each ``*.json`` file beside this module holds ``{"concepts": [...]}``; a
concept is ``{"key": slug, "objectives": [numbers], "en": [terms],
"fr": [terms], "ar": [terms]}`` with the preferred term first in each
language. ``load_thesaurus()`` (run by ``load_taxonomy``) writes them into
``Concept`` rows: new keys are created, entries still as shipped are updated,
and an entry staff edited in the admin is left as they wrote it.
"""

import json
from pathlib import Path

from django.db import transaction

from hub.taxonomy.models import Concept, GcmObjective

DATA_DIR = Path(__file__).resolve().parent
LANGUAGES = ("en", "fr", "ar")


class ThesaurusError(ValueError):
    """A data file that cannot be loaded as it is (named, with the concept at fault)."""


def shipped_concepts():
    """Every concept of the data files, in file and list order; checks their shape."""
    concepts, seen = [], {}
    for path in sorted(DATA_DIR.glob("*.json")):
        for position, entry in enumerate(json.loads(path.read_text(encoding="utf-8"))["concepts"]):
            where = f"{path.name}, concept {position + 1} ({entry.get('key', '?')})"
            key = entry.get("key", "")
            if not key or key in seen:
                raise ThesaurusError(f"{where}: the key is missing or already used in {seen.get(key)}.")
            seen[key] = path.name
            for language in LANGUAGES:
                terms = entry.get(language)
                if not terms or not all(isinstance(t, str) and t.strip() for t in terms):
                    raise ThesaurusError(f"{where}: no {language} terms.")
            if not all(isinstance(n, int) and 1 <= n <= 23 for n in entry.get("objectives", [])):
                raise ThesaurusError(f"{where}: objectives are numbers from 1 to 23.")
            concepts.append(entry)
    return concepts


def _values(entry):
    return {f"terms_{language}": "\n".join(t.strip() for t in entry[language]) for language in LANGUAGES}


def load_thesaurus():
    """Create or update the shipped concepts; returns (created, updated, unchanged, kept as edited)."""
    concepts = shipped_concepts()
    objectives = {o.number: o for o in GcmObjective.objects.in_default_locale()}
    created = updated = unchanged = kept = 0
    with transaction.atomic():
        existing = {c.key: c for c in Concept.objects.prefetch_related("objectives")}
        for entry in concepts:
            values = _values(entry)
            wanted = {objectives[n].pk for n in entry.get("objectives", []) if n in objectives}
            concept = existing.get(entry["key"])
            if concept is None:
                concept = Concept.objects.create(key=entry["key"], **values)
                concept.objectives.set(wanted)
                created += 1
                continue
            if concept.edited_in_admin:
                kept += 1
                continue
            changed = any(getattr(concept, field) != value for field, value in values.items())
            if changed:
                for field, value in values.items():
                    setattr(concept, field, value)
                concept.save()
            if {o.pk for o in concept.objectives.all()} != wanted:
                concept.objectives.set(wanted)
                changed = True
            updated += changed
            unchanged += not changed
    return created, updated, unchanged, kept
