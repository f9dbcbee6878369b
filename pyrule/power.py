"""Voting power: Shapley-Shubik and Banzhaf indices from an organ's encoded voting rule.

Takes charters, an organ, a day and a matter (and the switch positions to read
the rule under); gives a `Power`: the indices of every seat and of every class
of seats, the number of winning coalitions and the minimal winning ones, by
class.

The rule is never restated here. rules/power.lp, added to the compiled
charters, sorts the seats into classes of interchangeable seats (those the
rules of voting.lp cannot tell apart: see its header) and makes each answer
set one winning vector of yes-votes per class. Whether a draft passes depends
on that vector alone, so
- exactly, where the vectors (the product of n_c + 1 over the classes: 66 for
  the Council, 194 for today's Assembly) are at most `max_vectors`: one solve
  lists the winning ones, and the indices are counted over them with binomial
  weights, in integers and fractions (`count_indices`);
- else by estimate: random orderings (Shapley-Shubik) and random coalitions
  (Banzhaf) are drawn and each is decided by the solver, under assumptions on
  the same grounded program; every index comes with a 95% confidence interval
  (`sample_indices`).
`winning_coalitions` lists the winning coalitions seat by seat instead (2^n
candidates), for small organs and to check the classes against.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import AbstractSet as Set, Callable

import clingo
from clingo.symbol import Function, Number, String, Symbol

from . import ast as A
from .api import positions_for, prepare
from .compile import Program, day
from .errors import CheckProblem, NameProblem, PyruleError, did_you_mean
from .library import Bundle, Membership, load_membership, membership_tables
from .solve import ground

MAX_VECTORS = 100_000     # beyond this many vectors of yes-votes, estimate
LIST_LIMIT = 10_000       # minimal winning coalitions listed one by one up to this many
SAMPLES = 10_000          # orderings, and coalitions, drawn by default when estimating
Z95 = 1.959963984540054   # the normal quantile of a two-sided 95% interval

Vector = tuple[int, ...]  # yes-votes per class, in the order of Power.classes
DRAFT = String("power")   # the one vote power.lp decides


class TimeLimitProblem(PyruleError):
    """An exact answer that could not be had within --time-limit."""

    exit_code = 4


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class Index:
    """One index of one seat: exact (a fraction) where counted, with a 95%
    confidence interval where estimated."""

    value: float
    exact: Fraction | None = None
    interval: tuple[float, float] | None = None


@dataclass(frozen=True)
class SeatClass:
    """Seats the rule cannot tell apart, and the power of each of them."""

    name: str                  # the roles (else organisations) in `marks`; "other", or "every seat"
    marks: tuple[str, ...]     # what the rule names that these seats share: organisations, "disputed seat", …
    seats: tuple[str, ...]
    shapley_shubik: Index
    banzhaf: Index             # normalised: a seat's share of all swings
    banzhaf_absolute: Index    # the chance that a seat's vote decides: swings / 2^(n-1)
    swings: int | None         # winning coalitions in which the seat is critical (exact only)


@dataclass(frozen=True)
class SeatPower:
    seat: str
    shapley_shubik: float
    banzhaf: float             # normalised
    swings: int | None         # winning coalitions in which the seat is critical (exact only)
    group: str = ""            # the name of its class


@dataclass(frozen=True)
class Shape:
    """The minimal winning coalitions with so many seats of each class."""

    counts: Vector
    coalitions: int


@dataclass(frozen=True)
class Sampling:
    orderings: int
    coalitions: int
    seed: int
    winning_share: Index       # the share of all 2^n coalitions that win
    stopped: bool              # the time limit ended the drawing before `asked`
    asked: int                 # the orderings (and coalitions) asked for
    max_vectors: int           # the limit the vectors of yes-votes were over


@dataclass(frozen=True)
class Power:
    organ: str
    on: dt.date
    matter: str
    seats: tuple[SeatPower, ...]
    winning: int | None                                   # None when estimated
    minimal_winning: tuple[frozenset[str], ...] | None    # None when estimated or more than LIST_LIMIT
    positions: dict[str, str]      # the switch positions the rule was read under
    classes: tuple[SeatClass, ...] = ()
    minimal_shapes: tuple[Shape, ...] = ()
    minimal_count: int | None = None
    vectors: int = 0               # the product of n_c + 1 over the classes
    sampling: Sampling | None = None

    @property
    def method(self) -> str:
        return "estimate" if self.sampling else "exact"


# ------------------------------------------------------------------ entry points


def power(charters: tuple[A.Charter, ...], organ: str, on: dt.date, matter: str = "other",
          profile: str | None = None, settings: dict[str, str] | None = None, *,
          max_vectors: int = MAX_VECTORS, samples: int = SAMPLES, seed: int = 0,
          time_limit: float | None = None) -> Power:
    """The voting power of every seat of `organ` on `on`: exact where the
    vectors of yes-votes per class are at most `max_vectors`, else estimated
    from `samples` random orderings and coalitions. `time_limit` (seconds)
    stops an estimate early (it says so) and an exact count with a
    `TimeLimitProblem`."""
    if samples < 1:
        raise CheckProblem(f"asked for {samples} samples; at least 1 is needed")
    deadline = Deadline(time_limit)
    vote = _setup(charters, organ, on, matter, profile, settings)
    ctl = _ground(vote, "class")
    groups = _classes(ctl, vote)
    sizes = tuple(len(g.seats) for g in groups)
    vectors = math.prod(n + 1 for n in sizes)
    if vectors <= max_vectors:
        wins = _winning_vectors(ctl, groups, deadline)
        counted = count_indices(sizes, wins, deadline)
        return _exact_result(vote, groups, counted, vectors)
    decide = _Decider(ctl, groups)
    sampled = sample_indices(sizes, decide, samples, seed, deadline)
    sampling = Sampling(sampled.orderings, sampled.coalitions, seed, sampled.winning_share, sampled.stopped,
                        samples, max_vectors)
    return _estimated_result(vote, groups, sampled, vectors, sampling)


def winning_coalitions(charters: tuple[A.Charter, ...], organ: str, on: dt.date, matter: str = "other",
                       profile: str | None = None, settings: dict[str, str] | None = None
                       ) -> tuple[list[str], set[frozenset[str]]]:
    """The seats and every winning coalition, seat by seat (power.lp by
    seat): 2^n candidates, so for small organs, and to check the classes."""
    vote = _setup(charters, organ, on, matter, profile, settings)
    ctl = _ground(vote, "seat")
    ctl.configuration.solve.models = 0  # type: ignore[union-attr]
    found: set[frozenset[str]] = set()
    atoms = {Function("in_coalition", [String(s)]): s for s in vote.seated}
    ctl.solve(on_model=lambda m: found.add(frozenset(s for a, s in atoms.items() if m.contains(a))))
    return vote.seated, found


# ------------------------------------------------------------------ the vote asked about


@dataclass(frozen=True)
class _Vote:
    organ: str
    on: dt.date
    matter: str
    program: Program
    seated: list[str]
    fixed: dict[str, str]          # every switch, fixed
    positions: dict[str, str]      # those the voting rules turn on
    roles: dict[str, tuple[str, ...]]   # organisation -> the roles the charters give its members


class Deadline:
    """The time left of --time-limit (none: no limit)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.end = None if seconds is None else time.monotonic() + seconds

    def left(self) -> float | None:
        return None if self.end is None else max(self.end - time.monotonic(), 0.0)

    def passed(self) -> bool:
        return self.end is not None and time.monotonic() >= self.end


