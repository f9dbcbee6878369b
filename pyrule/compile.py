"""Compilation: checked charters and a scenario to ASP facts.

Takes the charters, the scenario and its membership rows (a `Bundle`); gives
a `Program`: the text of the facts (one fact family per construct, each rule
tagged with its article) and the tables that map the ids in those facts back
to the source (rules to articles and spans, facts to dated events). The
meaning of the facts is in `rules/*.lp`; this module decides only how to
index them: which constant place finds a condition's candidates, on which
shared variable two conditions join, and in which layer each rule runs.

Every user-written name reaches clingo as a quoted string (`quote`: the
only characters clingo's string syntax gives a meaning to, backslash, double
quote and newline, are escaped), so no name can inject code. The facts are
written as text, not built as clingo symbols: one text block handed to clingo
is the fastest way in.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from . import ast as A
from .check import Names, check_charter, check_roll_call, check_scenario
from .errors import CheckProblem, LoadProblem, Related
from .gcpause import collector_paused
from .library import Bundle

FOREVER = dt.date(9999, 12, 31)
INF = FOREVER.toordinal()


def day(d: dt.date) -> int:
    return d.toordinal()


def date_of(n: int) -> dt.date | None:
    return None if n >= INF else dt.date.fromordinal(n)


@dataclass(frozen=True, eq=False)
class RuleInfo:
    id: str
    charter: A.Charter
    article: A.Article
    rule: A.Norm | A.CountsAs
    layer: int
    conditions: tuple[A.Fact, ...] = ()     # in the order an instance lists its facts (the join order)


@dataclass(frozen=True, eq=False)
class FactInfo:
    id: str
    fact: A.Fact
    event: A.Event
    start: dt.date


@dataclass
class Program:
    facts: list[str] = field(default_factory=list)
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    fluents: dict[str, FactInfo] = field(default_factory=dict)
    switches: dict[str, A.Switch] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)        # role -> organisation
    members: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    actions: dict[str, A.Action] = field(default_factory=dict)
    organs: dict[str, A.Organ] = field(default_factory=dict)
    votes: dict[str, tuple[A.Event, A.Vote]] = field(default_factory=dict)
    top: int = 1

    def text(self) -> str:
        return "\n".join(self.facts) + "\n"


class Term(str):
    """ASP term text made by this module from quoted strings, numbers and
    its own fixed identifiers; never raw user text."""


def quote(value: str) -> Term:
    return Term('"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"')


def _arg(a: "Term | int | str") -> str:
    if isinstance(a, Term):
        return a
    if isinstance(a, int):
        return str(a)
    return quote(a)


def fn(name: str, *args: "Term | int | str") -> Term:
    """`name(args)`; name is one of this module's identifiers."""
    return Term(f"{name}({','.join(map(_arg, args))})" if args else name)


NONE, ANY = Term("none"), Term("any")


def _spec(term: A.Term | A.AnyState | None) -> Term:
    if term is None:
        return NONE
    if isinstance(term, A.AnyState):
        return ANY
    if isinstance(term, A.Var):
        return fn("var", term.name)
    return fn("val", term.value)


def _value(term: A.Term | None) -> Term:
    return NONE if term is None else quote(term.value)  # type: ignore[union-attr]


class _Emitter:
    def __init__(self, program: Program) -> None:
        self.p = program

    def fact(self, name: str, *args: Term | int | str) -> None:
        self.p.facts.append(fn(name, *args) + ".")


# ------------------------------------------------------------------ charters


@dataclass
class Stats:
    """How many facts of each kind, and with each value in each place, the
    scenario has: the compiler's estimate of how selective a condition is.
    Kinds that "counts as" rules derive are guessed from what they derive from."""

    kinds: Counter = field(default_factory=Counter)          # kind -> facts
    values: Counter = field(default_factory=Counter)         # (kind, place, value) -> facts
    squares: Counter = field(default_factory=Counter)        # (kind, place) -> sum of the squared counts

    def add(self, kind: str, values: tuple[str | None, ...]) -> None:
        self.kinds[kind] += 1
        for j, v in enumerate(values, start=1):
            if v is not None:
                n = self.values[(kind, j, v)]
                self.squares[(kind, j)] += 2 * n + 1
                self.values[(kind, j, v)] = n + 1

    def size(self, kind: str) -> float:
        return self.kinds[kind] + 1.0

    def share(self, kind: str, j: int, value: str | None) -> float:
        """The share of the facts of a kind that have `value` in place j.
        None: a value known only when matching (the value of another fact's
        place), so the chance that two facts agree there: the sum of the
        squared shares, which a few frequent values dominate."""
        squares = self.squares[(kind, j)]
        if not squares:                     # nothing known about the place: a constant narrows
            return 0.5 if value is not None else 1.0     # more than a shared variable, as a rule
        if value is None:
            return squares / self.size(kind) ** 2
        return (self.values[(kind, j, value)] + 1.0) / self.size(kind)


