"""Typed results: answer sets to conclusions that know their sources.

Takes the `Program` (for its id tables) and the `Model`s of one solve; gives
an `Answer`: `Conclusion`s (status, actor, action, object, target, a day
range, the `Basis` it rests on -- articles and dated events, through any
"counts as" rules -- and whether it is settled or contested, with the answer
under each position of the switches that decide it), `Defeat`s (which rule
lost to which, by what principle), `Violation`s and `Conflict`s.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from clingo.symbol import Symbol, SymbolType

from . import ast as A
from .compile import INF, FactInfo, Program, RuleInfo, date_of
from .solve import Solution

STATUS_WORDS = {"obl": "obliged", "oblm": "obliged (own means)", "forb": "forbidden", "perm": "permitted",
                "rec": "recommended", "power": "empowered"}
PRINCIPLE_WORDS = {"exception": "explicit exception", "lex_superior": "lex superior",
                   "lex_specialis": "lex specialis", "lex_posterior": "lex posterior"}


# ------------------------------------------------------------------ bases


@dataclass(frozen=True, eq=False)
class EventBasis:
    """A dated fact of the scenario."""

    fact: FactInfo

    @property
    def date(self) -> dt.date:
        return self.fact.start

    def describe(self) -> str:
        return describe_fact(self.fact.fact)


@dataclass(frozen=True, eq=False)
class Basis:
    """A rule of an article, applied to the facts that triggered it."""

    rule: RuleInfo
    facts: tuple["EventBasis | Basis", ...]

    @property
    def article(self) -> str:
        return self.rule.article.num

    def articles(self) -> list[tuple[str, str]]:
        """(charter, article) of this rule, the articles it cites, and those
        of the "counts as" rules beneath it, without repeats."""
        out = [(self.rule.charter.id, self.rule.article.num)]
        rule = self.rule.rule
        if isinstance(rule, A.Norm):
            out += [(self.rule.charter.id, r.num) for r in rule.citing]
        for f in self.facts:
            if isinstance(f, Basis):
                out += f.articles()
        return list(dict.fromkeys(out))

    def events(self) -> list[EventBasis]:
        out: list[EventBasis] = []
        for f in self.facts:
            out.extend([f] if isinstance(f, EventBasis) else f.events())
        return list(dict.fromkeys(out))


def describe_fact(f: A.Fact) -> str:
    a = [x.value if isinstance(x, A.Const) else (x.name if isinstance(x, A.Var) else None) for x in f.args]
    k = f.kind
    if k == "attack":
        return f"armed attack by {a[0]} on {a[1]}" + (f" in {a[2]}" if a[2] else "")
    if k == "membership":
        return f"{a[0]} is a member of {a[1]}"
    if k == "case":
        return f"case {a[0]} of {a[1]} against {a[2]}"
    if k == "dispute":
        return f"dispute between {a[0]} and {a[1]}"
    if k == "request":
        return f"{a[0]} requests assistance"
    if k == "cooperation":
        return f"{a[0]} cooperates with {a[1]}"
    if k == "domestic":
        return f"matter within the domestic jurisdiction of {a[0]}"
    if k == "enforcement":
        return f"enforcement action against {a[0]}"
    if k == "agreement":
        return f"special agreement between {a[0]} and the {a[1]}"
    prep = f.prep or "against"
    if k in ("act", "omission"):
        tail = " ".join(x for x in (a[2], f"{prep} {a[3]}" if a[3] else None) if x)
        verb = a[1] if k == "act" else f"fails to {a[1]}"
        return " ".join(x for x in (a[0], verb, tail) if x)
    if k == "determination":
        article = "an" if (a[1] or "")[:1] in "aeiou" else "a"
        return f"the {a[0]} determines {article} {a[1]}" + (f" by {a[2]}" if a[2] else "")
    if k == "measures":
        return f"the {a[0]} decides measures {a[1]} against {a[2]}" + (f" under article {a[3]}" if a[3] else "")
    if k == "referral":
        return f"the {a[0]} refers the matter to the {a[1]}"
    verbs = {"decision": "decides that", "demand": "demands that", "call": "calls upon",
             "recommendation": "recommends that", "authorization": "authorizes members cooperating with"}
    tail = " ".join(x for x in (a[2], a[3], f"{prep} {a[4]}" if a[4] else None) if x)
    return f"the {a[0]} {verbs[k]} {a[1]} {'to ' if k in ('call', 'authorization') else ''}{tail}"


class _Bases:
    """Turns rule ids and instance terms from the answer set into `Basis` trees."""

    def __init__(self, program: Program) -> None:
        self.p = program
        self.cache: dict[str, Basis] = {}
        self.events: dict[str, EventBasis] = {}

    def basis(self, rule: Symbol, inst: Symbol) -> Basis:
        key = f"{rule}|{inst}"
        if key not in self.cache:
            facts = tuple(self.fact(f) for f in inst.arguments)
            self.cache[key] = Basis(self.p.rules[str(rule)], facts)
        return self.cache[key]

    def fact(self, fid: Symbol) -> EventBasis | Basis:
        if fid.name == "d":  # derived by a "counts as" rule: d(Rule, Instance, Start)
            return self.basis(fid.arguments[0], fid.arguments[1])
        key = str(fid)
        if key not in self.events:
            self.events[key] = EventBasis(self.p.fluents[key])
        return self.events[key]


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class Contest:
    """How an answer depends on interpretation switches: for each setting of
    the switches that decide it, whether it holds."""

    switches: tuple[str, ...]
    outcomes: tuple[tuple[tuple[str, ...], bool], ...]   # positions (in switch order), holds


@dataclass(frozen=True)
class Conclusion:
    status: str
    actor: str
    action: str
    object: str | None
    target: str | None
    start: dt.date
    end: dt.date | None            # exclusive; None: no end in view
    bases: tuple[Basis, ...]
    contest: Contest | None = None  # None: settled
    models: frozenset[int] = frozenset()   # the answer sets in which it holds
    basis_models: tuple[frozenset[int], ...] = ()   # for each basis, where it holds

    @property
    def settled(self) -> bool:
        return self.contest is None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def firm_bases(self) -> tuple[Basis, ...]:
        """The bases that support the conclusion wherever it holds (if none
        does alone, all of them)."""
        firm = tuple(b for b, ks in zip(self.bases, self.basis_models) if ks >= self.models)
        return firm or self.bases

    def other_bases(self) -> list[tuple[Basis, frozenset[int]]]:
        """Bases that support it only on some readings, with those readings' answer sets."""
        firm = set(map(id, self.firm_bases()))
        return [(b, ks) for b, ks in zip(self.bases, self.basis_models) if id(b) not in firm]

    def articles(self) -> list[tuple[str, str]]:
        return list(dict.fromkeys(a for b in self.firm_bases() for a in b.articles()))

    def events(self) -> list[EventBasis]:
        return list(dict.fromkeys(e for b in self.firm_bases() for e in b.events()))


