"""What the topic page shows of each post's contribution."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hub.core.punctuation import join_list
from hub.taxonomy.models import GcmObjective, StakeholderGroup

from ..models import ContributionKind

# Bootstrap badge colours, so types can be told apart at a glance.
KIND_STYLES = {
    ContributionKind.COMMENT: "text-bg-secondary",
    ContributionKind.RECOMMENDATION: "text-bg-primary",
    ContributionKind.GOOD_PRACTICE: "text-bg-success",
    ContributionKind.REPORT: "text-bg-dark",
    ContributionKind.PLEDGE: "text-bg-warning",
    ContributionKind.QUESTION: "text-bg-info",
}
FIELD_LABELS = {"kind": _("Type"), "objectives": _("GCM objectives"), "language": _("Language")}


def describe_value(field, value):
    """A logged slug, code or list of objective numbers, readable by a moderator."""
    if field == "kind":
        return ContributionKind(value).label if value in ContributionKind.values else value
    if field == "language":
        return dict(settings.LANGUAGES).get(value, value)
    if field == "objectives":
        return join_list(value) if value else "—"
    return str(value)


def describe_reclassification(entry):
    entry.rows = [
        {
            "label": FIELD_LABELS.get(field, field),
            "before": describe_value(field, change.get("before")),
            "after": describe_value(field, change.get("after")),
        }
        for field, change in entry.changes.items()
    ]
    return entry


class ContributionMeta:
    """The metadata of a page of posts, with objective and stakeholder-group
    names in the reader's language: one query per taxonomy, not per post."""

    def __init__(self, posts, *, with_log):
        self.with_log = with_log
        contributions = [c for c in (getattr(p, "contribution", None) for p in posts) if c]
        self.objectives = {
            o.translation_key: o for o in GcmObjective.objects.in_active_locale().order_by("number")
        }
        group_keys = {c.stakeholder_group.translation_key for c in contributions if c.stakeholder_group}
        self.groups = {
            g.translation_key: g
            for g in StakeholderGroup.objects.in_active_locale().filter(translation_key__in=group_keys)
        }

    def for_post(self, post):
        contribution = getattr(post, "contribution", None)
        if contribution is None:
            return None
        group = contribution.stakeholder_group
        return {
            "contribution": contribution,
            "kind_style": KIND_STYLES.get(contribution.kind, "text-bg-secondary"),
            "objectives": [self.objectives.get(o.translation_key, o) for o in contribution.objectives.all()],
            "stakeholder_group": self.groups.get(group.translation_key, group) if group else None,
            "reclassifications": (
                [describe_reclassification(e) for e in contribution.reclassifications.all()]
                if self.with_log
                else []
            ),
        }
