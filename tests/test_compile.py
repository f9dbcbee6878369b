"""The compiler: checked charters and scenarios to ASP facts.

Each test compiles a small text and looks for the facts a construct must
become (read back as clingo symbols, so spacing and order do not matter)."""

from __future__ import annotations

import datetime as dt
import textwrap

import clingo
import pytest

from pyrule.check import Names
from pyrule.errors import CheckProblem
from pyrule.compile import INF, Program, Stats, compile_bundle, compile_charters, day
from pyrule.library import Bundle, Membership
from pyrule.parse import parse_charter, parse_scenario

HEAD = """\
charter t "Test" in force 1945-10-24.
organ council "Security Council".
role member "Member" from membership un.
action use-force "use force".
action apply "apply".
action intervene "intervene".
action report "report".
interpretation IS-X "A question":
  position p "p" prevailing.
  position q "q".
"""
IN_FORCE = day(dt.date(1945, 10, 24))


def compile_charter(body: str) -> tuple[Program, set[clingo.Symbol]]:
    ch = parse_charter(HEAD + textwrap.dedent(body), "t.charter")
    program = Program()
    compile_charters((ch,), program, Names((ch,)))
    return program, symbols(program)


def symbols(program: Program) -> set[clingo.Symbol]:
    out = set()
    for line in program.facts:
        assert line.endswith(".")
        out.add(clingo.parse_term(line[:-1]))
    return out


def S(text: str) -> clingo.Symbol:
    return clingo.parse_term(text)


def rule_of_article(syms: set[clingo.Symbol], num: str) -> list[clingo.Symbol]:
    return sorted((s.arguments[0] for s in syms if s.name == "rule" and
                   s.arguments[1] == S(f'art("t","{num}")')), key=str)


def facts_of(syms: set[clingo.Symbol], rid: clingo.Symbol) -> set[str]:
    return {str(s) for s in syms if s.arguments and s.arguments[0] == rid}


# ------------------------------------------------------------------ norms


def test_a_norm_becomes_tagged_facts():
    _, syms = compile_charter("""
        article 41 "Measures":
          when the council decides measures M against T under article 41
          then every member other than T must apply M against T, citing article 25.
        article 25 "Decisions":
          every member must apply.
    """)
    (rid,) = rule_of_article(syms, "41")
    r = str(rid)
    assert facts_of(syms, rid) >= {
        f'rule({r},art("t","41"))',
        f'rule_charter({r},"t")',
        f"rule_from({r},{IN_FORCE})",
        f"norm({r},obl)",
        f'head_bearer({r},role("un"))',
        f'head_except({r},var("T"))',
        f'head_act({r},val("apply"))',
        f'head_obj({r},var("M"))',
        f'head_tgt({r},var("T"))',
        f"ncond({r},1)",
        f'cond({r},1,"measures")',
        f'kvv({r},1,1,"council",4,"41")',
        f'vpos({r},"M",1,2)',
        f'vpos({r},"T",1,3)',
        f'cites({r},art("t","25"))',
    }
    # the condition is found through its two constants; nothing left to check
    assert not [s for s in syms if s.name in ("ckv", "cka") and s.arguments[0] == rid]


def test_selective_key_is_the_constant_place():
    _, syms = compile_charter("""
        article 1 "x":
          when A use-force against V then V may use-force against A.
    """)
    (rid,) = rule_of_article(syms, "1")
    r = str(rid)
    # act(actor, action, object, target): the only constant is the action
    assert S(f'kv({r},1,2,"use-force")') in syms
    assert [s.name for s in syms if s.arguments and s.arguments[0] == rid
            and s.name.startswith(("k", "ck"))] == ["kv"]


