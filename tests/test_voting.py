"""Voting: adoption derived from roll calls (Arts 18 and 27 and their
contested points), what-if (--assume), `pyrule possible`, `pyrule power`,
League unanimity and NATO consensus in the same language, and the bundled
scenarios' derived decisions.

Scenarios are written inline into tmp_path; each roll call is built from the
bundled membership tables (read here independently of pyrule), so it names
every seat exactly once.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import math
from pathlib import Path

import pytest

from pyrule import analysis, api
from pyrule.errors import CheckProblem, NameProblem
from pyrule.library import load_bundle
from pyrule.resources import resource_dir

MEMBERSHIP = resource_dir("charters") / "membership"


# ------------------------------------------------------------------ helpers


def seats(org: str, on: str) -> list[str]:
    """Who sits in `org` on day `on`, read straight from the TSV table."""
    path = MEMBERSHIP / f"{org}.tsv"
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [r["code"] for r in csv.DictReader(rows, delimiter="\t")
            if r["from"] <= on and (not r["until"] or on < r["until"])]


def permanent(on: str) -> list[str]:
    return seats("un-p5", on)


def elected(on: str) -> list[str]:
    p5 = set(permanent(on))
    return [s for s in seats("un-council", on) if s not in p5]


def roll(on: str, *, yes=(), no=(), absent=(), pnv=(), unknown=(), org: str = "un-council") -> str:
    """A full roll call: the seats not named abstain."""
    seated = seats(org, on)
    named = [*yes, *no, *absent, *pnv, *unknown]
    assert len(named) == len(set(named)) and set(named) <= set(seated), (named, seated)
    rest = [s for s in seated if s not in named]
    parts = [f"{word} {', '.join(states)}" for word, states in
             (("for", yes), ("against", no), ("abstain", rest), ("not voting", pnv), ("absent", absent),
              ("unknown", unknown)) if states]
    return "; ".join(parts)


def council_vote(draft: str, on: str, kind: str = "", text: str = "", organ: str = "council", **ways) -> str:
    org = ways.pop("org", "un-council")
    body = f'on {on}: the {organ} votes on "{draft}"{(" " + kind) if kind else ""}:\n  {roll(on, org=org, **ways)}.\n'
    if text:
        body += f"  text: {text}.\n"
    return body


def scenario_text(name: str, *events: str, uses: str = "un") -> str:
    return f'scenario {name} "{name}" uses {uses}.\n' + "".join(events)


@pytest.fixture
def scenario(tmp_path: Path):
    """`scenario(event, ...)` writes a scenario using the UN Charter and gives its path."""
    count = itertools.count()

    def _make(*events: str, uses: str = "un") -> Path:
        name = f"v{next(count)}"
        path = tmp_path / f"{name}.scenario"
        path.write_text(scenario_text(name, *events, uses=uses), encoding="utf-8")
        return path

    return _make


def decisions(path: Path | str, **kw) -> dict:
    return {d.symbol: d for d in api.run(str(path), **kw).decisions}


def outcome_table(d) -> dict:
    assert d.contest is not None
    return dict(d.contest.outcomes)


def all_models(d) -> frozenset[int]:
    return frozenset().union(*d.counted_as.values())


# ------------------------------------------------------------------ 1. the 1965 amendment

ON_1960 = "1960-05-02"
ON_1966 = "1966-05-02"


def test_council_compositions_used_by_these_tests():
    # the premises of the tests below, from the bundled data
    assert sorted(seats("un-council", ON_1960)) == sorted("CHN FRA GBR SUN USA ARG ITA TUN POL ECU LKA".split())
    assert sorted(seats("un-council", ON_1966)) == sorted(
        "CHN FRA GBR SUN USA NLD URY JOR ARG BGR JPN NGA MLI NZL UGA".split())
    assert sorted(permanent(ON_1960)) == ["CHN", "FRA", "GBR", "SUN", "USA"]
    assert sorted(permanent("2024-03-01")) == ["CHN", "FRA", "GBR", "RUS", "USA"]


@pytest.mark.parametrize("on, n_yes, adopted", [
    (ON_1960, 7, True),
    (ON_1960, 8, True),
    ("1965-08-30", 7, True),      # the day before the amendment entered into force
    (ON_1966, 7, False),
    (ON_1966, 8, False),
    (ON_1966, 9, True),
])
def test_1965_amendment_counts_affirmative_votes(scenario, on, n_yes, adopted):
    yes = permanent(on) + elected(on)[: n_yes - 5]
    path = scenario(council_vote("D", on, yes=yes))
    d = decisions(path)["D"]
    assert d.tallies["yes"] == n_yes and d.tallies["no"] == 0
    assert d.adopted() is adopted
    assert d.contest is None and not d.blocked_by
    assert d.articles == (("un", "27"),)
    assert set(d.counted_as) == {"other"}


def test_1965_amendment_for_procedural_matters(scenario):
    # procedural: any seven (1960) or nine (1966); permanent members may vote against
    p60 = permanent(ON_1960)
    p66 = permanent(ON_1966)
    path = scenario(
        council_vote("P60", ON_1960, "as a procedural matter", yes=p60[:2] + elected(ON_1960)[:5], no=p60[2:]),
        council_vote("P66-8", ON_1966, "as a procedural matter", yes=p66[:2] + elected(ON_1966)[:6], no=p66[2:]),
        council_vote("P66-9", ON_1966, "as a procedural matter", yes=p66[:2] + elected(ON_1966)[:7], no=p66[2:]),
    )
    ds = decisions(path, settings={"IS-DOUBLE-VETO": "no"})
    assert ds["P60"].adopted() is True
    assert ds["P66-8"].adopted() is False
    assert ds["P66-9"].adopted() is True
    for d in ds.values():
        assert not d.blocked_by and set(d.counted_as) == {"procedural"}
        assert d.articles == (("un", "27"),)


# ------------------------------------------------------------------ 2. the veto and the double veto

ON = "2024-03-01"
P5 = ["CHN", "FRA", "GBR", "RUS", "USA"]
NOT_RUS = ["CHN", "FRA", "GBR", "USA"]


@pytest.fixture
def veto_scenario(scenario):
    ten = NOT_RUS + elected(ON)[:6]
    return scenario(
        council_vote("NP", ON, yes=ten, no=["RUS"]),
        # the double veto needs the preliminary question put to the vote: RUS votes against it too
        f'on 2024-03-02: the council votes on whether "P" is procedural:\n  {roll("2024-03-02", yes=ten, no=["RUS"])}.\n',
        council_vote("P", "2024-03-02", "as a procedural matter", yes=ten, no=["RUS"]),
    )


def test_permanent_member_blocks_non_procedural_but_not_procedural(veto_scenario):
    ds = decisions(veto_scenario, settings={"IS-DOUBLE-VETO": "no"})
    assert ds["NP"].adopted() is False
    assert set(ds["NP"].blocked_by) == {"RUS"}
    assert ds["NP"].tallies == {"yes": 10, "no": 1}
    assert ds["P"].adopted() is True
    assert not ds["P"].blocked_by
    assert set(ds["P"].counted_as) == {"procedural"}


def test_double_veto_open_makes_the_procedural_vote_contested(veto_scenario):
    ds = decisions(veto_scenario)
    p = ds["P"]
    assert p.adopted() is None
    assert p.contest.switches == ("IS-DOUBLE-VETO",)
    assert outcome_table(p) == {("no",): True, ("yes",): False}
    # the non-procedural draft is blocked on every reading
    assert ds["NP"].adopted() is False and ds["NP"].contest is None


def test_double_veto_yes_blocks_the_procedural_vote(veto_scenario):
    p = decisions(veto_scenario, settings={"IS-DOUBLE-VETO": "yes"})["P"]
    assert p.adopted() is False
    assert set(p.blocked_by) == {"RUS"}
    assert set(p.counted_as) == {"other"}


def test_elected_members_negative_votes_never_block(scenario):
    e = elected(ON)
    path = scenario(
        # nine for (five permanent), the six other elected members against
        council_vote("E9", ON, yes=P5 + e[:4], no=e[4:]),
        # eight for: fails, but nobody blocked it
        council_vote("E8", ON, yes=P5 + e[:3], no=e[3:]),
        # the same eight with the elected members abstaining instead
        council_vote("E8a", ON, yes=P5 + e[:3]),
        # a procedural draft opposed only by elected members engages no double veto
        council_vote("EP", ON, "as a procedural matter", yes=P5 + e[:4], no=e[4:]),
    )
    ds = decisions(path)
    assert ds["E9"].adopted() is True and not ds["E9"].blocked_by
    assert ds["E9"].tallies == {"yes": 9, "no": 6}
    assert ds["E8"].adopted() is False and not ds["E8"].blocked_by
    assert ds["E8a"].adopted() is False and not ds["E8a"].blocked_by
    assert ds["EP"].adopted() is True and ds["EP"].contest is None


# ------------------------------------------------------------------ 3. abstention


@pytest.fixture
def abstention_scenario(scenario):
    return scenario(council_vote("AB", ON, yes=NOT_RUS + elected(ON)[:5]))   # RUS abstains


def test_permanent_member_abstention_does_not_block(abstention_scenario):
    answer = api.run(str(abstention_scenario))
    (d,) = answer.decisions
    assert d.adopted() is True and d.contest is None and not d.blocked_by
    # IS-ABSTENTION is settled: it is fixed, never an open reading
    assert all(pos["IS-ABSTENTION"] == "no-veto" for pos in answer.positions)


def test_abstention_blocks_when_the_settled_reading_is_reopened(abstention_scenario):
    d = decisions(abstention_scenario, settings={"IS-ABSTENTION": "blocks"})["AB"]
    assert d.adopted() is False
    assert set(d.blocked_by) == {"RUS"}


# ------------------------------------------------------------------ 4. absence and "not voting"


@pytest.fixture
def absence_scenario(scenario):
    nine = NOT_RUS + elected(ON)[:5]
    return scenario(
        council_vote("ABS", ON, yes=nine, absent=["RUS"]),
        council_vote("PNV", "2024-03-02", yes=nine, pnv=["RUS"]),
        council_vote("ABS8", "2024-03-03", yes=nine[:-1], absent=["RUS"]),
    )


def test_absence_is_contested_without_a_profile(absence_scenario):
    ds = decisions(absence_scenario)
    d = ds["ABS"]
    assert d.adopted() is None
    assert d.contest.switches == ("IS-ABSENCE",)
    assert outcome_table(d) == {("abstention",): True, ("blocks",): False}
    assert set(d.blocked_by) == {"RUS"}
    assert d.blocked_by["RUS"] == all_models(d) - d.adopted_in
    # with too few votes the absence changes nothing: not adopted on any reading
    assert ds["ABS8"].adopted() is False and ds["ABS8"].contest is None


def test_absence_under_the_prevailing_profile_and_under_blocks(absence_scenario):
    assert decisions(absence_scenario, profile="prevailing")["ABS"].adopted() is True
    blocked = decisions(absence_scenario, settings={"IS-ABSENCE": "blocks"})["ABS"]
    assert blocked.adopted() is False
    assert set(blocked.blocked_by) == {"RUS"}


def test_not_voting_is_an_abstention_not_an_absence(absence_scenario):
    d = decisions(absence_scenario)["PNV"]
    assert d.adopted() is True and d.contest is None
    assert decisions(absence_scenario, settings={"IS-ABSENCE": "blocks"})["PNV"].adopted() is True
    as_abstention = decisions(absence_scenario, settings={"IS-ABSTENTION": "blocks"})["PNV"]
    assert as_abstention.adopted() is False
    assert set(as_abstention.blocked_by) == {"RUS"}


# ------------------------------------------------------------------ 5. the Chapter VI proviso

CH6 = "under chapter 6 in the dispute between GBR and ARG"
NOT_GBR = ["CHN", "FRA", "RUS", "USA"]


@pytest.fixture
def proviso_scenario(scenario):
    e = elected(ON)
    return scenario(
        council_vote("PR", ON, CH6, yes=NOT_GBR + e[:5], no=["GBR"]),        # 9 for, the party against
        council_vote("PR8", "2024-03-02", CH6, yes=NOT_GBR + e[:4], no=["GBR"]),   # 8 for
        council_vote("PRF", "2024-03-03", CH6, yes=P5 + e[:4]),             # 9 for, the party among them
        council_vote("PRR", "2024-03-04", CH6, yes=["CHN", "FRA", "USA"] + e[:7], no=["RUS"]),  # a non-party vetoes
    )


def test_proviso_void_disregards_the_partys_negative_vote(proviso_scenario):
    ds = decisions(proviso_scenario, settings={"IS-PROVISO-ENFORCE": "void"})
    pr = ds["PR"]
    assert pr.adopted() is True
    assert not pr.blocked_by
    assert set(pr.voided) == {"GBR"}
    assert ds["PR8"].adopted() is False            # still nine votes needed
    # a vote *for* in breach of the proviso is void too: eight votes remain
    assert ds["PRF"].adopted() is False and set(ds["PRF"].voided) == {"GBR"}
    # the proviso does not touch the veto of a permanent member that is no party
    assert ds["PRR"].adopted() is False and set(ds["PRR"].blocked_by) == {"RUS"}


def test_proviso_stands_lets_the_party_block(proviso_scenario):
    ds = decisions(proviso_scenario, settings={"IS-PROVISO-ENFORCE": "stands"})
    assert ds["PR"].adopted() is False
    assert set(ds["PR"].blocked_by) == {"GBR"}
    assert not ds["PR"].voided
    assert ds["PRF"].adopted() is True
    assert ds["PRR"].adopted() is False and set(ds["PRR"].blocked_by) == {"RUS"}


def test_proviso_open_is_contested_on_its_switch(proviso_scenario):
    pr = decisions(proviso_scenario)["PR"]
    assert pr.adopted() is None
    assert pr.contest.switches == ("IS-PROVISO-ENFORCE",)
    assert outcome_table(pr) == {("stands",): False, ("void",): True}


def test_a_partys_obligatory_abstention_is_never_a_veto(scenario):
    path = scenario(council_vote("PRA", ON, CH6, yes=NOT_GBR + elected(ON)[:5]))   # GBR abstains as required
    d = decisions(path, settings={"IS-ABSTENTION": "blocks", "IS-PROVISO-ENFORCE": "void"})["PRA"]
    assert d.adopted() is True, f"blocked by {sorted(d.blocked_by)}"


def test_tallies_that_depend_on_a_reading_are_reported_as_a_range(proviso_scenario):
    # the void vote counts 0 against on one reading and 1 on the other: the
    # open answer gives the range, each fixed reading its own count
    open_ = decisions(proviso_scenario)["PR"]
    void = decisions(proviso_scenario, settings={"IS-PROVISO-ENFORCE": "void"})["PR"]
    stands = decisions(proviso_scenario, settings={"IS-PROVISO-ENFORCE": "stands"})["PR"]
    assert void.tally_range["no"] == (0, 0) and stands.tally_range["no"] == (1, 1)
    assert open_.tally_range["no"] == (0, 1)


# ------------------------------------------------------------------ 6. roll-call validation


def _bad_roll(tmp_path: Path, ballots: str) -> Path:
    path = tmp_path / "bad.scenario"
    path.write_text(f'scenario bad "Bad" uses un.\non {ON}: the council votes on "X":\n  {ballots}.\n',
                    encoding="utf-8")
    return path


E = elected(ON)


@pytest.mark.parametrize("ballots, named", [
    # SVN sits on the Council but is not listed
    (f"for {', '.join(P5 + E[:5])}; abstain {', '.join(e for e in E[5:] if e != 'SVN')}", ["SVN"]),
    # DEU is a UN member that does not sit on the Council
    (f"for {', '.join(P5 + E[:5])}, DEU; abstain {', '.join(E[5:])}", ["DEU"]),
    # XYZ is no state at all
    (f"for {', '.join(P5 + E[:5])}; abstain {', '.join(E[5:])}, XYZ", ["XYZ"]),
    # FRA listed twice
    (f"for {', '.join(P5 + E[:5])}; abstain {', '.join(E[5:])}, FRA", ["FRA"]),
])
def test_roll_call_validation(cli, tmp_path, ballots, named):
    assert "SVN" in E
    path = _bad_roll(tmp_path, ballots)
    with pytest.raises(CheckProblem) as err:
        api.run(str(path))
    for state in named:
        assert state in err.value.message
    result = cli("query", "--scenario", str(path))
    assert result.exit_code == 2, result.text
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.text and "internal error" not in result.text
    assert "error:" in result.stderr
    for state in named:
        assert state in result.stderr


def test_counted_votes_may_not_exceed_the_seats(tmp_path, cli):
    path = tmp_path / "over.scenario"
    path.write_text('scenario over "Over" uses un.\n'
                    'on 2022-03-02: the assembly votes on "G": 150 for; 50 against.\n', encoding="utf-8")
    with pytest.raises(CheckProblem, match="200 votes counted"):
        api.run(str(path))
    result = cli("query", "--scenario", str(path))
    assert result.exit_code == 2 and "Traceback" not in result.text


# ------------------------------------------------------------------ 7. the General Assembly


@pytest.fixture
def assembly(tmp_path):
    n = len(seats("un", "2022-03-02"))
    assert n == 193
    path = tmp_path / "ga.scenario"
    path.write_text(
        'scenario ga "GA" uses un.\n'
        'on 2022-03-02: the assembly votes on "G1": 100 for; 51 against; 42 abstain.\n'
        '  text: demands that RUS withdraw from UKR.\n'
        'on 2022-03-02: the assembly votes on "G2": 100 for; 50 against; 43 abstain.\n'
        '  text: demands that RUS withdraw from UKR; decides that RUS cease-fire against UKR; '
        'calls upon RUS to settle-peacefully with UKR; recommends that members apply embargo against RUS.\n'
        'on 2022-03-03: the assembly votes on "GP1" as a procedural matter: 90 for; 89 against.\n'
        'on 2022-03-03: the assembly votes on "GP2" as a procedural matter: 90 for; 90 against.\n',
        encoding="utf-8")
    return api.run(str(path))


def test_assembly_two_thirds_of_those_present_and_voting(assembly):
    ds = {d.symbol: d for d in assembly.decisions}
    assert ds["G1"].adopted() is False       # 300 < 2/3 of 151 * 3 = 302
    assert ds["G2"].adopted() is True        # 100 is exactly two thirds of 150
    assert ds["G1"].tallies == {"yes": 100, "no": 51}
    for d in (ds["G1"], ds["G2"]):
        assert d.articles == (("un", "18"),) and not d.blocked_by and d.contest is None
    # procedural matters: a simple majority of those present and voting
    assert ds["GP1"].adopted() is True
    assert ds["GP2"].adopted() is False


def test_assembly_clauses_only_ever_recommend(assembly):
    from_ga = [c for c in assembly.conclusions
               if any(e.fact.event.vote is not None and e.fact.event.vote.organ == "assembly"
                      for b in c.bases for e in b.events())]
    assert from_ga
    assert {c.status for c in from_ga} == {"rec"}
    # nothing from the failed G1 or anything else obliges RUS to withdraw or to cease fire
    assert not api.query(assembly, actor="RUS", status="obl", action="withdraw")
    assert not api.query(assembly, actor="RUS", status="obl", action="cease-fire")
    assert not api.query(assembly, actor="RUS", status="obl", action="settle-peacefully")
    (rec,) = api.query(assembly, actor="RUS", status="rec", action="withdraw")
    assert rec.target == "UKR" and rec.start == dt.date(2022, 3, 2)
    assert [a for _, a in rec.articles()] == ["10"]
    (call,) = api.query(assembly, actor="RUS", status="rec", action="settle-peacefully")
    assert call.target == "UKR"
    # "recommends that members": every member other than the target
    recs = api.query(assembly, status="rec", action="apply", at=dt.date(2022, 3, 3))
    actors = {c.actor for c in recs}
    assert {"FRA", "UKR", "IND"} <= actors and "RUS" not in actors


def test_members_is_never_an_actor(scenario):
    path = scenario(
        council_vote("X", ON, yes=P5 + elected(ON)[:4], text="decides that members apply embargo against PRK"),
        'on 2024-03-05: the assembly votes on "G": 120 for; 10 against.\n'
        '  text: recommends that members apply embargo against PRK.\n',
    )
    answer = api.run(str(path))
    assert {d.symbol: d.adopted() for d in answer.decisions} == {"X": True, "G": True}
    bogus = sorted({(c.status, c.actor) for c in answer.conclusions
                    if c.actor not in answer.program.states and c.actor not in answer.program.organs})
    assert bogus == []
    # the clauses speak to each member instead: obliged by the Council, recommended by the Assembly
    fra = {c.status for c in answer.conclusions if c.actor == "FRA" and c.action == "apply" and c.target == "PRK"
           and not c.entailed}
    assert fra == {"obl", "rec"}


# ------------------------------------------------------------------ 8. clauses of a non-adopted text; what if


@pytest.fixture(scope="module")
def ukraine():
    return api.run("ukraine-2022")


def test_vetoed_draft_gives_no_facts(ukraine):
    day = dt.date(2022, 3, 3)
    assert not api.query(ukraine, actor="RUS", action="withdraw", status="obl", at=day)
    assert not api.query(ukraine, actor="RUS", action="cease-fire", status="obl", at=day)
    # the Assembly's demand only recommends
    assert api.query(ukraine, actor="RUS", action="withdraw", status="rec", at=day)


def test_assume_through_the_cli(cli):
    result = cli("query", "--scenario", "ukraine-2022", "--assume", "RUS abstains on S/2022/155",
                 "--actor", "RUS", "--at", "2022-03-03")
    assert result.exit_code == 0, result.text
    out = result.stdout
    assert "What if RUS abstains on S/2022/155?" in out
    assert "S/2022/155: not adopted → adopted" in out
    assert "+ RUS obliged: withdraw from UKR from 2022-02-25" in out
    assert "+ RUS obliged: cease-fire against UKR from 2022-02-25" in out


def test_assume_through_the_cli_json(cli):
    result = cli("query", "--scenario", "ukraine-2022", "--assume", "RUS abstains on S/2022/155",
                 "--actor", "RUS", "--at", "2022-03-03", "--format", "json")
    assert result.exit_code == 0, result.text
    doc = json.loads(result.stdout)
    assert doc["assumed"] == ["RUS abstains on S/2022/155"]
    assert doc["changes"]["decisions"] == [{"draft": "S/2022/155", "before": False, "after": True}]
    gained = {(c["status"], c["actor"], c["action"], c["target"]) for c in doc["changes"]["gained"]}
    assert ("obl", "RUS", "withdraw", "UKR") in gained
    obliged = [c for c in doc["conclusions"] if c["status"] == "obl" and c["action"] == "withdraw"]
    assert obliged


def test_assume_and_compare_in_python(ukraine):
    bundle = load_bundle("ukraine-2022")
    changed, words = analysis.assume(bundle, "RUS abstains on S/2022/155")
    assert words == "RUS abstains on S/2022/155"
    after = api.answer_bundle(changed)
    changes = analysis.compare(ukraine, after)
    assert [(b.symbol, b.adopted(), a.adopted()) for b, a in changes.decisions] == [("S/2022/155", False, True)]
    gained = {(c.status, c.actor, c.action, c.target, c.start) for c in changes.gained}
    assert ("obl", "RUS", "withdraw", "UKR", dt.date(2022, 2, 25)) in gained
    assert ("obl", "RUS", "cease-fire", "UKR", dt.date(2022, 2, 25)) in gained
    assert not any(c.status == "obl" and c.actor == "RUS" for c in changes.lost)
    (w,) = api.query(after, actor="RUS", action="withdraw", status="obl", at=dt.date(2022, 3, 3))
    assert ("un", "25") in w.articles()
    # the original bundle is untouched
    assert api.answer_bundle(bundle).decisions[0].adopted() is False


@pytest.mark.parametrize("text, expected", [
    ("CHN votes against on S/2022/155", []),                                           # still vetoed
    ("RUS votes for on S/2022/155", [("S/2022/155", False, True)]),
    ("RUS does not vote on S/2022/155", [("S/2022/155", False, True)]),
    ("RUS is absent on S/2022/155", [("S/2022/155", False, None)]),                  # contested: IS-ABSENCE
    # Res 2623 only refers the matter: procedural, and with no preliminary vote no double veto
    # arises, so it passes over RUS's no and RUS's yes changes nothing (was contested before)
    ('RUS votes for on "S/RES/2623 (2022)"', []),
])
def test_assume_other_ways(ukraine, text, expected):
    changed, _ = analysis.assume(load_bundle("ukraine-2022"), text)
    after = api.answer_bundle(changed)
    changes = analysis.compare(ukraine, after)
    assert [(b.symbol, b.adopted(), a.adopted()) for b, a in changes.decisions] == expected
    if text.startswith("RUS is absent"):
        (d,) = [d for d in after.decisions if d.symbol == "S/2022/155"]
        assert d.contest.switches == ("IS-ABSENCE",)


@pytest.mark.parametrize("text, guess", [
    ("RSU abstains on S/2022/155", "RUS"),             # unknown state
    ("RUS abstains on S/2022/156", "S/2022/155"),      # unknown draft
    ("RUS abstians on S/2022/155", "abstains"),        # misspelt verb
    ("RUS votes aginst on S/2022/155", "against"),
])
def test_bad_assumptions(cli, text, guess):
    result = cli("query", "--scenario", "ukraine-2022", "--assume", text)
    assert result.exit_code == 2, result.text
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.text and "internal error" not in result.text
    assert f"did you mean '{guess}'?" in result.stderr


def test_bad_assumption_in_python():
    with pytest.raises(NameProblem, match="RSU has no recorded vote"):
        analysis.assume(load_bundle("ukraine-2022"), "RSU abstains on S/2022/155")


# ------------------------------------------------------------------ 9. pyrule possible


def test_possible_cli_vetoed_draft_cannot_pass(cli):
    result = cli("possible", "S/2022/155", "--scenario", "ukraine-2022", "--unknown", "CHN,IND,ARE",
                 "--format", "json")
    assert result.exit_code == 0, result.text
    doc = json.loads(result.stdout)
    assert doc["schema"] == "pyrule.possible/1"
    assert doc["unknown"] == ["ARE", "CHN", "IND"]
    assert doc["could_pass"] is False and doc["must_pass"] is False
    assert doc["decisive"] == []


def test_possible_cli_russia_unknown(cli):
    result = cli("possible", "S/2022/155", "--scenario", "ukraine-2022", "--unknown", "RUS", "--format", "json")
    assert result.exit_code == 0, result.text
    doc = json.loads(result.stdout)
    assert doc["schema"] == "pyrule.possible/1"
    assert doc["draft"] == "S/2022/155" and doc["unknown"] == ["RUS"]
    assert doc["could_pass"] is True and doc["must_pass"] is False
    assert doc["decisive"] == ["RUS"]
    text = cli("possible", "S/2022/155", "--scenario", "ukraine-2022", "--unknown", "RUS")
    assert text.exit_code == 0 and "it could pass, but need not" in text.stdout


def test_possible_in_python():
    p = analysis.possible(load_bundle("ukraine-2022"), "S/2022/155", ("RUS",))
    assert (p.could_pass, p.must_pass, p.decisive) == (True, False, ("RUS",))
    with pytest.raises(NameProblem):
        analysis.possible(load_bundle("ukraine-2022"), "S/2022/155", ("DEU",))
    with pytest.raises(NameProblem, match="did you mean 'S/2022/155'"):
        analysis.possible(load_bundle("ukraine-2022"), "S/2022/156", ("RUS",))


def test_an_unknown_permanent_vote_leaves_adoption_open(scenario):
    path = scenario(council_vote("UK", ON, yes=NOT_RUS + elected(ON)[:5], unknown=["RUS"],
                                 text="decides that members apply embargo against PRK"))
    p = analysis.possible(load_bundle(str(path)), "UK")
    assert (p.could_pass, p.must_pass) == (True, False)
    # a query cannot treat an unknown vote as a fact: it says so and points to `possible`
    with pytest.raises(CheckProblem, match="unknown ballots") as info:
        api.run(str(path))
    assert "pyrule possible" in (info.value.hint or "")


WAYS = ("yes", "no", "abstain")


def art27_adopted(ballots: dict[str, str], p5: set[str]) -> bool:
    """Art 27(3) after 1965, on the settled reading: nine for, no permanent member against."""
    return (sum(w == "yes" for w in ballots.values()) >= 9
            and not any(ballots[x] == "no" for x in p5 if x in ballots))


def brute_force(known: dict[str, str], unknown: list[str], p5: set[str]) -> tuple[bool, bool, tuple[str, ...]]:
    outcomes = [art27_adopted({**known, **dict(zip(unknown, ways))}, p5)
                for ways in itertools.product(WAYS, repeat=len(unknown))]
    decisive = []
    for x in unknown:
        others = [u for u in unknown if u != x]
        for ways in itertools.product(WAYS, repeat=len(others)):
            base = {**known, **dict(zip(others, ways))}
            if art27_adopted({**base, x: "yes"}, p5) and not art27_adopted({**base, x: "no"}, p5):
                decisive.append(x)
                break
    return any(outcomes), all(outcomes), tuple(sorted(decisive))


# (yes, no, unknown): the other seats abstain. 2024 Council: P5 and
# ECU JPN MLT MOZ CHE DZA GUY KOR SLE SVN.
POSSIBLE_CASES = [
    (["CHN", "FRA", "GBR", "USA", "ECU", "JPN", "MLT", "MOZ"], [], ["RUS", "CHE"]),
    (P5 + ["ECU", "JPN", "MLT", "MOZ"], [], ["GBR", "JPN", "CHE"]),
    (P5 + ["ECU", "JPN"], ["SLE"], ["MLT", "MOZ", "CHE"]),
    (["CHN", "FRA", "GBR", "USA"] + ["ECU", "JPN", "MLT", "MOZ", "CHE", "DZA"], ["RUS"], ["USA", "DZA"]),
    (["FRA", "GBR", "USA", "ECU", "JPN", "MLT", "MOZ", "CHE", "DZA", "GUY"], [], ["CHN", "RUS", "KOR"]),
    (P5 + ["ECU", "JPN", "MLT"], ["MOZ"], ["CHE", "DZA"]),
    (P5 + ["ECU", "JPN", "MLT", "MOZ", "CHE", "DZA"], ["GUY"], ["CHN", "SVN"]),
    (P5 + ["ECU", "JPN", "MLT", "MOZ", "CHE", "DZA"], [], ["ECU", "JPN"]),          # must pass
    (P5 + ["ECU", "JPN", "MLT", "MOZ", "CHE", "DZA", "GUY"], ["KOR"], ["ECU", "KOR", "SVN"]),
]


def test_possible_agrees_with_brute_force(scenario):
    events = [council_vote(f"Q{k}", ON, yes=yes, no=no) for k, (yes, no, _) in enumerate(POSSIBLE_CASES)]
    # and one with the unknown votes written into the roll call itself
    events.append(council_vote("QU", ON, yes=NOT_RUS + ["ECU", "JPN", "MLT"], unknown=["MOZ", "CHE", "RUS"]))
    bundle = load_bundle(str(scenario(*events)))
    p5 = set(P5)
    seated = seats("un-council", ON)
    cases = [(f"Q{k}", yes, no, unk, unk) for k, (yes, no, unk) in enumerate(POSSIBLE_CASES)]
    cases.append(("QU", NOT_RUS + ["ECU", "JPN", "MLT"], [], ["MOZ", "CHE", "RUS"], []))
    seen = set()
    for draft, yes, no, unk, asked in cases:
        known = {s: "yes" if s in yes else "no" if s in no else "abstain" for s in seated if s not in unk}
        expected = brute_force(known, list(unk), p5)
        got = analysis.possible(bundle, draft, tuple(asked))
        assert got.unknown == tuple(sorted(unk))
        assert (got.could_pass, got.must_pass, got.decisive) == expected, draft
        seen.add(expected[:2])
    # the cases cover every kind of answer
    assert seen == {(False, False), (True, False), (True, True)}


# ------------------------------------------------------------------ 10. voting power
# (the class method against brute force, the Assembly, sampling: tests/test_power.py)


def exact_power(seated: list[str], wins) -> tuple[dict, dict, int, int]:
    """Shapley-Shubik and normalised Banzhaf by direct enumeration of all 2^n coalitions."""
    n = len(seated)
    winning = set()
    for mask in range(1 << n):
        coalition = frozenset(s for i, s in enumerate(seated) if mask >> i & 1)
        if wins(coalition):
            winning.add(coalition)
    swings = {s: 0 for s in seated}
    shapley = {s: 0.0 for s in seated}
    for c in winning:
        k = len(c)
        for s in c:
            if c - {s} not in winning:
                swings[s] += 1
                shapley[s] += math.factorial(k - 1) * math.factorial(n - k) / math.factorial(n)
    total = sum(swings.values())
    minimal = sum(all(c - {s} not in winning for s in c) for c in winning)
    return shapley, {s: swings[s] / total for s in seated}, len(winning), minimal


def power_json(cli, *args: str) -> dict:
    result = cli("power", *args, "--format", "json")
    assert result.exit_code == 0, result.text
    doc = json.loads(result.stdout)
    assert doc["schema"] == "pyrule.power/1"
    return doc


def test_power_council_2024(cli):
    doc = power_json(cli, "council", "--at", "2024-01-01")
    by_seat = {s["seat"]: s for s in doc["seats"]}
    seated = seats("un-council", "2024-01-01")
    p5 = set(permanent("2024-01-01"))
    assert sorted(by_seat) == sorted(seated) and len(seated) == 15
    for seat, s in by_seat.items():
        if seat in p5:
            assert round(s["shapley_shubik"], 5) == 0.19627 and round(s["banzhaf"], 5) == 0.16693
        else:
            assert round(s["shapley_shubik"], 5) == 0.00186 and round(s["banzhaf"], 5) == 0.01654
    assert doc["winning_coalitions"] == 848
    assert len(doc["minimal_winning_coalitions"]) == 210
    assert all(p5 <= set(c) and len(c) == 9 for c in doc["minimal_winning_coalitions"])
    # and independently: every one of the 2^15 coalitions
    shapley, banzhaf, winning, minimal = exact_power(seated, lambda c: len(c) >= 9 and p5 <= c)
    assert (winning, minimal) == (848, 210)
    for seat in seated:
        assert abs(by_seat[seat]["shapley_shubik"] - shapley[seat]) < 1e-9
        assert abs(by_seat[seat]["banzhaf"] - banzhaf[seat]) < 1e-9
    assert abs(sum(shapley.values()) - 1) < 1e-9
    text = cli("power", "council", "--at", "2024-01-01")
    assert text.exit_code == 0 and "0.19627" in text.stdout and "0.00186" in text.stdout


def test_power_council_1960(cli):
    doc = power_json(cli, "council", "--at", "1960-05-02")
    by_seat = {s["seat"]: s for s in doc["seats"]}
    seated = seats("un-council", "1960-05-02")
    p5 = set(permanent("1960-05-02"))
    assert len(seated) == 11 and sorted(by_seat) == sorted(seated)
    shapley, banzhaf, winning, minimal = exact_power(seated, lambda c: len(c) >= 7 and p5 <= c)
    assert doc["winning_coalitions"] == winning == 57
    assert len(doc["minimal_winning_coalitions"]) == minimal == 15
    for seat in seated:
        assert abs(by_seat[seat]["shapley_shubik"] - shapley[seat]) < 1e-9
        assert abs(by_seat[seat]["banzhaf"] - banzhaf[seat]) < 1e-9


def test_power_procedural_matters_are_equal(cli):
    doc = power_json(cli, "council", "--at", "2024-01-01", "--matter", "procedural")
    assert len(doc["seats"]) == 15
    for s in doc["seats"]:
        assert abs(s["shapley_shubik"] - 1 / 15) < 1e-9
        assert abs(s["banzhaf"] - 1 / 15) < 1e-9
    assert doc["winning_coalitions"] == sum(math.comb(15, k) for k in range(9, 16))
    assert len(doc["minimal_winning_coalitions"]) == math.comb(15, 9)


def test_power_in_python_and_bad_organ():
    from pyrule.library import load_charter

    p = analysis.power((load_charter("un"),), "council", dt.date(2024, 1, 1))
    assert p.winning == 848 and len(p.minimal_winning) == 210
    assert p.positions["IS-ABSTENTION"] == "no-veto"
    with pytest.raises(NameProblem, match="did you mean 'council'"):
        analysis.power((load_charter("un"),), "councel", dt.date(2024, 1, 1))


# ------------------------------------------------------------------ 11. League unanimity, NATO consensus

LEAGUE_CHARTER = """\
charter league "Covenant of the League of Nations" in force 1920-01-10.
organ league-council "Council" seated from membership league.
article 5 "Voting at meetings":
  the league-council decides all matters by unanimity of the members voting.
