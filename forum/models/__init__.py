from .attachments import AttachmentText
from .contributions import Contribution, ContributionKind, Reclassification
from .flags import AutoHiddenPost, Flag, FlagReason, FlagResolution
from .profiles import StakeholderProfile
from .spaces import RegionalSpace

__all__ = [
    "AttachmentText",
    "AutoHiddenPost",
    "Contribution",
    "ContributionKind",
    "Flag",
    "FlagReason",
    "FlagResolution",
    "Reclassification",
    "RegionalSpace",
    "StakeholderProfile",
]
