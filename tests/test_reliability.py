"""Issue 18 (reliability): input that used to give a wrong answer, an
internal error (exit 3) or nothing at all now gives a clear diagnostic
(file:line:col, the line, a caret, what was expected, exit 2), or works.

Each test here failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pyrule.errors import CheckProblem, NameProblem
from pyrule.parse import parse_charter

REPO = Path(__file__).resolve().parent.parent
IRAQ = (REPO / "scenarios" / "iraq-kuwait-1990.scenario").read_text(encoding="utf-8")
UN = (REPO / "charters" / "un.charter").read_text(encoding="utf-8")


def assert_diagnostic(result, where: str, *needles: str, code: int = 2) -> None:
    """Exit 2, no traceback, the position, the line quoted with a caret."""
    assert result.exit_code == code, result.text
    assert "Traceback" not in result.text and "internal error" not in result.text, result.text
    assert where in result.stderr, result.stderr
    assert "^" in result.stderr, result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


def with_un(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the Iraq–Kuwait scenario with, beside it, the UN Charter
    changed in one place (a local `un.charter` is used before the bundled one)."""
    assert old in UN
    (tmp_path / "un.charter").write_text(UN.replace(old, new), encoding="utf-8")
    path = tmp_path / "iq.scenario"
    path.write_text(IRAQ, encoding="utf-8")
    return path


# ------------------------------------------------------------------ numbers


QUOTA = ("the council decides other matters by 9 affirmative votes including the concurring votes of every "
         "permanent-member from 1965-08-31.")


@pytest.mark.parametrize("command", ["test", "query"])
def test_a_quota_past_the_solvers_integers_is_an_error_not_nine(cli, tmp_path, command):
    # 4294967305 = 2^32 + 9: clingo's integers wrapped it to 9, and Res 678 (12 votes) was adopted
    path = with_un(tmp_path, QUOTA, QUOTA.replace("by 9 ", "by 4294967305 "))
    result = cli(command, str(path)) if command == "test" else cli("query", "-s", str(path))
    line = UN[:UN.index(QUOTA)].count("\n") + 1
    assert_diagnostic(result, f"un.charter:{line}:40:", "the number of affirmative votes is too large",
                      "4294967305", "^~~~~~~~~~", "up to 1,000,000")


@pytest.mark.parametrize("text, column, what", [
    ("  the council decides other matters by 1000001 affirmative votes.", 40, "the number of affirmative votes"),
    ("  the council decides other matters by " + "9" * 5000 + " affirmative votes.", 40,
     "the number of affirmative votes"),
    ("  in decisions under chapter 99999999999 a party to a dispute abstains.", 30, "the chapter number"),
    ("  in decisions under chapter 0 a party to a dispute abstains.", 30, "the chapter number"),
])
def test_numbers_in_a_charter_are_range_checked(text, column, what):
    from pyrule.check import check_charters

    ch = parse_charter('charter t "T" in force 1945-10-24.\norgan council "Council".\narticle 1 "x":\n'
                       + text + "\n", "t.charter")
    with pytest.raises(CheckProblem) as info:
        check_charters((ch,))
    assert what in info.value.message
    assert (info.value.span.line, info.value.span.column) == (4, column)


@pytest.mark.parametrize("old, new, what, column", [
    ('on 1990-11-29: the council votes on "S/RES/678 (1990)" under chapter 7:',
     'on 1990-11-29: the council votes on "S/RES/678 (1990)" under chapter 4294967302 in the dispute '
     "between IRQ and KWT:", "the chapter number", 70),
])
def test_numbers_in_a_scenario_are_range_checked(cli, tmp_path, old, new, what, column):
    path = tmp_path / "s.scenario"
    path.write_text(IRAQ.replace(old, new), encoding="utf-8")
    line = IRAQ[:IRAQ.index(old)].count("\n") + 1
    assert_diagnostic(cli("test", str(path)), f"s.scenario:{line}:{column}:", what)


def test_a_count_of_votes_past_the_limit(cli, write):
    path = write("ga.scenario", """\
        scenario ga "GA" uses un.
        membership un from data "un".
        on 2022-03-02: the assembly votes on "A/ES-11/1": 4294967437 for; 5 against; 35 abstain.
          text: demands that RUS withdraw from UKR.
    """)
    assert_diagnostic(cli("query", "-s", str(path)), "ga.scenario:3:51:", "the number of votes for is too large")