"""

NATO_CHARTER = """\
charter nato "North Atlantic Treaty" in force 1949-08-24.
organ nac "North Atlantic Council" seated from membership nato.
article 9 "The Council":
  the nac decides all matters by consensus.
"""


def test_league_unanimity(tmp_path):
    (tmp_path / "league.charter").write_text(LEAGUE_CHARTER, encoding="utf-8")
    on = "1925-06-01"
    members = seats("league", on)
    assert len(members) > 40
    lv = dict(organ="league-council", org="league")
    path = tmp_path / "l.scenario"
    path.write_text(scenario_text(
        "l",
        council_vote("ALL", on, yes=members, **lv),
        council_vote("ONE-NO", on, yes=members[:-1], no=members[-1:], **lv),
        council_vote("ABST", on, yes=members[:3], **lv),                 # the rest abstain
        council_vote("NOBODY", on, **lv),                                # everyone abstains
        council_vote("PROC", on, "as a procedural matter", yes=members[:-1], no=members[-1:], **lv),
        uses="league"), encoding="utf-8")
    ds = decisions(path)
    assert ds["ALL"].adopted() is True
    assert ds["ONE-NO"].adopted() is False
    assert ds["ABST"].adopted() is True
    assert ds["NOBODY"].adopted() is False              # unanimity of those voting needs someone voting
    assert ds["PROC"].adopted() is False                # "all matters"
    for d in ds.values():
        assert d.articles == (("league", "5"),) and not d.blocked_by and d.contest is None


def test_nato_consensus(tmp_path, cli):
    charter = tmp_path / "nato.charter"
    charter.write_text(NATO_CHARTER, encoding="utf-8")
    on = "2024-06-01"
    members = seats("nato", on)
    assert len(members) == 32
    nv = dict(organ="nac", org="nato")
    path = tmp_path / "n.scenario"
    path.write_text(scenario_text(
        "n",
        council_vote("ALL", on, yes=members, **nv),
        council_vote("ONE-NO", on, yes=members[:-1], no=members[-1:], **nv),
        council_vote("ONE-NO-ABST", on, yes=members[:1], no=members[-1:], **nv),
        council_vote("ABST", on, yes=members[:-2], **nv),
        uses="nato"), encoding="utf-8")
    ds = decisions(path)
    assert ds["ALL"].adopted() is True
    assert ds["ONE-NO"].adopted() is False
    assert ds["ONE-NO-ABST"].adopted() is False
    assert ds["ABST"].adopted() is True
    for d in ds.values():
        assert d.articles == (("nato", "9"),)
    doc = power_json(cli, "nac", "--charter", str(charter), "--at", on)
    assert len(doc["seats"]) == 32
    assert sorted(s["seat"] for s in doc["seats"]) == sorted(members)
    for s in doc["seats"]:
        assert abs(s["banzhaf"] - 1 / 32) < 1e-12
        assert abs(s["shapley_shubik"] - 1 / 32) < 1e-12
    assert doc["winning_coalitions"] == 1
    assert doc["positions"] == {}


# ------------------------------------------------------------------ 12. the bundled scenarios


def test_iraq_kuwait_res_678(iraq_kuwait):
    ds = {d.symbol: d for d in iraq_kuwait.decisions}
    d = ds["S/RES/678 (1990)"]
    assert d.adopted() is True and d.contest is None and not d.blocked_by
    assert d.tallies == {"yes": 12, "no": 2}
    assert d.articles == (("un", "27"),)
    # China abstained, and is a permanent member on that day
    _, vote = iraq_kuwait.program.votes["S/RES/678 (1990)"]
    ways = {st.value: w for w, states in vote.roll for st in states}
    assert ways["CHN"] == "abstain" and "CHN" in permanent("1990-11-29")
    assert sum(w == "abstain" for w in ways.values()) == 1
    assert all(ds[s].adopted() is True for s in ("S/RES/660 (1990)", "S/RES/661 (1990)", "S/RES/665 (1990)"))


def test_ukraine_decisions(ukraine):
    ds = {d.symbol: d for d in ukraine.decisions}
    assert ds["S/2022/155"].adopted() is False
    assert set(ds["S/2022/155"].blocked_by) == {"RUS"}
    # procedural by what it does (it only refers the matter); no preliminary vote, no double veto
    assert ds["S/RES/2623 (2022)"].adopted() is True and ds["S/RES/2623 (2022)"].contest is None
    assert set(ds["S/RES/2623 (2022)"].counted_as) == {"procedural"}
    assert ds["A/RES/ES-11/1"].adopted() is True
    assert ds["A/RES/ES-11/1"].tallies == {"yes": 141, "no": 5}


def test_southern_rhodesia_res_232():
    ds = decisions("southern-rhodesia-1966")
    for s in ("S/RES/221 (1966)", "S/RES/232 (1966)"):
        assert ds[s].adopted() is True and not ds[s].blocked_by
    assert ds["S/RES/232 (1966)"].tallies == {"yes": 11, "no": 0}
    blocked = decisions("southern-rhodesia-1966", settings={"IS-ABSTENTION": "blocks"})["S/RES/232 (1966)"]
    assert blocked.adopted() is False and set(blocked.blocked_by) == {"FRA", "SUN"}


def test_korea_res_82_contested_on_absence():
    answer = api.run("korea-1950")
    ds = {d.symbol: d for d in answer.decisions}
    d = ds["S/RES/82 (1950)"]
    assert d.adopted() is None
    assert d.contest.switches == ("IS-ABSENCE",)
    assert outcome_table(d) == {("abstention",): True, ("blocks",): False}
    # the USSR's absence blocks where absences block; so does China's seat where
    # its disputed vote counts as an absence (IS-SEATS)
    assert set(d.blocked_by) == {"SUN", "CHN"}
    assert d.blocked_by["SUN"] == frozenset(k for k, pos in enumerate(answer.positions)
                                            if pos["IS-ABSENCE"] == "blocks")
    assert d.blocked_by["CHN"] == frozenset(k for k, pos in enumerate(answer.positions)
                                            if pos["IS-ABSENCE"] == "blocks"
                                            and pos["IS-SEATS"] == "lawful-government")
    # Res 83 had seven votes, China's among them: it turns on both
    assert ds["S/RES/83 (1950)"].contest.switches == ("IS-ABSENCE", "IS-SEATS")


def test_pyrule_test_checks_decision_expectations(cli, scenario):
    path = scenario(
        council_vote("D", ON, yes=P5 + elected(ON)[:4]),
        "expect on 2024-03-01: \"D\" is adopted (article 27).\n",
    )
    result = cli("test", str(path))
    assert result.exit_code == 0, result.text
    assert "1 passed, 0 failed" in result.stdout
    wrong = scenario(
        council_vote("D", ON, yes=P5 + elected(ON)[:3]),
        "expect on 2024-03-01: \"D\" is adopted (article 27).\n",
        "expect on 2024-03-01: \"D\" is not adopted (article 18).\n",
    )
    result = cli("test", str(wrong))
    assert result.exit_code == 1, result.text
    assert "0 passed, 2 failed" in result.stdout
    assert "not 18" in result.stdout


def test_bundled_expectations_pass(cli):
    result = cli("test", "korea-1950", "southern-rhodesia-1966", "ukraine-2022")
    assert result.exit_code == 0, result.text
    assert ", 0 failed" in result.stdout


# ------------------------------------------------------------------ disputed seats (IS-SEATS)


def test_a_vote_for_a_disputed_seat_counts_as_an_absence_on_one_reading(scenario):
    # seven for, one of them the disputed seat: enough with it, too few without it
    yes = permanent(ON_1960)[:1] + elected(ON_1960)[:6]        # CHN and six elected members
    assert yes[0] == "CHN"
    path = scenario('the representation of CHN is disputed from 1960-01-01 until 1971-10-25.\n',
                    council_vote("D", ON_1960, yes=yes))
    d = decisions(path)["D"]
    table = outcome_table(d)
    assert d.contest.switches == ("IS-SEATS",)
    assert table == {("accredited",): True, ("lawful-government",): False}
    assert d.tally_range["yes"] == (6, 7)
    # on that reading the seat is absent: with absences blocking, it blocks as well
    d2 = decisions(path, settings={"IS-SEATS": "lawful-government", "IS-ABSENCE": "blocks"})["D"]
    assert d2.adopted() is False and "CHN" in d2.blocked_by
    assert "CHN" in d2.voided


def test_a_seat_disputed_at_other_times_is_not_touched(scenario):
    yes = permanent(ON_1960)[:1] + elected(ON_1960)[:6]
    path = scenario('the representation of CHN is disputed from 1950-01-13 until 1960-01-01.\n',
                    council_vote("D", ON_1960, yes=yes))
    d = decisions(path)["D"]
    assert d.adopted() is True and d.contest is None and not d.voided


def test_a_seat_dispute_names_a_known_state_and_ends_after_it_begins(scenario):
    with pytest.raises(NameProblem) as info:
        api.run(str(scenario('the representation of CHM is disputed from 1950-01-13.\n')))
    assert "unknown state 'CHM'" in info.value.message and info.value.hint.startswith("did you mean")
    with pytest.raises(CheckProblem) as info2:
        api.run(str(scenario('the representation of CHN is disputed from 1971-10-25 until 1950-01-13.\n')))
    assert "would end (1950-01-13) before it begins (1971-10-25)" in info2.value.message


def test_what_a_text_does_classes_an_unqualified_vote(scenario):
    # UN Art 27: "a text that only refers the matter is a procedural matter"; any other text is not
    ten = NOT_RUS + elected(ON)[:6]
    path = scenario(
        council_vote("R", ON, text="refers the matter to the assembly", yes=ten, no=["RUS"]),
        council_vote("M", ON, text="refers the matter to the assembly; calls upon RUS to withdraw from UKR",
                     yes=ten, no=["RUS"]),
        council_vote("E", ON, yes=ten, no=["RUS"]),       # no text recorded: an other matter
        uses="un, uniting-for-peace")
    ds = decisions(path)
    assert ds["R"].adopted() is True and set(ds["R"].counted_as) == {"procedural"} and ds["R"].contest is None
    for other in ("M", "E"):
        assert ds[other].adopted() is False and set(ds[other].blocked_by) == {"RUS"}
        assert set(ds[other].counted_as) == {"other"}


# ------------------------------------------------------------------ 12. the parties' votes not counted (League Art 15)

EXCLUSION_CHARTER = """\
charter league "Covenant of the League of Nations" in force 1920-01-10.
organ league-council "Council" seated from membership league.
article 5 "Voting at meetings":
  the league-council decides other matters by unanimity of the members voting.
  the league-council decides procedural matters by a majority of the members present and voting.