def _setup(charters: tuple[A.Charter, ...], organ: str, on: dt.date, matter: str,
           profile: str | None, settings: dict[str, str] | None) -> _Vote:
    organs = {o.name: o for ch in charters for o in ch.organs}
    if organ not in organs:
        guess = did_you_mean(organ, organs)
        raise NameProblem(f"unknown organ '{organ}'", hint=f"did you mean '{guess}'?" if guess else
                          f"organs: {', '.join(sorted(organs))}")
    seats_org = organs[organ].seats
    if not seats_org:
        raise CheckProblem(f"the {organ} has no seats to vote with (no `seated from membership`)")
    scenario = A.Scenario("power", "voting power", tuple(c.id for c in charters), (), (), (), (), "<power>")
    tables = {r.membership for ch in charters for r in ch.roles} | {seats_org}
    members = tuple(m for org in sorted(tables) for m in _bundled_rows(org))
    program = prepare(Bundle(scenario, charters, members))
    seated = sorted(program.roster.holders(seats_org, on))
    if not seated:
        raise CheckProblem(f"nobody sits on the {organ} on {on.isoformat()} in the bundled data")
    # The indices need one rule: open switches take their prevailing (else
    # first) position, and the result says which positions it assumed.
    fixed = positions_for(program, profile or "prevailing", settings or {})
    for name, sw in program.switches.items():
        fixed.setdefault(name, sw.positions[0].name)
    voting_switches = {g.switch for ch in charters for art in ch.articles for v in art.voting
                       for g in ((v.guard,) if isinstance(v, (A.VoteCountsAs, A.DoubleVeto)) else
                                 (v.void,) if isinstance(v, A.Proviso) and v.void else ())}
    roles = {org: tuple(sorted(r.name for ch in charters for r in ch.roles if r.membership == org))
             for org in tables}
    return _Vote(organ, on, matter, program, seated, fixed,
                 {k: v for k, v in fixed.items() if k in voting_switches}, roles)


