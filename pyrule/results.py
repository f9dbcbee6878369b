"""Typed results: answer sets to conclusions that know their sources.

Takes the `Program` (for its id tables) and the `Model`s of one solve; gives
an `Answer`: `Conclusion`s (status, actor, action, object, target, a day
range, the `Basis` it rests on -- articles and dated events, through any
"counts as" rules -- and whether it is settled or contested, with the answer
under each position of the switches that decide it), `Defeat`s (which rule
lost to which, by what principle), `Violation`s and `Conflict`s.
"""

from __future__ import annotations

import dataclasses

import datetime as dt
import itertools
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from clingo.symbol import Function, Symbol

from . import ast as A
from .compile import FactInfo, Program, RuleInfo, date_of
from .gcpause import collector_paused
from .solve import Solution
from .words import describe_fact


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
    """A rule of an article, applied to the facts that triggered it.
    `entailed`: the conclusion follows from what the rule obliges (what one
    must do, one may do), not from what it says in so many words."""

    rule: RuleInfo
    facts: tuple["EventBasis | Basis | BreachBasis", ...]
    entailed: bool = False

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
            elif isinstance(f, BreachBasis):
                out += f.violated.articles()
        return list(dict.fromkeys(out))

    def events(self) -> list[EventBasis]:
        out: list[EventBasis] = []
        for f in self.facts:
            out.extend([f] if isinstance(f, EventBasis) else f.events())
        return list(dict.fromkeys(out))

    def ground(self) -> A.Fact:
        """The fact a "counts as" rule derives here: its head with the
        variables filled from the fact beneath."""
        rule = self.rule.rule
        assert isinstance(rule, A.CountsAs)
        binding: dict[str, A.Term | None] = {}
        if self.facts:
            for slot, arg in zip(rule.condition.args, ground_of(self.facts[0]).args):
                if isinstance(slot, A.Var):
                    binding[slot.name] = arg
        args = tuple(binding.get(a.name, a) if isinstance(a, A.Var) else a for a in rule.head.args)
        return A.Fact(rule.head.kind, args, rule.head.span, rule.head.prep)


@dataclass(frozen=True, eq=False)
class BreachBasis:
    """A violation that a rule reads ("when A violates article N ..."): the
    rule broken, in its instance, and the act (or omission) that broke it;
    `fact` is the violation as the reading rule's condition sees it."""

    violated: Basis
    act: "EventBasis | Basis"
    fact: A.Fact

    def events(self) -> list[EventBasis]:
        return [self.act] if isinstance(self.act, EventBasis) else self.act.events()


def ground_of(f: "EventBasis | Basis | BreachBasis") -> A.Fact:
    """The fact a basis stands on: the scenario's, the derived one, the violation."""
    if isinstance(f, EventBasis):
        return f.fact.fact
    if isinstance(f, BreachBasis):
        return f.fact
    return f.ground()


# ------------------------------------------------------------------ reading the answer
#
# clingo's Python API reaches every field of a symbol through cffi (a name, an
# argument list, a string: each one or two C calls and a buffer), which costs
# far more than the answer itself at scale. The atoms are therefore read as
# text: all of them at once, placed under one function term and converted in
# one call, then cut apart at the atom boundaries; the fields are read from
# the text, and each rule instance is turned into a `Basis` once.

_STR = r'"(?:[^"\\]|\\.)*"'                      # a string term, escapes included
_S = r'"[^"\\]*"'                                  # one without escapes (else: read argument by argument)
_VAL = rf"{_S}|\w+"                                # a string or a constant (none, any, obl, ...)
_FLAT = r'\w+(?:\([^()"]*\))?'                     # a constant, or f(1), m(3,2): no strings, nothing nested
_RULE = rf'\w+\((?:{_S}|[^()"])*\)'                # a rule id, r("un",5): nothing nested
_FID = r"[fms]\(\d+(?:,\d+)?\)"                      # a fact of the scenario: f(1), m(3,2), s(4)
_INST = rf"(?:c\({_FID},)*nil\)*"                    # an instance of such facts: nil, c(f(1),c(m(3,2),nil))
_SHOWN = ("because", "entailed", "defeated", "conflict", "clash_via", "violation", "excused", "suspended", "decision", "vetoed", "voided", "uncounted", "counted",
          "votes_cast", "decided_by", "engaged", "sw", "rider_hit", "fact_end",
          "derived_fact")   # the predicates final.lp shows
