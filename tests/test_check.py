"""pyrule check: static findings, conflicts in a scenario (resolved and not),
and the bounded search with its witness, core, bound and exit codes."""

from __future__ import annotations

import json
from pathlib import Path


from pyrule.consistency import search
from pyrule.findings import static_findings
from pyrule.library import load_charter

DATA = Path(__file__).parent / "data"


def codes(findings):
    return sorted(f.code for f in findings)


def test_static_findings_of_a_contradictory_charter():
    ch = load_charter(str(DATA / "contradiction.charter"))
    found = static_findings((ch,))
    by_code = {f.code: f for f in found}
    assert "S105" in by_code and "IS-UNUSED" in by_code["S105"].message
    assert "S104" in by_code, "article 3's priority over article 1 never meets it"
    assert {n for _, n in by_code["S104"].articles} == {"3", "1"}
    assert all(f.positions for f in found), "every finding points at the source"


def test_the_search_finds_the_planted_conflict_with_witness_and_core():
    ch = load_charter(str(DATA / "contradiction.charter"))
    result = search((ch,), (), 3, {})
    f = result.finding
    assert f.code == "B301" and f.severity == "error"
    assert sorted(n for _, n in f.articles) == ["1", "2"]
    # the witness is a scenario: one attack is enough (minimal), among three states
    assert f.witness.count("armed attack by") == 1
    assert "minimal witness: 1 fact" in f.message
    assert "at most 3 facts among 3 hypothetical states" in f.message


def test_the_witness_reproduces_the_conflict(tmp_path, cli):
    ch_path = DATA / "contradiction.charter"
    ch = load_charter(str(ch_path))
    witness = search((ch,), (), 3, {}).finding.witness
    (tmp_path / "contradiction.charter").write_text(ch_path.read_text(), encoding="utf-8")
    scen = tmp_path / "w.scenario"
    scen.write_text(witness, encoding="utf-8")
    result = cli("check", "--scenario", str(scen), "--no-search")
    assert result.exit_code == 1
    assert "C201" in result.stdout


def test_an_alliance_duty_meets_a_council_prohibition(tmp_path, cli):
    """Loaded with the UN Charter, Art 103 resolves the clash (lex superior)."""
    (tmp_path / "alliance.charter").write_text((DATA / "alliance.charter").read_text(), encoding="utf-8")
    scen = tmp_path / "clash.scenario"
    scen.write_text("""scenario clash "clash" uses un, alliance.
state XAA "Attacker".
on 2030-01-01: armed attack by XAA on KWT.
on 2030-01-03: the council adopts "S": decides measures arms-embargo against KWT under article 41.
""", encoding="utf-8")
    result = cli("check", "--scenario", str(scen), "--no-search", "--format", "json")
    doc = json.loads(result.stdout)
    found = {f["code"] for f in doc["findings"]}
    assert "C202" in found, doc
    resolved = [f for f in doc["findings"] if f["code"] == "C202" and f["principle"] == "lex_superior"]
    assert resolved and any(a["charter"] == "alliance" for a in resolved[0]["articles"])
    assert "C201" not in found
    assert result.exit_code == 0


def test_without_the_un_charter_the_same_duties_clash_unresolved(tmp_path, cli):
    (tmp_path / "contradiction.charter").write_text((DATA / "contradiction.charter").read_text(),
                                                   encoding="utf-8")
    scen = tmp_path / "c.scenario"
    scen.write_text('scenario c "c" uses contradiction.\nstate XAA "A".\nstate XAB "B" member of un from 2000-01-01.\n'
                    'state XAC "C" member of un from 2000-01-01.\non 2030-01-01: armed attack by XAA on XAB.\n',
                    encoding="utf-8")
    result = cli("check", "--scenario", str(scen), "--no-search")
    assert result.exit_code == 1
    assert "C201" in result.stdout and "XAC is both obliged and forbidden to give-assistance" in result.stdout


def test_a_bound_too_small_for_the_witness_claims_nothing_beyond_it():
    # the clash needs a third state (a party other than attacker and victim)
    result = search((load_charter(str(DATA / "contradiction.charter")),), (), 2, {}, states=2)
    assert result.finding.code == "B300" and "at most 2 facts among 2 hypothetical states" in result.finding.message
    # three states, as by default, see it at once: one fact, an attack, and a third state that must and must not help
    result = search((load_charter(str(DATA / "contradiction.charter")),), (), 1, {})
    assert result.finding.code == "B301" and "minimal witness: 1 fact(s)" in result.finding.message


def test_the_un_charter_is_clean_within_a_small_bound():
    result = search((load_charter("un"),), (), 1, {"IS-ABSTENTION": "no-veto"})
    assert result.finding.code == "B300"
    assert "Nothing is claimed beyond this bound" in result.finding.message
    assert "at most 1 facts" in result.finding.message


