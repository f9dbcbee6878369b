"""The ASP encodings on their own (rules/base.lp, layer.lp, final.lp).

No parser and no compiler: each test writes the facts that compile.py would
emit, by hand, grounds them with the rule files exactly as pyrule.solve does
(base, then layer(1..top), then final), and looks at the shown atoms:
because/9, defeated/11, violation/10, conflict/10 and sw/2.

Days are small numbers here; 1000 stands for "no end" (horizon)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from clingo.symbol import Symbol, SymbolType

from pyrule.solve import ground

INF = 1000


def solve(facts: str, top: int = 1, fixed: dict[str, str] | None = None) -> list[set[Symbol]]:
    """All answer sets (shown atoms) of the facts with the rule files."""
    program = SimpleNamespace(text=lambda: f"horizon({INF}).\ntop({top}).\n{facts}\n", top=top)
    ctl = ground(program, fixed)
    ctl.configuration.solve.models = 0  # type: ignore[union-attr]
    models: list[set[Symbol]] = []
    ctl.solve(on_model=lambda m: models.append(set(m.symbols(shown=True))))
    return models


def one(facts: str, top: int = 1) -> set[Symbol]:
    models = solve(facts, top)
    assert len(models) == 1, f"{len(models)} answer sets"
    return models[0]


def py(sym: Symbol):
    if sym.type == SymbolType.String:
        return sym.string
    if sym.type == SymbolType.Number:
        return sym.number
    if not sym.arguments:
        return sym.name
    return str(sym)


def atoms(model: set[Symbol], name: str) -> list[tuple]:
    return sorted((tuple(py(a) for a in s.arguments) for s in model if s.name == name), key=str)


def because(model: set[Symbol], **where) -> set[tuple]:
    """(modality, actor, action, object, target, from, to, rule) of because/9
    atoms matching the given fields."""
    names = ("m", "x", "a", "o", "y", "t1", "t2", "r", "i")
    out = set()
    for row in atoms(model, "because"):
        rec = dict(zip(names, row))
        if all(rec[k] == v for k, v in where.items()):
            out.add(row[:8])
    return out


def days(model: set[Symbol], **where) -> set[tuple[int, int]]:
    return {(row[5], row[6]) for row in because(model, **where)}


def rule(rid: str, article: str, layer: int = 1, charter: str = "t", start: int = 0) -> str:
    return (f'rule({rid},art("{charter}","{article}")). rule_charter({rid},"{charter}"). '
            f"rule_layer({rid},{layer}). rule_from({rid},{start}).\n")


def fact(fid: str, kind: str, *args, start: int, stop: int | None = None) -> str:
    out = f'fl({fid},"{kind}"). fl_start({fid},{start}). '
    for j, a in enumerate(args, start=1):
        out += f"aarg({fid},{j},{'none' if a is None else chr(34) + a + chr(34)}). "
    if stop is not None:
        out += f"fl_stop({fid},{stop})."
    return out + "\n"


def members(*rows: tuple[str, int, int], org: str = "un") -> str:
    return "".join(f'member("{c}","{org}",{s},{e}). ' for c, s, e in rows) + "\n"


# Self-defence: when armed attack by A on V then V may use-force against A.
SELF_DEFENCE = rule("sd", "51") + """
ncond(sd,1). cond(sd,1,"attack").
k0(sd,1). vpos(sd,"A",1,1). vpos(sd,"V",1,2).
norm(sd,perm). head_bearer(sd,var("V")). head_act(sd,val("use-force")). head_obj(sd,none). head_tgt(sd,var("A")).
"""

# Art 2(4): every member must not use-force against any state.
NO_FORCE = rule("nf", "2(4)") + """
ncond(nf,0). norm(nf,forb). head_bearer(nf,role("un")).
head_act(nf,val("use-force")). head_obj(nf,none). head_tgt(nf,any).
"""

# When matter within the domestic jurisdiction of S, the organization must not
# intervene against S -- RIDER enforcement action against S.
def domestic(rider: str) -> str:
    return rule("dj", "2(7)") + f"""