@dataclass(frozen=True)
class Defeat:
    actor: str
    action: str
    object: str | None
    target: str | None
    start: dt.date
    end: dt.date | None
    loser: Basis
    winner: Basis
    principle: str
    contest: Contest | None = None


@dataclass(frozen=True)
class Violation:
    kind: str                      # "forb": a forbidden act; "obl": an omitted duty
    actor: str
    action: str
    object: str | None
    target: str | None
    act: EventBasis
    basis: Basis
    start: dt.date
    end: dt.date | None
    contest: Contest | None = None
    models: frozenset[int] = frozenset()

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Conflict:
    actor: str
    action: str
    object: str | None
    target: str | None
    start: dt.date
    end: dt.date | None
    obliging: Basis
    forbidding: Basis
    contest: Contest | None = None


@dataclass(frozen=True)
class Decision:
    """What became of a draft put to the vote: adopted or not, in which answer
    sets, by which article's rule, who blocked it, and the count."""

    symbol: str
    organ: str
    date: dt.date
    adopted_in: frozenset[int]
    contest: Contest | None
    counted_as: dict[str, frozenset[int]]           # matter -> answer sets
    blocked_by: dict[str, frozenset[int]]           # member -> answer sets
    voided: dict[str, frozenset[int]]               # member whose vote was void -> answer sets
    tallies: dict[str, int]                         # way -> number (where readings differ, the lowest)
    tally_range: dict[str, tuple[int, int]]         # way -> (lowest, highest) over the answer sets
    articles: tuple[tuple[str, str], ...]

    def adopted(self) -> bool | None:
        """True or False if settled, None if contested."""
        return None if self.contest is not None else bool(self.adopted_in)


