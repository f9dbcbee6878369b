"""Constructs of the scenario language that let the engine classify what a
writer records (issue 15): force with its scale and effects, classed by the
charters' "counts as" rules; who is party in a vote, read from the record.
Golden lines: tests/data/border-clash.scenario, scenarios/oil-platforms-1987
and the scenarios rewritten with the neutral form (iraq-kuwait-1990, ...)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pyrule import ast as A
from pyrule.parse import parse_question, parse_scenario


def _events(text: str):
    sc = parse_scenario('scenario t "t" uses un.\n' + text)
    return [f for ev in sc.events for f, _ in ev.facts]


def test_force_keeps_its_scale_effects_and_region():
    (f,) = _events("on 2030-01-01: XAA uses force against XBB in border-region on a small scale causing minor harm.\n")
    assert f.kind == "force"
    assert [a.value if a else None for a in f.args] == ["XAA", "XBB", "border-region", "small", "minor"]
    (g,) = _events("on 2030-01-01: XAA uses force against XBB on a large scale.\n")
    assert [a.value if a else None for a in g.args] == ["XAA", "XBB", None, "large", None]


def test_force_in_a_question_before_its_day():
    ex = parse_question("unread: XAA uses force against XBB on a large scale on 2030-01-01")
    assert ex.fact.kind == "force" and ex.date.isoformat() == "2030-01-01"


@pytest.mark.parametrize("text, needle", [
    ("on 2030-01-01: XAA uses force against XBB on a huge scale.\n", "expected"),
    ("on 2030-01-01: XAA uses force against XBB causing some harm.\n", "expected"),
])
def test_scale_and_harm_take_their_words(text, needle):
    from pyrule.errors import PyruleError

    with pytest.raises(PyruleError, match=needle):
        _events(text)


def test_a_scenario_gives_the_scale(cli, tmp_path):
    path = tmp_path / "f.scenario"
    path.write_text('scenario t "t" uses un.\nmembership un from data "un".\n'
                    "on 2000-01-01: FRA uses force against DEU.\n", encoding="utf-8")
    result = cli("query", "-s", str(path))
    assert result.exit_code == 2, result.text
    assert "f.scenario:3:16:" in result.stderr and "give the scale of the force" in result.stderr
    assert "on a small scale" in result.stderr and "armed attack by A on V" in result.stderr


def test_the_classification_is_the_charters(cli, tmp_path):
    """Without the UN Charter's "counts as" rules, force is read by nothing."""
    (tmp_path / "bare.charter").write_text(
        'charter bare "b" in force 1900-01-01.\nrole member "m" from membership un.\n'
        'action use-force "use force".\narticle 1 "a":\n  every member must not use-force against any state.\n',
        encoding="utf-8")
    path = tmp_path / "f.scenario"
    path.write_text('scenario t "t" uses bare.\nmembership un from data "un".\n'
                    "on 2000-01-01: FRA uses force against DEU on a large scale.\n", encoding="utf-8")
    result = cli("query", "-s", str(path), "--format", "json")
    assert result.exit_code == 0, result.text
    import json

    doc = json.loads(result.stdout)
    assert doc["violations"] == [] and len(doc["unread"]) == 1, doc["unread"]


