"""STAND-IN for the generation engine (branch papers-admin only).

The real engine is written on another branch and replaces this file at the
merge. This one implements the shared contract trivially, so the admin, the
task and their tests can run: it counts the publicly visible contributions
of the search, freezes their ids (with a placeholder hash) and writes a
draft ``AnalysisPaperPage`` holding one heading block.
"""

import hashlib
from urllib.parse import parse_qs

from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.utils import timezone

from hub.models import AnalysisPaperPage, FrozenContribution, GenerationStatus, PaperGeneration, RegionPage


def start(*, region_page, title, language, query, comparison_query="", requested_by=None):
    return PaperGeneration.objects.create(
        region_page=region_page,
        title=title,
        language=language,
        query=query,
        comparison_query=comparison_query,
        requested_by=requested_by,
    )


def regenerate(generation, *, requested_by=None):
    return PaperGeneration.objects.create(
        region_page=generation.region_page,
        title=generation.title,
        language=generation.language,
        query=generation.query,
        comparison_query=generation.comparison_query,
        requested_by=requested_by,
        source=generation,
    )


def _step(generation, percent, stage, progress):
    generation.progress, generation.stage = percent, stage
    generation.save(update_fields=["progress", "stage", "status", "started_at"])
    if progress:
        progress(percent, stage)


def _hash(post_id):
    return hashlib.sha256(str(post_id).encode()).hexdigest()


def _visible_ids(query_string):
    from search.api import search
    from search.params import query_from_params

    params = QueryDict(mutable=True)
    for name, values in parse_qs(query_string).items():
        params.setlist(name, values)
    ids, page = [], 1
    while True:
        params["page"] = str(page)
        query, _errors = query_from_params(params, page_size=100)
        result = search(query, AnonymousUser())
        ids += [hit.post_id for hit in result.hits]
        if not result.hits or len(ids) >= result.total:
            return ids
        page += 1


def run(generation, progress=None):
    generation.status = GenerationStatus.RUNNING
    generation.started_at = timezone.now()
    _step(generation, 10, "Freezing the contribution set", progress)
    if generation.source_id:
        ids = list(generation.source.frozen.values_list("post_id", flat=True))
    else:
        ids = _visible_ids(generation.query)
    FrozenContribution.objects.bulk_create(
        [FrozenContribution(generation=generation, post_id=pk, content_hash=_hash(pk)) for pk in ids]
    )
    generation.as_of = timezone.now()
    generation.contribution_count = len(ids)
    _step(generation, 60, "Writing the draft", progress)
    parent = RegionPage.objects.get(pk=generation.region_page_id)
    local = parent.get_translations(inclusive=True).filter(locale__language_code=generation.language).first()
    parent = (local or parent).specific
    page = AnalysisPaperPage(
        title=generation.title,
        slug=f"paper-{generation.pk}",
        live=False,
        published_on=timezone.localdate(),
        contribution_count=len(ids),
        contributions_as_of=generation.as_of,
        contribution_query=generation.query,
        generation=generation,
        body=[("heading", generation.title)],
    )
    parent.add_child(instance=page)
    page.save_revision()
    generation.page = page
    generation.status = GenerationStatus.FINISHED
    generation.progress = 100
    generation.stage = "Finished"
    generation.finished_at = timezone.now()
    generation.figures = {"contributions": len(ids)}
    generation.save()
    if progress:
        progress(100, "Finished")
    return generation


def audit(generation):
    """How many frozen contributions changed, or are no longer publicly visible."""
    frozen = dict(generation.frozen.values_list("post_id", "content_hash"))
    source = generation.source or generation
    visible = set(_visible_ids(source.query)) & set(frozen)
    changed = sum(1 for pk in visible if frozen[pk] != _hash(pk))
    return {"total": len(frozen), "changed": changed, "gone": len(frozen) - len(visible)}