def test_the_day_pyrule_takes_for_no_end_cannot_be_written(cli, write):
    # an attack on 9999-12-31 never began: the solver's "no end"
    path = write("far.scenario", """\
        scenario far "Far" uses un.
        membership un from data "un".
        on 9999-12-31: armed attack by IRQ on KWT.
        expect on 9999-12-31: KWT may use-force against IRQ.
    """)
    assert_diagnostic(cli("test", str(path)), "far.scenario:3:4:", "'9999-12-31' is too late",
                      "a date up to 9999-12-30")


# ------------------------------------------------------------------ internal errors


@pytest.mark.parametrize("args", [("test", "{}"), ("query", "-s", "{}"), ("check", "un", "-s", "{}", "--no-search")])
def test_a_nul_byte_in_a_vote_label(cli, tmp_path, args):
    # clingo's parser stopped at the NUL: "internal error: RuntimeError: parsing failed"
    path = tmp_path / "nul.scenario"
    path.write_text(IRAQ.replace('"S/RES/678 (1990)" under', '"S/RES/678\x00 (1990)" under'), encoding="utf-8")
    line = IRAQ[:IRAQ.index('"S/RES/678 (1990)" under')].count("\n") + 1
    result = cli(*(a.format(path) for a in args))
    assert_diagnostic(result, f"nul.scenario:{line}:", "has a control character ('\\x00')",
                      "in printable characters")


def test_explain_a_decision_claim(cli):
    # `explain` took every claim for a conclusion: AttributeError on the act of a decision claim
    result = cli("explain", '"S/RES/678 (1990)" is adopted on 1990-11-29')
    assert result.exit_code == 0, result.text
    out = result.stdout
    assert "S/RES/678 (1990): adopted — the claim holds" in out
    assert "12 for, 2 against as counted" in out
    assert "against: CUB, YEM" in out and "abstain: CHN" in out
    assert 'by article 27 "Voting in the Security Council" (un)' in out
    assert "other matters need 9 affirmative votes including the concurring votes of every permanent-member" in out
    assert "authorizes members cooperating with KWT to use-force against IRQ (from 1991-01-16)" in out


def test_explain_a_vetoed_draft_as_json(cli):
    result = cli("explain", "-s", "ukraine-2022", '"S/2022/155" is adopted on 2022-02-25', "--format", "json")
    assert result.exit_code == 0, result.text
    tree = json.loads(result.stdout)["tree"]
    (holds,) = tree["children"]
    assert holds["text"] == "S/2022/155: not adopted — the claim does not hold"
    texts = [c["text"] for c in holds["children"]]
    assert "RUS's vote (or absence) blocks it" in texts
    assert any(t.startswith('by article 27 "Voting in the Security Council"') for t in texts)


def test_explain_a_contested_decision_names_the_readings(cli):
    result = cli("explain", "-s", "korea-1950", '"S/RES/83 (1950)" is adopted on 1950-06-27')
    assert result.exit_code == 0, result.text
    out = result.stdout
    assert "S/RES/83 (1950): contested — the claim does not hold" in out
    assert "if IS-ABSENCE=abstention, IS-SEATS=accredited: adopted" in out
    assert "if IS-ABSENCE=blocks, IS-SEATS=accredited: not adopted" in out
    assert "SUN's vote (or absence) blocks it (only under IS-ABSENCE=blocks)" in out
    assert "CHN's vote does not count (only under IS-SEATS=lawful-government)" in out


def test_explain_a_decision_claim_before_the_vote_and_a_misspelt_draft(cli):
    result = cli("explain", "-s", "ukraine-2022", '"S/2022/155" is not adopted on 2022-02-20')
    assert result.exit_code == 0, result.text
    assert "not yet put to the vote on 2022-02-20 (voted on 2022-02-25) — the claim holds" in result.stdout
    result = cli("explain", '"S/RES/678 (199)" is adopted on 1990-11-29')
    assert result.exit_code == 2, result.text
    assert "no vote on 'S/RES/678 (199)'" in result.stderr and "did you mean 'S/RES/678 (1990)'?" in result.stderr


