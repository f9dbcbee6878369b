"""The public API: run a scenario, filter its conclusions, test its expectations.

Takes a scenario (bundled name or path), optional extra charters and switch
settings; gives an `Answer` (see `pyrule.results`). `query` filters the
conclusions the way `pyrule query` does; `run_expectations` checks the
scenario's `expect` lines and says, for each, what was found.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, replace
from typing import Callable

from . import ast as A
from .check import check_bundle
from .compile import Program, compile_bundle
from .errors import CheckProblem, NameProblem, did_you_mean
from . import cache
from .library import Bundle, load_bundle, sources_of
from .results import Answer, Conclusion, Excuse, Violation, build_answer
from .solve import solve


def positions_for(program: Program, profile: str | None, settings: dict[str, str]) -> dict[str, str]:
    """Switch positions to fix: settled readings, those of a named profile,
    then explicit ones (which may reopen history: `--set IS-ABSTENTION=blocks`)."""
    fixed: dict[str, str] = {s.name: s.settled for s in program.switches.values() if s.settled}
    if profile is not None:
        if profile != "prevailing":
            raise NameProblem(f"unknown profile '{profile}'", expected="prevailing")
        fixed.update({s.name: s.prevailing for s in program.switches.values() if s.prevailing})
    for sw, pos in settings.items():
        if sw not in program.switches:
            guess = did_you_mean(sw, program.switches)
            raise NameProblem(f"unknown interpretation switch '{sw}'",
                              hint=f"did you mean '{guess}'?" if guess else
                              f"the loaded charters declare: {', '.join(sorted(program.switches)) or 'none'}")
        names = [p.name for p in program.switches[sw].positions]
        if pos not in names:
            guess = did_you_mean(pos, names)
            raise NameProblem(f"{sw} has no position '{pos}'", expected=", ".join(names),
                              hint=f"did you mean '{guess}'?" if guess else None)
        fixed[sw] = pos
    return fixed


def prepare(bundle: Bundle) -> Program:
    """Check, then compile: the stages between loading and solving."""
    check_bundle(bundle)
    return compile_bundle(bundle)


def load(scenario: str, charters: tuple[str, ...] = (), use_cache: bool = True) -> tuple[Bundle, Program]:
    """Load, check and compile a scenario, or take what an earlier run made of
    the same files from the cache (see `pyrule.cache`)."""
    sources = sources_of(scenario, charters) if use_cache and cache.enabled() else None
    entry = cache.key(sources, "\0".join(charters)) if sources is not None else None
    if entry is not None:
        got = cache.get(entry)
        if isinstance(got, tuple) and len(got) == 2:
            return got
    bundle = load_bundle(scenario, charters)
    program = prepare(bundle)
    # stored only if the files read are those the key was made of
    if entry is not None and list(bundle.sources) == sources:
        cache.put(entry, (dataclasses.replace(bundle, sources=()), program.for_cache()))
    return bundle, program


def answer_bundle(bundle: Bundle, profile: str | None = None,
                  settings: dict[str, str] | None = None, explaining: bool = False,
                  program: Program | None = None) -> Answer:
    """Solve a bundle (`program`: already compiled, e.g. from `load`)."""
    for ev in bundle.scenario.events:
        if ev.vote and any(way == "unknown" for way, _ in ev.vote.roll):
            raise CheckProblem(f"the vote on '{ev.vote.symbol}' has unknown ballots, so its outcome is not a fact",
                               ev.vote.span, hint=f"ask `pyrule possible \"{ev.vote.symbol}\"` what it could do")
    if program is None:
        program = prepare(bundle)
    fixed = positions_for(program, profile, settings or {})
    return build_answer(program, solve(program, fixed, explaining))


def run(scenario: str, charters: tuple[str, ...] = (), profile: str | None = None,
        settings: dict[str, str] | None = None, explaining: bool = False, use_cache: bool = True) -> Answer:
    """Load, check, compile and solve a scenario (`explaining`: with what
    explanations of why something does not hold read, see `solve`)."""
    bundle, program = load(scenario, charters, use_cache)
    return answer_bundle(bundle, profile, settings, explaining, program)


def query(answer: Answer, *, actor: str | None = None, action: str | None = None,
          target: str | None = None, status: str | None = None,
          at: dt.date | None = None) -> list[Conclusion]:
    """The conclusions that match every filter given."""
    out = []
    for c in answer.conclusions:
        if actor and c.actor != actor:
            continue
        if action and c.action != action:
            continue
        if target and not answer.towards(c, target):
            continue
        if status and c.status != status and not (status == "obl" and c.status == "oblm"):
            continue
        if at and not c.covers(at):
            continue
        if at:
            # on a given day, only the grounds in force that day, already in place
            c = c.on(at)
            kept = [(b, ks) for b, ks in zip(c.bases, c.basis_models) if all(e.date <= at for e in b.events())]
            if kept:
                c = replace(c, bases=tuple(b for b, _ in kept), basis_models=tuple(ks for _, ks in kept))
        out.append(c)
    return out


# ------------------------------------------------------------------ expectations


@dataclass(frozen=True)
class ExpectationResult:
    expectation: A.Expectation
    passed: bool
    detail: str


def _term(t: A.Term | A.AnyState | None) -> str | None:
    if isinstance(t, A.AnyState):
        return "any"
    return t.value if isinstance(t, A.Const) else None


def _matches(answer: Answer, c: Conclusion | Violation | Excuse, ex: A.Expectation, actor: str) -> bool:
    obj, tgt = _term(ex.act.obj), _term(ex.act.target)
    return (c.actor == actor and c.action == _term(ex.act.verb) and c.covers(ex.date)
            and (obj is None or c.object == obj) and (tgt is None or answer.towards(c, tgt)))


def _models_where(answer: Answer, ex: A.Expectation) -> frozenset[int]:
    wanted = {u.switch: u.position for u in ex.under}
    return frozenset(k for k, pos in enumerate(answer.positions)
                     if all(pos.get(s) == p for s, p in wanted.items()))


def _actors(answer: Answer, ex: A.Expectation) -> list[str]:
    if ex.who in ("one", "organ"):
        return [ex.subject]
    holders = answer.program.roster.holders(answer.program.roles[ex.subject], ex.date)
    return sorted(holders - set(ex.other_than))


def _articles_within(c: Conclusion | Violation | Excuse, models: frozenset[int]) -> list[tuple[str, str]]:
    """The articles a conclusion rests on in every one of the given answer sets
    (an excuse's: the rule the act would have broken, and the article that
    precludes its wrongfulness)."""
    if isinstance(c, Excuse):
        return [*c.basis.articles(), c.article]
    if isinstance(c, Violation):
        return c.basis.articles()
    need = models & c.models
    firm = [b for b, ks in zip(c.bases, c.basis_models) if ks >= need] or list(c.bases)
    return list(dict.fromkeys(a for b in firm for a in b.articles()))


def _turns(answer: Answer, ex: A.Expectation, holding: frozenset[int], models: frozenset[int]) -> bool:
    """`... is contested on IS-X [and IS-Y]`: the answer turns on each switch named."""
    from .claims import turns_on

    return all(turns_on(holding, models, answer.positions, s.switch) for s in ex.contested_on)


def _check_decision(answer: Answer, ex: A.Expectation, models: frozenset[int]) -> ExpectationResult:
    dec = next(d for d in answer.decisions if d.symbol == ex.subject)
    adopted = dec.adopted_in & models
    if ex.contested:
        ok = bool(adopted) and adopted != models and _turns(answer, ex, adopted, models)
    elif ex.negated:
        ok = not adopted
    else:
        ok = adopted == models
    detail = (f"adopted in {len(adopted)} of {len(models)} answer sets"
              + (f"; blocked by {', '.join(sorted(dec.blocked_by))}" if dec.blocked_by else "")
              + "; votes " + ", ".join(f"{w} {n}" for w, n in sorted(dec.tallies.items())))
    wanted = {r.num for r in ex.sources}
    cited = {num for _, num in dec.articles}
    if ok and wanted - cited:
        ok = False
        detail += f"; decided by article {', '.join(sorted(cited))}, not {', '.join(sorted(wanted - cited))}"
    return ExpectationResult(ex, ok, detail)


def _check_found(answer: Answer, ex: A.Expectation, models: frozenset[int], holding: frozenset[int],
                 what: str) -> ExpectationResult:
    holding = holding & models
    if ex.contested:
        ok = bool(holding) and holding != models and _turns(answer, ex, holding, models)
    elif ex.negated:
        ok = not holding
    else:
        ok = holding == models
    detail = f"{what} holds in {len(holding)} of {len(models)} answer sets"
    return ExpectationResult(ex, ok, detail)


def _check_claim(answer: Answer, ex: A.Expectation, models: frozenset[int],
                 could_adopt: Callable[[A.Expectation], bool] | None) -> ExpectationResult:
    from . import claims
    from .findings import unread_facts

    if ex.claim == "adopt":
        if could_adopt is None:
            raise CheckProblem("'may adopt' needs the scenario's votes re-solved: check it with `pyrule test`",
                               ex.span)
        ok = could_adopt(ex)
        return ExpectationResult(ex, ok != ex.negated,
                                 f"{ex.subject} {'could' if ok else 'could not'} be adopted on the known votes")
    if ex.claim == "unread":
        found = claims.unread(answer, ex, unread_facts(answer.program))
        if found.note:
            return ExpectationResult(ex, False, found.note)
        return _check_found(answer, ex, models, found.holding, "unread")
    found = {"conflict": claims.conflict, "defeat": claims.defeat, "authorizes": claims.authorizes,
             "complies": claims.complies}[ex.claim](answer, ex)
    result = _check_found(answer, ex, models, found.holding, ex.claim)
    if ex.claim == "complies" and ex.act is not None and not found.acts:
        return ExpectationResult(ex, ex.negated, f"no act of {ex.subject} on record that day does that")
    return result


def check_expectation(answer: Answer, ex: A.Expectation,
                      could_adopt: Callable[[A.Expectation], bool] | None = None) -> ExpectationResult:
    models = _models_where(answer, ex)
    if not models:
        return ExpectationResult(ex, False, "no answer set has the switch positions this expectation names")
    if ex.claim not in ("norm", "violation", "excused", "decision"):
        return _check_claim(answer, ex, models, could_adopt)
    if ex.who == "draft":
        return _check_decision(answer, ex, models)
    # `must` is met by an obligation whose means are the bearer's to choose, too;
    # `must ..., choosing its own means` only by such an obligation
    statuses = {"obl", "oblm"} if ex.modality == "obl" else {ex.modality}
    pool: list = (answer.excuses if ex.claim == "excused" else answer.violations) if ex.modality is None else [
        c for c in answer.conclusions if c.status in statuses]
    wanted_articles = {r.num for r in ex.sources}
    failures: list[str] = []
    actors = _actors(answer, ex)
    for actor in actors:
        found = [c for c in pool if _matches(answer, c, ex, actor)]
        tgt = _term(ex.act.target)
        holding = frozenset().union(*((c.models if tgt is None else answer.covering(c, tgt)) & models
                                      for c in found)) if found else frozenset()
        if ex.who == "none" or ex.negated:
            if holding:
                failures.append(f"{actor}: holds in {len(holding)} of {len(models)} answer sets")
            continue
        if ex.contested:
            if not holding or holding == models:
                failures.append(f"{actor}: {'holds in every' if holding else 'holds in no'} answer set, "
                                "so it is not contested")
            elif not _turns(answer, ex, holding, models):
                failures.append(f"{actor}: contested, but not on {' and '.join(s.switch for s in ex.contested_on)}")
            continue
        if holding != models:
            failures.append(f"{actor}: holds in {len(holding)} of {len(models)} answer sets")
            continue
        cited = {num for c in found for _, num in
                 _articles_within(c.on(ex.date) if isinstance(c, Conclusion) else c, models)}
        missing = wanted_articles - cited
        if missing:
            failures.append(f"{actor}: holds, but not by article {', '.join(sorted(missing))} "
                            f"(cited: {', '.join(sorted(cited))})")
    if not actors:
        failures.append(f"no {ex.subject} on {ex.date.isoformat()}")
    if failures:
        shown = "; ".join(failures[:3]) + (f"; and {len(failures) - 3} more" if len(failures) > 3 else "")
        return ExpectationResult(ex, False, shown)
    return ExpectationResult(ex, True, f"checked for {len(actors)} actor(s) in {len(models)} answer set(s)")


def run_expectations(answer: Answer, scenario: A.Scenario, bundle: Bundle | None = None,
                     profile: str | None = None, settings: dict[str, str] | None = None) -> list[ExpectationResult]:
    """Check a scenario's expectations against one answer. An expectation
    `under` a position other than a settled one is checked against an answer
    solved with that position (settled readings are otherwise fixed)."""
    switches = answer.program.switches
    reopened: dict[frozenset, Answer] = {}
    results = []
    for ex in scenario.expectations:
        if ex.who in ("every", "none") and ex.subject not in answer.program.roles:
            raise CheckProblem(f"unknown role '{ex.subject}'", ex.span)
        unsettle = frozenset((u.switch, u.position) for u in ex.under
                             if u.switch in switches and switches[u.switch].settled not in (None, u.position))
        target = answer
        if unsettle:
            if unsettle not in reopened:
                fixed = {s: switches[s].settled for s in switches if switches[s].settled} | dict(unsettle)
                reopened[unsettle] = build_answer(answer.program, solve(answer.program, fixed))
            target = reopened[unsettle]
        elif answer.groups and ex.under:
            # switches solved apart (see `pyrule.solve`): the answer sets stand
            # for all combinations only together, so the positions named are
            # fixed and the rest solved again
            under = frozenset((u.switch, u.position) for u in ex.under)
            if under not in reopened:
                fixed = positions_for(answer.program, profile, settings or {}) | dict(under)
                reopened[under] = build_answer(answer.program, solve(answer.program, fixed))
            target = reopened[under]
        results.append(check_expectation(target, ex, _could_adopt(bundle, profile, settings)))
    return results


def _could_adopt(bundle: Bundle | None, profile: str | None, settings: dict[str, str] | None):
    """`the ORGAN may adopt "DRAFT"`: could the draft pass on the votes known,
    on some reading (`pyrule possible`)?"""
    if bundle is None:
        return None

    def ask(ex: A.Expectation) -> bool:
        from .analysis import possible

        fixed = dict(settings or {}) | {u.switch: u.position for u in ex.under}
        return possible(bundle, ex.subject, (), profile, fixed).could_pass

    return ask