def _bundled_rows(org: str) -> list[Membership]:
    if org in membership_tables():
        return load_membership(A.MembershipSource(org, org))
    return []


def _ground(vote: _Vote, by: str) -> clingo.Control:
    facts = [Function("vote", [DRAFT, String(vote.organ), Number(day(vote.on))]),
             Function("vote_kind", [DRAFT, Function(vote.matter)]), Function("power_vote", [DRAFT]),
             Function("power_by", [Function(by)])]
    facts += [Function("power_seat", [String(s)]) for s in vote.seated]
    return ground(vote.program, vote.fixed, ("power.lp",), "".join(f"{f}.\n" for f in facts))


# ------------------------------------------------------------------ classes


OTHER_MARKS = {"disputed": "disputed seat", "party": "party to the dispute"}   # power_mark/2 but organisations


@dataclass(frozen=True)
class _Group:
    first: str                     # the seat that names the class in power.lp
    marks: tuple[str, ...]
    seats: tuple[str, ...]


def _classes(ctl: clingo.Control, vote: _Vote) -> list[_Group]:
    """The classes power.lp found, most marked first, each with its seats in
    the order of their rank (the first K of a class vote for when K do)."""
    first: dict[str, str] = {}
    for a in ctl.symbolic_atoms.by_signature("power_class", 2):
        first[a.symbol.arguments[0].string] = a.symbol.arguments[1].string
    rank = {a.symbol.arguments[0].string: a.symbol.arguments[1].number
            for a in ctl.symbolic_atoms.by_signature("power_rank", 2)}
    marks: dict[str, set[str]] = {s: set() for s in vote.seated}
    for a in ctl.symbolic_atoms.by_signature("power_mark", 2):
        seat, mark = a.symbol.arguments
        marks[seat.string].add(mark.string if mark.type == clingo.SymbolType.String else OTHER_MARKS[mark.name])
    groups = [_Group(r, tuple(sorted(marks[r])), tuple(sorted((s for s, f in first.items() if f == r),
                                                                key=rank.__getitem__)))
              for r in sorted(set(first.values()))]
    return sorted(groups, key=lambda g: (-len(g.marks), g.marks, g.first))


def _class_name(group: _Group, vote: _Vote, alone: bool) -> str:
    """The roles (else the organisations) its seats hold among those the rule names."""
    if not group.marks:
        return "every seat" if alone else "other"
    return " & ".join("/".join(vote.roles.get(m) or (m,)) for m in group.marks)


# ------------------------------------------------------------------ the solver's answers