QUESTION = "FRA must apply trade-embargo against IRQ on 1990-08-07"


@pytest.mark.parametrize("target, message", [
    ("{tmp}/no-such-folder/tree.txt", "there is no folder"),
    ("{tmp}/a-file/tree.txt", "there is no folder"),
    ("/dev/full", "No space left on device"),
    ("/proc/tree.json", "cannot write '/proc/tree.json'"),
])
def test_explain_to_a_path_that_cannot_be_written(cli, tmp_path, target, message):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    path = target.format(tmp=tmp_path)
    result = cli("explain", QUESTION, "-o", path)
    assert result.exit_code == 2, result.text
    assert "Traceback" not in result.text and "internal error" not in result.text
    assert message in result.stderr and f"cannot write '{path}'" in result.stderr
    assert result.stdout == ""


# ------------------------------------------------------------------ nonsense accepted without a word


def test_a_charter_that_defers_to_itself(cli, tmp_path):
    # `the charter un prevails over this charter` inside un made every binding rule of un beat the others
    old = 'article 103 "Priority of Charter obligations":\n'
    path = with_un(tmp_path, old, old + "  the charter un prevails over this charter (lex superior).\n")
    line = UN[:UN.index(old)].count("\n") + 2
    assert_diagnostic(cli("query", "-s", str(path)), f"un.charter:{line}:15:",
                      "charter 'un' is said to prevail over itself", "this charter prevails over any other agreement")


def test_an_article_that_prevails_over_itself():
    from pyrule.check import check_charters

    ch = parse_charter('charter t "T" in force 1945-10-24.\nrole member "M" from membership un.\n'
                       'action apply "apply".\narticle 7 "x":\n  every member must apply.\n'
                       '  this article prevails over article 7 (lex specialis).\n', "t.charter")
    with pytest.raises(CheckProblem) as info:
        check_charters((ch,))
    assert info.value.message == "article 7 is said to prevail over itself"
    assert (info.value.span.line, info.value.span.column) == (6, 38)


def test_two_positions_of_one_switch_with_the_same_name(cli, write):
    path = write("t.charter", """\
        charter t "T" in force 1945-10-24.
        interpretation IS-X "?":
          position yes "yes" prevailing.
          position no "no".
          position yes "yes again".
    """)
    result = cli("check", str(path), "--no-search")
    assert_diagnostic(result, "t.charter:5:12:", "IS-X has two positions named 'yes'", "note: the first")
    assert "t.charter:3:12: note" in result.stderr


SCENARIO = """\
scenario s "S" uses un.
membership un from data "un".
{}
on 1990-08-02: armed attack by IRQ on KWT.
"""


@pytest.mark.parametrize("lines, where, message", [
    ('state XAA "A".\nstate XAA "A again" member of un from 2000-01-01.', "s.scenario:4:7:",
     "state XAA is declared twice"),
    ('state XAA "A" member of un, un from 2000-01-01.', "s.scenario:3:29:", "XAA is declared a member of un twice"),
    # the data has France in the UN from 1945-10-24: a declaration from 1990 said otherwise, and was lost
    ('state FRA "France" member of un from 1990-01-01.', "s.scenario:3:30:",
     "the membership data already dates FRA's membership of un (from 1945-10-24)"),
    ('state CHE "Switzerland" member of un from 1945-10-24 until 2002-09-10.', "s.scenario:3:35:",
     "the membership data already dates CHE's membership of un (from 2002-09-10)"),
])
def test_a_state_declared_twice_or_against_the_data(cli, write, lines, where, message):
    path = write("s.scenario", SCENARIO.format(lines))
    assert_diagnostic(cli("query", "-s", str(path)), where, message)


@pytest.mark.parametrize("lines", [
    'state SUN "Union of Soviet Socialist Republics".',                 # a name of the day
    'state IRQ "Iraq" member of un from 1945-12-21.',                   # just what the data says
    'state CHE "Switzerland" member of non-member from 1945-10-24 until 2002-09-10.',   # what the data lacks
])
def test_a_state_the_data_has_may_be_declared_where_it_agrees(cli, write, lines):
    path = write("s.scenario", SCENARIO.format(lines))
    result = cli("query", "-s", str(path), "--actor", "KWT", "--at", "1990-08-02", "--action", "use-force")
    assert result.exit_code == 0, result.text
    assert "use-force against IRQ" in result.stdout