def test_the_scenario_chooses_the_two_most_selective_constants():
    charter = parse_charter(HEAD + textwrap.dedent("""
        article 1 "x":
          when the council decides measures arms-embargo against T under article 1
          then T may report.
    """), "t.charter")
    stats = Stats()
    for k in range(100):   # "council" in every fact, the embargo in half, article 1 in two
        stats.add("measures", ("council", "arms-embargo" if k % 2 else "other", f"S{k}", "1" if k < 2 else "41"))
    program = Program()
    compile_charters((charter,), program, Names((charter,)), stats)
    syms = symbols(program)
    (rid,) = rule_of_article(syms, "1")
    assert S(f'kvv({rid},1,2,"arms-embargo",4,"1")') in syms
    assert S(f'ckv({rid},1,1,"council")') in syms


def test_a_condition_with_no_constant_has_no_key():
    _, syms = compile_charter("""
        article 1 "x":
          when A requests assistance then A may report.
    """)
    (rid,) = rule_of_article(syms, "1")
    assert S(f"k0({rid},1)") in syms


@pytest.mark.parametrize("words, modality", [
    ("must", "obl"), ("must not", "forb"), ("may", "perm"), ("is recommended to", "rec"),
    ("has power to", "power"),
])
def test_modalities(words, modality):
    _, syms = compile_charter(f'article 1 "x":\n  every member {words} report.\n')
    (rid,) = rule_of_article(syms, "1")
    assert S(f"norm({rid},{modality})") in syms


def test_bearers_and_any_target():
    _, syms = compile_charter("""
        article 1 "x":
          every member must not use-force against any state.
          the council has power to intervene.
          USA may report.
          when A requests assistance then A may report.
    """)
    r1, r2, r3, r4 = sorted(rule_of_article(syms, "1"), key=lambda s: s.arguments[1].number)
    assert S(f'head_bearer({r1},role("un"))') in syms
    assert S(f"head_tgt({r1},any)") in syms
    assert S(f"ncond({r1},0)") in syms
    assert S(f'head_bearer({r2},val("council"))') in syms
    assert S(f'head_bearer({r3},val("USA"))') in syms
    assert S(f"head_tgt({r3},none)") in syms and S(f"head_obj({r3},none)") in syms
    assert S(f'head_bearer({r4},var("A"))') in syms


def test_conditions_most_constant_first_and_joined():
    _, syms = compile_charter("""
        article 42 "Authorized force":
          when X cooperates with V and the council authorizes members cooperating with V to use-force against T
          then X may use-force against T.
    """)
    (rid,) = rule_of_article(syms, "42")
    r = str(rid)
    # written second, but with two constants (council, use-force) it comes first
    assert S(f'cond({r},1,"authorization")') in syms
    assert S(f'cond({r},2,"cooperation")') in syms
    assert S(f"ncond({r},2)") in syms
    # V is bound in the authorization (place 2) and joined from the cooperation (place 2)
    assert S(f"ka({r},2,2,1,2)") in syms
    # only the variables the head reads get their values read back
    assert S(f'vpos({r},"X",2,1)') in syms and S(f'vpos({r},"T",1,5)') in syms
    assert not [s for s in syms if s.name == "vpos" and s.arguments[0] == rid and s.arguments[1].string == "V"]


def test_three_conditions_join_each_to_an_earlier_one():
    _, syms = compile_charter("""
        article 1 "x":
          when armed attack by A on V occurs and V requests assistance and X cooperates with V
          then X may use-force against A.
    """)
    (rid,) = rule_of_article(syms, "1")
    joins = sorted(tuple(a.number for a in s.arguments[1:]) for s in syms
                   if s.name == "ka" and s.arguments[0] == rid)
    # every condition after the first is looked up through a place of an earlier one
    assert [j[0] for j in joins] == [2, 3]
    assert all(c0 < c for c, _, c0, _ in joins)


def test_four_conditions_and_no_more():
    _, syms = compile_charter("""
        article 1 "x":
          when armed attack by A on V occurs and V requests assistance and X cooperates with V
           and S is unable or unwilling to prevent attacks by A
          then X may use-force against A.
    """)
    (rid,) = rule_of_article(syms, "1")
    assert S(f"ncond({rid},4)") in syms
    with pytest.raises(CheckProblem) as info:
        compile_charter("""
            article 1 "x":
              when armed attack by A on V occurs and V requests assistance and X cooperates with V
               and S is unable or unwilling to prevent attacks by A and dispute between A and V exists
              then X may use-force against A.
        """)
    assert "at most 4 conditions" in info.value.message


