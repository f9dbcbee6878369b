"""The ASP encodings on their own (rules/base.lp, norms.lp, voting.lp, final.lp).

No parser and no compiler: each test writes semantic facts -- what the
generated rules of a compiled charter would derive (`inst/6`: a norm applies
in an instance resting on these facts, to this bearer, for this act;
`hit/4`: a rider's fact is met; `derives/2`: a "counts as" rule applies) and
the facts of a scenario (`fact/3` with the kind's own predicate, `fl_kill/2`
for an event that ends a fact) -- grounds them with the rule files exactly
as pyrule.solve does, and looks at the shown atoms: because/9, defeated/11,
violation/10, conflict/10 and sw/2.

Days are small numbers here; 1000 stands for "no end" (horizon)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from clingo.symbol import Symbol, SymbolType

from pyrule.solve import ground

INF = 1000


def solve(facts: str, fixed: dict[str, str] | None = None) -> list[set[Symbol]]:
    """All answer sets (shown atoms) of the facts with the rule files."""
    program = SimpleNamespace(text=lambda: f"horizon({INF}).\n{facts}\n", statements=list, cached_rules=None)
    ctl = ground(program, fixed)
    ctl.configuration.solve.models = 0  # type: ignore[union-attr]
    models: list[set[Symbol]] = []
    ctl.solve(on_model=lambda m: models.append(set(m.symbols(shown=True))))
    return models


def one(facts: str) -> set[Symbol]:
    models = solve(facts)
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


# ------------------------------------------------------------------ semantic facts


def rule(rid: str, article: str, modality: str | None = None, charter: str = "t", start: int = 0) -> str:
    """A rule of an article of a charter in force from `start` (a norm of the
    given modality, or a "counts as" rule)."""
    out = f'rule({rid},art("{charter}","{article}")). rule_charter({rid},"{charter}"). rule_from({rid},{start}). '
    return out + (f"norm({rid},{modality}).\n" if modality else "\n")


def q(v) -> str:
    return "none" if v is None else "any" if v == "any" else f'"{v}"'


def inst(rid: str, facts: str, bearer: str, action: str, target=None, obj=None) -> str:
    """Norm `rid` applies in the instance resting on `facts` (space-separated
    ids) to `bearer` (a code, or role(ORG)) for `action` towards `target`."""
    items = "nil"
    for f in reversed(facts.split()):
        items = f"c({f},{items})"
    who = bearer if bearer.startswith("role(") else f'one("{bearer}")'
    return f'inst({rid},{items},{who},"{action}",{q(obj)},{q(target)}).\n'


def fact(fid: str, kind: str, *args, start: int, stop: int | None = None) -> str:
    out = f'fact({fid},"{kind}",{start}). f_{kind}({fid},{",".join(q(a) for a in args)}). '
    if stop is not None:
        out += f"fl_stop({fid},{stop})."
    return out + "\n"


def ended(fid: str, on: int) -> str:
    """An event of the scenario ends the fact on day `on`."""
    return f"fl_kill({fid},{on}).\n"


def members(*rows: tuple[str, int, int], org: str = "un") -> str:
    return "".join(f'member("{c}","{org}",{s},{e}). ' for c, s, e in rows) + "\n"


# Self-defence ("when armed attack by A on V then V may use-force against A"),
# applied to the attacks f1 (IRQ on KWT) and f2 (SYR on ISR).
SELF_DEFENCE = (rule("sd", "51", "perm") + inst("sd", "f1", "KWT", "use-force", "IRQ")
                + inst("sd", "f2", "ISR", "use-force", "SYR"))

# Art 2(4): every member must not use-force against any state.
NO_FORCE = rule("nf", "2(4)", "forb") + inst("nf", "", "role(\"un\")", "use-force", "any")


# "When matter within the domestic jurisdiction of S, the organization must
# not intervene against S -- RIDER enforcement action against S": applied to
# IRQ's domestic matter f1; the rider met by f2 (enforcement against IRQ).
def domestic(rider: str) -> str:
    return (rule("dj", "2(7)", "forb") + f"rider(dj,1,{rider}).\n"
            + inst("dj", "f1", "organization", "intervene", "IRQ") + "hit(dj,c(f1,nil),1,f2).\n")


# ------------------------------------------------------------------ time


def test_a_fact_lasts_until_an_event_ends_it():
    m = one(SELF_DEFENCE
            + fact("f1", "attack", "IRQ", "KWT", None, start=10) + ended("f1", 15)
            + fact("f2", "attack", "SYR", "ISR", None, start=12))
    assert because(m, x="KWT") == {("perm", "KWT", "use-force", "none", "IRQ", 10, 15, "sd")}
    assert because(m, x="ISR") == {("perm", "ISR", "use-force", "none", "SYR", 12, INF, "sd")}
    assert len(atoms(m, "because")) == 2


def test_the_first_event_that_ends_a_fact_counts():
    m = one(SELF_DEFENCE + fact("f1", "attack", "IRQ", "KWT", None, start=10) + ended("f1", 25) + ended("f1", 15))
    assert days(m, x="KWT") == {(10, 15)}


def test_a_fact_ended_on_its_first_day_never_holds():
    m = one(SELF_DEFENCE + fact("f1", "attack", "IRQ", "KWT", None, start=10) + ended("f1", 10)
            + fact("f2", "attack", "SYR", "ISR", None, start=10) + ended("f2", 11))
    # f2, ended a day later, holds for that day; f1 never does
    assert because(m) == {("perm", "ISR", "use-force", "none", "SYR", 10, 11, "sd")}


def test_an_act_lasts_one_day():
    m = one(NO_FORCE + members(("IRQ", 0, INF), ("KWT", 0, INF))
            + fact("f1", "act", "IRQ", "use-force", None, "KWT", start=30, stop=31))
    assert atoms(m, "violation") == [("f1", "forb", "IRQ", "use-force", "none", "KWT", 30, 31, "nf", "nil")]


def test_rule_applies_from_the_charter_entry_into_force():
    text = SELF_DEFENCE.replace("rule_from(sd,0)", "rule_from(sd,50)") + fact("f1", "attack", "IRQ", "KWT", None,
                                                                               start=10)
    assert days(one(text), x="KWT") == {(50, INF)}


def test_a_clause_is_a_fact_only_if_its_text_is_adopted():
    # a Council of one seat deciding by one vote; f1 is a clause of D1 (adopted), f2 of D2 (not)
    council = ('quota("c",other,count(1),0,1000,art("t","27")). member("AAA","seats",0,1000). '
               'vote("D1","c",10). vote_kind("D1",other). ballot(actual,"D1","AAA",yes). '
               'vote("D2","c",12). vote_kind("D2",other). ballot(actual,"D2","AAA",no).\n')
    m = one(SELF_DEFENCE + council
            + fact("f1", "attack", "IRQ", "KWT", None, start=10) + 'clause_of(f1,"D1").\n'
            + fact("f2", "attack", "SYR", "ISR", None, start=12) + 'clause_of(f2,"D2").\n')
    assert atoms(m, "decision") == [("D1", "adopted"), ("D2", "failed")]
    assert {row[1] for row in because(m)} == {"KWT"}


# ------------------------------------------------------------------ instances


def test_an_instance_holds_while_all_its_facts_do():
    # (a norm with two conditions: from the later start to the earlier end)
    m = one(rule("cs", "51", "perm") + inst("cs", "f1 f2", "USA", "use-force", "IRQ")
            + fact("f1", "attack", "IRQ", "KWT", None, start=10) + ended("f1", 40)
            + fact("f2", "request", "KWT", start=20) + ended("f2", 35))
    assert days(m) == {(20, 35)}
    assert atoms(m, "because")[0][8] == "c(f1,c(f2,nil))"


def test_an_instance_whose_facts_never_hold_together_gives_nothing():
    m = one(rule("cs", "51", "perm") + inst("cs", "f1 f2", "USA", "use-force", "IRQ")
            + fact("f1", "attack", "IRQ", "KWT", None, start=10) + ended("f1", 20)
            + fact("f2", "request", "KWT", start=20))
    assert atoms(m, "because") == []
    # the same instance with the request a day earlier holds on the day they share
    m = one(rule("cs", "51", "perm") + inst("cs", "f1 f2", "USA", "use-force", "IRQ")
            + fact("f1", "attack", "IRQ", "KWT", None, start=10) + ended("f1", 20)
            + fact("f2", "request", "KWT", start=19))
    assert days(m) == {(19, 20)}


def test_an_instance_of_many_facts():
    facts = "".join(fact(f"f{k}", "request", f"S{k}", start=10 * k) for k in range(1, 7))
    m = one(rule("many", "1", "perm") + inst("many", "f1 f2 f3 f4 f5 f6", "USA", "report") + facts
            + ended("f3", 100))
    assert days(m) == {(60, 100)}


# ------------------------------------------------------------------ unless / until


def test_unless_suspends_a_norm_while_the_fact_holds():
    m = one(domestic("unless")
            + fact("f1", "domestic", "IRQ", start=10)
            + fact("f2", "enforcement", "IRQ", start=20) + ended("f2", 30))
    assert days(m, y="IRQ") == {(10, 20), (30, INF)}


def test_unless_that_holds_from_before_the_norm():
    m = one(domestic("unless")
            + fact("f1", "domestic", "IRQ", start=10)
            + fact("f2", "enforcement", "IRQ", start=5) + ended("f2", 25))
    assert days(m, y="IRQ") == {(25, INF)}


def test_two_unless_riders_holding_apart_and_together():
    text = (domestic("unless") + "hit(dj,c(f1,nil),1,f3). hit(dj,c(f1,nil),1,f4).\n"
            + fact("f1", "domestic", "IRQ", start=10)
            + fact("f2", "enforcement", "IRQ", start=20) + ended("f2", 30)
            + fact("f3", "enforcement", "IRQ", start=25) + ended("f3", 35)
            + fact("f4", "enforcement", "IRQ", start=50) + ended("f4", 60))
    assert days(one(text), y="IRQ") == {(10, 20), (35, 50), (60, INF)}


def test_until_stops_a_norm_for_good():
    m = one(domestic("until")
            + fact("f1", "domestic", "IRQ", start=10)
            + fact("f2", "enforcement", "IRQ", start=20) + ended("f2", 30))
    assert days(m, y="IRQ") == {(10, 20)}


@pytest.mark.parametrize("rider", ["unless", "until"])
def test_explaining_names_the_rider_facts_and_the_ends(rider):
    facts = (domestic(rider) + fact("f1", "domestic", "IRQ", start=10) + fact("f2", "enforcement", "IRQ", start=20)
             + ended("f2", 30) + fact("f3", "enforcement", "SYR", start=15))
    assert not atoms(one(facts), "rider_hit") and not atoms(one(facts), "fact_end"), "only when explaining"
    m = one(facts + "explaining.\n")
    # rule dj, its instance on f1, rider 1, the rider's fact f2 holding on [20,30)
    assert atoms(m, "rider_hit") == [("dj", "c(f1,nil)", 1, 20, 30, "f2")]
    assert atoms(m, "fact_end") == [("f2", 30)]


def test_an_until_fact_from_before_the_situation_is_no_hit():
    m = one(domestic("until") + fact("f1", "domestic", "IRQ", start=10) + fact("f2", "enforcement", "IRQ", start=5)
            + "explaining.\n")
    assert atoms(m, "rider_hit") == []
    assert days(m, y="IRQ") == {(10, INF)}


def test_until_counts_from_the_earliest_fact_of_the_instance():
    # the situation arose with f1 (day 10); the rider's fact (day 15) comes
    # after it, though before the instance's other fact (day 20)
    text = (rule("cs", "51", "perm") + "rider(cs,1,until).\n" + inst("cs", "f1 f3", "USA", "use-force", "IRQ")
            + "hit(cs,c(f1,c(f3,nil)),1,f2).\n"
            + fact("f1", "attack", "IRQ", "KWT", None, start=10) + fact("f3", "request", "KWT", start=20)
            + fact("f2", "enforcement", "IRQ", start=15))
    assert days(one(text)) == set()
    # without the rider met, the instance holds from its later fact on
    assert days(one(text.replace("hit(cs,c(f1,c(f3,nil)),1,f2).\n", ""))) == {(20, INF)}


# `until N days|months after P` (rider_after/4). Days are ordinals of the
# proleptic Gregorian calendar, so small numbers are days of the years 1-3:
# day 31 is 31 January of the year 1 (not a leap year), day 59 28 February.


@pytest.mark.parametrize("count, unit, rider_day, stop", [
    (14, "days", 20, 35),       # the rider's day not counted: days 21-34, and 34 still held; stops on 35
    (1, "months", 31, 60),      # 31 January + 1 month: 28 February (no 31st), held; stops 1 March
    (1, "months", 15, 47),      # 15 January + 1 month: 15 February (day 46), held; stops on 47
    (12, "months", 31, 397),    # a year: 31 January of the year 2 (day 396), held; stops on 397
])
def test_until_a_period_after_a_fact(count, unit, rider_day, stop):
    m = one(domestic("until") + f"rider_after(dj,1,{count},{unit}).\n"
            + fact("f1", "domestic", "IRQ", start=10) + fact("f2", "enforcement", "IRQ", start=rider_day)
            + "explaining.\n")
    assert days(m, y="IRQ") == {(10, stop)}
    # the explanation names the day the rider stopped the norm, not the fact's
    assert atoms(m, "rider_hit") == [("dj", "c(f1,nil)", 1, stop, INF, "f2")]


def test_a_period_after_a_fact_from_before_the_situation_counts_for_nothing():
    m = one(domestic("until") + "rider_after(dj,1,3,days).\n"
            + fact("f1", "domestic", "IRQ", start=10) + fact("f2", "enforcement", "IRQ", start=8))
    assert days(m, y="IRQ") == {(10, INF)}


def test_the_first_of_two_clocks_ends_the_norm():
    # rider 1: 10 days after f2 (day 20: stops 31); rider 2: 5 days after f3 (day 22: stops 28)
    text = (rule("dj", "2(7)", "forb") + "rider(dj,1,until). rider(dj,2,until).\n"
            + "rider_after(dj,1,10,days). rider_after(dj,2,5,days).\n"
            + inst("dj", "f1", "organization", "intervene", "IRQ")
            + "hit(dj,c(f1,nil),1,f2). hit(dj,c(f1,nil),2,f3).\n"
            + fact("f1", "domestic", "IRQ", start=10) + fact("f2", "enforcement", "IRQ", start=20)
            + fact("f3", "enforcement", "IRQ", start=22))
    assert days(one(text), y="IRQ") == {(10, 28)}
    # a clock that would end the norm after its own last day changes nothing
    assert days(one(text + ended("f1", 25)), y="IRQ") == {(10, 25)}


def test_a_plain_until_beside_a_clock_still_ends_the_norm_on_its_day():
    text = (rule("dj", "2(7)", "forb") + "rider(dj,1,until). rider(dj,2,until). rider_after(dj,1,30,days).\n"
            + inst("dj", "f1", "organization", "intervene", "IRQ")
            + "hit(dj,c(f1,nil),1,f2). hit(dj,c(f1,nil),2,f2).\n"
            + fact("f1", "domestic", "IRQ", start=10) + fact("f2", "enforcement", "IRQ", start=20))
    assert days(one(text), y="IRQ") == {(10, 20)}


def test_months_after_the_last_day_of_the_calendar_stays_there():
    import datetime as dt

    from clingo.symbol import Number

    from pyrule.solve import _CALENDAR
    last = dt.date.max.toordinal()
    assert _CALENDAR.months_after(Number(last), Number(1)).number == last
    assert _CALENDAR.months_after(Number(dt.date(2024, 1, 31).toordinal()), Number(1)).number \
        == dt.date(2024, 2, 29).toordinal()      # a leap year
    assert _CALENDAR.months_after(Number(dt.date(2023, 11, 30).toordinal()), Number(3)).number \
        == dt.date(2024, 2, 29).toordinal()      # across a year's end


# ------------------------------------------------------------------ bearers


REPORT_ALL = rule("ra", "1", "obl", start=10) + inst("ra", "", 'role("un")', "report")


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


def test_other_than_excludes_the_states_named():
    text = (rule("ap", "41", "obl") + inst("ap", "f1", 'role("un")', "apply", "IRQ")
            + 'except(ap,c(f1,nil),"IRQ"). except(ap,c(f1,nil),"AAA").\n'
            + members(("AAA", 0, INF), ("BBB", 0, INF), ("IRQ", 0, INF)) + fact("f1", "enforcement", "IRQ", start=20))
    assert because(one(text)) == {("obl", "BBB", "apply", "none", "IRQ", 20, INF, "ap")}


def test_a_clause_addressed_to_a_group_has_no_actor_of_its_own():
    text = ('group("members"). group("states").\n'
            + rule("dm", "25", "obl") + inst("dm", "f1", "members", "apply", "IRQ")
            + inst("dm", "f1", "states", "apply", "IRQ") + inst("dm", "f1", "FRA", "apply", "IRQ")
            + fact("f1", "enforcement", "IRQ", start=20))
    assert {r[1] for r in because(one(text))} == {"FRA"}


def test_no_one_holds_a_position_towards_itself():
    m = one(rule("sv", "1", "perm") + inst("sv", "f1", "IRQ", "use-force", "IRQ") + fact("f1", "request", "IRQ",
                                                                                         start=20)
            + inst("sv", "f1", "KWT", "use-force", "IRQ"))
    # the instance towards another state holds; the one towards itself does not
    assert because(m) == {("perm", "KWT", "use-force", "none", "IRQ", 20, INF, "sv")}


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


EXCEPTION = (NO_FORCE + rule("sd", "51", "perm") + inst("sd", "fa", "KWT", "use-force", "IRQ")
             + 'overrides(sd,art("t","2(4)")).\n' + members(("IRQ", 0, INF), ("KWT", 0, INF)))


def test_an_explicit_exception_defeats_the_prohibition():
    m = one(EXCEPTION + fact("fa", "attack", "IRQ", "KWT", None, start=30) + ended("fa", 60))
    assert because(m, x="KWT", y="IRQ") == {
        ("forb", "KWT", "use-force", "none", "IRQ", 0, 30, "nf"),
        ("perm", "KWT", "use-force", "none", "IRQ", 30, 60, "sd"),
        ("forb", "KWT", "use-force", "none", "IRQ", 60, INF, "nf"),
    }
    assert atoms(m, "defeated") == [
        ("nf", "nil", "KWT", "use-force", "none", "IRQ", 30, 60, "sd", "c(fa,nil)", "exception")]
    assert atoms(m, "conflict") == []


def test_a_violation_on_a_forbidden_day_and_none_on_a_permitted_day():
    m = one(EXCEPTION
            + fact("fa", "attack", "IRQ", "KWT", None, start=30) + ended("fa", 60)
            + fact("k1", "act", "KWT", "use-force", None, "IRQ", start=40, stop=41)
            + fact("k2", "act", "KWT", "use-force", None, "IRQ", start=70, stop=71)
            + fact("i1", "act", "IRQ", "use-force", None, "KWT", start=30, stop=31))
    got = {(v[0], v[2], v[6]) for v in atoms(m, "violation")}
    assert got == {("k2", "KWT", 70), ("i1", "IRQ", 30)}
    assert all(v[1] == "forb" and v[8] == "nf" for v in atoms(m, "violation"))


def test_the_exception_does_not_reach_other_targets():
    m = one(EXCEPTION + fact("fa", "attack", "IRQ", "KWT", None, start=30)
            + fact("k1", "act", "KWT", "use-force", None, "SAU", start=40, stop=41))
    assert [(v[0], v[5]) for v in atoms(m, "violation")] == [("k1", "SAU")]


LEX = (rule("ra", "1", "obl", charter="a") + inst("ra", "", "FRA", "apply", "IRQ", obj="embargo")
       + rule("rb", "7", "forb", charter="b", start=20) + inst("rb", "", "FRA", "apply", "IRQ", obj="embargo"))


def test_lex_superior_between_charters():
    m = one(LEX + 'prevails_charter("a",lex_superior).\n')
    # what wins holds as it is said; what loses is reported as defeated
    assert because(m) == {("obl", "FRA", "apply", "embargo", "IRQ", 0, INF, "ra")}
    assert atoms(m, "defeated") == [
        ("rb", "nil", "FRA", "apply", "embargo", "IRQ", 20, INF, "ra", "nil", "lex_superior")]
    assert atoms(m, "conflict") == []


def test_an_unresolved_conflict_is_reported_not_fatal():
    m = one(LEX
            # an act and an omission on the same day: one breaks each rule
            + fact("x1", "act", "FRA", "apply", "embargo", "IRQ", start=25, stop=26)
            + fact("x2", "omission", "FRA", "apply", "embargo", "IRQ", start=25, stop=26))
    assert atoms(m, "conflict") == [("obl", "FRA", "apply", "embargo", "IRQ", 20, INF, "ra", "nil", "rb", "nil")]
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
        ("rb", "nil", "FRA", "apply", "embargo", "IRQ", 20, INF, "ra", "nil", "lex_superior")]
    assert {r[0] for r in because(models["yes"])} == {"perm"}
    assert atoms(models["no"], "defeated") == []
    assert {r[0] for r in because(models["no"])} == {"perm", "forb"}
    # the reading matters here, so the switch is engaged
    assert all(any(a.name == "engaged" and py(a.arguments[0]) == "IS-S" for a in m) for m in models.values())
    # without a guard, on every reading
    m = one(PERM + 'prevails_perm(art("a","42"),lex_superior).\n')
    assert [d[-1] for d in atoms(m, "defeated")] == ["lex_superior"]


# rb speaks of "trade" embargo, which cannot be done together with "apply"
INCOMPATIBLE = LEX.replace('inst(rb,nil,one("FRA"),"apply"', 'inst(rb,nil,one("FRA"),"trade"') + \
    'incompatible("trade","apply").\n'


@pytest.mark.parametrize("modality", ["perm", "obl", "rec"])
def test_a_superior_duty_overrides_what_is_said_of_an_incompatible_act(modality):
    m = one(INCOMPATIBLE.replace("norm(rb,forb)", f"norm(rb,{modality})") + 'prevails_charter("a",lex_superior).\n')
    assert atoms(m, "defeated") == [
        ("rb", "nil", "FRA", "trade", "embargo", "IRQ", 20, INF, "ra", "nil", 'via(lex_superior,"apply")')]
    assert because(m) == {("obl", "FRA", "apply", "embargo", "IRQ", 0, INF, "ra")}
    assert atoms(m, "conflict") == []


def test_a_prohibition_of_the_incompatible_act_is_no_clash():
    m = one(INCOMPATIBLE + 'prevails_charter("a",lex_superior).\n')
    assert atoms(m, "defeated") == [] and atoms(m, "conflict") == []
    assert {r[0] for r in because(m)} == {"obl", "forb"}


def test_duties_to_do_incompatible_acts_are_a_conflict():
    m = one(INCOMPATIBLE.replace("norm(rb,forb)", "norm(rb,obl)"))
    assert atoms(m, "conflict") == [("obl", "FRA", "apply", "embargo", "IRQ", 20, INF, "ra", "nil", "rb", "nil")]
    assert atoms(m, "clash_via") == [("FRA", "apply", "embargo", "IRQ", "rb", "nil", "trade")]
    # other targets are other acts: no clash
    m = one(INCOMPATIBLE.replace("norm(rb,forb)", "norm(rb,obl)").replace('"trade","embargo","IRQ")',
                                                                          '"trade","embargo","KWT")'))
    assert atoms(m, "conflict") == []


def test_lex_superior_does_not_apply_within_one_charter():
    m = one(LEX.replace('"b"', '"a"') + 'prevails_charter("a",lex_superior).\n')
    assert len(atoms(m, "conflict")) == 1
    assert atoms(m, "defeated") == []


def test_article_priority_lex_specialis():
    m = one(LEX + 'prevails_article(art("b","7"),art("a","1"),lex_specialis).\n')
    assert atoms(m, "defeated") == [
        ("ra", "nil", "FRA", "apply", "embargo", "IRQ", 20, INF, "rb", "nil", "lex_specialis")]
    # the duty holds until the prohibition begins, and not after
    assert because(m) == {("obl", "FRA", "apply", "embargo", "IRQ", 0, 20, "ra"),
                          ("forb", "FRA", "apply", "embargo", "IRQ", 20, INF, "rb")}


def test_a_saying_beaten_on_separate_stretches_holds_between_them():
    # rb (forbidding, from day 20) is an exception to article 1 only while its
    # three instances hold: [20,30) and [25,40) overlap, [60,70) stands apart
    text = (rule("ra", "1", "obl", charter="a") + inst("ra", "", "FRA", "apply", "IRQ", obj="embargo")
            + rule("rb", "7", "forb", charter="b", start=20) + 'overrides(rb,art("a","1")).\n'
            + "".join(inst("rb", q_, "FRA", "apply", "IRQ", obj="embargo") for q_ in ("q1", "q2", "q3"))
            + fact("q1", "request", "AAA", start=20) + ended("q1", 30)
            + fact("q2", "request", "BBB", start=25) + ended("q2", 40)
            + fact("q3", "request", "CCC", start=60) + ended("q3", 70))
    m = one(text)
    assert days(m, m="obl") == {(0, 20), (40, 60), (70, INF)}
    assert sorted((d[6], d[7], d[9]) for d in atoms(m, "defeated")) == [
        (20, 30, "c(q1,nil)"), (25, 40, "c(q2,nil)"), (60, 70, "c(q3,nil)")]


# ------------------------------------------------------------------ switches


SWITCHED = ('switch("IS-X"). position("IS-X","a"). position("IS-X","b").\n'
            + rule("ob", "1", "obl") + inst("ob", "", "FRA", "report") + 'rguard(ob,"IS-X","a").\n'
            + domestic("until") + 'rider_guard(dj,1,"IS-X","b").\n'
            + fact("f1", "domestic", "IRQ", start=10) + fact("f2", "enforcement", "IRQ", start=20))


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
    # what holds under b alone: the organization's rule, cut by its `until` rider
    assert days(m, x="organization") == {(10, 20)}


# ------------------------------------------------------------------ "counts as"


def test_a_derived_fact_holds_while_its_instance_does_and_feeds_a_norm():
    # measures against IRQ (f1, days 20-40) count as enforcement action
    # against IRQ: the fact d(ca,c(f1,nil)), read by Art 2(5)
    text = (rule("ca", "41") + 'counts(ca,"enforcement"). derives(ca,c(f1,nil)).\n'
            + fact("f1", "measures", "council", "embargo", "IRQ", "41", start=20) + ended("f1", 40)
            + rule("ga", "2(5)", "forb") + inst("ga", "d(ca,c(f1,nil))", 'role("un")', "give-assistance", "IRQ")
            + 'except(ga,c(d(ca,c(f1,nil)),nil),"IRQ").\n' + members(("FRA", 0, INF), ("IRQ", 0, INF)))
    rows = atoms(one(text), "because")
    assert [r[:8] for r in rows] == [("forb", "FRA", "give-assistance", "none", "IRQ", 20, 40, "ga")]
    # the instance names the derived fact: d(rule, its instance)
    assert rows[0][8] == "c(d(ca,c(f1,nil)),nil)"


def test_a_counts_as_rule_on_one_reading_derives_only_under_it():
    """Less grave force counts as an armed attack under IS-X=b only."""
    text = ('switch("IS-X"). position("IS-X","a"). position("IS-X","b").\n'
            + rule("lf", "51") + 'counts(lf,"attack"). rguard(lf,"IS-X","b"). derives(lf,c(f1,nil)).\n'
            + fact("f1", "lesser_force", "IRN", "USA", None, start=30)
            + rule("sd", "51", "perm") + inst("sd", "d(lf,c(f1,nil))", "USA", "use-force", "IRN"))
    by = {position(m): m for m in solve(text)}
    assert sorted(by) == ["a", "b"]
    assert because(by["b"], x="USA") == {("perm", "USA", "use-force", "none", "IRN", 30, INF, "sd")}
    assert because(by["a"], x="USA") == set()
    # the switch is engaged where the rule it guards applies to something
    assert (atoms(by["a"], "engaged"), atoms(by["b"], "engaged")) == ([], [("IS-X",)])


def test_history_never_makes_the_program_unsatisfiable():
    """Everything at once: conflicts, violations of both kinds, defeats."""
    models = solve(EXCEPTION + LEX
                   + fact("fa", "attack", "IRQ", "KWT", None, start=30)
                   + fact("i1", "act", "IRQ", "use-force", None, "KWT", start=30, stop=31)
                   + fact("x1", "act", "FRA", "apply", "embargo", "IRQ", start=25, stop=26)
                   + fact("x2", "omission", "FRA", "apply", "embargo", "IRQ", start=25, stop=26))
    assert len(models) == 1
    m = models[0]
    assert atoms(m, "conflict") and atoms(m, "violation") and atoms(m, "defeated")


# ------------------------------------------------------------------ deontic consequences


def test_an_obligation_entails_the_permission_to_do_it():
    text = (rule("ob", "41", "obl") + inst("ob", "", "FRA", "apply", "IRQ", obj="embargo")
            + rule("om", "5", "oblm") + inst("om", "", "USA", "give-assistance", "KWT")
            + rule("rc", "10", "rec") + inst("rc", "", "GBR", "withdraw", "KWT"))
    m = one(text)
    assert atoms(m, "entailed") == [
        ("FRA", "apply", "embargo", "IRQ", 0, INF, "ob", "nil"),
        ("USA", "give-assistance", "none", "KWT", 0, INF, "om", "nil")]
    # a recommendation is not an obligation: it entails no permission
    assert because(m, x="GBR") == {("rec", "GBR", "withdraw", "none", "KWT", 0, INF, "rc")}


def test_a_defeated_obligation_entails_nothing_on_the_days_it_loses():
    m = one(LEX.replace("rule_from(rb,20)", "rule_from(rb,20)") + 'prevails_charter("b",lex_superior).\n')
    # b's prohibition (from day 20) beats a's duty: the duty, and the permission it entails, stop on day 20
    assert [(e[4], e[5]) for e in atoms(m, "entailed")] == [(0, 20)]


def test_a_permission_and_a_prohibition_of_one_act_are_a_conflict():
    m = one(PERM)
    assert atoms(m, "conflict") == [("perm", "FRA", "apply", "embargo", "IRQ", 20, INF, "ra", "nil", "rb", "nil")]
    assert {r[0] for r in because(m)} == {"perm", "forb"}


def test_a_permission_that_overrides_the_prohibition_is_no_conflict():
    m = one(PERM + 'overrides(ra,art("b","7")).\n')
    assert atoms(m, "conflict") == []
    assert [d[-1] for d in atoms(m, "defeated")] == ["exception"]


def test_a_recommendation_against_a_prohibition_is_no_conflict():
    m = one(LEX.replace("norm(ra,obl)", "norm(ra,rec)"))
    assert atoms(m, "conflict") == [] and {r[0] for r in because(m)} == {"rec", "forb"}


def test_an_obligation_and_a_prohibition_give_one_conflict_not_two():
    # the permission the duty entails is no second clash
    m = one(LEX)
    assert [c[0] for c in atoms(m, "conflict")] == ["obl"]


# ------------------------------------------------------------------ kinds of acts and measures


KINDS = 'kind_of("supply-arms","give-assistance"). kind_of("supply-rifles","supply-arms").\n'


def test_a_prohibition_covers_every_kind_of_its_act():
    m = one(KINDS + rule("nf", "2(5)", "forb") + inst("nf", "", "FRA", "give-assistance", "IRQ")
            + fact("a1", "act", "FRA", "supply-rifles", None, "IRQ", start=30, stop=31))
    assert {r[2] for r in because(m)} == {"give-assistance", "supply-arms", "supply-rifles"}
    assert [(v[0], v[3], v[8]) for v in atoms(m, "violation")] == [("a1", "supply-rifles", "nf")]


def test_a_duty_does_not_cover_the_kinds_of_its_act():
    m = one(KINDS + rule("ob", "5", "obl") + inst("ob", "", "FRA", "give-assistance", "KWT"))
    assert {(r[0], r[2]) for r in because(m)} == {("obl", "give-assistance")}


def test_failing_to_assist_at_all_breaks_a_duty_to_supply_arms():
    m = one(KINDS + rule("ob", "5", "obl") + inst("ob", "", "FRA", "supply-arms", "KWT")
            + fact("o1", "omission", "FRA", "give-assistance", None, "KWT", start=30, stop=31))
    assert [(v[0], v[1], v[3], v[8]) for v in atoms(m, "violation")] == [("o1", "obl", "give-assistance", "ob")]


def test_a_duty_to_do_a_kind_clashes_with_a_prohibition_of_the_whole():
    m = one(KINDS + rule("ob", "5", "obl", charter="a") + inst("ob", "", "FRA", "supply-arms", "IRQ")
            + rule("nf", "2(5)", "forb", charter="b") + inst("nf", "", "FRA", "give-assistance", "IRQ"))
    assert [(c[0], c[2], c[7], c[9]) for c in atoms(m, "conflict")] == [("obl", "supply-arms", "ob", "nf")]
    # and a superior charter's prohibition of the whole decides it
    m = one(KINDS + rule("ob", "5", "obl", charter="a") + inst("ob", "", "FRA", "supply-arms", "IRQ")
            + rule("nf", "2(5)", "forb", charter="b") + inst("nf", "", "FRA", "give-assistance", "IRQ")
            + 'prevails_charter("b",lex_superior).\n')
    assert atoms(m, "conflict") == []
    assert [(d[0], d[3], d[8], d[10]) for d in atoms(m, "defeated")] == [("ob", "supply-arms", "nf", "lex_superior")]


def test_the_kinds_of_incompatible_acts_are_incompatible():
    m = one('kind_of("extradite-now","surrender").\nincompatible("refuse","surrender").\n'
            + rule("r1", "1", "obl", charter="a") + inst("r1", "", "LBY", "refuse", "USA")
            + rule("r2", "2", "obl", charter="b") + inst("r2", "", "LBY", "extradite-now", "USA"))
    assert [(c[0], c[2], c[7], c[9]) for c in atoms(m, "conflict")] == [("obl", "extradite-now", "r2", "r1")]


def test_a_duty_to_apply_a_measure_forbids_what_the_measure_names_and_prevails_as_a_charter_duty():
    """The Council's arms embargo (charter un, lex superior) against an
    alliance's duty to supply arms to the target (charter nat)."""
    text = (KINDS + 'measure_forbids("arms-embargo","supply-arms"). prevails_charter("un",lex_superior).\n'
            + rule("ae", "41", "obl", charter="un") + inst("ae", "", "FRA", "apply", "IRQ", obj="arms-embargo")
            + rule("al", "5", "obl", charter="nat") + inst("al", "", "FRA", "supply-arms", "IRQ"))
    m = one(text)
    assert ("forb", "FRA", "supply-arms", "none", "IRQ", 0, INF, "ae") in because(m)
    assert ("forb", "FRA", "supply-rifles", "none", "IRQ", 0, INF, "ae") in because(m)
    assert [(d[0], d[3], d[8], d[10]) for d in atoms(m, "defeated")] == [("al", "supply-arms", "ae", "lex_superior")]
    assert atoms(m, "conflict") == []
    # without the priority, the two duties clash
    m = one(text.replace('prevails_charter("un",lex_superior).', ""))
    assert [(c[0], c[2], c[7], c[9]) for c in atoms(m, "conflict")] == [("obl", "supply-arms", "al", "ae")]