ncond(dj,1). cond(dj,1,"domestic"). k0(dj,1). vpos(dj,"S",1,1).
neg(dj,1,{rider},"enforcement"). nkx(dj,1,1,"S").
norm(dj,forb). head_bearer(dj,val("organization")). head_act(dj,val("intervene")).
head_obj(dj,none). head_tgt(dj,var("S")).
"""


# ------------------------------------------------------------------ time


def test_a_fact_lasts_until_an_event_ends_it():
    m = one(SELF_DEFENCE
            + fact("f1", "attack", "IRQ", "KWT", start=10)
            + fact("f2", "attack", "SYR", "ISR", start=12)
            # ends IRQ's attack on day 15
            + 'ends(ev1,"attack",15). eslot(ev1,1,"IRQ").\n'
            # too early for SYR's attack (it starts on day 12)
            + 'ends(ev2,"attack",5). eslot(ev2,1,"SYR").\n'
            # names another victim: does not match SYR's attack
            + 'ends(ev3,"attack",20). eslot(ev3,1,"SYR"). eslot(ev3,2,"XXX").\n')
    assert because(m, x="KWT") == {("perm", "KWT", "use-force", "none", "IRQ", 10, 15, "sd")}
    assert because(m, x="ISR") == {("perm", "ISR", "use-force", "none", "SYR", 12, INF, "sd")}
    assert len(atoms(m, "because")) == 2


def test_a_fact_ended_on_its_first_day_never_holds():
    m = one(SELF_DEFENCE + fact("f1", "attack", "IRQ", "KWT", start=10)
            + 'ends(ev1,"attack",10). eslot(ev1,1,"IRQ").\n')
    assert atoms(m, "because") == []


def test_an_act_lasts_one_day():
    m = one(NO_FORCE + members(("IRQ", 0, INF), ("KWT", 0, INF))
            + fact("f1", "act", "IRQ", "use-force", None, "KWT", start=30, stop=31))
    assert atoms(m, "violation") == [("f1", "forb", "IRQ", "use-force", "none", "KWT", 30, 31, "nf", "i")]


def test_rule_applies_from_the_charter_entry_into_force():
    text = SELF_DEFENCE.replace("rule_from(sd,0)", "rule_from(sd,50)") + fact("f1", "attack", "IRQ", "KWT", start=10)
    assert days(one(text), x="KWT") == {(50, INF)}


# ------------------------------------------------------------------ joins


JOINED = rule("cs", "51") + """
ncond(cs,2).
cond(cs,1,"attack"). k0(cs,1). vpos(cs,"A",1,1). vpos(cs,"V",1,2).
cond(cs,2,"request"). ka(cs,2,1,1,2).
norm(cs,perm). head_bearer(cs,val("USA")). head_act(cs,val("use-force")). head_obj(cs,none). head_tgt(cs,var("A")).
"""


def test_two_conditions_join_on_a_shared_variable():
    m = one(JOINED
            + fact("f1", "attack", "IRQ", "KWT", start=10)
            + fact("f2", "request", "KWT", start=20)
            + fact("f3", "request", "SAU", start=5))
    rows = atoms(m, "because")
    # only KWT's request joins the attack on KWT, from the later of the two days
    assert [r[:7] for r in rows] == [("perm", "USA", "use-force", "none", "IRQ", 20, INF)]
    assert rows[0][8] == "i(f1,f2)"


def test_a_join_without_partner_gives_nothing():
    m = one(JOINED + fact("f1", "attack", "IRQ", "KWT", start=10) + fact("f3", "request", "SAU", start=5))
    assert atoms(m, "because") == []


def test_a_joined_instance_ends_with_the_first_fact_that_ends():
    m = one(JOINED
            + fact("f1", "attack", "IRQ", "KWT", start=10)
            + fact("f2", "request", "KWT", start=20)
            + 'ends(ev1,"request",35). eslot(ev1,1,"KWT").\n')
    assert days(m) == {(20, 35)}


# ---- how each condition finds its facts (the k*/ck* facts of the compiler)
#
# "demand" facts: (organ, addressee, action, object, target). The norms below
# are read "when the council demands that X <a> against Y [and ...] then X may
# report against Y"; each test writes the lookup the compiler would choose.


def demand(fid: str, x: str, action: str, y: str, start: int = 10, organ: str = "council") -> str:
    return fact(fid, "demand", organ, x, action, None, y, start=start)


def demand_rule(rid: str, conds: str, n: int) -> str:
    return rule(rid, "9") + f"""
