from .attachments import AttachmentText
from .contributions import Contribution, ContributionKind, Reclassification
from .profiles import StakeholderProfile
from .spaces import RegionalSpace

__all__ = [
    "AttachmentText",
    "Contribution",
    "ContributionKind",
    "Reclassification",
    "RegionalSpace",
    "StakeholderProfile",
]