article 11 "War or threat of war":
  the league-council has power to make-report.
article 15 "Disputes before the Council":
  in decisions under article 15 the votes of the parties to the dispute are not counted.
article 17 "Non-members":
  in decisions under chapter 2 the votes of the parties to the dispute are not counted.
action make-report "report on the dispute".
"""


def test_parties_votes_not_counted(tmp_path):
    """League Art 15(6): in a vote recorded under article 15 in a dispute, a
    party's ballot is not counted, whichever way; a non-party's against still
    breaks the unanimity; the same vote under another article counts it."""
    (tmp_path / "league.charter").write_text(EXCLUSION_CHARTER, encoding="utf-8")
    on = "1925-06-01"
    members = seats("league", on)
    a, b, rest = members[0], members[1], members[2:]
    lv = dict(organ="league-council", org="league")
    dispute = f"in the dispute between {a} and {b}"
    path = tmp_path / "x.scenario"
    path.write_text(scenario_text(
        "x",
        council_vote("PARTY-NO", on, f"under article 15 {dispute}", yes=rest + [b], no=[a], **lv),
        council_vote("BOTH-NO", on, f"under article 15 {dispute}", yes=rest, no=[a, b], **lv),
        council_vote("OTHER-NO", on, f"under article 15 {dispute}", yes=rest[1:] + [b], no=[a, rest[0]], **lv),
        council_vote("ONLY-PARTIES", on, f"under article 15 {dispute}", yes=[a, b], **lv),   # the rest abstain
        council_vote("ART-11", on, f"under article 11 {dispute}", yes=rest + [b], no=[a], **lv),
        council_vote("CHAPTER", on, f"under chapter 2 {dispute}", yes=rest + [b], no=[a], **lv),
        uses="league"), encoding="utf-8")
    ds = decisions(path)
    assert ds["PARTY-NO"].adopted() is True
    assert set(ds["PARTY-NO"].articles) == {("league", "5"), ("league", "15")}
    assert set(ds["PARTY-NO"].uncounted) == {a, b} and not ds["PARTY-NO"].voided
    assert ds["BOTH-NO"].adopted() is True
    assert ds["OTHER-NO"].adopted() is False            # a member not a party still counts
    assert ds["ONLY-PARTIES"].adopted() is False        # no counted member voted for it
    assert ds["ART-11"].adopted() is False              # no exclusion under article 11
    assert ds["ART-11"].articles == (("league", "5"),) and not ds["ART-11"].uncounted
    assert ds["CHAPTER"].adopted() is True              # `under chapter N` scopes it too
    for d in ds.values():
        assert not d.blocked_by and d.contest is None


def test_parties_votes_not_counted_in_a_majority(tmp_path):
    """A majority of the members present and voting is of the others: the
    parties' ballots are left out of both sides of the count."""
    charter = EXCLUSION_CHARTER.replace("by unanimity of the members voting",
                                        "by a majority of the members present and voting")
    (tmp_path / "league.charter").write_text(charter, encoding="utf-8")
    on = "1925-06-01"
    members = seats("league", on)
    a, b, rest = members[0], members[1], members[2:]
    lv = dict(organ="league-council", org="league")
    path = tmp_path / "m.scenario"
    # 2 others for, 1 against; both parties against: 2 of 3 counted votes
    path.write_text(scenario_text(
        "m", council_vote("M", on, f"under article 15 in the dispute between {a} and {b}",
                          yes=rest[:2], no=[a, b, rest[2]], **lv), uses="league"), encoding="utf-8")
    assert decisions(path)["M"].adopted() is True