ncond({rid},{n}). {conds}
norm({rid},perm). head_bearer({rid},var("X")). head_act({rid},val("report")). head_obj({rid},none).
head_tgt({rid},var("Y")).
"""


def reported(m: set[Symbol]) -> set[tuple[str, str]]:
    return {(r[1], r[4]) for r in because(m)}


FIRST = 'cond(q,1,"demand"). kvv(q,1,1,"council",3,"a1"). vpos(q,"X",1,2). vpos(q,"Y",1,5).'


def test_the_first_condition_is_found_through_two_constants_and_checked():
    m = one(demand_rule("q", FIRST + ' ckv(q,1,5,"BBB").', 1)
            + demand("f1", "AAA", "a1", "BBB") + demand("f2", "AAA", "a2", "BBB")
            + demand("f3", "AAA", "a1", "CCC") + demand("f4", "AAA", "a1", "BBB", organ="assembly"))
    assert reported(m) == {("AAA", "BBB")}


def test_a_variable_repeated_in_one_condition_is_checked():
    m = one(demand_rule("q", 'cond(q,1,"demand"). kv(q,1,3,"a1"). vpos(q,"X",1,2). vpos(q,"Y",1,1).'
                        ' cka(q,1,5,1,2).', 1)
            + demand("f1", "AAA", "a1", "AAA", organ="ZZZ") + demand("f2", "CCC", "a1", "DDD", organ="ZZZ"))
    assert reported(m) == {("AAA", "ZZZ")}


@pytest.mark.parametrize("lookup", [
    # the answer, through a constant and a place of the first fact; the other shared place checked
    'kva(q,2,3,"a2",2,1,5). cka(q,2,5,1,2). ckv(q,2,1,"council").',
    # through the two shared places; the constants checked
    'kaa(q,2,2,1,5,5,1,2). ckv(q,2,3,"a2"). ckv(q,2,1,"council").',
    # through one shared place
    'ka(q,2,2,1,5). cka(q,2,5,1,2). ckv(q,2,3,"a2"). ckv(q,2,1,"council").',
])
def test_the_second_condition_is_looked_up_from_the_first(lookup):
    # when the council demands that X a1 against Y and that Y a2 against X
    m = one(demand_rule("q", FIRST + ' cond(q,2,"demand"). ' + lookup, 2)
            + demand("f1", "AAA", "a1", "BBB") + demand("f2", "BBB", "a2", "AAA", start=20)
            + demand("f3", "CCC", "a1", "DDD") + demand("f4", "DDD", "a2", "EEE")
            + demand("f5", "EEE", "a2", "CCC") + demand("f6", "DDD", "a3", "CCC"))
    assert reported(m) == {("AAA", "BBB")}
    assert {r[5] for r in because(m)} == {20}


def test_conditions_sharing_no_variable_pair_every_match():
    m = one(demand_rule("q", FIRST + ' cond(q,2,"demand"). kv(q,2,3,"a9").', 2)
            + demand("f1", "AAA", "a1", "BBB") + demand("f2", "CCC", "a1", "DDD")
            + demand("f3", "EEE", "a9", "FFF") + demand("f4", "GGG", "a9", "HHH"))
    assert len(atoms(m, "because")) == 4
    assert reported(m) == {("AAA", "BBB"), ("CCC", "DDD")}


def test_the_third_condition_is_looked_up_from_either_earlier_one():
    # when the council demands that X a1 against Y, that Y a2 against Z,
    # and that Z a3 against X
    conds = (FIRST + ' cond(q,2,"demand"). kva(q,2,3,"a2",2,1,5). ckv(q,2,1,"council"). vpos(q,"Z",2,5).'
             ' cond(q,3,"demand"). kaa(q,3,2,2,5,5,1,2). ckv(q,3,3,"a3"). ckv(q,3,1,"council").')
    m = one(demand_rule("q", conds, 3)
            + demand("f1", "AAA", "a1", "BBB") + demand("f2", "BBB", "a2", "CCC")
            + demand("f3", "CCC", "a3", "AAA", start=30) + demand("f4", "CCC", "a3", "DDD")
            + demand("f5", "BBB", "a2", "DDD"))
    assert reported(m) == {("AAA", "BBB")}
    assert atoms(m, "because")[0][8] == "i(f1,f2,f3)"


def test_a_fourth_condition_is_looked_up_and_its_values_read():
    # ... and that Z a3 against X (third), and that X a4 against W (fourth,
    # looked up through X; W is new and the head's target)
    conds = (FIRST + ' cond(q,2,"demand"). kva(q,2,3,"a2",2,1,5). ckv(q,2,1,"council").'
             ' cond(q,3,"demand"). kaa(q,3,2,2,5,5,1,2). ckv(q,3,3,"a3"). ckv(q,3,1,"council").'
             ' cond(q,4,"demand"). kva(q,4,3,"a4",2,1,2). ckv(q,4,1,"council"). vpos(q,"W",4,5).')
    rule4 = demand_rule("q", conds, 4).replace('head_tgt(q,var("Y"))', 'head_tgt(q,var("W"))')
    facts = (demand("f1", "AAA", "a1", "BBB") + demand("f2", "BBB", "a2", "CCC")
             + demand("f3", "CCC", "a3", "AAA") + demand("f4", "AAA", "a4", "EEE", start=40)
             + demand("f5", "BBB", "a4", "FFF"))
    m = one(rule4 + facts)
    assert because(m) == {("perm", "AAA", "report", "none", "EEE", 40, INF, "q")}
    assert atoms(m, "because")[0][8] == "i(f1,f2,f3,f4)"
    # without the fourth fact the rule does not apply
    assert because(one(rule4 + facts.replace('"a4"', '"a5"'))) == set()


@pytest.mark.parametrize("rider", [
    'nkvx(q,1,3,"a9",2,"Y"). nckx(q,1,5,"X"). nckv(q,1,1,"council").',
    'nkxx(q,1,2,"Y",5,"X"). nckv(q,1,3,"a9"). nckv(q,1,1,"council").',
    'nkx(q,1,2,"Y"). nckx(q,1,5,"X"). nckv(q,1,3,"a9"). nckv(q,1,1,"council").',
    'nkv(q,1,3,"a9"). nckx(q,1,2,"Y"). nckx(q,1,5,"X"). nckv(q,1,1,"council").',
])
def test_a_rider_is_looked_up_under_the_bindings(rider):
    # ... unless the council demands that Y a9 against X
    m = one(demand_rule("q", FIRST, 1) + f'neg(q,1,unless,"demand"). {rider}\n'
            + demand("f1", "AAA", "a1", "BBB") + demand("f2", "CCC", "a1", "DDD")
            + demand("f3", "BBB", "a9", "AAA", start=20)
            + demand("f4", "DDD", "a9", "EEE", start=20) + demand("f5", "EEE", "a9", "CCC", start=20))
    assert days(m, x="AAA") == {(10, 20)}
    assert days(m, x="CCC") == {(10, INF)}


# ------------------------------------------------------------------ unless / until


def test_unless_suspends_a_norm_while_the_fact_holds():
    m = one(domestic("unless")
            + fact("f1", "domestic", "IRQ", start=10)
            + fact("f2", "enforcement", "IRQ", start=20)
            + 'ends(ev1,"enforcement",30). eslot(ev1,1,"IRQ").\n'
            # enforcement against another state does not matter
            + fact("f3", "enforcement", "SYR", start=15))
    assert days(m, y="IRQ") == {(10, 20), (30, INF)}


def test_unless_that_holds_from_before_the_norm():
    m = one(domestic("unless")
            + fact("f1", "domestic", "IRQ", start=10)
            + fact("f2", "enforcement", "IRQ", start=5)
            + 'ends(ev1,"enforcement",25). eslot(ev1,1,"IRQ").\n')
    assert days(m, y="IRQ") == {(25, INF)}


def test_until_stops_a_norm_for_good():
    m = one(domestic("until")
            + fact("f1", "domestic", "IRQ", start=10)
            + fact("f2", "enforcement", "IRQ", start=20)
            + 'ends(ev1,"enforcement",30). eslot(ev1,1,"IRQ").\n'
            + fact("f3", "enforcement", "SYR", start=15))
    assert days(m, y="IRQ") == {(10, 20)}


@pytest.mark.parametrize("rider", ["unless", "until"])
def test_explaining_names_the_rider_facts_and_the_ends(rider):
    facts = (domestic(rider) + fact("f1", "domestic", "IRQ", start=10) + fact("f2", "enforcement", "IRQ", start=20)
             + 'ends(ev1,"enforcement",30). eslot(ev1,1,"IRQ").\n' + fact("f3", "enforcement", "SYR", start=15))
    assert not atoms(one(facts), "rider_hit") and not atoms(one(facts), "fact_end"), "only when explaining"
    m = one(facts + "explaining.\n")
    # rule dj, its instance on f1, rider 1, the rider's fact f2 holding on [20,30)
    assert atoms(m, "rider_hit") == [("dj", "i(f1)", 1, 20, 30, "f2")]
    assert atoms(m, "fact_end") == [("f2", 30)]


def test_an_until_fact_from_before_the_situation_is_no_hit():
    m = one(domestic("until") + fact("f1", "domestic", "IRQ", start=10) + fact("f2", "enforcement", "IRQ", start=5)
            + "explaining.\n")
    assert atoms(m, "rider_hit") == []
    assert days(m, y="IRQ") == {(10, INF)}


def test_until_counts_only_once_the_situation_has_arisen():
    m = one(domestic("until")
            + fact("f1", "domestic", "IRQ", start=10)
            + fact("f2", "enforcement", "IRQ", start=5))
    assert days(m, y="IRQ") == {(10, INF)}


# ------------------------------------------------------------------ bearers


REPORT_ALL = rule("ra", "1", start=10) + """
ncond(ra,0). norm(ra,obl). head_bearer(ra,role("un")).
head_act(ra,val("report")). head_obj(ra,none). head_tgt(ra,none).
"""


def test_a_role_bearer_follows_dated_membership():
    m = one(REPORT_ALL
            + members(("AAA", 0, INF), ("BBB", 50, INF), ("CCC", 0, 40), ("EEE", 0, 5))
            + members(("DDD", 0, INF), org="other"))
    assert {row[1]: (row[5], row[6]) for row in because(m)} == {
        "AAA": (10, INF),     # from the rule's start
        "BBB": (50, INF),     # admitted later: from its admission
        "CCC": (10, 40),      # membership ended
    }                         # EEE left before the rule began; DDD is in another organisation


def test_a_member_with_two_spells_of_membership():
    m = one(REPORT_ALL + members(("IDN", 0, 20), ("IDN", 30, INF)))
    assert days(m, x="IDN") == {(10, 20), (30, INF)}


def test_other_than_excludes_bound_and_named_states():
    text = rule("ap", "41") + """