@pytest.mark.parametrize("event, column, message", [
    ("IRQ use-force against IRQ.", 38, "IRQ is both the actor and the target of this act"),
    ("armed attack by KWT on KWT.", 39, "KWT is both the attacker and the victim of this attack"),
    ("IRQ fails to apply trade-embargo against IRQ.", 57, "IRQ is both the actor and the target of this omission"),
    ("dispute between IRQ and IRQ.", 40, "IRQ is both the party and the other party of this dispute"),
])
def test_an_act_against_oneself(cli, write, event, column, message):
    path = write("s.scenario", SCENARIO.format(f"on 1990-08-03: {event}"))
    assert_diagnostic(cli("test", str(path)), f"s.scenario:3:{column}:", message)


@pytest.mark.parametrize("ending, where, message, hint", [
    ("on 1990-08-05: armed attack by IRQ on SAU ends.", "s.scenario:3:32:",
     "nothing to end: no armed attack by IRQ on SAU is recorded as begun by 1990-08-05",
     "an ending ends a fact an earlier event"),
    ("on 1990-08-01: armed attack by IRQ on KWT ends.", "s.scenario:3:32:",
     "nothing to end: no armed attack by IRQ on KWT is recorded as begun by 1990-08-01",
     "the first one begins on 1990-08-02"),
    ("on 1990-08-05: the council ends measures trade-embargo against IRQ.", "s.scenario:3:20:",
     "nothing to end: no measures trade-embargo against IRQ", "an ending ends a fact"),
])
def test_an_ending_of_a_fact_that_never_began(cli, write, ending, where, message, hint):
    path = write("s.scenario", SCENARIO.format(ending))
    assert_diagnostic(cli("query", "-s", str(path)), where, message, hint)


def test_an_ending_that_matches_a_fact_still_ends_it(cli, write):
    path = write("s.scenario", SCENARIO.format("") + "on 1991-02-28: armed attack by IRQ on KWT ends.\n")
    result = cli("query", "-s", str(path), "--actor", "KWT", "--action", "use-force", "--target", "IRQ",
                 "--status", "permitted", "--format", "json")
    assert result.exit_code == 0, result.text
    (c,) = json.loads(result.stdout)["conclusions"]
    assert (c["from"], c["to"]) == ("1990-08-02", "1991-02-27")


ROLE_CHARTER = """\
charter t "T" in force 1945-10-24.
role party "Party" from membership {}.
action apply "apply".
article 1 "x":
  every party must apply.
"""


@pytest.mark.parametrize("command", [("check", "{}", "--no-search"), ("compile", "{}")])
def test_a_role_from_a_membership_table_that_does_not_exist(cli, tmp_path, command):
    # the role had no member, so every rule addressed to it said nothing
    path = tmp_path / "t.charter"
    path.write_text(ROLE_CHARTER.format("natto"), encoding="utf-8")
    result = cli(*(a.format(path) for a in command))
    assert_diagnostic(result, "t.charter:2:36:", "no membership table 'natto' for the role 'party'",
                      "did you mean 'nato'?", "expected: one of: anzus, au,",
                      "from membership natto declared in scenarios")


def test_a_role_whose_members_the_scenario_declares(cli, tmp_path):
    (tmp_path / "t.charter").write_text(ROLE_CHARTER.format("club declared in scenarios"), encoding="utf-8")
    (tmp_path / "s.scenario").write_text('scenario s "S" uses t.\nstate XAA "A" member of club from 2000-01-01.\n'
                                         "expect on 2001-01-01: XAA must apply.\n", encoding="utf-8")
    result = cli("test", str(tmp_path / "s.scenario"))
    assert result.exit_code == 0, result.text
    assert "1 passed, 0 failed" in result.stdout


# ------------------------------------------------------------------ options


