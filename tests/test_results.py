"""Reading the answer (pyrule/results.py): clingo's atoms are read as text,
all at once, and cut apart; these tests hold that reading to clingo's own
symbol API, for ordinary atoms and for strings built to confuse it."""

from __future__ import annotations

import random
from pathlib import Path

from clingo.symbol import Function, Number, String, Symbol

from pyrule.results import _BECAUSE, _DEFEATED, _args, _atom_texts, _name, _value

NASTY = ['plain', 'with "quotes"', 'back\\slash', 'new\nline', '),because(', ',defeated(x', '(', ')', ',',
         '"', '\\"', 'é ü', '']


def sym_of(value: str) -> Symbol:
    return String(value)


def random_term(rng: random.Random, depth: int = 0) -> Symbol:
    pick = rng.random()
    if pick < 0.35:
        return String(rng.choice(NASTY + ["IRQ", "KWT", "use-force"]))
    if pick < 0.5:
        return Number(rng.randrange(-5, 4_000_000))
    if pick < 0.65 or depth > 2:
        return Function(rng.choice(["none", "any", "obl", "forb", "exception"]))
    return Function(rng.choice(["f", "i", "d", "r", "art", "m"]),
                    [random_term(rng, depth + 1) for _ in range(rng.randrange(1, 4))])


def random_atom(rng: random.Random) -> Symbol:
    name = rng.choice(["because", "defeated", "conflict", "violation", "decision", "vetoed", "sw", "engaged"])
    return Function(name, [random_term(rng) for _ in range(rng.randrange(1, 11))])


def test_atoms_read_as_text_are_clingos_own_texts():
    rng = random.Random(7)
    for _ in range(200):
        atoms = [random_atom(rng) for _ in range(rng.randrange(1, 30))]
        assert _atom_texts(atoms) == [str(a) for a in atoms]


def test_a_string_that_looks_like_a_boundary_does_not_cut_an_atom():
    atoms = [Function("decision", [String('S/1"),vetoed("x'), Function("adopted")]),
             Function("vetoed", [String("a),because(b"), String("RUS")]),
             Function("decision", [String("back\\slash"), Function("failed")])]
    assert _atom_texts(atoms) == [str(a) for a in atoms]


def test_arguments_and_values_agree_with_clingo():
    rng = random.Random(11)
    for _ in range(500):
        atom = random_atom(rng)
        args = _args(str(atom))
        assert args == [str(a) for a in atom.arguments]
        for text, a in zip(args, atom.arguments):
            if a.type.name == "String":
                assert _value(text) == a.string
            elif a.type.name == "Function":
                assert _name(text) == a.name
                assert _value(text) == (None if a.name == "none" else a.name)


def test_the_fast_patterns_read_the_usual_atoms():
    because = Function("because", [Function("obl"), String("FRA"), String("apply"), String("trade-embargo"),
                                   String("IRQ"), Number(726685), Number(3652059),
                                   Function("r", [String("un"), Number(12)]),
                                   Function("c", [Function("f", [Number(3)]),
                                                  Function("c", [Function("m", [Number(4), Number(0)]), Function("nil")])])])
    m = _BECAUSE.match(str(because))
    assert m is not None
    st, x, a, o, y, t1, t2, pair, r, i = m.groups()
    assert (st, _value(x), _value(a), _value(o), _value(y), int(t1), int(t2)) == \
        ("obl", "FRA", "apply", "trade-embargo", "IRQ", 726685, 3652059)
    assert (r, i) == ('r("un",12)', "c(f(3),c(m(4,0),nil))") and pair == f"{r},{i}"
    defeated = Function("defeated", [Function("r", [String("un"), Number(2)]), Function("nil"), String("KWT"),
                                     String("use-force"), Function("none"), String("IRQ"), Number(1), Number(9),
                                     Function("r", [String("un"), Number(51)]),
                                     Function("c", [Function("f", [Number(1)]), Function("nil")]),
                                     Function("exception")])
    groups = _DEFEATED.match(str(defeated)).groups()
    assert groups[1:3] == ('r("un",2)', "nil") and groups[-1] == "exception"
    assert _value(groups[5]) is None and groups[10:12] == ('r("un",51)', "c(f(1),nil)")