_BOUNDARY = re.compile(rf",(?=(?:{'|'.join(_SHOWN)})\()")
# The usual shapes of the atoms results are made of; an atom of another shape
# (a derived fact in an instance but last, say) is read argument by argument.
_T = r"(-?\d+),(-?\d+)"
_BECAUSE = re.compile(rf"because\((\w+),({_S}),({_S}),({_VAL}),({_VAL}),{_T},(({_RULE}),(.*))\)$", re.DOTALL)
_DEFEATED = re.compile(rf"defeated\((({_RULE}),({_INST})),({_S}),({_S}),({_VAL}),({_VAL}),{_T},"
                       rf"(({_RULE}),({_INST})),(\w+)\)$")
_ENTAILED = re.compile(rf"entailed\(({_S}),({_S}),({_VAL}),({_VAL}),{_T},(({_RULE}),(.*))\)$", re.DOTALL)
_CONFLICT = re.compile(rf"conflict\((\w+),({_S}),({_S}),({_VAL}),({_VAL}),{_T},"
                       rf"(({_RULE}),({_INST})),(({_RULE}),(.*))\)$", re.DOTALL)
_VIOLATION = re.compile(rf"violation\(({_FLAT}),(\w+),({_S}),({_S}),({_VAL}),({_VAL}),{_T},"
                        rf"(({_RULE}),(.*))\)$", re.DOTALL)
_FIDS = re.compile(_FID)
_TOKEN = re.compile(rf"{_STR}|[(),]")


def _atom_texts(atoms: list[Symbol]) -> list[str]:
    """clingo's text of each atom, in order. All are converted in one call
    and cut at the boundaries between shown atoms; should a string term
    contain something that looks like a boundary (or an atom have a
    predicate not in `_SHOWN`), the cut does not check out and the atoms
    are converted one by one instead."""
    if not atoms:
        return []
    text = str(Function("x", atoms))
    parts = _BOUNDARY.split(text[2:-1])
    if len(parts) == len(atoms) and "\\" not in text and not any(p.count('"') % 2 for p in parts):
        return parts    # none missed, and none cut inside a string (it would leave an odd number of quotes)
    return [str(a) for a in atoms]


def _args(text: str) -> list[str]:
    """The arguments of a function term's text, as texts (none for a constant)."""
    open_ = text.find("(")
    if open_ < 0:
        return []
    out, depth, last = [], 0, open_ + 1
    for m in _TOKEN.finditer(text, open_ + 1, len(text) - 1):
        c = m.group()
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 0:
            out.append(text[last:m.start()])
            last = m.end()
    out.append(text[last:len(text) - 1])
    return out


def _name(text: str) -> str:
    """A constant's or function term's name."""
    open_ = text.find("(")
    return text if open_ < 0 else text[:open_]


def _value(text: str) -> str | None:
    """A string's value, None for `none`, else the name (as `Symbol.name`)."""
    if text[:1] == '"':
        body = text[1:-1]
        return body if "\\" not in body else re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), body)
    return None if text == "none" else _name(text)


