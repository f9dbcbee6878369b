"""Compilation: a checked bundle to ASP.

Takes charters and a scenario that `pyrule.check` has passed (a `Bundle`);
gives a `Program`:

- facts, as text, one per line, every name a quoted string (`quote`: the
  only characters clingo's string syntax gives a meaning to, backslash,
  double quote and newline, are escaped), so that no name can become code.
  A fact's places go in the predicate of its kind, `f_attack(F,A,V,R)`; where
  a rule reads one action of a kind, also in that action's own predicate,
  `f_decision__apply(F,O,X,Obj,T)` (the action's place left out), so that
  gringo looks each condition up among the facts of its action only;
- rules, as clingo AST built node by node (`pyrule.asp`), never parsed from
  text: for each rule of a charter one rule that joins its conditions over
  those predicates and says which facts an instance rests on (`inst/6` for a
  norm, `derives/2` and the derived fact for a "counts as" rule), with one
  more for each rider and exception where they need the rule's bindings;
- the tables that map the ids in them back to the source: rules to their
  articles and spans, facts to their dated events.

Joins follow each rule's own variables; gringo orders them. What the
generated rules mean -- time, riders, bearers, derived facts, defeat and
priority, conflicts, violations -- is written once, in `rules/*.lp`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from clingo import ast
from clingo.symbol import Function, Number, String

from . import ast as A
from .asp import Builder
from .gcpause import collector_paused
from .library import Bundle, Roster

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

    @property
    def conditions(self) -> tuple[A.Fact, ...]:
        """The conditions, in the order an instance lists its facts (as written)."""
        return (self.rule.condition,) if isinstance(self.rule, A.CountsAs) else self.rule.conditions


@dataclass(frozen=True, eq=False)
class FactInfo:
    id: str
    fact: A.Fact
    event: A.Event
    start: dt.date


@dataclass
class Program:
    facts: list[str] = field(default_factory=list)
    generated: list[tuple[str, list[ast.AST]]] = field(default_factory=list)   # (comment, rules) per charter rule
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    fluents: dict[str, FactInfo] = field(default_factory=dict)
    switches: dict[str, A.Switch] = field(default_factory=dict)
    roster: Roster = field(default_factory=lambda: Roster({}, {}))
    roles: dict[str, str] = field(default_factory=dict)        # role -> organisation
    actions: dict[str, A.Action] = field(default_factory=dict)
    measures: dict[str, A.Measure] = field(default_factory=dict)
    organs: dict[str, A.Organ] = field(default_factory=dict)
    votes: dict[str, tuple[A.Event, A.Vote]] = field(default_factory=dict)
    reads: "Reads" = field(default_factory=lambda: Reads())
    cached_rules: str | None = None     # the generated rules as text, for a program read from the cache

    @property
    def states(self) -> dict[str, str]:
        return self.roster.names

    @property
    def members(self) -> dict[str, list[tuple[str, int, int]]]:
        return self.roster.spans

    @property
    def non_states(self) -> set[str]:
        """The actors a scenario names that are no state (group:NORTHERN-FRONT)."""
        return {code for code in self.roster.names if ":" in code and code.split(":")[0] in A.NON_STATE_KINDS}

    def text(self) -> str:
        """The facts, as clingo reads them."""
        return "\n".join(self.facts) + "\n"

    def rules_text(self) -> str:
        """The generated rules as text, each under a comment naming its article."""
        if self.cached_rules is not None:
            return self.cached_rules
        out = []
        for comment, stms in self.generated:
            out.append(f"% {comment}")
            out.extend(map(str, stms))
        return "\n".join(out) + "\n"

    def statements(self) -> list[ast.AST]:
        return [s for _, stms in self.generated for s in stms]

    def for_cache(self) -> "Program":
        """The same program with its generated rules as text (clingo's AST
        cannot be pickled; clingo prints it exactly)."""
        return dataclasses.replace(self, generated=[], cached_rules=self.rules_text())


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


class _Emitter:
    def __init__(self, program: Program) -> None:
        self.p = program

    def fact(self, name: str, *args: Term | int | str) -> None:
        self.p.facts.append(fn(name, *args) + ".")


# ------------------------------------------------------------------ the facts' predicates

# A kind's action place: a rule that names the action reads the facts of that
# action only, from their own predicate.
_SPLIT = {kind: places.index("action") for kind, places in A.FACT_PLACES.items() if "action" in places}
_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
# kinds final.lp reads by their own predicate
_ALWAYS_READ = frozenset({"act", "omission"})


def kind_predicate(kind: str) -> str:
    return f"f_{kind}"


def action_predicate(kind: str, action: str) -> str:
    """`f_decision__apply`: a kind's facts of one action (names are checked
    lower-case words with hyphens, so the mapping is one to one)."""
    assert _NAME.fullmatch(action), action
    return f"f_{kind}__{action.replace('-', '_')}"


@dataclass
class Reads:
    """Which predicates the generated rules read: a kind's own, or one
    action's of a kind. The scenario's facts are written to those."""

    kinds: set[str] = field(default_factory=lambda: set(_ALWAYS_READ))
    actions: dict[str, set[str]] = field(default_factory=dict)      # kind -> actions read by name

    def split_at(self, fact: A.Fact) -> int | None:
        """The place of `fact` whose action selects its predicate, if a rule
        names that action (None: the kind's own predicate)."""
        j = _SPLIT.get(fact.kind)
        if j is None:
            return None
        a = fact.args[j]
        if isinstance(a, A.Const) and _NAME.fullmatch(a.value):
            return j
        return None


def _role_table(fact: A.Fact, j: int, arg, roles: dict[str, str]):
    """In a `V is a party` condition the role stands for its membership table."""
    if fact.kind == "membership" and j == 1 and isinstance(arg, A.Const):
        return A.Const(roles.get(arg.value, arg.value), arg.span)
    return arg


# ------------------------------------------------------------------ charters


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


class _RuleWriter:
    """Writes the generated rules of one charter rule with a `Builder`."""

    def __init__(self, b: Builder, program: Program) -> None:
        self.b = b
        self.p = program

    def literal(self, fact: A.Fact, fid: ast.AST, bound: set[str] | None = None,
                fixed: dict[str, str] | None = None) -> ast.AST:
        """The condition `fact` as a body literal about the fact `fid`. In a
        rider (`bound` given), a variable the conditions do not bind matches
        anything; `fixed` replaces variables by names."""
        b = self.b
        args = [_role_table(fact, j, a, self.p.roles) for j, a in enumerate(fact.args)]
        if fixed:
            args = [A.Const(fixed[a.name], a.span) if isinstance(a, A.Var) and a.name in fixed else a for a in args]
            fact = dataclasses.replace(fact, args=tuple(args))
        # a place left out matches anything, unless the form leaves it empty on purpose
        terms = [(b.const_none if (fact.kind, k) in A.ABSENT_PLACES else b.wild) if a is None else b.term(a, bound)
                 for k, a in enumerate(args)]
        j = self.p.reads.split_at(fact)
        if j is None:
            self.p.reads.kinds.add(fact.kind)
            return b.atom(kind_predicate(fact.kind), fid, *terms)
        action = args[j].value  # type: ignore[union-attr]
        self.p.reads.actions.setdefault(fact.kind, set()).add(action)
        return b.atom(action_predicate(fact.kind, action), fid, *(t for k, t in enumerate(terms) if k != j))

    def conditions(self, fact: A.Fact, fid: str, bound: set[str] | None = None,
                   fixed: dict[str, str] | None = None) -> list[ast.AST]:
        """The condition as body literals about the fact named `fid`: its
        places, and the chapter the condition asks of a clause (`under
        chapter 7`: recorded under it; `outside chapter 7`: recorded under
        another)."""
        b = self.b
        out = [self.literal(fact, b.var(fid), bound, fixed)]
        tag = fact.chapter
        if tag is not None:
            if tag.mode == "under":
                out.append(b.atom("chapter_of", b.var(fid), b.number(tag.chapter)))
            else:
                ch = b.var(f"Ch{fid}")
                out += [b.atom("chapter_of", b.var(fid), ch), b.compare(ch, "!=", b.number(tag.chapter))]
        if fact.place is not None:      # where the act happened (`in high-seas`, `in the waters of X`)
            out.append(b.atom("place_of", b.var(fid), self.place(fact.place, bound, fixed)))
        return out

    def place(self, place: A.Place, bound: set[str] | None, fixed: dict[str, str] | None) -> ast.AST:
        """A place as a term: a name (`"high-seas"`), or a part of a state
        (`waters("MOZ")`); variables as in the fact's places."""
        def fix(t):
            return A.Const(fixed[t.name], t.span) if fixed and isinstance(t, A.Var) and t.name in fixed else t
        if place.part is not None:
            return self.b.func(place.part, self.b.term(fix(place.state), bound))
        return self.b.term(fix(place.name), bound)

    def instance(self, n: int) -> ast.AST:
        """c(Fx1,c(Fx2,...nil)): the facts of an instance, in the order written."""
        b = self.b
        out = b.const_nil
        for k in range(n, 0, -1):
            out = b.func("c", b.var(f"Fx{k}"), out)
        return out

    def norm(self, rid: ast.AST, own: str, norm: A.Norm, loc: ast.Location) -> list[ast.AST]:
        b = self.b
        body = [lit for k, c in enumerate(norm.conditions, start=1) for lit in self.conditions(c, f"Fx{k}")]
        inst = self.instance(len(norm.conditions))
        bearer = norm.bearer
        if isinstance(bearer, A.RoleBearer):
            who = b.func("role", b.string(self.p.roles.get(bearer.role, bearer.role)))
        elif isinstance(bearer, A.OrganBearer):
            who = b.func("one", b.string(bearer.organ))
        else:
            who = b.func("one", b.term(bearer.who))
        act = norm.act
        target = b.const_any if isinstance(act.target, A.AnyState) else b.term(act.target)
        excepts = bearer.other_than if isinstance(bearer, A.RoleBearer) else ()
        riders = [g.fact for g in (*norm.unless, *norm.until)]
        if not excepts and not riders:
            return [b.rule(b.atom("inst", rid, inst, who, b.term(act.verb), b.term(act.obj), target), body, loc)]
        # the rule's own predicate keeps the bindings the riders and exceptions read
        bound = {v.name for c in norm.conditions for v in c.variables()}
        keep = sorted(used_variables(norm) & bound)
        own_atom = b.atom(own, b.var("Inst"), *(b.var(v) for v in keep))
        out = [b.rule(b.atom(own, inst, *(b.var(v) for v in keep)), body, loc),
               b.rule(b.atom("inst", rid, b.var("Inst"), who, b.term(act.verb), b.term(act.obj), target),
                      [own_atom], loc)]
        for x in excepts:
            out.append(b.rule(b.atom("except", rid, b.var("Inst"), b.term(x)), [own_atom], loc))
        for u, fact in enumerate(riders, start=1):
            out.append(b.rule(b.atom("hit", rid, b.var("Inst"), b.number(u), b.var("Fr")),
                              [own_atom, *self.conditions(fact, "Fr", bound)], loc))
        return out

    def counts_as(self, rid: ast.AST, rule: A.CountsAs, loc: ast.Location) -> list[ast.AST]:
        """The derived fact d(R,I) has the head's places; written to the
        predicate of its kind, and to the predicate of each action a rule
        reads by name (one rule each, where the head's action is a variable)."""
        b = self.b
        inst = self.instance(1)
        fid = b.func("d", rid, inst)
        out = [b.rule(b.atom("derives", rid, inst), self.conditions(rule.condition, "Fx1"), loc)]
        head = rule.head
        out.append(b.rule(b.atom(kind_predicate(head.kind), fid, *(b.term(a) for a in head.args)),
                          self.conditions(rule.condition, "Fx1"), loc))
        j = _SPLIT.get(head.kind)
        if j is None:
            return out
        action = head.args[j]
        wanted = sorted(self.p.reads.actions.get(head.kind, ()))
        choices = [action.value] if isinstance(action, A.Const) else wanted
        for name in choices:
            if name not in wanted or not _NAME.fullmatch(name):
                continue
            fixed = {action.name: name} if isinstance(action, A.Var) else {}
            args = [A.Const(fixed[a.name]) if isinstance(a, A.Var) and a.name in fixed else a for a in head.args]
            out.append(b.rule(b.atom(action_predicate(head.kind, name), fid,
                                     *(b.term(a) for k, a in enumerate(args) if k != j)),
                              self.conditions(rule.condition, "Fx1", fixed=fixed), loc))
        return out


def _rules_of(charters: tuple[A.Charter, ...]):
    """(charter, article, rule, id) for every rule, numbered per charter."""
    for ch in charters:
        n = 0
        for art in ch.articles:
            for rule in art.rules:
                n += 1
                yield ch, art, rule, n


def _reads_of(charters: tuple[A.Charter, ...], program: Program) -> None:
    """Note first which action predicates the conditions and riders read, so
    that derived facts are written to every one of them."""
    for _, _, rule, _ in _rules_of(charters):
        facts = [rule.condition] if isinstance(rule, A.CountsAs) else \
            [*rule.conditions, *(g.fact for g in (*rule.unless, *rule.until))]
        for fact in facts:
            fact = A.Fact(fact.kind, tuple(_role_table(fact, j, a, program.roles) for j, a in enumerate(fact.args)))
            j = program.reads.split_at(fact)
            if j is None:
                program.reads.kinds.add(fact.kind)
            else:
                program.reads.actions.setdefault(fact.kind, set()).add(fact.args[j].value)  # type: ignore[union-attr]


def compile_charters(charters: tuple[A.Charter, ...], program: Program) -> None:
    """Compile checked charters: facts about their organs, switches,
    actions, voting rules and priorities, and the generated rules."""
    e = _Emitter(program)
    for ch in charters:        # roles first: a rule may name another charter's role
        for role in ch.roles:
            program.roles.setdefault(role.name, role.membership)
    _reads_of(charters, program)
    if "breach" in program.reads.kinds:     # some rule reads violations (final.lp writes them as facts)
        e.fact("reads_breach")
    if "breached" in program.reads.kinds:
        e.fact("reads_breached")
    b = Builder()
    writer = _RuleWriter(b, program)
    for ch in charters:
        e.fact("charter", ch.id, day(ch.in_force))
        for sw in ch.switches:
            program.switches[sw.name] = sw
            e.fact("switch", sw.name)
            for pos in sw.positions:
                e.fact("position", sw.name, pos.name)
        for organ in ch.organs:
            program.organs.setdefault(organ.name, organ)
            if organ.seats:
                e.fact("organ_seats", organ.name, organ.seats)
        for act in ch.actions:
            program.actions.setdefault(act.name, act)
            for other in act.incompatible:
                e.fact("incompatible", act.name, other.value)
            if act.kind_of is not None:
                e.fact("kind_of", act.name, act.kind_of.value)
        for measure in ch.measures:
            program.measures.setdefault(measure.name, measure)
            for action, _ in measure.forbids:
                e.fact("measure_forbids", measure.name, action.value)
        for art in ch.articles:
            aid = fn("art", ch.id, art.num)
            for clause in art.voting:
                _compile_voting(e, program, ch, aid, clause)
            for pr in art.priorities:
                _compile_priority(e, ch, aid, pr)
    for ch, art, rule, n in _rules_of(charters):
        aid = fn("art", ch.id, art.num)
        rid = fn("r", ch.id, n)
        program.rules[str(rid)] = RuleInfo(str(rid), ch, art, rule)
        e.fact("rule", rid, aid)
        e.fact("rule_charter", rid, ch.id)
        e.fact("rule_from", rid, day(ch.in_force))
        if ch.until is not None:
            e.fact("rule_until", rid, day(ch.until))
        for g in rule.guards:
            e.fact("rguard", rid, g.switch, g.position)
        rid_term = b.symbol(Function("r", [String(ch.id), Number(n)]))
        loc = b.location(rule.span)
        # (no free text in comments: the title and the file's name stay out)
        comment = f"article {art.num} ({ch.id}), line {rule.span.line}"
        if isinstance(rule, A.CountsAs):
            e.fact("counts", rid, rule.head.kind)
            program.generated.append((comment, writer.counts_as(rid_term, rule, loc)))
            continue
        e.fact("norm", rid, fn(rule.modality))
        for excl in rule.excluding:      # kinds of its act the norm does not reach (final.lp)
            e.fact("rule_excludes", rid, excl.value)
        if rule.retroactive:             # from the day its situation arose (norms.lp)
            e.fact("retro", rid)
        for u, (kind, g) in enumerate([("unless", g) for g in rule.unless] + [("until", g) for g in rule.until],
                                      start=1):
            e.fact("rider", rid, u, fn(kind))
            if g.after is not None:     # `until N days|months after P` (norms.lp)
                e.fact("rider_after", rid, u, g.after.count, fn(g.after.unit))
            if g.guard:
                e.fact("rider_guard", rid, u, g.guard.switch, g.guard.position)
        for ref in rule.overriding:
            e.fact("overrides", rid, fn("art", ch.id, ref.num))
        for ref in rule.citing:
            e.fact("cites", rid, fn("art", ch.id, ref.num))
        program.generated.append((comment, writer.norm(rid_term, f"n{len(program.generated) + 1}", rule, loc)))


def _compile_priority(e: _Emitter, ch: A.Charter, aid: Term, pr: A.Priority) -> None:
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
        e.fact("prevails_article", aid, fn("art", ch.id, pr.loser.num), fn(f"lex_{pr.principle}"))


def _compile_voting(e: _Emitter, program: Program, ch: A.Charter, aid: Term, clause: A.VotingClause) -> None:
    if isinstance(clause, A.VotingRule):
        start = day(clause.start) if clause.start else day(ch.in_force)
        until = day(clause.until) if clause.until else INF
        quota = (fn("count", clause.quota.n) if clause.quota.kind == "count" else
                 fn("members_and_majority", clause.quota.organ or "") if clause.quota.kind == "members_and_majority"
                 else fn(clause.quota.kind))
        matters = ((fn("procedural"), fn("other")) if clause.matter == "all" else
                   (fn("article", clause.article or ""),) if clause.matter == "article" else (fn(clause.matter),))
        for matter in matters:
            e.fact("quota", clause.organ, matter, quota, start, until, aid)
            if clause.concurring:
                e.fact("concurring", clause.organ, matter, program.roles.get(clause.concurring,
                       clause.concurring), start, until, aid)
    elif isinstance(clause, A.VoteCountsAs):
        e.fact("negative_if", program.roles.get(clause.role, clause.role), fn(clause.way),
               clause.guard.switch, clause.guard.position, aid)
    elif isinstance(clause, A.DoubleVeto):
        e.fact("double_veto", clause.guard.switch, clause.guard.position, aid)
    elif isinstance(clause, A.SeatVote):
        e.fact("seat_void", clause.guard.switch, clause.guard.position, aid)
    elif isinstance(clause, A.PurposeReach):
        e.fact("purpose_bound", clause.guard.switch, clause.guard.position, aid)
    elif isinstance(clause, A.ProceduralText):
        e.fact("procedural_kind", clause.kind, aid)
    elif isinstance(clause, A.SuspensionLaw):
        e.fact("suspension_law", aid)
        for act in clause.save:
            e.fact("suspension_save", act.value)
    elif isinstance(clause, A.Precluding):
        e.fact("precludes", clause.circumstance.value, aid)
        for act in clause.save:
            e.fact("precl_save", clause.circumstance.value, act.value)
    elif isinstance(clause, A.PartyExclusion):
        scope = fn("chapter", int(clause.ref)) if clause.scope == "chapter" else fn("article", clause.ref)
        e.fact("exclusion", scope, aid)
    elif isinstance(clause, A.Proviso):
        e.fact("proviso", clause.chapter, aid)
        if clause.void:
            e.fact("proviso_void", clause.chapter, clause.void.switch, clause.void.position, aid)


# ------------------------------------------------------------------ scenarios


def _compile_vote(e: _Emitter, program: Program, ev: A.Event, vote: A.Vote) -> Term:
    did = quote(vote.symbol)
    program.votes[vote.symbol] = (ev, vote)
    e.fact("vote", did, vote.organ, day(ev.date))
    kind = (fn("chapter", vote.chapter or 0) if vote.kind == "chapter" else
            fn("article", vote.article or "") if vote.kind == "article" else fn(vote.kind))
    e.fact("vote_kind", did, kind)
    if vote.question is not None:
        e.fact("preliminary", did, quote(vote.question))
    for party in vote.parties:
        e.fact("dispute_party", did, party)
    for way, states in vote.roll:
        for st in states:
            if way == "unknown":
                e.fact("unknown_ballot", did, st.value)
            else:
                e.fact("ballot", fn("actual"), did, st.value, fn(way))
    for way, n in vote.counts:
        e.fact("tally", fn("actual"), did, fn(way), n)
    return did


class FactWriter:
    """Writes facts' places to the predicates the rules read: the kind's own
    and each named action's (see `Reads`). Names recur: each is quoted once."""

    def __init__(self, program: Program) -> None:
        self.lines = program.facts
        self.reads = program.reads
        self.quoted: dict[str | None, str] = {None: NONE}

    def q(self, v: str | None) -> str:
        got = self.quoted.get(v)
        if got is None:
            got = self.quoted[v] = quote(v)  # type: ignore[arg-type]
        return got

    def places(self, fid: str, kind: str, values: list[str | None]) -> None:
        args = [self.q(v) for v in values]
        if kind in self.reads.kinds or kind not in _SPLIT:
            self.lines.append(f"{kind_predicate(kind)}({fid},{','.join(args)}).")
        j = _SPLIT.get(kind)
        if j is not None and values[j] in self.reads.actions.get(kind, ()):
            rest = ",".join(a for k, a in enumerate(args) if k != j)
            self.lines.append(f"{action_predicate(kind, values[j])}({fid}{',' if rest else ''}{rest}).")  # type: ignore[arg-type]


def place_term(place: A.Place, q) -> str:
    """A recorded place as the text of a term: `"high-seas"`, `waters("MOZ")`
    (the part is one of `A.PLACE_PARTS`, the names quoted by `q`)."""
    if place.part is not None:
        assert place.part in A.PLACE_PARTS
        return f"{place.part}({q(place.state.value)})"  # type: ignore[union-attr]
    return q(place.name.value)  # type: ignore[union-attr]


def compile_scenario(bundle: Bundle, program: Program) -> None:
    e = _Emitter(program)
    sc = bundle.scenario
    roster = program.roster = bundle.roster()
    for code in sorted(roster.spans):
        for org, start, end in roster.spans[code]:
            e.fact("member", code, org, start, end)
    for sd in sc.seat_disputes:
        e.fact("disputed_seat", sd.code, day(sd.since), day(sd.until) if sd.until else INF)
    e.fact("horizon", INF)
    for group in A.GROUP_ADDRESSEES:
        e.fact("group", group)
    for code in sorted(program.non_states):
        e.fact("non_state", code)
    # events that end facts are rules over the facts' own predicates
    b = Builder()
    ends = [(k, ev) for k, ev in enumerate(sc.events, start=1) if ev.ends]
    for _, ev in ends:
        for fact, _ in ev.facts:
            program.reads.kinds.add(fact.kind)
    writer = FactWriter(program)
    # dated membership, as facts that conditions like `V is a party` match
    # (shown as the role the condition names: "CHE is a non-member-state")
    wanted = {_role_table(c, 1, c.args[1], program.roles).value: c.args[1].value for info in program.rules.values()
              for c in _all_facts(info.rule) if c.kind == "membership" and isinstance(c.args[1], A.Const)}
    # "X is a member of G": every dated membership, by its organisation's name
    by_name = any(c.kind == "member_of" for info in program.rules.values() for c in _all_facts(info.rule))

    def dated(mid: Term, kind: str, code: str, shown: str, org: str, start: int, end: int) -> None:
        """A membership row as a fact of `kind` from its first day to its last."""
        fact = A.Fact(kind, (A.Const(code), A.Const(shown)))
        since = date_of(start) or FOREVER
        program.fluents[str(mid)] = FactInfo(str(mid), fact, A.Event(since, ((fact, None),), None), since)
        program.facts.append(f'fact({mid},"{kind}",{start}).')
        writer.places(str(mid), kind, [code, org])
        if end < INF:
            e.fact("fl_stop", mid, end)

    for k, code in enumerate(sorted(roster.spans)):
        for i, (org, start, end) in enumerate(roster.spans[code]):
            if by_name:
                dated(fn("mo", k, i), "member_of", code, org, org, start, end)
            if org in wanted:
                dated(fn("m", k, i), "membership", code, wanted[org], org, start, end)
    n = 0
    lines = program.facts
    days: dict[dt.date, int] = {}
    for k, ev in enumerate(sc.events, start=1):
        did = None
        recorded: list[tuple[A.Fact, None]] = []
        if ev.vote is not None:
            did = _compile_vote(e, program, ev, ev.vote)
            recorded = [(f, None) for f in _recorded_facts(ev.vote)]
        for k_fact, (fact, effective) in enumerate((*recorded, *ev.facts)):
            start = effective or ev.date
            if ev.ends:
                program.generated.append((f"{ev.date.isoformat()}: an event ends facts, line {fact.span.line}",
                                          [_ending_rule(b, program, fact, day(start))]))
                continue
            n += 1
            fid = f"f({n})"
            program.fluents[fid] = FactInfo(fid, fact, ev, start)
            d = days.get(start)
            if d is None:
                d = days[start] = day(start)
            lines.append(f"fact({fid},{writer.q(fact.kind)},{d}).")
            writer.places(fid, fact.kind, [None if a is None else a.value for a in fact.args])  # type: ignore[union-attr]
            if did is not None and k_fact >= len(recorded):
                lines.append(f"clause_of({fid},{did}).")    # a clause of a voted text: a fact only if adopted
            for excl in fact.excluding:     # an authorization's exclusions (final.lp)
                lines.append(f"excludes({fid},{writer.q(excl.value)}).")
            if fact.purpose is not None:    # what an authorization is for, or what an act is for (final.lp)
                lines.append(f"{'purpose_of' if fact.kind != 'act' else 'aim_of'}({fid},{writer.q(fact.purpose.value)}).")
            if fact.plea is not None:       # the circumstance invoked for an act or omission (final.lp)
                lines.append(f"plea_of({fid},{writer.q(fact.plea.value)}).")
            if fact.chapter is not None:    # the chapter the record puts a clause under (IS-ART25-SCOPE)
                lines.append(f"chapter_of({fid},{fact.chapter.chapter}).")
            if fact.place is not None:      # where an act happened
                lines.append(f"place_of({fid},{place_term(fact.place, writer.q)}).")
            if fact.kind == "termination":
                program.reads.kinds.add("termination")
                program.generated.append((f"{ev.date.isoformat()}: a text terminates measures, line {fact.span.line}",
                                          [_termination_rule(b, n, fact)]))
            if fact.lasting is not None:        # `until DATE`, or `continuing` (until an event ends it)
                if fact.lasting != A.CONTINUING:
                    lines.append(f"fl_stop({fid},{day(fact.lasting)}).")
            elif fact.kind in A.ONE_DAY_KINDS:
                lines.append(f"fl_stop({fid},{d + 1}).")


    # a suspension for breach is on record: final.lp cuts what holds by it
    # (without one, its rules for the cut are left out when grounding)
    if any(f.kind == "suspension" for ev in sc.events if not ev.ends for f, _ in ev.facts):
        e.fact("suspending")


def _recorded_facts(vote: A.Vote) -> list[A.Fact]:
    """What a vote's record says besides the ballots, where the record
    classes the draft as a decision under a chapter in a dispute: each party
    to the dispute (the facts the Art 27(3) duty to abstain reads), and the
    parties that cast a vote, which did not abstain."""
    if vote.kind != "chapter":
        return []
    out = [A.Fact("party_vote", (A.Const(p, vote.span), A.Const(vote.organ, vote.span),
                                 A.Const(vote.symbol, vote.span), A.Const(str(vote.chapter), vote.span)), vote.span)
           for p in vote.parties]
    # a party that voted for or against did not abstain
    voted = {st.value for way, states in vote.roll if way in ("yes", "no") for st in states}
    out += [A.Fact("omission", (A.Const(p, vote.span), A.Const("abstain"), A.Const(vote.symbol, vote.span), None),
                   vote.span) for p in vote.parties if p in voted]
    return out


def _ending_rule(b: Builder, program: Program, fact: A.Fact, on: int) -> ast.AST:
    """`fl_kill(F,D)`: the event ends, on day D, every fact of the kind with
    the places it names that started by then."""
    f = b.var("F")
    args = [b.wild if a is None else b.term(a) for a in fact.args]
    body = [b.atom(kind_predicate(fact.kind), f, *args), b.atom("fact", f, b.wild, b.var("S")),
            b.compare(b.var("S"), "<=", b.number(on))]
    return b.rule(b.atom("fl_kill", f, b.number(on)), body, b.location(fact.span))


def _termination_rule(b: Builder, n: int, fact: A.Fact) -> ast.AST:
    """`fl_kill(F,D)`: measures of the organ, against the target, that began
    by day D end on D, the day the terminating clause f(n) holds from (the
    day its text is adopted, if it is)."""
    f, d = b.var("F"), b.var("D")
    organ, measure, target = fact.args
    body = [b.atom("starts", b.func("f", b.number(n)), d),
            b.atom(kind_predicate("measures"), f, b.term(organ), b.term(measure), b.term(target), b.wild),
            b.atom("fact", f, b.wild, b.var("S")), b.compare(b.var("S"), "<=", d)]
    return b.rule(b.atom("fl_kill", f, d), body, b.location(fact.span))


def _all_facts(rule: A.Norm | A.CountsAs) -> list[A.Fact]:
    if isinstance(rule, A.CountsAs):
        return [rule.condition]
    return [*rule.conditions, *(g.fact for g in (*rule.unless, *rule.until))]


def compile_bundle(bundle: Bundle) -> Program:
    """Compile a checked bundle (see `pyrule.check.check_bundle`)."""
    with collector_paused():
        program = Program()
        compile_charters(bundle.charters, program)
        compile_scenario(bundle, program)
        return program