# A known place of a condition or rider: (selectivity, place, what is known),
# where what is known is ("v", value), ("a", C0, P0) (the value of place P0 of
# the C0-th condition's fact) or ("x", variable) (in riders: a bound variable).
Known = tuple[float, int, tuple]


def _emit_key(e: _Emitter, rid: Term, c: int, known: list[Known], rider: bool) -> None:
    """Look facts up through the one or two most selective known places
    (constants first, as layer.lp reads them); check the others after."""
    key = sorted(sorted(known, key=lambda k: (k[0], k[1]))[:2], key=lambda k: (k[2][0] != "v", k[1]))
    pre = "n" if rider else ""
    if len(key) == 2:
        (_, j1, s1), (_, j2, s2) = key
        e.fact(f"{pre}k{s1[0]}{s2[0]}", rid, c, j1, *s1[1:], j2, *s2[1:])
    elif key:
        e.fact(f"{pre}k{key[0][2][0]}", rid, c, key[0][1], *key[0][2][1:])
    else:
        e.fact(f"{pre}k0", rid, c)
    for k in known:
        if k not in key:
            e.fact(f"{pre}ck{k[2][0]}", rid, c, k[1], *k[2][1:])


def _layers(charters: tuple[A.Charter, ...]) -> tuple[dict[int, int], int]:
    """Layer of each "counts as" rule (by id()) so that every rule reads only
    facts made in lower layers; norms run in the top layer."""
    counts = [(ch, art, r) for ch in charters for art in ch.articles for r in art.rules
              if isinstance(r, A.CountsAs)]
    kind_layer: dict[str, int] = {}
    rule_layer: dict[int, int] = {}
    for _ in range(len(counts) + 1):
        changed = False
        for ch, art, r in counts:
            lay = 1 + kind_layer.get(r.condition.kind, 0)
            if rule_layer.get(id(r)) != lay:
                rule_layer[id(r)] = lay
                changed = True
            if kind_layer.get(r.head.kind, 0) < lay:
                kind_layer[r.head.kind] = lay
                changed = True
        if not changed:
            break
    else:
        ch, art, r = counts[0]
        raise CheckProblem("'counts as' rules derive each other in a cycle", r.span,
                           related=tuple(Related(x[2].span, "part of the cycle") for x in counts[1:]))
    return rule_layer, max(kind_layer.values(), default=0) + 1


def _role_table(fact: A.Fact, j: int, arg, program: Program):
    """In a `V is a party` condition the role stands for its membership table."""
    if fact.kind == "membership" and j == 2 and isinstance(arg, A.Const):
        return A.Const(program.roles.get(arg.value, arg.value), arg.span)
    return arg


def _known(cond: A.Fact, program: Program, stats: Stats, bound: dict[str, tuple]) -> list[Known]:
    """The places of a condition whose value is known before matching it: its
    constants and the variables bound earlier, each with its selectivity."""
    out = []
    for j, arg in enumerate(cond.args, start=1):
        arg = _role_table(cond, j, arg, program)
        if isinstance(arg, A.Const):
            out.append((stats.share(cond.kind, j, arg.value), j, ("v", arg.value)))
        elif isinstance(arg, A.Var) and arg.name in bound:
            out.append((stats.share(cond.kind, j, None), j, bound[arg.name]))
    return out


def _estimate(cond: A.Fact, program: Program, stats: Stats, bound: dict[str, Term]) -> float:
    known = _known(cond, program, stats, bound)
    est = stats.size(cond.kind)
    for share, _, _ in sorted(known)[:2]:
        est *= share
    return est


