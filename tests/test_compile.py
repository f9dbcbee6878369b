"""The compiler: checked charters and scenarios to ASP.

Each test compiles a small text and looks for the facts a construct must
become (read back as clingo symbols, so spacing and order do not matter) and
for the rules generated for it (as clingo prints them)."""

from __future__ import annotations

import datetime as dt
import textwrap

import clingo
import pytest

from pyrule.check import check_bundle, check_charters
from pyrule.errors import CheckProblem
from pyrule.compile import INF, Program, compile_bundle, compile_charters, day
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
    check_charters((ch,))
    program = Program()
    compile_charters((ch,), program)
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
                   s.arguments[1] == S(f'art("t","{num}")')), key=lambda r: r.arguments[1].number)


def facts_of(syms: set[clingo.Symbol], rid: clingo.Symbol) -> set[str]:
    return {str(s) for s in syms if s.arguments and s.arguments[0] == rid}


def generated(program: Program, num: str) -> list[list[str]]:
    """The rules generated for each rule of article `num`, as clingo prints them."""
    return [[str(r) for r in rules] for comment, rules in program.generated
            if comment.startswith(f"article {num} (")]


# ------------------------------------------------------------------ norms


def test_a_norm_becomes_facts_about_it_and_one_rule():
    program, syms = compile_charter("""
        article 41 "Measures":
          when the council decides measures M against T under article 41
          then every member other than T must apply M against T, citing article 25.
        article 25 "Decisions":
          every member must apply.
    """)
    (rid,) = rule_of_article(syms, "41")
    r = str(rid)
    assert facts_of(syms, rid) == {
        f'rule({r},art("t","41"))', f'rule_charter({r},"t")', f"rule_from({r},{IN_FORCE})",
        f"norm({r},obl)", f'cites({r},art("t","25"))'}
    # the condition joins the facts of its kind; the exception needs the
    # binding of T, so the rule keeps its bindings in a predicate of its own
    assert generated(program, "41") == [[
        'n1(c(Fx1,nil),M,T) :- f_measures(Fx1,"council",M,T,"41").',
        'inst(r("t",1),Inst,role("un"),"apply",M,T) :- n1(Inst,M,T).',
        'except(r("t",1),Inst,T) :- n1(Inst,M,T).']]
    # a norm with no conditions and nothing to bind is one fact-like rule
    assert generated(program, "25") == [['inst(r("t",2),nil,role("un"),"apply",none,none).']]


def test_a_named_action_is_read_from_its_own_predicate():
    program, _ = compile_charter("""
        article 1 "x":
          when A use-force against V then V may use-force against A.
          when A X against V then V may report against A.
    """)
    named, open_ = generated(program, "1")
    assert named == ['inst(r("t",1),c(Fx1,nil),one(V),"use-force",none,A) :- f_act__use_force(Fx1,A,_,V).']
    # an action left open is read from the kind's own predicate
    assert open_ == ['inst(r("t",2),c(Fx1,nil),one(V),"report",none,A) :- f_act(Fx1,A,X,_,V).']
    assert program.reads.actions == {"act": {"use-force"}}
    assert "act" in program.reads.kinds


@pytest.mark.parametrize("words, modality", [
    ("must", "obl"), ("must not", "forb"), ("may", "perm"), ("is recommended to", "rec"),
    ("has power to", "power"),
])
def test_modalities(words, modality):
    _, syms = compile_charter(f'article 1 "x":\n  every member {words} report.\n')
    (rid,) = rule_of_article(syms, "1")
    assert S(f"norm({rid},{modality})") in syms


def test_bearers_and_any_target():
    program, _ = compile_charter("""
        article 1 "x":
          every member must not use-force against any state.
          the council has power to intervene.
          USA may report.
          when A requests assistance then A may report.
    """)
    assert [r[0] for r in generated(program, "1")] == [
        'inst(r("t",1),nil,role("un"),"use-force",none,any).',
        'inst(r("t",2),nil,one("council"),"intervene",none,none).',
        'inst(r("t",3),nil,one("USA"),"report",none,none).',
        'inst(r("t",4),c(Fx1,nil),one(A),"report",none,none) :- f_request(Fx1,A).']


