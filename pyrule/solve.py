"""Solving: a compiled program plus `rules/*.lp` through clingo.

Takes a `Program` and, optionally, switch positions to fix; gives a
`Solution`: the shown atoms (`because`, `defeated`, `conflict`, `violation`,
the decisions of organs) and the answer sets in which each holds, one answer
set per combination of the positions left open -- or, past
SOLVE_APART_FROM combinations, switches that do not interact solved apart
(`_solve_apart`), with the same answers. The program's estimated size is
checked first and grounding and solving run under a memory ceiling
(`pyrule.guards`). The facts go in as one text
block (the fastest way in), the generated rules as clingo AST, the rules
files as text; everything is grounded in one step (gringo orders the rules
by their dependencies, and the program is stratified but for the choice of
switch positions).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
from collections import defaultdict
from dataclasses import dataclass, field

import clingo
from clingo import ast
from clingo.symbol import Function, Number, String, Symbol

from .compile import Program
from .gcpause import collector_paused
from .guards import LimitProblem, check_size, limits, memory_ceiling
from .resources import resource_path

_LOC = ast.Location(ast.Position("<pyrule>", 1, 1), ast.Position("<pyrule>", 1, 1))
RULE_FILES = ("base.lp", "voting.lp", "norms.lp", "final.lp")
# Beyond this many combinations of the engaged switches' positions, the
# switches are solved apart, in groups that do not interact (below that, every
# combination is an answer set, as it always was).
SOLVE_APART_FROM = 256


@dataclass
class Solution:
    """What holds across the answer sets of one program.

    `positions` has one entry per answer set (the switch positions it stands
    for); `atoms` maps each shown atom (but `sw`) to the indices of the
    answer sets in which it holds, in the order clingo shows them. With every
    switch fixed there is one answer set, read as it is; else the atoms true
    everywhere are read once (cautious consequences) and only the others are
    looked up model by model."""

    positions: list[dict[str, str]]
    atoms: dict[Symbol, frozenset[int]] = field(default_factory=dict)
    idle: tuple[str, ...] = ()          # switches nothing in the scenario engages
    # Solved apart (see `_solve_apart`): the groups of engaged switches that
    # do not interact, and how many combinations of positions they stand for;
    # `positions` then has one answer set with every switch at its default,
    # and for each group one per other combination of its positions, the
    # other groups at their defaults.
    groups: tuple[tuple[str, ...], ...] = ()
    combinations: int = 0

    def by_name(self, name: str) -> list[tuple[Symbol, frozenset[int]]]:
        return [(a, ks) for a, ks in self.atoms.items() if a.name == name]


class _Calendar:
    """What rules/*.lp cannot count in integers: calendar months. Days are
    proleptic Gregorian ordinals (`datetime.date.toordinal`)."""

    @staticmethod
    def months_after(day: Symbol, months: Symbol) -> Symbol:
        """The day with the same date `months` calendar months after `day`,
        or the last day of that month if it has no such date (31 January and
        one month: 28 or 29 February). A day outside the calendar is given
        back unchanged: it is the horizon, which no period moves."""
        n, k = day.number, months.number
        if not 1 <= n <= _LAST_DAY:
            return day
        d = dt.date.fromordinal(n)
        y, m = divmod(d.month - 1 + k, 12)
        year, month = d.year + y, m + 1
        if year > dt.MAXYEAR:
            return Number(_LAST_DAY)
        last = calendar.monthrange(year, month)[1]
        return Number(dt.date(year, month, min(d.day, last)).toordinal())


_LAST_DAY = dt.date.max.toordinal()
_CALENDAR = _Calendar()


@functools.cache
def _rules_text() -> str:
    """rules/*.lp in order (read once per process: the analysis commands ground many times)."""
    return "\n".join(resource_path("rules", f).read_text(encoding="utf-8") for f in RULE_FILES)


def ground(program: Program, fixed: dict[str, str] | None = None, extra_rules: tuple[str, ...] = (),
           extra_facts: str = "", rules: str | None = None, observer: object | None = None) -> clingo.Control:
    """Ground the facts, the generated rules and the rules files.
    `extra_rules` names rule files added to the program (possible.lp,
    power.lp, search.lp); `rules` replaces the text of rules/*.lp (the
    benchmark grounds variants of it); `observer` sees the ground rules."""
    ctl = clingo.Control(["--warn=none"])
    if observer is not None:
        ctl.register_observer(observer)
    facts = program.text() + extra_facts
    for sw, pos in (fixed or {}).items():
        facts += f"{Function('fixed', [String(sw), String(pos)])}.\n"
    ctl.add("base", [], facts)
    ctl.add("base", [], _rules_text() if rules is None else rules)
    for name in extra_rules:
        ctl.add("base", [], resource_path("rules", name).read_text(encoding="utf-8"))
    add_statements(ctl, program)
    ctl.ground([("base", [])], context=_CALENDAR)
    return ctl


def add_statements(ctl: clingo.Control, program: Program) -> None:
    """The generated rules: as AST through clingo's program builder, or, for
    a program read back from the cache, as the text clingo printed them in."""
    if program.cached_rules is not None:
        ctl.add("base", [], program.cached_rules)
        return
    statements = program.statements()
    if not statements:
        return
    with ast.ProgramBuilder(ctl) as builder:
        builder.add(ast.Program(_LOC, "base", []))
        for stm in statements:
            builder.add(stm)


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


def solve(program: Program, fixed: dict[str, str] | None = None, explaining: bool = False) -> Solution:
    """`explaining` adds what only explanations read: the riders that ended or
    suspended rule instances, and the days facts end (final.lp)."""
    check_size(program)
    with collector_paused(), memory_ceiling():
        return _solve(program, fixed, explaining)


def _solve(program: Program, fixed: dict[str, str] | None, explaining: bool) -> Solution:
    fixed = dict(fixed or {})
    ctl = ground(program, fixed, extra_facts="explaining.\n" if explaining else "")
    sw_atoms = {Function("sw", [String(sw.name), String(pos.name)]): (sw.name, pos.name)
                for sw in program.switches.values() for pos in sw.positions}
    open_switches = [s for s in program.switches if s not in fixed]
    positions: list[dict[str, str]] = []
    ctl.configuration.solve.models = 0  # type: ignore[union-attr]

    def read_positions(m: clingo.Model) -> None:
        positions.append(dict(pair for atom, pair in sw_atoms.items() if m.contains(atom)))

    if not open_switches:
        # Nothing left to choose (a switch's position is the only choice in
        # rules/): one answer set, whose shown atoms are read as they are.
        ctl.configuration.solve.enum_mode = "auto"  # type: ignore[union-attr]
        shown: list[list[Symbol]] = []

        def read_all(m: clingo.Model) -> None:
            read_positions(m)
            shown.append(m.symbols(shown=True))

        ctl.solve(on_model=read_all)
        if len(shown) == 1:
            atoms = dict.fromkeys(shown[0], frozenset({0}))
            for a in sw_atoms:
                atoms.pop(a, None)
            return Solution(positions, atoms)
        positions.clear()       # not one answer set after all: read them the general way below
    # A switch that nothing engages changes nothing: it is held at its
    # prevailing (else first) position instead of doubling the answer sets.
    engaged = engaged_switches(ctl, open_switches)
    idle = tuple(s for s in open_switches if s not in engaged)
    assumptions = [(default_atom(program, s), True) for s in idle]
    live = [s for s in open_switches if s in engaged]
    cap = limits().max_readings
    if math.prod(len(program.switches[s].positions) for s in live) > min(SOLVE_APART_FROM, cap or SOLVE_APART_FROM):
        del ctl
        return _solve_apart(program, fixed, explaining, live, idle)
    always = [a for a in consequences(ctl, "cautious", assumptions) if a not in sw_atoms]
    settled = set(always)
    varying = [a for a in consequences(ctl, "brave", assumptions) if a not in sw_atoms and a not in settled]
    ctl.configuration.solve.enum_mode = "auto"  # type: ignore[union-attr]
    holds: dict[Symbol, list[int]] = {a: [] for a in varying}

    def read_varying(m: clingo.Model) -> None:
        k = len(positions)
        read_positions(m)
        for a in varying:
            if m.contains(a):
                holds[a].append(k)

    ctl.solve(on_model=read_varying, assumptions=assumptions)
    everyone = frozenset(range(len(positions)))
    solution = Solution(positions, dict.fromkeys(always, everyone), idle=idle)
    solution.atoms.update({a: frozenset(ks) for a, ks in holds.items()})
    return solution


def default_position(program: Program, switch: str) -> str:
    """The position a switch is held at when it is not being varied: its
    prevailing one, else its first."""
    sw = program.switches[switch]
    return sw.prevailing or sw.positions[0].name


def default_atom(program: Program, switch: str) -> Symbol:
    return Function("sw", [String(switch), String(default_position(program, switch))])


class _Dependencies:
    """A ground-program observer: for each atom, the atoms whose rules read
    it. An integrity constraint (rules/ has none but the one that picks a
    single position per switch) is a node of its own that its body feeds, so
    that switches whose atoms meet in one are joined."""

    def __init__(self) -> None:
        self.feeds: dict[int, list[int]] = defaultdict(list)
        self.constraints = 0

    def _heads(self, head) -> list[int]:
        if head:
            return list(head)
        self.constraints += 1
        return [-self.constraints]          # (never a literal: atoms are positive)

    def rule(self, choice: bool, head, body) -> None:
        heads = self._heads(head)
        for lit in body:
            self.feeds[abs(lit)].extend(heads)

    def weight_rule(self, choice: bool, head, lower_bound: int, body) -> None:
        heads = self._heads(head)
        for lit, _ in body:
            self.feeds[abs(lit)].extend(heads)


# What `pyrule.results` reads together, by shown predicate: the places that
# name an act's action (the conclusions, defeats, conflicts and violations
# about one action are merged into rows, spelt out for the targets in play,
# compared), or a draft (a decision is read from several atoms).
_READ_TOGETHER = {("because", 9): ("act", (2,)), ("entailed", 8): ("act", (1,)),
                  ("defeated", 11): ("act", (3,)), ("conflict", 11): ("act", (2,)),
                  ("clash_via", 7): ("act", (1, 6)), ("violation", 10): ("act", (3,)),
                  ("excused", 12): ("act", (3,)), ("suspended", 10): ("act", (3,)),
                  ("decision", 2): ("draft", (0,)), ("vetoed", 2): ("draft", (0,)),
                  ("votes_cast", 3): ("draft", (0,)), ("counted", 2): ("draft", (0,)),
                  ("decided_by", 2): ("draft", (0,)), ("voided", 2): ("draft", (0,)),
                  ("uncounted", 2): ("draft", (0,)),
                  ("rider_hit", 6): ("rule", (0,)), ("fact_end", 2): ("fact", (0,))}


def _merged(ctl: clingo.Control, deps: _Dependencies) -> None:
    """Atoms that are read together in Python (an answer about an action
    holds where any of them does) depend on their switches together: each
    such set feeds one node of its own, so that their switches are joined."""
    nodes: dict[tuple, int] = {}
    for (name, arity), (kind, places) in _READ_TOGETHER.items():
        for sa in ctl.symbolic_atoms.by_signature(name, arity):
            if sa.is_fact:
                continue
            keys = [(kind, sa.symbol.arguments[j]) for j in places]
            if name == "defeated" and sa.symbol.arguments[10].name == "via":
                keys.append(("act", sa.symbol.arguments[10].arguments[1]))     # via(P, A): the act obliged
            for key in keys:
                node = nodes.get(key)
                if node is None:
                    deps.constraints += 1
                    node = nodes[key] = -deps.constraints
                deps.feeds[sa.literal].append(node)


def interacting_groups(deps: _Dependencies, sources: dict[int, str], order: list[str]) -> list[tuple[str, ...]]:
    """The switches whose positions some atom depends on together, as groups
    (union-find over a walk from each switch's atoms; an atom reached from two
    groups joins them). An atom's truth depends only on the switches from
    which it is reached, so an atom depends on the switches of one group only."""
    parent = {s: s for s in order}

    def find(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    label: dict[int, str] = {}
    for start, sw in sources.items():
        if start in label:
            parent[find(sw)] = find(label[start])
            continue
        label[start] = sw
        stack = [start]
        while stack:
            a = stack.pop()
            for b in deps.feeds.get(a, ()):
                got = label.get(b)
                if got is None:
                    label[b] = sw
                    stack.append(b)
                elif find(got) != find(sw):
                    parent[find(got)] = find(sw)
    groups: dict[str, list[str]] = defaultdict(list)
    for s in order:
        groups[find(s)].append(s)
    return [tuple(g) for g in groups.values()]


def _solve_apart(program: Program, fixed: dict[str, str], explaining: bool, live: list[str],
                 idle: tuple[str, ...]) -> Solution:
    """Many engaged switches: rather than one answer set per combination of
    their positions (2^n), find the groups of switches that interact (an atom
    depends on the positions of several) from the ground program, and solve
    each group with the others held at their defaults. Every shown atom
    depends on one group only, so whether it holds on every reading, on none,
    or on which positions of which switches, reads the same off these answer
    sets as off all the combinations. A group whose own combinations pass
    the limit (PYRULE_MAX_READINGS) is refused with a clear error."""
    deps = _Dependencies()
    ctl = ground(program, fixed, extra_facts="explaining.\n" if explaining else "", observer=deps)
    sources: dict[int, str] = {}
    for s in live:
        for pos in program.switches[s].positions:
            got = ctl.symbolic_atoms[Function("sw", [String(s), String(pos.name)])]
            if got is not None:
                sources[got.literal] = s
    _merged(ctl, deps)
    groups = interacting_groups(deps, sources, live)
    del deps
    size = {g: math.prod(len(program.switches[s].positions) for s in g) for g in groups}
    cap = limits().max_readings
    worst = max(groups, key=lambda g: size[g])
    if cap and size[worst] > cap:
        raise LimitProblem(
            f"{len(worst)} interpretation switches interact here ({', '.join(worst)}): their readings make "
            f"{size[worst]:,} combinations, beyond the limit of {cap:,}",
            hint="fix some of them with --set IS-X=POSITION or --profile prevailing, or raise the limit with "
                 "`pyrule --max-readings N` or PYRULE_MAX_READINGS=N (0: no limit)")
    sw_atoms = {Function("sw", [String(sw.name), String(pos.name)]): (sw.name, pos.name)
                for sw in program.switches.values() for pos in sw.positions}
    base = [(default_atom(program, s), True) for s in idle]
    always = [a for a in consequences(ctl, "cautious", base) if a not in sw_atoms]
    settled = set(always)
    varying = [a for a in consequences(ctl, "brave", base) if a not in sw_atoms and a not in settled]
    ctl.configuration.solve.enum_mode = "auto"  # type: ignore[union-attr]
    ctl.configuration.solve.models = 0  # type: ignore[union-attr]
    positions: list[dict[str, str]] = []
    holds: dict[Symbol, list[int]] = {a: [] for a in varying}
    defaults = {s: default_position(program, s) for s in live}

    def read(m: clingo.Model, group: tuple[str, ...] | None) -> None:
        pos = dict(pair for atom, pair in sw_atoms.items() if m.contains(atom))
        if group is not None and all(pos.get(s) == defaults[s] for s in group):
            return          # the answer set with every switch at its default is read once
        k = len(positions)
        positions.append(pos)
        for a in varying:
            if m.contains(a):
                holds[a].append(k)

    ctl.solve(on_model=lambda m: read(m, None), assumptions=base + [(default_atom(program, s), True) for s in live])
    for group in groups:
        held = [(default_atom(program, s), True) for s in live if s not in group]
        ctl.solve(on_model=lambda m, g=group: read(m, g), assumptions=base + held)
    everyone = frozenset(range(len(positions)))
    solution = Solution(positions, dict.fromkeys(always, everyone), idle=idle, groups=tuple(groups),
                        combinations=math.prod(size.values()))
    solution.atoms.update({a: frozenset(ks) for a, ks in holds.items()})
    return solution
