"""Realistic demo contributions, generated from ``forum.seed_text``.

Contribution ``n`` of seed ``S`` comes from its own random generator, seeded
with both, so it is the same whatever ``--count`` is: seeding 200 and then
1,000 adds 800. Its external id ``seed-S-n`` makes a second run add nothing.
The rows go through the importer's validation and bulk insert.
"""

import random
from datetime import UTC, datetime, timedelta
from functools import cache

from django.utils import translation
from django.utils.text import capfirst, slugify
from django_countries import countries

from . import seed_text
from .bulk_import import Importer
from .importing import Vocabulary, validate

# The language a region's topics are opened in (cycled through its topics),
# and how often contributions there are written in each language.
TOPIC_LANGUAGES = {
    "arab-states": ("ar",),
    "africa": ("fr", "en"),
    "europe": ("en", "fr"),
    "asia-pacific": ("en",),
    "latin-america-caribbean": ("en",),
}
LANGUAGE_WEIGHTS = {
    "arab-states": {"ar": 6, "en": 2, "fr": 2},
    "africa": {"fr": 4, "en": 4, "ar": 2},
    "europe": {"en": 6, "fr": 3, "ar": 1},
    "asia-pacific": {"en": 7, "ar": 2, "fr": 1},
    "latin-america-caribbean": {"en": 7, "fr": 2, "ar": 1},
}
KIND_WEIGHTS = {
    "comment": 30,
    "recommendation": 25,
    "good-practice": 15,
    "report": 8,
    "pledge": 8,
    "question": 14,
}
# Contributions written in these years, unless told others (the second regional reviews' consultations).
YEARS = (2023, 2024)
EMAIL_DOMAINS = ("example.org", "example.net", "example.com")


def _weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@cache  # switching the active language is slow, and there are few (code, language) pairs
def _country_name(code, language):
    with translation.override(language):
        return str(countries.name(code))


def _author(rng, language):
    first = rng.choice(seed_text.FIRST_NAMES[language])
    last = rng.choice(seed_text.LAST_NAMES[language])
    if language == "ar":
        (first, first_latin), (last, last_latin) = first, last
    else:
        first_latin, last_latin = slugify(first), slugify(last)
    email = f"{first_latin}.{last_latin.replace(' ', '')}@{rng.choice(EMAIL_DOMAINS)}"
    return f"{first} {last}", email


def _objectives(rng, kind, topic_objectives):
    if kind in ("comment", "question"):
        k = _weighted(rng, {0: 3, 1: 4, 2: 2, 3: 1})
    else:
        k = _weighted(rng, {1: 4, 2: 4, 3: 2})
    numbers = rng.sample(topic_objectives, min(k, len(topic_objectives)))
    if numbers and rng.random() < 0.15:
        # Contributions often reach beyond their topic.
        numbers.append(rng.randint(1, 23))
    return list(dict.fromkeys(numbers))


def _body(rng, language, kind, theme_numbers, country_code, created):
    themes = [seed_text.THEMES[n][language] for n in theme_numbers]
    values = {
        "theme": themes[0],
        "theme2": themes[-1],
        "country": _country_name(country_code, language),
        "year": created.year - rng.randint(0, 3),
        "n": rng.randint(12, 950),
        "pct": rng.randint(10, 85),
    }
    sentences = [rng.choice(seed_text.OPENERS[kind][language])]
    if rng.random() < 0.7:
        sentences.append(rng.choice(seed_text.DETAILS[kind][language]))
    if len(set(theme_numbers)) > 1 and rng.random() < 0.5:
        sentences.append(rng.choice(seed_text.LINKS[language]))
    first_paragraph = sentences
    second_paragraph = rng.sample(seed_text.CONTEXT[language], rng.randint(1, 2))
    proposals = 2 if kind == "recommendation" else rng.randint(0, 1)
    second_paragraph += rng.sample(seed_text.PROPOSALS[language], proposals)
    if rng.random() < 0.5:
        second_paragraph.append(rng.choice(seed_text.CLOSERS[language]))
    paragraphs = [first_paragraph, second_paragraph] if rng.random() < 0.6 else [sentences + second_paragraph]

    def write(sentence):
        # Who is affected and who should act change from sentence to sentence.
        people = rng.choice(seed_text.PEOPLE[language])
        actor = rng.choice(seed_text.ACTORS[language])
        return capfirst(sentence.format(people=people, actor=actor, **values))

    return "\n\n".join(" ".join(write(sentence) for sentence in paragraph) for paragraph in paragraphs)


def _period(years):
    """(first instant, seconds) of the whole years ``(first, last)``."""
    start = datetime(years[0], 1, 1, tzinfo=UTC)
    return start, int((datetime(years[1] + 1, 1, 1, tzinfo=UTC) - start).total_seconds())


def seed_row(seed, n, vocabulary, years=YEARS):
    """Contribution ``n`` of seed ``seed``, as an import line would hold it."""
    rng = random.Random(f"{seed}:{n}")  # noqa: S311 (demo content, not security)
    region = rng.choice(sorted(vocabulary.spaces))
    topic_index = rng.randrange(len(seed_text.TOPICS))
    topic_names, topic_objectives = seed_text.TOPICS[topic_index]
    topic_languages = TOPIC_LANGUAGES.get(region, ("en",))
    language = _weighted(rng, LANGUAGE_WEIGHTS.get(region, {"en": 1}))
    kind = _weighted(rng, KIND_WEIGHTS)
    group = rng.choice(sorted(vocabulary.groups))
    country = rng.choice(sorted(vocabulary.countries_by_region.get(region) or vocabulary.countries))
    start, seconds = _period(years)
    created = start + timedelta(seconds=rng.randrange(seconds))
    objectives = _objectives(rng, kind, list(topic_objectives))
    author_name, author_email = _author(rng, language)
    organisation = ""
    if group != "migrants" or rng.random() < 0.4:
        name = seed_text.ORGANISATIONS.get(group, seed_text.ORGANISATIONS["other"])[language]
        organisation = f"{name} ({_country_name(country, language)})"
    return {
        "external_id": f"seed-{seed}-{n}",
        "region": region,
        "topic": topic_names[topic_languages[topic_index % len(topic_languages)]],
        # Some contributions arrive by post or through a rapporteur, with no address.
        "author_email": author_email if rng.random() < 0.9 else "",
        "author_name": author_name,
        "organisation": organisation,
        "stakeholder_group": group,
        "country": country,
        "language": language,
        "type": kind,
        "objectives": objectives,
        "created": created.isoformat(),
        "body": _body(rng, language, kind, objectives or [rng.choice(topic_objectives)], country, created),
    }


def seed_contributions(count, seed, progress=None, years=YEARS):
    """Add contributions ``seed-S-1`` to ``seed-S-count`` that are missing; returns the count."""
    vocabulary = Vocabulary()
    rows = (validate(seed_row(seed, n, vocabulary, years), n, vocabulary) for n in range(1, count + 1))
    return Importer(progress=progress).run(rows)
