"""pyrule: a formal rule engine for collective-security law.

The pipeline, one module per stage: `parse` (text to AST), `check` (names,
variables, dates), `compile` (AST to ASP facts), `solve` (clingo with the
semantics in `rules/*.lp`), `results` (typed conclusions with their sources),
`render` (tables, JSON). `api` ties them together; `cli` is the command line.
"""

from .api import ExpectationResult, positions_for, query, run, run_expectations
from .errors import CheckProblem, LoadProblem, NameProblem, PyruleError, SyntaxProblem
from .library import load_bundle, load_charter, load_scenario
from .parse import parse_charter, parse_scenario
from .results import Answer, Basis, Conclusion, Conflict, Contest, Defeat, EventBasis, Violation

__all__ = [
    "Answer", "Basis", "CheckProblem", "Conclusion", "Conflict", "Contest", "Defeat", "EventBasis",
    "ExpectationResult", "LoadProblem", "NameProblem", "PyruleError", "SyntaxProblem", "Violation",
    "load_bundle", "load_charter", "load_scenario", "parse_charter", "parse_scenario", "positions_for",
    "query", "run", "run_expectations",
]
