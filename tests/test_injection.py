"""Nothing a user writes can run as code (design principle 6).

Titles, questions and resolution labels are free text; they must never reach
clingo as program text. Names are restricted by the grammar, and whatever
does reach clingo is a string term: quoted in the facts (pyrule.compile.quote),
a string symbol in the generated rules (built as clingo AST, pyrule.asp). The
checks here are structural: every statement of the compiled program is parsed
back with clingo's own parser and must be a plain fact, or a generated rule
over the predicates the compiler makes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import clingo.ast
import pytest

from pyrule import api
from pyrule.check import check_charters
from pyrule.compile import Program, compile_bundle, compile_charters
from pyrule.library import load_bundle, load_charter

REPO = Path(__file__).resolve().parent.parent

PAYLOAD = "). #script (python) import os; os.system('touch PWNED') #end. a("
PAYLOAD2 = ':- not x. #script (python)\\nimport os\\n#end. '

EVIL_CHARTER = f'''\
charter evil "{PAYLOAD}" in force 1945-10-24.
organ council "{PAYLOAD2}".
role member ":- not x." from membership un.
action use-force "{PAYLOAD}".
action apply "#end.".
interpretation IS-EVIL "{PAYLOAD}":
  position yes "{PAYLOAD2}" prevailing.
  position no ":- not x.".
article 2(4) "{PAYLOAD}":
  every member must not use-force against any state.
article 51 ":- not x.":
  when armed attack by A on V occurs and IS-EVIL is yes
  then V may use-force against A, overriding article 2(4).
article 39 "{PAYLOAD2}":
  when the council determines a breach-of-the-peace by S
  then the council has power to apply against S.
'''

EVIL_SCENARIO = f'''\
scenario evil "{PAYLOAD}" uses evil.
state IRQ "{PAYLOAD}" member of un from 1945-12-21.
state KWT ":- not x." member of un from 1963-05-14.
state USA "#script (python)" member of un from 1945-10-24.
on 1990-08-02: armed attack by IRQ on KWT.
on 1990-08-02: the council adopts "S/RES/1 {PAYLOAD}":
  determines a breach-of-the-peace by IRQ.
on 1990-08-03: the council adopts ":- not x. #script (python) import os #end. \\":
  determines a breach-of-the-peace by IRQ.
on 1990-08-04: IRQ use-force against KWT.
expect on 1990-08-04: violation by IRQ: use-force against KWT (article 2(4)).
expect on 1990-08-04 under IS-EVIL yes: KWT may use-force against IRQ (article 51).
expect on 1990-08-04 under IS-EVIL no: not KWT may use-force against IRQ.
expect on 1990-08-04: the council has power to apply against IRQ (article 39).
'''


def statements(text: str) -> list:
    out: list = []
    clingo.ast.parse_string(text, out.append)
    return [s for s in out if s.ast_type != clingo.ast.ASTType.Program]


def assert_only_facts(text: str) -> None:
    for stmt in statements(text):
        assert stmt.ast_type == clingo.ast.ASTType.Rule, str(stmt)
        assert len(stmt.body) == 0, str(stmt)
        assert stmt.head.ast_type == clingo.ast.ASTType.Literal, str(stmt)


COMMENT = re.compile(r"% (article [0-9a-z()]+ \([a-z0-9-]+\), line \d+|---- the generated rules"
                     r"|\d{4}-\d\d-\d\d: an event ends facts, line \d+)")
GENERATED = re.compile(r"(inst|except|hit|derives|fl_kill|fact|f_[a-z_]+|n\d+)")


def assert_only_generated_rules(stmts: list) -> None:
    """Facts, or rules whose head and body atoms are the compiler's own
    predicates (and comparisons): nothing else, no script, no constraint."""
    for stmt in stmts:
        if stmt.ast_type == clingo.ast.ASTType.Comment:      # the compiler's own words only
            assert COMMENT.fullmatch(str(stmt)), str(stmt)
            continue
        assert stmt.ast_type == clingo.ast.ASTType.Rule, str(stmt)
        assert stmt.head.ast_type == clingo.ast.ASTType.Literal, str(stmt)
        atoms = [stmt.head] + list(stmt.body)
        for lit in atoms:
            assert lit.ast_type == clingo.ast.ASTType.Literal, str(stmt)
            if lit.atom.ast_type == clingo.ast.ASTType.Comparison:
                continue
            assert lit.atom.ast_type == clingo.ast.ASTType.SymbolicAtom, str(stmt)
            if stmt.body:
                assert GENERATED.fullmatch(lit.atom.symbol.name), str(stmt)


@pytest.fixture
def evil(tmp_path: Path, monkeypatch) -> Path:
    """The evil charter and scenario side by side; the working directory is
    tmp_path, so a `touch PWNED` that ran would leave a file there."""
    (tmp_path / "evil.charter").write_text(EVIL_CHARTER, encoding="utf-8")
    (tmp_path / "evil.scenario").write_text(EVIL_SCENARIO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    assert not (tmp_path / "PWNED").exists()
    assert not (REPO / "PWNED").exists()


def test_the_evil_texts_parse(evil):
    ch = load_charter(str(evil / "evil.charter"))
    assert ch.title == PAYLOAD
    bundle = load_bundle(str(evil / "evil.scenario"))
    assert bundle.scenario.title == PAYLOAD
    assert [c.id for c in bundle.charters] == ["evil"]


def test_compiled_charter_is_only_facts_and_has_no_title(evil):
    ch = load_charter(str(evil / "evil.charter"))
    program = Program()
    check_charters((ch,)); compile_charters((ch,), program)
    text = program.text()
    assert "#script" not in text and "#end" not in text and ":-" not in text
    assert "PWNED" not in text and "os.system" not in text
    assert_only_facts(text)
    # the generated rules as clingo will see them, and as they print
    assert_only_generated_rules(program.statements())
    assert_only_generated_rules(statements(program.rules_text()))
    assert "PWNED" not in program.rules_text() and "#script" not in program.rules_text()


def test_compiled_scenario_is_only_facts(evil):
    text = compile_bundle(load_bundle(str(evil / "evil.scenario"))).text()
    assert "#script" not in text and ":-" not in text and "S/RES/1" not in text
    assert_only_facts(text)


def test_compile_command_prints_no_script(cli, evil):
    for args in (["compile", str(evil / "evil.charter")], ["compile", "--scenario", str(evil / "evil.scenario")]):
        result = cli(*args)
        assert result.exit_code == 0, result.text
        assert "#script" not in result.stdout
        assert "PWNED" not in result.stdout
        assert_only_generated_rules(statements(result.stdout))


def test_solving_is_unaffected_by_the_payloads(evil):
    """`:- not x.` injected anywhere would leave no answer set; a script would
    create PWNED (checked by the fixture). Instead the law comes out as the
    articles say."""
    bundle = load_bundle(str(evil / "evil.scenario"))
    answer = api.answer_bundle(bundle)
    assert len(answer.positions) == 2
    results = api.run_expectations(answer, bundle.scenario)
    assert [r.passed for r in results] == [True, True, True, True], [r.detail for r in results]


def test_resolution_labels_come_back_verbatim(cli, evil):
    result = cli("query", "--scenario", str(evil / "evil.scenario"), "--format", "json")
    assert result.exit_code == 0, result.text
    doc = json.loads(result.stdout)
    assert doc["scenario"]["title"] == PAYLOAD
    labels = set()

    def walk(node):
        if isinstance(node, dict):
            if node.get("resolution"):
                labels.add(node["resolution"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    assert f"S/RES/1 {PAYLOAD}" in labels
    assert ":- not x. #script (python) import os #end. \\" in labels


def test_test_command_on_the_evil_scenario(cli, evil):
    result = cli("test", str(evil / "evil.scenario"))
    assert result.exit_code == 0, result.text
    assert "4 passed, 0 failed" in result.stdout


def test_in_a_real_process_no_file_is_created(evil):
    proc = subprocess.run([sys.executable, str(REPO / "cli.py"), "query", "--scenario", "evil.scenario"],
                          cwd=evil, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    # the fixture checks that PWNED was not created


def test_a_quote_cannot_end_a_title_early(cli, write):
    """A `"` inside a title ends the title; the rest is not a name, so the
    grammar rejects the text (cleanly) rather than passing it on."""
    path = write("q.charter", 'charter q "x" ). #script (python) import os #end. a("" in force 1945-10-24.\n')
    result = cli("compile", str(path))
    assert result.exit_code == 2
    assert "Traceback" not in result.text
    assert result.stdout == ""


def test_a_quote_in_a_resolution_label_is_rejected_cleanly(cli, write):
    path = write("q.scenario", '''
        scenario q "Q" uses un.
        membership un from data "un".
        on 1990-08-02: the council adopts "S/RES/1" ). #script (python) import os #end. ":
          determines a breach-of-the-peace by IRQ.
    ''')
    result = cli("compile", "--scenario", str(path))
    assert result.exit_code == 2
    assert "Traceback" not in result.text
    assert "#script" not in result.stdout


@pytest.mark.parametrize("line", [
    'action use#force "x".',
    'action use(force) "x".',
    'action use-force) "x".',
    'action "use-force" "x".',
    'organ council. "x".',
    'action use_force "x".',
    'action Use-force "x".',
    'role member "m" from membership un). #script (python).',
])
def test_names_are_restricted_by_the_grammar(cli, write, line):
    path = write("n.charter", f'charter n "N" in force 1945-10-24.\n{line}\n')
    result = cli("compile", str(path))
    assert result.exit_code == 2, result.text
    assert "Traceback" not in result.text
    assert "error" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("line", [
    "on 1990-08-02: armed attack by I#Q on KWT.",
    "on 1990-08-02: armed attack by IRQ) on KWT.",
    'on 1990-08-02: armed attack by "IRQ" on KWT.',
    "on 1990-08-02: IRQ use-force(x) against KWT.",
])
def test_state_and_action_names_in_scenarios_are_restricted(cli, write, line):
    path = write("n.scenario", f'scenario n "N" uses un.\nmembership un from data "un".\n{line}\n')
    result = cli("compile", "--scenario", str(path))
    assert result.exit_code == 2, result.text
    assert "Traceback" not in result.text
    assert result.stdout == ""


def test_switch_settings_from_the_command_line_are_checked(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("query", "--set", "IS-UNTIL=x\"). #script (python) import os; os.system('touch PWNED') #end.")
    assert result.exit_code == 2
    assert "Traceback" not in result.text
    assert not (tmp_path / "PWNED").exists()


def test_membership_data_names_only_a_bundled_table(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "rows.tsv").write_text("code\tname\tfrom\tuntil\nXXA\tA\t1945-10-24\t\n", encoding="utf-8")
    from pyrule.library import resource_dir

    rel = os.path.relpath(outside / "rows", resource_dir("charters") / "membership")
    scen = tmp_path / "m.scenario"
    scen.write_text(f'scenario m "M" uses un.\nmembership un from data "{rel}".\n', encoding="utf-8")
    from pyrule.errors import LoadProblem

    with pytest.raises(LoadProblem):
        load_bundle(str(scen))
