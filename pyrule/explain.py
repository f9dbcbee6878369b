"""Explanations: why, and why not, article by article.

Takes an `Answer` (the same solve as `pyrule query`: the provenance is in
the answer sets already) and a question -- a claim such as "FRA must apply
trade-embargo against IRQ" on a day; gives a tree of `Node`s:

- why: the conclusion, each rule it rests on (article, title, file:line, the
  articles it cites), the bearer's membership that day, the dated events and
  "counts as" steps beneath, the vote that adopted a text, and the rules it
  overrode with the principle that won;
- why not: when it holds instead, what holds in its place, the rule that
  would say so and what defeated it, the condition missing on that day, or
  that no loaded rule speaks to the act at all (a gap);
- contested: one branch per position of the switches that decide it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import ast as A
from .compile import FactInfo, RuleInfo
from .results import (Answer, Basis, BreachBasis, Conclusion, Contest, Decision, EventBasis, Excuse, contest_of,
                      ground_of)
from .words import PRINCIPLE_WORDS, STATUS_WORDS, action_words, describe_fact, prep_of, readings_words

@dataclass
class Node:
    kind: str            # question|holds|rule|cites|member|event|vote|derived|overrides|instead|missing|stopped|ends|gap|branch
    text: str
    at: str | None = None
    children: list["Node"] = field(default_factory=list)

    def add(self, node: "Node") -> "Node":
        self.children.append(node)
        return node

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "at": self.at,
                "children": [c.to_json() for c in self.children]}


def _at(span: A.Span) -> str | None:
    return f"{span.file}:{span.line}" if span.line else None


def _claim_words(ex: A.Expectation) -> str:
    assert ex.act is not None
    verb = ex.act.verb.value if isinstance(ex.act.verb, A.Const) else "?"
    obj = ex.act.obj.value if isinstance(ex.act.obj, A.Const) else None
    tgt = "any state" if isinstance(ex.act.target, A.AnyState) else \
        ex.act.target.value if isinstance(ex.act.target, A.Const) else None
    words = " ".join(x for x in (verb, obj, f"{ex.act.prep or 'against'} {tgt}" if tgt else None) if x)
    if ex.modality == "oblm":
        return f"{ex.subject} must {words}, choosing its own means,"
    return f"{ex.subject} {A.MODALITY_WORDS[ex.modality or 'obl']} {words}"


def _value(t: A.Term | A.AnyState | None) -> str | None:
    if isinstance(t, A.AnyState):
        return "any"
    return t.value if isinstance(t, A.Const) else None


# ------------------------------------------------------------------ why


def _rule_text(basis: Basis) -> str:
    art = basis.rule.article
    return f'article {art.num} "{art.title}" ({basis.rule.charter.id})'


def _decision_of(answer: Answer, event: A.Event) -> Decision | None:
    if event.vote is None:
        return None
    return next((d for d in answer.decisions if d.symbol == event.vote.symbol), None)


def _vote_node(answer: Answer, event: A.Event) -> Node | None:
    dec = _decision_of(answer, event)
    if dec is None:
        return None
    t = dec.tallies
    rule = ", ".join(f"article {n}" for _, n in dec.articles)
    outcome = "adopted" if dec.adopted() else "not adopted" if dec.adopted() is False else "contested"
    node = Node("vote", f"{outcome} by the {dec.organ}: {t.get('yes', 0)} for, {t.get('no', 0)} against"
                + (f" — by {rule}" if rule else ""), _at(event.span))
    if dec.contest is not None:
        _branches(node, dec.contest, "adopted", "not adopted")
    for member in sorted(dec.blocked_by):
        node.add(Node("vote", f"{member}'s vote blocks it", None))
    return node


def _fact_node(answer: Answer, fact: EventBasis | Basis | BreachBasis) -> Node:
    if isinstance(fact, BreachBasis):
        broken = fact.violated.rule
        node = Node("derived", f"{describe_fact(fact.fact)} — a violation: the act breaks what article "
                    f"{broken.article.num} ({broken.charter.id}) says", _at(broken.rule.span))
        node.add(_fact_node(answer, fact.act))
        return node
    if isinstance(fact, EventBasis):
        ev = fact.fact.event
        res = f" — {ev.resolution}" if ev.resolution else ""
        node = Node("event", f"{fact.date.isoformat()}: {fact.describe()}{res}", _at(fact.fact.fact.span))
        vote = _vote_node(answer, ev)
        if vote is not None:
            node.add(vote)
        return node
    rule = fact.rule.rule
    assert isinstance(rule, A.CountsAs)
    reading = "".join(f" where {g.switch} is {g.position}" for g in rule.guards)
    node = Node("derived", f"{describe_fact(ground_of(fact))} — counts as such by {_rule_text(fact)}"
                f"{reading}", _at(rule.span))
    for sub in fact.facts:
        node.add(_fact_node(answer, sub))
    return node


def _member_node(answer: Answer, basis: Basis, actor: str, day: dt.date) -> Node | None:
    rule = basis.rule.rule
    if not (isinstance(rule, A.Norm) and isinstance(rule.bearer, A.RoleBearer)):
        return None
    role = rule.bearer.role
    org = answer.program.roles.get(role, role)
    spells = answer.program.roster.spells(actor, org, day)
    if not spells:
        return None
    since = spells[0].isoformat()
    return Node("member", f"{actor} is a {role} on {day.isoformat()} (in `{org}` since {since})", None)


def _basis_node(answer: Answer, basis: Basis, actor: str, day: dt.date, only: str | None = None,
                c: Conclusion | None = None) -> Node:
    rule = basis.rule.rule
    node = Node("rule", _rule_text(basis) + (f" — only {only}" if only else ""), _at(rule.span))
    if c is not None:
        for step in _steps(answer, basis, c):
            node.add(step)
    if isinstance(rule, A.Norm):
        for ref in rule.citing:
            cited = next((a for a in basis.rule.charter.articles if a.num == ref.num), None)
            node.add(Node("cites", f'also article {ref.num}' + (f' "{cited.title}"' if cited else ""),
                          _at(cited.span) if cited else None))
    member = _member_node(answer, basis, actor, day)
    if member is not None:
        node.add(member)
    for fact in basis.facts:
        node.add(_fact_node(answer, fact))
    end = _end_in_view(answer, basis, day)
    if end is not None:
        node.add(end)
    return node


def _end_in_view(answer: Answer, basis: Basis, day: dt.date) -> Node | None:
    """The `until` rider that will end this instance of the rule after `day`,
    with the fact it counts from: the earliest, if several are met (a clock
    such as League Art 12's three months after a report is running)."""
    rule = basis.rule.rule
    if not isinstance(rule, A.Norm) or not rule.until:
        return None
    hits = [h for h in answer.rider_hits if h.instance is basis and h.rider > len(rule.unless) and h.start > day]
    if not hits:
        return None
    hit = min(hits, key=lambda h: h.start)
    rider = rule.until[hit.rider - len(rule.unless) - 1]
    last = (hit.start - dt.timedelta(days=1)).isoformat()
    text = f"holds to {last}, then ends: {_until_words(rider, _instance_values(basis.rule, basis))}"
    if len(hit.holding) < len(answer.positions):
        text += f" (on {readings_words(contest_of(hit.holding, answer.positions))})"
    end = Node("ends", text, _at(rider.span))
    end.add(_fact_node(answer, hit.fact))
    return end


def _until_words(rider: A.Guarded, values: dict) -> str:
    """An `until` rider as written, its variables filled in where the instance binds them."""
    lapse = f"{rider.after.words} after " if rider.after is not None else ""
    where = f" where {rider.guard.switch} is {rider.guard.position}" if rider.guard else ""
    return f"until {lapse}{_pattern(rider.fact, values)}{where}"


def _steps(answer: Answer, basis: Basis, c: Conclusion) -> list[Node]:
    """How the rule reaches the conclusion where it does not say it in so
    many words: a permission entailed by a duty; the act a measure forbids;
    a kind of the act the rule names; an object the rule leaves open."""
    rule = basis.rule.rule
    if not isinstance(rule, A.Norm):
        return []
    out = []
    if basis.entailed:
        out.append(Node("entailed", f"it obliges {c.actor} to {_act(c)}, so {c.actor} may do it "
                        "(what one must do, one may do)", None))
    head = rule.act.verb.value if isinstance(rule.act.verb, A.Const) else None
    said = _instance_values(basis.rule, basis)
    obj = rule.act.obj.value if isinstance(rule.act.obj, A.Const) else said.get(getattr(rule.act.obj, "name", ""))
    measure = answer.program.measures.get(obj or "")
    action = c.action
    if measure is not None and rule.modality in ("obl", "oblm") and c.status == "forb":
        named = next(((a, p) for a, p in measure.forbids if a.value == action or
                      action in _kinds_below(answer, a.value)), None)
        if named is not None:
            out.append(Node("measure", f"a duty to apply the {measure.name} against {c.target} forbids "
                            f"{named[0].value} {named[1]} {c.target}", _at(measure.span)))
            action = named[0].value
    verb = head or said.get(getattr(rule.act.verb, "name", ""))
    if verb and action != verb:
        chain = _kind_chain(answer, action, verb)
        for lower, upper in zip(chain, chain[1:]):
            decl = answer.program.actions.get(lower)
            out.append(Node("kind", f"{lower} is a kind of {upper}", _at(decl.span) if decl else None))
    if c.object is not None and rule.act.obj is None:
        out.append(Node("kind", f"the rule names no object: it covers {c.action} {c.object} too", None))
    return out


def _kind_chain(answer: Answer, lower: str, upper: str) -> list[str]:
    """lower, its kind, ..., upper (just [lower] if upper is not above it)."""
    chain = [lower]
    while chain[-1] != upper:
        decl = answer.program.actions.get(chain[-1])
        if decl is None or decl.kind_of is None or decl.kind_of.value in chain:
            return [lower]
        chain.append(decl.kind_of.value)
    return chain


def _kinds_below(answer: Answer, upper: str) -> set[str]:
    return {name for name in answer.program.actions if len(_kind_chain(answer, name, upper)) > 1}


def _branches(node: Node, contest: Contest, yes: str, no: str, answer: Answer | None = None,
              c: Conclusion | None = None, day: dt.date | None = None) -> None:
    """One branch per reading; given the conclusion, a branch on which it
    does not hold says what stopped its rules there (a rider met on that
    reading, or a reading a rule needs)."""
    for positions, holds in contest.outcomes:
        where = ", ".join(f"{s}={p}" for s, p in zip(contest.switches, positions))
        branch = node.add(Node("branch", f"if {where}: {yes if holds else no}", None))
        if holds or answer is None or c is None or day is None:
            continue
        reading = dict(zip(contest.switches, positions))
        ks = frozenset(k for k, pos in enumerate(answer.positions)
                       if all(pos.get(s) == p for s, p in reading.items()))
        shown: set[tuple] = set()      # two rules stopped by the same rider and fact: once
        for hit in answer.rider_hits:
            if hit.holding & ks and any(hit.instance is b for b in c.bases):
                stop = _rider_node(answer, hit, day)
                if stop is not None and (stop.text, stop.children[0].text) not in shown:
                    shown.add((stop.text, stop.children[0].text))
                    branch.add(stop)
        for b in c.bases:
            needed: dict[A.SwitchCond, str] = {}
            for g, what in _readings_needed(b):
                needed.setdefault(g, what)
            for g, what in needed.items():
                if g.switch in reading and reading[g.switch] != g.position:
                    branch.add(Node("missing", f"article {b.rule.article.num} rests on {what}, "
                                    f"which holds only where {g.switch} is {g.position}", _at(g.span)))


def _readings_needed(b: Basis) -> list[tuple[A.SwitchCond, str]]:
    """The readings a basis needs, each with what needs it: its own rule, or
    a fact beneath that a "counts as" rule derives on one reading only."""
    out = [(g, "a rule") for g in b.rule.rule.guards]
    for f in b.facts:
        if isinstance(f, Basis):
            if isinstance(f.rule.rule, A.CountsAs):
                what = f"{describe_fact(ground_of(f))} (counts as such)"
                out += [(g, what) for g in f.rule.rule.guards]
            out += [(g, what) for g, what in _readings_needed(f) if g not in f.rule.rule.guards]
    return out


def _switch_titles(answer: Answer, contest: Contest) -> str:
    return "; ".join(f"{s}: {answer.program.switches[s].question}" for s in contest.switches
                     if s in answer.program.switches)


def _known_by(b, day: dt.date) -> bool:
    """Whether a basis rests only on events of the day or before, or on a
    norm that reaches back (`, from the day its situation arose`), whose
    later events make it hold from an earlier day."""
    rule = b.rule.rule
    return (isinstance(rule, A.Norm) and rule.retroactive) or all(e.date <= day for e in b.events())


def why(answer: Answer, c: Conclusion, day: dt.date) -> Node:
    c = c.on(day)
    status = STATUS_WORDS[c.status]
    root = Node("holds", f"{c.actor} is {status} to {_act(c)} on {day.isoformat()}: "
                + ("settled" if c.contest is None else "contested"), None)
    if c.contest is not None:
        branch = root.add(Node("branch", f"contested — {_switch_titles(answer, c.contest)}", None))
        _branches(branch, c.contest, f"{status}", f"not {status}", answer, c, day)
    for b in c.firm_bases():
        if _known_by(b, day):
            root.add(_basis_node(answer, b, c.actor, day, c=c))
    for b, ks in c.other_bases():
        if _known_by(b, day):
            root.add(_basis_node(answer, b, c.actor, day, "under " + readings_words(contest_of(ks, answer.positions)),
                                 c=c))
    said: set[tuple[str, str]] = set()
    for d in answer.defeats:
        if (d.actor, d.action, d.object, d.target) == (c.actor, c.action, c.object, c.target) and \
                d.start <= day and (d.end is None or day < d.end) and any(d.winner is b for b in c.bases) and \
                (d.loser.rule.id, d.winner.rule.article.num) not in said:
            said.add((d.loser.rule.id, d.winner.rule.article.num))
            loser = d.loser.rule
            verb = {"forb": "forbid", "obl": "oblige", "perm": "permit", "rec": "recommend"}.get(
                loser.rule.modality if isinstance(loser.rule, A.Norm) else "", "say otherwise")
            root.add(Node("overrides", f'overrides article {loser.article.num} "{loser.article.title}", which '
                          f"would {verb} it — {PRINCIPLE_WORDS.get(d.principle, d.principle)} "
                          f"(article {d.winner.rule.article.num} over article {loser.article.num})",
                          _at(loser.rule.span)))
    return root


def _act(c: Conclusion) -> str:

    return action_words(c.action, c.object, c.target, prep_of(c))


# ------------------------------------------------------------------ why not


def why_not(answer: Answer, ex: A.Expectation) -> Node:
    assert ex.act is not None
    root = Node("holds", f"{_claim_words(ex)} on {ex.date.isoformat()}: does not hold", None)
    action, obj, tgt = _value(ex.act.verb), _value(ex.act.obj), _value(ex.act.target)
    same = [c for c in answer.conclusions
            if c.actor == ex.subject and c.action == action and (obj is None or c.object == obj)
            and (tgt is None or answer.towards(c, tgt))]
    when = [c for c in same if c.status == ex.modality]
    for c in when:
        span = f"from {c.start.isoformat()}" + (f" to {(c.end - dt.timedelta(days=1)).isoformat()}" if c.end else "")
        root.add(Node("instead", f"it holds {span}, not on {ex.date.isoformat()}", None))
    for c in same:
        if c.status != ex.modality and c.covers(ex.date):
            node = root.add(Node("instead", f"instead, {c.actor} is {STATUS_WORDS[c.status]} to {_act(c)}", None))
            node.add(why(answer, c, ex.date))
    for d in answer.defeats:
        loser = d.loser.rule.rule
        if (d.actor == ex.subject and d.action == action and isinstance(loser, A.Norm)
                and loser.modality == ex.modality and (tgt is None or d.target == tgt)
                and d.start <= ex.date and (d.end is None or ex.date < d.end)):
            via = f" (it obliges {d.actor} to {d.via}, which cannot be done as well)" if d.via else ""
            root.add(Node("overrides", f"article {d.loser.rule.article.num} would say so, but article "
                          f"{d.winner.rule.article.num} overrides it{via} — "
                          f"{PRINCIPLE_WORDS.get(d.principle, d.principle)}", _at(loser.span)))
    for x in answer.suspensions:
        duty = x.duty.rule.rule
        if (x.actor == ex.subject and x.action == action and isinstance(duty, A.Norm)
                and duty.modality in ({"obl", "oblm"} if ex.modality in ("obl", "oblm") else {ex.modality})
                and (tgt is None or x.target == tgt) and x.covers(ex.date)):
            by = x.by.fact if isinstance(x.by, EventBasis) else None
            node = root.add(Node("overrides", f"article {x.duty.rule.article.num} ({x.duty.rule.charter.id}) would "
                                 f"say so, but {x.actor} has suspended its obligations under "
                                 f"{x.duty.rule.charter.id} towards {x.target}, for a breach — "
                                 f"{x.law[0]} article {x.law[1]} (suspension for material breach)",
                                 _at(duty.span)))
            if by is not None:
                node.add(Node("event", f"{by.start.isoformat()}: {describe_fact(by.fact)}", _at(by.fact.span)))
            act = x.breach.act
            node.add(Node("derived", f"{describe_fact(A.Fact('breached', x.breach.fact.args))}", None)).add(
                Node("event", f"{act.date.isoformat()}: {act.describe()}", _at(act.fact.fact.span))
                if isinstance(act, EventBasis) else Node("derived", describe_fact(ground_of(act)), None))
    candidates = _candidate_rules(answer, ex.modality, action)
    if not candidates and not same:
        root.add(Node("gap", f"no rule in the loaded charters says what {ex.subject} "
                      f"{'must' if ex.modality == 'obl' else 'may'} do about '{action}': a gap", None))
    nodes = []
    for info in candidates:
        who = info.rule.bearer.who if isinstance(info.rule.bearer, A.OneBearer) else None
        if isinstance(who, A.Const) and who.value != ex.subject:
            continue        # a rule that speaks to another state by name could not say it of this one
        node = Node("rule", f'article {info.article.num} "{info.article.title}" ({info.charter.id}) '
                    f"could say so", _at(info.rule.span))
        binding = _question_binding(info.rule, ex)
        target = _value(ex.act.target)
        if isinstance(info.rule.act.target, A.AnyState) and target in answer.program.non_states:
            node.add(Node("missing", f"it speaks of acts against any state, and {target} is no state",
                          _at(info.rule.act.span)))
        elif _missing(answer, info.rule, ex, binding, node):
            _unread(answer, info, ex, binding, node)
        nodes.append(node)
    # the rules nearest to saying so first: fewest conditions missing
    for node in sorted(nodes, key=lambda n: sum(c.kind == "missing" for c in n.children)):
        root.add(node)
    return root


def _candidate_rules(answer: Answer, modality: str | None, action: str | None):
    """Norms that could give this modality for this action: those naming the
    action first, then those taking their action from a fact."""
    named, generic = [], []
    for info in answer.program.rules.values():
        rule = info.rule
        if isinstance(rule, A.Norm) and rule.modality == modality:
            verb = rule.act.verb
            if isinstance(verb, A.Const) and verb.value == action:
                named.append(info)
            elif isinstance(verb, A.Var):
                generic.append(info)
    return named + generic


def _question_binding(rule: A.Norm, ex: A.Expectation) -> dict[str, str]:
    """The values the question gives the variables of the rule's head."""
    binding: dict[str, str] = {}
    assert ex.act is not None
    for slot, value in ((rule.act.target, _value(ex.act.target)), (rule.act.obj, _value(ex.act.obj)),
                        (rule.act.verb, _value(ex.act.verb)),
                        (rule.bearer.who if isinstance(rule.bearer, A.OneBearer) else None, ex.subject)):
        if isinstance(slot, A.Var) and value is not None:
            binding[slot.name] = value
    return binding


# the value of a place left empty ("withdraw from UKR" has no object)
NO_VALUE = ""


def _pattern(cond: A.Fact, binding: dict[str, str], ex: A.Expectation | None = None) -> str:
    """A condition with the bound variables filled in; a variable the question
    leaves open stays a variable. Where the question names the condition's
    action, the act is shown as the question puts it: its preposition, and no
    object if it gives none (any object would do)."""
    places = A.FACT_PLACES[cond.kind]
    asked = ex is not None and ex.act is not None and "action" in places and \
        isinstance(cond.args[places.index("action")], A.Var) and cond.args[places.index("action")].name in binding

    def fill(place: str, a):
        if not isinstance(a, A.Var):
            return a
        if a.name in binding:
            return A.Const(binding[a.name])
        return None if asked and place == "object" and ex.act.obj is None else a  # type: ignore[union-attr]
    prep = ex.act.prep if asked and ex.act.prep else cond.prep  # type: ignore[union-attr]
    place = cond.place
    if place is not None:
        place = A.Place(fill("place", place.name), place.part, fill("place", place.state), place.span)
    return describe_fact(A.Fact(cond.kind, tuple(fill(pl, a) for pl, a in zip(places, cond.args)), cond.span, prep,
                                chapter=cond.chapter, place=place))


def _missing(answer: Answer, rule: A.Norm, ex: A.Expectation, binding: dict[str, str], node: Node) -> bool:
    """Which condition of `rule` has no fact on the day asked (under the
    bindings the question gives its head); True when every one has."""
    met = True
    if isinstance(rule.bearer, A.RoleBearer):
        if not _role_spells(answer, rule.bearer.role, ex.subject, ex.date):
            node.add(Node("missing", f"{ex.subject} is not a {rule.bearer.role} on {ex.date.isoformat()}", None))
            met = False
        for other in rule.bearer.other_than:
            name = binding.get(other.name) if isinstance(other, A.Var) else other.value
            if name == ex.subject:
                node.add(Node("missing", f"{ex.subject} is excepted: the rule speaks to every {rule.bearer.role} "
                              f"other than {other.name if isinstance(other, A.Var) else name} ({name})",
                              _at(rule.bearer.span)))
                met = False
    joint: list[tuple[A.Fact, list[A.Fact]]] = []     # the conditions met that day, with the facts that meet them
    derived_met = False
    for cond in rule.conditions:
        if cond.kind == "membership":
            met &= _missing_membership(answer, cond, binding, ex.date, node)
            continue
        facts = [f for f in answer.program.fluents.values() if f.fact.kind == cond.kind and _fits(cond, f.fact, binding)]
        # a clause of a text put to the vote is a fact only where the text was adopted
        drafts = [f for f in facts if f.start <= ex.date and _adopted_in(answer, f) == frozenset()]
        facts = [f for f in facts if f not in drafts]
        pattern = _pattern(cond, binding, ex)
        ends = answer.fact_ends
        holding = [f for f in facts if f.start <= ex.date and (f.id not in ends or ex.date < ends[f.id])]
        derived = [] if holding else _derived_fitting(answer, cond, binding)
        now = [(b, s, g) for b, s, e, g in derived if s <= ex.date and (e is None or ex.date < e)]
        if now:
            derived_met = True
            b, start, ground = now[0]
            node.add(Node("event", f"met: {describe_fact(ground)} — from {start.isoformat()}, by article {b.article} "
                          f"(counts as)", _at(b.rule.rule.span)))
            continue
        if holding:
            joint.append((cond, [f.fact for f in holding]))
            f = holding[0]
            some = _adopted_in(answer, f)
            where = "" if some is None or len(some) == len(answer.positions) else \
                f" (where {f.event.vote.symbol} is adopted)"  # type: ignore[union-attr]
            node.add(Node("event", f"met: {pattern} — {f.start.isoformat()}{where}", _at(f.fact.span)))
            continue
        met = False
        over = [f for f in facts if f.start <= ex.date]
        ended = [(s, e) for _, s, e, _ in derived if e is not None and e <= ex.date]
        later = sorted((f for f in facts if f.start > ex.date), key=lambda f: f.start)
        producers = [i for i in answer.program.rules.values()
                     if isinstance(i.rule, A.CountsAs) and i.rule.head.kind == cond.kind]
        text = f"missing on {ex.date.isoformat()}: {pattern}"
        if over:
            last = max(over, key=lambda f: f.start)
            text += (f" (there was one from {last.start.isoformat()} to "
                     f"{(ends[last.id] - dt.timedelta(days=1)).isoformat()})")
        elif ended:
            s, e = max(ended)
            text += f" (there was one from {s.isoformat()} to {(e - dt.timedelta(days=1)).isoformat()})"
        elif drafts:
            d = drafts[-1]
            dec = _decision_of(answer, d.event)
            veto = f": blocked by {', '.join(sorted(dec.blocked_by))}" if dec and dec.blocked_by else ""
            text += (f" (the draft {d.event.vote.symbol} of {d.event.date.isoformat()} would have said so, "  # type: ignore[union-attr]
                     f"but it was not adopted{veto})")
        elif later:
            text += f" (there is one from {later[0].start.isoformat()})"
        miss = node.add(Node("missing", text, _at(cond.span)))
        for f, excl in _excluding(answer, cond.kind, ex):
            miss.add(Node("stopped", f"{f.start.isoformat()}: {describe_fact(f.fact)}"
                          f"{' — ' + f.event.resolution if f.event.resolution else ''}: {ex.act.verb.value} "  # type: ignore[union-attr]
                          f"is {'the act' if excl == ex.act.verb.value else 'a kind of ' + excl} "  # type: ignore[union-attr]
                          f"it excludes", _at(f.fact.span)))
        for p in producers:
            reading = "".join(f", where {g.switch} is {g.position}" for g in p.rule.guards)
            miss.add(Node("derived", f"would follow from {describe_fact(p.rule.condition)} (article {p.article.num}, "
                          f"counts as{reading})", _at(p.rule.span)))
    if met and not derived_met and len(joint) > 1 and not _together(joint, binding):
        shared = sorted({v.name for c, _ in joint for v in c.variables() if v.name not in binding
                         and sum(v.name in {w.name for w in c2.variables()} for c2, _ in joint) > 1})
        node.add(Node("missing", f"missing on {ex.date.isoformat()}: facts that meet the conditions together "
                      f"(each is met, but not with the same {', '.join(shared) or 'values'})", _at(rule.span)))
        met = False
    return met


def _excluding(answer: Answer, kind: str, ex: A.Expectation) -> list[tuple[FactInfo, str]]:
    """The texts of this kind on record by the day asked that exclude the act
    asked about (or an act it is a kind of): (the fact, what it excludes)."""
    verb = ex.act.verb.value if ex.act is not None and isinstance(ex.act.verb, A.Const) else None
    if verb is None:
        return []
    above = A.kinds_above(verb, answer.program.actions)
    return [(f, e.value) for f in answer.program.fluents.values() if f.fact.kind == kind and f.start <= ex.date
            for e in f.fact.excluding if e.value in above]


def _derived_fitting(answer: Answer, cond: A.Fact, binding: dict[str, str]
                     ) -> list[tuple[Basis, dt.date, dt.date | None, A.Fact]]:
    """The facts "counts as" rules derive (in every answer set this
    explanation covers) that meet `cond`: basis, days [start, end), the fact."""
    everywhere = frozenset(range(len(answer.positions)))
    out = []
    for b, start, end, holding in answer.derived:
        if holding != everywhere or b.rule.rule.head.kind != cond.kind:  # type: ignore[union-attr]
            continue
        ground = ground_of(b)  # type: ignore[union-attr]
        if _fits(cond, ground, binding):
            out.append((b, start, end, ground))
    return out


def _unread(answer: Answer, info: RuleInfo, ex: A.Expectation, binding: dict[str, str], node: Node) -> None:
    """Why a rule whose conditions all hold does not say so on the day: it
    applies only on a reading this answer does not take, or a rider stopped
    it (`until`: for good, from the day its fact arose) or suspends it
    (`unless`: while its fact holds)."""

    rule = info.rule
    assert isinstance(rule, A.Norm)
    for g in rule.guards:
        taken = {p.get(g.switch) for p in answer.positions} - {None}
        if taken and g.position not in taken:
            node.add(Node("missing", f"applies only where {g.switch} is {g.position} (this answer: "
                          f"{g.switch}={' or '.join(sorted(taken))})", _at(g.span)))
    shown: set[tuple] = set()
    for hit in answer.rider_hits:
        if hit.instance.rule is not info:
            continue
        values = _instance_values(info, hit.instance)
        if any(values.get(k, v) != v for k, v in binding.items()):
            continue
        stop = _rider_node(answer, hit, ex.date)
        if stop is not None and (stop.text, stop.children[0].text, hit.holding) not in shown:
            shown.add((stop.text, stop.children[0].text, hit.holding))
            if len(hit.holding) < len(answer.positions):
                stop.text += f" (on {readings_words(contest_of(hit.holding, answer.positions))})"
            node.add(stop)


def _rider_node(answer: Answer, hit, day: dt.date) -> Node | None:
    """The rider `hit` met, as a node with the fact that met it beneath, if
    it stops its rule on `day`."""
    info = hit.instance.rule
    rule = info.rule
    riders = [("unless", r) for r in rule.unless] + [("until", r) for r in rule.until]
    kind, rider = riders[hit.rider - 1]
    if hit.start > day or (kind == "unless" and hit.end is not None and hit.end <= day):
        return None
    values = _instance_values(info, hit.instance)
    if kind == "until":
        text = f"ended on {hit.start.isoformat()}: {_until_words(rider, values)}"
    else:
        where = f" where {rider.guard.switch} is {rider.guard.position}" if rider.guard else ""
        stretch = f"from {hit.start.isoformat()}" + (
            f" to {(hit.end - dt.timedelta(days=1)).isoformat()}" if hit.end else "")
        text = f"suspended {stretch}: unless {_pattern(rider.fact, values)}{where}"
    stop = Node("stopped", text, _at(rider.span))
    stop.add(_fact_node(answer, hit.fact))
    return stop


def _adopted_in(answer: Answer, f) -> frozenset[int] | None:
    """The answer sets in which the text a clause comes from was adopted
    (None: the fact was not put to the vote)."""
    dec = _decision_of(answer, f.event)
    return None if dec is None else dec.adopted_in


def _instance_values(info: RuleInfo, basis: Basis) -> dict[str, str]:
    """The values an instance gives the rule's variables, from its facts in
    the order the compiler matched the conditions."""
    values: dict[str, str] = {}
    for cond, fact in zip(info.conditions, basis.facts):
        ground = ground_of(fact)
        for slot, arg in zip(cond.args, ground.args):
            if isinstance(slot, A.Var) and isinstance(arg, A.Const):
                values.setdefault(slot.name, arg.value)
    return values


def _role_spells(answer: Answer, role: str, state: str | None, day: dt.date) -> list[int]:
    """The first days of the membership spells by which `state` (or, with
    None, any state) holds `role` on `day`."""
    org = answer.program.roles.get(role, role)
    roster = answer.program.roster
    return [since.toordinal() for code in ([state] if state else roster.spans)
            for since in roster.spells(code, org, day)]


def _missing_membership(answer: Answer, cond: A.Fact, binding: dict[str, str], day: dt.date, node: Node) -> bool:
    """`X is a ROLE`: met if X (or, with X open, some state) holds the role
    on the day, from the dated membership behind the role."""
    who, role = cond.args
    role_name = role.value if isinstance(role, A.Const) else "?"
    state = binding.get(who.name) if isinstance(who, A.Var) else getattr(who, "value", None)
    starts = _role_spells(answer, role_name, state, day)
    name = state or (who.name if isinstance(who, A.Var) else "?")
    if starts:
        org = answer.program.roles.get(role_name, role_name)
        since = dt.date.fromordinal(min(starts)).isoformat()
        node.add(Node("event", f"met: {name} is a {role_name} (in `{org}` since {since})", None))
        return True
    node.add(Node("missing", f"missing on {day.isoformat()}: {name} is a {role_name}", _at(cond.span)))
    return False


def _fits(pattern: A.Fact, fact: A.Fact, binding: dict[str, str]) -> bool:
    return _extend(pattern, fact, binding) is not None


def _extend(pattern: A.Fact, fact: A.Fact, binding: dict[str, str]) -> dict[str, str] | None:
    """The bindings under which the fact meets the condition (those given,
    and the condition's other variables), or None if it cannot: its places,
    and where the condition names a place, the act's (`in high-seas`)."""
    seen = dict(binding)
    pairs = list(zip(pattern.args, fact.args))
    if pattern.place is not None:
        place = fact.place
        if place is None or place.part != pattern.place.part:
            return None
        pairs.append((pattern.place.state, place.state) if place.part else (pattern.place.name, place.name))
    for j, (p, v) in enumerate(pairs):
        if j < len(fact.args) and (fact.kind, j) in A.ABSENT_PLACES and (p is None) != (v is None):
            return None         # a place the form leaves empty on purpose matches only an empty one
        value = v.value if isinstance(v, A.Const) else NO_VALUE
        if isinstance(p, A.Const) and p.value != value:
            return None
        if isinstance(p, A.Var):
            if p.name in seen and seen[p.name] != value:
                return None
            seen[p.name] = value
    return seen


def _together(conds: list[tuple[A.Fact, list[A.Fact]]], binding: dict[str, str]) -> bool:
    """Whether facts holding that day meet all the conditions at once, under
    one binding of their shared variables (each may be met alone, and yet no
    two agree: a destination other than the target the text names)."""
    if not conds:
        return True
    (cond, facts), rest = conds[0], conds[1:]
    return any((b := _extend(cond, f, binding)) is not None and _together(rest, b) for f in facts)


# ------------------------------------------------------------------ decisions

_QUOTA_WORDS = {"unanimity": "unanimity of the members voting", "consensus": "consensus",
                "two_thirds": "two-thirds of the members present and voting",
                "majority": "a majority of the members present and voting",
                "two_thirds_members": "two-thirds of the members"}


def _quota_words(rule: A.VotingRule) -> str:
    q = rule.quota
    words = (f"{q.n} affirmative votes" if q.kind == "count" else
             f"the members of the {q.organ} and a majority of the other members" if q.kind == "members_and_majority"
             else _QUOTA_WORDS.get(q.kind, q.kind))
    if rule.concurring:
        words += f" including the concurring votes of every {rule.concurring}"
    return words


def _voting_rule_nodes(answer: Answer, dec: Decision) -> list[Node]:
    """The articles whose voting rule decided the draft, with the quota in
    force that day for each matter the vote was counted as."""
    charters = {info.charter.id: info.charter for info in answer.program.rules.values()}
    out = []
    for cid, num in dec.articles:
        art = next((a for a in charters[cid].articles if a.num == num), None) if cid in charters else None
        if art is None:
            out.append(Node("rule", f"by article {num} ({cid})", None))
            continue
        node = Node("rule", f'by article {num} "{art.title}" ({cid})', _at(art.span))
        for matter, ks in sorted(dec.counted_as.items()):
            for rule in art.voting:
                if isinstance(rule, A.VotingRule) and rule.organ == dec.organ and rule.matter in (matter, "all") \
                        and (rule.start is None or rule.start <= dec.date) \
                        and (rule.until is None or dec.date < rule.until):
                    if rule.matter == "article" and not _recorded_under(answer, dec, rule.article):
                        continue
                    what = ("procedural matters" if matter == "procedural" else
                            f"matters under article {rule.article}" if rule.matter == "article" else "other matters")
                    node.add(Node("cites", f"{what} need {_quota_words(rule)}" + _of_members(answer, dec, rule)
                                  + _only(answer, ks), _at(rule.span)))
        for why in _matter_reasons(answer, dec, art):
            node.add(why)
        for why in _exclusion_reasons(answer, dec, art):
            node.add(why)
        out.append(node)
    return out


def _recorded_under(answer: Answer, dec: Decision, article: str | None) -> bool:
    got = answer.program.votes.get(dec.symbol)
    return got is not None and got[1].kind == "article" and got[1].article == article


def _of_members(answer: Answer, dec: Decision, rule: A.VotingRule) -> str:
    """For two-thirds of the members: how many that is, of how many seated
    that day (the parties whose votes are not counted left out, voting.lp);
    for the members of O2 and a majority of the others, how many others."""
    organ = answer.program.organs.get(dec.organ)
    if rule.quota.kind == "members_and_majority" and organ is not None and organ.seats is not None:
        o2 = answer.program.organs.get(rule.quota.organ or "")
        if o2 is None or o2.seats is None:
            return ""
        roster = answer.program.roster
        council = roster.holders(o2.seats, dec.date) - set(dec.uncounted)
        others = roster.holders(organ.seats, dec.date) - council - set(dec.uncounted)
        return (f" ({len(council)} members of the {o2.name} that day, none against; "
                f"{len(others) // 2 + 1} of the {len(others)} other members)")
    if rule.quota.kind != "two_thirds_members" or organ is None or organ.seats is None:
        return ""
    seated = answer.program.roster.holders(organ.seats, dec.date) - set(dec.uncounted)
    return f" ({-(-2 * len(seated) // 3)} of the {len(seated)} members that day)"


def _exclusion_reasons(answer: Answer, dec: Decision, art: A.Article) -> list[Node]:
    """The article's clause that left the parties' ballots out of the count,
    where the vote was recorded under it in a dispute."""
    got = answer.program.votes.get(dec.symbol)
    if got is None:
        return []
    _, vote = got
    out = []
    for rule in art.voting:
        if isinstance(rule, A.PartyExclusion) and vote.parties and (
                (rule.scope == "article" and vote.kind == "article" and vote.article == rule.ref)
                or (rule.scope == "chapter" and vote.kind == "chapter" and str(vote.chapter) == rule.ref)):
            out.append(Node("cites", f"the votes of the parties to the dispute ({', '.join(vote.parties)}) "
                                     f"are not counted", _at(rule.span)))
    return out


def _matter_reasons(answer: Answer, dec: Decision, art: A.Article) -> list[Node]:
    """Why the draft was counted as the matter it was, where the record did
    not say: what its text does, and the preliminary question if one was put."""
    got = answer.program.votes.get(dec.symbol)
    if got is None:
        return []
    _, vote = got
    out = []
    if vote.kind == "unstated":
        classing = [r for r in art.voting if isinstance(r, A.ProceduralText)]
        if "procedural" in dec.counted_as or "other" in dec.counted_as and classing:
            only = all(f.kind in {r.kind for r in classing} for f, _ in got[0].facts) and bool(got[0].facts)
            text = ("procedural by what it does: its text only refers the matter" if only else
                    "an other matter by what it does: its text does more than refer the matter")
            out.append(Node("cites", text, _at(classing[0].span) if classing else None))
    for sym, (ev, pre) in answer.program.votes.items():
        if pre.kind == "preliminary" and pre.question == dec.symbol:
            other = next((d for d in answer.decisions if d.symbol == sym), None)
            if other is not None and "other" in dec.counted_as:
                out.append(Node("cites", f"counted as an other matter where the preliminary question whether it "
                                f"is procedural failed ({sym})" + _only(answer, dec.counted_as["other"]),
                                _at(pre.span)))
    return out


def _only(answer: Answer, ks: frozenset[int]) -> str:
    """ " (only under IS-X=p)" where `ks` is not every answer set."""
    from .render import readings_words

    contest = contest_of(ks, answer.positions)
    if contest is None:
        return ""
    words = readings_words(contest)
    if words.startswith("(") and " or " not in words:
        words = words[1:-1]
    return f" (only under {words})"


def _roll_nodes(answer: Answer, dec: Decision) -> Node:
    ev, vote = answer.program.votes[dec.symbol]
    t = dec.tally_range
    counts = ", ".join(f"{lo if lo == hi else f'{lo}–{hi}'} {word}" for way, word in
                       (("yes", "for"), ("no", "against")) for lo, hi in [t.get(way, (0, 0))])
    node = Node("vote", f"put to the vote in the {dec.organ} on {dec.date.isoformat()}: {counts} as counted",
                _at(vote.span))
    for way, states in vote.roll:
        node.add(Node("vote", f"{A.BALLOT_WORDS[way]}: {', '.join(st.value for st in states)}", None))
    for way, n in vote.counts:
        node.add(Node("vote", f"{A.BALLOT_WORDS[way]}: {n}", None))
    return node


def explain_decision(answer: Answer, ex: A.Expectation) -> Node:
    """Why a draft was (or was not) adopted: the vote, the article whose
    voting rule decided it and the quota in force, who blocked it and whose
    vote was void, on which readings, and the text that took effect."""
    from .errors import NameProblem, did_you_mean

    outcome = "is contested" if ex.contested else "is not adopted" if ex.negated else "is adopted"
    root = Node("question", f'"{ex.subject}" {outcome} on {ex.date.isoformat()}?', None)
    dec = next((d for d in answer.decisions if d.symbol == ex.subject), None)
    if dec is None:
        stated = [f.event for f in answer.program.fluents.values()
                  if f.event.resolution == ex.subject and f.event.vote is None]
        if stated:
            ev = stated[0]
            holds = not ex.negated and not ex.contested and ev.date <= ex.date
            root.add(Node("holds", f"{ex.subject} is adopted from {ev.date.isoformat()}: the scenario states it "
                          f"(no vote recorded){'' if holds else ' — the claim does not hold'}", _at(ev.span)))
            return root
        drafts = [d.symbol for d in answer.decisions]
        guess = did_you_mean(ex.subject, drafts)
        raise NameProblem(f"no vote on '{ex.subject}' in this scenario", ex.subject_span,
                          hint=f"did you mean '{guess}'?" if guess else f"votes: {', '.join(drafts) or 'none'}")
    adopted = dec.adopted()
    before = ex.date < dec.date
    if before:
        holds = ex.negated
        verdict = f"not yet put to the vote on {ex.date.isoformat()} (voted on {dec.date.isoformat()})"
    else:
        verdict = {True: "adopted", False: "not adopted", None: "contested"}[adopted]
        holds = (adopted is None) if ex.contested else (adopted is False) if ex.negated else (adopted is True)
    node = root.add(Node("holds", f"{ex.subject}: {verdict} — the claim "
                         f"{'holds' if holds else 'does not hold'}", None))
    if dec.contest is not None:
        _branches(node.add(Node("branch", f"contested — {_switch_titles(answer, dec.contest)}", None)),
                  dec.contest, "adopted", "not adopted")
    node.add(_roll_nodes(answer, dec))
    for rule in _voting_rule_nodes(answer, dec):
        node.add(rule)
    for member, ks in sorted(dec.blocked_by.items()):
        node.add(Node("stopped", f"{member}'s vote (or absence) blocks it{_only(answer, ks)}", None))
    for member, ks in sorted(dec.voided.items()):
        node.add(Node("stopped", f"{member}'s vote does not count{_only(answer, ks)}", None))
    for member, ks in sorted(dec.uncounted.items()):
        node.add(Node("stopped", f"{member}'s vote is not counted: a party to the dispute{_only(answer, ks)}", None))
    ev, _ = answer.program.votes[dec.symbol]
    for fact, effective in ev.facts:
        when = f" (from {effective.isoformat()})" if effective else ""
        node.add(Node("event", f"its text{' if adopted' if adopted is not True else ''}: "
                      f"{describe_fact(fact)}{when}", _at(fact.span)))
    return root


# ------------------------------------------------------------------ entry


def check_question(ex: A.Expectation, text: str) -> None:
    """A question for `explain` is one claim about one state or organ (or a
    draft) on a day. The parts of an `expect` line that it would ignore are
    errors here, not dropped without a word: `every`/`no ROLE`, `not`, `is
    contested`, a violation claim, articles in parentheses, variables."""
    from .errors import CheckProblem

    def problem(message: str, span: A.Span | None = None, **more) -> CheckProblem:
        return CheckProblem(message, span if span is not None and span.line else ex.span, text=text, **more)

    if ex.who in ("every", "none"):
        raise problem(f"explain asks about one state or organ, not '{'every' if ex.who == 'every' else 'no'} "
                      f"{ex.subject}'", ex.subject_span, expected="a state code such as FRA, or 'the ORGAN'")
    if ex.claim in ("violation", "excused"):
        raise problem(f"explain does not take {'a violation' if ex.claim == 'violation' else 'an excused breach'} "
                      "claim", ex.subject_span,
                      hint=f"ask why the act is forbidden: \"{ex.subject} must not ... on "
                           f"{ex.date.isoformat()}\", or list violations with `pyrule query`")
    if ex.who != "draft" and ex.negated:
        raise problem("leave out 'not': explain says whether the claim holds, and why or why not",
                      ex.subject_span)
    if ex.who != "draft" and ex.contested:
        raise problem("leave out 'is contested': explain shows the readings on which the claim holds",
                      ex.subject_span)
    if ex.sources:
        raise problem("leave out the articles in parentheses: explain names the articles itself",
                      ex.sources[0].span)
    if ex.contested_on:
        raise problem("leave out 'is contested on ...': explain shows the readings on which the claim holds",
                      ex.span)
    for t in (ex.act.verb, ex.act.obj, ex.act.target) if ex.act is not None else ():
        if isinstance(t, A.Var):
            raise problem(f"'{t.name}' is a variable; a question names states, actions and objects", t.span)



def claim_words(ex: A.Expectation) -> str:
    """A claim as the user would write it (without its day)."""
    act = _claim_act(ex) if ex.act is not None else ""
    if ex.claim == "authorizes":
        return f'"{ex.resolution}" authorizes {act.replace(ex.subject + " ", "", 1)}'
    if ex.claim == "complies":
        of = f" of {ex.charter}" if ex.charter else ""
        return f"{ex.subject} complies with article {ex.article.num if ex.article else '?'}{of}" + \
            (f" by {act.split(' ', 1)[1]}" if ex.act is not None else "")
    if ex.claim == "conflict":
        return f"conflict for {act}"
    if ex.claim == "defeat":
        return f"article {ex.winner.num if ex.winner else '?'} prevails over article " \
               f"{ex.loser.num if ex.loser else '?'} for {act}"
    if ex.claim == "unread":
        return f"no rule reads: {describe_fact(ex.fact) if ex.fact else '?'}"
    if ex.claim == "adopt":
        return f'the {ex.charter} may adopt "{ex.subject}"'
    return _claim_words(ex)


def _claim_act(ex: A.Expectation) -> str:
    assert ex.act is not None
    verb = _value(ex.act.verb) or "?"
    if ex.claim == "authorizes":
        tgt = _value(ex.act.target)
        return f"{ex.subject} {' '.join(x for x in (verb, _value(ex.act.obj)) if x)} by {ex.subject}" + \
            (f" {ex.act.prep or 'against'} {tgt}" if tgt else "")
    return f"{ex.subject} " + action_words(verb, _value(ex.act.obj), _value(ex.act.target), ex.act.prep)


def explain_claim(answer: Answer, ex: A.Expectation, bundle=None) -> Node:
    """Whether a claim other than a deontic one holds, and on what: the
    permission a text grants, the duties an act meets and the violations
    that stand against compliance, the clash or the defeat over an act, a
    fact no rule reads, whether a draft could pass."""
    from . import claims

    day = ex.date
    root = Node("question", f"{claim_words(ex)} on {day.isoformat()}?", None)
    everywhere = frozenset(range(len(answer.positions)))

    def verdict(holding: frozenset[int], what: str) -> Node:
        if holding == everywhere:
            return root.add(Node("holds", f"{what}: holds", None))
        if holding:
            return root.add(Node("holds", f"{what}: holds only {readings_words(contest_of(holding, answer.positions))}",
                                 None))
        return root.add(Node("holds", f"{what}: does not hold", None))

    if ex.claim == "adopt":
        from .analysis import possible

        if bundle is None:
            raise ValueError("a 'may adopt' question needs the scenario")
        got = possible(bundle, ex.subject)
        node = root.add(Node("holds", f'"{ex.subject}" {"could" if got.could_pass else "could not"} be adopted '
                             f"on the votes known — the claim {'holds' if got.could_pass else 'does not hold'}",
                             None))
        if got.must_pass:
            node.add(Node("derived", "it is adopted however the unknown votes fall, on every reading", None))
        if got.unknown:
            node.add(Node("vote", f"votes not known: {', '.join(got.unknown)}", None))
        if got.decisive:
            node.add(Node("vote", f"decisive: {', '.join(got.decisive)}", None))
        if got.open_switches and got.could_pass and not got.must_pass:
            node.add(Node("branch", f"on some reading of {', '.join(got.open_switches)}", None))
        dec = next((d for d in answer.decisions if d.symbol == ex.subject), None)
        if dec is not None:
            for rule in _voting_rule_nodes(answer, dec):
                node.add(rule)
        return root
    if ex.claim == "unread":
        from .findings import unread_facts

        found = claims.unread(answer, ex, unread_facts(answer.program))
        if found.note:
            root.add(Node("holds", f"{found.note} — the claim does not hold", None))
            return root
        node = verdict(found.holding, "no rule of the loaded charters reads it")
        for info in found.against:
            node.add(Node("event", f"{info.start.isoformat()}: {describe_fact(info.fact)}", _at(info.fact.span)))
        return root
    if ex.claim == "authorizes":
        found = claims.authorizes(answer, ex)
        node = verdict(found.holding, f'a permission of {ex.subject} that rests on "{ex.resolution}"')
        for c, b in found.items:
            node.add(_basis_node(answer, b, c.actor, day, c=c))
        for c in found.against:
            other = node.add(Node("instead", f"{ex.subject} is permitted to {_act(c)} on other grounds", None))
            for b in c.firm_bases():
                other.add(_basis_node(answer, b, c.actor, day, c=c))
        if not found.items and not found.against:
            perm = A.Expectation(day, ex.under, False, "one", ex.subject, (), "perm", ex.act, False, ())
            node.add(why_not(answer, perm))
        return root
    if ex.claim == "complies":
        found = claims.complies(answer, ex)
        node = verdict(found.holding, f"{ex.subject} complies")
        for v in found.against:
            act = ground_of(v.act)
            excused = (f" (excused: {v.circumstance} precludes its wrongfulness, {v.article[0]} article "
                       f"{v.article[1]})" if isinstance(v, Excuse) else "")
            node.add(Node("stopped", f"{'breach' if excused else 'violation'}: {describe_fact(act)} — "
                          f"{'forbidden' if v.kind == 'forb' else 'a duty omitted'}{excused}",
                          _at(v.event.fact.fact.span)))
        for c in found.items:
            duty = node.add(Node("derived", f"{c.actor} is obliged to {_act(c)}", None))
            for b in c.firm_bases():
                duty.add(_basis_node(answer, b, c.actor, day, c=c))
        for info in found.acts:
            node.add(Node("event", f"{info.start.isoformat()}: {describe_fact(info.fact)}", _at(info.fact.span)))
        if ex.act is not None and not found.acts:
            node.add(Node("missing", f"no act of {ex.subject} on record that day does that", None))
        if ex.act is not None and not found.items:
            node.add(Node("missing", f"no duty of {ex.subject} under article {ex.article.num if ex.article else '?'} "
                          "that the act would perform", None))
        return root
    if ex.claim == "conflict":
        found = claims.conflict(answer, ex)
        node = verdict(found.holding, "an unresolved conflict")
        for c in found.items:
            clash = node.add(Node("branch", f"from {c.start.isoformat()}"
                                  + (f" until {c.end.isoformat()}" if c.end else ""), None))
            clash.add(_basis_node(answer, c.obliging, c.actor, day))
            clash.add(_basis_node(answer, c.forbidding, c.actor, day))
        return root
    if ex.claim == "defeat":
        found = claims.defeat(answer, ex)
        node = verdict(found.holding, f"article {ex.winner.num if ex.winner else '?'} overrides article "
                       f"{ex.loser.num if ex.loser else '?'}")
        for d in (*found.items, *found.against):
            node.add(Node("overrides", f"article {d.winner.rule.article.num} overrides article "
                          f"{d.loser.rule.article.num} — {PRINCIPLE_WORDS.get(d.principle, d.principle)}",
                          _at(d.winner.rule.rule.span)))
        return root
    raise ValueError(f"not a claim explain answers: {ex.claim}")


def explain(answer: Answer, ex: A.Expectation, bundle=None) -> Node:
    """The tree for a claim: why it holds (one tree per conclusion that
    matches) or why not; for a decision claim, the vote (`explain_decision`);
    for the other claims, `explain_claim`."""
    if ex.claim not in ("norm", "violation", "excused", "decision"):
        return explain_claim(answer, ex, bundle)
    if ex.who == "draft":
        return explain_decision(answer, ex)
    assert ex.act is not None
    action, obj, tgt = _value(ex.act.verb), _value(ex.act.obj), _value(ex.act.target)
    statuses = {"obl", "oblm"} if ex.modality == "obl" else {ex.modality}   # `must` includes own-means duties
    found = [c for c in answer.conclusions
             if c.actor == ex.subject and c.status in statuses and c.action == action
             and (obj is None or c.object == obj) and (tgt is None or answer.towards(c, tgt)) and c.covers(ex.date)]
    root = Node("question", f"{_claim_words(ex)} on {ex.date.isoformat()}?", None)
    if not found:
        root.add(why_not(answer, ex))
        return root
    for c in found:
        root.add(why(answer, c, ex.date))
    return root
