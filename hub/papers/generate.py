"""Generating an analysis paper: start, run, regenerate.

``start`` records the request (a QUEUED ``PaperGeneration``); ``run`` does
the work in four stages — freezing the contribution set, counting, finding
themes and quotations, writing the draft — saving its stage and progress on
the row as it goes (outside any long transaction, so the admin sees them),
and ends FINISHED with the draft page, or FAILED with the error: it never
raises for a problem in the data. ``regenerate`` asks for the same paper
again from an earlier generation's frozen set, so it counts the same
contributions whatever was posted since.

The draft is an unpublished ``AnalysisPaperPage`` (a revision saved, not
live) under the region page in the draft's language.
"""

import logging
import time
from datetime import date

from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from wagtail.models import Locale, Page

from hub.models import AnalysisPaperPage, GenerationStatus, PaperGeneration, RegionPage
from search.params import params_from_query

from . import compose, figures, freeze, themes, voices

logger = logging.getLogger(__name__)

# Stage keys saved on the row, and how the admin names them.
FREEZING, COUNTING, THEMES, WRITING, DONE = "freezing", "counting", "themes", "writing the draft", "done"
STAGES = {
    FREEZING: _("Freezing the contribution set"),
    COUNTING: _("Counting"),
    THEMES: _("Finding themes and quotations"),
    WRITING: _("Writing the draft"),
    DONE: _("Done"),
}


def normalise_query(params, region_slug):
    """The search parameters as ``search.params`` writes them, with the region
    added when none is given, page and sort left out; ``ValueError`` when a
    value is not understood."""
    query = freeze.parse_query(params)
    pairs = [(k, v) for k, v in params_from_query(query, page=None, sort=None)]
    if not query.regions:
        pairs.insert(0, ("region", region_slug))
    normalised = QueryDict(mutable=True)
    for key, value in pairs:
        normalised.appendlist(key, value)
    return normalised.urlencode(safe="")


def _region_page_in(region_page, language):
    region_page = region_page.specific if not isinstance(region_page, RegionPage) else region_page
    if region_page.locale.language_code == language:
        return region_page
    try:
        locale = Locale.objects.get(language_code=language)
    except Locale.DoesNotExist:
        raise ValueError(f"There is no {language!r} locale.") from None
    translated = region_page.get_translation_or_none(locale)
    if translated is None:
        raise ValueError(
            f"The region page {region_page.slug!r} has no {language!r} translation to hold the draft."
        )
    return translated.specific


def start(*, region_page, title, language, query: str, comparison_query: str = "", requested_by=None):
    """Record a request for a paper (QUEUED); ``run`` does the work.

    ``query`` and ``comparison_query`` are search parameters (``region=…&from=…``); without a
    region they search the region page's. ``ValueError`` for a language, title or parameter
    that cannot be used.
    """
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language {language!r}.")
    title = (title or "").strip()
    if not title:
        raise ValueError("A paper needs a title.")
    region_page = _region_page_in(region_page, language)
    region_slug = region_page.region.slug
    return PaperGeneration.objects.create(
        region_page=region_page,
        title=title[:255],
        language=language,
        query=normalise_query(query, region_slug),
        comparison_query=normalise_query(comparison_query, region_slug) if comparison_query else "",
        requested_by=requested_by,
    )


def regenerate(generation, *, requested_by=None):
    """A new QUEUED generation of the same paper from ``generation``'s frozen set."""
    if generation.status != GenerationStatus.FINISHED:
        raise ValueError("Only a finished generation has a frozen contribution set to generate from.")
    return PaperGeneration.objects.create(
        region_page=generation.region_page,
        title=generation.title,
        language=generation.language,
        query=generation.query,
        comparison_query=generation.comparison_query,
        requested_by=requested_by,
        source=generation,
    )