def test_a_prohibition_naming_no_object_covers_the_act_with_any_object():
    m = one(NO_FORCE + members(("IRQ", 0, INF), ("KWT", 0, INF))
            + fact("f1", "act", "IRQ", "use-force", "troops", "KWT", start=30, stop=31))
    assert [(v[0], v[3], v[4], v[5]) for v in atoms(m, "violation")] == [("f1", "use-force", "troops", "KWT")]


def test_the_rules_of_a_charter_that_has_ended_bind_no_one_after():
    text = (rule("lg", "16", "obl") + "rule_until(lg,50).\n" + inst("lg", "f1", "FRA", "sever-trade", "ITA")
            + inst("lg", "f2", "FRA", "sever-trade", "DEU")
            + fact("f1", "request", "ETH", start=30) + fact("f2", "request", "POL", start=60))
    m = one(text)
    # the instance from day 30 ends with the charter on day 50; the one from day 60 never starts
    assert because(m) == {("obl", "FRA", "sever-trade", "none", "ITA", 30, 50, "lg")}


def test_an_excluded_kind_is_left_out_of_what_the_text_permits():
    # an authorization (f1) to use force that excludes occupation: the permission the
    # rule resting on it gives covers the act's other kinds, not the excluded one (or its kinds)
    kinds = ('kind_of("occupy","use-force"). kind_of("annex","occupy"). kind_of("halt-shipping","use-force").\n'
             'excludes(f1,"occupy").\n')
    m = one(kinds + rule("au", "42", "perm") + inst("au", "f1", "FRA", "use-force", "IRQ")
            + fact("f1", "authorization", "council", "members", "use-force", None, "IRQ", start=20))
    assert {r[2] for r in because(m)} == {"use-force", "halt-shipping"}
    # a rule resting on another fact is not touched by f1's exclusion
    m = one(kinds + rule("sd", "51", "perm") + inst("sd", "f2", "FRA", "use-force", "IRQ")
            + fact("f2", "attack", "IRQ", "FRA", None, start=20))
    assert {r[2] for r in because(m)} == {"use-force", "halt-shipping", "occupy", "annex"}


