"""Consistency of treaty rules: static findings, conflicts in a scenario, and
a bounded search for a conflict in any scenario.

Takes charters (and optionally a scenario); gives `Finding`s, each with a
severity, a code, a message, every related source position, the articles
involved and, for a conflict found by search, a witness scenario written in
the scenario language and the minimal set of articles that produce it.

Codes: S1xx static (no solving); C2xx in the given scenario; B3xx bounded search.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from dataclasses import dataclass

import clingo
from clingo.symbol import Function, Number

from . import ast as A
from .compile import FactWriter, Program, compile_bundle, day
from .errors import CheckProblem
from .findings import Finding, norms, unread_facts
from .check import check_bundle
from .library import Bundle, Membership
from .results import Answer, Basis
from .words import describe_fact
from .solve import consequences, ground

HYPOTHETICAL = ("XAA", "XAB", "XAC", "XAD", "XAE")
SEARCH_START = dt.date(2030, 1, 1)


# ------------------------------------------------------------------ a given scenario


def _articles(b: Basis) -> tuple[tuple[str, str], ...]:
    return tuple(b.articles())


def scenario_findings(answer: Answer) -> list[Finding]:
    out: list[Finding] = []
    for info in unread_facts(answer.program):
        out.append(Finding("warning", "C204", f"no rule of the loaded charters reads this fact, so it changes no "
                           f"answer: {describe_fact(info.fact)} ({info.start.isoformat()})",
                           ((info.fact.span, "the fact"),), ()))
    for c in answer.conflicts:
        when = f"{c.start.isoformat()}" + (f" to {(c.end - dt.timedelta(days=1)).isoformat()}" if c.end else " on")
        first = "permitted" if c.kind == "perm" else "obliged"
        what = (f"both {first} and forbidden to {c.action}" if c.incompatible is None else
                f"obliged to {c.action} and to {c.incompatible}, which cannot both be done,")
        out.append(Finding("error", "C201", f"{c.actor} is {what}"
                           + (f" {c.object}" if c.object else "") + (f" against {c.target}" if c.target else "")
                           + f" ({when}), and no priority rule resolves it",
                           ((c.obliging.rule.rule.span, f"{first} by article {c.obliging.article}"),
                            (c.forbidding.rule.rule.span,
                             f"{'forbidden' if c.incompatible is None else 'obliged to ' + c.incompatible} "
                             f"by article {c.forbidding.article}")),
                           _articles(c.obliging) + _articles(c.forbidding)))
    seen = set()
    for d in answer.defeats:
        key = (d.loser.rule.id, d.winner.rule.id, d.principle)
        if key in seen:
            continue
        seen.add(key)
        out.append(Finding("info", "C202", f"resolved: article {d.winner.article} prevails over article "
                           f"{d.loser.article} ({d.principle.replace('_', ' ')}), e.g. for {d.actor} "
                           f"{d.action}" + (f" against {d.target}" if d.target else "")
                           + f" from {d.start.isoformat()}",
                           ((d.winner.rule.rule.span, "prevails"), (d.loser.rule.rule.span, "overridden")),
                           _articles(d.winner) + _articles(d.loser), principle=d.principle))
    return out


def gap_finding(answer: Answer, actor: str, action: str, target: str | None, on: dt.date) -> Finding:
    found = [c for c in answer.conclusions if c.actor == actor and c.action == action and c.covers(on)
             and (target is None or answer.towards(c, target))]
    if found:
        words = ", ".join(sorted({c.status for c in found}))
        return Finding("info", "C203", f"no gap: on {on.isoformat()} {actor}'s '{action}' has a status ({words})")
    return Finding("warning", "C203", f"gap: on {on.isoformat()} no rule gives {actor} any status for '{action}'"
                   + (f" towards {target}" if target else ""))


# ------------------------------------------------------------------ bounded search


def _candidates(charters: tuple[A.Charter, ...], actors: tuple[str, ...]) -> list[tuple[str, tuple]]:
    """Ground facts the charters' own conditions and riders could match,
    over the hypothetical actors; kinds that "counts as" rules derive are left
    to them."""
    return _patterns_and_candidates(charters, actors)[1]


def _preps(charters: tuple[A.Charter, ...]) -> dict[str, str]:
    """The preposition a witness writes each kind of fact with: the one the
    charters' conditions use."""
    return _patterns_and_candidates(charters, ())[0]


