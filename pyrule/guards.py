"""Resource guards: a bound on the size of a program before it is grounded,
and a ceiling on the memory grounding and solving may take.

Takes a compiled `Program`; gives, before any grounding, an estimate of how
large the ground program will be (`estimate`), rule by rule, from the facts
alone: a cheap upper bound. For each generated rule, the number of its
instances is bounded by joining its conditions' candidate facts (the facts of
the condition's kind and action whose names match) one condition at a time:
a condition that shares a variable with those already joined multiplies by
at most the largest number of its candidates with one value in that place;
one that shares none multiplies by all of its candidates. A norm then says
something for each bearer (every member of its role's organisation) towards
each target (for `any state`, each state an act of its kind is in play
towards), and each saying is weighed against every rule that could beat it
(rules/final.lp). Beyond `max_ground` (PYRULE_MAX_GROUND, `pyrule
--max-ground`), `check_size` raises a `LimitProblem` naming the rule (its
charter file:line and article) and what multiplies.

`memory_ceiling` runs grounding and solving under an address-space limit
(PYRULE_MAX_MEMORY in MB, `pyrule --max-memory`; 0: none) and turns running
out of it (MemoryError, clingo's std::bad_alloc) into a `LimitProblem`.
Limit errors exit 4, like other limits reached (see the README).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterator

from . import ast as A
from .errors import PyruleError

DEFAULT_MAX_GROUND = 5_000_000      # estimated ground atoms
DEFAULT_MAX_MEMORY = 6_000          # MB of address space for grounding and solving, above what is in use
DEFAULT_MAX_READINGS = 4096         # combinations of positions of switches that interact
MIN_MEMORY = 100


class LimitProblem(PyruleError):
    """An input too large to answer within the configured limits: nothing is claimed."""

    exit_code = 4


@dataclass
class Limits:
    max_ground: int = DEFAULT_MAX_GROUND
    max_memory: int = DEFAULT_MAX_MEMORY
    max_readings: int = DEFAULT_MAX_READINGS


# set by the command line's options (`pyrule --max-ground N ...`); None: from the environment
OVERRIDES: dict[str, int | None] = {"max_ground": None, "max_memory": None, "max_readings": None}


def _env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip().replace("_", ""))
    except ValueError:
        raise PyruleError(f"{name}={raw!r} is not a whole number",
                          hint="0 turns the limit off") from None
    if value < 0:
        raise PyruleError(f"{name}={raw!r} is negative", hint="0 turns the limit off")
    return value


def limits() -> Limits:
    """The limits in force: the command line's options, else the
    environment (PYRULE_MAX_GROUND, PYRULE_MAX_MEMORY, PYRULE_MAX_READINGS),
    else the defaults. 0 turns a limit off."""
    got = Limits(_env("PYRULE_MAX_GROUND", DEFAULT_MAX_GROUND), _env("PYRULE_MAX_MEMORY", DEFAULT_MAX_MEMORY),
                 _env("PYRULE_MAX_READINGS", DEFAULT_MAX_READINGS))
    for key, value in OVERRIDES.items():
        if value is not None:
            setattr(got, key, value)
    if 0 < got.max_memory < MIN_MEMORY:
        # (below this, clingo cannot even start its threads: the process aborts)
        raise PyruleError(f"a memory limit of {got.max_memory} MB is too small to run pyrule at all",
                          expected=f"0 (no limit) or at least {MIN_MEMORY} MB")
    return got


# ------------------------------------------------------------------ the size estimate


@dataclass
class _Pool:
    """The facts of one kind, as tuples of their places, indexed by place
    and value; what a condition matches and how many facts share a value in
    a place are worked out once for each form of condition."""

    rows: list[tuple] = field(default_factory=list)     # derived facts included (see `estimate`)
    _index: dict[tuple[int, str], list[tuple]] | None = None
    _matched: dict[tuple, list[tuple]] = field(default_factory=dict)
    _fans: dict[tuple, int] = field(default_factory=dict)

    def matching(self, fact: A.Fact) -> list[tuple]:
        consts = tuple((j, a.value) for j, a in enumerate(fact.args) if isinstance(a, A.Const))
        got = self._matched.get(consts)
        if got is None:
            if self._index is None:
                self._index = defaultdict(list)
                for r in self.rows:
                    for j, v in enumerate(r):
                        self._index[j, v].append(r)
            if consts:
                start = min((self._index.get(c, []) for c in consts), key=len)
                got = [r for r in start if all(j < len(r) and r[j] == v for j, v in consts)]
            else:
                got = self.rows
            self._matched[consts] = got
        return got

    def fan(self, fact: A.Fact, rows: list[tuple], j: int) -> int:
        """The most of `rows` (what `fact` matches) with one value in place j."""
        key = (tuple((k, a.value) for k, a in enumerate(fact.args) if isinstance(a, A.Const)), j)
        got = self._fans.get(key)
        if got is None:
            got = self._fans[key] = max(Counter(r[j] for r in rows).values())
        return got


@dataclass(frozen=True)
class CondCount:
    condition: A.Fact
    candidates: int         # facts it could match
    factor: int             # what it multiplies the instances by, once joined


@dataclass(frozen=True)
class RuleSize:
    rule_id: str
    charter: A.Charter
    article: A.Article
    rule: A.Norm | A.CountsAs
    conditions: tuple[CondCount, ...]
    instances: int
    bearers: int = 1
    targets: int = 1
    beaters: int = 0

    @property
    def sayings(self) -> int:
        return self.instances * self.bearers * self.targets

    @property
    def atoms(self) -> int:
        """Ground atoms this rule may give rise to: its instances (each with
        its list of facts and its days), and its sayings, each weighed
        against every rule that could beat it."""
        n = len(self.conditions) + 2
        return self.instances * n + self.sayings * (2 + self.beaters)

    def describe(self) -> str:
        """What multiplies: each condition's candidate facts and the factor it
        multiplies the instances by once joined, the bearers, the targets."""
        from .words import describe_fact

        parts = [f"'{describe_fact(c.condition)}' ({c.candidates} candidate fact(s), x{c.factor})"
                 for c in self.conditions]
        out = (f"{self.instances:,} instance(s) from " + " * ".join(parts)) if parts else "1 instance"
        if self.bearers > 1:
            out += f"; x{self.bearers:,} bearers"
        if self.targets > 1:
            out += f"; x{self.targets:,} targets in play"
        if self.beaters:
            out += f"; each saying weighed against {self.beaters} rule(s) that could beat it"
        return out


@dataclass
class Estimate:
    rules: list[RuleSize]

    @property
    def total(self) -> int:
        return sum(r.atoms for r in self.rules)

    def largest(self) -> RuleSize | None:
        return max(self.rules, key=lambda r: r.atoms, default=None)


def _pools(program) -> dict[str, _Pool]:
    pools: dict[str, _Pool] = defaultdict(_Pool)
    for info in program.fluents.values():
        f = info.fact
        pools[f.kind].rows.append(tuple(a.value if isinstance(a, A.Const) else None for a in f.args))
    return pools


def _join(conditions: tuple[A.Fact, ...], pools: dict[str, _Pool],
          exact: bool = False) -> tuple[list[CondCount], int]:
    """Instances of a rule whose conditions are `conditions`: an upper bound."""
    cands = []
    for c in conditions:
        pool = pools.get(c.kind, _Pool())
        rows = pool.matching(c)
        cands.append((c, rows, len(rows)))
    counted: dict[int, CondCount] = {}
    bound: set[str] = set()
    left = list(range(len(cands)))
    total = 1
    while left:
        best = None
        for k in left:
            c, rows, n = cands[k]
            shared = [(j, a.name) for j, a in enumerate(c.args) if isinstance(a, A.Var) and a.name in bound]
            if shared and rows:
                pool = pools.get(c.kind, _Pool())
                fan = min(pool.fan(c, rows, j) for j, _ in shared)
                factor = min(n, fan)
            else:
                factor = n
            key = (not shared, factor)
            if best is None or key < best[0]:
                best = (key, k, factor)
        _, k, factor = best
        left.remove(k)
        c, _, n = cands[k]
        counted[k] = CondCount(c, n, factor)
        bound |= {v.name for v in c.variables()}
        total *= factor
        if total == 0:
            break
    if exact and total > 1 and len(counted) == len(cands):
        exact = _count_join(conditions, pools, list(counted))
        if exact is not None:
            total = min(total, exact)
    return [counted.get(k, CondCount(cands[k][0], cands[k][2], 0)) for k in range(len(cands))], total


JOIN_STATE_CAP = 200_000
EXACT_FROM = 10_000      # a rule estimated at fewer atoms is not counted exactly


def _count_join(conditions: tuple[A.Fact, ...], pools: dict[str, _Pool], order: list[int]) -> int | None:
    """The number of combinations of facts the conditions match together
    (in `order`), counted by eliminating each variable once no condition
    still to come reads it: the partial join is kept as counts per binding of
    the variables still needed, so conditions that share no variable just
    multiply counts. None where the bindings kept grow past JOIN_STATE_CAP
    (the bound of `_join` holds then)."""
    state: dict[tuple, int] = {(): 1}
    names: tuple[str, ...] = ()
    for step, k in enumerate(order):
        c = conditions[k]
        pool = pools.get(c.kind, _Pool())
        rows = pool.matching(c)
        later = {v.name for q in order[step + 1:] for v in conditions[q].variables()}
        places = [(j, a.name) for j, a in enumerate(c.args) if isinstance(a, A.Var)]
        keep = tuple(dict.fromkeys([n for n in names if n in later] +
                                   [n for _, n in places if n in later and n not in names]))
        first: dict[str, int] = {}
        for j, n in places:
            first.setdefault(n, j)
        twice = len(first) < len(places)
        shared = [n for n in names if n in first]
        at_shared = [first[n] for n in shared]
        old_kept = [n for n in keep if n in names]
        at_new = [first[n] for n in keep if n not in names]
        # the condition's matches, by their values of the shared variables,
        # as counts per values of the new variables kept (a variable twice in
        # one condition must take one value)
        matches: dict[tuple, dict[tuple, int]] = defaultdict(lambda: defaultdict(int))
        for r in rows:
            if len(r) <= max(first.values(), default=-1):
                continue
            if twice and any(r[j] != r[first[n]] for j, n in places):
                continue
            matches[tuple([r[j] for j in at_shared])][tuple([r[j] for j in at_new])] += 1
        pos = [names.index(n) for n in shared]
        pos_kept = [names.index(n) for n in old_kept]
        new: dict[tuple, int] = defaultdict(int)
        for binding, mult in state.items():
            got = matches.get(tuple([binding[i] for i in pos]))
            if not got:
                continue
            head = tuple([binding[i] for i in pos_kept])
            for kept, m in got.items():
                new[head + kept] += mult * m
            if len(new) > JOIN_STATE_CAP:
                return None
        state, names = dict(new), keep
        if not state:
            return 0
    return sum(state.values())


def _beaters(program) -> dict[str, int]:
    """For each rule, how many rules could beat it (final.lp's beats/3): by
    an explicit exception, an article's or a charter's priority."""
    infos = list(program.rules.values())
    by_article: dict[tuple[str, str], list] = defaultdict(list)
    for info in infos:
        by_article[info.charter.id, info.article.num].append(info)
    charters = {info.charter.id: info.charter for info in infos}
    counts: Counter = Counter()
    for info in infos:
        rule = info.rule
        if isinstance(rule, A.Norm):
            for ref in rule.overriding:
                for loser in by_article.get((info.charter.id, ref.num), ()):
                    counts[loser.id] += 1
    for ch in charters.values():
        for art in ch.articles:
            for pr in art.priorities:
                if pr.loser is not None:
                    winners = len(by_article.get((ch.id, art.num), ()))
                    for loser in by_article.get((ch.id, pr.loser.num), ()):
                        counts[loser.id] += winners
                elif pr.permissions or pr.over_this is not None or pr.loser is None:
                    # a charter's priority: its binding rules (and permissions named) over the others'
                    strong = sum(1 for i in infos if i.charter.id == ch.id and isinstance(i.rule, A.Norm)
                                 and (i.rule.modality in ("obl", "oblm", "forb") or pr.permissions))
                    for other in infos:
                        if other.charter.id != ch.id:
                            counts[other.id] += strong
    return counts


DERIVATION_STEPS = 4


def _derive(rule: A.CountsAs, pools: dict[str, _Pool]) -> list[tuple]:
    """The facts a "counts as" rule derives from the facts its condition
    matches, as tuples of the head's places."""
    rows = pools.get(rule.condition.kind, _Pool()).matching(rule.condition)
    return [head for head in map(rule.head_for, rows) if head is not None]


def estimate(program) -> Estimate:
    """The estimated size of the ground program, rule by rule."""
    pools = _pools(program)
    sizes: list[RuleSize] = []
    infos = list(program.rules.values())
    # "counts as" rules first: what they derive adds candidates to their head's
    # kind, with the places their heads give (a chain, force -> armed attack ->
    # a treaty's case, is followed a few steps; beyond, places are unknown)
    counting = [i for i in infos if isinstance(i.rule, A.CountsAs)]
    base = {kind: list(pool.rows) for kind, pool in pools.items()}
    derived: dict[str, list[tuple]] = {}
    for _ in range(DERIVATION_STEPS):
        derived = defaultdict(list)
        for info in counting:
            derived[info.rule.head.kind].extend(_derive(info.rule, pools))
        for kind in set(base) | set(derived):
            pools[kind] = _Pool(rows=base.get(kind, []) + list(dict.fromkeys(derived.get(kind, []))))
    for info in counting:
        conds, n = _join((info.rule.condition,), pools)
        sizes.append(RuleSize(info.id, info.charter, info.article, info.rule, tuple(conds), n))
    states = len(program.roster.names) or 1
    members: Counter = Counter(org for spans in program.roster.spans.values() for org, _, _ in spans)
    # the states towards which an act of a kind may be in play: the targets of
    # the norms about it and of the acts on record
    in_play: Counter = Counter()
    joined: dict[str, tuple[list[CondCount], int]] = {}
    for info in infos:
        if isinstance(info.rule, A.Norm):
            joined[info.id] = conds_n = _join(info.rule.conditions, pools)
            act = info.rule.act
            verb = act.verb.value if isinstance(act.verb, A.Const) else None
            if isinstance(act.target, A.Const):
                in_play[verb] += 1
            elif isinstance(act.target, A.Var):
                in_play[verb] += min(conds_n[1], states)
    for f in (i.fact for i in program.fluents.values()):
        if f.kind in ("act", "omission") and len(f.args) > 1 and isinstance(f.args[1], A.Const):
            in_play[f.args[1].value] += 1
    beaten = _beaters(program)
    for info in infos:
        rule = info.rule
        if not isinstance(rule, A.Norm):
            continue
        conds, n = joined[info.id]
        bearer = rule.bearer
        bearers = 1
        if isinstance(bearer, A.RoleBearer):
            org = program.roles.get(bearer.role, bearer.role)
            bearers = max(members.get(org, 0), 1)
        targets = 1
        if isinstance(rule.act.target, A.AnyState):
            verb = rule.act.verb.value if isinstance(rule.act.verb, A.Const) else None
            targets = max(min(in_play[verb] if verb else sum(in_play.values()), states), 1)
        size = RuleSize(info.id, info.charter, info.article, rule, tuple(conds), n, bearers, targets,
                        beaten.get(info.id, 0))
        if size.atoms > EXACT_FROM and n > 1:
            conds, n = _join(rule.conditions, pools, exact=True)
            size = dataclasses.replace(size, conditions=tuple(conds), instances=n)
        sizes.append(size)
    return Estimate(sizes)


def check_size(program, limit: int | None = None) -> Estimate | None:
    """Raise a `LimitProblem` if the program's estimated size passes the limit."""
    limit = limits().max_ground if limit is None else limit
    if not limit or program.cached_rules is not None and not program.rules:
        return None
    est = estimate(program)
    total = est.total
    if total <= limit:
        return est
    worst = est.largest()
    assert worst is not None
    where = worst.rule.span
    raise LimitProblem(
        f"this scenario is too large to answer: about {total:,} ground atoms estimated, beyond the limit of "
        f"{limit:,}; most of them ({worst.atoms:,}) from article {worst.article.num} ({worst.charter.id}): "
        f"{worst.describe()}",
        where,
        hint=("its conditions share no variable, so their matches multiply: join them on a shared state, "
              if any(c.factor > 1 for c in worst.conditions[1:]) and worst.instances > worst.bearers * worst.targets
              else "it is said for every bearer towards every state in play, and weighed against each rule that "
                   "could beat it: ") +
             "or split the scenario; to try anyway, raise the limit with `pyrule --max-ground N` or "
             "PYRULE_MAX_GROUND=N (0: no limit)")


# ------------------------------------------------------------------ the memory ceiling


def _in_use() -> int:
    """Bytes of address space the process has now."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def out_of_memory(err: BaseException) -> bool:
    return isinstance(err, MemoryError) or (isinstance(err, RuntimeError) and "bad_alloc" in str(err))


def memory_problem(limit_mb: int) -> LimitProblem:
    return LimitProblem(
        f"grounding and solving ran out of the memory allowed ({limit_mb:,} MB); nothing is claimed",
        hint="`pyrule check` names rules whose conditions multiply (S110); fix switches with --set or "
             "--profile prevailing, or raise the ceiling with `pyrule --max-memory MB` or "
             "PYRULE_MAX_MEMORY=MB (0: none)")


@contextlib.contextmanager
def memory_ceiling(limit_mb: int | None = None) -> Iterator[None]:
    """Run the block with at most `limit_mb` MB more address space than the
    process has now (never raising a lower limit already set); running out
    becomes a `LimitProblem`."""
    limit_mb = limits().max_memory if limit_mb is None else limit_mb
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        resource = None  # type: ignore[assignment]
    previous = None
    if limit_mb and resource is not None:
        try:
            previous = resource.getrlimit(resource.RLIMIT_AS)
            soft = _in_use() + limit_mb * 1024 * 1024
            hard = previous[1]
            if hard != resource.RLIM_INFINITY:
                soft = min(soft, hard)
            if previous[0] == resource.RLIM_INFINITY or soft < previous[0]:
                resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
            else:
                previous = None
        except (ValueError, OSError):
            previous = None
    try:
        yield
    except (MemoryError, RuntimeError) as err:
        if not out_of_memory(err):
            raise
        gc.collect()
        raise memory_problem(limit_mb) from None
    finally:
        if previous is not None:
            resource.setrlimit(resource.RLIMIT_AS, previous)
