"""Which contributions a paper may show now, and where each one lives.

A published paper cites contributions the public could read when it was
generated; any of them may since have been hidden, unapproved, deleted or
moved into a closed space. Every quotation, every listed recommendation and
every CSV row is therefore checked again at display time, the way the search
decides for an anonymous visitor: the post's forum is one machina lets
``AnonymousUser`` read (``search.facade.readable_forum_ids``, cached), the post
and its topic are approved, and the post is a contribution.

The cost is bounded whatever the number of contributions: one statement for
the posts (with their topic, forum, space and contribution), one for their
objectives, and the cached answer for the readable forums. A frozen set is
selected through a subquery, so no statement carries one parameter per
contribution.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from machina.core.db.models import get_model

from forum import visibility
from forum.models import Contribution
from hub.models.paper_generations import FrozenContribution
from search.facade import readable_forum_ids
from search.text import plain_text

Post = get_model("forum_conversation", "Post")
ObjectiveLink = Contribution.objectives.through

EXCERPT_CHARS = 300
LISTED_KINDS = ("recommendation", "pledge")


@dataclass(frozen=True)
class Cited:
    """A contribution the public may read now, as a paper shows it."""

    post_id: int
    url: str  # site-relative, in the active language: the topic, at the post
    region: str
    type: str
    objectives: tuple[int, ...]
    language: str
    stakeholder_group: str
    organisation: str
    country: str
    created: datetime
    topic_subject: str
    author_name: str
    excerpt: str = ""  # empty unless asked for


def excerpt(text, limit=EXCERPT_CHARS):
    """At most ``limit`` characters, cut at a word when one ends near the limit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-،؛") + "…"


def _topic_url(forum_slug, forum_pk, topic_slug, topic_pk, post_id):
    # As search.query.Hit.url gives it: the topic's page holding the post, at the post.
    return visibility.at_post(visibility.topic_path(forum_slug, forum_pk, topic_slug, topic_pk), post_id)


def public_posts():
    """Posts of contributions an anonymous visitor may read now (a queryset)."""
    return visibility.public_posts(
        Post.objects.filter(
            topic__forum_id__in=sorted(readable_forum_ids(AnonymousUser())), contribution__isnull=False
        )
    )


def visible(posts, *, with_excerpt=False, kinds=None, order=("pk",)):
    """``{post_id: Cited}`` for the publicly visible posts among ``posts`` (a
    Post queryset or a list of ids), in ``order``; two statements."""
    selection = public_posts()
    if isinstance(posts, list | tuple | set | frozenset):
        selection = selection.filter(pk__in=sorted({int(p) for p in posts}))
    else:
        selection = selection.filter(pk__in=posts)
    if kinds:
        selection = selection.filter(contribution__kind__in=sorted(kinds))
    columns = [
        "pk",
        "topic_id",
        "topic__slug",
        "topic__subject",
        "topic__forum_id",
        "topic__forum__slug",
        "created",
        "contribution__space__region__slug",
        "contribution__kind",
        "contribution__language",
        "contribution__stakeholder_group__slug",
        "contribution__organisation",
        "contribution__country__code",
        "contribution__author_name",
    ]
    if with_excerpt:
        columns += ["_content_rendered", "content"]
    rows = list(selection.order_by(*order).values_list(*columns))
    if not rows:
        return {}
    objectives = {}
    links = ObjectiveLink.objects.filter(contribution_id__in=selection.values("pk")).order_by(
        "gcmobjective__number"
    )
    for post_id, number in links.values_list("contribution_id", "gcmobjective__number"):
        objectives.setdefault(post_id, []).append(number)
    found = {}
    for row in rows:
        (pk, topic_id, topic_slug, subject, forum_id, forum_slug, created, region, kind, language) = row[:10]
        group, organisation, country, author = row[10:14]
        found[pk] = Cited(
            post_id=pk,
            url=_topic_url(forum_slug, forum_id, topic_slug, topic_id, pk),
            region=region,
            type=kind,
            objectives=tuple(objectives.get(pk, ())),
            language=language,
            stakeholder_group=group or "",
            organisation=organisation or "",
            country=str(country or ""),
            created=created,
            topic_subject=subject,
            author_name=author or "",
            excerpt=excerpt(plain_text(row[14], row[15])) if with_excerpt else "",
        )
    return found


def frozen_post_ids(generation):
    """The frozen set of ``generation`` (an instance or an id), as a subquery."""
    return FrozenContribution.objects.filter(generation=generation).values("post_id")


class PaperCitations:
    """What one page shows of its sources, looked up once per rendering.

    Kept on the page instance (``for_page``), so a page with thirty
    quotations and twenty lists of recommendations costs the same few
    statements as one with a single quotation.
    """

    def __init__(self, page):
        self.page = page
        self._quoted = None
        self._listed = None

    @classmethod
    def for_page(cls, page):
        cached = page.__dict__.get("_paper_citations")
        if cached is None:
            cached = page.__dict__["_paper_citations"] = cls(page)
        return cached

    def quoted_ids(self):
        # frozen_figures reads the frozen set through freeze, which reads this
        # module's public_posts: the cycle closes here, at call time.
        from .frozen_figures import FrozenFigures

        ids, objectives = set(), []
        for child in self.page.body or ():
            if child.block_type == "cited_quotation" and child.value.get("contribution"):
                ids.add(int(child.value["contribution"]))
            elif child.block_type == "objective_quotations" and child.value.get("objective"):
                objectives.append(child.value["objective"])
        if objectives:
            ids |= FrozenFigures.for_page(self.page).quoted_ids(objectives)
        return ids

    def quoted(self):
        """``{post_id: Cited}`` of the page's quotations that may still be shown."""
        if self._quoted is None:
            ids = self.quoted_ids()
            self._quoted = visible(ids) if ids else {}
        return self._quoted

    def listed(self):
        """The generation's recommendations and pledges still public, newest first, with excerpts."""
        if self._listed is None:
            generation_id = getattr(self.page, "generation_id", None)
            if not generation_id or not self._has_lists():
                self._listed = []
            else:
                self._listed = list(
                    visible(
                        frozen_post_ids(generation_id),
                        with_excerpt=True,
                        kinds=LISTED_KINDS,
                        order=("-created", "-pk"),
                    ).values()
                )
        return self._listed

    def _has_lists(self):
        return any(child.block_type == "cited_contributions" for child in self.page.body or ())

    def listed_for(self, objective, kinds):
        """The listed contributions of one objective (``None``: those with no objective) and kinds."""
        kinds = set(kinds or LISTED_KINDS)
        items = [item for item in self.listed() if item.type in kinds]
        if objective:
            return [item for item in items if int(objective) in item.objectives]
        return [item for item in items if not item.objectives]

    def fingerprint(self):
        """What of the sources is visible now, for caching a rendering (the PDF)."""
        listed = sorted(item.post_id for item in self.listed())
        return f"q{sorted(self.quoted())}l{listed}"

    def sources(self):
        """What the page says of its set: how many, as of when, and how many are still public."""
        page = self.page
        count = page.contribution_count
        public_now = None
        if page.generation_id:
            public_now = public_posts().filter(pk__in=frozen_post_ids(page.generation_id)).count()
            if count is None:
                count = FrozenContribution.objects.filter(generation_id=page.generation_id).count()
        return {
            "count": count,
            "as_of": page.contributions_as_of,
            "public_now": public_now,
            "withdrawn": max((count or 0) - (public_now or 0), 0) if public_now is not None else 0,
            "has_set": bool(page.generation_id),
        }