def _patterns_and_candidates(charters, actors) -> tuple[dict[str, str], list[tuple[str, tuple]]]:
    derived = {r.head.kind for _, _, r in norms(charters) if isinstance(r, A.CountsAs)}
    actions = sorted({r.act.verb.value for _, _, r in norms(charters)
                      if isinstance(r, A.Norm) and isinstance(r.act.verb, A.Const)})
    # An open action is tried only with the actions the charters use with the
    # same preposition ("to A against T" with use-force, not give-assistance,
    # which the charters give "to" a state): assistance "against" T is not
    # assistance to T, though both name T as the act's target.
    used_with: dict[str, set[str | None]] = {}
    for _, _, r in norms(charters):
        if isinstance(r, A.Norm) and isinstance(r.act.verb, A.Const) and r.act.target is not None:
            used_with.setdefault(r.act.verb.value, set()).add(r.act.prep or "against")
    patterns: list[A.Fact] = []
    for _, _, rule in norms(charters):
        if isinstance(rule, A.CountsAs):
            patterns.append(rule.condition)
        else:
            patterns.extend(rule.conditions)
            patterns.extend(g.fact for g in (*rule.unless, *rule.until))
    counting = [r for _, _, r in norms(charters) if isinstance(r, A.CountsAs)]
    read_by_norms = {p.kind for _, _, r in norms(charters) if isinstance(r, A.Norm)
                     for p in (*r.conditions, *(g.fact for g in (*r.unless, *r.until)))}
    out: set[tuple[str, tuple]] = set()
    preps: dict[str, str] = {}      # the preposition each kind of fact is written with
    for pat in patterns:
        if pat.prep:
            preps.setdefault(pat.kind, pat.prep)
        if pat.kind in derived and pat.kind != "measures" or pat.kind in ("act", "omission"):
            continue
        if pat.kind in A.FOUND_KINDS or pat.kind in A.RECORDED_KINDS:
            continue        # what pyrule finds or reads off a record: never a fact a scenario states
        places = A.FACT_PLACES[pat.kind]
        domains = []
        for place, arg in zip(places, pat.args):
            if isinstance(arg, A.Const):
                domains.append((arg.value,))
            elif arg is None:
                domains.append((None,))
            elif place in A.STATE_PLACES:
                domains.append(actors)
            elif place == "action":
                prep = pat.prep or "against"
                domains.append(tuple(a for a in actions if prep in used_with.get(a, {prep})))
            elif place == "object":
                domains.append(("m1", None))
            elif place == "region":
                domains.append(("r1",))
            else:
                domains.append(("v1",))
        state_at = [j for j, place in enumerate(places) if place in A.STATE_PLACES]
        for combo in itertools.product(*domains):
            states = [combo[j] for j in state_at if combo[j] is not None]
            if len(states) == len(set(states)):        # nobody attacks, helps or sanctions itself
                out.add((pat.kind, combo))
    out = _one_per_consequence(out, counting, read_by_norms)
    return preps, sorted(out, key=_candidate_order)


def _candidate_order(cand: tuple[str, tuple]) -> tuple:
    kind, combo = cand
    return kind, tuple("" if v is None else v for v in combo)


def _one_per_consequence(cands: set[tuple[str, tuple]], counting: list[A.CountsAs],
                         read_by_norms: set[str]) -> set[tuple[str, tuple]]:
    """Of the candidates of a kind that only "counts as" rules read (force as
    it happened, which the UN Charter classes by its scale or its harm), one
    for each set of facts the rules would derive from it: two ways to the same
    armed attack would double every set of facts the search weighs. One that
    would derive only acts (which no conflict turns on) is left out."""
    out, seen = set(), set()
    # (in a fixed order, so that the one kept does not depend on string hashing)
    for kind, combo in sorted(cands, key=_candidate_order):
        if kind in read_by_norms or kind == "measures":
            out.add((kind, combo))
            continue
        heads = []
        for rule in counting:
            if rule.condition.kind != kind or rule.head.kind in ("act", "omission"):
                continue
            head = rule.head_for(combo)
            if head is not None:
                heads.append((rule.head.kind, head, tuple((g.switch, g.position) for g in rule.guards)))
        if not heads:
            continue
        key = (kind, frozenset(heads))
        if key not in seen:
            seen.add(key)
            out.add((kind, combo))
    return out