def test_conditions_join_on_their_variables_in_the_order_written():
    program, _ = compile_charter("""
        article 42 "Authorized force":
          when X cooperates with V and the council authorizes members cooperating with V to use-force against T
          then X may use-force against T.
    """)
    # an instance lists its facts in the order the conditions are written;
    # gringo chooses the order of the join
    assert generated(program, "42") == [[
        'inst(r("t",1),c(Fx1,c(Fx2,nil)),one(X),"use-force",none,T) :- f_cooperation(Fx1,X,V); '
        'f_authorization__use_force(Fx2,"council",V,_,T).']]


def test_any_number_of_conditions():
    program, syms = compile_charter("""
        article 1 "x":
          when armed attack by A on V occurs and V requests assistance and X cooperates with V
           and S is unable or unwilling to prevent attacks by A and dispute between A and V exists
           and A use-force against V
          then X may use-force against A.
    """)
    ((rule,),) = generated(program, "1")
    assert rule.startswith('inst(r("t",1),c(Fx1,c(Fx2,c(Fx3,c(Fx4,c(Fx5,c(Fx6,nil)))))),one(X),"use-force"')
    assert rule.count("Fx") == 12


def test_riders_and_guards():
    program, syms = compile_charter("""
        article 2(4) "Force":
          every member must not use-force against any state.
        article 2(7) "Domestic":
          when matter within the domestic jurisdiction of S
          then the council must not intervene against S
          unless enforcement action against S is under way.
        article 51 "Self-defence":
          when armed attack by A on V occurs and IS-X is p
          then V may use-force against A, overriding article 2(4)
          until enforcement action against Z where IS-X is q.
    """)
    (r27,) = rule_of_article(syms, "2(7)")
    assert S(f"rider({r27},1,unless)") in syms
    assert not [s for s in syms if s.name == "rider_guard" and s.arguments[0] == r27]
    assert generated(program, "2(7)") == [[
        'n2(c(Fx1,nil),S) :- f_domestic(Fx1,S).',
        'inst(r("t",2),Inst,one("council"),"intervene",none,S) :- n2(Inst,S).',
        'hit(r("t",2),Inst,1,Fr) :- n2(Inst,S); f_enforcement(Fr,S).']]
    (r51,) = rule_of_article(syms, "51")
    assert S(f"rider({r51},1,until)") in syms
    assert S(f'rider_guard({r51},1,"IS-X","q")') in syms
    assert S(f'rguard({r51},"IS-X","p")') in syms
    assert S(f'overrides({r51},art("t","2(4)"))') in syms
    # Z is bound by no condition: in the rider it matches any state
    assert generated(program, "51")[0][-1] == 'hit(r("t",3),Inst,1,Fr) :- n3(Inst,A,V); f_enforcement(Fr,_).'


def test_a_counts_as_rule_derives_a_fact_with_the_heads_places():
    program, syms = compile_charter("""
        article 51 "Self-defence":
          a less grave use of force by A on V counts as armed attack by A on V where IS-X is q.
          an armed attack by A on V counts as A use-force against V.
        article 2 "x":
          when A use-force against V then V may report against A.
    """)
    guarded, plain = rule_of_article(syms, "51")
    assert S(f'counts({guarded},"attack")') in syms
    assert S(f'rguard({guarded},"IS-X","q")') in syms
    assert not [s for s in syms if s.name == "rguard" and s.arguments[0] == plain]
    first, second = generated(program, "51")
    assert first == ['derives(r("t",1),c(Fx1,nil)) :- f_lesser_force(Fx1,A,V,_).',
                     'f_attack(d(r("t",1),c(Fx1,nil)),A,V,none) :- f_lesser_force(Fx1,A,V,_).']
    # a derived act goes to its kind's predicate and to the one of its action, which a rule reads
    assert second == ['derives(r("t",2),c(Fx1,nil)) :- f_attack(Fx1,A,V,_).',
                      'f_act(d(r("t",2),c(Fx1,nil)),A,"use-force",none,V) :- f_attack(Fx1,A,V,_).',
                      'f_act__use_force(d(r("t",2),c(Fx1,nil)),A,none,V) :- f_attack(Fx1,A,V,_).']