ncond(ap,1). cond(ap,1,"enforcement"). k0(ap,1). vpos(ap,"T",1,1).
norm(ap,obl). head_bearer(ap,role("un")). head_except(ap,var("T")). head_except(ap,val("AAA")).
head_act(ap,val("apply")). head_obj(ap,none). head_tgt(ap,var("T")).
""" + members(("AAA", 0, INF), ("BBB", 0, INF), ("IRQ", 0, INF)) + fact("f1", "enforcement", "IRQ", start=20)
    m = one(text)
    assert because(m) == {("obl", "BBB", "apply", "none", "IRQ", 20, INF, "ap")}


# ------------------------------------------------------------------ any state


def test_any_state_is_spelt_out_for_targets_in_play():
    m = one(NO_FORCE + members(("AAA", 0, INF), ("IRQ", 0, INF), ("KWT", 0, INF))
            + fact("f1", "act", "IRQ", "use-force", None, "KWT", start=30, stop=31))
    towards_kwt = {row[1] for row in because(m, y="KWT")}
    assert towards_kwt == {"AAA", "IRQ"}          # never towards oneself
    assert {row[1] for row in because(m, y="any")} == {"AAA", "IRQ", "KWT"}
    assert because(m, y="AAA") == set()           # AAA is not in play
    assert because(m, x="AAA", y="KWT") == {("forb", "AAA", "use-force", "none", "KWT", 0, INF, "nf")}


# ------------------------------------------------------------------ defeat


EXCEPTION = NO_FORCE + SELF_DEFENCE + 'overrides(sd,art("t","2(4)")).\n' + members(("IRQ", 0, INF), ("KWT", 0, INF))


def test_an_explicit_exception_defeats_the_prohibition():
    m = one(EXCEPTION
            + fact("fa", "attack", "IRQ", "KWT", start=30)
            + 'ends(ev1,"attack",60). eslot(ev1,1,"IRQ").\n')
    assert because(m, x="KWT", y="IRQ") == {
        ("forb", "KWT", "use-force", "none", "IRQ", 0, 30, "nf"),
        ("perm", "KWT", "use-force", "none", "IRQ", 30, 60, "sd"),
        ("forb", "KWT", "use-force", "none", "IRQ", 60, INF, "nf"),
    }
    assert atoms(m, "defeated") == [
        ("nf", "i", "KWT", "use-force", "none", "IRQ", 30, 60, "sd", "i(fa)", "exception")]
    assert atoms(m, "conflict") == []


def test_a_violation_on_a_forbidden_day_and_none_on_a_permitted_day():
    m = one(EXCEPTION
            + fact("fa", "attack", "IRQ", "KWT", start=30)
            + 'ends(ev1,"attack",60). eslot(ev1,1,"IRQ").\n'
            + fact("k1", "act", "KWT", "use-force", None, "IRQ", start=40, stop=41)
            + fact("k2", "act", "KWT", "use-force", None, "IRQ", start=70, stop=71)
            + fact("i1", "act", "IRQ", "use-force", None, "KWT", start=30, stop=31))
    got = {(v[0], v[2], v[6]) for v in atoms(m, "violation")}
    assert got == {("k2", "KWT", 70), ("i1", "IRQ", 30)}
    assert all(v[1] == "forb" and v[8] == "nf" for v in atoms(m, "violation"))


def test_the_exception_does_not_reach_other_targets():
    m = one(EXCEPTION + fact("fa", "attack", "IRQ", "KWT", start=30)
            + fact("k1", "act", "KWT", "use-force", None, "SAU", start=40, stop=41))
    assert [(v[0], v[5]) for v in atoms(m, "violation")] == [("k1", "SAU")]


LEX = """
rule(ra,art("a","1")). rule_charter(ra,"a"). rule_layer(ra,1). rule_from(ra,0).
ncond(ra,0). norm(ra,obl). head_bearer(ra,val("FRA")). head_act(ra,val("apply")). head_obj(ra,val("embargo")).
head_tgt(ra,val("IRQ")).
rule(rb,art("b","7")). rule_charter(rb,"b"). rule_layer(rb,1). rule_from(rb,20).
ncond(rb,0). norm(rb,forb). head_bearer(rb,val("FRA")). head_act(rb,val("apply")). head_obj(rb,val("embargo")).
head_tgt(rb,val("IRQ")).
"""


def test_lex_superior_between_charters():
    m = one(LEX + 'prevails_charter("a",lex_superior).\n')
    # what wins holds as it is said; what loses is reported as defeated
    assert because(m) == {("obl", "FRA", "apply", "embargo", "IRQ", 0, INF, "ra")}
    assert atoms(m, "defeated") == [
        ("rb", "i", "FRA", "apply", "embargo", "IRQ", 20, INF, "ra", "i", "lex_superior")]
    assert atoms(m, "conflict") == []


def test_an_unresolved_conflict_is_reported_not_fatal():
    m = one(LEX
            # an act and an omission on the same day: one breaks each rule
            + fact("x1", "act", "FRA", "apply", "embargo", "IRQ", start=25, stop=26)
            + fact("x2", "omission", "FRA", "apply", "embargo", "IRQ", start=25, stop=26))
    assert atoms(m, "conflict") == [("FRA", "apply", "embargo", "IRQ", 20, INF, "ra", "i", "rb", "i")]
    # both rules hold, each as it says; the clash is over the days they share
    assert because(m) == {("obl", "FRA", "apply", "embargo", "IRQ", 0, INF, "ra"),
                          ("forb", "FRA", "apply", "embargo", "IRQ", 20, INF, "rb")}
    assert {(v[0], v[1]) for v in atoms(m, "violation")} == {("x1", "forb"), ("x2", "obl")}
    assert atoms(m, "defeated") == []


# a permission of charter a's article 42 against charter b's prohibition
PERM = LEX.replace("norm(ra,obl)", "norm(ra,perm)").replace('art("a","1")', 'art("a","42")')


def test_lex_superior_leaves_a_permission_to_its_own_article_unless_declared():
    # `this charter prevails`: its obligations and prohibitions, not its permissions
    m = one(PERM + 'prevails_charter("a",lex_superior).\n')
    assert atoms(m, "defeated") == []
    assert {r[0] for r in because(m)} == {"perm", "forb"}


def test_declared_permissions_prevail_on_the_reading_named():
    guarded = PERM + ('prevails_perm(art("a","42"),lex_superior). '
                      'prevails_perm_guard(art("a","42"),"IS-S",yes).\n'
                      'switch("IS-S"). position("IS-S",yes). position("IS-S",no).\n')
    models = {next(py(a.arguments[1]) for a in m if a.name == "sw"): m for m in solve(guarded)}
    assert set(models) == {"yes", "no"}
    assert atoms(models["yes"], "defeated") == [
        ("rb", "i", "FRA", "apply", "embargo", "IRQ", 20, INF, "ra", "i", "lex_superior")]
    assert {r[0] for r in because(models["yes"])} == {"perm"}
    assert atoms(models["no"], "defeated") == []
    assert {r[0] for r in because(models["no"])} == {"perm", "forb"}
    # the reading matters here, so the switch is engaged
    assert all(any(a.name == "engaged" and py(a.arguments[0]) == "IS-S" for a in m) for m in models.values())
    # without a guard, on every reading
    m = one(PERM + 'prevails_perm(art("a","42"),lex_superior).\n')
    assert [d[-1] for d in atoms(m, "defeated")] == ["lex_superior"]


# rb speaks of "trade" embargo, which cannot be done together with "apply"
INCOMPATIBLE = LEX.replace('head_act(rb,val("apply"))', 'head_act(rb,val("trade"))') + \
    'incompatible("trade","apply").\n'


@pytest.mark.parametrize("modality", ["perm", "obl", "rec"])
def test_a_superior_duty_overrides_what_is_said_of_an_incompatible_act(modality):
    m = one(INCOMPATIBLE.replace("norm(rb,forb)", f"norm(rb,{modality})") + 'prevails_charter("a",lex_superior).\n')
    assert atoms(m, "defeated") == [
        ("rb", "i", "FRA", "trade", "embargo", "IRQ", 20, INF, "ra", "i", 'via(lex_superior,"apply")')]
    assert because(m) == {("obl", "FRA", "apply", "embargo", "IRQ", 0, INF, "ra")}
    assert atoms(m, "conflict") == []


def test_a_prohibition_of_the_incompatible_act_is_no_clash():
    m = one(INCOMPATIBLE + 'prevails_charter("a",lex_superior).\n')
    assert atoms(m, "defeated") == [] and atoms(m, "conflict") == []
    assert {r[0] for r in because(m)} == {"obl", "forb"}


def test_duties_to_do_incompatible_acts_are_a_conflict():
    m = one(INCOMPATIBLE.replace("norm(rb,forb)", "norm(rb,obl)"))
    assert atoms(m, "conflict") == [("FRA", "apply", "embargo", "IRQ", 20, INF, "ra", "i", "rb", "i")]
    assert atoms(m, "clash_via") == [("FRA", "apply", "embargo", "IRQ", "rb", "i", "trade")]
    # other targets are other acts: no clash
    m = one(INCOMPATIBLE.replace("norm(rb,forb)", "norm(rb,obl)").replace('head_tgt(rb,val("IRQ"))',
                                                                          'head_tgt(rb,val("KWT"))'))
    assert atoms(m, "conflict") == []


def test_lex_superior_does_not_apply_within_one_charter():
    m = one(LEX.replace('"b"', '"a"') + 'prevails_charter("a",lex_superior).\n')
    assert len(atoms(m, "conflict")) == 1
    assert atoms(m, "defeated") == []


def test_article_priority_lex_specialis():
    m = one(LEX + 'prevails_article(art("b","7"),art("a","1"),lex_specialis).\n')
    assert atoms(m, "defeated") == [
        ("ra", "i", "FRA", "apply", "embargo", "IRQ", 20, INF, "rb", "i", "lex_specialis")]
    # the duty holds until the prohibition begins, and not after
    assert because(m) == {("obl", "FRA", "apply", "embargo", "IRQ", 0, 20, "ra"),
                          ("forb", "FRA", "apply", "embargo", "IRQ", 20, INF, "rb")}


def test_a_saying_beaten_on_separate_stretches_holds_between_them():
    # rb (forbidding, from day 20) is an exception to article 1 only while its
    # two instances hold: [20,30) and [25,40) overlap, [60,70) stands apart
    text = LEX.replace("ncond(rb,0).", 'ncond(rb,1). cond(rb,1,"request"). k0(rb,1).') \
        + 'overrides(rb,art("a","1")).\n' \
        + fact("q1", "request", "AAA", start=20) + 'ends(e1,"request",30). eslot(e1,1,"AAA").\n' \
        + fact("q2", "request", "BBB", start=25) + 'ends(e2,"request",40). eslot(e2,1,"BBB").\n' \
        + fact("q3", "request", "CCC", start=60) + 'ends(e3,"request",70). eslot(e3,1,"CCC").\n'
    m = one(text)
    assert days(m, m="obl") == {(0, 20), (40, 60), (70, INF)}
    assert sorted((d[6], d[7], d[9]) for d in atoms(m, "defeated")) == [(20, 30, "i(q1)"), (25, 40, "i(q2)"),
                                                                       (60, 70, "i(q3)")]


# ------------------------------------------------------------------ switches


SWITCHED = """
switch("IS-X"). position("IS-X","a"). position("IS-X","b").
""" + rule("ob", "1") + """
ncond(ob,0). rguard(ob,"IS-X","a"). norm(ob,obl). head_bearer(ob,val("FRA")).
head_act(ob,val("report")). head_obj(ob,none). head_tgt(ob,none).
""" + domestic("until") + 'nguard(dj,1,"IS-X","b").\n' + fact("f1", "domestic", "IRQ", start=10) \
    + fact("f2", "enforcement", "IRQ", start=20)


def position(model: set[Symbol]) -> str:
    (sw,) = [s for s in model if s.name == "sw"]
    return sw.arguments[1].string


def test_a_switch_gives_one_answer_set_per_position():
    models = solve(SWITCHED)
    assert sorted(position(m) for m in models) == ["a", "b"]
    by = {position(m): m for m in models}
    assert because(by["a"], x="FRA") == {("obl", "FRA", "report", "none", "none", 0, INF, "ob")}
    assert because(by["b"], x="FRA") == set()
    # the `until` rider counts only under position b
    assert days(by["a"], x="organization") == {(10, INF)}
    assert days(by["b"], x="organization") == {(10, 20)}


def test_a_fixed_position_leaves_one_answer_set():
    (m,) = solve(SWITCHED, fixed={"IS-X": "b"})
    assert position(m) == "b"
    assert because(m, x="FRA") == set()


# ------------------------------------------------------------------ layers


def test_counts_as_feeds_a_norm_in_the_next_layer():
    text = rule("ca", "41", layer=1) + """
