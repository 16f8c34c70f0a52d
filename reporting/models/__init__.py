"""The reporting app's models; this module only re-exports them."""

from reporting.models.exports import Export
from reporting.models.findings import FindingRule
from reporting.models.publications import Cell, Publication
from reporting.models.report_files import ReportFile

__all__ = ["Cell", "Export", "FindingRule", "Publication", "ReportFile"]