def test_check_exit_codes_and_json(cli):
    clean = cli("check", "un", "--no-search", "--format", "json")
    assert clean.exit_code == 0
    doc = json.loads(clean.stdout)
    assert doc["schema"] == "pyrule.check/1" and doc["charters"] == ["un"]
    bad = cli("check", str(DATA / "contradiction.charter"), "--depth", "3")
    assert bad.exit_code == 1
    assert "witness scenario" in bad.stdout
    missing = cli("check", "no-such-charter")
    assert missing.exit_code == 2 and "Traceback" not in missing.text


def test_a_gap_is_reported(cli):
    result = cli("check", "--scenario", "iraq-kuwait-1990", "--no-search", "--gap", "FRA intervene IRQ 1990-08-07")
    assert "gap: on 1990-08-07 no rule gives FRA any status for 'intervene'" in result.stdout
    result = cli("check", "--scenario", "iraq-kuwait-1990", "--no-search", "--gap", "FRA apply IRQ 1990-08-07")
    assert "no gap" in result.stdout


def test_a_search_stopped_at_its_time_limit_claims_nothing(cli):
    """--time-limit: a search the solver has not finished by then is stopped;
    the finding (B302) says so, claims nothing, and the exit code is 4."""
    charters = (load_charter("un"), load_charter("nato"))
    stopped = search(charters, (), 2, {}, time_limit=1e-6)
    assert stopped.finding.code == "B302" and stopped.finding.severity == "info"
    assert "stopped at the time limit" in stopped.finding.message and "nothing is claimed" in stopped.finding.message
    assert stopped.finding.detail["finished_bound"] == 0
    # a limit the search stays within changes nothing: the clash is still found, with its witness
    found = search((load_charter(str(DATA / "contradiction.charter")),), (), 3, {}, time_limit=600)
    assert found.finding.code == "B301" and found.finding.witness
    result = cli("check", "un", "nato", "--time-limit", "0.000001", "--format", "json")
    assert result.exit_code == 4, result.text
    doc = json.loads(result.stdout)
    assert [f["code"] for f in doc["findings"] if f["code"].startswith("B")] == ["B302"]
    bad = cli("check", "un", "--time-limit", "0")
    assert bad.exit_code == 2 and "Traceback" not in bad.text


def test_a_membership_condition_whose_state_nothing_reads_is_flagged(write):
    """S107: `A is a member` with A read nowhere else makes a norm apply once
    per member (193 repetitions of one conclusion); a state the head, the
    bearer or a rider reads is not flagged, nor is any bundled charter."""
    path = write("lone.charter", """
        charter lone "Membership conditions" in force 2000-01-01.
        organ council "Council".
        role member "Member" from membership un.
        action help "help".
        article 1 "Unread":
          when V requests assistance and A is a member then every member other than V must help V.
        article 2 "Read by the bearer":
          when V requests assistance and A is a member then A may help V.
        article 3 "Read by a rider":
          when V requests assistance and A is a member then the council must help V unless A cooperates with V.
    """)
    found = [f for f in static_findings((load_charter(str(path)),)) if f.code == "S107"]
    assert [n for f in found for _, n in f.articles] == ["1"]
    (f,) = found
    assert f.severity == "warning" and "'A is a member' binds A" in f.message
    assert f.positions[0][0].line == 6
    from pyrule.library import CHARTER_SUFFIX, bundled
    every = tuple(load_charter(name) for name in bundled("charters", CHARTER_SUFFIX))
    assert not [f for f in static_findings(every) if f.code == "S107"]


def test_no_bundled_charter_has_a_static_finding():
    """Every switch a bundled charter declares is used (by a rule, a rider, a
    voting clause or a priority: IS-ART103-SCOPE guards one), and nothing
    else is flagged."""
    from pyrule.library import CHARTER_SUFFIX, bundled
    every = tuple(load_charter(name) for name in bundled("charters", CHARTER_SUFFIX))
    assert [(f.code, f.message) for f in static_findings(every)] == []
    # the same checks do find what is wrong in a charter that has it
    flawed = load_charter(str(Path(__file__).resolve().parent / "data" / "contradiction.charter"))
    assert {"S104", "S105"} <= {f.code for f in static_findings((flawed,))}


TWO_DUTIES = """
    charter duties "Two duties that cannot both be met" in force 2000-01-01.
    role member "Member" from membership un.
    action hand-over "hand the persons over to the requesting state".
    action try-at-home "try the persons in its own courts" incompatible with hand-over.
    article 1 "Hand over":
      when R requests extradition of S from C then C must hand-over S to R.
    article 2 "Try at home":
      when R requests extradition of S from C then C must try-at-home S to R.
"""