def _order(conds: tuple[A.Fact, ...], program: Program, stats: Stats) -> list[A.Fact]:
    """Join order: the condition with the fewest expected matches first, then
    each time the cheapest one to look up that shares a variable with those
    already matched (one that shares none only when nothing else is left)."""
    left = list(conds)
    out: list[A.Fact] = []
    bound: dict[str, tuple] = {}
    while left:
        def cost(cond: A.Fact) -> tuple:
            linked = not out or any(v.name in bound for v in cond.variables())
            return (not linked, _estimate(cond, program, stats, bound), left.index(cond))
        best = min(left, key=cost)
        left.remove(best)
        out.append(best)
        for v in best.variables():
            bound.setdefault(v.name, ("a", 0, 0))
    return out


def used_variables(rule: A.Norm | A.CountsAs) -> set[str]:
    """The variables whose values are read after matching: in the head and
    in the riders (the others only join conditions)."""
    if isinstance(rule, A.CountsAs):
        terms: list = list(rule.head.args)
    else:
        b = rule.bearer
        terms = [rule.act.verb, rule.act.obj, rule.act.target,
                 *(b.other_than if isinstance(b, A.RoleBearer) else (b.who,) if isinstance(b, A.OneBearer) else ())]
        terms += [a for g in (*rule.unless, *rule.until) for a in g.fact.args]
    return {a.name for a in terms if isinstance(a, A.Var)}


def _compile_conditions(e: _Emitter, rid: Term, conds: list[A.Fact], stats: Stats, used: set[str]) -> None:
    e.fact("ncond", rid, len(conds))
    bound: dict[str, tuple] = {}          # variable -> ("a", C, J): where it is first bound
    for c, cond in enumerate(conds, start=1):
        e.fact("cond", rid, c, cond.kind)
        # constants and variables bound by earlier conditions: key or check
        _emit_key(e, rid, c, _known(cond, e.p, stats, bound), rider=False)
        # a variable new here is bound at its first place, and any other
        # place of this condition that repeats it is checked against that one
        before = set(bound)
        for j, arg in enumerate(cond.args, start=1):
            if not isinstance(arg, A.Var) or arg.name in before:
                continue
            if arg.name in bound:
                e.fact("cka", rid, c, j, *bound[arg.name][1:])
            else:
                bound[arg.name] = ("a", c, j)
                if arg.name in used:
                    e.fact("vpos", rid, arg.name, c, j)


def _compile_riders(e: _Emitter, rid: Term, norm: A.Norm, bound: set[str], stats: Stats) -> None:
    riders = [("unless", g) for g in norm.unless] + [("until", g) for g in norm.until]
    for u, (kind, g) in enumerate(riders, start=1):
        e.fact("neg", rid, u, fn(kind), g.fact.kind)
        # the rider's fact is looked up through its constants and the
        # variables the conditions bind; a variable they do not bind matches anything
        known = _known(g.fact, e.p, stats, {x: ("x", x) for x in bound})
        _emit_key(e, rid, u, known, rider=True)
        if g.guard:
            e.fact("nguard", rid, u, g.guard.switch, g.guard.position)


def _check_priorities(charters: tuple[A.Charter, ...]) -> None:
    """Two charters may not both claim to prevail over the other."""
    claims: dict[str, list[tuple[str | None, A.Priority]]] = {}
    for ch in charters:
        for art in ch.articles:
            for pr in art.priorities:
                if pr.loser is None and pr.over_this is None:
                    claims.setdefault(ch.id, []).append((None, pr))        # over every other
                elif pr.over_this is not None:
                    claims.setdefault(pr.over_this, []).append((ch.id, pr))  # over this one
    ids = [c.id for c in charters]
    for a in ids:
        for b in ids:
            if a >= b:
                continue
            ab = [pr for over, pr in claims.get(a, []) if over in (None, b)]
            ba = [pr for over, pr in claims.get(b, []) if over in (None, a)]
            if ab and ba:
                raise CheckProblem(f"charters '{a}' and '{b}' each claim to prevail over the other", ab[0].span,
                                   related=(Related(ba[0].span, f"'{b}' claims priority here"),))


