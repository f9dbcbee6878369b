"""The fast path for one-line scenario events (pyrule.parse_fast) gives
exactly what the grammar gives: the same nodes with the same spans, for
every bundled and test scenario, the synthetic case and lines built to be
awkward; errors are the grammar's own."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from pyrule import ast as A
from pyrule import parse
from pyrule.errors import PyruleError

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((REPO / "scenarios").glob("*.scenario")) + sorted((REPO / "tests" / "data").glob("*.scenario"))


def grammar_only(text: str, file: str) -> A.Scenario:
    return parse._parse(text, file, "scenario_file")


def same(a, b, where: str = "") -> None:
    """Equal including every span (dataclass equality leaves spans out)."""
    if dataclasses.is_dataclass(a):
        assert type(a) is type(b), where
        for f in dataclasses.fields(a):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, tuple) and not isinstance(a, A.Span):
        assert isinstance(b, tuple) and len(a) == len(b), where
        for k, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{k}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_every_scenario_parses_the_same(path):
    text = path.read_text(encoding="utf-8")
    same(parse.parse_scenario(text, "x.scenario"), grammar_only(text, "x.scenario"))


def test_the_synthetic_case_parses_the_same_and_mostly_fast():
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import generate

    text = generate(3, 400, 0).scenario_text()
    events, _ = parse.fast_events(text, "s", parse.KEYWORDS)
    assert len(events) == 400
    same(parse.parse_scenario(text, "s"), grammar_only(text, "s"))


HEAD = 'scenario t "T" uses un.\n'
AWKWARD = [
    "on 1990-08-02:  armed attack by IRQ on KWT in gulf .  # a comment",
    "on 1990-08-02: armed attack by IRQ on KWT occurs.",
    "on 1990-08-02: armed attack by IRQ on KWT in gulf occurs.",
    "  on 1990-08-03:\tthe council demands that IRQ withdraw from KWT.",
    "on 1990-08-03: the council decides that IRQ pay reparations to KWT.",
    "on 1990-08-03: the council recommends that IRQ withdraw.",
    "on 1990-08-04: IRQ use-force troops against KWT.",
    "on 1990-08-04: IRQ use-force against any state.",          # any state: to the grammar
    "on 1990-08-04: IRQ, SYR use-force against KWT.",
    "on 1990-08-05: KWT requests assistance.",
    "on 1990-08-06: USA cooperates with KWT.",
    "on 1990-08-06: USA, GBR cooperate with KWT.",
    "on 1990-08-06: the council demands that members withdraw from KWT.",
    "on 1990-08-06: the council decides measures embargo against IRQ under article 41.",
    'on 1990-08-06: the council adopts "R 1": demands that IRQ withdraw from KWT.',
    "on 1990-08-07: armed attack by IRQ on KWT ends.",
    "on 1990-08-08: IRQ fails to withdraw from KWT.",
    # where an act happens: left to the grammar, which keeps the place
    "on 1990-08-09: IRQ use-force troops against KWT in the waters of KWT.",
    "on 1990-08-09: IRQ patrol in high-seas.",
    "on 1990-08-09: IRQ patrol oil in high-seas.",
    "on 1990-08-09: IRQ, SYR use-force against KWT in high-seas.",
    "on 1990-08-09: IRQ fails to withdraw from KWT in the territory of KWT.",
    "on 1990-08-09: IRQ intercept against vessel:AL-BAHIA in high-seas.",
    "on 1990-08-09: vessel:AL-BAHIA flies the flag of IRQ.",
    "on 1990-08-09: vessel:AL-BAHIA is bound for IRQ.",
]


@pytest.mark.parametrize("line", AWKWARD)
def test_awkward_lines_parse_the_same(line):
    text = HEAD + "on 1990-08-01: KWT requests assistance.\n" + line + "\n"
    same(parse.parse_scenario(text, "t"), grammar_only(text, "t"))


@pytest.mark.parametrize("text", [
    HEAD + "on 1990-08-02: armed attack by IRQ on KWT\non 1990-08-03: KWT requests assistance.\n",
    HEAD + "on 1990-13-02: KWT requests assistance.\non 1990-08-03: KWT requests assistance.\n",
    HEAD + "on 1990-08-03: KWT requests assistance.\non 1990-08-04: IRQ the against KWT.\n",
    HEAD + "on 1990-08-03: KWT requests assistance.\nexpect on 1990-08-04: KWT may.\n",
    HEAD + "on 9999-12-31: KWT requests assistance.\n",
])
def test_errors_are_the_grammars_own(text):
    with pytest.raises(PyruleError) as fast:
        parse.parse_scenario(text, "t")
    with pytest.raises(PyruleError) as slow:
        grammar_only(text, "t")
    assert fast.value.render() == slow.value.render()
