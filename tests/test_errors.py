"""Bad input gets a clear error: where (file:line:col), the offending line
with a caret, what was expected, a "did you mean" where one fits; and on the
command line exit status 2 with no Python traceback."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from pyrule.check import Names
from pyrule.check import check_charters
from pyrule.compile import Program, compile_charters
from pyrule.errors import CheckProblem, LoadProblem, NameProblem, PyruleError, SyntaxProblem
from pyrule.library import load_bundle, load_charter
from pyrule.parse import parse_charter, parse_scenario

REPO = Path(__file__).resolve().parent.parent

HEAD = """\
charter t "Test" in force 1945-10-24.
organ council "Security Council".
role member "Member" from membership un.
action use-force "use force".
action apply "apply".
interpretation IS-UNTIL "When?":
  position replacing "replacing" prevailing.
  position any-measure "any measure".
"""
HEAD_LINES = HEAD.count("\n")


def compile_text(text: str, file: str = "t.charter") -> None:
    ch = parse_charter(text, file)
    check_charters((ch,)); compile_charters((ch,), Program())


def problem(text: str) -> PyruleError:
    with pytest.raises(PyruleError) as info:
        compile_text(text)
    return info.value


def assert_clean_failure(result, *needles: str) -> None:
    """Exit status 2, the message on stderr, and no traceback anywhere."""
    assert result.exit_code == 2, result.text
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.text
    for needle in needles:
        assert needle in result.stderr, result.stderr


# ------------------------------------------------------------------ syntax


MISSPELT = HEAD + """\
article 51 "Self-defence":
  when armd attack by A on V occurs
  then V may use-force against A.
