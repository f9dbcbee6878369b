"""The command line: query (text and JSON), test, compile, list, --help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import table_rows

REPO = Path(__file__).resolve().parent.parent


def query_json(cli, *args: str) -> dict:
    result = cli("query", "--format", "json", *args)
    assert result.exit_code == 0, result.text
    return json.loads(result.stdout)


def find(doc: dict, **where) -> list[dict]:
    return [c for c in doc["conclusions"] if all(c.get(k) == v for k, v in where.items())]


# ------------------------------------------------------------------ query


def test_query_default_scenario_prints_a_table(cli):
    result = cli("query")
    assert result.exit_code == 0, result.text
    assert "iraq-kuwait-1990" in result.stdout
    header = next(line for line in result.stdout.splitlines() if "status" in line and "actor" in line)
    for col in ("status", "actor", "action", "from", "to", "articles"):
        assert col in header
    assert len(table_rows(result.stdout)) > 10
    assert result.stderr == ""



def test_a_long_table_is_printed_in_plain_columns(cli, monkeypatch):
    """Above LONG_TABLE rows the conclusions come in plain aligned columns
    (rich takes about half a millisecond a row): the same cells as the rich
    table, the events last, and a line saying how to narrow the query."""
    args = ("query", "--actor", "FRA", "--at", "1990-08-07")
    boxed = table_rows(cli(*args).stdout)
    from pyrule import render
    monkeypatch.setattr(render, "LONG_TABLE", 3)
    result = cli(*args)
    assert result.exit_code == 0, result.text
    lines = result.stdout.splitlines()
    assert not table_rows(result.stdout) and "in plain columns" in result.stdout
    head = next(i for i, line in enumerate(lines) if line.startswith("status "))
    assert lines[head].split() == ["status", "actor", "action", "from", "to", "articles", "answer", "because", "of"]
    assert set(lines[head + 1].replace(" ", "")) == {"-"}
    plain = lines[head + 2:head + 2 + len(boxed)]
    assert len(plain) == len(boxed) > 3
    # every rich row's status, action and events are on one plain line, in the columns of the header
    events_at = lines[head].index("because of")
    for row in boxed:
        cells = [c.strip() for c in row.split("│")]
        (line,) = [p for p in plain if p.startswith(cells[0] + " ") and f" {cells[2]} " in p
                   and p[events_at:] == cells[6]]
        assert line.split()[1] == cells[1]


def test_query_france_on_1990_08_07(cli):
    result = cli("query", "--scenario", "iraq-kuwait-1990", "--actor", "FRA", "--at", "1990-08-07")
    assert result.exit_code == 0, result.text
    rows = table_rows(result.stdout)
    assert rows and all(" FRA " in f" {r} " for r in rows)
    (embargo,) = [r for r in rows if "apply trade-embargo against IRQ" in r]
    cells = [c.strip() for c in embargo.split("│")]
    assert cells[0] == "obliged"
    articles = [a.strip() for a in cells[5].split(",")]
    assert "41" in articles and "25" in articles
    assert "S/RES/661" in embargo
    assert "1990-08-06" in cells[3]


def test_query_json_schema_and_one_conclusion_in_full(cli):
    doc = query_json(cli, "--actor", "FRA", "--at", "1990-08-07")
    assert doc["schema"] == "pyrule.query/1"
    assert doc["scenario"]["id"] == "iraq-kuwait-1990"
    assert doc["conclusions"]
    for c in doc["conclusions"]:
        for key in ("status", "actor", "action", "target", "from", "to", "sources"):
            assert key in c
        assert c["actor"] == "FRA"
    (c, entailed) = sorted(find(doc, action="apply", target="IRQ"), key=lambda c: c["status"])
    assert c["status"] == "obl" and c["entailed"] is False
    # what France must do, it may do: the permission rests on the same articles, marked as entailed
    assert entailed["status"] == "perm" and entailed["entailed"] is True
    assert entailed["articles"] == c["articles"] and all(s["entailed"] for s in entailed["sources"])
    assert c["object"] == "trade-embargo"
    assert c["from"] == "1990-08-06"
    assert c["to"] is None
    assert c["settled"] is True and c["contested"] is None
    arts = [(a["charter"], a["article"]) for a in c["articles"]]
    assert ("un", "41") in arts and ("un", "25") in arts
    (src,) = c["sources"]
    assert (src["charter"], src["article"]) == ("un", "41")
    assert "25" in src["cites"]
    assert src["rule_at"].startswith("charters/un.charter:") or "un.charter:" in src["rule_at"]
    (ground,) = src["grounds"]
    assert ground["date"] == "1990-08-06"
    assert ground["resolution"] == "S/RES/661 (1990)"
    assert "trade-embargo" in ground["fact"] and "IRQ" in ground["fact"]


def test_query_json_contested_conclusion_lists_positions(cli):
    doc = query_json(cli, "--actor", "KWT", "--action", "use-force", "--target", "IRQ", "--at", "1990-09-15")
    (perm,) = find(doc, status="perm")
    assert perm["settled"] is False
    contest = perm["contested"]
    assert contest["switches"] == ["IS-UNTIL"]
    outcome = {o["positions"]["IS-UNTIL"]: o["holds"] for o in contest["outcomes"]}
    assert outcome == {"any-measure": False, "replacing": True, "binding-order": True}


def test_query_json_to_is_the_last_day_inclusive(cli):
    doc = query_json(cli, "--set", "IS-UNTIL=any-measure", "--actor", "KWT", "--action", "use-force",
                     "--target", "IRQ", "--status", "permitted")
    spans = sorted((c["from"], c["to"]) for c in doc["conclusions"])
    # self-defence from the attack until Res 661 (adopted 1990-08-06), then Art 42 from 1991-01-16
    assert spans == [("1990-08-02", "1990-08-05"), ("1991-01-16", None)]


def test_query_json_violations_and_defeats(cli):
    doc = query_json(cli, "--actor", "IRQ", "--at", "1990-08-02")
    (v,) = [v for v in doc["violations"] if v["action"] == "use-force"]
    # the force lasts until the scenario ends it (28 Feb 1991), and so does the violation
    assert (v["kind"], v["target"], v["from"], v["to"]) == ("forb", "KWT", "1990-08-02", "1991-02-27")
    assert v["breaks"]["article"] == "2(4)"
    assert v["act"]["date"] == "1990-08-02"
    assert v["act_by"]["article"] == "2(4)"      # Art 2(4) reads the scenario's force as use-force
    doc = query_json(cli, "--actor", "KWT", "--action", "use-force", "--at", "1990-08-03")
    # (one for each ground of the armed attack Art 51 derives from the force: its scale, its harm)
    found = [d for d in doc["defeated"] if d["target"] == "IRQ"]
    assert found and all(d["principle"] == "exception" for d in found)
    assert {(d["overridden"]["article"], d["by"]["article"]) for d in found} == {("2(4)", "51")}


def test_internal_error_exits_3_without_traceback(cli, monkeypatch):
    import pyrule.api

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(pyrule.api, "answer_bundle", broken)
    monkeypatch.delenv("PYRULE_DEBUG", raising=False)
    result = cli("query")
    assert result.exit_code == 3
    assert "internal error" in result.stderr and "simulated bug" in result.stderr
    assert "Traceback" not in result.text


@pytest.mark.parametrize("word", ["forbidden", "forb", "must"])
def test_status_filter(cli, word):
    doc = query_json(cli, "--actor", "FRA", "--status", word)
    wanted = "obl" if word == "must" else "forb"
    assert doc["conclusions"]
    assert {c["status"] for c in doc["conclusions"]} == {wanted}


def test_status_filter_text(cli):
    result = cli("query", "--actor", "FRA", "--status", "permitted", "--at", "1990-08-07")
    assert result.exit_code == 0
    rows = table_rows(result.stdout)
    assert rows and all(r.startswith("permitted") for r in rows)


def test_bad_status_is_refused(cli):
    result = cli("query", "--status", "obligd")
    assert result.exit_code == 2
    assert "obliged" in result.text and "Traceback" not in result.text


def test_profile_prevailing_settles_self_defence(cli):
    open_doc = query_json(cli, "--actor", "KWT", "--action", "use-force", "--at", "1990-09-15")
    assert len(open_doc["answer_sets"]) > 1
    doc = query_json(cli, "--profile", "prevailing", "--actor", "KWT", "--action", "use-force",
                     "--at", "1990-09-15")
    assert len(doc["answer_sets"]) == 1
    assert doc["answer_sets"][0]["IS-UNTIL"] == "replacing"
    (perm,) = find(doc, status="perm", target="IRQ")
    assert perm["settled"] is True
    assert ("un", "51") in [(a["charter"], a["article"]) for a in perm["articles"]]
    assert not find(doc, status="forb", target="IRQ")


def test_profile_prevailing_text(cli):
    result = cli("query", "--profile", "prevailing", "--actor", "KWT", "--action", "use-force",
                 "--at", "1990-09-15")
    assert result.exit_code == 0
    assert "1 answer set" in result.stdout
    (row,) = [r for r in table_rows(result.stdout) if "against IRQ" in r]
    assert row.startswith("permitted") and "settled" in row


def test_set_after_profile_wins(cli):
    doc = query_json(cli, "--profile", "prevailing", "--set", "IS-UNTIL=any-measure", "--actor", "KWT",
                     "--action", "use-force", "--at", "1990-09-15")
    assert len(doc["answer_sets"]) == 1
    assert doc["answer_sets"][0]["IS-UNTIL"] == "any-measure"
    assert doc["answer_sets"][0]["IS-CALLS-UPON"] == "context"
    assert not find(doc, status="perm", target="IRQ")
    (forb,) = find(doc, status="forb", target="IRQ")
    assert ("un", "2(4)") in [(a["charter"], a["article"]) for a in forb["articles"]]


def test_set_switch_removes_self_defence(cli):
    doc = query_json(cli, "--set", "IS-UNTIL=any-measure", "--actor", "KWT", "--action", "use-force",
                     "--at", "1990-09-15")
    assert all(p["IS-UNTIL"] == "any-measure" for p in doc["answer_sets"])
    assert not find(doc, status="perm", target="IRQ")
    (forb,) = find(doc, status="forb", target="IRQ")
    assert forb["settled"] is True


def test_unknown_actor_filter(cli):
    result = cli("query", "--actor", "FRX")
    assert result.exit_code == 2
    assert "did you mean 'FRA'?" in result.stderr


# ------------------------------------------------------------------ test


def test_test_on_the_bundled_scenarios(cli):
    from pyrule.library import SCENARIO_SUFFIX, bundled, load_scenario

    total = sum(len(load_scenario(str(p)).expectations) for p in bundled("scenarios", SCENARIO_SUFFIX).values())
    result = cli("test")
    assert result.exit_code == 0, result.text
    assert result.stdout.strip().splitlines()[-1] == f"{total} passed, 0 failed"


def test_test_verbose_names_each_line(cli):
    result = cli("test", "-v", "iraq-kuwait-1990")
    assert result.exit_code == 0
    oks = [line for line in result.stdout.splitlines() if line.endswith(": ok")]
    assert oks and all("iraq-kuwait-1990.scenario:" in line for line in oks)


def test_test_with_a_failing_expectation(cli, write):
    path = write("fail.scenario", """
        scenario fail "A wrong expectation" uses un.
        membership un from data "un".
        on 1990-08-02: armed attack by IRQ on KWT.
        on 1990-08-06: the council adopts "S/RES/661 (1990)":
          decides measures trade-embargo against IRQ under article 41.
        expect on 1990-08-07: FRA must apply trade-embargo against IRQ (article 41).
        expect on 1990-08-05: FRA must apply trade-embargo against IRQ.
        expect on 1990-08-02: KWT may use-force against IRQ (article 51).
    """)
    result = cli("test", str(path))
    assert result.exit_code == 1, result.text
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "2 passed, 1 failed"
    failed = [line for line in lines if "FAILED" in line]
    assert len(failed) == 1
    assert "fail.scenario:7:" in failed[0]
    assert "1990-08-05" in failed[0]
    assert "Traceback" not in result.text


def test_test_fails_on_a_wrong_source(cli, write):
    path = write("src.scenario", """
        scenario src "Wrong article" uses un.
        membership un from data "un".
        on 1990-08-02: armed attack by IRQ on KWT.
        expect on 1990-08-02: KWT may use-force against IRQ (article 42).
    """)
    result = cli("test", str(path))
    assert result.exit_code == 1
    assert "0 passed, 1 failed" in result.stdout
    assert "42" in result.stdout


# ------------------------------------------------------------------ compile, list, help


def test_compile_un(cli):
    result = cli("compile", "un")
    assert result.exit_code == 0, result.text
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) > 50
    assert all(line.endswith(".") or line.startswith("%") for line in lines)
    assert any(line.startswith("rule(") and '"2(4)"' in line for line in lines)
    # each rule of the charter is a generated rule under a comment naming its article
    text = result.stdout
    assert "% article 2(4) (un), line " in text
    assert 'inst(r("un",2),nil,role("un"),"use-force",none,any).' in text
    import re
    assert re.search(r'inst\(r\("un",\d+\),Inst,one\(V\),"use-force",none,A\) :- n\d+\(Inst,A,V\)\.', text)


def test_compile_with_scenario(cli):
    result = cli("compile", "--scenario", "iraq-kuwait-1990")
    assert result.exit_code == 0
    assert any(line.startswith("fact(") for line in result.stdout.splitlines())
    assert any(line.startswith("member(") for line in result.stdout.splitlines())


def test_compile_without_arguments_is_a_clean_error(cli):
    result = cli("compile")
    assert result.exit_code == 2
    assert "Traceback" not in result.text and result.stderr


def test_list(cli):
    result = cli("list")
    assert result.exit_code == 0
    assert "un" in result.stdout.split() or "│ un " in result.stdout
    assert "iraq-kuwait-1990" in result.stdout


def test_switches_lists_each_contested_point_with_its_positions_and_articles(cli):
    doc = json.loads(cli("switches", "--format", "json").stdout)
    by = {s["switch"]: s for s in doc["switches"]}
    assert {"IS-UNTIL", "IS-THRESHOLD", "IS-NONMEMBERS", "IS-NATO-TRIGGER", "IS-LEAGUE-DETERMINATION"} <= set(by)
    until = by["IS-UNTIL"]
    assert until["charter"] == "un" and until["declared_at"].startswith("charters/un.charter:")
    assert [(p["name"], p["prevailing"]) for p in until["positions"]] == [
        ("any-measure", False), ("replacing", True), ("binding-order", False)]
    # the switch is the UN Charter's; NATO's, the Rio Treaty's and ANZUS's articles turn on it too
    assert {(a["charter"], a["article"]) for a in until["articles"]} == {
        ("un", "51"), ("nato", "5"), ("rio", "3"), ("anzus", "4")}
    # a counts-as rule on one reading and the vote rules count as uses too
    assert {"charter": "un", "article": "51"} in by["IS-CALLS-UPON"]["articles"]
    assert by["IS-ABSTENTION"]["articles"] == [{"charter": "un", "article": "27"}]
    assert [p["name"] for p in by["IS-ABSTENTION"]["positions"] if p["settled"]] == ["no-veto"]
    text = cli("switches", "un").stdout
    assert "IS-THRESHOLD" in text and "any-force" in text and "replacing (prevailing)" in text
    assert "IS-NATO-TRIGGER" not in text


def test_switches_of_an_unknown_charter_is_a_clean_error(cli):
    result = cli("switches", "unn")
    assert result.exit_code == 2 and "Traceback" not in result.text
    assert "did you mean 'un'?" in result.stderr


def test_list_json(cli):
    result = cli("list", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    charters = {c["id"]: c for c in doc["charters"]}
    scenarios = {s["id"]: s for s in doc["scenarios"]}
    assert "un" in charters and "iraq-kuwait-1990" in scenarios
    assert "51" in charters["un"]["articles"]
    assert "IS-UNTIL" in charters["un"]["switches"]
    assert scenarios["iraq-kuwait-1990"]["uses"] == ["un"]
    assert scenarios["iraq-kuwait-1990"]["expectations"] > 0


def test_help_in_a_real_process():
    proc = subprocess.run([sys.executable, "cli.py", "--help"], cwd=REPO, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    for command in ("query", "test", "compile", "list"):
        assert command in proc.stdout
    assert "Traceback" not in proc.stderr


def test_subcommand_help(cli):
    result = cli("query", "--help")
    assert result.exit_code == 0
    for option in ("--scenario", "--actor", "--at", "--status", "--profile", "--set", "--format"):
        assert option in result.stdout


# ------------------------------------------------------------------ wording


def test_the_scenario_wording_is_kept(cli):
    result = cli("query", "--actor", "IRQ", "--action", "withdraw", "--at", "1990-08-03")
    assert result.exit_code == 0
    assert "withdraw from KWT" in result.stdout
    assert "withdraw against KWT" not in result.stdout


def test_json_names_the_incompatible_act_and_leaves_membership_unsited(cli):
    doc = json.loads(cli("query", "-s", "lockerbie-1992", "--actor", "LBY", "--format", "json").stdout)
    (d,) = [d for d in doc["defeated"] if d["target"] == "USA"]
    assert (d["action"], d["principle"], d["incompatible_with"]) == ("refuse-extradition", "lex_superior",
                                                                    "surrender-suspects")
    assert (d["overridden"]["charter"], d["overridden"]["article"]) == ("montreal", "8")
    assert (d["by"]["charter"], d["by"]["article"]) == ("un", "25")
    grounds = {g["fact"]: g["event_at"] for g in d["overridden"]["grounds"]}
    assert grounds["LBY is a contracting-state"] is None           # dated membership: no line states it
    assert "lockerbie-1992.scenario:" in grounds["USA requests extradition of pan-am-103-suspects from LBY"]


def test_json_answer_sets_leave_out_the_switches_nothing_engages(cli):
    doc = query_json(cli, "--actor", "FRA", "--at", "1990-08-07")
    assert "IS-REVIVAL" in doc["not_engaged"] and "IS-UNTIL" not in doc["not_engaged"]
    assert all("IS-REVIVAL" not in pos and "IS-UNTIL" in pos for pos in doc["answer_sets"])
    # a switch fixed by the user is reported in every answer set, engaged or not
    fixed = query_json(cli, "--set", "IS-REVIVAL=no", "--actor", "FRA", "--at", "1990-08-07")
    assert all(pos["IS-REVIVAL"] == "no" for pos in fixed["answer_sets"])


def test_the_prevailing_profile_leaves_open_what_has_no_prevailing_reading(cli):
    doc = query_json(cli, "-s", "nine-eleven-2001", "--profile", "prevailing", "--actor", "USA",
                     "--action", "use-force", "--at", "2001-10-08")
    assert {pos["IS-NON-STATE"] for pos in doc["answer_sets"]} == {"attribution", "without-attribution",
                                                                     "unable-unwilling"}
    assert {pos["IS-NATO-MEANS"] for pos in doc["answer_sets"]} == {"as-it-deems"}
    (perm,) = find(doc, status="perm", target="XAQ")
    assert perm["settled"] is False


def test_a_scenario_uses_a_charter_given_on_the_command_line(cli, write):
    charter = write("my-treaty-v2.charter", """\