def test_a_norm_does_not_reach_the_kinds_it_excludes():
    # "V may use-force against A, excluding use-excessive-force": the permission covers the
    # act's other kinds, and the prohibition of force still covers the excluded one
    kinds = 'kind_of("use-excessive-force","use-force"). kind_of("halt-shipping","use-force").\n'
    m = one(kinds + rule("sd", "51", "perm") + 'rule_excludes(sd,"use-excessive-force").\n'
            + inst("sd", "f1", "KWT", "use-force", "IRQ") + fact("f1", "attack", "IRQ", "KWT", None, start=20))
    assert {r[2] for r in because(m)} == {"use-force", "halt-shipping"}


def test_a_norm_that_reaches_back_holds_from_its_earliest_fact():
    # an act on day 10 (one day) and a later endorsement from day 30: a plain norm
    # resting on both never holds (they never hold on one day); one that reaches back
    # (`, from the day its situation arose`) holds on the act's day
    facts = (fact("f1", "act", "XAA", "use-force", None, "XBB", start=10, stop=11)
             + fact("f2", "statement", "council", "commends", "XAA", "use-force", None, "XBB", None, start=30))
    plain = one(facts + rule("p", "42", "perm") + inst("p", "f2 f1", "XAA", "use-force", "XBB"))
    assert because(plain) == set()
    back = one(facts + rule("p", "42", "perm") + "retro(p).\n" + inst("p", "f2 f1", "XAA", "use-force", "XBB"))
    assert {(r[0], r[5], r[6]) for r in because(back)} == {("perm", 10, 11)}
    # a continuing act: from its first day for as long as it lasts
    facts = (fact("f1", "act", "XAA", "use-force", None, "XBB", start=10, stop=50)
             + fact("f2", "statement", "council", "commends", "XAA", "use-force", None, "XBB", None, start=30))
    back = one(facts + rule("p", "42", "perm") + "retro(p).\n" + inst("p", "f2 f1", "XAA", "use-force", "XBB"))
    assert {(r[0], r[5], r[6]) for r in because(back)} == {("perm", 10, 50)}
    plain = one(facts + rule("p", "42", "perm") + inst("p", "f2 f1", "XAA", "use-force", "XBB"))
    assert {(r[0], r[5], r[6]) for r in because(plain)} == {("perm", 30, 50)}