@pytest.mark.parametrize("gap, message, hint", [
    ("FRX give-assistance KWT 1990-08-07", "unknown state 'FRX'", "did you mean 'FRA'?"),
    ("FRA give-asistance KWT 1990-08-07", "unknown action 'give-asistance'", "did you mean 'give-assistance'?"),
    ("FRA give-assistance KWX 1990-08-07", "unknown state 'KWX'", "did you mean 'KWT'?"),
    ("FRA give-assistance KWT 19900807", "'19900807' is not a date; expected YYYY-MM-DD", None),
    ("FRA give-assistance", "expected 'ACTOR ACTION [TARGET] YYYY-MM-DD'", None),
])
def test_check_gap_with_an_unknown_name_or_date(cli, gap, message, hint):
    # an unknown state or action was reported as a gap, with exit 0
    result = cli("check", "un", "-s", "iraq-kuwait-1990", "--no-search", "--gap", gap)
    assert result.exit_code == 2, result.text
    assert message in result.stderr and (hint is None or hint in result.stderr)
    assert "gap:" not in result.stdout


def test_check_gap_still_finds_a_gap_and_a_status(cli):
    result = cli("check", "un", "-s", "iraq-kuwait-1990", "--no-search", "--gap", "FRA give-assistance KWT 1990-08-07",
                 "--gap", "FRA settle-peacefully IRQ 1990-08-07")
    assert "no gap: on 1990-08-07 FRA's 'give-assistance' has a status (perm)" in result.stdout


@pytest.mark.parametrize("args", [
    ("query", "--at", "19900807"),
    ("query", "--at", "1990-W32-2"),
    ("explain", "--actor", "FRA", "--status", "obliged", "--action", "apply", "--at", "19900807"),
    ("power", "council", "--at", "20240101"),
    ("query", "--at", "9999-12-31"),
])
def test_every_date_option_wants_yyyy_mm_dd(cli, args):
    # Python's date.fromisoformat takes 19900807 and 1990-W32-2 for 1990-08-07
    result = cli(*args)
    assert result.exit_code == 2, result.text
    assert "Invalid value for '--at'" in result.stderr
    assert args[-1] in result.stderr and ("expected YYYY-MM-DD" in result.stderr or "too late" in result.stderr)


def test_a_switch_set_twice(cli):
    result = cli("query", "--set", "IS-UNTIL=replacing", "--set", "IS-UNTIL=any-measure")
    assert result.exit_code == 2, result.text
    assert "IS-UNTIL is set twice, to replacing and to any-measure" in result.stderr
    # the same position twice says one thing
    same = cli("query", "--set", "IS-UNTIL=replacing", "--set", "IS-UNTIL=replacing", "--actor", "KWT",
               "--at", "1990-09-15", "--format", "json")
    assert same.exit_code == 0, same.text
    assert all(p["IS-UNTIL"] == "replacing" for p in json.loads(same.stdout)["answer_sets"])


def test_two_assumptions_about_one_vote(cli):
    result = cli("query", "-s", "ukraine-2022", "--assume", "RUS abstains on S/2022/155",
                 "--assume", "RUS votes for on S/2022/155")
    assert result.exit_code == 2, result.text
    assert "two assumptions about RUS's vote on 'S/2022/155'" in result.stderr
    twice = cli("query", "-s", "ukraine-2022", "--assume", "RUS abstains on S/2022/155",
                "--assume", "RUS abstains on S/2022/155", "--format", "json")
    assert twice.exit_code == 0, twice.text
    doc = json.loads(twice.stdout)
    assert doc["assumed"] == ["RUS abstains on S/2022/155"]
    assert {"draft": "S/2022/155", "before": False, "after": True} in doc["changes"]["decisions"]


@pytest.mark.parametrize("extra", [("--actor", "GBR"), ("--at", "1990-08-06"), ("--status", "forbidden")])
def test_explain_a_question_with_options_that_it_would_ignore(cli, extra):
    result = cli("explain", QUESTION, *extra)
    assert result.exit_code == 2, result.text
    assert f"give either a question or {extra[0]}, not both" in result.stderr


# ------------------------------------------------------------------ loading