ncond(ca,1). cond(ca,1,"measures"). k0(ca,1). vpos(ca,"T",1,1).
counts(ca,"enforcement"). head_slot(ca,1,var("T")).
""" + rule("ga", "2(5)", layer=2) + """
ncond(ga,1). cond(ga,1,"enforcement"). k0(ga,1). vpos(ga,"T",1,1).
norm(ga,forb). head_bearer(ga,role("un")). head_except(ga,var("T")).
head_act(ga,val("give-assistance")). head_obj(ga,none). head_tgt(ga,var("T")).
""" + members(("FRA", 0, INF), ("IRQ", 0, INF)) + fact("f1", "measures", "IRQ", start=20) \
        + 'ends(ev1,"measures",40). eslot(ev1,1,"IRQ").\n'
    m = one(text, top=2)
    rows = atoms(m, "because")
    assert [r[:8] for r in rows] == [("forb", "FRA", "give-assistance", "none", "IRQ", 20, 40, "ga")]
    # the instance names the derived fact: d(rule, its instance, its start)
    assert rows[0][8] == "i(d(ca,i(f1),20))"


def test_a_counts_as_rule_on_one_reading_derives_only_under_it():
    """Less grave force counts as an armed attack under IS-X=b only; the
    self-defence norm reads the armed attack in the layer above."""
    text = 'switch("IS-X"). position("IS-X","a"). position("IS-X","b").\n' + rule("lf", "51", layer=1) + """