# ------------------------------------------------------------------ where an act happens


def test_a_prohibition_resting_on_the_act_at_its_place_is_broken_by_that_act():
    """Where an act happened is a fact keyed to the act (`place_of/2`), read
    by the generated conditions only: the act's own predicate keeps its five
    places, and the violation is of the act the prohibition rests on, on its day."""
    flagged = (rule("hs", "13", "forb", charter="general") + inst("hs", "a1 g1", "GBR", "intercept", "vessel:JOANNA-V")
               + fact("a1", "act", "GBR", "intercept", None, "vessel:JOANNA-V", start=30, stop=31)
               + 'place_of(a1,"high-seas").\n'
               + fact("g1", "flag", "vessel:JOANNA-V", "GRC", start=5) + 'non_state("vessel:JOANNA-V").\n')
    m = one(flagged)
    assert atoms(m, "violation") == [("a1", "forb", "GBR", "intercept", "none", "vessel:JOANNA-V", 30, 31, "hs", "c(a1,c(g1,nil))")]
    # an authorization that overrides it (Res 221 for a vessel bound for RHO) leaves no violation
    allowed = flagged + rule("auth", "14", "perm", charter="general") + inst("auth", "g1", "GBR", "intercept",
                                                                             "vessel:JOANNA-V") \
        + 'overrides(auth,art("general","13")).\n'
    m = one(allowed)
    assert atoms(m, "violation") == [] and [d[-1] for d in atoms(m, "defeated")] == ["exception"]


