"""The surveys app's models, one file per subdomain; this module only re-exports them, so
`from surveys.models import Participant` works wherever the model lives."""

from surveys.models.expectations import Expectation
from surveys.models.imports import (
    ExtractKind,
    RejectedRow,
    SampleImport,
    SampleUpload,
    UploadStatus,
)
from surveys.models.participants import ContractType, Participant
from surveys.models.plans import PlanDuty, PlannedDispatch, RoundPlan
from surveys.models.questionnaires import (
    FrozenQuestionnaire,
    Item,
    QuestionnaireVersion,
    Survey,
    Theme,
)
from surveys.models.research import ResearchExtract
from surveys.models.responses import Answer, Draft, Response
from surveys.models.rounds import LOCKED_AFTER_OPENING, OPENED_MESSAGE, Round
from surveys.models.workplace import Workplace

__all__ = [
    "LOCKED_AFTER_OPENING",
    "OPENED_MESSAGE",
    "Answer",
    "ContractType",
    "Draft",
    "Expectation",
    "ExtractKind",
    "FrozenQuestionnaire",
    "Item",
    "Participant",
    "PlanDuty",
    "PlannedDispatch",
    "QuestionnaireVersion",
    "RejectedRow",
    "ResearchExtract",
    "Response",
    "Round",
    "RoundPlan",
    "SampleImport",
    "SampleUpload",
    "Survey",
    "Theme",
    "UploadStatus",
    "Workplace",
]
