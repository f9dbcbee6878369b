"""Whether an answer bears out a claim that is not a plain deontic one.

Takes an `Answer` and a claim (an `Expectation` from an `expect` line or an
`explain` question); gives, for each kind of claim, the answer sets in which
it holds and the items of the answer it rests on:

- `conflict`: an unresolved clash over an act (`conflict for X: ACT`);
- `defeat`: what one article says about an act overrides another's
  (`article 51 prevails over article 2(4) for X: ACT`);
- `unread`: a fact of the scenario that no rule reads;
- `authorizes`: the text adopted as R is among the grounds of a permission
  (`"S/RES/678" authorizes use-force by GBR against IRQ`);
- `complies`: no violation of an article by X that day, and, with an act,
  X did what the article obliged it to (`GBR complies with article 25 by
  apply trade-embargo against IRQ`);
- `turns_on`: whether an answer that holds in some answer sets only turns on
  a given switch (`... is contested on IS-UNTIL`).

Whether a draft could be adopted (`the council may adopt "S/..."`) needs
the votes re-solved, which `pyrule.analysis.possible` does.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from . import ast as A
from .results import Answer, Basis


@dataclass(frozen=True)
class Found:
    """What a claim rests on: the answer sets in which it holds, and the items
    (conclusions, conflicts, defeats, violations, facts) that make it so, or
    that stand against it."""

    holding: frozenset[int]
    items: tuple[Any, ...] = ()
    against: tuple[Any, ...] = ()
    note: str = ""
    acts: tuple[Any, ...] = field(default=())     # the acts on record a compliance claim rests on


def value(t: A.Term | A.AnyState | None) -> str | None:
    if isinstance(t, A.AnyState):
        return "any"
    return t.value if isinstance(t, A.Const) else None


def _act_fits(answer: Answer, item: Any, actor: str, act: A.ActSpec, day: dt.date) -> bool:
    obj, tgt = value(act.obj), value(act.target)
    return (item.actor == actor and item.action == value(act.verb) and item.covers(day)
            and (obj is None or item.object == obj) and (tgt is None or answer.towards(item, tgt)))


def _where(answer: Answer, item: Any, act: A.ActSpec) -> frozenset[int]:
    tgt = value(act.target)
    return item.models if tgt is None else answer.covering(item, tgt)


def _nums(basis: Basis) -> set[str]:
    return {num for _, num in basis.articles()}


def turns_on(holding: frozenset[int], models: frozenset[int], positions: list[dict[str, str]],
             switch: str) -> bool:
    """Two answer sets among `models` that differ only in the position of
    `switch` disagree about the claim."""
    by_rest: dict[tuple, set[bool]] = defaultdict(set)
    for k in models:
        pos = positions[k]
        if switch not in pos:
            return False
        by_rest[tuple(sorted((s, p) for s, p in pos.items() if s != switch))].add(k in holding)
    return any(len(v) == 2 for v in by_rest.values())


def conflict(answer: Answer, ex: A.Expectation) -> Found:
    assert ex.act is not None
    wanted = {r.num for r in ex.sources}
    found = [c for c in answer.conflicts if _act_fits(answer, c, ex.subject, ex.act, ex.date)
             and wanted <= _nums(c.obliging) | _nums(c.forbidding)]
    holding = frozenset().union(*(_where(answer, c, ex.act) for c in found)) if found else frozenset()
    return Found(holding, tuple(found))


def defeat(answer: Answer, ex: A.Expectation) -> Found:
    assert ex.act is not None and ex.winner is not None and ex.loser is not None
    found = [d for d in answer.defeats if _act_fits(answer, d, ex.subject, ex.act, ex.date)
             and d.winner.article == ex.winner.num and d.loser.article == ex.loser.num]
    holding = frozenset().union(*(_where(answer, d, ex.act) for d in found)) if found else frozenset()
    # the other defeats over the same act, to say what did happen
    others = [d for d in answer.defeats if _act_fits(answer, d, ex.subject, ex.act, ex.date) and d not in found]
    return Found(holding, tuple(found), tuple(others))


def unread(answer: Answer, ex: A.Expectation, unread_infos: list) -> Found:
    """`unread_infos`: `pyrule.findings.unread_facts` of the program. The
    claim names the fact as the scenario writes it, on the day it starts."""
    assert ex.fact is not None
    everywhere = frozenset(range(len(answer.positions)))
    same = [f for f in answer.program.fluents.values() if f.fact == ex.fact and f.start == ex.date]
    found = [f for f in unread_infos if f.fact == ex.fact and f.start == ex.date]
    note = "" if same else f"the scenario records no such fact starting on {ex.date.isoformat()}"
    return Found(everywhere if found else frozenset(), tuple(found), tuple(same), note)


def _rests_on(basis: Basis, resolution: str) -> bool:
    return any(e.fact.event.resolution == resolution for e in basis.events())


def authorizes(answer: Answer, ex: A.Expectation) -> Found:
    """A permission of the actor for the act that day whose grounds include
    a clause of the text adopted as `resolution` (in the answer sets where
    that ground holds)."""
    assert ex.act is not None and ex.resolution is not None
    holding: set[int] = set()
    items = []
    for c in answer.conclusions:
        if c.status != "perm" or not _act_fits(answer, c, ex.subject, ex.act, ex.date):
            continue
        where = _where(answer, c, ex.act)
        c = c.on(ex.date)
        for b, ks in zip(c.bases, c.basis_models):
            if not b.entailed and _rests_on(b, ex.resolution):
                holding |= ks & where
                items.append((c, b))
    others = [c for c in answer.conclusions if c.status == "perm" and
              _act_fits(answer, c, ex.subject, ex.act, ex.date) and not any(c is x for x, _ in items)]
    return Found(frozenset(holding), tuple(items), tuple(others))


def _below(answer: Answer, lower: str, upper: str) -> bool:
    seen = {lower}
    while lower != upper:
        decl = answer.program.actions.get(lower)
        nxt = decl.kind_of.value if decl is not None and decl.kind_of is not None else None
        if nxt is None or nxt in seen:
            return False
        seen.add(nxt)
        lower = nxt
    return True


def _article_of(basis: Basis, ex: A.Expectation) -> bool:
    """The rule is in the article, or cites it (a rule of Art 41 citing Art 25)."""
    assert ex.article is not None
    return any(num == ex.article.num and (ex.charter is None or ch == ex.charter) for ch, num in basis.articles())


def complies(answer: Answer, ex: A.Expectation) -> Found:
    """No violation of the article by the actor that day (in the answer sets
    where none holds); with an act, also a duty under the article that the
    act the scenario records that day performs (the act itself, or one of
    its kinds: a duty to give assistance is met by supplying arms). A breach
    whose wrongfulness a circumstance precludes is no compliance either (the
    duty stands: ARSIWA Art 27(a)); it is among what stands against."""
    everywhere = frozenset(range(len(answer.positions)))
    broken = [v for v in (*answer.violations, *answer.excuses)
              if v.actor == ex.subject and v.covers(ex.date) and _article_of(v.basis, ex)]
    holding = everywhere - frozenset().union(*(v.models for v in broken)) if broken else everywhere
    if ex.act is None:
        return Found(holding, (), tuple(broken))
    act = ex.act
    done = [f for f in answer.program.fluents.values()
            if f.fact.kind == "act" and value(f.fact.args[0]) == ex.subject
            and _below(answer, value(f.fact.args[1]) or "", value(act.verb) or "")
            and (act.obj is None or value(f.fact.args[2]) == value(act.obj))
            and (act.target is None or value(f.fact.args[3]) == value(act.target))
            and f.start <= ex.date < _end_of(answer, f)]
    duties = []
    owed: set[int] = set()
    for c in answer.conclusions:
        if c.status not in ("obl", "oblm") or c.actor != ex.subject or not c.covers(ex.date):
            continue
        if not (_below(answer, value(act.verb) or "", c.action) or _below(answer, c.action, value(act.verb) or "")):
            continue
        if (act.obj is not None and c.object not in (None, value(act.obj))) or \
                (act.target is not None and not answer.towards(c, value(act.target) or "")):
            continue
        c = c.on(ex.date)
        for b, ks in zip(c.bases, c.basis_models):
            if _article_of(b, ex):
                duties.append(c)
                owed |= ks
    performs = frozenset(owed) if done else frozenset()
    return Found(holding & performs, tuple(duties), tuple(broken), acts=tuple(done))


def _end_of(answer: Answer, info) -> dt.date:
    end = answer.fact_ends.get(info.id)
    if end is not None:
        return end
    lasting = info.fact.lasting
    if lasting is not None:
        return lasting                  # a date, or CONTINUING (the last date there is)
    return info.start + dt.timedelta(days=1)