class _Bases:
    """Turns rule ids and instance terms from the answer set into `Basis` trees:
    one `Basis` per (rule, instance) and one `EventBasis` per fact."""

    def __init__(self, program: Program) -> None:
        self.rules = program.rules
        self.fluents = program.fluents
        self.cache: dict[str, Basis] = {}
        self.facts: dict[str, EventBasis | Basis] = _Memo(self._fact)
        self._facts_of = self.facts.__getitem__

    def basis(self, rule: str, inst: str, pair: str | None = None) -> Basis:
        """The basis for a rule id and an instance term (as texts); `pair`,
        if given, is the two as they stand in an atom, `RULE,INSTANCE`."""
        if pair is None:
            pair = f"{rule},{inst}"
        return self.cache.get(pair) or self.make(rule, inst, pair)

    def make(self, rule: str, inst: str, pair: str) -> Basis:
        """A new basis (`basis` when `pair` is known not to be cached). The
        instance lists its facts as c(F1,c(F2,...nil)); facts derived by a
        "counts as" rule, d(Rule,Instance), nest."""
        if "d(" in inst or "v(" in inst or "w(" in inst:
            ids = []
            while inst != "nil":
                head, inst = _args(inst)
                ids.append(head)
        else:
            ids = _FIDS.findall(inst)
        got = self.cache[pair] = Basis(self.rules[rule], tuple(map(self._facts_of, ids)))
        return got

    def entailed(self, rule: str, inst: str, pair: str | None = None) -> Basis:
        """The basis of a permission that an obligation of rule `rule` entails."""
        key = f"{pair or f'{rule},{inst}'}!entailed"
        got = self.cache.get(key)
        if got is None:
            plain = self.basis(rule, inst, pair)
            got = self.cache[key] = Basis(plain.rule, plain.facts, entailed=True)
        return got

    def fact(self, fid: str) -> EventBasis | Basis:
        return self.facts[fid]

    def _fact(self, fid: str) -> EventBasis | Basis:
        if fid.startswith("d("):  # derived by a "counts as" rule: d(Rule, Instance)
            rule, inst = _args(fid)
            return self.basis(rule, inst)
        if fid.startswith(("v(", "w(")):  # a violation of rule R in instance I by act F: v(F, R, I)
            act_id, rule, inst = _args(fid)
            act, violated = self.facts[act_id], self.basis(rule, inst)
            done = ground_of(act)
            info = violated.rule
            fact = A.Fact("breach" if fid.startswith("v(") else "breached",
                          (done.args[0], A.Const(info.charter.id), A.Const(info.article.num), done.args[3]))
            return BreachBasis(violated, act, fact)
        return EventBasis(self.fluents[fid])


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
    # for each basis, the stretches [start, end) on which it supports the
    # conclusion, where its bases do not all support all of it (empty: they do)
    basis_days: tuple[tuple[tuple[dt.date, dt.date | None], ...], ...] = ()

    @property
    def settled(self) -> bool:
        return self.contest is None

    def days_of_bases(self) -> tuple[tuple[tuple[dt.date, dt.date | None], ...], ...]:
        """For each basis, the stretches on which it supports the conclusion."""
        return self.basis_days or tuple(((self.start, self.end),) for _ in self.bases)

    def on(self, day: dt.date) -> "Conclusion":
        """The conclusion with only the bases that support it on `day`: a
        rule whose `until` rider has ended it no longer counts among the
        grounds, though another rule carries the conclusion on."""
        days = self.basis_days
        keep = [n for n, spans in enumerate(days) if any(s <= day and (e is None or day < e) for s, e in spans)]
        if not keep or len(keep) == len(self.bases):
            return self
        return dataclasses.replace(self, bases=tuple(self.bases[n] for n in keep),
                                   basis_models=tuple(self.basis_models[n] for n in keep),
                                   basis_days=tuple(days[n] for n in keep))

    @property
    def entailed(self) -> bool:
        """A permission that only follows from obligations (none says it in so many words)."""
        return all(b.entailed for b in self.bases)

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
    via: str | None = None         # the winner obliges this act, which cannot be done with the loser's
    models: frozenset[int] = frozenset()

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Violation:
    kind: str                      # "forb": a forbidden act; "obl": an omitted duty
    actor: str
    action: str
    object: str | None
    target: str | None
    act: "EventBasis | Basis"      # the act as the scenario states it, or as a
    basis: Basis                   # "counts as" rule reads a fact (Art 2(4): force)
    start: dt.date
    end: dt.date | None
    contest: Contest | None = None
    models: frozenset[int] = frozenset()

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def event(self) -> EventBasis:
        """The scenario's fact beneath the act (the act itself where stated)."""
        act = self.act
        while isinstance(act, Basis):
            act = act.facts[0]
        return act


@dataclass(frozen=True)
class Excuse:
    """What an act (or omission) would have broken, but for a circumstance
    precluding its wrongfulness (ARSIWA Arts 20-25) that the record invokes
    and a loaded charter's article says precludes it."""

    kind: str                      # "forb" or "obl", as for a violation
    actor: str
    action: str
    object: str | None
    target: str | None
    act: "EventBasis | Basis"
    basis: Basis                   # the rule it would have broken
    start: dt.date
    end: dt.date | None
    circumstance: str
    article: tuple[str, str]       # (charter, article) that says the circumstance precludes wrongfulness
    contest: Contest | None = None
    models: frozenset[int] = frozenset()

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def event(self) -> EventBasis:
        act = self.act
        while isinstance(act, Basis):
            act = act.facts[0]
        return act


