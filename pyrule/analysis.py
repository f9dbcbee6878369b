"""Questions asked of the same rules: what if, what could, how much power.

Takes a `Bundle` (or charters alone, for voting power); gives
- `assume`: the bundle with one recorded vote changed, and `compare`: what
  that changes (decisions and conclusions gained or lost);
- `possible`: for a draft with unknown votes, whether it could pass, whether
  it must, and whose vote is decisive -- by clingo's brave and cautious
  reasoning over the completions (rules/possible.lp), not by enumeration;
- `power` (from pyrule/power.py): Shapley-Shubik and Banzhaf indices of every
  seat under the organ's encoded voting rule, counted exactly over classes of
  interchangeable seats (rules/power.lp), or estimated by sampling.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from clingo.symbol import Function, String

from . import ast as A
from .api import positions_for, prepare
from .compile import Program
from .errors import NameProblem, did_you_mean
from .library import Bundle
from .parse import parse_assumption
from .results import Answer, Conclusion, Decision
from .solve import consequences, engaged_switches, ground

# ------------------------------------------------------------------ what if


def assume(bundle: Bundle, text: str) -> tuple[Bundle, str]:
    """The bundle with one vote changed as `text` says ("RUS abstains on S/2022/155")."""
    state, way, draft, state_span, draft_span = parse_assumption(text)
    events = list(bundle.scenario.events)
    drafts = [ev.vote.symbol for ev in events if ev.vote]
    for k, ev in enumerate(events):
        if ev.vote is None or ev.vote.symbol != draft:
            continue
        vote = ev.vote
        if not any(st.value == state for _, states in vote.roll for st in states):
            voters = sorted(st.value for _, states in vote.roll for st in states)
            guess = did_you_mean(state, voters)
            raise NameProblem(f"{state} has no recorded vote on '{draft}'", state_span,
                              hint=f"did you mean '{guess}'?" if guess else f"voters: {', '.join(voters)}",
                              text=text)
        roll = [(w, tuple(st for st in states if st.value != state)) for w, states in vote.roll]
        if not any(w == way for w, _ in roll):
            roll.append((way, ()))
        roll = [(w, states + ((A.Const(state, state_span),) if w == way else ())) for w, states in roll]
        events[k] = dataclasses.replace(ev, vote=dataclasses.replace(vote, roll=tuple((w, s) for w, s in roll if s)))
        scenario = dataclasses.replace(bundle.scenario, events=tuple(events))
        verbs = {"yes": "votes for", "no": "votes against", "abstain": "abstains", "absent": "is absent",
                 "pnv": "does not vote"}
        return dataclasses.replace(bundle, scenario=scenario), f"{state} {verbs[way]} on {draft}"
    guess = did_you_mean(draft, drafts)
    raise NameProblem(f"no vote on '{draft}' in this scenario", draft_span,
                      hint=f"did you mean '{guess}'?" if guess else f"votes: {', '.join(drafts) or 'none'}",
                      text=text)


@dataclass(frozen=True)
class Changes:
    decisions: list[tuple[Decision, Decision]]          # (before, after) where the outcome differs
    gained: list[Conclusion]
    lost: list[Conclusion]


def _key(c: Conclusion) -> tuple:
    return (c.status, c.actor, c.action, c.object, c.target, c.start, c.end, c.contest is None)


def compare(before: Answer, after: Answer) -> Changes:
    was = {d.symbol: d for d in before.decisions}
    decisions = [(was[d.symbol], d) for d in after.decisions
                 if d.symbol in was and (was[d.symbol].adopted(), was[d.symbol].contest)
                 != (d.adopted(), d.contest)]
    old = {_key(c): c for c in before.conclusions}
    new = {_key(c): c for c in after.conclusions}
    return Changes(decisions, [new[k] for k in new.keys() - old.keys()], [old[k] for k in old.keys() - new.keys()])


# ------------------------------------------------------------------ what could


@dataclass(frozen=True)
class Possibility:
    draft: str
    unknown: tuple[str, ...]
    could_pass: bool
    must_pass: bool
    decisive: tuple[str, ...]
    open_switches: tuple[str, ...]


def possible(bundle: Bundle, draft: str, unknown: tuple[str, ...] = (), profile: str | None = None,
             settings: dict[str, str] | None = None, program: "Program | None" = None) -> Possibility:
    """Could `draft` pass, given the known votes? `unknown` turns recorded
    votes into unknown ones (`("all",)`: every vote). `program`: the bundle
    already checked and compiled (used only when `unknown` changes nothing)."""
    events = list(bundle.scenario.events)
    k = next((i for i, ev in enumerate(events) if ev.vote and ev.vote.symbol == draft), None)
    if k is None:
        drafts = [ev.vote.symbol for ev in events if ev.vote]
        guess = did_you_mean(draft, drafts)
        raise NameProblem(f"no vote on '{draft}' in this scenario",
                          hint=f"did you mean '{guess}'?" if guess else f"votes: {', '.join(drafts) or 'none'}")
    vote = events[k].vote
    assert vote is not None
    voters = {st.value for _, states in vote.roll for st in states}
    wanted = voters if "all" in unknown else set(unknown)
    stray = sorted(wanted - voters)
    if stray:
        raise NameProblem(f"{', '.join(stray)} cast no vote on '{draft}'",
                          hint=f"voters: {', '.join(sorted(voters))}")
    roll = [(w, tuple(st for st in states if st.value not in wanted)) for w, states in vote.roll]
    roll.append(("unknown", tuple(A.Const(s) for s in sorted(wanted))))
    events[k] = dataclasses.replace(events[k], vote=dataclasses.replace(vote, roll=tuple(r for r in roll if r[1])))
    bundle = dataclasses.replace(bundle, scenario=dataclasses.replace(bundle.scenario, events=tuple(events)))
    if program is None or wanted:
        program = prepare(bundle)
    fixed = positions_for(program, profile, settings or {})
    ctl = ground(program, fixed, ("possible.lp",), f"{Function('asked', [String(draft)])}.\n")
    open_switches = tuple(sorted(engaged_switches(ctl, [s for s in program.switches if s not in fixed])))
    adopted = Function("decision", [String(draft), Function("adopted")])
    brave = set(consequences(ctl, "brave", []))
    cautious = set(consequences(ctl, "cautious", []))
    decisive = sorted(a.arguments[1].string for a in brave if a.name == "decisive")
    unknown_now = tuple(sorted(st.value for w, states in events[k].vote.roll if w == "unknown" for st in states))
    return Possibility(draft, unknown_now, adopted in brave, adopted in cautious, tuple(decisive), open_switches)


# ------------------------------------------------------------------ voting power
# (its own module, pyrule/power.py; named here too, where it always was)

from .power import Power, SeatPower, power  # noqa: E402,F401