charter pact "A pact" in force 1950-01-01.
role party "Party" from membership un.
action report "report".
article 1 "Reports":
  when armed attack by A on V occurs
  then V must report.
""")
    scen = write("case.scenario", """\
scenario case "A case" uses pact.
membership un from data "un".
on 1990-08-02: armed attack by IRQ on KWT.
expect on 1990-08-03: KWT must report (article 1).
""")
    # the file's name is not the charter's id: --charter supplies it
    result = cli("query", "-s", str(scen), "-c", str(charter), "--actor", "KWT")
    assert result.exit_code == 0, result.text
    assert "report" in result.stdout and "pact" in result.stdout
    # without it, the error says how to supply it
    result = cli("query", "-s", str(scen))
    assert result.exit_code == 2 and "Traceback" not in result.text
    assert "no bundled charter named 'pact'" in result.stderr
    assert "give it with --charter PATH, or put it beside the scenario as pact.charter" in result.stderr


def test_a_conclusion_resting_on_many_events_lists_some_and_counts_the_rest(cli, write):
    charter = write("t.charter", """\
charter t "T" in force 1945-10-24.
role member "Member" from membership un.
action report "report".
article 1 "x":
  when armed attack by X on V occurs and A is a member
  then V must report.
""")
    scen = write("s.scenario", """\