def compile_charters(charters: tuple[A.Charter, ...], program: Program, names: Names,
                     stats: Stats | None = None) -> None:
    """Compile the charters; `stats` (from the scenario, if any) choose the
    join order and the lookup places of each rule's conditions."""
    _check_priorities(charters)
    e = _Emitter(program)
    rule_layer, top = _layers(charters)
    stats = stats or Stats()
    for r in sorted((r for ch in charters for art in ch.articles for r in art.rules if isinstance(r, A.CountsAs)),
                    key=lambda r: rule_layer[id(r)]):
        stats.kinds[r.head.kind] += stats.kinds[r.condition.kind]     # derived: as many as what they come from
    program.top = top
    e.fact("top", top)
    for ch in charters:        # roles first: a rule may name another charter's role
        for role in ch.roles:
            program.roles.setdefault(role.name, role.membership)
    for ch in charters:
        check_charter(ch, names)
        e.fact("charter", ch.id, day(ch.in_force))
        for sw in ch.switches:
            program.switches[sw.name] = sw
            e.fact("switch", sw.name)
            for pos in sw.positions:
                e.fact("position", sw.name, pos.name)
        for role in ch.roles:
            program.roles[role.name] = role.membership
        for organ in ch.organs:
            program.organs.setdefault(organ.name, organ)
            if organ.seats:
                e.fact("organ_seats", organ.name, organ.seats)
        for act in ch.actions:
            program.actions.setdefault(act.name, act)
            for other in act.incompatible:
                e.fact("incompatible", act.name, other.value)
        n = 0
        for art in ch.articles:
            aid = fn("art", ch.id, art.num)
            for clause in art.voting:
                _compile_voting(e, program, ch, aid, clause)
            for pr in art.priorities:
                if pr.permissions:
                    for ref in pr.permissions:
                        perm_art = fn("art", ch.id, ref.num)
                        e.fact("prevails_perm", perm_art, fn(f"lex_{pr.principle}"))
                        if pr.guard is not None:
                            e.fact("prevails_perm_guard", perm_art, pr.guard.switch, pr.guard.position)
                elif pr.over_this is not None:
                    e.fact("prevails_over", pr.over_this, ch.id, fn(f"lex_{pr.principle}"))
                elif pr.loser is None:
                    e.fact("prevails_charter", ch.id, fn(f"lex_{pr.principle}"))
                else:
                    e.fact("prevails_article", aid, fn("art", ch.id, pr.loser.num),
                           fn(f"lex_{pr.principle}"))
            for rule in art.rules:
                n += 1
                rid = fn("r", ch.id, n)
                layer = rule_layer.get(id(rule), top)
                conds = [rule.condition] if isinstance(rule, A.CountsAs) else _order(rule.conditions, program, stats)
                program.rules[str(rid)] = RuleInfo(str(rid), ch, art, rule, layer, tuple(conds))
                e.fact("rule", rid, aid)
                e.fact("rule_charter", rid, ch.id)
                e.fact("rule_layer", rid, layer)
                e.fact("rule_from", rid, day(ch.in_force))
                if isinstance(rule, A.CountsAs):
                    _compile_conditions(e, rid, conds, stats, used_variables(rule))
                    e.fact("counts", rid, rule.head.kind)
                    for g in rule.guards:
                        e.fact("rguard", rid, g.switch, g.position)
                    for j, arg in enumerate(rule.head.args, start=1):
                        e.fact("head_slot", rid, j, _spec(arg))
                    continue
                _compile_conditions(e, rid, conds, stats, used_variables(rule))
                bound = {v.name for c in conds for v in c.variables()}
                _compile_riders(e, rid, rule, bound, stats)
                for g in rule.guards:
                    e.fact("rguard", rid, g.switch, g.position)
                e.fact("norm", rid, fn(rule.modality))
                b = rule.bearer
                if isinstance(b, A.RoleBearer):
                    e.fact("head_bearer", rid, fn("role", program.roles.get(b.role, b.role)))
                    for other in b.other_than:
                        e.fact("head_except", rid, _spec(other))
                elif isinstance(b, A.OrganBearer):
                    e.fact("head_bearer", rid, fn("val", b.organ))
                else:
                    e.fact("head_bearer", rid, _spec(b.who))
                e.fact("head_act", rid, _spec(rule.act.verb))
                e.fact("head_obj", rid, _spec(rule.act.obj))
                e.fact("head_tgt", rid, _spec(rule.act.target))
                for ref in rule.overriding:
                    e.fact("overrides", rid, fn("art", ch.id, ref.num))
                for ref in rule.citing:
                    e.fact("cites", rid, fn("art", ch.id, ref.num))