def _yes(group: _Group, k: int) -> Symbol:
    return Function("power_yes", [String(group.first), Number(k)])


def _winning_vectors(ctl: clingo.Control, groups: list[_Group], deadline: Deadline) -> set[Vector]:
    """One solve: every winning vector of yes-votes is an answer set (and the
    solver's search shows that no other vector wins)."""
    if deadline.passed():
        raise _stopped(deadline, "the time went on reading the charters and grounding")
    ballots = [[Function("ballot", [Function("actual"), DRAFT, String(s), Function("yes")])
                for s in g.seats] for g in groups]
    wins: set[Vector] = set()

    def keep(m: clingo.Model) -> None:
        wins.add(tuple(_leading(m, row) for row in ballots))

    ctl.configuration.solve.models = 0  # type: ignore[union-attr]
    with ctl.solve(on_model=keep, async_=True) as handle:
        if not handle.wait(deadline.left()):
            handle.cancel()
            raise _stopped(deadline, f"the solver had found {len(wins):,} winning vectors of yes-votes "
                                     "and was still searching")
    return wins


def _leading(m: clingo.Model, atoms: list[Symbol]) -> int:
    """How many of `atoms` hold, where those that do come first (by bisection)."""
    low, high = 0, len(atoms)
    while low < high:
        mid = (low + high) // 2
        if m.contains(atoms[mid]):
            low = mid + 1
        else:
            high = mid
    return low


def _stopped(deadline: Deadline, done: str) -> TimeLimitProblem:
    return TimeLimitProblem(f"the exact count did not finish within the time limit ({deadline.seconds:g} s): {done}",
                            hint="raise --time-limit, or estimate by sampling with --max-vectors 0")


class _Decider:
    """Whether a vector of yes-votes wins: the grounded program is
    satisfiable under it as assumptions (one solve per vector not asked
    before; up to REMEMBERED vectors are kept)."""

    REMEMBERED = 500_000

    def __init__(self, ctl: clingo.Control, groups: list[_Group]) -> None:
        self.ctl, self.groups = ctl, groups
        self.known: dict[Vector, bool] = {}
        ctl.configuration.solve.models = 1  # type: ignore[union-attr]

    def __call__(self, vector: Vector) -> bool:
        if vector not in self.known:
            if len(self.known) >= self.REMEMBERED:
                self.known.clear()
            result = self.ctl.solve(assumptions=[(_yes(g, k), True) for g, k in zip(self.groups, vector)])
            self.known[vector] = bool(result.satisfiable)
        return self.known[vector]


# ------------------------------------------------------------------ exact counts


@dataclass(frozen=True)
class Counted:
    """The exact indices of one seat of each class."""

    shapley_shubik: tuple[Fraction, ...]
    banzhaf: tuple[Fraction, ...]
    banzhaf_absolute: tuple[Fraction, ...]
    swings: tuple[int, ...]
    winning: int
    minimal: tuple[Shape, ...]


def count_indices(sizes: tuple[int, ...], wins: Set[Vector], deadline: Deadline | None = None) -> Counted:
    """Shapley-Shubik and Banzhaf of a seat of each class, from the vectors of
    yes-votes per class that win. A coalition with k_c seats of each class c
    is one of ways = prod C(n_c, k_c) alike; a given seat of class c is in
    ways * k_c / n_c of them, and is critical there when one seat of class c
    fewer loses; Shapley-Shubik weighs each such coalition of K seats by
    (K-1)!(n-K)!/n!. A winning vector whose every class present is critical
    is the shape of ways minimal winning coalitions."""
    n, m = sum(sizes), len(sizes)
    factorial = [math.factorial(i) for i in range(n + 1)]
    swings, weighted = [0] * m, [0] * m
    winning, minimal = 0, []
    for step, k in enumerate(wins):
        if deadline and step % 4096 == 0 and deadline.passed():
            raise _stopped(deadline, f"{step:,} of {len(wins):,} winning vectors counted")
        ways = math.prod(math.comb(nc, kc) for nc, kc in zip(sizes, k))
        winning += ways
        size = sum(k)
        critical = [c for c in range(m) if k[c] and _less(k, c) not in wins]
        for c in critical:
            each = ways * k[c] // sizes[c]
            swings[c] += each
            weighted[c] += each * factorial[size - 1] * factorial[n - size]
        if len(critical) == sum(1 for kc in k if kc):
            minimal.append(Shape(k, ways))
    total = sum(nc * s for nc, s in zip(sizes, swings))
    return Counted(tuple(Fraction(w, factorial[n]) for w in weighted),
                   tuple(Fraction(s, total) if total else Fraction(0) for s in swings),
                   tuple(Fraction(s, 2 ** (n - 1)) for s in swings), tuple(swings), winning,
                   tuple(sorted(minimal, key=lambda s: (sum(s.counts), [-c for c in s.counts]))))


