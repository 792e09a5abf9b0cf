from .attachments import AttachmentText
from .contributions import Contribution, ContributionKind, Reclassification
from .flags import AutoHiddenPost, Flag, FlagReason, FlagResolution
from .profiles import StakeholderProfile
from .spaces import RegionalSpace
from .subscriptions import AnnouncedPost, Delivery, NotificationSettings, SpaceSubscription

__all__ = [
    "AnnouncedPost",
    "AttachmentText",
    "AutoHiddenPost",
    "Contribution",
    "ContributionKind",
    "Delivery",
    "Flag",
    "FlagReason",
    "FlagResolution",
    "NotificationSettings",
    "Reclassification",
    "RegionalSpace",
    "SpaceSubscription",
    "StakeholderProfile",
]