def test_a_vessel_is_not_a_state_a_universal_prohibition_reaches():
    m = one(rule("u", "2(4)", "forb", charter="un") + 'inst(u,nil,role("un"),"use-force",none,any).\n'
            + members(("GBR", 0, INF), ("GRC", 0, INF))
            + fact("a1", "act", "GBR", "use-force", None, "vessel:JOANNA-V", start=30, stop=31)
            + fact("a2", "act", "GBR", "use-force", None, "GRC", start=30, stop=31)
            + 'non_state("vessel:JOANNA-V").\n')
    assert [v[0] for v in atoms(m, "violation")] == ["a2"]


# ------------------------------------------------------------------ circumstances precluding wrongfulness


def test_a_circumstance_precluding_wrongfulness_excuses_the_breach_but_the_duty_stands():
    """An omission recorded under distress (plea_of/2) that a charter's
    article says precludes wrongfulness (precludes/2) breaks the duty without
    a violation: excused/12 names the circumstance and that article, the duty
    itself still holds (ARSIWA Art 27(a)), and the same omission without the
    plea, once the distress has passed, is a violation."""
    duty = rule("keep", "3", "obl") + inst("keep", "", "FRA", "keep-on-hao", "NZL", obj="mafart")
    law = 'precludes("distress",art("general","17")).\n'
    facts = (fact("o1", "omission", "FRA", "keep-on-hao", "mafart", "NZL", start=10, stop=20) + 'plea_of(o1,"distress").\n'
             + fact("o2", "omission", "FRA", "keep-on-hao", "mafart", "NZL", start=20, stop=30))
    m = one(duty + law + facts)
    assert atoms(m, "excused") == [("o1", "obl", "FRA", "keep-on-hao", "mafart", "NZL", 10, 20, "keep", "nil",
                                    "distress", 'art("general","17")')]
    assert [(v[0], v[6], v[7]) for v in atoms(m, "violation")] == [("o2", 20, 30)]
    assert because(m) == {("obl", "FRA", "keep-on-hao", "mafart", "NZL", 0, INF, "keep")}
    # without the article that says so, the plea excuses nothing
    m = one(duty + facts)
    assert atoms(m, "excused") == [] and {v[0] for v in atoms(m, "violation")} == {"o1", "o2"}


