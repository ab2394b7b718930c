"""Stage 3, validation: SHACL shapes and SPARQL checks -> a ``ValidationReport``.

May import: the query and store stages and the shared modules. Renderers of the
report live in :mod:`capgraph.render`, above this stage.
"""

from capgraph.validation._checks import check_severity
from capgraph.validation._report import (
    Fallback,
    Rule,
    ValidationReport,
    ValidationResult,
    summary_line,
)
from capgraph.validation._shacl import Engine
from capgraph.validation._validate import validate, validate_endpoint

__all__ = [
    "Engine",
    "Fallback",
    "Rule",
    "ValidationReport",
    "ValidationResult",
    "check_severity",
    "summary_line",
    "validate",
    "validate_endpoint",
]