def test_a_derived_fact_whose_action_is_open_goes_to_each_action_read():
    program, _ = compile_charter("""
        article 1 "x":
          the council decides that X A O against T counts as X A O against T.
          when X use-force against T then T may report.
          when X apply against T then T may report.
    """)
    rules = generated(program, "1")[0]
    assert 'f_act__use_force(d(r("t",1),c(Fx1,nil)),X,O,T) :- f_decision__use_force(Fx1,"council",X,O,T).' in rules
    assert 'f_act__apply(d(r("t",1),c(Fx1,nil)),X,O,T) :- f_decision__apply(Fx1,"council",X,O,T).' in rules


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


def test_every_compiled_line_is_one_clingo_fact_and_every_rule_is_generated():
    from pyrule.library import load_charter

    un = load_charter("un")
    check_charters((un,))
    program = Program()
    compile_charters((un,), program)
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], program.text())
    ctl.ground([("base", [])])
    n_atoms = sum(1 for _ in ctl.symbolic_atoms)
    assert n_atoms == len(set(program.facts))
    # every rule of the charter is there, tagged with its article, and has its generated rules
    norms = sum(1 for a in un.articles for r in a.rules)
    assert len([f for f in program.facts if f.startswith("rule(")]) == norms
    assert len(program.generated) == norms
    assert all(rules for _, rules in program.generated)


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
    bundle = Bundle(sc, (ch,), members)
    check_bundle(bundle)
    program = compile_bundle(bundle)
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
    # the fact's kind and first day, and its places in the kind's own predicate
    assert S(f'fact({f},"attack",{d})') in syms
    assert S(f'f_attack({f},"IRQ","KWT",none)') in syms
    assert not [s for s in syms if s.name == "fl_stop"]
    assert S(f'member("IRQ","un",{day(dt.date(1945, 12, 21))},{INF})') in syms
    assert S(f'member("SUN","un",{IN_FORCE},{day(dt.date(1991, 12, 24))})') in syms
    assert S(f'member("FRA","un",{IN_FORCE},{INF})') in syms
    assert S(f"horizon({INF})") in syms
    info = program.fluents[f]
    assert info.start == dt.date(1990, 8, 2) and info.event.date == dt.date(1990, 8, 2)


def test_a_declared_membership_that_ends():
    program, syms = compile_scenario("""
        state XSW "A member that left (hypothetical)" member of un from 1945-10-24 until 2002-09-10.
        state IRQ "Iraq" member of un from 1945-12-21.
        state KWT "Kuwait" member of un from 1963-05-14.
        on 1990-08-02: armed attack by IRQ on KWT.
    """)
    assert S(f'member("XSW","un",{IN_FORCE},{day(dt.date(2002, 9, 10))})') in syms
    assert ("un", IN_FORCE, day(dt.date(2002, 9, 10))) in program.members["XSW"]


def test_acts_last_one_day():
    program, syms = compile_scenario("""
        state IRQ "Iraq" member of un from 1945-12-21.
        state KWT "Kuwait" member of un from 1963-05-14.
        on 1990-08-02: IRQ use-force against KWT.
        on 1990-08-03: IRQ fails to apply against KWT.
    """)
    act, omission = fluent(program, "act"), fluent(program, "omission")
    d = day(dt.date(1990, 8, 2))
    assert S(f'fact({act},"act",{d})') in syms
    assert S(f'f_act({act},"IRQ","use-force",none,"KWT")') in syms
    assert S(f"fl_stop({act},{d + 1})") in syms
    assert S(f"fl_stop({omission},{d + 2})") in syms


