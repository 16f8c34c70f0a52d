"""The reporting app's models; this module only re-exports them."""

from reporting.models.publications import Cell, Publication

__all__ = ["Cell", "Publication"]
