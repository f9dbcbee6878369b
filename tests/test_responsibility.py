"""General international law on state responsibility (issue 16):
countermeasures (charters/general.charter, Arts 5 and 8; ARSIWA Arts 49-54)
read the wrongful act itself, the violation pyrule finds, and not the facts
beneath it. Golden lines: tests/data/neutrality-countermeasures.scenario."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pyrule import api
from pyrule.library import bundled, CHARTER_SUFFIX, load_bundle
from pyrule.parse import parse_charter

D = dt.date.fromisoformat
GENERAL = bundled("charters", CHARTER_SUFFIX)["general"]


def _readings(article: str) -> set[tuple]:
    ch = parse_charter(Path(GENERAL).read_text(encoding="utf-8"), str(GENERAL))
    (art,) = [a for a in ch.articles if a.num == article]
    out = set()
    for r in art.rules:
        for c in r.conditions:
            if c.kind in ("breach", "breached"):
                out.add((c.kind, c.args[1].value if c.args[1] else None, c.args[2].value))
    return out


def test_countermeasures_read_the_violations_they_name():
    assert _readings("5") == {("breached", "un", "2(4)"), ("breached", "general", "1"),
                              ("breached", "un", "94"), ("breach", "un", "25")}
    # the duty of proportion is said wherever the injured state has its leave
    assert _readings("8") == {("breached", "un", "2(4)"), ("breached", "general", "1"), ("breached", "un", "94")}


def test_countermeasures_are_never_force():
    ch = parse_charter(Path(GENERAL).read_text(encoding="utf-8"), str(GENERAL))
    (art,) = [a for a in ch.articles if a.num == "5"]
    assert {r.act.verb.value for r in art.rules} == {"take-countermeasures"}


def _scenario(tmp_path, body: str) -> str:
    p = tmp_path / "t.scenario"
    p.write_text('scenario t "t" uses un.\nmembership un from data "un".\n'
                 'state XAA "A" member of un from 2029-01-01.\nstate XBB "B" member of un from 2029-01-01.\n'
                 + body, encoding="utf-8")
    return str(p)


def _may(answer, actor, target, day):
    return [c for c in api.query(answer, actor=actor, action="take-countermeasures", target=target,
                                 status="perm", at=day)]


def test_lawful_force_opens_no_countermeasure_and_reparation_ends_the_leave(tmp_path):
    answer = api.answer_bundle(load_bundle(_scenario(tmp_path,
        "on 2030-05-01: XAA uses force against XBB on a large scale causing grave harm.\n"
        "on 2030-05-02: XBB uses force against XAA on a small scale.\n"
        "on 2030-05-05: XAA uses force against XBB ends.\n"
        "on 2030-06-01: XAA make-reparation to XBB.\n")))
    assert _may(answer, "XBB", "XAA", D("2030-05-03"))          # the injured state, from the wrong
    assert _may(answer, "XBB", "XAA", D("2030-05-20"))          # after the act, before reparation
    assert not _may(answer, "XBB", "XAA", D("2030-06-02"))      # reparation made (Art 53)
    assert not _may(answer, "XAA", "XBB", D("2030-05-02"))      # self-defence is no wrongful act
    assert not _may(answer, "XBB", "XAA", D("2030-04-30"))      # before the wrong