ncond(lf,1). cond(lf,1,"lesser_force"). k0(lf,1). vpos(lf,"A",1,1). vpos(lf,"V",1,2).
counts(lf,"attack"). rguard(lf,"IS-X","b").
head_slot(lf,1,var("A")). head_slot(lf,2,var("V")). head_slot(lf,3,none).
""" + rule("sd", "51", layer=2) + """
ncond(sd,1). cond(sd,1,"attack"). k0(sd,1). vpos(sd,"A",1,1). vpos(sd,"V",1,2).
norm(sd,perm). head_bearer(sd,var("V")). head_act(sd,val("use-force")). head_obj(sd,none). head_tgt(sd,var("A")).
""" + fact("f1", "lesser_force", "IRN", "USA", None, start=30)
    by = {position(m): m for m in solve(text, top=2)}
    assert sorted(by) == ["a", "b"]
    assert because(by["b"], x="USA") == {("perm", "USA", "use-force", "none", "IRN", 30, INF, "sd")}
    assert because(by["a"], x="USA") == set()
    # the switch is engaged where the rule it guards applies to something
    assert (atoms(by["a"], "engaged"), atoms(by["b"], "engaged")) == ([], [("IS-X",)])


def test_history_never_makes_the_program_unsatisfiable():
    """Everything at once: conflicts, violations of both kinds, defeats."""
    models = solve(EXCEPTION + LEX
                   + fact("fa", "attack", "IRQ", "KWT", start=30)
                   + fact("i1", "act", "IRQ", "use-force", None, "KWT", start=30, stop=31)
                   + fact("x1", "act", "FRA", "apply", "embargo", "IRQ", start=25, stop=26)
                   + fact("x2", "omission", "FRA", "apply", "embargo", "IRQ", start=25, stop=26))
    assert len(models) == 1
    m = models[0]
    assert atoms(m, "conflict") and atoms(m, "violation") and atoms(m, "defeated")
