"""The deontic core end to end, with hand-made charters: each kind of clash
(a duty against a prohibition, a permission against a prohibition, two
duties to do incompatible acts) is found unresolved in a query and by
`check -s`, is resolved where a declared principle decides it, and is found
by the bounded search with a witness that a query reproduces; a duty entails
the permission to do what it obliges; kinds of acts reach across."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pyrule import api
from pyrule.consistency import search
from pyrule.library import load_charter

HEAD = """\
charter {id} "Test" in force 2000-01-01.
role party "Party" from membership un.
action help "help".
action send-arms "send arms" is a kind of help.
action stay-out "stay out".
action join-in "join in" incompatible with stay-out.
"""

CLASHES = {
    # a duty against a prohibition
    "obl": ('  then every party other than A and V must help to V.\n',
            '  then every party other than A and V must not help to V.\n', "help"),
    # a permission against a prohibition of a kind of the permitted act
    "perm": ('  then every party other than A and V may help to V.\n',
             '  then every party other than A and V must not send-arms to V.\n', "send-arms"),
    # two duties to do incompatible acts
    "incompatible": ('  then every party other than A and V must join-in to V.\n',
                     '  then every party other than A and V must stay-out to V.\n', "join-in"),
}


def charter(kind: str, resolved: bool = False) -> str:
    first, second, _ = CLASHES[kind]
    return (HEAD.format(id="t") + 'article 1 "First":\n  when armed attack by A on V occurs\n' + first
            + 'article 2 "Second":\n  when armed attack by A on V occurs\n' + second
            + ('  this article prevails over article 1 (lex specialis).\n' if resolved else ""))


SCENARIO = """\
scenario s "S" uses t.
state XAA "A" member of un from 2000-01-01.
state XAB "B" member of un from 2000-01-01.
state XAC "C" member of un from 2000-01-01.
on 2030-01-01: armed attack by XAA on XAB.
"""


def run(tmp_path: Path, kind: str, resolved: bool = False):
    (tmp_path / "t.charter").write_text(charter(kind, resolved), encoding="utf-8")
    (tmp_path / "s.scenario").write_text(SCENARIO, encoding="utf-8")
    return api.run(str(tmp_path / "s.scenario"), use_cache=False)


@pytest.mark.parametrize("kind", sorted(CLASHES))
def test_each_clash_is_an_unresolved_conflict(tmp_path, kind):
    answer = run(tmp_path, kind)
    found = [(c.actor, c.action, c.kind) for c in answer.conflicts if c.actor == "XAC"]
    assert found == [("XAC", CLASHES[kind][2], "perm" if kind == "perm" else "obl")]
    # both sides still hold, each as its article says
    said = {(c.status, c.action) for c in answer.conclusions if c.actor == "XAC" and not c.entailed}
    assert said == {"obl": {("obl", "help"), ("forb", "help"), ("forb", "send-arms")},
                    "perm": {("perm", "help"), ("perm", "send-arms"), ("forb", "send-arms")},
                    "incompatible": {("obl", "join-in"), ("obl", "stay-out")}}[kind]


@pytest.mark.parametrize("kind", sorted(CLASHES))
def test_each_clash_is_resolved_by_a_declared_principle(tmp_path, kind):
    answer = run(tmp_path, kind, resolved=True)
    assert [c for c in answer.conflicts if c.actor == "XAC"] == []
    defeats = {(d.actor, d.winner.article, d.loser.article, d.principle) for d in answer.defeats if d.actor == "XAC"}
    assert defeats == {("XAC", "2", "1", "lex_specialis")}


@pytest.mark.parametrize("kind", sorted(CLASHES))
def test_check_with_the_scenario_reports_it(tmp_path, cli, kind):
    run(tmp_path, kind)
    result = cli("check", "--scenario", str(tmp_path / "s.scenario"), "--no-search", "--format", "json")
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert "C201" in codes and result.exit_code == 1


@pytest.mark.parametrize("kind", sorted(CLASHES))
def test_the_bounded_search_finds_it_and_its_witness_reproduces_it(tmp_path, kind):
    (tmp_path / "t.charter").write_text(charter(kind), encoding="utf-8")
    result = search((load_charter(str(tmp_path / "t.charter")),), (), 3, {})
    assert result.finding.code == "B301" and "minimal witness: 1 fact(s)" in result.finding.message
    (tmp_path / "witness.scenario").write_text(result.finding.witness, encoding="utf-8")
    answer = api.run(str(tmp_path / "witness.scenario"), use_cache=False)
    assert answer.conflicts
    # and a declared principle leaves the search nothing to find
    (tmp_path / "t.charter").write_text(charter(kind, resolved=True), encoding="utf-8")
    assert search((load_charter(str(tmp_path / "t.charter")),), (), 3, {}).finding.code == "B300"


def test_a_duty_entails_the_permission_and_expectations_see_it(tmp_path):
    answer = run(tmp_path, "obl", resolved=True)
    perm = [c for c in answer.conclusions if c.actor == "XAC" and c.status == "perm" and c.action == "help"]
    assert perm == []      # article 2 forbids helping and prevails: no duty, so nothing entailed
    (tmp_path / "t.charter").write_text(HEAD.format(id="t") + 'article 1 "First":\n  when armed attack by A on V occurs\n'
                                        + '  then every party other than A and V must help to V.\n', encoding="utf-8")
    (tmp_path / "s.scenario").write_text(SCENARIO + "expect on 2030-01-02: XAC may help to XAB (article 1).\n"
                                         "expect on 2030-01-02: XAC must help to XAB (article 1).\n",
                                         encoding="utf-8")
    answer = api.run(str(tmp_path / "s.scenario"), use_cache=False)
    results = api.run_expectations(answer, api.load(str(tmp_path / "s.scenario"), use_cache=False)[0].scenario)
    assert [r.passed for r in results] == [True, True], [r.detail for r in results]
    (perm,) = [c for c in answer.conclusions if c.actor == "XAC" and c.status == "perm"]
    assert perm.entailed and [b.rule.article.num for b in perm.bases] == ["1"]
