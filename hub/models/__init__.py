"""The hub's models, a module per subject: the site's frame of pages, the
roadmap, news, events, analysis papers, the shared taxonomy and the fields of
an honest date."""

from hub.taxonomy.models import Concept, Country, GcmObjective, GuidingPrinciple, Region, StakeholderGroup

from .events import EventIndexPage, EventPage
from .honest_date import HonestDateFields
from .news import NewsIndexPage, NewsPage
from .pages import HomePage, RegionPage, StandardPage
from .paper_generations import FrozenContribution, GenerationStatus, PaperGeneration
from .papers import AnalysisPaperPage
from .participation import OpenDataSettings, ReviewCycle
from .registrations import (
    FloorRequest,
    NominationStatus,
    OrganiserGroup,
    ParticipantType,
    Registration,
    RegistrationStatus,
    Role,
    SentMessage,
)
from .roadmap import Milestone, MilestoneKind, RoadmapPage, RoadmapPhase
from .suggestion_reviews import RejectedObjectiveSuggestion

__all__ = [
    "AnalysisPaperPage",
    "Concept",
    "Country",
    "EventIndexPage",
    "EventPage",
    "FloorRequest",
    "FrozenContribution",
    "GcmObjective",
    "GenerationStatus",
    "GuidingPrinciple",
    "HomePage",
    "HonestDateFields",
    "Milestone",
    "MilestoneKind",
    "NewsIndexPage",
    "NewsPage",
    "NominationStatus",
    "OpenDataSettings",
    "OrganiserGroup",
    "PaperGeneration",
    "ParticipantType",
    "Region",
    "RegionPage",
    "Registration",
    "RegistrationStatus",
    "RejectedObjectiveSuggestion",
    "ReviewCycle",
    "RoadmapPage",
    "RoadmapPhase",
    "Role",
    "SentMessage",
    "StakeholderGroup",
    "StandardPage",
]