@dataclass(frozen=True)
class SearchResult:
    finding: Finding
    seconds: float
    bound: int
    actors: int
    candidates: int


MEMBERS_SINCE = dt.date(1900, 1, 1)     # the hypothetical states belong to everything from then on
STATES = 3        # hypothetical states by default: an attacker, its victim and a third state


def search(charters: tuple[A.Charter, ...], members: tuple[Membership, ...], depth: int,
           fixed: dict[str, str], time_limit: float | None = None, states: int = STATES) -> SearchResult:
    """Look for an unresolved conflict in any scenario with at most `depth`
    facts among `states` hypothetical states (at least as many as facts) over
    `depth` days. With `time_limit` (seconds), a search still running then is
    stopped and the finding (B302) says so and claims nothing."""
    started = time.perf_counter()
    n_actors = max(states, min(depth, len(HYPOTHETICAL)))
    actors = HYPOTHETICAL[:n_actors]
    orgs = sorted({r.membership for ch in charters for r in ch.roles})
    hypothetical = tuple(Membership(a, f"hypothetical state {a}", org, MEMBERS_SINCE, None)
                         for a in actors for org in orgs)
    scenario = A.Scenario("search", "bounded search", tuple(c.id for c in charters), (), (), (), (), "<search>")
    bundle = Bundle(scenario, charters, hypothetical)
    check_bundle(bundle)
    program = compile_bundle(bundle)
    cands = _candidates(charters, actors)
    facts = [f"{Function('bnd', [Number(k)])}." for k in range(1, depth + 1)]
    # the days: while every charter loaded is in force (after all their entries
    # into force, before the first of them ends)
    start = max([SEARCH_START] + [ch.in_force for ch in charters]) if all(ch.until is None for ch in charters) \
        else max(ch.in_force for ch in charters)
    ends = [ch.until for ch in charters if ch.until is not None]
    if ends and start + dt.timedelta(days=depth) > min(ends):
        raise CheckProblem("these charters were never all in force together, so no scenario can bring their "
                           "rules into conflict: " + ", ".join(f"{ch.id} ({ch.in_force.isoformat()} to "
                                                              f"{ch.until.isoformat() if ch.until else 'now'})"
                                                              for ch in charters),
                           hint="check them in the groups that were in force together")
    days = [start + dt.timedelta(days=k) for k in range(depth)]
    facts += [f"{Function('sday', [Number(day(d))])}." for d in days]
    facts += [f"{Function('sday_no', [Number(day(d)), Number(n)])}." for n, d in enumerate(days)]
    base = len(program.facts)
    _add_candidates(program, cands, range(len(cands)), actors)
    # First, in one scenario where every candidate holds, the pairs of rule
    # instances that could clash with no priority between them (clashable.lp):
    # a conflict can only be one of these, with the facts of its two instances
    # and perhaps a rider's fact that stops a rule that would resolve it. Then
    # the search proper, for each such set of facts (the same set under other
    # names of the hypothetical states once), smallest bounds first.
    groups = _witness_sets(ground(program, fixed, ("clashable.lp",), "\n".join(facts) + "\n"), cands, actors)
    del program.facts[base:]
    out_of_time = time_limit is not None and time.perf_counter() - started > time_limit
    bound_words = f"at most {depth} facts among {n_actors} hypothetical states over {len(days)} days"
    best: list = []

    def keep(m: clingo.Model) -> None:
        best[:] = [m.symbols(shown=True)]

    limits = [Function("limit", [Number(k)]) for k in range(1, depth + 1)]
    done = 0                    # the bounds searched to the end
    found, stopped = False, out_of_time
    controls: dict[frozenset[int], clingo.Control] = {}
    for k in range(0 if stopped else depth):      # iterative deepening: the first bound that has a witness
        for needed, extra in groups:
            if len(needed) > k + 1:
                continue
            ctl = controls.get(needed | extra)
            if ctl is None:
                _add_candidates(program, cands, sorted(needed | extra), actors)
                ctl = controls[needed | extra] = ground(program, fixed, ("search.lp",), "\n".join(facts) + "\n")
                del program.facts[base:]
            for j, atom in enumerate(limits):
                ctl.assign_external(atom, j == k)
            result = _solve_within(ctl, keep, None if time_limit is None
                                   else time_limit - (time.perf_counter() - started))
            stopped, found = result is None, result is not None and result.satisfiable
            if stopped or found:
                break
        if stopped or found:
            break
        done = k + 1
    seconds = time.perf_counter() - started
    if stopped:
        searched = (f"every scenario with at most {done} fact(s) has no unresolved conflict; "
                    if done else "")
        return SearchResult(Finding("info", "B302", f"the search was stopped at the time limit ({time_limit:g} s) "
                                    f"before it finished ({bound_words}; {len(cands)} candidate facts): "
                                    f"{searched}nothing is claimed beyond that. Raise --time-limit or lower "
                                    "--depth.", detail={"bound": depth, "seconds": seconds, "finished_bound": done}),
                            seconds, depth, n_actors, len(cands))
    if not found or not best:
        why = (f"{len(cands)} candidate facts, none of which can take part in a clash that no priority resolves"
               if not groups else f"{len(cands)} candidate facts; {len(groups)} set(s) of facts that could bring two "
               "rules into a clash, none of which does")
        return SearchResult(Finding("info", "B300", f"no unresolved conflict in any scenario within the bound "
                                    f"({bound_words}; {why}; {seconds:.2f} s). Nothing is claimed beyond this "
                                    "bound.", detail={"bound": depth, "seconds": seconds}),
                            seconds, depth, n_actors, len(cands))
    atoms = best[0]
    picks = sorted((a.arguments[1].number, cands[a.arguments[0].arguments[0].number])
                   for a in atoms if a.name == "pick")
    conflict = next(a for a in atoms if a.name == "conflict")
    kind, *where = conflict.arguments          # conflict(M,X,A,O,Y,T1,T2,R1,I1,R2,I2)
    rules = [program.rules[str(where[6])], program.rules[str(where[8])]]
    core = _core(program, where[6:10])
    witness = _witness(charters, actors, orgs, picks)
    x, act, obj, tgt = (where[0].string, where[1].string,
                        None if where[2].type != clingo.SymbolType.String else where[2].string,
                        None if where[3].type != clingo.SymbolType.String else where[3].string)
    positions = tuple((r.rule.span, f"article {r.article.num} ({r.charter.id})") for r in core)
    via = next((a.arguments[6].string for a in atoms if a.name == "clash_via"
                and a.arguments[4:6] == where[8:10]), None)
    doing = f"{act}" + (f" {obj}" if obj else "") + (f" against {tgt}" if tgt else "")
    first = "permitted" if kind.name == "perm" else "obliged"
    what = (f"{first} by article {rules[0].article.num} and forbidden by article {rules[1].article.num} to {doing}"
            if via is None else f"obliged by article {rules[0].article.num} to {doing} and by article "
            f"{rules[1].article.num} to {via}, which cannot both be done")
    msg = (f"a conflict is possible: {x} {what}"
           + f", with no priority to resolve it; minimal witness: {len(picks)} fact(s) "
           f"(searched {bound_words}; {seconds:.2f} s)")
    return SearchResult(Finding("error", "B301", msg, positions, tuple((r.charter.id, r.article.num) for r in core),
                                witness=witness, detail={"bound": depth, "seconds": seconds}),
                        seconds, depth, n_actors, len(cands))