def test_riders_and_guards():
    _, syms = compile_charter("""
        article 2(4) "Force":
          every member must not use-force against any state.
        article 2(7) "Domestic":
          when matter within the domestic jurisdiction of S
          then the council must not intervene against S
          unless enforcement action against S is under way.
        article 51 "Self-defence":
          when armed attack by A on V occurs and IS-X is p
          then V may use-force against A, overriding article 2(4)
          until enforcement action against A where IS-X is q.
    """)
    (r27,) = rule_of_article(syms, "2(7)")
    assert S(f'neg({r27},1,unless,"enforcement")') in syms
    assert S(f'nkx({r27},1,1,"S")') in syms
    assert not [s for s in syms if s.name == "nguard" and s.arguments[0] == r27]
    (r51,) = rule_of_article(syms, "51")
    assert S(f'neg({r51},1,until,"enforcement")') in syms
    assert S(f'nguard({r51},1,"IS-X","q")') in syms
    assert S(f'rguard({r51},"IS-X","p")') in syms
    assert S(f'overrides({r51},art("t","2(4)"))') in syms


def test_a_counts_as_rule_on_one_reading_is_guarded():
    _, syms = compile_charter("""
        article 51 "Self-defence":
          a less grave use of force by A on V counts as armed attack by A on V where IS-X is q.
          an armed attack by A on V counts as A use-force against V.
    """)
    guarded, plain = rule_of_article(syms, "51")
    assert S(f'counts({guarded},"attack")') in syms
    assert S(f'cond({guarded},1,"lesser_force")') in syms
    assert S(f'rguard({guarded},"IS-X","q")') in syms
    assert not [s for s in syms if s.name == "rguard" and s.arguments[0] == plain]


def test_switches_and_priorities():
    _, syms = compile_charter("""
        article 51 "Self-defence":
          this article prevails over article 2(4) (lex specialis).
        article 2(4) "Force":
          every member must not use-force against any state.
        article 103 "Priority":
          this charter prevails over any other agreement (lex superior).
    """)
    assert {S('switch("IS-X")'), S('position("IS-X","p")'), S('position("IS-X","q")')} <= syms
    assert S(f'charter("t",{IN_FORCE})') in syms
    assert S('prevails_charter("t",lex_superior)') in syms
    assert S('prevails_article(art("t","51"),art("t","2(4)"),lex_specialis)') in syms


def test_layers_without_counts_as():
    program, syms = compile_charter('article 1 "x":\n  every member must report.\n')
    assert S("top(1)") in syms and program.top == 1
    (rid,) = rule_of_article(syms, "1")
    assert S(f"rule_layer({rid},1)") in syms


def test_counts_as_rules_sit_below_the_norms():
    program, syms = compile_charter("""
        article 1 "x":
          when enforcement action against T is under way then every member other than T must apply against T.
          A use-force against V counts as enforcement action against A.
          armed attack by A on V counts as A use-force against V.
    """)
    norm, first, second = sorted(rule_of_article(syms, "1"), key=lambda s: s.arguments[1].number)
    layer = {r: next(s.arguments[1].number for s in syms if s.name == "rule_layer" and s.arguments[0] == r)
             for r in (norm, first, second)}
    # attack -> act (layer 1) -> enforcement (layer 2) -> the norm (layer 3)
    assert layer[second] == 1
    assert layer[first] == 2
    assert layer[norm] == 3
    assert S("top(3)") in syms and program.top == 3
    assert S(f'counts({first},"enforcement")') in syms
    assert S(f'head_slot({first},1,var("A"))') in syms
    assert S(f'counts({second},"act")') in syms
    assert S(f'head_slot({second},2,val("use-force"))') in syms
    assert S(f"head_slot({second},3,none)") in syms
    assert program.rules[str(norm)].layer == 3
    assert program.rules[str(second)].article.num == "1"