def _compile_voting(e: _Emitter, program: Program, ch: A.Charter, aid: Term, clause: A.VotingClause) -> None:
    if isinstance(clause, A.VotingRule):
        start = day(clause.start) if clause.start else day(ch.in_force)
        until = day(clause.until) if clause.until else INF
        quota = fn("count", clause.quota.n) if clause.quota.kind == "count" else fn(clause.quota.kind)
        for matter in (("procedural", "other") if clause.matter == "all" else (clause.matter,)):
            e.fact("quota", clause.organ, fn(matter), quota, start, until, aid)
            if clause.concurring:
                e.fact("concurring", clause.organ, fn(matter), program.roles.get(clause.concurring,
                       clause.concurring), start, until, aid)
    elif isinstance(clause, A.VoteCountsAs):
        e.fact("negative_if", program.roles.get(clause.role, clause.role), fn(clause.way),
               clause.guard.switch, clause.guard.position, aid)
    elif isinstance(clause, A.DoubleVeto):
        e.fact("double_veto", clause.guard.switch, clause.guard.position, aid)
    elif isinstance(clause, A.SeatVote):
        e.fact("seat_void", clause.guard.switch, clause.guard.position, aid)
    elif isinstance(clause, A.Proviso):
        e.fact("proviso", clause.chapter, aid)
        if clause.void:
            e.fact("proviso_void", clause.chapter, clause.void.switch, clause.void.position, aid)


# ------------------------------------------------------------------ scenarios


def _seated(program: Program, org: str, on: dt.date) -> set[str]:
    d = day(on)
    return {code for code, spans in program.members.items() if any(o == org and s <= d < u for o, s, u in spans)}


def _compile_vote(e: _Emitter, program: Program, ev: A.Event, vote: A.Vote) -> Term:
    organ = program.organs[vote.organ]
    if organ.seats is None:
        raise CheckProblem(f"the {organ.name} has no seats to vote with", vote.span,
                           hint=f'declare them: organ {organ.name} "{organ.title}" seated from membership NAME.')
    seated = _seated(program, organ.seats, ev.date)
    if not seated:
        raise CheckProblem(f"no membership data says who sits on the {organ.name} on {ev.date.isoformat()}",
                           vote.span, hint=f'load it in the scenario: membership {organ.seats} from data "..."')
    check_roll_call(vote, ev.date, seated, organ)
    did = quote(vote.symbol)
    program.votes[vote.symbol] = (ev, vote)
    e.fact("vote", did, vote.organ, day(ev.date))
    kind = fn("chapter", vote.chapter or 0) if vote.kind == "chapter" else fn(vote.kind)
    e.fact("vote_kind", did, kind)
    for party in vote.parties:
        e.fact("dispute_party", did, party)
    for way, states in vote.roll:
        for st in states:
            if way == "unknown":
                e.fact("unknown_ballot", did, st.value)
            else:
                e.fact("ballot", fn("actual"), did, st.value, fn(way))
    for way, n in vote.counts:
        if way == "unknown":
            raise CheckProblem("unknown votes must be named, not counted", vote.span,
                               hint="write: unknown ABC, DEF")
        e.fact("tally", fn("actual"), did, fn(way), n)
    return did


PLACES = max(len(p) for p in A.FACT_PLACES.values())


def _fact_line(fid: str, kind: str, start: int, args: list[str]) -> str:
    """`fact(F,Kind,Start,P1,...,P5).`, the places a kind lacks filled with `pad`."""
    return f"fact({fid},{kind},{start},{','.join(args + ['pad'] * (PLACES - len(args)))})."