def _add_candidates(program: Program, cands: list[tuple[str, tuple]], which, actors: tuple[str, ...]) -> None:
    """The candidate facts numbered `which`, as facts the solver may pick."""
    writer = FactWriter(program)
    for k in which:
        kind, args = cands[k]
        fid = f"s({k})"
        program.facts.append(f"cand({fid}).")
        writer.places(fid, kind, list(args))


def _witness_sets(ctl: clingo.Control, cands: list[tuple[str, tuple]],
                  actors: tuple[str, ...]) -> list[tuple[frozenset[int], frozenset[int]]]:
    """For each clashable pair of rule instances (brave over the readings):
    the numbers of the candidate facts it needs (those beneath the facts
    "counts as" rules derive included), and of the rider facts that could stop
    a rule that would resolve it (a rule whose own facts are all among the
    needed ones). A set that differs from another only in the names of the
    hypothetical states is left out. Smallest first."""
    def facts_of(term, out: set[int]) -> set[int]:
        if term.type == clingo.SymbolType.Function:
            if term.name == "s":
                out.add(term.arguments[0].number)
            for arg in term.arguments:
                facts_of(arg, out)
        return out

    pairs, resolvers = [], []
    for atom in consequences(ctl, "brave", []):
        if atom.name == "clashable":
            pairs.append((str(atom.arguments[0]), str(atom.arguments[2]),
                          frozenset(facts_of(atom.arguments[1], set()) | facts_of(atom.arguments[3], set()))))
        elif atom.name == "resolver":
            resolvers.append((str(atom.arguments[0]), frozenset(facts_of(atom.arguments[2], set())),
                              frozenset(facts_of(atom.arguments[3], set()))))
    seen: set[tuple] = set()
    out = []
    for r1, r2, needed in pairs:
        extra = frozenset().union(*(f for r, own, f in resolvers if r in (r1, r2) and own <= needed)) - needed
        shape = _shape(needed, extra, cands, actors)
        if shape not in seen:
            seen.add(shape)
            out.append((needed, extra))
    return sorted(out, key=lambda p: (len(p[0]), len(p[1]), sorted(p[0])))