def test_no_circumstance_excuses_force_or_its_kinds():
    """`circumstance necessity precludes wrongfulness, save acts of use-force.`: an act the
    record says was done out of necessity is excused where it breaks a
    prohibition of another act, never where it is force or a kind of force
    (ARSIWA Art 26); failing a duty is excused whatever the act."""
    kinds = 'kind_of("bomb","use-force").\n'
    law = 'precludes("necessity",art("general","18")). precl_save("necessity","use-force").\n'
    rules = (rule("air", "2", "forb") + inst("air", "", "XAA", "enter-airspace", "XBB")
             + rule("nf", "2(4)", "forb", charter="un") + inst("nf", "", "XAA", "use-force", "XBB"))
    facts = (fact("a1", "act", "XAA", "enter-airspace", None, "XBB", start=10, stop=11) + 'plea_of(a1,"necessity").\n'
             + fact("a2", "act", "XAA", "bomb", None, "XBB", start=12, stop=13) + 'plea_of(a2,"necessity").\n'
             + fact("a3", "act", "XAA", "use-force", None, "XBB", start=14, stop=15) + 'plea_of(a3,"necessity").\n')
    m = one(kinds + law + rules + facts)
    assert [(x[0], x[3]) for x in atoms(m, "excused")] == [("a1", "enter-airspace")]
    assert sorted((v[0], v[3]) for v in atoms(m, "violation")) == [("a2", "bomb"), ("a3", "use-force")]


