"""The review page: GET lists, POST records one contribution's decisions.

Every request asks ``may_generate`` (the Analysts and the editors) and takes
the contribution from the ones the analyst may read
(``search.facade.readable_forum_ids``, approved posts in approved topics),
never from the id alone.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from forum.models import Contribution, Reclassification
from forum.visibility import public_posts
from hub.core.bounds import id_or_none
from hub.models import GcmObjective, RejectedObjectiveSuggestion
from hub.papers.analysts import may_generate
from hub.taxonomy.models import localized_terms
from search.facade import readable_forum_ids
from search.suggestions.suggest import suggest_many
from search.text import post_plain_text

PER_PAGE = 20
OFFERED = 3
# After this many rejections a contribution leaves the list: nothing the
# model offers fits it, and an analyst's time is better spent elsewhere.
MAX_REJECTIONS = 6


def forbidden(request):
    return render(
        request,
        "hub/objective_review/forbidden.html",
        {"page_title": _("Suggested objectives"), "header_icon": "tag"},
        status=403,
    )


def reviewable(user):
    """The untagged contributions ``user`` may read, newest first."""
    contributions = public_posts(Contribution.objects.all(), prefix="post__").filter(
        post__topic__forum_id__in=readable_forum_ids(user), objectives=None
    )
    return (
        contributions.annotate(rejections=Count("rejected_suggestions"))
        .filter(rejections__lt=MAX_REJECTIONS)
        .select_related("post", "post__topic")
        .order_by("-post__created", "-pk")
    )


def _rejected(contributions):
    rejected = {}
    rows = RejectedObjectiveSuggestion.objects.filter(contribution__in=contributions)
    for contribution_id, number in rows.values_list("contribution_id", "number"):
        rejected.setdefault(contribution_id, set()).add(number)
    return rejected


def with_suggestions(contributions):
    """Each contribution with ``suggestions`` (objective row in the reader's language, score)."""
    contributions = list(contributions)
    rejected = _rejected(contributions)
    found = suggest_many(
        [(f"{c.post.subject}\n{post_plain_text(c.post)}", c.language) for c in contributions],
        limit=OFFERED,
        exclude=[rejected.get(c.pk, set()) for c in contributions],
    )
    numbers = {s.objective for suggestions in found for s in suggestions}
    rows = GcmObjective.objects.in_default_locale().filter(number__in=numbers)
    names = {o.number: o for o in localized_terms(rows)}
    for contribution, suggestions in zip(contributions, found, strict=True):
        contribution.suggestions = [
            (names[s.objective], s.score) for s in suggestions if s.objective in names
        ]
    return contributions


def _numbers(values):
    numbers = {id_or_none(value) for value in values}
    return {n for n in numbers if n is not None and 1 <= n <= 23}


def decide(request):
    """Accept and reject the suggestions of one contribution the analyst may read."""
    contribution = reviewable(request.user).filter(pk=id_or_none(request.POST.get("contribution"))).first()
    if contribution is None:
        messages.error(request, _("That contribution is not one you may review, or it was tagged meanwhile."))
        return
    accepted = _numbers(request.POST.getlist("accept"))
    rejected = _numbers(request.POST.getlist("reject")) - accepted
    if not accepted and not rejected:
        messages.warning(request, _("Tick an objective to accept or to reject."))
        return
    with transaction.atomic():
        if accepted:
            before = sorted(contribution.objectives.values_list("number", flat=True))
            # The English rows, as the posting form saves them; the index follows
            # through search's m2m signal (search.signals.objectives_changed).
            contribution.objectives.add(*GcmObjective.objects.in_default_locale().filter(number__in=accepted))
            after = sorted(contribution.objectives.values_list("number", flat=True))
            Reclassification.objects.create(
                contribution=contribution,
                changed_by=request.user,
                changes={"objectives": {"before": before, "after": after}},
            )
        RejectedObjectiveSuggestion.objects.bulk_create(
            [
                RejectedObjectiveSuggestion(contribution=contribution, number=n, rejected_by=request.user)
                for n in sorted(rejected)
            ],
            ignore_conflicts=True,
        )
    subject = contribution.post.subject
    if accepted:
        messages.success(
            request,
            ngettext(
                "“%(subject)s” is now tagged with %(count)s objective.",
                "“%(subject)s” is now tagged with %(count)s objectives.",
                len(accepted),
            )
            % {"subject": subject, "count": len(accepted)},
        )
    if rejected:
        messages.info(
            request,
            ngettext(
                "%(count)s suggestion for “%(subject)s” rejected: it will not be offered again.",
                "%(count)s suggestions for “%(subject)s” rejected: they will not be offered again.",
                len(rejected),
            )
            % {"subject": subject, "count": len(rejected)},
        )


@require_http_methods(["GET", "HEAD", "POST"])
def review(request):
    if not may_generate(request.user):
        return forbidden(request)
    if request.method == "POST":
        decide(request)
        page = id_or_none(request.POST.get("page")) or 1
        return redirect(
            f"{reverse('objective_review')}?page={page}" if page > 1 else reverse("objective_review")
        )
    paginator = Paginator(reviewable(request.user), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "hub/objective_review/index.html",
        {
            "page_title": _("Suggested objectives"),
            "page_subtitle": _("for untagged contributions"),
            "header_icon": "tag",
            "page_obj": page,
            "contributions": with_suggestions(page.object_list),
        },
    )
