"""The hub's models: page types (pages.py), the shared taxonomy (taxonomy.py)
and the fields of an honest date (honest_date.py)."""

from .honest_date import HonestDateFields
from .pages import HomePage
from .taxonomy import Country, GcmObjective, GuidingPrinciple, Region, StakeholderGroup

__all__ = [
    "Country",
    "GcmObjective",
    "GuidingPrinciple",
    "HomePage",
    "HonestDateFields",
    "Region",
    "StakeholderGroup",
]