def test_parties_votes_not_counted_bad_input(tmp_path, cli):
    """An article that is not in the charter, in the clause or in a vote,
    is an error with its position and a suggestion."""
    bad = EXCLUSION_CHARTER.replace("in decisions under article 15", "in decisions under article 16")
    (tmp_path / "league.charter").write_text(bad, encoding="utf-8")
    r = cli("check", str(tmp_path / "league.charter"))
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert "league.charter:9:" in r.output and "did you mean" in r.output
    (tmp_path / "league.charter").write_text(EXCLUSION_CHARTER, encoding="utf-8")
    on = "1925-06-01"
    members = seats("league", on)
    path = tmp_path / "b.scenario"
    path.write_text(scenario_text(
        "b", council_vote("B", on, f"under article 51 in the dispute between {members[0]} and {members[1]}",
                          yes=members, organ="league-council", org="league"), uses="league"), encoding="utf-8")
    r = cli("test", str(path))
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert "b.scenario:2:" in r.output and "article" in r.output


# ------------------------------------------------------------------ two-thirds of the members (Rio Arts 17, 18)


def _shown_atoms(facts: list[str]) -> dict[str, tuple]:
    """The voting rules over these facts alone: the one answer set's shown
    atoms by predicate, their arguments as Python values, sorted."""
    from types import SimpleNamespace

    from pyrule.solve import ground

    program = SimpleNamespace(text=lambda: "horizon(1000).\n" + "\n".join(facts) + "\n",
                              statements=list, cached_rules=None)
    models = []
    ground(program).solve(on_model=lambda m: models.append(m.symbols(shown=True)))
    assert len(models) == 1
    out: dict[str, list] = {}
    for s in models[0]:
        out.setdefault(s.name, []).append(tuple(a.string if a.type.name == "String" else
                                                a.number if a.type.name == "Number" else str(a)
                                                for a in s.arguments))
    return {k: tuple(sorted(v, key=str)) for k, v in out.items()}