def test_a_draft_named_like_an_atom_boundary_comes_back_whole(tmp_path):
    from pyrule import api
    from pyrule.library import load_bundle

    scenario = (Path(__file__).resolve().parent.parent / "scenarios" / "iraq-kuwait-1990.scenario").read_text()
    tricky = 'S/RES/661),vetoed(\\\\'        # as written in the file: a backslash at the end
    scenario = scenario.replace('"S/RES/661 (1990)"', f'"{tricky}"')
    (tmp_path / "tricky.scenario").write_text(scenario, encoding="utf-8")
    answer = api.answer_bundle(load_bundle(str(tmp_path / "tricky.scenario")))
    names = {d.symbol for d in answer.decisions}
    (odd,) = [n for n in names if "vetoed(" in n]
    assert odd.startswith("S/RES/661),vetoed(") and odd.endswith("\\") and "S/RES/660 (1990)" in names
    assert all(d.adopted() for d in answer.decisions)
    assert not [d for d in answer.decisions if d.blocked_by]


def test_the_fast_reader_knows_every_predicate_final_lp_shows():
    import re

    from pyrule.resources import resource_path
    from pyrule.results import _SHOWN
    shown = set(re.findall(r"^#show (\w+)/\d+\.", resource_path("rules", "final.lp").read_text(), re.M))
    assert shown == set(_SHOWN)


def test_contested_words_name_the_fewer_readings_and_count_the_rest():
    from pyrule.render import contest_words
    from pyrule.results import Contest

    one = Contest(("IS-UNTIL",), ((("any-measure",), True), (("replacing",), False)))
    assert contest_words(one) == "contested — IS-UNTIL=any-measure: yes; IS-UNTIL=replacing: no"
    two = Contest(("IS-CALLS-UPON", "IS-UNTIL"),
                  tuple(((c, u), not (c == "context" and u == "binding-order"))
                        for c in ("context", "only-decides") for u in ("any-measure", "binding-order", "replacing")))
    assert contest_words(two) == ("contested — no on IS-CALLS-UPON=context, IS-UNTIL=binding-order; "
                                  "yes on the 5 other readings")
    assert contest_words(two, "adopted", "not adopted").startswith("contested — not adopted on IS-CALLS-UPON")
    # as many readings each way: every reading is listed
    even = Contest(("IS-A", "IS-B"), ((("a", "c"), True), (("a", "d"), False), (("b", "c"), True), (("b", "d"), False)))
    assert contest_words(even).count(": yes") == 2 and contest_words(even).count(": no") == 2
    assert contest_words(None) == "settled"


def test_a_state_named_on_some_readings_only_is_still_covered_by_any_state_on_the_others(write):
    """Art 2(4) speaks of "any state"; it is spelt out for XBB only where some
    rule names XBB for the act (here a recommendation on reading a). On
    reading b the "any state" prohibition covers XBB all the same, so the
    prohibition towards XBB is settled, not contested."""
    from pyrule import api

    write("t.charter", """
        charter t "T" in force 1945-10-24.
        role member "Member" from membership un.
        action use-force "use force".
        interpretation IS-X "A question":
          position a "a".
          position b "b".
        article 1 "Force":
          every member must not use-force against any state.
        article 2 "Recommendation":
          when extreme humanitarian distress in S and IS-X is a
          then every member other than S is recommended to use-force against S.
    """)
    scen = write("s.scenario", """
        scenario s "S" uses t.
        membership un from data "un".
        state XBB "Hypothetical State B" member of un from 2029-01-01.
        on 2030-03-01: extreme humanitarian distress in XBB.
    """)
    answer = api.run(str(scen))
    assert len(answer.positions) == 2
    (forb,) = [c for c in answer.conclusions if (c.status, c.actor, c.action, c.target) == ("forb", "FRA", "use-force", "XBB")]
    assert forb.contest is None and forb.models == frozenset({0, 1})
    (rec,) = [c for c in answer.conclusions if (c.status, c.actor, c.target) == ("rec", "FRA", "XBB")]
    assert rec.contest is not None          # the recommendation itself does differ by reading
