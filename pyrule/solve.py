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

RULE_FILES = ("base.lp", "voting.lp", "layer.lp", "final.lp")


@dataclass
class Solution:
    """What holds across the answer sets of one program.

    `positions` has one entry per answer set (the switch positions it stands
    for); `atoms` maps each shown atom to the indices of the answer sets in
    which it holds. Atoms true everywhere are read once (cautious
    consequences); only the others are looked up model by model."""

    positions: list[dict[str, str]]
    atoms: dict[Symbol, frozenset[int]] = field(default_factory=dict)
    idle: tuple[str, ...] = ()          # switches nothing in the scenario engages

    def by_name(self, name: str) -> list[tuple[Symbol, frozenset[int]]]:
        return [(a, ks) for a, ks in self.atoms.items() if a.name == name]


def _rules_text() -> str:
    return "\n".join(resource_path("rules", f).read_text(encoding="utf-8") for f in RULE_FILES)


def ground(program: Program, fixed: dict[str, str] | None = None, extra_rules: tuple[str, ...] = (),
           extra_facts: str = "", rules: str | None = None) -> clingo.Control:
    """Ground the facts and rules layer by layer. `extra_rules` names rule
    files added to the base program (possible.lp, power.lp); `rules` replaces
    the text of rules/*.lp (the benchmark grounds variants of it)."""
    ctl = clingo.Control(["--warn=none"])
    facts = program.text() + extra_facts
    for sw, pos in (fixed or {}).items():
        facts += f"{Function('fixed', [String(sw), String(pos)])}.\n"
    ctl.add("base", [], facts)
    ctl.add("base", [], _rules_text() if rules is None else rules)
    for name in extra_rules:
        ctl.add("base", [], resource_path("rules", name).read_text(encoding="utf-8"))
    ctl.ground([("base", [])])
    for layer in range(1, program.top + 1):
        ctl.ground([("carry", [Number(layer)])])
        ctl.ground([("layer", [Number(layer)])])
    ctl.ground([("final", [])])
    return ctl


def consequences(ctl: clingo.Control, mode: str, assumptions: list) -> list[Symbol]:
    ctl.configuration.solve.enum_mode = mode  # type: ignore[union-attr]
    ctl.configuration.solve.models = 0  # type: ignore[union-attr]
    last: list[Symbol] = []

    def keep(m: clingo.Model) -> None:
        last[:] = m.symbols(shown=True)

    ctl.solve(on_model=keep, assumptions=assumptions)
    return last


def engaged_switches(ctl: clingo.Control, switches: list[str]) -> set[str]:
    """Switches that something in the scenario engages in some answer set."""
    ctl.configuration.solve.enum_mode = "brave"  # type: ignore[union-attr]
    ctl.configuration.solve.models = 0  # type: ignore[union-attr]
    atoms = {s: Function("engaged", [String(s)]) for s in switches}
    found: set[str] = set()

    def look(m: clingo.Model) -> None:
        found.update(s for s, a in atoms.items() if m.contains(a))

    ctl.solve(on_model=look)
    return found


def solve(program: Program, fixed: dict[str, str] | None = None) -> Solution:
    fixed = dict(fixed or {})
    ctl = ground(program, fixed)
    sw_atoms = {Function("sw", [String(sw.name), String(pos.name)]): (sw.name, pos.name)
                for sw in program.switches.values() for pos in sw.positions}
    # A switch that nothing engages changes nothing: it is held at its
    # prevailing (else first) position instead of doubling the answer sets.
    open_switches = [s for s in program.switches if s not in fixed]
    engaged = engaged_switches(ctl, open_switches) if open_switches else set()
    idle = tuple(s for s in open_switches if s not in engaged)
    assumptions = []
    for s in idle:
        sw = program.switches[s]
        assumptions.append((Function("sw", [String(s), String(sw.prevailing or sw.positions[0].name)]), True))
    always = set(consequences(ctl, "cautious", assumptions)) - sw_atoms.keys()
    some = set(consequences(ctl, "brave", assumptions)) - sw_atoms.keys()
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

    ctl.solve(on_model=on_model, assumptions=assumptions)
    everyone = frozenset(range(len(positions)))
    solution = Solution(positions, {a: everyone for a in always}, idle=idle)
    solution.atoms.update({a: frozenset(ks) for a, ks in holds.items()})
    return solution
