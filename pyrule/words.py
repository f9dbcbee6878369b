"""Words: how facts, acts, statuses and readings are said.

Takes the typed results (`pyrule.results`) and the syntax tree; gives the
phrases both the explanations (`pyrule.explain`) and the renderers
(`pyrule.render`) use, so that a fact, an act or a reading reads the same
everywhere: "armed attack by IRQ on KWT", "use-force against any state",
"IS-UNTIL=binding-order or replacing".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Iterable

from . import ast as A
from .ast import STATUS_WORDS

__all__ = ["STATUS_WORDS", "PRINCIPLE_WORDS", "describe_fact", "action_words", "prep_of", "last_day",
           "contest_words", "readings_words", "article_words", "group_words"]

if TYPE_CHECKING:
    from .library import Roster
    from .results import Conclusion, Contest, Defeat, Excuse, Suspension, Violation

PRINCIPLE_WORDS = {"exception": "explicit exception", "lex_superior": "lex superior",
                   "lex_specialis": "lex specialis", "lex_posterior": "lex posterior"}


def describe_fact(f: A.Fact) -> str:
    a = [x.value if isinstance(x, A.Const) else (x.name if isinstance(x, A.Var) else None) for x in f.args]
    k = f.kind
    if k == "attack":
        return f"armed attack by {a[0]} on {a[1]}" + (f" in {a[2]}" if a[2] else "")
    if k == "force":
        return (f"{a[0]} uses force against {a[1]}" + (f" in {a[2]}" if a[2] else "")
                + (f" on a {a[3]} scale" if a[3] else "") + (f" causing {a[4]} harm" if a[4] else ""))
    if k == "lesser_force":
        return f"less grave use of force by {a[0]} on {a[1]}" + (f" in {a[2]}" if a[2] else "")
    if k == "threat":
        return f"armed attack by {a[0]} on {a[1]} is {a[2]}"
    if k == "membership":
        return f"{a[0]} is {'an' if str(a[1])[:1] in 'aeiou' else 'a'} {a[1]}"
    if k == "case":
        return f"case {a[0]} of {a[1]} against {a[2]}"
    if k == "dispute":
        return f"dispute between {a[0]} and {a[1]}"
    if k == "pending":
        return f"dispute between {a[0]} and {a[1]} is pending before the {a[2]}"
    if k == "request":
        return f"{a[0]} requests assistance"
    if k == "extradition":
        return f"{a[0]} requests extradition of {a[1]} from {a[2]}"
    if k == "cooperation":
        return f"{a[0]} cooperates with {a[1]}"
    if k == "domestic":
        return f"matter within the domestic jurisdiction of {a[0]}"
    if k == "distress":
        return f"extreme humanitarian distress in {a[0]}"
    if k == "unwilling":
        return f"{a[0]} is unable or unwilling to prevent attacks by {a[1]}"
    if k == "enforcement":
        return f"enforcement action against {a[0]}"
    if k == "agreement":
        return f"special agreement between {a[0]} and the {a[1]}"
    if k == "request_from":
        return f"{a[0]} requests assistance from " + (a[1] if a[1] else f"the members of {a[2]}")
    if k == "party_vote":
        return f"{a[0]} is party to the dispute in the {a[1]}'s vote on {a[2]} (chapter {a[3]})"
    if k == "consultation":
        return f"{a[0]} requests consultations" + (f" with the {a[1]}" if a[1] else "")
    if k == "consent":
        if a[1] == "invitation":
            return f"{a[0]} invites {a[2]}"
        return f"{a[0]} consents to {'force' if a[1] == 'force' else 'the presence of forces'} by {a[2]}"
    if k == "flag":
        return f"{a[0]} flies the flag of {a[1]}"
    if k == "destination":
        return f"{a[0]} is bound for {a[1]}"
    if k == "internal_conflict":
        return f"internal armed conflict in {a[0]}"
    if k == "suspension":
        return f"{a[0]} suspends its obligations under {a[1]} towards {a[2]} for breach of article {a[3]}"
    prep = f.prep or "against"
    if k in ("act", "omission"):
        tail = " ".join(x for x in (a[2], f"{prep} {a[3]}" if a[3] else None) if x)
        verb = a[1] if k == "act" else f"fails to {a[1]}"
        return " ".join(x for x in (a[0], verb, tail, f.place.words() if f.place else None,
                                    f"for the purpose of {f.purpose.value}" if f.purpose else None,
                                    f"under {f.plea.value}" if f.plea else None) if x)
    if k == "determination":
        article = "an" if (a[1] or "")[:1] in "aeiou" else "a"
        return f"the {a[0]} determines {article} {a[1]}" + (f" by {a[2]}" if a[2] else "")
    if k == "measures":
        return f"the {a[0]} decides measures {a[1]} against {a[2]}" + (f" under article {a[3]}" if a[3] else "")
    if f.purpose is not None or f.excluding:    # (an authorization's; an act's purpose is said above)
        return (describe_fact(dataclasses.replace(f, purpose=None, excluding=()))
                + (f" for the purpose of {f.purpose.value}" if f.purpose else "")
                + (" excluding " + ", ".join(e.value for e in f.excluding) if f.excluding else ""))
    if k in ("breach", "breached"):
        return (f"{a[0]} {'violates' if k == 'breach' else 'has violated'} article {a[2]}" + (f" of {a[1]}" if a[1] else "")
                + (f" against {a[3]}" if a[3] else ""))
    if k == "government":
        return f"{a[0]} is the government of {a[1]}"
    if k == "member_of":
        return f"{a[0]} is a member of {a[1]}"
    if k == "members_authorization":
        tail = " ".join(x for x in (a[2], a[3], f"{prep} {a[4]}" if a[4] else None) if x)
        return f"the {a[0]} authorizes the members of {a[1]} to {tail}"
    if k == "termination":
        return f"the {a[0]} terminates measures {a[1]} against {a[2]}"
    if k == "statement":
        tail = " ".join(x for x in (a[3], a[4], f"{prep} {a[5]}" if a[5] else None) if x)
        return f"the {a[0]}{' president' if a[6] else ''} {a[1]} {a[2]} {tail}"
    if k == "referral":
        return f"the {a[0]} refers the matter to the {a[1]}"
    if k == "report":
        return f"the {a[0]} reports on the dispute between {a[1]} and {a[2]}"
    if a[1] == A.ALL_STATES:
        a[1] = "all states"
    verbs = {"decision": "decides that", "demand": "demands that", "call": "calls upon",
             "recommendation": "recommends that", "authorization": "authorizes members cooperating with",
             "organ_authorization": "authorizes the", "provisional_measure": "indicates that",
             "judgment": "adjudges that"}
    tail = " ".join(x for x in (a[2], a[3], f"{prep} {a[4]}" if a[4] else None,
                                f.chapter.words() if f.chapter and k in A.CHAPTER_KINDS else None) if x)
    return f"the {a[0]} {verbs[k]} {a[1]} {'to ' if k in ('call', 'authorization', 'organ_authorization') else ''}{tail}"


def last_day(end: dt.date | None) -> str:
    return "" if end is None else (end - dt.timedelta(days=1)).isoformat()


def action_words(action: str, obj: str | None, target: str | None, prep: str | None = None) -> str:
    parts = [action]
    if obj:
        parts.append(obj)
    if target == "any":
        parts.append(f"{prep or 'against'} any state")
    elif target:
        parts.append(f"{prep or 'against'} {target}")
    return " ".join(parts)


def prep_of(c: "Conclusion | Violation | Excuse | Suspension | Defeat") -> str | None:
    """The preposition to show before the target: the one the norm's author
    wrote, or, where the norm takes its action from a fact ("X must A against
    T" for a demand), the one written in that fact."""
    from .results import Conclusion, Excuse, Suspension, Violation     # (results reads this module's words)

    basis = (c.bases[0] if isinstance(c, Conclusion) else c.basis if isinstance(c, (Violation, Excuse))
             else c.duty if isinstance(c, Suspension) else c.loser)
    rule = basis.rule.rule
    if not isinstance(rule, A.Norm):
        return None
    if isinstance(rule.act.verb, A.Var):
        for e in basis.events():
            if "action" in A.FACT_PLACES[e.fact.fact.kind] and e.fact.fact.prep:
                return e.fact.fact.prep
    return rule.act.prep


def contest_words(contest: Contest | None, yes: str = "yes", no: str = "no") -> str:
    """"contested — IS-X=a: yes; IS-X=b: no". Where two or more switches decide
    and one answer comes on fewer readings, those are named and the rest
    counted: "no on IS-CALLS-UPON=context, IS-UNTIL=binding-order; yes on the
    5 other readings"."""
    if contest is None:
        return "settled"
    def where(positions: tuple[str, ...]) -> str:
        return ", ".join(f"{s}={p}" for s, p in zip(contest.switches, positions))
    groups = {h: [pos for pos, holds in contest.outcomes if holds == h] for h in (True, False)}
    few = min(groups, key=lambda h: len(groups[h]))
    if len(contest.switches) > 1 and 0 < len(groups[few]) < len(groups[not few]):
        word = {True: yes, False: no}
        return (f"contested — {word[few]} on " + " or ".join(where(p) for p in groups[few])
                + f"; {word[not few]} on the {len(groups[not few])} other readings")
    return "contested — " + "; ".join(f"{where(pos)}: {yes if holds else no}" for pos, holds in contest.outcomes)


def readings_words(contest: Contest | None) -> str:
    """The readings on which something holds: "IS-UNTIL=binding-order or replacing"."""
    if contest is None:
        return "every reading"
    holding = [pos for pos, holds in contest.outcomes if holds]
    if len(contest.switches) == 1:
        return f"{contest.switches[0]}=" + " or ".join(p[0] for p in holding)
    return " or ".join("(" + ", ".join(f"{s}={p}" for s, p in zip(contest.switches, pos)) + ")" for pos in holding)


def article_words(articles: Iterable[tuple[str, str]], many_charters: bool) -> str:
    return ", ".join(f"{c} {n}" if many_charters else n for c, n in articles)


def group_words(actors: list[str], roster: "Roster", roles: dict[str, str], day: dt.date) -> str:
    """Actors in words: an organ by name; states as the members of an
    organisation, but a few ("every member of un but RUS (192)"), or listed."""
    if len(actors) == 1:
        return actors[0]
    have = set(actors)
    best = None
    for org in dict.fromkeys(roles.values()):
        holders = roster.holders(org, day)
        if not holders or not have <= holders:
            continue
        missing = sorted(holders - have)
        if len(missing) <= 4 and (best is None or len(missing) < len(best[1])):
            best = (org, missing, len(holders))
    if best:
        org, missing, n = best
        return f"every member of {org}" + (f" but {', '.join(missing)}" if missing else "") + f" ({len(have)})"
    orgs = [o for o in dict.fromkeys(roles.values()) if roster.holders(o, day)]
    for o1 in orgs:
        h1 = roster.holders(o1, day)
        for o2 in orgs:
            if o2 == o1:
                continue
            h2 = roster.holders(o2, day)
            for words, got in ((f"every member of both {o1} and {o2}", h1 & h2),
                               (f"every member of {o1} not in {o2}", h1 - h2)):
                extra = sorted(got - have)
                if have <= got and len(extra) <= 2 and got:
                    return words + (f" but {', '.join(extra)}" if extra else "") + f" ({len(have)})"
    shown = sorted(have)
    return ", ".join(shown) if len(shown) <= 8 else f"{len(shown)} states: {', '.join(shown[:8])}, …"