def _rio_decisions(ballots: dict[str, str], n_seats: int = 6, kind: str = "other", parties: tuple[str, ...] = (),
                   exclusion: bool = False) -> dict[str, tuple]:
    """voting.lp alone, over semantic facts: an organ seated from `n_seats`
    members (S1, S2, ...) deciding by two-thirds of the members; one vote D
    on day 10 with the ballots given (a member not named casts none). Gives
    decision/2, votes_cast/3 and uncounted/2 as {name: sorted rows}."""
    facts = ['quota("o",other,two_thirds_members,0,1000,art("t","17")).', 'organ_seats("o","seats").',
             f'vote("D","o",10). vote_kind("D",{kind}).']
    facts += [f'member("S{i}","seats",0,1000).' for i in range(1, n_seats + 1)]
    facts += ['member("S9","seats",0,5).']           # a former member: not seated on day 10
    facts += [f'ballot(actual,"D","{x}",{w}).' for x, w in ballots.items()]
    facts += [f'dispute_party("D","{x}").' for x in parties]
    if exclusion:
        facts.append('exclusion(article("18"),art("t","18")).')
    return _shown_atoms(facts)


@pytest.mark.parametrize("ballots, adopted", [
    # 4 of 6 seated is exactly two-thirds; the former member S9 is not counted among them
    ({"S1": "yes", "S2": "yes", "S3": "yes", "S4": "yes", "S5": "absent", "S6": "absent"}, True),
    # 3 for, none against: all of those present and voting, but short of 4 of the 6 members
    ({"S1": "yes", "S2": "yes", "S3": "yes", "S4": "absent", "S5": "absent", "S6": "abstain"}, False),
    ({"S1": "yes", "S2": "yes", "S3": "yes", "S4": "pnv", "S5": "absent", "S6": "absent"}, False),
    # 4 for, 2 against: two-thirds of the members however the others vote
    ({"S1": "yes", "S2": "yes", "S3": "yes", "S4": "yes", "S5": "no", "S6": "no"}, True),
    ({"S1": "absent", "S2": "absent", "S3": "absent", "S4": "absent", "S5": "absent", "S6": "absent"}, False),
])
def test_two_thirds_of_the_members_counts_every_seat(ballots, adopted):
    d = _rio_decisions(ballots)
    assert d["decision"] == (("D", "adopted" if adopted else "failed"),)
    assert d["decided_by"] == (("D", 'art("t","17")'),)