"""


def test_syntax_error_has_position_line_caret_expected_and_suggestion():
    with pytest.raises(SyntaxProblem) as info:
        parse_charter(MISSPELT, "sd.charter")
    err = info.value
    line = HEAD_LINES + 2
    assert (err.span.file, err.span.line, err.span.column) == ("sd.charter", line, 8)
    text = err.render()
    lines = text.splitlines()
    assert lines[0].startswith(f"sd.charter:{line}:8: ")
    assert "armd" in lines[0]
    assert any("when armd attack by A on V occurs" in ln for ln in lines)
    src = next(ln for ln in lines if "when armd attack" in ln)
    caret = lines[lines.index(src) + 1]
    # the caret sits under the first letter of the misspelt word
    assert caret.index("^") == src.index("armd")
    assert "expected" in text and '"armed"' in text
    assert "did you mean 'armed'?" in text
    assert err.exit_code == 2


def test_missing_full_stop_at_end():
    with pytest.raises(SyntaxProblem) as info:
        parse_charter('charter t "T" in force 1945-10-24', "t.charter")
    assert "expected" in info.value.render()
    assert info.value.span.line == 1


def test_unexpected_character():
    with pytest.raises(SyntaxProblem) as info:
        parse_charter('charter t "T" in force 1945-10-24.\naction use-force "x" ; .\n', "t.charter")
    err = info.value
    assert (err.span.line, err.span.column) == (2, 22)
    assert "';'" in err.message


def test_reserved_word_as_a_name():
    with pytest.raises(SyntaxProblem) as info:
        parse_charter('charter t "T" in force 1945-10-24.\naction must "x".\n', "t.charter")
    assert "must" in info.value.render()


LONG = HEAD + "".join(f'article {n} "n{n}":\n  when armed attack by A on V occurs then V may use-force against A.\n'
                      for n in range(1, 301))
LONG_LINES = LONG.count("\n")


@pytest.mark.parametrize("tail, line, column, message, expected, hint", [
    ('article 301 "x":\n  evry member must apply.\n', 2, 3, "unexpected 'evry'", '"every"', "did you mean 'every'?"),
    ('article 301 "x":\n  every member must apply\n', 2, 26, "the text ends too early (a missing '.'?)", '"."', None),
    ('article 301 "x":\n  every member must apply ; .\n', 2, 27, "unexpected ';'", '"."', None),
])
def test_syntax_errors_late_in_a_long_file(tail, line, column, message, expected, hint):
    # the parse loop reads 300 articles before it meets the error; the
    # diagnostic is lark's, as for a short text
    with pytest.raises(SyntaxProblem) as info:
        parse_charter(LONG + tail, "long.charter")
    err = info.value
    assert (err.span.line, err.span.column) == (LONG_LINES + line, column)
    assert err.message == message
    assert expected in err.expected
    assert err.hint == hint
    rendered = err.render().splitlines()
    assert rendered[0].startswith(f"long.charter:{LONG_LINES + line}:{column}: error: ")


def test_reserved_word_and_bad_date_late_in_a_long_file():
    with pytest.raises(SyntaxProblem) as info:
        parse_charter(LONG + 'action not "x".\n', "long.charter")
    assert "'not' is a reserved word" in info.value.message
    assert (info.value.span.line, info.value.span.column) == (LONG_LINES + 1, 8)
    events = "".join(f"on 1990-08-{d:02d}: armed attack by IRQ on KWT.\n" for d in range(1, 29))
    with pytest.raises(CheckProblem) as bad:
        parse_scenario('scenario s "S" uses un.\n' + events + "on 1990-02-30: armed attack by IRQ on KWT.\n",
                       "s.scenario")
    assert "'1990-02-30' is not a real calendar date" in bad.value.message
    assert (bad.value.span.line, bad.value.span.column) == (30, 4)
    assert "1990-02-30" in bad.value.render()


def test_syntax_error_through_the_cli(cli, write):
    path = write("sd.charter", MISSPELT)
    result = cli("compile", str(path))
    assert_clean_failure(result, f":{HEAD_LINES + 2}:8:", "armd", "^", "expected", "did you mean 'armed'?")
    assert result.stdout == ""


# ------------------------------------------------------------------ names


@pytest.mark.parametrize("body, what, wrong, right", [
    ('article 1 "x":\n  when armed attack by A on V occurs then V may use-forse against A.\n',
     "action", "use-forse", "use-force"),
    ('article 1 "x":\n  the councel has power to apply.\n', "organ", "councel", "council"),
    ('article 1 "x":\n  every membr must apply.\n', "role", "membr", "member"),
    ('article 1 "x":\n  when armed attack by A on V and IS-UNTL is replacing then V may use-force against A.\n',
     "switch", "IS-UNTL", "IS-UNTIL"),
    ('article 1 "x":\n  when armed attack by A on V and IS-UNTIL is replacng then V may use-force against A.\n',
     "position", "replacng", "replacing"),
    ('article 1 "x":\n  when armed attack by A on V then V may use-force against A\n'
     '  until enforcement action against A where IS-UNTIL is any-measur.\n',
     "position", "any-measur", "any-measure"),
    ('article 2(4) "x":\n  every member must not use-force against any state.\n'
     'article 51 "y":\n  when armed attack by A on V then V may use-force against A, overriding article 2(5).\n',
     "article", "2(5)", "2(4)"),
    ('article 42 "x":\n  every member may apply.\n'
     'article 103 "y":\n  the permissions of article 43 prevail over any other agreement (lex superior).\n',
     "article", "43", "42"),
    ('article 42 "x":\n  every member may apply.\n'
     'article 103 "y":\n  the permissions of article 42 prevail over any other agreement'
     ' where IS-UNTIL is replacng (lex superior).\n',
     "position", "replacng", "replacing"),
    ('article 1 "x":\n  every member must apply.\n'
     'action keep "keep" incompatible with aply.\n',
     "action", "aply", "apply"),
    ('article 1 "x":\n  a less grave use of force by A on V counts as armed attack by A on V'
     ' where IS-UNTIL is replacng.\n',
     "position", "replacng", "replacing"),
    ('article 1 "x":\n  a less grave use of force by A on V counts as armed attack by A on V'
     ' where IS-UNTL is replacing.\n',
     "interpretation", "IS-UNTL", "IS-UNTIL"),
])
def test_unknown_names_suggest_the_right_one(body, what, wrong, right):
    err = problem(HEAD + body)
    assert isinstance(err, NameProblem)
    assert what in err.message and repr(wrong) in err.message
    assert err.hint == f"did you mean '{right}'?"
    assert err.span is not None and err.span.line > HEAD_LINES
    assert err.exit_code == 2


def test_unknown_name_span_points_at_the_name():
    err = problem(HEAD + 'article 1 "x":\n  when armed attack by A on V occurs then V may use-forse against A.\n')
    line = HEAD + 'article 1 "x":\n'
    assert err.span.line == line.count("\n") + 1
    src = "  when armed attack by A on V occurs then V may use-forse against A."
    assert err.span.column == src.index("use-forse") + 1


def test_unknown_action_through_the_cli(cli, write):
    path = write("t.charter", HEAD + 'article 1 "x":\n  every member must aply.\n')
    result = cli("compile", str(path))
    assert_clean_failure(result, "unknown action 'aply'", "did you mean 'apply'?", "every member must aply.", "^")


def test_unknown_state_in_a_scenario(write):
    path = write("s.scenario", """
        scenario s "S" uses un.
        membership un from data "un".
        on 1990-08-02: armed attack by IRQ on KWX.
    """)
    with pytest.raises(NameProblem) as info:
        from pyrule import api
        api.run(str(path))
    err = info.value
    assert "unknown state 'KWX'" in err.message
    assert err.hint == "did you mean 'KWT'?"
    assert (err.span.line, err.span.column) == (3, 39)


def test_unknown_state_through_the_cli(cli, write):
    path = write("s.scenario", """
        scenario s "S" uses un.
        membership un from data "un".
        on 1990-08-02: armed attack by IRQ on KWX.
    """)
    result = cli("query", "--scenario", str(path))
    assert_clean_failure(result, "unknown state 'KWX'", "did you mean 'KWT'?", ":3:39:")


# ------------------------------------------------------------------ checks


def test_unbound_head_variable():
    err = problem(HEAD + 'article 1 "x":\n  when armed attack by A on V occurs\n  then V may use-force against B.\n')
    assert isinstance(err, CheckProblem)
    assert "'B'" in err.message and "not bound" in err.message
    assert err.span.line == HEAD_LINES + 3
    assert "A, V" in (err.hint or "")


def test_unbound_variable_without_conditions():
    err = problem(HEAD + 'article 1 "x":\n  X must apply.\n')
    assert isinstance(err, CheckProblem) and "'X'" in err.message


def test_variable_in_a_scenario(write):
    path = write("s.scenario", """
        scenario s "S" uses un.
        membership un from data "un".
        on 1990-08-02: armed attack by A on KWT.
    """)
    from pyrule import api

    with pytest.raises(CheckProblem) as info:
        api.run(str(path))
    assert "'A' is a variable" in info.value.message
    assert (info.value.span.line, info.value.span.column) == (3, 32)
    assert info.value.expected == "a state code for the attacker"


def test_variable_for_a_name_in_a_scenario(write):
    path = write("s.scenario", """
        scenario s "S" uses un.
        membership un from data "un".
        on 1991-11-27: USA requests extradition of X from LBY.
    """)
    from pyrule import api

    with pytest.raises(CheckProblem) as info:
        api.run(str(path))
    assert "'X' is a variable" in info.value.message
    assert info.value.expected == "a lower-case name for the persons"


def test_variable_in_a_scenario_through_the_cli(cli, write):
    path = write("s.scenario", """
        scenario s "S" uses un.
        membership un from data "un".
        on 1990-08-02: armed attack by A on KWT.
    """)
    assert_clean_failure(cli("test", str(path)), "'A' is a variable")


@pytest.mark.parametrize("date", ["1990-02-30", "1990-13-01", "1991-02-29"])
def test_non_existent_date(date):
    with pytest.raises(CheckProblem) as info:
        parse_scenario(f'scenario s "S" uses un.\non {date}: armed attack by IRQ on KWT.\n', "s.scenario")
    err = info.value
    assert date in err.message and "calendar" in err.message
    assert (err.span.line, err.span.column) == (2, 4)
    assert "^~~~~~~~~~" in err.render()


def test_leap_day_is_a_real_date():
    sc = parse_scenario('scenario s "S" uses un.\non 1992-02-29: armed attack by IRQ on KWT.\n', "s.scenario")
    assert sc.events[0].date.isoformat() == "1992-02-29"


def test_non_existent_date_through_the_cli(cli, write):
    path = write("t.charter", 'charter t "T" in force 1945-02-30.\n')
    assert_clean_failure(cli("compile", str(path)), "1945-02-30", "not a real calendar date")


def test_duplicate_article():
    err = problem(HEAD + 'article 1 "x":\n  every member must apply.\narticle 1 "y":\n  every member must apply.\n')
    assert isinstance(err, CheckProblem)
    assert "article 1" in err.message and "twice" in err.message
    assert err.span.line == HEAD_LINES + 3
    assert [r.span.line for r in err.related] == [HEAD_LINES + 1]


def test_duplicate_article_through_the_cli(cli, write):
    path = write("t.charter", HEAD + 'article 1 "x":\n  every member must apply.\narticle 1 "y":\n  every member must apply.\n')
    result = cli("compile", str(path))
    assert_clean_failure(result, "twice", f":{HEAD_LINES + 1}:", "note: first written here")


def test_counts_as_cycle():
    err = problem(HEAD + 'article 1 "x":\n'
                  '  enforcement action against T counts as armed attack by T on T.\n'
                  '  armed attack by A on V counts as enforcement action against A.\n')
    assert isinstance(err, CheckProblem) and "cycle" in err.message
    lines = {err.span.line} | {r.span.line for r in err.related}
    assert lines == {HEAD_LINES + 2, HEAD_LINES + 3}


def test_counts_as_cycle_names_exactly_the_rules_on_it():
    """Three "counts as" rules of which the first only feeds the other two,
    which derive each other: the error is at the second, the one note at the
    third, and the first is named nowhere."""
    err = problem(HEAD + 'article 1 "x":\n'
                  '  armed attack by A on V counts as A use-force against V.\n'
                  '  A use-force against V counts as enforcement action against A.\n'
                  '  enforcement action against T counts as T use-force against T.\n')
    assert isinstance(err, CheckProblem)
    assert err.message == ("this 'counts as' rule and 1 other rule(s) derive each other in a cycle: "
                           "the facts derived would never end")
    second, third = HEAD_LINES + 3, HEAD_LINES + 4
    assert (err.span.file, err.span.line, err.span.column) == ("t.charter", second, 3)
    assert [(r.span.line, r.span.column, r.note) for r in err.related] == [(third, 30, "part of the cycle")]


def test_counts_as_self_cycle():
    err = problem(HEAD + 'article 1 "x":\n  enforcement action against T counts as enforcement action against T.\n')
    assert isinstance(err, CheckProblem) and "cycle" in err.message


CHAIN = HEAD + """\
article 1 "x":
  armed attack by A on V counts as A use-force against V.
  A use-force against V counts as enforcement action against A.