def test_several_states_give_one_fact_each():
    program, syms = compile_scenario("""
        state USA "USA" member of un from 1945-10-24.
        state GBR "UK" member of un from 1945-10-24.
        state IRQ "Iraq" member of un from 1945-12-21.
        on 1991-01-17: USA, GBR use-force against IRQ.
    """)
    actors = sorted(s.arguments[1].string for s in syms if s.name == "f_act")
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
    # the ending is a rule: it ends, that day, the facts with the places it names
    # that have started by then (the article is left open: any)
    d = day(dt.date(2003, 5, 22))
    (ending,) = [rules for comment, rules in program.generated if "ends" in comment]
    assert [str(r) for r in ending] == [
        f'fl_kill(F,{d}) :- f_measures(F,"council","trade-embargo","IRQ",_); fact(F,_,S); S <= {d}.']
    # an ending is not itself a fact of the world
    assert len(program.fluents) == 1


def test_names_are_quoted_strings():
    program, syms = compile_scenario("""
        state IRQ "Iraq" member of un from 1945-12-21.
        on 1990-08-06: the council adopts "S/RES/661 (1990)":
          decides measures trade-embargo against IRQ under article 41.
    """)
    f = fluent(program, "measures")
    (atom,) = [s for s in syms if s.name == "f_measures" and str(s.arguments[0]) == f]
    args = atom.arguments[1:5]      # organ, measure, target, article
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


# ------------------------------------------------------------------ the generated rules, grounded


def instances(charter_body: str, events: str) -> set[str]:
    """The inst/6 atoms the generated rules derive for a scenario (ids as text)."""
    from pyrule.solve import ground

    ch = parse_charter(HEAD + textwrap.dedent(charter_body), "t.charter")
    sc = parse_scenario('scenario s "S" uses t.\n' + "".join(
        f'state {c} "{c}" member of un from 1945-10-24.\n' for c in ("AAA", "BBB", "CCC", "DDD"))
        + textwrap.dedent(events), "s.scenario")
    bundle = Bundle(sc, (ch,), ())
    check_bundle(bundle)
    program = compile_bundle(bundle)
    ctl = ground(program)
    return {str(a.symbol) for a in ctl.symbolic_atoms if a.symbol.name in ("inst", "hit")}


def test_conditions_join_only_on_equal_values():
    got = instances("""
        article 1 "x":
          when armed attack by A on V occurs and V requests assistance then V may use-force against A.
    """, """
        on 1990-01-01: armed attack by AAA on BBB.
        on 1990-01-02: armed attack by CCC on DDD.
        on 1990-01-03: BBB requests assistance.
    """)
    assert got == {'inst(r("t",1),c(f(1),c(f(3),nil)),one("BBB"),"use-force",none,"AAA")'}


def test_a_variable_repeated_in_a_condition_must_match_itself():
    got = instances("""
        article 1 "x":
          when the council demands that X apply against X then X must report.
    """, """
        on 1990-01-01: the council adopts "R1": demands that AAA apply against AAA.
        on 1990-01-01: the council adopts "R2": demands that BBB apply against CCC.
    """)
    assert got == {'inst(r("t",1),c(f(1),nil),one("AAA"),"report",none,none)'}


def test_a_rider_is_met_under_the_bindings_and_an_unbound_place_matches_anything():
    got = instances("""
        article 1 "x":
          when V requests assistance then every member other than V may use-force against V
          unless armed attack by V on Z occurs.
    """, """
        on 1990-01-01: AAA requests assistance.
        on 1990-01-01: BBB requests assistance.
        on 1990-01-02: armed attack by AAA on DDD.
        on 1990-01-02: armed attack by CCC on BBB.
    """)
    # the rider looks for an attack by the requesting state on anyone
    assert {a for a in got if a.startswith("hit(")} == {'hit(r("t",1),c(f(1),nil),1,f(3))'}


# ------------------------------------------------------------------ the language reaches real cases (issue 15)


