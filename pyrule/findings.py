"""Static findings about charters: what `pyrule check` warns of without solving.

Takes charters; gives `Finding`s (the type `pyrule.consistency` also uses for
the conflicts it finds by solving), each with a severity, a code, a message,
every related source position and the articles involved. Codes S1xx: a
condition about a case nothing produces, cycles among priorities, priorities
and overrides between articles that never meet, switches no rule uses, a
condition that makes a norm apply once per member, permissions declared to
prevail in an article that grants none, incompatibilities of which one side
no rule speaks, conditions that multiply (S110: three or more groups of
conditions sharing no variable). Also `switch_uses`: the articles each switch turns on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import ast as A
from .compile import used_variables
from .words import describe_fact


@dataclass(frozen=True)
class Finding:
    severity: str                      # "error" | "warning" | "info"
    code: str
    message: str
    positions: tuple[tuple[A.Span, str], ...] = ()
    articles: tuple[tuple[str, str], ...] = ()
    principle: str | None = None
    witness: str | None = None         # a scenario, for a conflict found by search
    detail: dict = field(default_factory=dict)


def norms(charters):
    for ch in charters:
        for art in ch.articles:
            for rule in art.rules:
                yield ch, art, rule


def switch_uses(charters: tuple[A.Charter, ...]) -> dict[str, list[tuple[str, str]]]:
    """For each interpretation switch, the articles (charter id, number) whose
    rules, riders, priorities or voting clauses turn on it, in file order."""
    uses: dict[str, list[tuple[str, str]]] = {}
    for ch in charters:
        for art in ch.articles:
            guards: list[A.SwitchCond] = []
            for rule in art.rules:
                guards += rule.guards
                if isinstance(rule, A.Norm):
                    guards += [g.guard for g in (*rule.unless, *rule.until) if g.guard]
            for v in art.voting:
                g = getattr(v, "guard", None) or getattr(v, "void", None)
                if g is not None:
                    guards.append(g)
            guards += [pr.guard for pr in art.priorities if pr.guard is not None]
            for g in guards:
                where = uses.setdefault(g.switch, [])
                if (ch.id, art.num) not in where:
                    where.append((ch.id, art.num))
    return uses


# ------------------------------------------------------------------ static


def static_findings(charters: tuple[A.Charter, ...]) -> list[Finding]:
    out: list[Finding] = []
    produced_cases = {r.head.args[0].value for _, _, r in norms(charters)
                      if isinstance(r, A.CountsAs) and r.head.kind == "case" and isinstance(r.head.args[0], A.Const)}
    # S101/S102: a condition or rider about a named case that no rule produces
    for ch, art, rule in norms(charters):
        facts = [(c, "condition") for c in (rule.conditions if isinstance(rule, A.Norm) else (rule.condition,))]
        if isinstance(rule, A.Norm):
            facts += [(g.fact, "exception") for g in (*rule.unless, *rule.until)]
        for fact, role in facts:
            if fact.kind == "case" and isinstance(fact.args[0], A.Const) and fact.args[0].value not in produced_cases:
                code, sev = ("S101", "warning") if role == "condition" else ("S102", "warning")
                what = "can never apply" if role == "condition" else "is an exception that can never operate"
                out.append(Finding(sev, code, f"article {art.num} ({ch.id}) {what}: nothing produces "
                                   f"'case {fact.args[0].value}'", ((fact.span, "this condition"),),
                                   ((ch.id, art.num),)))
    # S103: cycles among article priorities; S104: priorities between articles that never meet;
    # S106: an override of an article with nothing to override
    edges: dict[tuple[str, str], list[tuple[tuple[str, str], A.Span]]] = {}
    for ch in charters:
        for art in ch.articles:
            for pr in art.priorities:
                if pr.loser is not None and pr.winner is not None:
                    edges.setdefault((ch.id, art.num), []).append(((ch.id, pr.loser.num), pr.span))
            for rule in art.rules:
                if isinstance(rule, A.Norm):
                    for ref in rule.overriding:
                        edges.setdefault((ch.id, art.num), [])
                        target = next((a for a in ch.articles if a.num == ref.num), None)
                        kinds = {ac.name: ac.kind_of.value for ac in ch.actions if ac.kind_of is not None}
                        measured = {act.value for me in ch.measures for act, _ in me.forbids}
                        if target is not None and not _meet(rule, target, kinds, measured):
                            out.append(Finding("warning", "S106", f"article {art.num} overrides article {ref.num}, "
                                               "but no rule of that article says the opposite about the same act",
                                               ((ref.span, "the override"), (target.span, "the article overridden")),
                                               ((ch.id, art.num), (ch.id, ref.num))))
    for start in list(edges):
        path = _cycle(edges, start)
        if path and path[0] == min(path):
            out.append(Finding("error", "S103", "priority declarations form a cycle: " +
                               " > ".join(f"article {n}" for _, n in path + [path[0]]),
                               tuple((sp, "declared here") for a in path for _, sp in edges.get(a, [])),
                               tuple(path)))
    for ch in charters:
        for art in ch.articles:
            for pr in art.priorities:
                if pr.loser is None:
                    continue
                loser = next((a for a in ch.articles if a.num == pr.loser.num), None)
                kinds = {ac.name: ac.kind_of.value for ac in ch.actions if ac.kind_of is not None}
                if loser is not None and not any(_meet(r, loser, kinds) for r in art.rules if isinstance(r, A.Norm)):
                    out.append(Finding("warning", "S104", f"article {art.num} is given priority over article "
                                       f"{pr.loser.num}, but their rules never speak to the same act",
                                       ((pr.span, "the priority"), (loser.span, "the other article")),
                                       ((ch.id, art.num), (ch.id, pr.loser.num))))
    # S105: switches declared but never used
    used = switch_uses(charters)
    for ch in charters:
        for sw in ch.switches:
            if sw.name not in used:
                out.append(Finding("warning", "S105", f"interpretation {sw.name} is declared but no rule uses it",
                                   ((sw.span, "declared here"),), ()))
    # S107: a membership condition whose state nothing else in the norm reads
    for ch, art, rule in norms(charters):
        if not isinstance(rule, A.Norm):
            continue
        read = used_variables(rule)
        joins = Counter(v.name for cond in rule.conditions for v in cond.variables())
        for cond in rule.conditions:
            if cond.kind != "membership":
                continue
            role = cond.args[1].value if isinstance(cond.args[1], A.Const) else "member"
            for v in cond.variables():
                if joins[v.name] == 1 and v.name not in read:
                    out.append(Finding("warning", "S107", f"article {art.num} ({ch.id}): '{v.name} is a {role}' "
                                       f"binds {v.name}, which nothing else in the norm reads, so the norm applies "
                                       f"once for each state that is a {role} (193 times for the UN's members) and "
                                       f"repeats the same conclusion each time; drop the condition or use {v.name}",
                                       ((cond.span, "this condition"),), ((ch.id, art.num),)))
    # S110: conditions that fall into three or more groups sharing no variable:
    # the rule applies once for each combination of their matches
    for ch, art, rule in norms(charters):
        if not isinstance(rule, A.Norm):
            continue
        groups = independent_conditions(rule.conditions)
        if len(groups) >= MULTIPLYING_GROUPS:
            words = " x ".join("(" + " and ".join(f"'{describe_fact(c)}'" for c in g) + ")" for g in groups)
            out.append(Finding("warning", "S110", f"article {art.num} ({ch.id}): its conditions fall into "
                               f"{len(groups)} groups that share no variable, {words}, so the rule applies once "
                               f"for each combination of their matches (n^{len(groups)} instances for n facts "
                               "of each: 40 disputes give 2,560,000 for four); join them on a shared state",
                               tuple((g[0].span, "shares no variable with the other groups") for g in groups),
                               ((ch.id, art.num),)))
    # S108: permissions declared to prevail in an article that grants none
    for ch in charters:
        for art in ch.articles:
            for pr in art.priorities:
                for ref in pr.permissions:
                    target = next((a for a in ch.articles if a.num == ref.num), None)
                    if target is not None and not any(isinstance(r, A.Norm) and r.modality == "perm"
                                                      for r in target.rules):
                        out.append(Finding("warning", "S108", f"the permissions of article {ref.num} ({ch.id}) are "
                                           "declared to prevail, but that article grants none",
                                           ((ref.span, "the declaration"), (target.span, "the article")),
                                           ((ch.id, art.num), (ch.id, ref.num))))
    # S109: an incompatibility of which one side no rule speaks of (it can decide nothing)
    spoken = {r.act.verb.value for _, _, r in norms(charters)
              if isinstance(r, A.Norm) and isinstance(r.act.verb, A.Const)}
    open_verb = any(isinstance(r, A.Norm) and isinstance(r.act.verb, A.Var) for _, _, r in norms(charters))
    for ch in charters:
        for act in ch.actions:
            for other in act.incompatible:
                silent = [a for a in (act.name, other.value) if a not in spoken]
                if silent and not open_verb:
                    out.append(Finding("warning", "S109", f"'{act.name}' is declared incompatible with "
                                       f"'{other.value}', but no rule speaks of '{silent[0]}', so the "
                                       "declaration can decide nothing", ((other.span, "the declaration"),), ()))
    return out


MULTIPLYING_GROUPS = 3


def independent_conditions(conditions: tuple[A.Fact, ...]) -> list[list[A.Fact]]:
    """The conditions that bind variables, grouped by the variables they
    share (a condition without variables matches few facts and is left out)."""
    groups: list[tuple[set[str], list[A.Fact]]] = []
    for cond in conditions:
        names = {v.name for v in cond.variables()}
        if not names:
            continue
        joined = [g for g in groups if g[0] & names]
        merged = (names.union(*(g[0] for g in joined)), [c for g in joined for c in g[1]] + [cond])
        groups = [g for g in groups if not any(g is j for j in joined)] + [merged]
    return [sorted(g[1], key=lambda c: conditions.index(c)) for g in groups]


def _meet(rule: A.Norm, other: A.Article, kinds: dict[str, str] | None = None,
          measured: set[str] | None = None) -> bool:
    """Whether some rule of `other` gives the opposite modality on an act `rule` can speak of
    (a norm about an act speaks of its kinds too: `kinds` maps an action to the one it is a kind of;
    a duty to apply a measure forbids the acts in `measured`, those some measure names)."""
    opposite = {"forb": {"obl", "oblm", "perm", "rec"}, "obl": {"forb"}, "oblm": {"forb"},
                "perm": {"forb"}, "rec": {"forb"}, "power": set()}[rule.modality]
    kinds = kinds or {}
    if rule.modality in {"obl", "oblm", "perm", "rec"} and isinstance(rule.act.verb, A.Const) and measured:
        for r in other.rules:
            if isinstance(r, A.Norm) and r.modality in {"obl", "oblm"} and r.act.obj is not None:
                hit = {rule.act.verb.value} | set(_chain(rule.act.verb.value, kinds))
                if hit & measured:
                    return True

    def above(name: str) -> set[str]:
        seen = {name}
        while name in kinds and kinds[name] not in seen:
            name = kinds[name]
            seen.add(name)
        return seen
    for r in other.rules:
        if isinstance(r, A.Norm) and r.modality in opposite:
            a, b = rule.act.verb, r.act.verb
            if isinstance(a, A.Var) or isinstance(b, A.Var) or a.value == b.value \
                    or a.value in above(b.value) or b.value in above(a.value):
                return True
    return False


def _chain(name: str, kinds: dict[str, str]) -> list[str]:
    """The actions `name` is a kind of, nearest first."""
    out: list[str] = []
    while name in kinds and kinds[name] not in out and kinds[name] != name:
        name = kinds[name]
        out.append(name)
    return out


def _cycle(edges, start):
    stack = [(start, [start])]
    while stack:
        node, path = stack.pop()
        for nxt, _ in edges.get(node, []):
            if nxt == start:
                return path
            if nxt not in path:
                stack.append((nxt, path + [nxt]))
    return None


# ------------------------------------------------------------------ facts no rule reads


def _matches(pattern: A.Fact, fact: A.Fact, roles: dict[str, str]) -> bool:
    """Whether a rule's condition could match the fact: the same kind, and
    every place the condition names equal (a role stands for its table)."""
    if pattern.kind != fact.kind:
        return False
    for j, (p, f) in enumerate(zip(pattern.args, fact.args)):
        if p is None and (fact.kind, j) in A.ABSENT_PLACES and f is not None:
            return False        # a place the form leaves empty on purpose (compile.py: `none`)
        if isinstance(p, A.Var) and (fact.kind, j) in A.ABSENT_PLACES and f is None:
            return False
        if isinstance(p, A.Const):
            pv = roles.get(p.value, p.value) if fact.kind == "membership" and j == 1 else p.value
            fv = f.value if isinstance(f, A.Const) else None
            if fact.kind == "membership" and j == 1 and fv is not None:
                fv = roles.get(fv, fv)
            if pv != fv:
                return False
    return _place_matches(pattern.place, fact.place)


def _place_matches(pattern: A.Place | None, place: A.Place | None) -> bool:
    """A condition that names no place matches an act anywhere; one that
    names a place, only an act recorded there (variables match any value)."""
    if pattern is None:
        return True
    if place is None or (pattern.part is None) != (place.part is None) or pattern.part != place.part:
        return False
    p, f = (pattern.state, place.state) if pattern.part else (pattern.name, place.name)
    return not isinstance(p, A.Const) or isinstance(f, A.Const) and p.value == f.value


def _action_of(fact: A.Fact) -> str | None:
    """The action a fact or condition names, if its kind has one and it is named."""
    places = A.FACT_PLACES[fact.kind]
    if "action" not in places:
        return None
    a = fact.args[places.index("action")]
    return a.value if isinstance(a, A.Const) else None


def unread_facts(program) -> list:
    """The facts of the scenario (clauses of adopted texts included) that no
    rule of the loaded charters reads: no condition, rider or "counts as"
    rule could match them, and, for an act or an omission, no norm speaks of
    its action (or of an action it is a kind of). Such a fact changes no
    answer, which is worth saying: it may be misspelt, or need law not loaded."""
    patterns: dict[tuple[str, str | None], list[A.Fact]] = {}     # by kind and named action (if any)
    heads: list[A.ActSpec] = []
    for info in program.rules.values():
        rule = info.rule
        facts = [rule.condition] if isinstance(rule, A.CountsAs) else \
            [*rule.conditions, *(g.fact for g in (*rule.unless, *rule.until))]
        for f in facts:
            patterns.setdefault((f.kind, _action_of(f)), []).append(f)
        if isinstance(rule, A.Norm):
            heads.append(rule.act)
    out = []
    for fid, info in program.fluents.items():
        fact = info.fact
        if fid.startswith(("m(", "mo(")):     # dated membership, made only where a rule reads it
            continue
        if info.event.vote is not None and all(fact is not f for f, _ in info.event.facts):
            continue                    # what a vote's record implies (compile._recorded_facts), not written
        if fact.kind in ("termination", "suspension"):
            continue                    # read by pyrule itself: it ends measures, or suspends a treaty's
            #                             obligations (the checker holds each to a loaded charter's law)
        action = _action_of(fact)
        candidates = patterns.get((fact.kind, None), []) + (patterns.get((fact.kind, action), []) if action else [])
        if any(_matches(p, fact, program.roles) for p in candidates):
            continue
        if fact.kind in ("act", "omission") and isinstance(fact.args[1], A.Const):
            above = A.kinds_above(fact.args[1].value, program.actions)
            if any(isinstance(h.verb, A.Var) or h.verb.value in above for h in heads):
                continue
        out.append(info)
    return out