article 2 "y":
  when enforcement action against T then every member other than T must apply against T.
"""


def test_counts_as_chain_is_not_a_cycle(tmp_path):
    """Two "counts as" rules in a row compile, and in a solved scenario the
    fact at the end of the chain reaches the norm that reads it."""
    from pyrule import api

    compile_text(CHAIN)
    (tmp_path / "t.charter").write_text(CHAIN, encoding="utf-8")
    (tmp_path / "s.scenario").write_text('scenario s "S" uses t.\nmembership un from data "un".\n'
                                         "on 1990-08-02: armed attack by IRQ on KWT.\n", encoding="utf-8")
    answer = api.run(str(tmp_path / "s.scenario"), use_cache=False)
    duties = api.query(answer, status="obl", action="apply", target="IRQ", at=dt.date(1990, 8, 2))
    assert {"FRA", "KWT", "USA"} <= {c.actor for c in duties} and "IRQ" not in {c.actor for c in duties}
    fra = next(c for c in duties if c.actor == "FRA")
    assert fra.start == dt.date(1990, 8, 2) and fra.articles() == [("t", "2"), ("t", "1")]
    # the ground beneath is the chain: enforcement action, from the act, from the attack
    (basis,) = fra.bases
    (enforcement,) = basis.facts
    assert enforcement.rule.rule.head.kind == "enforcement"
    (act,) = enforcement.facts
    assert act.rule.rule.head.kind == "act"
    (attack,) = act.facts
    assert attack.describe() == "armed attack by IRQ on KWT"


def test_counts_as_cycle_through_the_cli(cli, write):
    path = write("t.charter", HEAD + 'article 1 "x":\n'
                 '  enforcement action against T counts as armed attack by T on T.\n'
                 '  armed attack by A on V counts as enforcement action against A.\n')
    assert_clean_failure(cli("compile", str(path)), "cycle", "note: part of the cycle")


# ------------------------------------------------------------------ loading


def test_unknown_bundled_scenario_suggests(cli):
    result = cli("query", "--scenario", "iraq-kuwait-199")
    assert_clean_failure(result, "iraq-kuwait-199", "did you mean 'iraq-kuwait-1990'?")


def test_unknown_bundled_charter_suggests(cli):
    result = cli("compile", "unn")
    assert_clean_failure(result, "did you mean 'un'?")


def test_unknown_bundled_scenario_is_a_load_problem():
    with pytest.raises(LoadProblem) as info:
        load_bundle("iraq-kuwait-199")
    assert info.value.hint and "iraq-kuwait-1990" in info.value.hint


def test_missing_file(cli, tmp_path):
    result = cli("compile", str(tmp_path / "nothing.charter"))
    assert_clean_failure(result, "nothing.charter")


@pytest.mark.parametrize("bad", ["1990-13-01", "yesterday", "1990-02-30"])
def test_bad_at_date(cli, bad):
    result = cli("query", "--at", bad)
    assert result.exit_code != 0
    assert "Traceback" not in result.text
    assert bad in result.text
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_bad_switch_setting(cli):
    result = cli("query", "--set", "IS-UNTL=replacing")
    assert_clean_failure(result, "IS-UNTL", "did you mean 'IS-UNTIL'?")
    result = cli("query", "--set", "IS-UNTIL=replacng")
    assert_clean_failure(result, "replacng", "did you mean 'replacing'?")


def test_no_traceback_in_a_real_process(tmp_path):
    """The in-process runner catches exceptions itself; a real process shows
    what a user sees."""
    path = tmp_path / "sd.charter"
    path.write_text(MISSPELT, encoding="utf-8")
    proc = subprocess.run([sys.executable, "cli.py", "compile", str(path)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "did you mean 'armed'?" in proc.stderr
    proc = subprocess.run([sys.executable, "cli.py", "query", "--at", "1990-02-30"], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr + proc.stdout


def test_loaded_charter_error_shows_the_line(tmp_path):
    """An error found after parsing (by the checker) still quotes the line,
    read back from the file."""
    path = tmp_path / "t.charter"
    path.write_text(HEAD + 'article 1 "x":\n  every member must aply.\n', encoding="utf-8")
    ch = load_charter(str(path))
    with pytest.raises(NameProblem) as info:
        check_charters((ch,)); compile_charters((ch,), Program())
    text = info.value.render()
    assert "every member must aply." in text and "^~~~" in text


@pytest.mark.parametrize("line, wrong, right", [
    ("expect on 1990-08-02 under IS-UNTIL replacng: KWT may use-force against IRQ.", "replacng", "replacing"),
    ("expect on 1990-08-02 under IS-UNTL replacing: KWT may use-force against IRQ.", "IS-UNTL", "IS-UNTIL"),
    ("expect on 1990-08-02: every membr must apply.", "membr", "member"),
    ("expect on 1990-08-02: KWT may use-forse against IRQ.", "use-forse", "use-force"),
    ("expect on 1990-08-02: KWT may use-force against IRQ (article 410).", "410", "41"),
])
def test_unknown_names_in_expectations(write, line, wrong, right):
    from pyrule import api

    path = write("x.scenario", f"""
        scenario x "X" uses un.
        membership un from data "un".
        on 1990-08-02: armed attack by IRQ on KWT.
        {line}
    """)
    with pytest.raises(NameProblem) as info:
        api.run(str(path))
    assert repr(wrong) in info.value.message
    assert info.value.hint == f"did you mean '{right}'?"
    assert info.value.span.line == 4


@pytest.mark.parametrize("line, wrong", [
    ("expect on 1990-08-02: KWX may use-force against IRQ.", "KWX"),
    ("expect on 1990-08-02: every membr must apply.", "membr"),
])
def test_unknown_expectation_subject_points_at_the_name(write, line, wrong):
    from pyrule import api

    path = write("x.scenario", f"""
        scenario x "X" uses un.
        membership un from data "un".
        {line}
    """)
    with pytest.raises(NameProblem) as info:
        api.run(str(path))
    assert info.value.span.line == 3
    assert info.value.span.column == line.index(wrong) + 1


@pytest.mark.parametrize("modality", ["is recomended to", "is recommended", "is to"])
def test_a_misspelt_is_recommended_to_is_named(modality):
    with pytest.raises(SyntaxProblem) as info:
        parse_charter(HEAD + f'article 1 "x":\n  when armed attack by A on V occurs then V {modality} apply.\n',
                      "t.charter")
    text = info.value.render()
    assert info.value.span.line == HEAD_LINES + 2
    assert '"is recommended to"' in text and "did you mean 'is recommended to'?" in text


@pytest.mark.parametrize("event, column, message, hint", [
    ("AFG is unable to prevent attacks by XAQ.", 23, "unexpected 'to'", None),
    ("AFG is unable or unwiling to prevent attacks by XAQ.", 26, "unexpected 'unwiling'", "did you mean 'unwilling'?"),
])
def test_a_half_written_unable_or_unwilling_fact(event, column, message, hint):
    with pytest.raises(SyntaxProblem) as info:
        parse_scenario(f'scenario s "S" uses un.\non 2001-09-20: {event}\n', "s.scenario")
    err = info.value
    assert (err.span.line, err.span.column) == (2, column + 7)
    assert err.message == message
    assert err.hint == hint


def test_an_action_incompatible_with_itself():
    err = problem(HEAD + 'action keep "keep" incompatible with keep.\n')
    assert isinstance(err, CheckProblem)
    assert "'keep' cannot be incompatible with itself" in err.message
    assert err.span.line == HEAD_LINES + 1


def test_a_misspelt_organisation_in_a_state_declaration(cli, write):
    path = write("s.scenario", """\