def test_duties_to_do_incompatible_acts_are_an_unresolved_conflict(write, cli):
    """A clash of two acts declared incompatible is reported like one act
    obliged and forbidden: in a scenario (C201, text and JSON) and by the
    bounded search (B301), which names both acts."""
    write("duties.charter", TWO_DUTIES)
    scen = write("clash.scenario", """
        scenario clash "clash" uses duties.
        membership un from data "un".
        on 2030-01-01: USA requests extradition of the-persons from LBY.
    """)
    result = cli("check", "--scenario", str(scen), "--no-search")
    assert result.exit_code == 1
    assert "C201" in result.stdout and "obliged to hand-over and to try-at-home, which cannot both be done" \
        in " ".join(result.stdout.split())
    query = cli("query", "-s", str(scen), "--format", "json")
    (conflict,) = json.loads(query.stdout)["conflicts"]
    assert (conflict["actor"], conflict["action"], conflict["incompatible_with"]) == ("LBY", "hand-over", "try-at-home")
    assert conflict["forbidden_by"]["article"] == "2"
    text = cli("query", "-s", str(scen))
    assert "obliges try-at-home: not both" in " ".join(text.stdout.split())
    found = search((load_charter(str(scen.parent / "duties.charter")),), (), 2, {})
    assert found.finding.code == "B301"
    assert "to hand-over" in found.finding.message and "to try-at-home, which cannot both be done" in found.finding.message
    # the witness (with an extradition request in it) is a scenario that reproduces the clash
    witness = write("witness.scenario", found.finding.witness)
    assert "requests extradition of" in witness.read_text()
    replay = cli("check", "--scenario", str(witness), "--no-search")
    assert replay.exit_code == 1 and "C201" in replay.stdout


def test_without_the_declaration_the_two_duties_stand_side_by_side(write, cli):
    write("duties.charter", TWO_DUTIES.replace(" incompatible with hand-over", ""))
    scen = write("clash.scenario", """
        scenario clash "clash" uses duties.
        membership un from data "un".
        on 2030-01-01: USA requests extradition of the-persons from LBY.
    """)
    doc = json.loads(cli("query", "-s", str(scen), "--format", "json").stdout)
    assert doc["conflicts"] == []
    # both duties hold, side by side
    duties = {(c["status"], c["actor"], c["action"]) for c in doc["conclusions"]
              if c["actor"] == "LBY" and not c["entailed"]}
    assert duties == {("obl", "LBY", "hand-over"), ("obl", "LBY", "try-at-home")}


def test_declarations_that_can_decide_nothing_are_flagged(write):
    """S108: permissions declared to prevail in an article that grants none;
    S109: an incompatibility of which one act no rule speaks of."""
    path = write("idle.charter", """
        charter idle "Idle declarations" in force 2000-01-01.
        role member "Member" from membership un.
        action help "help".
        action hinder "hinder" incompatible with help.
        action ignore "ignore" incompatible with help.
        article 1 "Help":
          every member must help.
        article 2 "Hinder":
          every member may hinder.
        article 3 "Priority":
          the permissions of article 1 and article 2 prevail over any other agreement (lex superior).
    """)
    found = static_findings((load_charter(str(path)),))
    s108 = [f for f in found if f.code == "S108"]
    assert [f.articles for f in s108] == [(("idle", "3"), ("idle", "1"))]
    s109 = [f for f in found if f.code == "S109"]
    assert len(s109) == 1 and "no rule speaks of 'ignore'" in s109[0].message


def test_a_switch_that_only_a_counts_as_rule_reads_is_used():
    from pyrule.parse import parse_charter
    ch = parse_charter("""charter t "T" in force 1945-10-24.
interpretation IS-T "Is less grave force an armed attack?":
  position grave "no".
  position any-force "yes".
action use-force "use force".
article 51 "Self-defence":
  a less grave use of force by A on V counts as armed attack by A on V where IS-T is any-force.
  when armed attack by A on V occurs
  then V may use-force against A.
""", "t.charter")
    assert "S105" not in codes(static_findings((ch,)))


def test_the_search_orders_candidate_facts_with_empty_places():
    # a candidate fact may leave a place empty (None) where another of its kind
    # names it: ordering them must not compare None with a name (it raised)
    from pyrule.consistency import _shape

    cands = [("statement", ("council", "commends", "#a", "use-force", None, "#b", None)),
             ("statement", ("council", "commends", "#a", "use-force", "x", "#b", "president"))]
    shape = _shape(frozenset({0, 1}), frozenset(), cands, ("#a", "#b"))
    assert [row[2][4] for row in shape] == [None, "x"]