@dataclass(frozen=True)
class Suspension:
    """What a rule of a treaty says of the suspending party's act towards
    the party in breach, suspended by the suspension on record for that
    party's breach of the treaty (VCLT Art 60)."""

    actor: str
    action: str
    object: str | None
    target: str | None
    start: dt.date
    end: dt.date | None
    duty: Basis                    # the rule whose saying is suspended
    by: "EventBasis | Basis"       # the suspension on record
    breach: BreachBasis            # the breach it rests on, as pyrule found it
    law: tuple[str, str]           # (charter, article) that says what a suspension for breach does
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
    obliging: Basis                # obliges the act (or, kind "perm", permits it)
    forbidding: Basis              # forbids the act, or obliges `incompatible`, which cannot be done with it
    contest: Contest | None = None
    incompatible: str | None = None
    kind: str = "obl"              # "obl": a duty is in question; "perm": a permission against a prohibition
    models: frozenset[int] = frozenset()

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


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
    # a party whose ballot the charter leaves out of the count (League Art 15(6)) -> answer sets
    uncounted: dict[str, frozenset[int]] = field(default_factory=dict)

    def adopted(self) -> bool | None:
        """True or False if settled, None if contested."""
        return None if self.contest is not None else bool(self.adopted_in)


@dataclass(frozen=True)
class RiderHit:
    """A rider of a rule met: its `until` rider ends the instance for good on
    `start` (the day its fact arose, or the day after the period the rider
    counts from it), or the fact of its `unless` rider holds on [start, end)
    (the instance is suspended). `rider` counts the rule's
    riders, the `unless` ones first; `holding` the answer sets."""

    instance: Basis
    rider: int
    start: dt.date
    end: dt.date | None
    fact: "EventBasis | Basis"
    holding: frozenset[int]


@dataclass
class Answer:
    program: Program
    positions: list[dict[str, str]]          # one per model
    conclusions: list[Conclusion] = field(default_factory=list)
    defeats: list[Defeat] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    excuses: list[Excuse] = field(default_factory=list)
    suspensions: list[Suspension] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    idle: tuple[str, ...] = ()
    # switches solved apart (see `pyrule.solve.Solution`): their groups, and
    # how many combinations of positions the answer sets stand for
    groups: tuple[tuple[str, ...], ...] = ()
    combinations: int = 0
    rider_hits: list[RiderHit] = field(default_factory=list)     # only when solved for explaining
    fact_ends: dict[str, dt.date] = field(default_factory=dict)   # fluent id -> first day it no longer holds
    # facts "counts as" rules derive: (basis, start, end or None, answer sets); only when explaining
    derived: list[tuple[Basis, dt.date, "dt.date | None", frozenset[int]]] = field(default_factory=list)
    # (action, object, target) -> the answer sets in which a conclusion names the target
    # (before the "any state" conclusions were spelt out in the others)
    named_in: dict[tuple[str, str | None, str], frozenset[int]] = field(default_factory=dict, repr=False)

    def towards(self, c: Conclusion | Violation, target: str) -> bool:
        """Whether a conclusion is about acts towards `target` in some answer
        set (see `covering`)."""
        return bool(self.covering(c, target))

    def covering(self, c: Conclusion | Violation, target: str) -> frozenset[int]:
        """The answer sets in which a conclusion is about acts towards
        `target`: all of its own if it names the target; for one about "any
        state", those in which nothing speaks of `target` by name for that
        act (where something does, the universal rule is spelt out for it)."""
        if c.target == target:
            return c.models
        if c.target != "any" or c.actor == target or target in self.program.non_states:
            return frozenset()
        return c.models - self.named_in.get((c.action, c.object, target), frozenset())