def _shape(needed: frozenset[int], extra: frozenset[int], cands: list[tuple[str, tuple]],
           actors: tuple[str, ...]) -> tuple:
    """The facts with the hypothetical states renamed in order of appearance."""
    names: dict[str, str] = {}
    out = []
    for group in (needed, extra):
        # a candidate's places may be None (an act without an object): sort them as ''
        rows = sorted((cands[k] for k in group),
                      key=lambda c: (c[0], tuple("" if a is None else str(a) for a in c[1])))
        for kind, args in rows:
            out.append((group is extra, kind, tuple(names.setdefault(a, f"#{len(names)}") if a in actors else a
                                                    for a in args)))
    return tuple(out)


def _solve_within(ctl: clingo.Control, on_model, seconds: float | None) -> clingo.SolveResult | None:
    """Solve; with a time limit, None if the solver had not finished by then."""
    if seconds is None:
        return ctl.solve(on_model=on_model)
    with ctl.solve(on_model=on_model, async_=True) as handle:
        if not handle.wait(max(seconds, 0.0)):
            handle.cancel()
            return None
        return handle.get()


def _core(program: Program, rules) -> list:
    """The rules that jointly produce the clash: the obliging and forbidding
    norms and the "counts as" rules beneath them (each is needed: without it
    the instance that clashes has no ground)."""
    out = []

    def walk(rule_sym, inst):
        info = program.rules[str(rule_sym)]
        if info not in out:
            out.append(info)
        while inst.name == "c":
            f, inst = inst.arguments
            if f.name == "d":
                walk(f.arguments[0], f.arguments[1])

    walk(rules[0], rules[1])
    walk(rules[2], rules[3])
    return out


def _witness(charters, actors, orgs, picks) -> str:
    preps = _preps(charters)
    lines = [f'scenario witness "a conflict found by pyrule check" uses {", ".join(c.id for c in charters)}.', ""]
    for a in actors:
        lines.append(f'state {a} "hypothetical state {a}"' + (f" member of {', '.join(orgs)} from "
                                                               f"{MEMBERS_SINCE.isoformat()}" if orgs else "") + ".")
    lines.append("")
    for d, (kind, args) in picks:
        fact = A.Fact(kind, tuple(None if v is None else A.Const(v) for v in args), prep=preps.get(kind))
        lines.append(f"on {dt.date.fromordinal(d).isoformat()}: {describe_fact(fact)}.")
    return "\n".join(lines) + "\n"