class _Progress:
    def __init__(self, generation, callback):
        self.generation, self.callback = generation, callback
        self.timings, self._stage, self._started = {}, None, None

    def __call__(self, percent, stage):
        now = time.perf_counter()
        if self._stage is not None:
            self.timings[self._stage] = round(now - self._started, 3)
        self._stage, self._started = stage, now
        self.generation.stage, self.generation.progress = stage, percent
        PaperGeneration.objects.filter(pk=self.generation.pk).update(stage=stage, progress=percent)
        if self.callback:
            self.callback(percent, stage)


def _unique_slug(parent, title):
    base = slugify(title, allow_unicode=True)[:200].strip("-") or "analysis-paper"
    taken = set(Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _write_page(generation, query, body, methodology, summary):
    parent = generation.region_page.specific
    page = AnalysisPaperPage(
        title=generation.title,
        slug=_unique_slug(parent, generation.title),
        locale=parent.locale,
        live=False,
        published_on=date.today(),
        summary=summary,
        body=body,
        methodology=methodology,
        contributions_from=query.date_from,
        contributions_until=query.date_to,
        contribution_count=generation.contribution_count,
        contribution_query=generation.query,
        contributions_as_of=generation.as_of,
        generation=generation,
    )
    parent.add_child(instance=page)
    page.save_revision(user=generation.requested_by, log_action=True)
    return page


def run(generation, progress=None):
    """Generate the paper; returns the generation, FINISHED with ``page`` or FAILED with ``error``."""
    step = _Progress(generation, progress)
    generation.status, generation.started_at, generation.error = GenerationStatus.RUNNING, timezone.now(), ""
    generation.finished_at = None
    generation.save(update_fields=["status", "started_at", "finished_at", "error"])
    try:
        query = freeze.parse_query(generation.query)
        comparison = freeze.parse_query(generation.comparison_query) if generation.comparison_query else None
        region_slug = generation.region_page.specific.region.slug

        step(5, FREEZING)
        with transaction.atomic():
            ids, as_of, audit = freeze.freeze(generation)
        generation.as_of, generation.contribution_count = as_of, len(ids)
        PaperGeneration.objects.filter(pk=generation.pk).update(as_of=as_of, contribution_count=len(ids))

        step(30, COUNTING)
        source = generation.source
        if comparison is None:
            comparison_ids = None
        elif (
            source
            and source.comparison_query == generation.comparison_query
            and "comparison" in source.figures
        ):
            comparison_ids = None  # not frozen: the earlier figures are kept, so the paper stays the same
        else:
            comparison_ids = freeze.select(generation.comparison_query)
        # Figures, terms and quotations count voices: a campaign once (hub.papers.voices).
        voice_ids, campaigns = voices.voices(ids)
        if comparison_ids is not None:
            comparison_ids, _comparison_campaigns = voices.voices(comparison_ids)
        counted = figures.all_figures(
            voice_ids, region_slug, comparison_ids=comparison_ids, as_of=as_of, audit=audit
        )
        counted["voices"], counted["contributions"], counted["campaigns"] = (
            len(voice_ids),
            len(ids),
            campaigns,
        )
        if comparison is not None and comparison_ids is None:
            counted["comparison"] = source.figures["comparison"]

        step(55, THEMES)
        counted["themes"] = themes.find(
            voice_ids, generation.language, objectives_counted=counted["by_objective"]
        )

        step(80, WRITING)
        body, methodology, summary = compose.compose(
            generation, counted, counted["themes"], query, comparison
        )
        with transaction.atomic(), override(generation.language):
            page = _write_page(generation, query, body, methodology, summary)
        step(100, DONE)
        generation.timings = step.timings  # seconds per stage, for the command and the benchmark
        generation.figures, generation.page = counted, page
        generation.status, generation.finished_at = GenerationStatus.FINISHED, timezone.now()
        generation.save(update_fields=["figures", "page", "status", "finished_at", "stage", "progress"])
    except Exception as error:  # a background task records its failure rather than raising it
        logger.exception("Paper generation %s failed", generation.pk)
        generation.status, generation.finished_at = GenerationStatus.FAILED, timezone.now()
        generation.error = f"{type(error).__name__}: {error}"
        generation.save(update_fields=["status", "finished_at", "error"])
    return generation