@pytest.mark.parametrize("make, kind", [
    (lambda p: p.mkdir(), "a folder"),
    (lambda p: __import__("os").mkfifo(p), "not a regular file (a named pipe)"),
    (lambda p: p.symlink_to(p.parent / "nowhere.charter"), "a link to nothing"),
])
def test_a_local_charter_that_is_not_a_file(cli, tmp_path, make, kind):
    # skipped without a word: the bundled charter was used instead
    path = tmp_path / "iq.scenario"
    path.write_text(IRAQ, encoding="utf-8")
    make(tmp_path / "un.charter")
    line = IRAQ[:IRAQ.index("scenario iraq-kuwait-1990")].count("\n") + 1
    for args in (("test", str(path)), ("query", "-s", str(path))):
        assert_diagnostic(cli(*args), f"iq.scenario:{line}:", f"'{tmp_path / 'un.charter'}' is beside the scenario, "
                          f"but it is {kind}, not a charter file", "remove or rename it")


def test_a_byte_order_mark_is_accepted(cli, tmp_path):
    (tmp_path / "un.charter").write_text("\ufeff" + UN, encoding="utf-8")
    path = tmp_path / "iq.scenario"
    path.write_text("\ufeff" + IRAQ, encoding="utf-8")
    result = cli("test", str(path))
    assert result.exit_code == 0, result.text
    expected = sum(line.startswith("expect ") for line in IRAQ.splitlines())
    assert expected > 20 and result.stdout.endswith(f"{expected} passed, 0 failed\n")
    assert cli("check", str(tmp_path / "un.charter"), "--no-search").exit_code == 0


@pytest.mark.parametrize("data, where, message", [
    (b'scenario x "caf\xe9" uses un.\n', "x.scenario:1:16:", "byte 0xe9 is not UTF-8"),
    (b'# ok\n\n  on 1990\xff', "x.scenario:3:10:", "byte 0xff is not UTF-8"),
    ('scenario x "x" uses un.\n'.encode("utf-16"), "x.scenario:1:1:", "(the file looks like UTF-16)"),
])
def test_a_file_that_is_not_utf8_is_an_error_at_its_byte(cli, tmp_path, data, where, message):
    path = tmp_path / "x.scenario"
    path.write_bytes(data)
    assert_diagnostic(cli("test", str(path)), where, message, "save the file as UTF-8")


@pytest.mark.parametrize("question, where, message", [
    # each was taken for another claim, or had a part dropped, without a word
    ("every member must apply trade-embargo against IRQ on 1990-08-07", "question:1:7:",
     "explain asks about one state or organ, not 'every member'"),
    ("violation by IRQ: use-force against KWT on 1990-08-02", "question:1:14:",
     "explain does not take a violation claim"),
    ("not FRA must apply trade-embargo against IRQ on 1990-08-07", "question:1:5:", "leave out 'not'"),
    ("FRA must apply trade-embargo against IRQ is contested on 1990-08-07", "question:1:1:",
     "leave out 'is contested'"),
    ("FRA must apply X against IRQ on 1990-08-07", "question:1:16:", "'X' is a variable"),
    ("FRA must apply trade-embargo against IRQ (article 41) on 1990-08-07", "question:1:51:",
     "leave out the articles in parentheses"),
])
def test_explain_a_question_with_parts_it_would_ignore(cli, question, where, message):
    assert_diagnostic(cli("explain", question), where, message)


@pytest.mark.parametrize("args", [("check", "un", "--depth", "1", "--time-limit", "nan"),
                                  ("power", "council", "--time-limit", "inf")])
def test_a_time_limit_is_a_finite_number_of_seconds(cli, args):
    # nan and inf passed click's FloatRange: check reported "stopped at the time limit (nan s)", exit 4
    result = cli(*args)
    assert result.exit_code == 2, result.text
    assert f"'{args[-1]}' is not a number of seconds" in result.stderr


def test_a_number_with_many_leading_zeros_is_read_as_written():
    from pyrule.check import check_charters

    ch = parse_charter('charter t "T" in force 1945-10-24.\norgan council "Council".\narticle 1 "x":\n'
                       "  the council decides other matters by 0000000000000000000000009 affirmative votes.\n",
                       "t.charter")
    check_charters((ch,))
    assert ch.articles[0].voting[0].quota.n == 9


def test_the_last_date_is_the_day_before_the_solvers_no_end():
    import datetime as dt

    from pyrule import ast as A
    from pyrule.compile import FOREVER

    assert A.LAST_DATE == FOREVER - dt.timedelta(days=1)
