"""pyrule: a formal rule engine for collective-security law.

The pipeline, one module per stage: `parse` (text to AST), `check` (names,
variables, dates, and the static findings in `findings`), `compile` (AST to
ASP: facts, and one generated rule per rule of a charter), `solve` (clingo
with the semantics in `rules/*.lp`), `results` (typed conclusions with their
sources), `explain` (why and why not), `render` (tables, JSON), `respond` (the
pathways after an armed attack). `api` ties them together, with `cache` for
compiled programs; `guards` bounds the size and memory of a solve; `cli` is
the command line.

The names below are imported when first used, so that a command loads only
the stages it needs.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "ExpectationResult": "api", "positions_for": "api", "query": "api", "run": "api", "run_expectations": "api",
    "load": "api",
    "CheckProblem": "errors", "LoadProblem": "errors", "NameProblem": "errors", "PyruleError": "errors",
    "SyntaxProblem": "errors", "LimitProblem": "guards",
    "load_bundle": "library", "load_charter": "library", "load_scenario": "library",
    "parse_charter": "parse", "parse_scenario": "parse",
    "Answer": "results", "Basis": "results", "Conclusion": "results", "Conflict": "results", "Contest": "results",
    "Defeat": "results", "EventBasis": "results", "Violation": "results",
    "Response": "respond", "respond_all": "respond",   # (`pyrule.respond` is the module: `respond.respond`)
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'pyrule' has no attribute '{name}'")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