def compile_scenario(bundle: Bundle, program: Program, names: Names) -> None:
    e = _Emitter(program)
    sc = bundle.scenario
    for m in bundle.members:
        program.states.setdefault(m.code, m.name)
        end = day(m.end) if m.end else INF
        program.members.setdefault(m.code, []).append((m.organisation, day(m.start), end))
        e.fact("member", m.code, m.organisation, day(m.start), end)
    for st in sc.states:
        program.states[st.code] = st.name
        end = day(st.until) if st.until else INF
        for org in st.member_of:
            program.members.setdefault(st.code, []).append((org, day(st.since), end))  # type: ignore[arg-type]
            e.fact("member", st.code, org, day(st.since), end)  # type: ignore[arg-type]
    check_scenario(sc, names, program.states, [c.id for c in bundle.charters])
    for sd in sc.seat_disputes:
        e.fact("disputed_seat", sd.code, day(sd.since), day(sd.until) if sd.until else INF)
    e.fact("horizon", INF)
    # dated membership, as facts that conditions like `V is a party` match
    # (shown as the role the condition names: "CHE is a non-member-state")
    wanted = {_role_table(c, 2, c.args[1], program).value: c.args[1].value for info in program.rules.values()
              for c in _all_facts(info.rule) if c.kind == "membership" and isinstance(c.args[1], A.Const)}
    for k, (code, spans) in enumerate(sorted(program.members.items())):
        for i, (org, start, end) in enumerate(spans):
            if org in wanted:
                mid = fn("m", k, i)
                fact = A.Fact("membership", (A.Const(code), A.Const(wanted[org])))
                since = date_of(start) or FOREVER
                program.fluents[str(mid)] = FactInfo(str(mid), fact, A.Event(since, ((fact, None),), None), since)
                program.facts.append(_fact_line(mid, quote("membership"), start, [quote(code), quote(org)]))
                if end < INF:
                    e.fact("fl_stop", mid, end)
    n = 0
    lines = program.facts
    quoted: dict[str | None, str] = {None: NONE}      # the same names recur: quote each once
    days: dict[dt.date, int] = {}
    for k, ev in enumerate(sc.events, start=1):
        evid = fn("ev", k)
        did = None
        if ev.vote is not None:
            if ev.vote.symbol in program.votes:
                raise CheckProblem(f"there is already a vote on '{ev.vote.symbol}'", ev.vote.span,
                                   related=(Related(program.votes[ev.vote.symbol][1].span, "the first vote"),))
            did = _compile_vote(e, program, ev, ev.vote)
        for fact, effective in ev.facts:
            start = effective or ev.date
            if ev.ends:
                e.fact("ends", evid, fact.kind, day(start))
                for j, arg in enumerate(fact.args, start=1):
                    if arg is not None:
                        e.fact("eslot", evid, j, _value(arg))
                continue
            n += 1
            fid = f"f({n})"
            program.fluents[fid] = FactInfo(fid, fact, ev, start)
            d = days.get(start)
            if d is None:
                d = days[start] = day(start)
            args = []
            for arg in fact.args:
                v = None if arg is None else arg.value  # type: ignore[union-attr]
                q = quoted.get(v)
                if q is None:
                    q = quoted[v] = quote(v)  # type: ignore[arg-type]
                args.append(q)
            if did is None:     # one atom per fact: the cheapest for clingo to read
                lines.append(_fact_line(fid, quote(fact.kind), d, args))
            else:   # a clause of a voted text: a fact only if the text is adopted
                e.fact("pending", Term(fid), fact.kind, did)
                lines.append(f"fl_start({fid},{d}).")
                lines.extend(f"aarg({fid},{j},{q})." for j, q in enumerate(args, start=1))
            if fact.kind in ("act", "omission"):
                lines.append(f"fl_stop({fid},{d + 1}).")


def _all_facts(rule: A.Norm | A.CountsAs) -> list[A.Fact]:
    if isinstance(rule, A.CountsAs):
        return [rule.condition]
    return [*rule.conditions, *(g.fact for g in (*rule.unless, *rule.until))]


def compile_bundle(bundle: Bundle) -> Program:
    """Check and compile everything a scenario needs."""
    with collector_paused():
        return _compile_bundle(bundle)


def _compile_bundle(bundle: Bundle) -> Program:
    program = Program()
    ids = [c.id for c in bundle.charters]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise LoadProblem(f"charter '{dup.pop()}' is loaded twice")
    names = Names(bundle.charters)
    compile_charters(bundle.charters, program, names, scenario_stats(bundle))
    compile_scenario(bundle, program, names)
    return program


def scenario_stats(bundle: Bundle) -> Stats:
    stats = Stats()
    for m in bundle.members:
        stats.add("membership", (m.code, m.organisation))
    for st in bundle.scenario.states:
        for org in st.member_of:
            stats.add("membership", (st.code, org))
    for ev in bundle.scenario.events:
        if not ev.ends:
            for fact, _ in ev.facts:
                stats.add(fact.kind, tuple(getattr(a, "value", None) for a in fact.args))
    return stats