@dataclass
class Answer:
    program: Program
    positions: list[dict[str, str]]          # one per model
    conclusions: list[Conclusion] = field(default_factory=list)
    defeats: list[Defeat] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    idle: tuple[str, ...] = ()
    _named: set[tuple[str, str | None, str]] | None = field(default=None, repr=False)

    def towards(self, c: Conclusion | Violation, target: str) -> bool:
        """Whether a conclusion is about acts towards `target`: it names it,
        or it is about "any state" and no rule speaks of `target` by name for
        that act (where one does, the universal rule is spelt out for it)."""
        if c.target == target:
            return True
        if c.target != "any" or c.actor == target:
            return False
        if self._named is None:
            self._named = {(x.action, x.object, x.target) for x in self.conclusions
                           if x.target not in (None, "any")}
        return (c.action, c.object, target) not in self._named


def _val(sym: Symbol) -> str | None:
    if sym.type == SymbolType.String:
        return sym.string
    return None if sym.name == "none" else sym.name


def contest_of(holding: frozenset[int], models: list[dict[str, str]]) -> Contest | None:
    if len(holding) == len(models):
        return None
    switches = sorted({s for m in models for s in m})
    for size in range(1, len(switches) + 1):
        for group in itertools.combinations(switches, size):
            table: dict[tuple[str, ...], set[bool]] = defaultdict(set)
            for k, m in enumerate(models):
                table[tuple(m[s] for s in group)].add(k in holding)
            if all(len(v) == 1 for v in table.values()):
                return Contest(group, tuple(sorted((pos, v.pop()) for pos, v in table.items())))
    return Contest((), ())  # pragma: no cover - the full set of switches always decides


def _merge(items: Iterable[tuple[tuple, int, int, frozenset[int], object]], models: list[dict[str, str]]):
    """Group (key, start, end, models, payload) rows: per key, split days at
    every boundary, note in which models each piece holds, and join
    neighbouring pieces that hold in the same models. The payloads (the
    bases) are pooled, each with the models in which it supports the piece."""
    by_key: dict[tuple, list[tuple[int, int, frozenset[int], object]]] = defaultdict(list)
    for key, s, e, ks, payload in items:
        by_key[key].append((s, e, ks, payload))
    for key, rows in by_key.items():
        cuts = sorted({s for s, _, _, _ in rows} | {e for _, e, _, _ in rows})
        pieces: list[list] = []
        for a, b in zip(cuts, cuts[1:]):
            support: dict[object, frozenset[int]] = {}
            for s, e, ks, p in rows:
                if s <= a and b <= e:
                    support[p] = support.get(p, frozenset()) | ks
            if not support:
                continue
            holds = frozenset().union(*support.values())
            if pieces and pieces[-1][1] == a and pieces[-1][2] == holds:
                pieces[-1][1] = b
                for p, ks in support.items():
                    pieces[-1][3][p] = pieces[-1][3].get(p, frozenset()) | ks
            else:
                pieces.append([a, b, holds, support])
        for a, b, ks, support in pieces:
            yield (key, date_of(a), date_of(b) if b < INF else None, contest_of(ks, models),
                   tuple(support.items()), ks)