scenario s "S" uses t.
membership un from data "un".
on 1990-08-02: armed attack by IRQ on KWT.
""")
    text = cli("query", "-s", str(scen), "--actor", "KWT", "--at", "1990-08-03").stdout
    assert "1990-08-02 armed attack by IRQ on KWT" in text
    import re
    assert re.search(r"… and \d+ more", text), text
    doc = json.loads(cli("query", "-s", str(scen), "--actor", "KWT", "--format", "json").stdout)
    (c,) = [c for c in doc["conclusions"] if c["status"] == "obl"]
    assert len(c["sources"]) > 100        # one per member: JSON keeps every one
    # the query says that `pyrule check` has something to say about such a charter
    result = cli("query", "-s", str(scen), "--actor", "KWT", "--at", "1990-08-03")
    assert result.exit_code == 0
    assert "note: `pyrule check` finds 1 warning(s) in the loaded charters (S107)" in result.stderr
    assert f"pyrule check {charter} --no-search" in result.stderr
    assert "note:" not in cli("query", "--actor", "FRA", "--at", "1990-08-07").stderr


def test_an_organ_with_nothing_to_do_that_day_is_a_known_actor(cli):
    # issue 15 item 1: the Assembly is an organ of the UN Charter; that nothing binds or
    # empowers it on 7 August 1990 is an answer, not an unknown name
    result = cli("query", "--scenario", "iraq-kuwait-1990", "--actor", "assembly", "--at", "1990-08-07")
    assert result.exit_code == 0, result.text
    assert "No conclusion matches (actor=assembly" in result.stdout
    # an organisation acts too (UN Arts 53-54: ECOWAS in Sierra Leone)
    result = cli("query", "--scenario", "sierra-leone-1997", "--actor", "ecowas", "--at", "1997-10-09")
    assert result.exit_code == 0 and "inform-council" in result.stdout and "halt-shipping against SLE" in result.stdout
    result = cli("query", "--scenario", "iraq-kuwait-1990", "--actor", "asembly")
    assert result.exit_code == 2 and "did you mean 'assembly'?" in result.stderr