def _less(k: Vector, c: int) -> Vector:
    return k[:c] + (k[c] - 1,) + k[c + 1:]


def _more(k: Vector, c: int) -> Vector:
    return k[:c] + (k[c] + 1,) + k[c + 1:]


def _exact_result(vote: _Vote, groups: list[_Group], counted: Counted, vectors: int) -> Power:
    classes = tuple(
        SeatClass(_class_name(g, vote, len(groups) == 1), g.marks, g.seats,
                  _exact(counted.shapley_shubik[c]), _exact(counted.banzhaf[c]),
                  _exact(counted.banzhaf_absolute[c]), counted.swings[c])
        for c, g in enumerate(groups))
    minimal_count = sum(s.coalitions for s in counted.minimal)
    listed = None
    if minimal_count <= LIST_LIMIT:
        listed = tuple(sorted((c for s in counted.minimal for c in _coalitions(groups, s.counts)),
                              key=lambda c: (len(c), sorted(c))))
    return Power(vote.organ, vote.on, vote.matter, _seats(classes), counted.winning, listed, vote.positions,
                 classes, counted.minimal, minimal_count, vectors)


def _exact(x: Fraction) -> Index:
    return Index(float(x), exact=x)


def _coalitions(groups: list[_Group], counts: Vector):
    for parts in itertools.product(*(itertools.combinations(g.seats, k) for g, k in zip(groups, counts))):
        yield frozenset(s for part in parts for s in part)


def _seats(classes: tuple[SeatClass, ...]) -> tuple[SeatPower, ...]:
    seats = [SeatPower(s, c.shapley_shubik.value, c.banzhaf.value, c.swings, c.name)
             for c in classes for s in c.seats]
    return tuple(sorted(seats, key=lambda p: (-p.shapley_shubik, p.seat)))


# ------------------------------------------------------------------ estimates


@dataclass(frozen=True)
class Sampled:
    """Estimates for a seat of each class: per drawing, the share of the
    class's seats that were critical."""

    shapley_shubik: tuple[Index, ...]
    banzhaf: tuple[Index, ...]
    banzhaf_absolute: tuple[Index, ...]
    winning_share: Index
    orderings: int
    coalitions: int
    stopped: bool


def sample_indices(sizes: tuple[int, ...], decide: Callable[[Vector], bool], samples: int, seed: int,
                   deadline: Deadline | None = None) -> Sampled:
    """Shapley-Shubik from random orderings of the seats (a seat counts where
    the seats before it lose and it makes them win), Banzhaf from random
    coalitions (a seat counts where its vote turns the coalition's outcome),
    `samples` of each, fewer if the deadline passes first."""
    rng = random.Random(seed)
    by_order: list[list[float]] = []
    by_coalition: list[list[float]] = []
    won: list[float] = []
    stopped = False
    while len(by_order) < samples:
        if deadline and deadline.passed():
            stopped = True
            break
        by_order.append(_one_ordering(sizes, decide, rng))
        share, w = _one_coalition(sizes, decide, rng)
        by_coalition.append(share)
        won.append(float(w))
    if not by_order:
        seconds = deadline.seconds if deadline else 0
        raise TimeLimitProblem(f"no sample could be drawn within the time limit ({seconds:g} s)",
                               hint="raise --time-limit")
    classes = range(len(sizes))
    all_swings = [math.fsum(n * x for n, x in zip(sizes, row)) for row in by_coalition]
    return Sampled(tuple(_mean(_column(by_order, c)) for c in classes),
                   tuple(_ratio(_column(by_coalition, c), all_swings) for c in classes),
                   tuple(_mean(_column(by_coalition, c)) for c in classes),
                   _mean(won), len(by_order), len(by_coalition), stopped)


