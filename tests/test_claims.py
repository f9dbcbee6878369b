"""Claims beyond "X must/may ... ACT": conflicts, defeats, unread facts,
what a text authorizes, compliance, whether a draft could be adopted, and the
switch a contested answer turns on -- as `expect` lines and as questions to
`explain`. The golden lines live in scenarios/iraq-kuwait-1990.scenario and
tests/data/interdiction.scenario; here: the syntax, the errors, each kind
failing when it should, and `explain`."""

from __future__ import annotations

from pathlib import Path

import pytest

from pyrule import api
from pyrule import ast as A
from pyrule.claims import turns_on
from pyrule.parse import parse_question

REPO = Path(__file__).resolve().parent.parent
IRAQ = REPO / "scenarios" / "iraq-kuwait-1990.scenario"
INTERDICTION = REPO / "tests" / "data" / "interdiction.scenario"


# ------------------------------------------------------------------ syntax


def test_each_claim_parses_to_its_kind():
    ex = parse_question('"S/RES/678 (1990)" authorizes use-force by USA against IRQ on 1991-01-20')
    assert (ex.claim, ex.resolution, ex.subject, ex.act.verb.value, ex.act.target.value) == \
        ("authorizes", "S/RES/678 (1990)", "USA", "use-force", "IRQ")
    ex = parse_question("GBR complies with article 25 of un by apply trade-embargo against IRQ on 1990-08-08")
    assert (ex.claim, ex.article.num, ex.charter, ex.act.obj.value) == ("complies", "25", "un", "trade-embargo")
    ex = parse_question("IRQ complies with article 2(4) on 1990-08-02")
    assert (ex.claim, ex.act, ex.charter) == ("complies", None, None)
    ex = parse_question("article 51 prevails over article 2(4) for KWT: use-force against IRQ on 1990-08-02")
    assert (ex.claim, ex.winner.num, ex.loser.num, ex.subject) == ("defeat", "51", "2(4)", "KWT")
    ex = parse_question("conflict for LTU: halt-shipping against XAA on 2030-03-01")
    assert (ex.claim, ex.subject, ex.act.verb.value) == ("conflict", "LTU", "halt-shipping")
    ex = parse_question("unread: LTU requests consultations on 2030-03-03")
    assert ex.claim == "unread" and ex.fact.kind == "consultation"
    ex = parse_question('the council may adopt "S/RES/678 (1990)" on 1990-11-29')
    assert (ex.claim, ex.who, ex.subject, ex.charter) == ("adopt", "draft", "S/RES/678 (1990)", "council")
    ex = parse_question("KWT may use-force against IRQ is contested on IS-UNTIL and IS-CALLS-UPON on 1990-09-15")
    assert ex.contested and [s.switch for s in ex.contested_on] == ["IS-UNTIL", "IS-CALLS-UPON"]


def test_a_state_does_not_adopt_texts():
    from pyrule.errors import CheckProblem

    with pytest.raises(CheckProblem, match="only an organ adopts"):
        parse_question('FRA may adopt "S/RES/678 (1990)" on 1990-11-29')


def test_a_quoted_object_names_a_draft():
    ex = parse_question('GBR must abstain "S/3710" on 1956-10-30')
    assert ex.act.obj == A.Const("S/3710")


# ------------------------------------------------------------------ turning on a switch


def test_turns_on_needs_two_readings_that_differ_only_there():
    positions = [{"S": "a", "T": "x"}, {"S": "b", "T": "x"}, {"S": "a", "T": "y"}, {"S": "b", "T": "y"}]
    everything = frozenset(range(4))
    assert turns_on(frozenset({0, 2}), everything, positions, "S")        # holds where S is a
    assert not turns_on(frozenset({0, 2}), everything, positions, "T")
    assert not turns_on(frozenset({0}), frozenset({0, 2}), positions, "S")  # S never varies within {0, 2}
    assert not turns_on(frozenset({0}), everything, [{}, {}, {}, {}], "S")   # not engaged at all


# ------------------------------------------------------------------ expectations that must fail