def test_two_thirds_of_the_members_leaves_the_excluded_parties_out_of_the_count():
    """Rio Art 18: the parties' ballots are not counted, and the parties are
    not among the members of whom two-thirds are needed (4 of the 6 others)."""
    others = {"S1": "yes", "S2": "yes", "S3": "yes", "S4": "yes", "S5": "absent", "S6": "absent"}
    parties = {"S7": "no", "S8": "no"}
    d = _rio_decisions(others | parties, n_seats=8, kind='article("18")', parties=("S7", "S8"), exclusion=True)
    assert d["decision"] == (("D", "adopted"),)       # 4 of 6; counted among all 8 it would need 6
    assert d["uncounted"] == (("D", "S7"), ("D", "S8"))
    assert ("D", "no", 0) in d["votes_cast"]
    assert set(d["decided_by"]) == {("D", 'art("t","17")'), ("D", 'art("t","18")')}
    # a party's yes is not counted either: 3 others and a party for is 3 of 6
    d = _rio_decisions(others | {"S4": "absent", "S7": "yes", "S8": "no"}, n_seats=8, kind='article("18")',
                       parties=("S7", "S8"), exclusion=True)
    assert d["decision"] == (("D", "failed"),)
    # without the exclusion the same ballots count in full, and 4 of 8 fall short
    d = _rio_decisions(others | parties, n_seats=8, kind='article("18")', parties=("S7", "S8"))
    assert d["decision"] == (("D", "failed"),)
    assert "uncounted" not in d