def test_the_readmes_facts_of_real_cases_are_lines_of_real_scenarios():
    # README "Facts of real cases": each line of its example block is a line of a bundled
    # scenario or of one in tests/data, so the examples parse and are read by some rule
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Facts of real cases", 1)[1].split("```", 2)[1]
    lines = {line.strip() for f in [*(root / "scenarios").glob("*.scenario"), *(root / "tests" / "data").glob("*.scenario")]
             for line in f.read_text(encoding="utf-8").splitlines()}
    shown = [line.strip() for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(shown) > 15
    assert [line for line in shown if line not in lines] == []


def test_a_clause_that_terminates_measures():
    sc = parse_scenario('scenario t "t" uses un.\non 1979-12-21: the council adopts "S/RES/460 (1979)":\n'
                        '  terminates measures selective-sanctions against RHO.\n', "t.scenario")
    (fact, _), = sc.events[0].facts
    assert fact.kind == "termination"
    assert [a.value for a in fact.args] == ["council", "selective-sanctions", "RHO"]


def test_an_authorization_with_exclusions():
    sc = parse_scenario('scenario t "t" uses un.\non 2011-03-17: the council adopts "S/RES/1973 (2011)":\n'
                        '  authorizes members cooperating with LBY to use-force against LBY excluding occupy, annex.\n',
                        "t.scenario")
    (fact, _), = sc.events[0].facts
    assert fact.kind == "authorization"
    assert [e.value for e in fact.excluding] == ["occupy", "annex"]


def test_excluding_in_a_rule_condition_is_an_error():
    from pyrule.errors import CheckProblem
    from pyrule.parse import parse_charter

    text = ('charter t "t" in force 1945-10-24.\naction use-force "force".\n'
            'article 1 "A":\n  when the council authorizes members cooperating with V to use-force against T '
            'excluding use-force\n  then V may use-force against T.\n')
    with pytest.raises(CheckProblem, match="'excluding' belongs to the clause of a text"):
        parse_charter(text, "t.charter")


def test_a_violation_as_a_condition():
    from pyrule.parse import parse_charter

    ch = parse_charter('charter t "t" in force 1945-10-24.\naction cease "cease".\narticle 30 "C":\n'
                       '  when A violates article 2(4) of un against V then A must cease against V.\n'
                       '  when A has violated article 51 then A must cease against A.\n', "t.charter")
    first, second = (r.conditions[0] for r in ch.articles[0].rules)
    assert (first.kind, [getattr(a, "value", getattr(a, "name", None)) for a in first.args]) == \
        ("breach", ["A", "un", "2(4)", "V"])
    assert (second.kind, second.args[1], second.args[3]) == ("breached", None, None)


def test_a_rule_that_depends_on_its_own_violation_is_an_error(tmp_path):
    from pyrule import api
    from pyrule.errors import CheckProblem

    (tmp_path / "cyc.charter").write_text(
        'charter cyc "c" in force 1945-10-24.\naction cease "cease".\naction pay "pay".\n'
        'article 5 "A":\n  when A violates article 6 against V then A must cease against V.\n'
        'article 6 "B":\n  when A violates article 5 against V then A must pay to V.\n', encoding="utf-8")
    (tmp_path / "cyc.scenario").write_text('scenario cyc "c" uses un, cyc.\nmembership un from data "un".\n',
                                           encoding="utf-8")
    with pytest.raises(CheckProblem, match="depends on the violation of its own article 5 .cyc., through 1 other"):
        api.run(str(tmp_path / "cyc.scenario"), use_cache=False)


def _refused(tmp_path: Path, text: str, match: str) -> None:
    """The scenario `text`, run from a file, is refused with a message matching `match`."""
    from pyrule import api
    from pyrule.errors import PyruleError

    path = tmp_path / "t.scenario"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PyruleError, match=match):
        api.run(str(path), use_cache=False)


def test_a_scenario_cannot_state_a_violation(tmp_path):
    _refused(tmp_path, 'scenario v "v" uses un.\nmembership un from data "un".\n'
                       'on 2030-01-01: IRQ violates article 2(4) against KWT.\n', "a violation is what pyrule finds")


def test_a_norm_may_exclude_kinds_of_its_act():
    from pyrule.parse import parse_charter

    ch = parse_charter('charter t "t" in force 1945-10-24.\naction use-force "force".\n'
                       'action use-excessive-force "too much" is a kind of use-force.\narticle 51 "S":\n'
                       '  when armed attack by A on V occurs\n'
                       '  then V may use-force against A, excluding use-excessive-force, overriding article 2(4).\n',
                       "t.charter")
    (norm,) = ch.articles[0].rules
    assert [e.value for e in norm.excluding] == ["use-excessive-force"]
    assert [r.num for r in norm.overriding] == ["2(4)"]


def test_a_vote_records_the_chapter_of_its_text():
    sc = parse_scenario('scenario t "t" uses un.\n'
                        'on 1990-08-06: the council votes on "S/RES/661 (1990)" under chapter 7:\n'
                        '  for FRA. text: decides measures trade-embargo against IRQ under article 41;\n'
                        '  calls upon IRQ to withdraw from KWT under chapter 6.\n'
                        'on 1947-04-09: the council votes on "S/RES/22" under chapter 6 in the dispute between GBR and ALB:\n'
                        '  for FRA. text: recommends that GBR refer-to-court with ALB.\n', "t.scenario")
    first, second = sc.events
    assert first.vote.kind == "unstated" and first.vote.chapter == 7 and first.vote.parties == ()
    assert [(f.kind, f.chapter.words()) for f, _ in first.facts] == [("measures", "under chapter 7"),
                                                                      ("call", "under chapter 6")]
    assert second.vote.kind == "chapter"
    assert [f.chapter.words() for f, _ in second.facts] == ["under chapter 6"]


def test_a_condition_outside_a_chapter():
    from pyrule.parse import parse_charter

    ch = parse_charter('charter t "t" in force 1945-10-24.\naction apply "apply".\norgan council "C".\n'
                       'article 25 "A":\n  when the council decides that X apply O against T outside chapter 7\n'
                       '  then X is recommended to apply O against T.\n', "t.charter")
    (norm,) = ch.articles[0].rules
    assert norm.conditions[0].chapter == A.ChapterTag("outside", 7)


def test_what_an_organ_says_of_an_act():
    sc = parse_scenario('scenario t "t" uses un.\n'
                        'on 1992-11-19: the council adopts "S/RES/788 (1992)":\n'
                        '  commends NGA deploy-forces to LBR; condemns XAA use-force against LBR.\n'
                        'on 1992-11-20: the council issues "S/PRST/HYP": deplores XAA use-force against LBR.\n',
                        "t.scenario")
    facts = [f for ev in sc.events for f, _ in ev.facts]
    assert [(f.kind, [a.value if a else None for a in f.args]) for f in facts] == [
        ("statement", ["council", "commends", "NGA", "deploy-forces", None, "LBR", None]),
        ("statement", ["council", "condemns", "XAA", "use-force", None, "LBR", None]),
        ("statement", ["council", "deplores", "XAA", "use-force", None, "LBR", "president"])]
    assert sc.events[1].resolution == "S/PRST/HYP"


def test_a_presidents_statement_decides_nothing():
    from pyrule.errors import CheckProblem

    with pytest.raises(CheckProblem, match="a president's statement binds no one"):
        parse_scenario('scenario t "t" uses un.\n'
                       'on 1992-11-20: the council issues "S/PRST/HYP": decides that XAA withdraw from LBR.\n',
                       "t.scenario")


def test_a_norm_that_reaches_back():
    from pyrule.parse import parse_charter

    ch = parse_charter('charter t "t" in force 1945-10-24.\naction use-force "force".\norgan council "C".\n'
                       'article 42 "A":\n  when the council commends X use-force against T and X use-force against T\n'
                       '  then X may use-force against T, from the day its situation arose.\n'
                       '  when the council president welcomes X use-force against T\n'
                       '  then X may use-force against T.\n', "t.charter")
    first, second = ch.articles[0].rules
    assert first.retroactive and not second.retroactive
    assert second.conditions[0].args[-1] == A.Const("president")


@pytest.mark.parametrize("line, needle", [
    ("authorizes the members of natto to use-force against XAA", "did you mean 'nato'"),
    ("authorizes the members of au to use-force against XAA", "no membership of au is loaded"),
])
def test_an_authorization_of_the_members_of_an_organisation_names_one_loaded(tmp_path, line, needle):
    text = (Path(__file__).parent / "data" / "members-of.scenario").read_text(encoding="utf-8")
    _refused(tmp_path, text.replace("authorizes the members of nato to use-force against XAA", line), needle)


def test_membership_of_an_organisation_is_not_stated(tmp_path):
    _refused(tmp_path, 'scenario m "m" uses un, nato.\nmembership un from data "un".\n'
                       'membership nato from data "nato".\non 2023-03-01: SWE is a member of nato.\n',
             "read from its membership table")


def test_an_act_says_where_it_happens_and_a_vessel_its_flag():
    sc = parse_scenario('scenario t "t" uses un.\n'
                        'on 1966-04-10: GBR intercept against vessel:MANUELA in high-seas.\n'
                        'on 1966-04-10: vessel:MANUELA flies the flag of GRC.\n'
                        'on 1966-04-10: vessel:MANUELA is bound for RHO.\n', "t.scenario")
    act, flag, bound = (ev.facts[0][0] for ev in sc.events)
    assert act.place == A.Place(name=A.Const("high-seas")) and act.args[3] == A.Const("vessel:MANUELA")
    assert (flag.kind, bound.kind) == ("flag", "destination")
    from pyrule.words import describe_fact

    assert describe_fact(act) == "GBR intercept against vessel:MANUELA in high-seas"
    assert describe_fact(bound) == "vessel:MANUELA is bound for RHO"


def test_the_means_of_assistance_are_kinds_of_the_act(cli):
    # a duty "by all the means in their power" is a plain duty to assist: aid of
    # any kind performs it; a bar on financial aid is not broken by humanitarian aid
    data = Path(__file__).resolve().parent / "data"
    result = cli("test", "--no-cache", str(data / "means.scenario"))
    assert result.exit_code == 0, result.text
    assert "8 passed, 0 failed" in result.text


def test_purposes_of_an_authorization_and_of_an_act():
    sc = parse_scenario('scenario t "t" uses un.\non 2011-03-17: the council adopts "S/RES/1973 (2011)":\n'
                        '  authorizes members cooperating with LBY to use-force against LBY for the purpose of '
                        'protect-civilians excluding occupy.\n'
                        'on 2011-08-20: GBR use-force against LBY for the purpose of regime-change.\n', "t.scenario")
    (auth, _), = sc.events[0].facts
    (act, _), = sc.events[1].facts
    assert auth.purpose.value == "protect-civilians" and [e.value for e in auth.excluding] == ["occupy"]
    assert act.purpose.value == "regime-change"
    from pyrule.words import describe_fact
    assert describe_fact(auth).endswith("for the purpose of protect-civilians excluding occupy")


def test_a_purpose_belongs_to_the_record_not_to_a_condition():
    from pyrule.errors import CheckProblem
    from pyrule.parse import parse_charter

    with pytest.raises(CheckProblem, match="'for the purpose of' belongs to the clause of a text"):
        parse_charter('charter t "t" in force 1945-10-24.\naction use-force "force".\norgan council "C".\n'
                      'article 1 "A":\n  when the council authorizes members cooperating with V to use-force '
                      'against T for the purpose of p\n  then V may use-force against T.\n', "t.charter")


# ------------------------------------------------------------------ circumstances precluding wrongfulness


def test_an_act_or_omission_under_a_circumstance():
    from pyrule.parse import parse_charter
    from pyrule.words import describe_fact

    act, omission = _events('on 2024-04-01: XAA enter-airspace against XBB in the airspace of XBB under distress.\n'
                            'on 2024-04-02: FRA fails to keep-on-hao mafart to NZL under force-majeure until 2024-05-01.\n')
    assert act.plea.value == "distress" and act.place.words() == "in the airspace of XBB"
    assert omission.plea.value == "force-majeure" and omission.lasting.isoformat() == "2024-05-01"
    assert describe_fact(omission) == "FRA fails to keep-on-hao mafart to NZL under force-majeure"
    ch = parse_charter('charter t "t" in force 1945-10-24.\naction use-force "force".\naction pay "pay".\n'
                       'article 17 "Distress":\n  circumstance distress precludes wrongfulness, save acts of use-force and pay.\n'
                       'article 16 "Force majeure":\n  circumstance force-majeure precludes wrongfulness.\n', "t.charter")
    (distress,), (majeure,) = (art.voting for art in ch.articles)
    assert distress.circumstance.value == "distress" and [a.value for a in distress.save] == ["use-force", "pay"]
    assert majeure.circumstance.value == "force-majeure" and majeure.save == ()


BARE = 'scenario t "t" uses un.\nmembership un from data "un".\nstate XAA "A". state XBB "B".\n'


@pytest.mark.parametrize("line, match", [
    # a misspelt circumstance would silently excuse nothing
    ("on 2024-01-01: XAA fails to cease-fire against XBB under necesity.", "(?s)unknown circumstance.*did you mean 'necessity'"),
    ("on 2024-01-01: XAA fails to cease-fire against XBB under bad-luck.", "unknown circumstance precluding wrongfulness 'bad-luck'"),
])
def test_a_circumstance_no_charter_states_is_an_error(tmp_path, line, match):
    _refused(tmp_path, BARE + line + "\n", match)


def test_a_circumstance_belongs_to_the_record_not_to_a_condition():
    from pyrule.check import check_charters
    from pyrule.errors import CheckProblem
    from pyrule.parse import parse_charter

    ch = parse_charter('charter t "t" in force 1945-10-24.\naction pay "pay".\narticle 1 "A":\n'
                       '  circumstance distress precludes wrongfulness.\n'
                       '  when X fails to pay to Y under distress then Y may pay to X.\n', "t.charter")
    with pytest.raises(CheckProblem, match="the circumstance an act was done under is recorded in a scenario"):
        check_charters((ch,))


def test_what_a_circumstance_saves_is_an_action():
    from pyrule.check import check_charters
    from pyrule.errors import NameProblem
    from pyrule.parse import parse_charter

    ch = parse_charter('charter t "t" in force 1945-10-24.\naction use-force "force".\narticle 1 "A":\n'
                       '  circumstance distress precludes wrongfulness, save acts of use-forc.\n', "t.charter")
    with pytest.raises(NameProblem, match="did you mean 'use-force'"):
        check_charters((ch,))


# ------------------------------------------------------------------ suspension for breach


def test_a_suspension_for_breach_is_a_fact_of_the_record():
    (s,) = _events('on 1986-08-11: USA suspends its obligations under anzus towards NZL for breach of article 4.\n')
    assert s.kind == "suspension" and [a.value for a in s.args] == ["USA", "anzus", "NZL", "4"]
    from pyrule.words import describe_fact
    assert describe_fact(s) == "USA suspends its obligations under anzus towards NZL for breach of article 4"


SUSPENDING = 'scenario t "t" uses un, anzus.\nmembership un from data "un".\nmembership anzus from data "anzus".\n'


@pytest.mark.parametrize("line, match", [
    ("on 2030-01-01: USA suspends its obligations under anzuss towards NZL for breach of article 4.",
     "(?s)unknown charter 'anzuss'.*did you mean 'anzus'"),
    ("on 2030-01-01: USA suspends its obligations under anzus towards NZL for breach of article 2(4).",
     "unknown article '2\\(4\\)'"),
    ("on 2030-01-01: USA suspends its obligations under general towards NZL for breach of article 1.",
     "general international law is no treaty"),
    ("on 2030-01-01: USA suspends its obligations under anzus towards USA for breach of article 4.",
     "cannot suspend a treaty towards itself"),
    ("on 2030-01-01: USA suspends its obligations under anzus towards NZL for breach of article 4.\n"
     "on 2030-02-01: NZL suspends its obligations under anzus towards USA for breach of article 4.",
     "each suspend anzus towards the other"),
])
def test_a_suspension_names_a_loaded_treaty_and_one_of_its_articles(tmp_path, line, match):
    _refused(tmp_path, SUSPENDING + line + "\n", match)


def test_a_suspension_needs_a_charter_that_says_what_it_does(tmp_path):
    (tmp_path / "p.charter").write_text('charter p "p" in force 2000-01-01.\naction pay "pay".\n'
                                        'article 1 "A":\n  XBB must pay to XAA.\n', encoding="utf-8")
    _refused(tmp_path, 'scenario t "t" uses p.\nstate XAA "A". state XBB "B".\n'
                       'on 2030-01-01: XBB suspends its obligations under p towards XAA for breach of article 1.\n',
             "no loaded charter says what a suspension for breach does")


def test_a_suspension_in_a_rule_condition_is_an_error():
    from pyrule.check import check_charters
    from pyrule.errors import CheckProblem
    from pyrule.parse import parse_charter

    ch = parse_charter('charter t "t" in force 1945-10-24.\naction pay "pay".\narticle 1 "A":\n'
                       '  when X suspends its obligations under t towards Y for breach of article 1\n'
                       '  then Y may pay to X.\n', "t.charter")
    with pytest.raises(CheckProblem, match="a suspension is recorded in a scenario"):
        check_charters((ch,))


# ------------------------------------------------------------------ a dispute pending before a court


def test_a_pending_dispute_names_its_court():
    (p,) = _events('on 2032-04-01: dispute between XPP and XQQ is pending before the icj.\n')
    assert p.kind == "pending" and [a.value for a in p.args] == ["XPP", "XQQ", "icj"]
    from pyrule.words import describe_fact
    assert describe_fact(p) == "dispute between XPP and XQQ is pending before the icj"
    # the plain dispute keeps its own form
    (d,) = _events('on 2032-04-01: dispute between XPP and XQQ exists.\n')
    assert d.kind == "dispute"


PENDING = ('scenario t "t" uses un.\nmembership un from data "un".\n'
           'state XPP "P" member of un from 2029-01-01.\nstate XQQ "Q" member of un from 2029-01-01.\n')


@pytest.mark.parametrize("line, match", [
    ("on 2032-04-01: dispute between XPP and XQQ is pending before the ijc.", "(?s)unknown organ 'ijc'.*did you mean 'icj'"),
    ("on 2032-04-01: dispute between XPP and XPP is pending before the icj.", "XPP is both the party and the other party"),
])
def test_a_pending_dispute_is_checked(tmp_path, line, match):
    _refused(tmp_path, PENDING + line + "\n", match)


def test_a_pending_dispute_no_rule_reads_is_reported(tmp_path):
    from pyrule import api

    text = ('scenario t "t" uses league.\nmembership league from data "league".\n'
            'state XPP "P" member of league from 1925-01-01.\nstate XQQ "Q" member of league from 1925-01-01.\n'
            'on 1930-04-01: dispute between XPP and XQQ is pending before the tribunal.\n')
    from pyrule.findings import unread_facts
    from pyrule.words import describe_fact

    (tmp_path / "t.scenario").write_text(text, encoding="utf-8")
    _, program = api.load(str(tmp_path / "t.scenario"), use_cache=False)
    assert [describe_fact(i.fact) for i in unread_facts(program)] == [
        "dispute between XPP and XQQ is pending before the tribunal"]


def test_an_organ_reports_on_a_dispute():
    (r,) = _events("on 1931-01-31: the league-council reports on the dispute between XJJ and XKK.\n")
    assert r.kind == "report" and [a.value for a in r.args] == ["league-council", "XJJ", "XKK"]
    from pyrule.words import describe_fact
    assert describe_fact(r) == "the league-council reports on the dispute between XJJ and XKK"


LEAGUE = ('scenario t "t" uses league.\nmembership league from data "league".\n'
          'state XJJ "J" member of league from 1925-01-01.\nstate XKK "K" member of league from 1925-01-01.\n')


@pytest.mark.parametrize("line, match", [
    ("on 1931-01-31: the league-cuoncil reports on the dispute between XJJ and XKK.",
     "(?s)unknown organ 'league-cuoncil'.*did you mean 'league-council'"),
    ("on 1931-01-31: the league-council reports on the dispute between XJJ and XJJ.",
     "XJJ is both the party and the other party of this report"),
    ("on 1931-01-31: the league-council reports on the dispute between XJJ and XZZ.", "unknown state 'XZZ'"),
])
def test_a_report_is_checked(tmp_path, line, match):
    _refused(tmp_path, LEAGUE + line + "\n", match)


@pytest.mark.parametrize("day, ok", [("1931-02-28", True), ("1931-03-01", False)])
def test_an_expectation_names_only_the_articles_in_force_that_day(day, ok):
    # B is barred by Art 12 through the three months from the report of 30 Nov
    # 1930, and by Art 15(6) throughout: on 1 Mar 1931 Art 12 no longer counts
    from pyrule import api
    from pyrule.parse import parse_scenario

    answer = api.run(str(Path(__file__).parent / "data" / "league-clock.scenario"))
    (ex,) = parse_scenario(f'scenario t "t" uses league.\nexpect on {day}: XBB must not resort-to-war against XAA '
                           '(article 12).\n').expectations
    result = api.check_expectation(answer, ex)
    assert result.passed is ok
    if not ok:
        assert "not by article 12 (cited: 15)" in result.detail