WRONG = """
expect on 1990-08-02: IRQ complies with article 2(4).
expect on 1990-08-02: not KWT complies with article 2(4).
expect on 1990-09-15: KWT may use-force against IRQ is contested on IS-CALLS-UPON.
expect on 1990-08-02: conflict for KWT: use-force against IRQ.
expect on 1990-08-02: article 42 prevails over article 2(4) for KWT: use-force against IRQ.
expect on 1990-08-12: unread: KWT requests assistance.
expect on 1990-08-02: unread: KWT requests assistance.
expect on 1990-11-29: not the council may adopt "S/RES/678 (1990)".
expect on 1991-01-20: "S/RES/665 (1990)" authorizes use-force by USA against IRQ.
expect on 1990-08-08: GBR complies with article 25 by apply trade-embargo against IRQ.
expect on 1990-08-08: FRA complies with article 51 by apply trade-embargo against IRQ.
"""


def test_wrong_claims_fail(tmp_path):
    text = IRAQ.read_text(encoding="utf-8")
    text = text[:text.index("expect on")] + "on 1990-08-08: FRA apply trade-embargo against IRQ.\n" + WRONG
    path = tmp_path / "iq.scenario"
    path.write_text(text, encoding="utf-8")
    bundle, _ = api.load(str(path), use_cache=False)
    answer = api.answer_bundle(bundle)
    results = api.run_expectations(answer, bundle.scenario, bundle)
    assert len(results) == WRONG.count("expect on")
    passed = [r.expectation.span.line for r in results if r.passed]
    assert not passed, [(r.expectation.span.line, r.detail) for r in results if r.passed]
    details = {r.expectation.span.line: r.detail for r in results}
    assert any("no such fact starting on 1990-08-02" in d for d in details.values())
    assert any("no act of GBR on record that day" in d for d in details.values())
    assert any("not on IS-CALLS-UPON" in d for d in details.values())


def test_the_act_performs_the_duty_it_is_claimed_to(tmp_path):
    text = IRAQ.read_text(encoding="utf-8")
    text = text[:text.index("expect on")] + "on 1990-08-08: FRA apply trade-embargo against IRQ.\n" + \
        "expect on 1990-08-08: FRA complies with article 25 by apply trade-embargo against IRQ.\n" + \
        "expect on 1990-08-08: FRA complies with article 41 of un by apply trade-embargo against IRQ.\n"
    path = tmp_path / "iq.scenario"
    path.write_text(text, encoding="utf-8")
    bundle, _ = api.load(str(path), use_cache=False)
    results = api.run_expectations(api.answer_bundle(bundle), bundle.scenario, bundle)
    assert [r.passed for r in results] == [True, True], [r.detail for r in results]


@pytest.mark.parametrize("line, where, needles", [
    ("expect on 1990-08-02: article 5z prevails over article 2(4) for KWT: use-force against IRQ.",
     ":{n}:31:", ("unknown article '5z'", "did you mean")),
    ('expect on 1991-01-20: "S/RES/687 (1990)" authorizes use-force by USA against IRQ.',
     ":{n}:23:", ("unknown text", "did you mean 'S/RES/678 (1990)'")),
    ("expect on 1990-09-15: KWT may use-force against IRQ is contested on IS-UNTLL.",
     ":{n}:69:", ("unknown interpretation switch 'IS-UNTLL'", "did you mean 'IS-UNTIL'")),
    ("expect on 1990-08-02: IRQ complies with article 2(4) of uno.",
     ":{n}:57:", ("unknown charter 'uno'", "did you mean 'un'")),
    ('expect on 1990-11-29: the councill may adopt "S/RES/678 (1990)".',
     ":{n}:27:", ("unknown organ 'councill'", "did you mean 'council'")),
    ("expect on 1990-08-12: unread: KWT requests asistance.",
     ":{n}:", ("asistance",)),
])
def test_bad_claims_are_clear_errors(cli, tmp_path, line, where, needles):
    text = IRAQ.read_text(encoding="utf-8") + "\n" + line + "\n"
    path = tmp_path / "iq.scenario"
    path.write_text(text, encoding="utf-8")
    n = text.count("\n")
    result = cli("test", str(path), "--no-cache")
    assert result.exit_code == 2, result.text
    assert "Traceback" not in result.text
    assert where.format(n=n) in result.stderr and "^" in result.stderr, result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


# ------------------------------------------------------------------ explain