def build_answer(program: Program, solution: Solution) -> Answer:
    bases = _Bases(program)
    models = solution.positions
    answer = Answer(program, models, idle=solution.idle)
    rows, defeats, violations, conflicts = [], [], [], []
    for s, k in solution.atoms.items():
        name = s.name
        if name == "because":
            st, x, a, o, y, t1, t2, r, i = s.arguments
            key = (st.name, x.string, a.string, _val(o), _val(y))
            rows.append((key, t1.number, t2.number, k, bases.basis(r, i)))
        elif name == "defeated":
            r2, i2, x, a, o, y, t1, t2, r1, i1, p = s.arguments
            key = (x.string, a.string, _val(o), _val(y), p.name)
            defeats.append((key, t1.number, t2.number, k, (bases.basis(r2, i2), bases.basis(r1, i1))))
        elif name == "violation":
            f, st, x, a, o, y, t1, t2, r, i = s.arguments
            key = (st.name, x.string, a.string, _val(o), _val(y))
            violations.append((key, t1.number, t2.number, k, (bases.fact(f), bases.basis(r, i))))
        elif name == "conflict":
            x, a, o, y, t1, t2, r1, i1, r2, i2 = s.arguments
            key = (x.string, a.string, _val(o), _val(y))
            conflicts.append((key, t1.number, t2.number, k, (bases.basis(r1, i1), bases.basis(r2, i2))))
    answer.decisions = _decisions(program, solution)
    for key, start, end, contest, support, ks in _merge(rows, models):
        answer.conclusions.append(Conclusion(*key, start, end, tuple(p for p, _ in support), contest, ks,
                                             tuple(m for _, m in support)))
    for key, start, end, _, support, ks in _merge(defeats, models):
        for (loser, winner), k in support:
            answer.defeats.append(Defeat(*key[:4], start, end, loser, winner, key[4], contest_of(k, models)))
    for key, start, end, _, support, ks in _merge(violations, models):
        for (act, basis), k in support:
            answer.violations.append(Violation(*key, act, basis, start, end, contest_of(k, models), k))
    for key, start, end, _, support, ks in _merge(conflicts, models):
        for (obl, forb), k in support:
            answer.conflicts.append(Conflict(*key, start, end, obl, forb, contest_of(k, models)))
    answer.conclusions.sort(key=lambda c: (c.actor, c.start, c.action, c.target or "", c.status))
    return answer


def _decisions(program: Program, solution: Solution) -> list[Decision]:
    everyone = frozenset(range(len(solution.positions)))
    got: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
    for atom, ks in solution.atoms.items():
        name = atom.name
        if name == "decision":
            d, outcome = atom.arguments
            got[d.string]["outcome"][outcome.name] = ks
        elif name == "vetoed":
            got[atom.arguments[0].string]["blocked"][atom.arguments[1].string] = ks
        elif name == "voided":
            got[atom.arguments[0].string]["voided"][atom.arguments[1].string] = ks
        elif name == "counted":
            got[atom.arguments[0].string]["counted"][atom.arguments[1].name] = ks
        elif name == "votes_cast":
            d, way, n = atom.arguments
            got[d.string]["tally"].setdefault(way.name, set()).add(n.number)
        elif name == "decided_by":
            d, art = atom.arguments
            got[d.string]["articles"][(art.arguments[0].string, art.arguments[1].string)] = ks
    out = []
    for symbol, (ev, vote) in program.votes.items():
        g = got[symbol]
        adopted_in = g["outcome"].get("adopted", frozenset())
        out.append(Decision(symbol, vote.organ, ev.date, adopted_in,
                            contest_of(adopted_in, solution.positions) if adopted_in not in (frozenset(), everyone)
                            else None,
                            dict(g["counted"]), dict(g["blocked"]), dict(g["voided"]),
                            {w: min(v) for w, v in g["tally"].items()},
                            {w: (min(v), max(v)) for w, v in g["tally"].items()}, tuple(g["articles"])))
    return out