@pytest.mark.parametrize("quota, message", [
    ("two-thirds of the member", "did you mean 'members'?"),
    ("two-thirds of members", 'expected: "the"'),
])
def test_two_thirds_of_the_members_misspelt(tmp_path, cli, quota, message):
    path = tmp_path / "q.charter"
    path.write_text('charter q "Q" in force 2000-01-01.\norgan board "Board" seated from membership un.\n'
                    f'article 1 "Voting":\n  the board decides all matters by {quota}.\n', encoding="utf-8")
    r = cli("check", str(path))
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert "q.charter:4:" in r.output and message in r.output


def test_two_thirds_of_the_members_needs_seats(tmp_path, cli):
    path = tmp_path / "q.charter"
    path.write_text('charter q "Q" in force 2000-01-01.\norgan board "Board".\n'
                    'article 1 "Voting":\n  the board decides all matters by two-thirds of the members.\n',
                    encoding="utf-8")
    r = cli("check", str(path))
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert "q.charter:4:" in r.output and "needs its seats" in r.output


# ------------------------------------------------------------------ the members of O2 and a majority of the others (League Art 15(10))


def _mm_decisions(ballots: dict[str, str], *, n_council: int = 2, n_others: int = 5, kind: str = 'article("15")',
                  parties: tuple[str, ...] = (), exclusion: bool = False, tallies: dict[str, int] | None = None,
                  unanimity_for_other: bool = False) -> dict[str, tuple]:
    """voting.lp alone, over semantic facts: an organ `a` seated from
    C1..Cn (who also sit on the organ `c`) and S1..Sm; `a` decides matters
    under article 15 by the members of `c` and a majority of the other
    members; one vote D on day 10 with the ballots given (a member not named
    casts none) and the counted votes `tallies`. Gives the shown atoms as
    {name: sorted rows}."""
    facts = ['quota("a",article("15"),members_and_majority("c"),0,1000,art("t","15")).',
             'organ_seats("a","all"). organ_seats("c","few").', f'vote("D","a",10). vote_kind("D",{kind}).']
    if unanimity_for_other:
        facts.append('quota("a",other,unanimity,0,1000,art("t","5")).')
    for i in range(1, n_council + 1):
        facts += [f'member("C{i}","all",0,1000).', f'member("C{i}","few",0,1000).']
    facts += [f'member("S{i}","all",0,1000).' for i in range(1, n_others + 1)]
    facts += ['member("C9","few",0,5).', 'member("C9","all",0,5).']    # a former member of both: not seated on day 10
    facts += [f'ballot(actual,"D","{x}",{w}).' for x, w in ballots.items()]
    facts += [f'tally(actual,"D",{w},{n}).' for w, n in (tallies or {}).items()]
    facts += [f'dispute_party("D","{x}").' for x in parties]
    if exclusion:
        facts.append('exclusion(article("15"),art("t","15")).')
    return _shown_atoms(facts)