def test_the_new_fact_forms_and_how_long_facts_last():
    program, syms = compile_scenario("""
        state IRQ "Iraq" member of un from 1945-12-21.
        state KWT "Kuwait" member of un from 1963-05-14.
        state group:NORTHERN-FRONT "Northern Front".
        on 2030-01-01: KWT requests assistance from IRQ.
        on 2030-01-01: KWT requests consultations with the council.
        on 2030-01-01: KWT consents to force by IRQ.
        on 2030-01-01: KWT invites IRQ.
        on 2030-01-01: internal armed conflict in KWT continuing.
        on 2030-01-01: IRQ use-force against group:NORTHERN-FRONT until 2030-02-01.
        on 2030-01-01: IRQ use-force against KWT continuing.
    """)
    d = day(dt.date(2030, 1, 1))
    kinds = {(s.name, tuple(str(a) for a in s.arguments[1:])) for s in syms if s.name.startswith("f_")}
    assert ("f_request_from", ('"IRQ"', "none")) in {(k, a[1:]) for k, a in kinds if k == "f_request_from"}
    assert ("f_consultation", ('"KWT"', '"council"')) in kinds
    assert ("f_consent", ('"KWT"', '"force"', '"IRQ"')) in kinds
    assert ("f_consent", ('"KWT"', '"invitation"', '"IRQ"')) in kinds
    assert S('non_state("group:NORTHERN-FRONT")') in syms
    stops = {str(s.arguments[0]): s.arguments[1].number for s in syms if s.name == "fl_stop"}
    acts = [fid for fid, info in program.fluents.items() if info.fact.kind == "act"]
    conflict = fluent(program, "internal_conflict")
    # an act lasts its day unless written `until` (to that day) or `continuing` (until ended)
    assert stops[acts[0]] == day(dt.date(2030, 2, 1)) and acts[1] not in stops and conflict not in stops
    assert d < stops[acts[0]]


def test_a_court_order_and_an_organisation_authorized():
    program, syms = compile_scenario("""
        state USA "USA" member of un from 1945-10-24.
        state DEU "Germany" member of un from 1973-09-18.
        on 1999-03-03: the council adopts "O": indicates that USA apply against DEU.
        on 1999-03-04: the council adopts "A": authorizes the council to apply against DEU.
    """)
    def args(kind: str) -> tuple:
        return tuple(getattr(a, "value", None) for a in program.fluents[fluent(program, kind)].fact.args)

    assert args("provisional_measure") == ("council", "USA", "apply", None, "DEU")
    assert args("organ_authorization") == ("council", "council", "apply", None, "DEU")
    # facts no rule reads get no predicate of their own (the rules read only their kinds)
    assert S(f'fact({fluent(program, "provisional_measure")},"provisional_measure",{day(dt.date(1999, 3, 3))})') \
        in syms


# ------------------------------------------------ the chapter of a clause


def test_a_condition_asks_under_which_chapter_a_clause_was_adopted():
    program, syms = compile_charter("""
        article 25 "Decisions":
          when the council decides that X A O against T under chapter 7
          then X must A O against T.
          when the council decides that X A O against T
          then X must A O against T
          unless the council decides that X A O against T outside chapter 7 where IS-X is q.
    """)
    first, second = generated(program, "25")
    assert first == ['inst(r("t",1),c(Fx1,nil),one(X),A,O,T) :- f_decision(Fx1,"council",X,A,O,T); '
                     'chapter_of(Fx1,7).']
    assert second[-1] == ('hit(r("t",2),Inst,1,Fr) :- n2(Inst,A,O,T,X); f_decision(Fr,"council",X,A,O,T); '
                          'chapter_of(Fr,ChFr); ChFr != 7.')


def test_a_record_puts_each_clause_under_its_chapter():
    program, syms = compile_scenario("""
        state IRQ "Iraq" member of un from 1945-12-21.
        state KWT "Kuwait" member of un from 1963-05-14.
        on 1990-08-06: the council adopts "S/RES/661 (1990)" under chapter 7:
          decides measures trade-embargo against IRQ under article 41;
          decides that IRQ report against KWT under chapter 6.
        on 1990-08-07: the council adopts "S/RES/HYP (1990)":
          decides measures arms-embargo against IRQ under article 41.
    """)
    measures, decision = fluent(program, "measures"), fluent(program, "decision")
    assert S(f"chapter_of({measures},7)") in syms
    assert S(f"chapter_of({decision},6)") in syms
    unrecorded = fluent(program, "measures", 1)
    assert not [s for s in syms if s.name == "chapter_of" and str(s.arguments[0]) == unrecorded]