@pytest.mark.parametrize("question, needles", [
    ('"S/RES/678 (1990)" authorizes use-force by USA against IRQ on 1991-01-20',
     ("rests on \"S/RES/678 (1990)\": holds", "article 42", "authorizes members cooperating with KWT")),
    ('"S/RES/665 (1990)" authorizes use-force by USA against IRQ on 1991-01-20',
     ("does not hold", "on other grounds", "S/RES/678 (1990)")),
    ("IRQ complies with article 2(4) on 1990-08-02", ("does not hold", "violation: IRQ use-force against KWT")),
    ("KWT complies with article 2(4) on 1990-08-02", ("KWT complies: holds",)),
    ("article 51 prevails over article 2(4) for KWT: use-force against IRQ on 1990-08-02",
     ("holds", "explicit exception")),
    ('the council may adopt "S/RES/678 (1990)" on 1990-11-29', ("could be adopted", "article 27")),
])
def test_explain_answers_the_claims(cli, question, needles):
    result = cli("explain", "-s", "iraq-kuwait-1990", question)
    assert result.exit_code == 0, result.text
    for needle in needles:
        assert needle in result.stdout, result.stdout


def test_explain_a_conflict_and_an_unread_fact(cli):
    result = cli("explain", "-s", str(INTERDICTION), "conflict for LTU: halt-shipping against XAA on 2030-03-01")
    assert result.exit_code == 0, result.text
    assert "an unresolved conflict: holds" in result.stdout and "article 51" in result.stdout, result.stdout
    result = cli("explain", "-s", str(INTERDICTION), "unread: LTU requests consultations on 2030-03-03")
    assert result.exit_code == 0, result.text
    assert "no rule of the loaded charters reads it: holds" in result.stdout, result.stdout


def test_explain_refuses_what_it_would_ignore(cli):
    result = cli("explain", "-s", "iraq-kuwait-1990",
                 "KWT may use-force against IRQ is contested on IS-UNTIL on 1990-09-15")
    assert result.exit_code == 2 and "leave out 'is contested" in result.stderr, result.text


def _other_claims():
    from pyrule.library import SCENARIO_SUFFIX, bundled, load_bundle

    for name in [*bundled("scenarios", SCENARIO_SUFFIX), str(INTERDICTION)]:
        bundle = load_bundle(name)
        for ex in bundle.scenario.expectations:
            if ex.claim not in ("norm", "violation", "decision") and not ex.contested_on:
                yield pytest.param(name, ex, id=f"{Path(name).stem}:{ex.span.line}")


@pytest.mark.parametrize("name, ex", list(_other_claims()))
def test_explain_agrees_with_every_bundled_claim(name, ex):
    """What `explain` says of a claim is what `pyrule test` found: holds
    (on every reading the line names) unless the line says `not`."""
    from pyrule.explain import explain
    from pyrule.library import load_bundle

    bundle = load_bundle(name)
    settings = {u.switch: u.position for u in ex.under}
    answer = api.answer_bundle(bundle, None, settings, explaining=True)
    tree = explain(answer, ex, bundle)
    verdict = tree.children[0].text
    if ex.negated:
        assert "does not hold" in verdict or "could not" in verdict, verdict
    else:
        assert "does not hold" not in verdict and "holds only" not in verdict, verdict


def test_who_is_party_in_a_vote_comes_from_the_record(cli, tmp_path):
    path = tmp_path / "pv.scenario"
    path.write_text('scenario t "t" uses un.\nmembership un from data "un".\n'
                    'on 2000-01-01: GBR is party to the dispute in the vote of the council on "S/1" under chapter 6.\n',
                    encoding="utf-8")
    result = cli("query", "-s", str(path))
    assert result.exit_code == 2 and "pv.scenario:3:16:" in result.stderr, result.text
    assert "read from the vote's record" in result.stderr and "under chapter 6 in the dispute" in result.stderr


def test_a_party_that_votes_breaks_the_duty_to_abstain(cli):
    result = cli("explain", "-s", str(REPO / "tests" / "data" / "abstain-hypothetical.scenario"),
                 'XAA must abstain "S/HYP/1" on 2030-05-10')
    assert result.exit_code == 0, result.text
    assert "article 27" in result.stdout and "XAA is party to the dispute" in result.stdout, result.stdout
    result = cli("query", "-s", str(REPO / "tests" / "data" / "abstain-hypothetical.scenario"), "--format", "json")
    import json

    doc = json.loads(result.stdout)
    assert [(v["actor"], v["action"], v["object"]) for v in doc["violations"] if v["action"] == "abstain"] == \
        [("XAA", "abstain", "S/HYP/1")]