def contest_of(holding: frozenset[int], models: list[dict[str, str]]) -> Contest | None:
    """The fewest switches whose positions decide whether the answer holds
    (the first such set in sorted order), with the answer under each of
    their combinations. Any set that decides it contains every switch on
    which two answer sets that differ in it alone disagree; where those
    switches decide it (always, when the answer sets are every combination
    of the open switches, or switches solved apart), they are the answer,
    found without trying every subset of the switches."""
    if len(holding) == len(models):
        return None
    switches = sorted({s for m in models for s in m})
    essential = [s for s in switches if _turns(holding, models, s)]
    table: dict[tuple[str, ...], set[bool]] = defaultdict(set)
    for k, m in enumerate(models):
        table[tuple(m.get(s) for s in essential)].add(k in holding)
    if essential and all(len(v) == 1 for v in table.values()) and \
            all(all(m.get(s) is not None for s in essential) for m in models):
        return Contest(tuple(essential), tuple(sorted((pos, v.pop()) for pos, v in table.items())))
    for size in range(1, len(switches) + 1):
        for group in itertools.combinations(switches, size):
            table: dict[tuple[str, ...], set[bool]] = defaultdict(set)
            for k, m in enumerate(models):
                table[tuple(m[s] for s in group)].add(k in holding)
            if all(len(v) == 1 for v in table.values()):
                return Contest(group, tuple(sorted((pos, v.pop()) for pos, v in table.items())))
    return Contest((), ())  # pragma: no cover - the full set of switches always decides


def _turns(holding: frozenset[int], models: list[dict[str, str]], switch: str) -> bool:
    """Two answer sets that differ only in the position of `switch` disagree."""
    by_rest: dict[tuple, set[bool]] = defaultdict(set)
    for k, m in enumerate(models):
        if switch not in m:
            return False
        by_rest[tuple(sorted((s, p) for s, p in m.items() if s != switch))].add(k in holding)
    return any(len(v) == 2 for v in by_rest.values())


_Row = tuple[int, int, frozenset[int], object]    # start, end (day numbers), answer sets, payload
_start = operator.itemgetter(0)


def _pieces(rows: list[_Row]) -> Iterator[tuple[int, int, frozenset[int], tuple, tuple]]:
    """The rows of one key (one status of one act, say): split their days at
    every boundary, note in which answer sets each piece holds, and join
    neighbouring pieces that hold in the same answer sets. The payloads (the
    bases) are pooled, each with the answer sets in which it supports the
    piece. Gives (start, end, answer sets, payloads, their answer sets), with
    day numbers."""
    if len(rows) == 1:
        s, e, ks, p = rows[0]
        if s < e:
            yield s, e, ks, (p,), (ks,)
        return
    ks = rows[0][2]
    if all(r[2] == ks for r in rows):
        # Every row holds in the same answer sets (always so with one answer
        # set): the pieces are the runs of overlapping or touching rows.
        runs: list[list] = []
        for s, e, _, p in sorted(rows, key=_start):
            if s >= e:
                continue
            if runs and s <= runs[-1][1]:
                run = runs[-1]
                run[1] = max(run[1], e)
                run[2][p] = ks
            else:
                runs.append([s, e, {p: ks}])
        for s, e, pooled in runs:
            yield s, e, ks, tuple(pooled), tuple(pooled.values())
        return
    cuts = sorted({r[0] for r in rows} | {r[1] for r in rows})
    at = {c: n for n, c in enumerate(cuts)}
    cover: list[dict[object, frozenset[int]] | None] = [None] * (len(cuts) - 1)
    for s, e, ks, p in rows:           # each row adds its answer sets to the pieces it spans
        for n in range(at[s], at[e]):
            support = cover[n]
            if support is None:
                cover[n] = {p: ks}
            else:
                had = support.get(p)
                support[p] = ks if had is None else had | ks
    pieces: list[list] = []
    for n, support in enumerate(cover):
        if support is None:
            continue
        a, b = cuts[n], cuts[n + 1]
        holds = frozenset().union(*support.values())
        last = pieces[-1] if pieces else None
        if last is not None and last[1] == a and last[2] == holds:
            last[1] = b
            pooled = last[3]
            for p, ks in support.items():
                had = pooled.get(p)
                pooled[p] = ks if had is None else had | ks
        else:
            pieces.append([a, b, holds, dict(support)])
    for a, b, ks, support in pieces:
        yield a, b, ks, tuple(support), tuple(support.values())


