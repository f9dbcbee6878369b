"""Solving: compiled facts plus `rules/*.lp` through clingo.

Takes a `Program` and, optionally, switch positions to fix; gives one
`Model` per combination of the positions left open: the shown atoms
(`because`, `defeated`, `conflict`, `violation`) and the positions that
model stands for. The rules are grounded layer by layer (`base`, then
`layer(1..top)`, then `final`) so the whole program stays stratified.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import clingo
from clingo.symbol import Function, Number, String, Symbol

from .compile import Program
from .resources import resource_path

RULE_FILES = ("base.lp", "layer.lp", "final.lp")


@dataclass
class Solution:
    """What holds across the answer sets of one program.

    `positions` has one entry per answer set (the switch positions it stands
    for); `atoms` maps each shown atom to the indices of the answer sets in
    which it holds. Atoms true everywhere are read once (cautious
    consequences); only the others are looked up model by model."""

    positions: list[dict[str, str]]
    atoms: dict[Symbol, frozenset[int]] = field(default_factory=dict)

    def by_name(self, name: str) -> list[tuple[Symbol, frozenset[int]]]:
        return [(a, ks) for a, ks in self.atoms.items() if a.name == name]


def _rules_text() -> str:
    return "\n".join(resource_path("rules", f).read_text(encoding="utf-8") for f in RULE_FILES)


def ground(program: Program, fixed: dict[str, str] | None = None) -> clingo.Control:
    ctl = clingo.Control(["--warn=none"])
    facts = program.text()
    for sw, pos in (fixed or {}).items():
        facts += f"{Function('fixed', [String(sw), String(pos)])}.\n"
    ctl.add("base", [], facts)
    ctl.add("base", [], _rules_text())
    ctl.ground([("base", [])])
    for layer in range(1, program.top + 1):
        ctl.ground([("layer", [Number(layer)])])
    ctl.ground([("final", [])])
    return ctl


def _consequences(ctl: clingo.Control, mode: str) -> list[Symbol]:
    ctl.configuration.solve.enum_mode = mode  # type: ignore[union-attr]
    ctl.configuration.solve.models = 0  # type: ignore[union-attr]
    last: list[Symbol] = []

    def keep(m: clingo.Model) -> None:
        last[:] = m.symbols(shown=True)

    ctl.solve(on_model=keep)
    return last


def solve(program: Program, fixed: dict[str, str] | None = None) -> Solution:
    ctl = ground(program, fixed)
    sw_atoms = {Function("sw", [String(sw.name), String(pos.name)]): (sw.name, pos.name)
                for sw in program.switches.values() for pos in sw.positions}
    always = set(_consequences(ctl, "cautious")) - sw_atoms.keys()
    some = set(_consequences(ctl, "brave")) - sw_atoms.keys()
    varying = list(some - always)
    ctl.configuration.solve.enum_mode = "auto"  # type: ignore[union-attr]
    positions: list[dict[str, str]] = []
    holds: dict[Symbol, set[int]] = {a: set() for a in varying}

    def on_model(m: clingo.Model) -> None:
        k = len(positions)
        positions.append(dict(pair for atom, pair in sw_atoms.items() if m.contains(atom)))
        for a in varying:
            if m.contains(a):
                holds[a].add(k)

    ctl.solve(on_model=on_model)
    everyone = frozenset(range(len(positions)))
    solution = Solution(positions, {a: everyone for a in always})
    solution.atoms.update({a: frozenset(ks) for a, ks in holds.items()})
    return solution