def test_every_compiled_line_is_one_clingo_fact():
    from pyrule.library import load_charter

    un = load_charter("un")
    program = Program()
    compile_charters((un,), program, Names((un,)))
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], program.text())
    ctl.ground([("base", [])])
    n_atoms = sum(1 for _ in ctl.symbolic_atoms)
    assert n_atoms == len(set(program.facts))
    # every norm of the charter is there, tagged with its article
    norms = sum(1 for a in un.articles for r in a.rules)
    assert len([f for f in program.facts if f.startswith("rule(")]) == norms


# ------------------------------------------------------------------ scenarios


SCEN_CHARTER = HEAD + """\
article 41 "Measures":
  when the council decides measures M against T under article 41
  then every member other than T must apply M against T.
"""


def compile_scenario(body: str) -> tuple[Program, set[clingo.Symbol]]:
    ch = parse_charter(SCEN_CHARTER, "t.charter")
    sc = parse_scenario('scenario s "S" uses t.\n' + textwrap.dedent(body), "s.scenario")
    members = (Membership("FRA", "France", "un", dt.date(1945, 10, 24), None),
               Membership("SUN", "USSR", "un", dt.date(1945, 10, 24), dt.date(1991, 12, 24)))
    program = compile_bundle(Bundle(sc, (ch,), members))
    return program, symbols(program)


def fluent(program: Program, kind: str, nth: int = 0) -> str:
    ids = [fid for fid, info in program.fluents.items() if info.fact.kind == kind]
    return ids[nth]


def test_scenario_facts_for_an_occurrence():
    program, syms = compile_scenario("""
        state IRQ "Iraq" member of un from 1945-12-21.
        state KWT "Kuwait" member of un from 1963-05-14.
        on 1990-08-02: armed attack by IRQ on KWT.
    """)
    f = fluent(program, "attack")
    d = day(dt.date(1990, 8, 2))
    # one atom per fact: id, kind, first day, places (`pad` beyond the kind's three)
    assert S(f'fact({f},"attack",{d},"IRQ","KWT",none,pad,pad)') in syms
    assert not [s for s in syms if s.name == "fl_stop"]
    assert S(f'member("IRQ","un",{day(dt.date(1945, 12, 21))},{INF})') in syms
    assert S(f'member("SUN","un",{IN_FORCE},{day(dt.date(1991, 12, 24))})') in syms
    assert S(f'member("FRA","un",{IN_FORCE},{INF})') in syms
    assert S(f"horizon({INF})") in syms
    info = program.fluents[f]
    assert info.start == dt.date(1990, 8, 2) and info.event.date == dt.date(1990, 8, 2)


def test_a_declared_membership_that_ends():
    program, syms = compile_scenario("""
        state CHE "Switzerland" member of un from 1945-10-24 until 2002-09-10.
        state IRQ "Iraq" member of un from 1945-12-21.
        state KWT "Kuwait" member of un from 1963-05-14.
        on 1990-08-02: armed attack by IRQ on KWT.
    """)
    assert S(f'member("CHE","un",{IN_FORCE},{day(dt.date(2002, 9, 10))})') in syms
    assert ("un", IN_FORCE, day(dt.date(2002, 9, 10))) in program.members["CHE"]


def test_acts_last_one_day():
    program, syms = compile_scenario("""
        state IRQ "Iraq" member of un from 1945-12-21.
        state KWT "Kuwait" member of un from 1963-05-14.
        on 1990-08-02: IRQ use-force against KWT.
        on 1990-08-03: IRQ fails to apply against KWT.
    """)
    act, omission = fluent(program, "act"), fluent(program, "omission")
    d = day(dt.date(1990, 8, 2))
    assert S(f'fact({act},"act",{d},"IRQ","use-force",none,"KWT",pad)') in syms
    assert S(f"fl_stop({act},{d + 1})") in syms
    assert S(f"fl_stop({omission},{d + 2})") in syms