# ------------------------------------------------------------------ suspension for breach (VCLT Art 60)


def test_a_suspension_resting_on_a_breach_suspends_the_treatys_obligations_towards_the_party_in_breach():
    """f_suspension(S,X,C,Y,N) with suspension_law/1: X's obligations and
    prohibitions under the rules of C towards Y are cut from the day both the
    suspension and Y's breach of article N towards X stand (suspended/10 says
    by what); those about a saved act stay; Y's own obligations stay; without
    the breach nothing is cut."""
    pact = (rule("deliver", "1", "obl", charter="p") + inst("deliver", "", "XAA", "deliver-grain", "XBB")
            + rule("pay", "2", "obl", charter="p") + inst("pay", "", "XBB", "pay", "XAA")
            + rule("peace", "4", "forb", charter="p") + inst("peace", "", "XBB", "use-force", "XAA"))
    law = 'suspension_law(art("general","19")). suspension_save("use-force").\n'
    suspension = fact("s1", "suspension", "XBB", "p", "XAA", "1", start=20, stop=40) + "suspending.\n"
    breach = fact("o1", "omission", "XAA", "deliver-grain", None, "XBB", start=10, stop=30)
    m = one(pact + law + suspension + breach)
    held = because(m)
    assert ("obl", "XBB", "pay", "none", "XAA", 0, 20, "pay") in held
    assert ("obl", "XBB", "pay", "none", "XAA", 40, INF, "pay") in held
    assert ("forb", "XBB", "use-force", "none", "XAA", 0, INF, "peace") in held
    assert ("obl", "XAA", "deliver-grain", "none", "XBB", 0, INF, "deliver") in held
    assert atoms(m, "suspended") == [("pay", "nil", "XBB", "pay", "none", "XAA", 20, 40, "s1",
                                      'l(v(o1,deliver,nil),art("general","19"))')]
    # a breach that begins after the suspension: from the breach's first day
    late = fact("o1", "omission", "XAA", "deliver-grain", None, "XBB", start=25, stop=30)
    assert [s[6:8] for s in atoms(one(pact + law + suspension + late), "suspended")] == [(25, 40)]
    # no breach: nothing is suspended, and failing to pay is a violation
    m = one(pact + law + suspension + fact("o2", "omission", "XBB", "pay", None, "XAA", start=22, stop=23))
    assert atoms(m, "suspended") == [] and [v[0] for v in atoms(m, "violation")] == ["o2"]
    # no charter saying what a suspension does: nothing either
    assert atoms(one(pact + suspension + breach), "suspended") == []