def _column(rows: list[list[float]], c: int) -> list[float]:
    return [row[c] for row in rows]


def _one_ordering(sizes: tuple[int, ...], decide: Callable[[Vector], bool], rng: random.Random) -> list[float]:
    """One random ordering of the seats: the share of each class's seats that are pivotal in it."""
    order = [c for c, n in enumerate(sizes) for _ in range(n)]
    rng.shuffle(order)
    pivots = [0] * len(sizes)
    k = (0,) * len(sizes)
    before = decide(k)
    for c in order:
        k = _more(k, c)
        now = decide(k)
        if now and not before:
            pivots[c] += 1
        before = now
    return [p / n for p, n in zip(pivots, sizes)]


def _one_coalition(sizes: tuple[int, ...], decide: Callable[[Vector], bool],
                   rng: random.Random) -> tuple[list[float], bool]:
    """One random coalition (every seat in or out with even chances): the
    share of each class's seats whose vote decides it -- a seat in a winning
    one whose leaving loses, a seat out of a losing one whose joining wins."""
    k = tuple(bin(rng.getrandbits(n)).count("1") for n in sizes)
    won = decide(k)
    share = []
    for c, n in enumerate(sizes):
        if won:
            share.append(k[c] / n if k[c] and not decide(_less(k, c)) else 0.0)
        else:
            share.append((n - k[c]) / n if k[c] < n and decide(_more(k, c)) else 0.0)
    return share, won


def _mean(xs: list[float]) -> Index:
    """The mean of draws in [0, 1] with a 95% interval: normal, from the
    sample variance; where every draw is 0 (or 1), the rule of three."""
    n = len(xs)
    mean = math.fsum(xs) / n
    if all(x == 0 for x in xs):
        return Index(0.0, interval=(0.0, min(1.0, 3 / n)))
    if all(x == 1 for x in xs):
        return Index(1.0, interval=(max(0.0, 1 - 3 / n), 1.0))
    if n < 2:
        return Index(mean, interval=(0.0, 1.0))
    var = math.fsum((x - mean) ** 2 for x in xs) / (n - 1)
    half = Z95 * math.sqrt(var / n)
    return Index(mean, interval=(max(0.0, mean - half), min(1.0, mean + half)))


def _ratio(xs: list[float], ys: list[float]) -> Index:
    """mean(xs) / mean(ys) with a 95% interval by the delta method."""
    n = len(xs)
    a, b = math.fsum(xs) / n, math.fsum(ys) / n
    if b == 0:
        return Index(0.0, interval=(0.0, 1.0))
    r = a / b
    if a == 0:
        return Index(0.0, interval=(0.0, min(1.0, 3 / n / b)))
    if n < 2:
        return Index(r, interval=(0.0, 1.0))
    var = math.fsum((x - r * y) ** 2 for x, y in zip(xs, ys)) / (n - 1)
    half = Z95 * math.sqrt(var / n) / b
    return Index(r, interval=(max(0.0, r - half), min(1.0, r + half)))


def _estimated_result(vote: _Vote, groups: list[_Group], sampled: Sampled, vectors: int,
                      sampling: Sampling) -> Power:
    classes = tuple(
        SeatClass(_class_name(g, vote, len(groups) == 1), g.marks, g.seats, sampled.shapley_shubik[c],
                  sampled.banzhaf[c], sampled.banzhaf_absolute[c], None)
        for c, g in enumerate(groups))
    return Power(vote.organ, vote.on, vote.matter, _seats(classes), None, None, vote.positions, classes,
                 (), None, vectors, sampling)