def test_outside_a_chapter_is_for_conditions_only():
    with pytest.raises(CheckProblem, match="not outside which"):
        compile_scenario("""
            state IRQ "Iraq" member of un from 1945-12-21.
            state KWT "Kuwait" member of un from 1963-05-14.
            on 1990-08-06: the council adopts "S/RES/HYP (1990)":
              decides that IRQ report against KWT outside chapter 7.
        """)


# ------------------------------------------------ where an act happens; vessels

PLACE_CHARTER = HEAD + """\
action intercept "stop a vessel".
article 13 "High seas":
  when X intercept against S in high-seas and S flies the flag of F
  then X must not intercept against S
  unless S flies the flag of X.
article 15 "Territorial sea":
  when X intercept against S in the waters of C and S is bound for D
  then X must not intercept against S
  unless X intercept against S in the waters of X.
"""


def test_a_condition_asks_where_an_act_happened():
    program, _ = compile_charter(PLACE_CHARTER[len(HEAD):])
    (high_seas,) = generated(program, "13")
    # an object left out of the condition matches any; the place is a literal of its own on the act
    assert high_seas[0] == ('n1(c(Fx1,c(Fx2,nil)),S,X) :- f_act__intercept(Fx1,X,_,S); '
                            'place_of(Fx1,"high-seas"); f_flag(Fx2,S,F).')
    assert high_seas[-1] == 'hit(r("t",1),Inst,1,Fr) :- n1(Inst,S,X); f_flag(Fr,S,X).'
    (waters,) = generated(program, "15")
    assert 'place_of(Fx1,waters(C))' in waters[0] and "f_destination(Fx2,S,D)" in waters[0]
    # the rider's place names a variable the conditions bind: the coastal state's own waters
    assert waters[-1] == ('hit(r("t",2),Inst,1,Fr) :- n2(Inst,S,X); f_act__intercept(Fr,X,_,S); '
                          'place_of(Fr,waters(X)).')


def test_a_record_says_where_an_act_happened_and_a_vessels_flag():
    ch = parse_charter(PLACE_CHARTER, "t.charter")
    sc = parse_scenario(textwrap.dedent('''\
        scenario s "S" uses t.
        state GRC "Greece" member of un from 1945-10-25.
        state GBR "United Kingdom" member of un from 1945-10-24.
        state MOZ "Mozambique".
        state vessel:JOANNA-V "Joanna V".
        on 1966-04-05: vessel:JOANNA-V flies the flag of GRC.
        on 1966-04-05: vessel:JOANNA-V is bound for MOZ.
        on 1966-04-10: GBR intercept against vessel:JOANNA-V in high-seas.
        on 1966-04-11: GBR intercept against vessel:JOANNA-V in the waters of MOZ.
        on 1966-04-12: GBR intercept against vessel:JOANNA-V.
        '''), "s.scenario")
    bundle = Bundle(sc, (ch,), ())
    check_bundle(bundle)
    program = compile_bundle(bundle)
    syms = symbols(program)
    acts = [fid for fid, info in program.fluents.items() if info.fact.kind == "act"]
    S = clingo.parse_term
    assert S(f'place_of({acts[0]},"high-seas")') in syms
    assert S(f'place_of({acts[1]},waters("MOZ"))') in syms
    assert not [s for s in syms if s.name == "place_of" and str(s.arguments[0]) == acts[2]]
    assert S(f'f_flag({fluent(program, "flag")},"vessel:JOANNA-V","GRC")') in syms
    assert S(f'f_destination({fluent(program, "destination")},"vessel:JOANNA-V","MOZ")') in syms
    # a vessel is no state: a rule for `any state` does not reach it
    assert S('non_state("vessel:JOANNA-V")') in syms
