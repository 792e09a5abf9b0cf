"""Building the embedded index's rows from posts, topics and contributions.

``index_posts`` is the one writer: the save signals call it for one post,
imports and ``search_index`` for batches. It runs in the caller's
transaction, so a document commits (or rolls back) with its post.
"""

from django.db import transaction
from django.utils import timezone
from machina.core.db.models import get_model

from forum import visibility
from search import analysis
from search.models import ContributionDocument, DocumentObjective
from search.text import post_plain_text

Post = get_model("forum_conversation", "Post")

# Bumped when what goes into a document changes (fields, text sources), so
# ``search_index sync`` redoes rows built the old way. The analysis has its
# own version (``search.analysis.ANALYSIS_VERSION`` when it declares one).
DOCUMENT_FORMAT = 1
ATTACHMENT_TEXT_LIMIT = 200_000  # characters of extracted text analysed per post


def analysis_version():
    return f"{getattr(analysis, 'ANALYSIS_VERSION', 0)}.{DOCUMENT_FORMAT}"


def _posts(post_ids):
    return (
        Post.objects.filter(pk__in=post_ids, contribution__isnull=False)
        .select_related(
            "topic",
            "contribution__space__region",
            "contribution__stakeholder_group",
            "contribution__country",
        )
        .prefetch_related("contribution__objectives", "attachments__extracted_text")
    )


def _attachment_text(post):
    texts = []
    for attachment in post.attachments.all():
        extracted = getattr(attachment, "extracted_text", None)
        if extracted is not None and extracted.text:
            texts.append(extracted.text)
    return " ".join(texts)[:ATTACHMENT_TEXT_LIMIT]


def build_document(post, version, now):
    """The document row and objective numbers of one post (with its contribution)."""
    contribution = post.contribution
    language = contribution.language
    terms = [
        *analysis.document_terms(post.topic.subject, language),
        *analysis.document_terms(post_plain_text(post), language),
        *analysis.document_terms(_attachment_text(post), language),
    ]
    document = ContributionDocument(
        post_id=post.pk,
        forum_id=post.topic.forum_id,
        topic_id=post.topic_id,
        region=contribution.space.region.slug,
        type=contribution.kind,
        language=language,
        stakeholder_group=contribution.stakeholder_group.slug if contribution.stakeholder_group else "",
        country=str(contribution.country.code) if contribution.country else "",
        created=post.created,
        visible=visibility.is_public(post),
        has_attachment=bool(post.attachments.all()),
        external_id=contribution.external_id or "",
        terms=" ".join(terms),
        analysis_version=version,
        indexed_at=now,
    )
    return document, sorted({objective.number for objective in contribution.objectives.all()})


_COMPARED = [
    f.attname
    for f in ContributionDocument._meta.concrete_fields
    if f.attname not in ("post_id", "indexed_at", "terms")
]


@transaction.atomic
def index_posts(post_ids):
    """Create, refresh or remove the documents of these posts; returns how many were written.

    A post without a contribution (or gone) loses its document. An existing
    row is updated only in the columns that changed, and ``terms`` is written
    only when the text changed, so approving a post or re-saving it unchanged
    never touches the full-text index.
    """
    post_ids = list(post_ids)
    if not post_ids:
        return 0
    version, now = analysis_version(), timezone.now()
    built = {post.pk: build_document(post, version, now) for post in _posts(post_ids)}
    ContributionDocument.objects.filter(pk__in=set(post_ids) - built.keys()).delete()
    existing = {doc.pk: doc for doc in ContributionDocument.objects.filter(pk__in=built.keys())}
    objectives = {}
    for document_id, number in DocumentObjective.objects.filter(document_id__in=existing).values_list(
        "document_id", "number"
    ):
        objectives.setdefault(document_id, []).append(number)

    new_documents, new_objectives, unchanged, written = [], [], [], 0
    for post_id, (document, numbers) in built.items():
        old = existing.get(post_id)
        if old is None:
            new_documents.append(document)
            new_objectives.extend(DocumentObjective(document_id=post_id, number=n) for n in numbers)
            continue
        changed = {
            name: getattr(document, name)
            for name in _COMPARED
            if getattr(old, name) != getattr(document, name)
        }
        if old.terms != document.terms:
            changed["terms"] = document.terms
        if changed:
            ContributionDocument.objects.filter(pk=post_id).update(indexed_at=now, **changed)
            written += 1
        else:
            unchanged.append(post_id)
        if sorted(objectives.get(post_id, [])) != numbers:
            DocumentObjective.objects.filter(document_id=post_id).delete()
            new_objectives.extend(DocumentObjective(document_id=post_id, number=n) for n in numbers)
    # Checked now even if nothing changed: ``search_index sync`` compares this with the post's update time.
    ContributionDocument.objects.filter(pk__in=unchanged).update(indexed_at=now)
    ContributionDocument.objects.bulk_create(new_documents)
    DocumentObjective.objects.bulk_create(new_objectives)
    return written + len(new_documents)


@transaction.atomic
def remove_posts(post_ids):
    ContributionDocument.objects.filter(pk__in=list(post_ids)).delete()
