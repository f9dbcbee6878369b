"""Explanations: the tree's structure for an obligation, a permission that
defeats a prohibition, a "why not", a gap and a contested answer; every
bundled expectation can be explained; JSON and DOT forms."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pyrule import api
from pyrule.explain import Node, explain
from pyrule.render import tree_dot, tree_json
from pyrule.library import SCENARIO_SUFFIX, bundled, load_bundle
from pyrule.parse import parse_question

DATA = Path(__file__).parent / "data"


def walk(node: Node):
    yield node
    for child in node.children:
        yield from walk(child)


def kinds(node: Node, kind: str) -> list[Node]:
    return [n for n in walk(node) if n.kind == kind]


def ask(answer, text: str) -> Node:
    return explain(answer, parse_question(text))


def test_an_obligation_rests_on_its_articles_events_and_vote(iraq_kuwait):
    tree = ask(iraq_kuwait, "FRA must apply trade-embargo against IRQ on 1990-08-07")
    (holds,) = kinds(tree, "holds")
    assert holds.text.endswith("settled")
    (rule,) = kinds(tree, "rule")
    assert rule.text.startswith('article 41 "Measures not involving armed force"')
    assert rule.at.startswith("charters/un.charter:")
    cited = {n.text.split()[2] for n in kinds(rule, "cites")}
    assert cited == {"25", "48"}
    (member,) = kinds(rule, "member")
    assert "FRA" in member.text and "since 1945-10-24" in member.text
    (event,) = kinds(rule, "event")
    assert event.text.startswith("1990-08-06:") and "S/RES/661 (1990)" in event.text
    (vote,) = kinds(event, "vote")
    assert vote.text.startswith("adopted by the council: 13 for, 0 against") and "article 27" in vote.text


def test_a_permission_shows_the_prohibition_it_defeats(iraq_kuwait):
    tree = ask(iraq_kuwait, "KWT may use-force against IRQ on 1990-08-03")
    overrides = kinds(tree, "overrides")
    assert overrides, "the Art 2(4) prohibition should appear as defeated"
    assert all("article 2(4)" in n.text and "explicit exception" in n.text for n in overrides)
    assert any("article 51 over article 2(4)" in n.text for n in overrides)
    # the scenario states the force neutrally; Art 51's "counts as" rule makes it an armed attack
    # (twice: both its scale and its harm make it one)
    assert {n.text for n in kinds(tree, "event")} == {
        "1990-08-02: IRQ uses force against KWT on a large scale causing grave harm"}
    assert any(n.text.startswith("armed attack by IRQ on KWT — counts as such by article 51")
               for n in kinds(tree, "derived"))


def test_a_derived_fact_is_explained_through_its_counts_as_rule(iraq_kuwait):
    tree = ask(iraq_kuwait, "FRA must not give-assistance to IRQ on 1990-08-07")
    (derived,) = kinds(tree, "derived")
    assert derived.text.startswith("enforcement action against IRQ — counts as such by article 41")
    assert any("S/RES/661" in n.text for n in kinds(derived, "event"))


def test_a_fact_that_counts_as_another_on_one_reading_says_which():
    answer = api.run("oil-platforms-1987")
    tree = ask(answer, "USA may use-force against IRN on 1987-10-19")
    # two steps now: the scenario's neutral force is less grave force (small scale, minor
    # harm), which is an armed attack only on the any-force reading
    derived, lesser = kinds(tree, "derived")
    assert derived.text.startswith("armed attack by IRN on USA — counts as such by article 51")
    assert derived.text.endswith("where IS-THRESHOLD is any-force")
    assert lesser.text.startswith("less grave use of force by IRN on USA — counts as such by article 51")
    assert [n.text for n in kinds(derived, "event")] == [
        "1987-10-16: IRN uses force against USA on a small scale causing minor harm"]


def test_why_not_names_the_missing_condition_and_when_it_holds(iraq_kuwait):
    tree = ask(iraq_kuwait, "FRA must apply trade-embargo against IRQ on 1990-08-05")
    (holds,) = kinds(tree, "holds")
    assert holds.text.endswith("does not hold")
    assert any(n.text == "it holds from 1990-08-06, not on 1990-08-05" for n in kinds(tree, "instead"))
    art41 = next(n for n in kinds(tree, "rule") if n.text.startswith("article 41"))
    (missing,) = kinds(art41, "missing")
    assert "the council decides measures trade-embargo against IRQ under article 41" in missing.text
    assert "there is one from 1990-08-06" in missing.text


def test_why_not_a_fact_that_has_ended_is_not_met():
    answer = api.run("iraq-2003", settings={"IS-REVIVAL": "no"}, explaining=True)
    tree = ask(answer, "KWT may use-force against IRQ on 2003-03-20")
    art51 = next(n for n in kinds(tree, "rule") if n.text.startswith("article 51"))
    (missing,) = [n for n in art51.children if n.kind == "missing"]
    assert missing.text == ("missing on 2003-03-20: armed attack by IRQ on KWT "
                            "(there was one from 1990-08-02 to 1991-02-27)")
    assert not [n for n in art51.children if n.kind == "event"]


def test_why_not_names_the_until_rider_that_ended_a_rule_and_the_reading_it_needs():
    answer = api.run("iraq-2003", settings={"IS-REVIVAL": "no"}, explaining=True)
    tree = ask(answer, "KWT may use-force against IRQ on 2003-03-20")
    (stopped,) = kinds(tree, "stopped")
    assert stopped.text == ("ended on 1991-04-11: until the council decides that IRQ cease-fire against KWT "
                            "where IS-REVIVAL is no")
    (event,) = [n for n in stopped.children if n.kind == "event"]
    assert event.text.startswith("1991-04-11: the council decides that IRQ cease-fire") and "S/RES/687" in event.text
    needs = [n.text for n in kinds(tree, "missing") if n.text.startswith("applies only where")]
    assert needs == ["applies only where IS-REVIVAL is yes (this answer: IS-REVIVAL=no)"]


def test_why_not_names_the_clock_that_ended_a_rule_and_the_fact_it_ran_from():
    answer = api.run(str(DATA / "league-clock.scenario"), explaining=True)
    tree = ask(answer, "XAA must not resort-to-war against XBB on 1931-03-01")
    (clock,) = [n for n in kinds(tree, "stopped") if "months after" in n.text]
    # the report of 30 Nov 1930: three months run to 28 Feb 1931 (no 30 Feb)
    assert clock.text == ("ended on 1931-03-01: until 3 months after the league-council recommends that XBB A1 O "
                          "against XAA")
    (event,) = [n for n in clock.children if n.kind == "event"]
    assert event.text.startswith("1930-11-30: the league-council recommends that XBB withdraw-forces against XAA")
    # the day before, the bar holds, resting on the dispute
    held = ask(answer, "XAA must not resort-to-war against XBB on 1931-02-28")
    assert not kinds(held, "stopped") and any(n.text.startswith('article 12 "Moratorium on war"')
                                              for n in kinds(held, "rule"))


def test_a_running_clock_says_when_the_rule_will_end():
    answer = api.run(str(DATA / "league-clock.scenario"), explaining=True)
    tree = ask(answer, "XAA must not resort-to-war against XBB on 1931-02-28")
    (end,) = kinds(tree, "ends")
    assert end.text == ("holds to 1931-02-28, then ends: until 3 months after the league-council recommends "
                        "that XBB A1 O against XAA")
    (event,) = [n for n in end.children if n.kind == "event"]
    assert event.text.startswith("1930-11-30: the league-council recommends that XBB withdraw-forces")
    # the scenario is a timeline: before the report, its end is in view too
    (early,) = kinds(ask(answer, "XAA must not resort-to-war against XBB on 1930-10-02"), "ends")
    assert early.text == end.text
    # B, barred by Art 12 and by Art 15(6): only Art 12's rule has an end in view
    both = ask(answer, "XBB must not resort-to-war against XAA on 1931-02-01")
    assert [n.text.split(" (")[0] for n in kinds(both, "rule")] == ['article 12 "Moratorium on war"',
                                                                      'article 15 "Disputes before the Council"']
    assert len(kinds(both, "ends")) == 1
    # on one reading only: Art 51's leave, until the Council's measures where IS-UNTIL is any-measure
    kuwait = api.run("iraq-kuwait-1990", explaining=True)
    ends = {n.text for n in kinds(ask(kuwait, "KWT may use-force against IRQ on 1990-08-03"), "ends")}
    assert ends == {"holds to 1990-08-05, then ends: until the council decides measures M against IRQ under "
                    "article 41 where IS-UNTIL is any-measure (on IS-UNTIL=any-measure)"}


def test_a_rule_its_clock_has_ended_is_no_longer_among_the_grounds():
    # Italy is barred by Art 12 until three months after the Council's report
    # of 7 Oct 1935 (through 7 Jan 1936), and by Art 15(6) from the report on,
    # Ethiopia complying: one conclusion, whose grounds change on 8 Jan 1936
    answer = api.run("italy-ethiopia-1935", explaining=True)
    rules = {day: [n.text.split(" (")[0] for n in kinds(ask(answer, f"ITA must not resort-to-war against ETH on {day}"),
                                                         "rule")]
             for day in ("1936-01-07", "1936-01-08")}
    assert rules == {"1936-01-07": ['article 12 "Moratorium on war"', 'article 15 "Disputes before the Council"'],
                     "1936-01-08": ['article 15 "Disputes before the Council"']}
    (c,) = api.query(answer, actor="ITA", action="resort-to-war", target="ETH", status="forb",
                     at=dt.date(1936, 1, 8))
    assert [num for _, num in c.articles()] == ["15"]


def test_why_not_an_until_rider_met_through_a_counts_as_rule():
    answer = api.run("falklands-1982", settings={"IS-UNTIL": "binding-order", "IS-CALLS-UPON": "context"},
                     explaining=True)
    tree = ask(answer, "GBR may use-force against ARG on 1982-04-25")
    # (general.charter's customary self-defence, loaded with un, is stopped too:
    # "unless GBR is a member", the Charter governing members)
    (stopped,) = [n for n in kinds(tree, "stopped") if "is a member" not in n.text]
    assert stopped.text.startswith("ended on 1982-04-03: until case binding-cease-fire of GBR against ARG")
    (derived,) = [n for n in stopped.children if n.kind == "derived"]
    assert derived.text.endswith("where IS-CALLS-UPON is context")
    assert any("S/RES/502" in n.text for n in kinds(derived, "event"))


def test_why_not_an_unless_rider_suspends_a_rule():
    answer = api.run("nine-eleven-2001", settings={"IS-NON-STATE": "attribution"}, explaining=True)
    tree = ask(answer, "USA may use-force against XAQ on 2001-10-08")
    texts = {n.text for n in kinds(tree, "stopped")}
    # (and general.charter's customary self-defence, which leaves members to the Charter)
    assert texts == {"suspended from 2001-09-11: unless XAQ is a non-state-group where IS-NON-STATE is attribution",
                     "suspended from 1945-10-24: unless USA is a member"}


def test_why_not_a_clause_of_a_draft_that_failed_is_not_met():
    answer = api.run("ukraine-2022", explaining=True)
    tree = ask(answer, "RUS must withdraw from UKR on 2022-02-26")
    texts = [n.text for n in kinds(tree, "missing")]
    assert ("missing on 2022-02-26: the council decides that RUS withdraw from UKR (the draft S/2022/155 of "
            "2022-02-25 would have said so, but it was not adopted: blocked by RUS)") in texts
    assert not [n for n in kinds(tree, "event") if n.text.startswith("met:")]


def test_a_contested_answer_says_on_each_reading_where_it_fails_what_stopped_it():
    answer = api.run("iraq-kuwait-1990", explaining=True)
    tree = ask(answer, "KWT may use-force against IRQ on 1990-09-15")
    (no,) = [n for n in kinds(tree, "branch") if n.text == "if IS-UNTIL=any-measure: not permitted"]
    (stop,) = no.children
    assert stop.kind == "stopped" and stop.text.startswith("ended on 1990-08-06: until the council decides measures")
    assert any("S/RES/661" in n.text for n in kinds(stop, "event"))
    assert all(not n.children for n in kinds(tree, "branch") if n.text.endswith(": permitted"))


def test_a_contested_answer_names_the_reading_a_derived_fact_needs():
    answer = api.run("oil-platforms-1987", explaining=True)
    tree = ask(answer, "USA may use-force against IRN on 1987-10-19")
    (no,) = [n for n in kinds(tree, "branch") if n.text == "if IS-THRESHOLD=grave: not permitted"]
    assert [c.text for c in no.children] == [
        "article 51 rests on armed attack by IRN on USA (counts as such), which holds only where IS-THRESHOLD "
        "is any-force"]


def test_without_explaining_the_answer_carries_no_rider_facts():
    answer = api.run("iraq-2003")
    assert answer.rider_hits == [] and answer.fact_ends == {}
    # explaining, the same scenario has both: the attack ended on 1991-02-28, riders were met
    explained = api.run("iraq-2003", explaining=True)
    assert explained.rider_hits and dt.date(1991, 2, 28) in set(explained.fact_ends.values())


def test_why_not_shows_what_holds_instead(iraq_kuwait):
    tree = ask(iraq_kuwait, "USA must use-force against IRQ on 1991-01-20")
    instead = kinds(tree, "instead")
    assert any("USA is permitted to use-force against IRQ" in n.text for n in instead)


def test_why_not_reports_a_defeated_rule(iraq_kuwait):
    tree = ask(iraq_kuwait, "USA must not use-force against IRQ on 1991-01-20")
    overrides = kinds(tree, "overrides")
    assert any(n.text.startswith("article 2(4) would say so, but article 42 overrides it") for n in overrides)


def test_a_gap_is_reported_when_no_rule_speaks_to_the_act(iraq_kuwait):
    tree = ask(iraq_kuwait, "FRA has power to intervene against IRQ on 1990-08-07")
    (gap,) = kinds(tree, "gap")
    assert "no rule in the loaded charters" in gap.text


def test_a_contested_answer_has_one_branch_per_position(iraq_kuwait):
    tree = ask(iraq_kuwait, "KWT may use-force against IRQ on 1990-09-15")
    (holds,) = kinds(tree, "holds")
    assert holds.text.endswith("contested")
    branches = sorted(n.text for n in kinds(tree, "branch") if n.text.startswith("if "))
    assert branches == ["if IS-UNTIL=any-measure: not permitted", "if IS-UNTIL=binding-order: permitted",
                        "if IS-UNTIL=replacing: permitted"]


def expectations():
    for name in bundled("scenarios", SCENARIO_SUFFIX):
        bundle = load_bundle(name)
        for ex in bundle.scenario.expectations:
            if ex.claim == "norm" and ex.act is not None and ex.modality is not None and ex.who == "one":
                yield pytest.param(name, ex, id=f"{name}:{ex.span.line}")


@pytest.fixture(scope="module")
def answers():
    cache = {}

    def get(name, settings=()):
        if (name, settings) not in cache:
            cache[name, settings] = api.run(name, settings=dict(settings), explaining=True)
        return cache[name, settings]
    return get


@pytest.mark.parametrize("name, ex", list(expectations()))
def test_every_bundled_expectation_about_a_state_can_be_explained(answers, name, ex):
    # an expectation under a reading is explained on the answer with that reading fixed
    answer = answers(name, tuple(sorted((u.switch, u.position) for u in ex.under)))
    tree = explain(answer, ex)
    (holds,) = kinds(tree, "holds")[:1]
    if ex.negated:
        assert holds.text.endswith("does not hold")
        # every rule that could say so is shown short of something: a condition
        # missing that day, a rider that stopped it, a reading it needs, or a
        # rule that overrides it
        overridden = any(n.kind == "overrides" for n in holds.children)
        for rule in (n for n in holds.children if n.kind == "rule"):
            assert overridden or {"missing", "stopped"} & {c.kind for c in rule.children}, rule.text
    else:
        assert holds.text.endswith("settled") or holds.text.endswith("contested")
        assert kinds(tree, "rule"), "a conclusion that holds must rest on at least one rule"


def test_json_and_dot_forms(iraq_kuwait):
    tree = ask(iraq_kuwait, "KWT may use-force against IRQ on 1990-09-15")
    doc = json.loads(json.dumps(tree_json(tree, iraq_kuwait)))
    assert doc["schema"] == "pyrule.explain/1"
    assert doc["tree"]["kind"] == "question"
    assert {"kind", "text", "at", "children"} <= set(doc["tree"]["children"][0])
    dot = tree_dot(tree)
    assert dot.startswith("digraph explanation {") and dot.rstrip().endswith("}")
    assert dot.count("->") == sum(1 for _ in walk(tree)) - 1


def test_explain_from_the_command_line(cli):
    result = cli("explain", "FRA must apply trade-embargo against IRQ on 1990-08-07")
    assert result.exit_code == 0
    assert 'article 41 "Measures not involving armed force"' in result.stdout
    result = cli("explain", "--actor", "FRA", "--status", "obliged", "--action", "apply", "--target", "IRQ",
                 "--at", "1990-08-07", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == "pyrule.explain/1"


def test_a_bad_question_is_a_clean_error(cli):
    result = cli("explain", "FRA must aply trade-embargo against IRQ on 1990-08-07")
    assert result.exit_code == 2
    assert "Traceback" not in result.text
    assert "aply" in result.text


@pytest.fixture(scope="module")
def lockerbie():
    return api.run("lockerbie-1992")


def test_a_right_overridden_through_an_incompatible_duty(lockerbie):
    tree = ask(lockerbie, "LBY may refuse-extradition pan-am-103-suspects to USA on 1992-04-01")
    (over,) = kinds(tree, "overrides")
    assert "article 25 overrides it (it obliges LBY to surrender-suspects, which cannot be done as well)" in over.text
    assert over.text.endswith("lex superior")
    # before the binding decision, the choice under the Convention held
    assert kinds(ask(lockerbie, "LBY may refuse-extradition pan-am-103-suspects to USA on 1992-03-30"), "rule")


def test_membership_conditions_are_met_or_missing_by_dated_membership(lockerbie):
    texts = [n.text for n in walk(ask(lockerbie, "FRA may refuse-extradition pan-am-103-suspects to USA on 1992-01-01"))]
    assert "missing on 1992-01-01: FRA is a contracting-state" in texts
    assert "met: USA is a contracting-state (in `montreal` since 1973-01-26)" in texts
    assert "missing on 1992-01-01: USA requests extradition of pan-am-103-suspects from FRA" in texts


def test_the_steps_from_what_a_rule_says_to_the_conclusion_are_shown():
    """A kind of act, the act a measure forbids, the permission a duty entails:
    each is a node of its own, with the declaration it rests on."""
    from pathlib import Path

    scen = str(Path(__file__).parent / "data" / "arms-embargo.scenario")
    answer = api.run(scen, explaining=True)

    def texts(claim: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []

        def walk(node: Node) -> None:
            out.append((node.kind, node.text))
            for child in node.children:
                walk(child)

        walk(explain(answer, parse_question(claim)))
        return out

    forbidden = texts("FRA must not supply-arms to XAB on 2030-01-06")
    assert ("kind", "supply-arms is a kind of give-assistance") in forbidden
    assert ("measure", "a duty to apply the arms-embargo against XAB forbids supply-arms to XAB") in forbidden
    assert any(k == "overrides" and "lex superior (article 41 over article 5)" in t for k, t in forbidden)
    permitted = texts("FRA may supply-arms to XAB on 2030-01-03")
    assert ("entailed", "it obliges FRA to supply-arms to XAB, so FRA may do it (what one must do, one may do)") \
        in permitted


def test_why_not_shows_conditions_met_alone_but_not_together_and_the_place(answers):
    # the Beira authorization names RHO; the made-up Ariadne is bound for ZAF: each
    # condition of general Art 14 is met on its own, never together
    answer = answers("southern-rhodesia-1966")
    tree = ask(answer, "GBR may intercept against vessel:ARIADNE on 1966-04-20")
    art14 = [n for n in kinds(tree, "rule") if n.text.startswith("article 14 ") and "(general)" in n.text]
    assert any("not with the same T" in c.text for n in art14 for c in n.children if c.kind == "missing")
    # what forbids it instead rests on the act where it happened
    assert any("GBR intercept against vessel:ARIADNE in high-seas" in n.text for n in kinds(tree, "event"))