@pytest.mark.parametrize("ballots, adopted", [
    # both members of c for, 3 of the 5 others: a majority of the others
    ({"C1": "yes", "C2": "yes", "S1": "yes", "S2": "yes", "S3": "yes"}, True),
    # 2 of the 5 others for, none against: all of those voting, but no majority of the other members
    ({"C1": "yes", "C2": "yes", "S1": "yes", "S2": "yes", "S3": "absent", "S4": "abstain"}, False),
    # a member of c against blocks, however many others are for
    ({"C1": "yes", "C2": "no", "S1": "yes", "S2": "yes", "S3": "yes", "S4": "yes", "S5": "yes"}, False),
    # a member of c abstaining or absent withholds nothing (Art 5's unanimity of the members voting) ...
    ({"C1": "yes", "C2": "abstain", "S1": "yes", "S2": "yes", "S3": "yes"}, True),
    ({"C1": "yes", "C2": "absent", "S1": "yes", "S2": "yes", "S3": "yes", "S4": "no"}, True),
    # ... but some member of c must be for
    ({"C1": "abstain", "C2": "absent", "S1": "yes", "S2": "yes", "S3": "yes", "S4": "yes", "S5": "yes"}, False),
    # the others' no weighs no more than their absence
    ({"C1": "yes", "C2": "yes", "S1": "yes", "S2": "yes", "S3": "yes", "S4": "no", "S5": "no"}, True),
])
def test_members_and_majority_of_the_others(ballots, adopted):
    d = _mm_decisions(ballots)
    assert d["decision"] == (("D", "adopted" if adopted else "failed"),)
    assert d["decided_by"] == (("D", 'art("t","15")'),)
    if "C2" in ballots and ballots["C2"] == "no":
        assert d["vetoed"] == (("D", "C2"),)


def test_members_and_majority_counted_votes_are_the_others():
    """`3 for` counts towards the others' majority (the checker has every
    member of c named where the rule may decide)."""
    assert _mm_decisions({"C1": "yes", "C2": "yes"}, tallies={"yes": 3})["decision"] == (("D", "adopted"),)
    assert _mm_decisions({"C1": "yes", "C2": "yes"}, tallies={"yes": 2})["decision"] == (("D", "failed"),)


def test_members_and_majority_leaves_the_parties_out_of_both_halves():
    """Art 15(10): "exclusive in each case of the Representatives of the
    parties": a party on c does not concur or block, a party among the
    others is not one of the members of whom a majority is needed."""
    # C2 and S5 are parties: C2's no blocks nothing; the others are S1..S4, of whom 3 make a majority
    ballots = {"C1": "yes", "C2": "no", "S1": "yes", "S2": "yes", "S3": "yes", "S4": "absent", "S5": "no"}
    d = _mm_decisions(ballots, parties=("C2", "S5"), exclusion=True)
    assert d["decision"] == (("D", "adopted"),)
    assert d["uncounted"] == (("D", "C2"), ("D", "S5"))
    assert "vetoed" not in d
    # 2 of the 4 others is no majority, and a party's yes does not make one
    d = _mm_decisions(ballots | {"S3": "absent", "S5": "yes"}, parties=("C2", "S5"), exclusion=True)
    assert d["decision"] == (("D", "failed"),)
    # without the exclusion, C2's no blocks
    d = _mm_decisions(ballots, parties=("C2", "S5"))
    assert d["decision"] == (("D", "failed"),) and d["vetoed"] == (("D", "C2"),)


def test_a_rule_for_matters_under_an_article_displaces_the_rule_for_other_matters():
    """League Art 5(1) "except where otherwise expressly provided": a vote
    recorded under article 15 is decided by its own rule, not by unanimity;
    a vote recorded under another article, by the rule for other matters."""
    ballots = {"C1": "yes", "C2": "yes", "S1": "yes", "S2": "yes", "S3": "absent"}   # unanimity of those voting
    d = _mm_decisions(ballots, unanimity_for_other=True)
    assert d["decision"] == (("D", "failed"),)
    assert d["decided_by"] == (("D", 'art("t","15")'),)
    assert d["counted"] == (("D", 'article("15")'),)
    d = _mm_decisions(ballots, unanimity_for_other=True, kind='article("16")')
    assert d["decision"] == (("D", "adopted"),)
    assert d["decided_by"] == (("D", 'art("t","5")'),)


_MM_HEAD = ('charter q "Q" in force 2000-01-01.\norgan assembly "Assembly" seated from membership un.\n'
            'organ council "Council" seated from membership un-council.\norgan secretariat "Secretariat".\n')


@pytest.mark.parametrize("clause, message", [
    ("the assembly decides matters under article 15 by the members of the council and a majority of the other member.",
     "did you mean 'members'?"),
    ("the assembly decides matters under article 15 by the members of the council and the majority of the other members.",
     'expected: "a"'),
    ("the assembly decides matters under article 15 by the members of the councl and a majority of the other members.",
     "did you mean 'council'?"),
    ("the assembly decides matters under article 15 by the members of the assembly and a majority of the other members.",
     "cannot be both"),
    ("the assembly decides matters under article 15 by the members of the secretariat and a majority of the other members.",
     "which has none"),
    ("the secretariat decides other matters by the members of the council and a majority of the other members.",
     "which has none"),
    ("the assembly decides matters under article 51 by the members of the council and a majority of the other members.",
     "did you mean '15'?"),
])
def test_members_and_majority_bad_input(tmp_path, cli, clause, message):
    path = tmp_path / "q.charter"
    path.write_text(_MM_HEAD + f'article 15 "Voting":\n  {clause}\n', encoding="utf-8")
    r = cli("check", str(path))
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "q.charter:6:" in r.output and message in r.output


def test_members_and_majority_counted_votes_need_the_members_named(tmp_path, cli):
    """Where the rule may decide, the members of the other organ must be
    named: votes counted could otherwise be theirs."""
    src = (Path(__file__).parent / "data" / "manchuria-1933.scenario").read_text(encoding="utf-8")
    bad = src.replace("for GBR, FRA, ITA, DEU, POL, ESP,", "for FRA, ITA, DEU, POL, ESP,").replace("29 for.", "30 for.")
    assert bad != src
    path = tmp_path / "m.scenario"
    path.write_text(bad, encoding="utf-8")
    r = cli("test", str(path))
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "m.scenario:" in r.output and "GBR sits on the league-council" in r.output and "not named" in r.output