def test_several_states_give_one_fact_each():
    program, syms = compile_scenario("""
        state USA "USA" member of un from 1945-10-24.
        state GBR "UK" member of un from 1945-10-24.
        state IRQ "Iraq" member of un from 1945-12-21.
        on 1991-01-17: USA, GBR use-force against IRQ.
    """)
    actors = sorted(s.arguments[3].string for s in syms if s.name == "fact" and s.arguments[1].string == "act")
    assert actors == ["GBR", "USA"]
    assert len([s for s in syms if s.name == "fl_stop"]) == 2


def test_effective_date_moves_the_start():
    program, syms = compile_scenario("""
        state IRQ "Iraq" member of un from 1945-12-21.
        state KWT "Kuwait" member of un from 1963-05-14.
        on 1990-11-29: the council adopts "S/RES/678 (1990)":
          determines a breach-of-the-peace by IRQ;
          authorizes members cooperating with KWT to use-force against IRQ effective 1991-01-16.
    """)
    det, auth = fluent(program, "determination"), fluent(program, "authorization")
    starts = {str(s.arguments[0]): s.arguments[2].number for s in syms if s.name == "fact"}
    assert starts[det] == day(dt.date(1990, 11, 29))
    assert starts[auth] == day(dt.date(1991, 1, 16))
    assert program.fluents[auth].event.resolution == "S/RES/678 (1990)"
    assert program.fluents[auth].start == dt.date(1991, 1, 16)


def test_effective_before_adoption_is_an_error():
    from pyrule.errors import CheckProblem

    with pytest.raises(CheckProblem):
        compile_scenario("""
            state IRQ "Iraq" member of un from 1945-12-21.
            on 1990-11-29: the council adopts "R":
              determines a breach-of-the-peace by IRQ effective 1990-11-28.
        """)


def test_ends_event():
    program, syms = compile_scenario("""
        state IRQ "Iraq" member of un from 1945-12-21.
        on 1990-08-06: the council adopts "S/RES/661 (1990)":
          decides measures trade-embargo against IRQ under article 41.
        on 2003-05-22: the council ends measures trade-embargo against IRQ.
    """)
    ends = [s for s in syms if s.name == "ends"]
    assert len(ends) == 1
    ev, kind, d = ends[0].arguments
    assert kind.string == "measures" and d.number == day(dt.date(2003, 5, 22))
    slots = {(s.arguments[1].number, s.arguments[2]) for s in syms if s.name == "eslot"}
    assert slots == {(1, S('"council"')), (2, S('"trade-embargo"')), (3, S('"IRQ"'))}
    # an ending is not itself a fact of the world
    assert len(program.fluents) == 1


def test_names_are_quoted_strings():
    program, syms = compile_scenario("""
        state IRQ "Iraq" member of un from 1945-12-21.
        on 1990-08-06: the council adopts "S/RES/661 (1990)":
          decides measures trade-embargo against IRQ under article 41.
    """)
    f = fluent(program, "measures")
    (atom,) = [s for s in syms if s.name == "fact" and str(s.arguments[0]) == f]
    args = atom.arguments[3:7]      # organ, measure, target, article
    assert all(a.type == clingo.SymbolType.String for a in args)
    assert args[3].string == "41"
    assert any('art("t","41")' in line for line in program.facts)
    # the resolution label is for people: it is not emitted
    assert "S/RES/661" not in program.text()


@pytest.mark.parametrize("text", ['plain', 'a "quoted" word', 'back\\slash', 'end\\', 'new\nline',
                                  '). #script (python) #end.', 'tab\there', 'é ü ß', ''])
def test_quote_writes_what_clingo_writes(text):
    from clingo.symbol import String

    from pyrule.compile import quote
    assert quote(text) == str(String(text))
    assert clingo.parse_term(quote(text)).string == text