class _Memo(dict):
    """A dict that works a missing value out once, with `make`."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        got = self[key] = self.make(key)
        return got


def build_answer(program: Program, solution: Solution) -> Answer:
    """The conclusions, defeats, violations, conflicts and decisions of a solved program."""
    with collector_paused():
        return _build_answer(program, solution)


def _build_answer(program: Program, solution: Solution) -> Answer:
    bases = _Bases(program)
    models = solution.positions
    answer = Answer(program, models, idle=solution.idle, groups=solution.groups,
                    combinations=solution.combinations)
    val = _Memo(_value)
    dates = _Memo(date_of)
    contests = _Memo(lambda ks: contest_of(ks, models))
    rows: dict[tuple, list[_Row]] = defaultdict(list)
    defeats: dict[tuple, list[_Row]] = defaultdict(list)
    violations: dict[tuple, list[_Row]] = defaultdict(list)
    conflicts: dict[tuple, list[_Row]] = defaultdict(list)
    excuses: dict[tuple, list[_Row]] = defaultdict(list)
    suspensions: dict[tuple, list[_Row]] = defaultdict(list)
    clash_via: dict[tuple, str] = {}     # (actor, act, object, target, the rule obliging the other act) -> that act
    votes: list[tuple[str, frozenset[int]]] = []
    basis, make, cached, because = bases.basis, bases.make, bases.cache.get, _BECAUSE.match
    for text, k in zip(_atom_texts(list(solution.atoms)), solution.atoms.values()):
        if text.startswith("because("):
            m = because(text)
            if m is not None:
                st, x, a, o, y, t1, t2, pair, r, i = m.groups()
                b = cached(pair) or make(r, i, pair)
            else:
                st, x, a, o, y, t1, t2, r, i = _args(text)
                st, b = _name(st), basis(r, i)
            rows[st, val[x], val[a], val[o], val[y]].append((int(t1), int(t2), k, b))
        elif text.startswith("entailed("):
            m = _ENTAILED.match(text)
            if m is not None:
                x, a, o, y, t1, t2, pair, r, i = m.groups()
                b = bases.entailed(r, i, pair)
            else:
                x, a, o, y, t1, t2, r, i = _args(text)
                b = bases.entailed(r, i)
            rows["perm", val[x], val[a], val[o], val[y]].append((int(t1), int(t2), k, b))
        elif text.startswith("defeated("):
            m = _DEFEATED.match(text)
            if m is not None:
                pair2, r2, i2, x, a, o, y, t1, t2, pair1, r1, i1, p = m.groups()
                pq = (basis(r2, i2, pair2), basis(r1, i1, pair1))
                via = None
            else:
                r2, i2, x, a, o, y, t1, t2, r1, i1, p = _args(text)
                pq = (basis(r2, i2), basis(r1, i1))
                via = None
                if p.startswith("via("):    # via(P, A): the winner obliges A, which cannot be done with this act
                    p, act = _args(p)
                    via = _value(act)
                p = _name(p)
            defeats[val[x], val[a], val[o], val[y], p, via].append((int(t1), int(t2), k, pq))
        elif text.startswith("violation("):
            m = _VIOLATION.match(text)
            if m is not None:
                f, st, x, a, o, y, t1, t2, pair, r, i = m.groups()
                pq = (bases.fact(f), basis(r, i, pair))
            else:
                f, st, x, a, o, y, t1, t2, r, i = _args(text)
                st, pq = _name(st), (bases.fact(f), basis(r, i))
            violations[st, val[x], val[a], val[o], val[y]].append((int(t1), int(t2), k, pq))
        elif text.startswith("excused("):
            f, st, x, a, o, y, t1, t2, r, i, c, ar = _args(text)
            ch, num = _args(ar)
            excuses[_name(st), val[x], val[a], val[o], val[y], val[c], val[ch], val[num]].append(
                (int(t1), int(t2), k, (bases.fact(f), basis(r, i))))
        elif text.startswith("suspended("):
            r, i, x, a, o, y, t1, t2, f, lv = _args(text)
            v, ar = _args(lv)
            law = tuple(val[p] for p in _args(ar))
            suspensions[val[x], val[a], val[o], val[y]].append(
                (int(t1), int(t2), k, (basis(r, i), bases.fact(f), bases.fact(v), law)))
        elif text.startswith("conflict("):
            m = _CONFLICT.match(text)
            if m is not None:
                kind, x, a, o, y, t1, t2, pair1, r1, i1, pair2, r2, i2 = m.groups()
                pq = (basis(r1, i1, pair1), basis(r2, i2, pair2))
            else:
                kind, x, a, o, y, t1, t2, r1, i1, r2, i2 = _args(text)
                pq = (basis(r1, i1), basis(r2, i2))
            conflicts[val[x], val[a], val[o], val[y], kind].append((int(t1), int(t2), k, pq))
        elif text.startswith("rider_hit("):
            r, i, u, s, e, f = _args(text)
            answer.rider_hits.append(RiderHit(basis(r, i), int(u), dates[int(s)], dates[int(e)], bases.fact(f), k))
        elif text.startswith("fact_end("):
            f, e = _args(text)
            answer.fact_ends[f] = dates[int(e)]
        elif text.startswith("derived_fact("):
            r, i, s_, e = _args(text)
            answer.derived.append((basis(r, i), dates[int(s_)], dates[int(e)], k))
        elif text.startswith("clash_via("):
            x, a, o, y, r2, i2, b = _args(text)
            clash_via[val[x], val[a], val[o], val[y], basis(r2, i2)] = val[b]
        else:
            votes.append((text, k))
    answer.decisions = _decisions(program, solution, votes)
    conclude = answer.conclusions.append
    for key, group in rows.items():
        spans: dict[int, list[_Row]] | None = None
        for s, e, ks, ps, ms in _pieces(group):
            days: tuple = ()
            if len(ps) > 1:
                if spans is None:       # each basis's rows, once per key
                    spans = defaultdict(list)
                    for r in group:
                        spans[id(r[3])].append(r)
                days = _days_of_bases(spans, s, e, ps, dates)
            conclude(Conclusion(*key, dates[s], dates[e], ps, contests[ks], ks, ms, days))
    for key, group in defeats.items():
        for s, e, _, ps, ms in _pieces(group):
            for (loser, winner), k in zip(ps, ms):
                answer.defeats.append(Defeat(*key[:4], dates[s], dates[e], loser, winner, key[4], contests[k],
                                             via=key[5], models=k))
    for key, group in violations.items():
        for s, e, _, ps, ms in _pieces(group):
            for (act, basis_), k in zip(ps, ms):
                answer.violations.append(Violation(*key, act, basis_, dates[s], dates[e], contests[k], k))
    for key, group in excuses.items():
        for s, e, _, ps, ms in _pieces(group):
            for (act, basis_), k in zip(ps, ms):
                answer.excuses.append(Excuse(*key[:5], act, basis_, dates[s], dates[e], key[5], key[6:8],
                                             contests[k], k))
    for key, group in suspensions.items():
        for s, e, _, ps, ms in _pieces(group):
            for (duty, by, breach, law), k in zip(ps, ms):
                answer.suspensions.append(Suspension(*key, dates[s], dates[e], duty, by, breach, law, contests[k], k))
    for key, group in conflicts.items():
        for s, e, _, ps, ms in _pieces(group):
            for (obl, forb), k in zip(ps, ms):
                answer.conflicts.append(Conflict(*key[:4], dates[s], dates[e], obl, forb, contests[k],
                                                 incompatible=clash_via.get((*key[:4], forb)), kind=key[4],
                                                 models=k))
    answer.named_in = _named_in(answer.conclusions)
    if len(models) > 1:
        answer.conclusions = _spelt_out_everywhere(answer.conclusions, models, contests)
    answer.conclusions.sort(key=lambda c: (c.actor, c.start, c.action, c.target or "", c.status))
    return answer


def _days_of_bases(spans: dict[int, list[_Row]], s: int, e: int, ps: tuple, dates: "_Memo") -> tuple:
    """For each basis of the piece [s, e) of a conclusion, the stretches on
    which it supports it, from `spans` (each basis's rows, by its id); empty
    if each supports all of it, by one row (the common case: nothing then
    need be kept)."""
    for p in ps:
        got = spans[id(p)]
        if len(got) != 1 or got[0][0] > s or got[0][1] < e:
            break
    else:
        return ()
    return tuple(tuple((dates[max(r[0], s)], dates[min(r[1], e)]) for r in sorted(spans[id(p)], key=_start)
                       if r[0] < e and s < r[1]) for p in ps)


def _named_in(conclusions: list[Conclusion]) -> dict[tuple, frozenset[int]]:
    named: dict[tuple, set[int]] = defaultdict(set)
    for c in conclusions:
        if c.target not in (None, "any"):
            named[c.action, c.object, c.target] |= c.models
    return {k: frozenset(v) for k, v in named.items()}


def _spelt_out_everywhere(conclusions: list[Conclusion], models: list[dict[str, str]],
                          contests: "_Memo") -> list[Conclusion]:
    """A norm about "any state" is spelt out for a state only in the answer
    sets in which something speaks of that state for the act (final.lp). In
    the others the "any state" conclusion covers the state all the same, so
    the spelt-out conclusion holds there too: without this, "forbidden to
    use force against X" would read as contested where only the wording
    differs between the readings."""
    every = frozenset(range(len(models)))
    in_play: dict[int, set[tuple]] = defaultdict(set)
    universal: dict[tuple, list[Conclusion]] = defaultdict(list)
    for c in conclusions:
        if c.target == "any":
            universal[c.status, c.actor, c.action, c.object].append(c)
        elif c.target is not None:
            for k in c.models:
                in_play[k].add((c.action, c.object, c.target))
    out = []
    for c in conclusions:
        if c.contest is not None and c.target not in (None, "any"):
            extra: set[int] = set()
            covering = []
            for d in universal.get((c.status, c.actor, c.action, c.object), ()):
                if d.start <= c.start and (d.end is None or (c.end is not None and c.end <= d.end)):
                    ks = {k for k in d.models - c.models if (c.action, c.object, c.target) not in in_play[k]}
                    if ks:
                        extra |= ks
                        covering.append((d, frozenset(ks)))
            if extra:
                held = c.models | extra
                bases = c.bases + tuple(b for d, _ in covering for b in d.bases)
                basis_models = c.basis_models + tuple(bm & ks for d, ks in covering for bm in d.basis_models)
                basis_days = c.days_of_bases() + tuple(spans for d, _ in covering for spans in d.days_of_bases())
                c = dataclasses.replace(c, models=held, contest=None if held == every else contests[held],
                                        bases=bases, basis_models=basis_models, basis_days=basis_days)
        out.append(c)
    return out


def _decisions(program: Program, solution: Solution, atoms: list[tuple[str, frozenset[int]]]) -> list[Decision]:
    """The drafts put to the vote, from the voting atoms (as text) among the shown ones."""
    everyone = frozenset(range(len(solution.positions)))
    got: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
    for text, ks in atoms:
        name = _name(text)
        if name == "decision":
            d, outcome = _args(text)
            got[_value(d)]["outcome"][_name(outcome)] = ks
        elif name == "vetoed":
            d, x = _args(text)
            got[_value(d)]["blocked"][_value(x)] = ks
        elif name == "voided":
            d, x = _args(text)
            got[_value(d)]["voided"][_value(x)] = ks
        elif name == "uncounted":
            d, x = _args(text)
            got[_value(d)]["uncounted"][_value(x)] = ks
        elif name == "counted":
            d, matter = _args(text)
            got[_value(d)]["counted"][_name(matter)] = ks
        elif name == "votes_cast":
            d, way, n = _args(text)
            got[_value(d)]["tally"].setdefault(_name(way), set()).add(int(n))
        elif name == "decided_by":
            d, art = _args(text)
            charter, num = _args(art)
            got[_value(d)]["articles"][(_value(charter), _value(num))] = ks
    out = []
    for symbol, (ev, vote) in program.votes.items():
        g = got[symbol]
        adopted_in = g["outcome"].get("adopted", frozenset())
        out.append(Decision(symbol, vote.organ, ev.date, adopted_in,
                            contest_of(adopted_in, solution.positions) if adopted_in not in (frozenset(), everyone)
                            else None,
                            dict(g["counted"]), dict(g["blocked"]), dict(g["voided"]),
                            {w: min(v) for w, v in g["tally"].items()},
                            {w: (min(v), max(v)) for w, v in g["tally"].items()}, tuple(g["articles"]),
                            dict(g["uncounted"])))
    return out
