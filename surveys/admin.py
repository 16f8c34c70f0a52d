"""The surveys app's admin, one module per subdomain; imported here so Django's admin
autodiscovery finds them."""

from surveys.questionnaires.admin import ItemAdmin, QuestionnaireVersionAdmin, ThemeAdmin
from surveys.responses.admin import ResearchExtractAdmin
from surveys.rounds.admin import RoundAdmin
from surveys.sample.admin import SampleImportAdmin

__all__ = [
    "ItemAdmin",
    "QuestionnaireVersionAdmin",
    "ResearchExtractAdmin",
    "RoundAdmin",
    "SampleImportAdmin",
    "ThemeAdmin",
]
