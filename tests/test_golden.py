"""The golden scenarios: the expectations written in every bundled scenario
and in the made-up ones of tests/data (one test per `expect` line, named
file:line), and the law of the Iraq–Kuwait case asserted directly on the
typed answer."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

from pyrule import api
from pyrule.library import SCENARIO_SUFFIX, bundled, load_bundle, load_scenario
from pyrule.parse import parse_scenario

D = dt.date.fromisoformat
SCENARIOS = bundled("scenarios", SCENARIO_SUFFIX)


# made-up cases with their own test charters beside them (tests/data)
TEST_SCENARIOS = {str(p): p for p in sorted((Path(__file__).parent / "data").glob("*" + SCENARIO_SUFFIX))}


def _cases() -> list:
    out = []
    for name, path in {**SCENARIOS, **TEST_SCENARIOS}.items():
        for k, ex in enumerate(load_scenario(str(path)).expectations):
            out.append(pytest.param(name, k, id=f"{path.name}:{ex.span.line}"))
    return out


@functools.lru_cache(maxsize=None)
def _results(name: str) -> tuple:
    bundle = load_bundle(name)
    answer = api.answer_bundle(bundle)
    return tuple(api.run_expectations(answer, bundle.scenario, bundle))


@pytest.mark.parametrize("name, k", _cases())
def test_expectation(name, k):
    res = _results(name)[k]
    ex = res.expectation
    assert res.passed, f"{ex.span}: {res.detail}"


def test_every_bundled_scenario_has_expectations():
    assert "iraq-kuwait-1990" in SCENARIOS
    assert all(load_scenario(str(p)).expectations for p in SCENARIOS.values())


# ------------------------------------------------------------------ Iraq–Kuwait, directly


def members_on(answer: api.Answer, day: dt.date, org: str = "un") -> set[str]:
    n = day.toordinal()
    return {code for code, spans in answer.program.members.items()
            if any(o == org and s <= n < e for o, s, e in spans)}


def holding(answer, status, actor, action, target, day, obj=None):
    """The conclusions that say it, on that day, in every answer set."""
    every = frozenset(range(len(answer.positions)))
    return [c for c in api.query(answer, actor=actor, action=action, target=target, status=status, at=day)
            if (obj is None or c.object == obj) and c.models == every]


def test_every_member_but_iraq_must_apply_the_embargo_from_adoption(iraq_kuwait):
    a = iraq_kuwait
    day = D("1990-08-06")
    members = members_on(a, day)
    assert len(members) > 150 and "IRQ" in members and "FRA" in members
    obliged = {c.actor for c in a.conclusions
               if (c.status, c.action, c.object, c.target) == ("obl", "apply", "trade-embargo", "IRQ")
               and c.covers(day) and c.settled}
    assert obliged == members - {"IRQ"}
    fra = holding(a, "obl", "FRA", "apply", "IRQ", day, "trade-embargo")
    assert fra and ("un", "41") in fra[0].articles()


def test_no_one_must_apply_the_embargo_the_day_before(iraq_kuwait):
    day = D("1990-08-05")
    assert not [c for c in iraq_kuwait.conclusions
                if c.action == "apply" and c.object == "trade-embargo" and c.covers(day)]
    # ... and from the next day every member other than Iraq must
    after = {c.actor for c in iraq_kuwait.conclusions if c.status == "obl" and c.action == "apply"
             and c.object == "trade-embargo" and c.covers(D("1990-08-06"))}
    assert {"FRA", "USA", "KWT", "CHN"} <= after and "IRQ" not in after


def test_kuwait_may_defend_itself_from_the_day_of_the_attack(iraq_kuwait):
    a = iraq_kuwait
    (perm,) = holding(a, "perm", "KWT", "use-force", "IRQ", D("1990-08-02"))
    assert perm.start == D("1990-08-02")
    assert ("un", "51") in perm.articles()
    assert [e.date for e in perm.events()] == [D("1990-08-02")]
    assert not holding(a, "perm", "KWT", "use-force", "IRQ", D("1990-08-01"))
    assert holding(a, "forb", "KWT", "use-force", "IRQ", D("1990-08-01"))
    # the prohibition of Art 2(4) gives way to Art 51 by explicit exception
    defeats = [d for d in a.defeats if (d.actor, d.action, d.target) == ("KWT", "use-force", "IRQ")
               and d.start == D("1990-08-02")]
    assert defeats and all(d.principle == "exception" for d in defeats)
    assert {(d.loser.article, d.winner.article) for d in defeats} == {("2(4)", "51")}


def test_iraqs_invasion_violates_article_2_4(iraq_kuwait):
    (v,) = [v for v in iraq_kuwait.violations if v.actor == "IRQ" and v.covers(D("1990-08-02"))]
    assert (v.kind, v.action, v.target) == ("forb", "use-force", "KWT")
    assert v.basis.article == "2(4)"
    assert v.start == D("1990-08-02")
    # the act is Art 2(4)'s reading of the scenario's neutral "IRQ uses force
    # against KWT" of 2 August (the scenario no longer states the act itself)
    assert v.act.article == "2(4)"
    (event,) = v.act.facts
    assert event.date == D("1990-08-02") and event.fact.fact.kind == "force"
    assert v.contest is None


def test_the_coalitions_force_is_no_violation(iraq_kuwait):
    assert not [v for v in iraq_kuwait.violations if v.actor in ("USA", "GBR", "FRA", "SAU")]
    # they did use force that day, and were permitted to; Iraq's force is a violation
    day = D("1991-01-17")
    for state in ("USA", "GBR", "FRA", "SAU"):
        assert holding(iraq_kuwait, "perm", state, "use-force", "IRQ", day)
    assert [v.actor for v in iraq_kuwait.violations] == ["IRQ"]


def test_no_member_must_use_force_or_contribute_forces(iraq_kuwait):
    after = D("1991-01-16")
    bad = [c for c in iraq_kuwait.conclusions
           if c.status == "obl" and c.action in ("use-force", "contribute-forces")
           and (c.end is None or c.end > after)]
    assert bad == []
    # force is permitted to them, and other duties (the embargo) stand
    assert holding(iraq_kuwait, "perm", "GBR", "use-force", "IRQ", D("1991-01-20"))
    assert holding(iraq_kuwait, "obl", "GBR", "apply", "IRQ", D("1991-01-20"), "trade-embargo")


def test_usa_may_use_force_after_the_deadline_by_article_42(iraq_kuwait):
    a = iraq_kuwait
    (perm,) = holding(a, "perm", "USA", "use-force", "IRQ", D("1991-01-20"))
    assert perm.settled
    assert ("un", "42") in perm.articles()
    assert any(e.fact.event.resolution == "S/RES/678 (1990)" for e in perm.events())
    # an authorization is permission, never obligation
    assert not holding(a, "obl", "USA", "use-force", "IRQ", D("1991-01-20"))


def test_usa_permission_starts_on_the_effective_day_under_any_measure():
    a = api.run("iraq-kuwait-1990", settings={"IS-UNTIL": "any-measure"})
    assert not holding(a, "perm", "USA", "use-force", "IRQ", D("1991-01-15"))
    (perm,) = holding(a, "perm", "USA", "use-force", "IRQ", D("1991-01-16"))
    assert perm.start == D("1991-01-16")
    # under this reading Art 51 ended with Res 661, so only Art 42 is the ground
    (kwt,) = holding(a, "perm", "KWT", "use-force", "IRQ", D("1991-01-20"))
    assert ("un", "51") not in kwt.articles()


def test_is_until_contest_is_reported_per_position(iraq_kuwait):
    (c,) = [c for c in api.query(iraq_kuwait, actor="KWT", action="use-force", target="IRQ", status="perm",
                                 at=D("1990-09-15"))]
    assert not c.settled
    assert c.contest.switches == ("IS-UNTIL",)
    assert dict((pos[0], holds) for pos, holds in c.contest.outcomes) == {
        "any-measure": False, "replacing": True, "binding-order": True}
    # ... and the prohibition is its mirror image
    (f,) = [c for c in api.query(iraq_kuwait, actor="KWT", action="use-force", target="IRQ", status="forb",
                                 at=D("1990-09-15"))]
    assert dict((pos[0], holds) for pos, holds in f.contest.outcomes) == {
        "any-measure": True, "replacing": False, "binding-order": False}


def test_is_calls_upon_contest_for_the_withdrawal_demand(iraq_kuwait):
    (obl,) = api.query(iraq_kuwait, actor="IRQ", action="withdraw", status="obl", at=D("1990-08-03"))
    assert obl.contest.switches == ("IS-CALLS-UPON",)
    assert dict((p[0], h) for p, h in obl.contest.outcomes) == {"context": True, "only-decides": False}
    (rec,) = api.query(iraq_kuwait, actor="IRQ", action="withdraw", status="rec", at=D("1990-08-03"))
    assert dict((p[0], h) for p, h in rec.contest.outcomes) == {"context": False, "only-decides": True}


def test_the_council_may_decide_measures_once_it_has_determined_a_breach(iraq_kuwait):
    (power,) = holding(iraq_kuwait, "power", "council", "decide-measures", "IRQ", D("1990-08-02"))
    assert power.start == D("1990-08-02") and power.settled
    assert power.articles() == [("un", "39")]
    assert any(e.fact.event.resolution == "S/RES/660 (1990)" for e in power.events())
    assert not holding(iraq_kuwait, "power", "council", "decide-measures", "IRQ", D("1990-08-01"))


def test_iraq_is_not_bound_to_apply_measures_against_itself(iraq_kuwait):
    assert not [c for c in iraq_kuwait.conclusions if c.actor == "IRQ" and c.target == "IRQ"]
    # the other members are; and Iraq is bound not to use force against Kuwait
    assert holding(iraq_kuwait, "obl", "KWT", "apply", "IRQ", D("1990-08-07"), "trade-embargo")
    assert holding(iraq_kuwait, "forb", "IRQ", "use-force", "KWT", D("1990-08-07"))


# ------------------------------------------------------------------ found wrong


def _expectation(line: str):
    (ex,) = parse_scenario(f'scenario x "X" uses un.\n{line}\n', "x.scenario").expectations
    return ex


def test_the_universal_prohibition_answers_for_any_named_state(iraq_kuwait):
    res = api.check_expectation(iraq_kuwait,
                                _expectation("expect on 1990-08-07: FRA must not use-force against CUB (article 2(4))."))
    assert res.passed, res.detail


def test_a_settled_conclusion_cites_only_grounds_that_hold_on_every_reading(iraq_kuwait):
    (kwt,) = holding(iraq_kuwait, "perm", "KWT", "use-force", "IRQ", D("1991-01-20"))
    assert kwt.settled
    assert ("un", "51") not in kwt.articles()


def test_a_charter_named_twice_is_parsed_once(monkeypatch):
    """`--charter un` beside a scenario that already uses un: one charter,
    read and parsed once (the same file by name and by path too)."""
    from pyrule import parse
    from pyrule.resources import resource_dir
    parsed = []
    real = parse.parse_charter
    monkeypatch.setattr(parse, "parse_charter", lambda text, file: parsed.append(file) or real(text, file))
    un_path = str(resource_dir("charters") / "un.charter")
    bundle = load_bundle("iraq-kuwait-1990", ("un", un_path))
    # (general international law comes with the UN Charter: library.IMPLIED)
    assert [ch.id for ch in bundle.charters] == ["un", "general"]
    assert sum(1 for f in parsed if str(f).endswith("un.charter")) == 1
    assert len(parsed) == 2


def test_the_readme_says_which_bundled_scenario_leaves_which_point_open():
    """README's table "Where each contested point shows" is the switches that
    each bundled scenario leaves open (its answer sets differ on them), and
    every switch of the bundled charters is in it or named as engaged by none."""
    import re

    from pyrule.library import CHARTER_SUFFIX, load_charter

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Where each contested point shows"):text.index("## Limits")]
    table: dict[str, set[str]] = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            names, switches = line.strip("|").split("|")[:2]
            for name in re.findall(r"`([^`]+)`", names):
                table[name] = set(re.findall(r"`([^`]+)`", switches))
    assert set(table) == set(bundled("scenarios", SCENARIO_SUFFIX))
    for name, documented in table.items():
        answer = api.run(name)
        open_ = {s for pos in answer.positions for s in pos if len({p.get(s) for p in answer.positions}) > 1}
        assert open_ == documented, name
    declared = {sw.name for p in bundled("charters", CHARTER_SUFFIX).values() for sw in load_charter(str(p)).switches}
    shown = set().union(*table.values())
    tail = section[section.index("`IS-ART103-SCOPE` shows"):]
    prose = set(re.findall(r"`(IS-[A-Z0-9-]+)`", tail))
    assert declared <= shown | prose, declared - shown - prose
