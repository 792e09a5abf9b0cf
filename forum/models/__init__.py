from .contributions import Contribution, ContributionKind, Reclassification
from .profiles import StakeholderProfile
from .spaces import RegionalSpace

__all__ = [
    "Contribution",
    "ContributionKind",
    "Reclassification",
    "RegionalSpace",
    "StakeholderProfile",
]