scenario s "S" uses un.
membership un from data "un".
state XAQ "al-Qaeda" member of non-stat from 2001-09-11.
on 2001-09-11: armed attack by XAQ on USA.
""")
    result = cli("query", "-s", str(path))
    assert_clean_failure(result, "s.scenario:3:32:", "unknown organisation 'non-stat'", "did you mean 'non-state'?",
                         "^~~~~~~~")


def test_a_declared_membership_cannot_end_before_it_begins(cli, write):
    path = write("s.scenario", """\
scenario s "S" uses un.
membership un from data "un".
state CHE "Switzerland" member of non-member from 2002-09-10 until 1945-10-24.
""")
    result = cli("query", "-s", str(path))
    assert_clean_failure(result, "s.scenario:3:", "CHE's membership would end (1945-10-24) before it begins",
                         "expected: a date after the 'from' date")


def test_a_charter_that_ends_before_it_enters_into_force():
    from pyrule.parse import parse_charter

    with pytest.raises(CheckProblem) as info:
        parse_charter('charter c "C" in force 1920-01-10 until 1919-04-19.\n', "c.charter")
    assert "end before it enters into force" in info.value.message and info.value.span.line == 1


# ------------------------------------------------------------------ where an act happens

PLACED = '''\
scenario t "t" uses un.
state vessel:JOANNA-V "Joanna V".
on 1966-04-05: vessel:JOANNA-V flies the flag of GRC.
on 1966-04-10: GBR intercept against vessel:JOANNA-V {where}.
'''


@pytest.mark.parametrize("where, needles", [
    # a misspelt keyword of the place: the grammar's own error, with a suggestion
    ("in the watres of MOZ", (":4:61:", "unexpected 'watres'", '"waters"', "did you mean 'waters'?")),
    # a place no loaded rule names: a misspelling, with the places the rules name
    ("in high-sea", (":4:57:", "unknown place 'high-sea'", "high-seas", "did you mean 'high-seas'?")),
    # the state of a place is a known state
    ("in the waters of MOX", (":4:71:", "unknown state 'MOX'", "did you mean 'MOZ'?")),
    # a part of a state no loaded rule reads (the bundled rules read waters, not airspace)
    ("in the airspace of MOZ", (":4:73:", "no rule of the loaded charters reads an act in the airspace of a state",
                                "high-seas, the waters of X")),
])
def test_a_misspelt_or_unread_place_is_an_error(cli, write, where, needles):
    path = write("p.scenario", PLACED.format(where=where))
    result = cli("test", "--no-cache", str(path))
    assert_clean_failure(result, *needles)


def test_a_misspelt_vessel_suggests_the_declared_one(cli, write):
    path = write("p.scenario", PLACED.format(where="in high-seas").replace(
        "vessel:JOANNA-V in", "vessel:JOANA-V in"))
    result = cli("test", "--no-cache", str(path))
    assert_clean_failure(result, ":4:38:", "unknown state 'vessel:JOANA-V'", "did you mean 'vessel:JOANNA-V'?")


@pytest.mark.parametrize("period, column, message, hint", [
    ("3 monhts", 11, "unexpected 'monhts'", "did you mean 'months'?"),
    ("three months", 9, "unexpected 'three'", "write the number in digits: '3'"),
    ("0 days", 9, "a period of 0 days ends the day it begins", "to end the norm on the day of the fact, write 'until FACT'"),
])
def test_a_bad_period_in_an_until_rider(period, column, message, hint):
    with pytest.raises(PyruleError) as info:
        parse_charter(HEAD + 'article 1 "x":\n  when dispute between A and B exists\n  then A must not strike against B\n'
                      f'  until {period} after B strike against A.\n', "t.charter")
    err = info.value
    assert (err.span.line, err.span.column) == (HEAD_LINES + 4, column)
    assert err.message == message
    assert err.hint == hint
