"""Contribution documents for Elasticsearch, built from the database.

Used by the outbox worker (a few posts at a time), by rebuild (everything,
in primary-key order) and by verify (to compare digests). A fixed number of
queries per batch, whatever its size.
"""

import hashlib
import html
import json
import re

from django.db.models import Prefetch
from machina.core.db.models import get_model

from forum import visibility
from forum.models import Contribution
from search.backends.elasticsearch import campaigns

Attachment = get_model("forum_attachments", "Attachment")

SUMMARY_CHARS = 150
TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"\s+")


def plain_text(rendered_html, markdown_source):
    """The words of a post as a reader sees them: machina's rendered HTML
    (already sanitised) without its tags; the Markdown source if no
    rendering was stored. Tags become spaces so paragraphs do not fuse words."""
    text = html.unescape(TAG.sub(" ", rendered_html)) if rendered_html else markdown_source or ""
    return SPACES.sub(" ", text.replace("\x00", "")).strip()


def digest(document):
    payload = json.dumps({k: v for k, v in document.items() if k != "digest"}, sort_keys=True, default=str)
    return hashlib.sha1(payload.encode(), usedforsecurity=False).hexdigest()


def _contributions():
    return Contribution.objects.select_related(
        "post__topic", "post__campaign_member", "space__region", "stakeholder_group", "country"
    ).prefetch_related(
        "objectives",
        Prefetch("post__attachments", queryset=Attachment.objects.select_related("extracted_text")),
    )


def _attachment_text(attachment):
    try:
        return attachment.extracted_text.text
    except Attachment.extracted_text.RelatedObjectDoesNotExist:
        return ""


def document_for(contribution):
    """The document body (a plain dict, as sent to Elasticsearch)."""
    post = contribution.post
    topic = post.topic
    attachments = list(post.attachments.all())
    body = plain_text(getattr(post, "_content_rendered", ""), post.content)
    document = {
        "post_id": post.pk,
        "topic_id": topic.pk,
        "forum_id": topic.forum_id,
        "subject": topic.subject,
        "body": body,
        "attachment_text": "\n".join(filter(None, map(_attachment_text, attachments))),
        "summary": body[:SUMMARY_CHARS],
        "region": contribution.space.region.slug,
        "type": contribution.kind,
        "objectives": sorted(objective.number for objective in contribution.objectives.all()),
        "language": contribution.language,
        "stakeholder_group": contribution.stakeholder_group.slug if contribution.stakeholder_group else None,
        "organisation": contribution.organisation,
        "country": str(contribution.country.code) if contribution.country else None,
        "author_name": contribution.author_name,
        "created": post.created.isoformat(),
        "external_id": contribution.external_id,
        "has_attachment": bool(attachments),
        "visible": visibility.is_public(post),
        **campaigns.document_fields(post),
    }
    document["digest"] = digest(document)
    return document


def documents_for(post_ids):
    """{post id: document} for those of ``post_ids`` that are contributions."""
    return {c.pk: document_for(c) for c in _contributions().filter(pk__in=list(post_ids))}


def all_documents(batch_size):
    """Every contribution's document, in post-id order, one batch (list) at a time.

    Keyset paging (pk > last) keeps each batch's query cheap at 1M rows; the
    batch size may change between batches (``batch_size`` is a callable).
    """
    last = 0
    while True:
        batch = [document_for(c) for c in _contributions().filter(pk__gt=last).order_by("pk")[: batch_size()]]
        if not batch:
            return
        yield batch
        last = batch[-1]["post_id"]


def count():
    return Contribution.objects.count()
