"""The parser: every construct of the charter and scenario language parses to
the right AST node, with the right source positions. No name checks here
(that is `check`'s job): these texts are parsed, not compiled."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from pyrule import ast as A
from pyrule.parse import parse_charter, parse_scenario


def charter(body: str, header: str = 'charter t "Test charter" in force 1945-10-24.') -> A.Charter:
    return parse_charter(header + "\n" + textwrap.dedent(body), "t.charter")


def scenario(body: str, header: str = 'scenario s "Test scenario" uses un.') -> A.Scenario:
    return parse_scenario(header + "\n" + textwrap.dedent(body), "s.scenario")


def only_norm(body: str) -> A.Norm:
    ch = charter('article 1 "One":\n' + textwrap.indent(textwrap.dedent(body), "  "))
    (art,) = ch.articles
    (rule,) = art.rules
    assert isinstance(rule, A.Norm)
    return rule


def V(name: str) -> A.Var:
    return A.Var(name)


def C(value: str) -> A.Const:
    return A.Const(value)


def expectation(line: str) -> A.Expectation:
    (ex,) = scenario(line).expectations
    return ex


# ------------------------------------------------------------------ charters


def test_charter_header():
    ch = charter("", header='charter un "Charter of the United Nations" in force 1945-10-24.')
    assert ch.id == "un"
    assert ch.title == "Charter of the United Nations"
    assert ch.in_force == dt.date(1945, 10, 24)
    assert ch.articles == () and ch.actions == ()
    assert ch.path == "t.charter"


def test_declarations():
    ch = charter("""
        organ council "Security Council".
        role member "Member of the United Nations" from membership un.
        action use-force "threaten or use force".
        action apply "apply a measure".
        interpretation IS-UNTIL "When does self-defence end?":
          position any-measure "any measure ends it".
          position replacing "only replacing measures" prevailing.
    """)
    assert [(o.name, o.title) for o in ch.organs] == [("council", "Security Council")]
    assert [(r.name, r.title, r.membership) for r in ch.roles] == [
        ("member", "Member of the United Nations", "un")]
    assert [a.name for a in ch.actions] == ["use-force", "apply"]
    assert ch.actions[0].title == "threaten or use force"
    (sw,) = ch.switches
    assert sw.name == "IS-UNTIL" and sw.question == "When does self-defence end?"
    assert [(p.name, p.prevailing) for p in sw.positions] == [("any-measure", False), ("replacing", True)]
    assert sw.prevailing == "replacing"


def test_an_action_incompatible_with_others():
    ch = charter("""
        action hand-over "hand over".
        action try "try at home".
        action keep "keep in custody" incompatible with hand-over and try.
    """)
    assert [a.incompatible for a in ch.actions] == [(), (), (C("hand-over"), C("try"))]
    assert ch.actions[2].incompatible[1].span.column > ch.actions[2].incompatible[0].span.column


def test_article_holds_its_number_title_and_norms():
    ch = charter("""
        article 2(4) "Prohibition of force":
          every member must not use-force against any state.
        article 51 "Self-defence":
          when armed attack by A on V occurs
          then V may use-force against A.
          when armed attack by A on V occurs
          then V must report-to-council.
    """)
    assert [(a.num, a.title, len(a.rules)) for a in ch.articles] == [
        ("2(4)", "Prohibition of force", 1), ("51", "Self-defence", 2)]


def test_bearer_every_role():
    norm = only_norm("every member must not use-force against any state.")
    assert norm.bearer == A.RoleBearer("member", ())
    assert norm.modality == "forb"
    assert norm.act.verb == C("use-force")
    assert isinstance(norm.act.target, A.AnyState)
    assert norm.act.obj is None
    assert norm.conditions == () and norm.guards == ()


def test_bearer_every_member_other_than_variables():
    norm = only_norm("""
        when dispute between S and T exists
        then every member other than S and T must settle-peacefully with S.
    """)
    assert norm.bearer == A.RoleBearer("member", (V("S"), V("T")))
    assert norm.act.target == V("S")
    assert norm.act.prep == "with"


def test_bearer_other_than_a_named_state():
    norm = only_norm("every member other than IRQ must apply.")
    assert norm.bearer == A.RoleBearer("member", (C("IRQ"),))


def test_bearer_variable_and_named_state():
    norm = only_norm("when KWT requests assistance then V may give-assistance to KWT.")
    assert norm.bearer == A.OneBearer(V("V"))
    assert norm.act.target == C("KWT") and norm.act.prep == "to"
    assert norm.conditions == (A.Fact("request", (C("KWT"),)),)
    norm = only_norm("USA may use-force against IRQ.")
    assert norm.bearer == A.OneBearer(C("USA"))


def test_bearer_the_organ():
    norm = only_norm("the council has power to maintain-peace.")
    assert norm.bearer == A.OrganBearer("council")
    assert norm.modality == "power"
    assert norm.act == A.ActSpec(C("maintain-peace"), None, None)


@pytest.mark.parametrize("words, modality", [
    ("must", "obl"), ("must not", "forb"), ("may", "perm"),
    ("is recommended to", "rec"), ("has power to", "power"),
])
def test_each_modality(words, modality):
    norm = only_norm(f"every member {words} withdraw.")
    assert norm.modality == modality


def test_act_with_object_and_target():
    norm = only_norm("""
        when the council decides measures M against T under article 41
        then every member other than T must apply M against T.
    """)
    assert norm.act == A.ActSpec(C("apply"), V("M"), V("T"))
    assert norm.act.verb == C("apply")
    assert norm.act.obj == V("M")
    assert norm.act.target == V("T")
    assert norm.act.prep == "against"


@pytest.mark.parametrize("prep", ["against", "with", "to", "from", "for"])
def test_target_prepositions(prep):
    norm = only_norm(f"every member must withdraw {prep} IRQ.")
    assert norm.act.target == C("IRQ") and norm.act.prep == prep


def test_variable_verb():
    norm = only_norm("when the council decides that X A O against T then X must A O against T.")
    assert norm.act == A.ActSpec(V("A"), V("O"), V("T"))
    assert norm.conditions == (A.Fact("decision", (C("council"), V("X"), V("A"), V("O"), V("T"))),)


def test_when_and_conditions_with_a_switch():
    norm = only_norm("""
        when armed attack by A on V occurs and V requests assistance and IS-UNTIL is replacing
        then every member other than A may use-force against A.
    """)
    assert norm.conditions == (A.Fact("attack", (V("A"), V("V"), None)), A.Fact("request", (V("V"),)))
    assert norm.guards == (A.SwitchCond("IS-UNTIL", "replacing"),)


@pytest.mark.parametrize("text, kind, args", [
    ("armed attack by A on V", "attack", ("A", "V", None)),
    ("armed attack by A on V occurs", "attack", ("A", "V", None)),
    ("armed attack by A on V in europe", "attack", ("A", "V", "europe")),
    ("armed attack by A on V is imminent", "threat", ("A", "V", "imminent")),
    ("armed attack by A on V is feared", "threat", ("A", "V", "feared")),
    ("case article-5 of A against V exists", "case", ("article-5", "A", "V")),
    ("dispute between A and V exists", "dispute", ("A", "V")),
    ("A requests assistance", "request", ("A",)),
    ("R requests extradition of S from C", "extradition", ("R", "S", "C")),
    ("R requests extradition of the-suspects from C", "extradition", ("R", "the-suspects", "C")),
    ("A cooperates with V", "cooperation", ("A", "V")),
    ("matter within the domestic jurisdiction of A", "domestic", ("A",)),
    ("S is unable or unwilling to prevent attacks by A", "unwilling", ("S", "A")),
    ("enforcement action against A is under way", "enforcement", ("A",)),
    ("special agreement between A and the council is in force", "agreement", ("A", "council")),
    ("A fails to withdraw from V", "omission", ("A", "withdraw", None, "V")),
    ("A use-force against V", "act", ("A", "use-force", None, "V")),
    ("the council determines a breach-of-the-peace by A", "determination",
     ("council", "breach-of-the-peace", "A")),
    ("the council determines an act-of-aggression", "determination", ("council", "act-of-aggression", None)),
    ("the council decides measures M against A under article 41", "measures", ("council", "M", "A", "41")),
    ("the council decides that A withdraw from V", "decision", ("council", "A", "withdraw", None, "V")),
    ("the council demands that A withdraw from V", "demand", ("council", "A", "withdraw", None, "V")),
    ("the council calls upon A to withdraw from V", "call", ("council", "A", "withdraw", None, "V")),
    ("the council recommends that A apply M against V", "recommendation",
     ("council", "A", "apply", "M", "V")),
    ("the council authorizes members cooperating with V to use-force against A", "authorization",
     ("council", "V", "use-force", None, "A")),
])
def test_every_kind_of_condition(text, kind, args):
    norm = only_norm(f"when {text} then the council has power to determine.")
    (fact,) = norm.conditions
    assert fact.kind == kind
    got = tuple(None if a is None else (a.name if isinstance(a, A.Var) else a.value) for a in fact.args)
    assert got == args
    assert len(fact.args) == len(A.FACT_PLACES[kind])


def test_rider_overriding():
    norm = only_norm("""
        when armed attack by A on V occurs
        then V may use-force against A, overriding article 2(4).
    """)
    assert [r.num for r in norm.overriding] == ["2(4)"]
    assert norm.citing == ()


def test_rider_citing_two_articles_and_overriding():
    norm = only_norm("""
        when the council authorizes members cooperating with V to A against T and X cooperates with V
        then X may A against T, overriding article 2(4), citing article 25 and article 48.
    """)
    assert [r.num for r in norm.overriding] == ["2(4)"]
    assert [r.num for r in norm.citing] == ["25", "48"]


def test_rider_unless():
    norm = only_norm("""
        when matter within the domestic jurisdiction of S
        then the organization must not intervene against S
        unless enforcement action against S is under way.
    """)
    (g,) = norm.unless
    assert g.fact == A.Fact("enforcement", (V("S"),))
    assert g.guard is None
    assert norm.until == ()


def test_rider_until_with_switch_guard():
    norm = only_norm("""
        when armed attack by A on V occurs
        then V may use-force against A
        until the council decides measures M against A under article 41 where IS-UNTIL is any-measure
        until the council decides that V cease-fire against A where IS-UNTIL is binding-order.
    """)
    assert [g.guard for g in norm.until] == [A.SwitchCond("IS-UNTIL", "any-measure"),
                                             A.SwitchCond("IS-UNTIL", "binding-order")]
    assert [g.fact.kind for g in norm.until] == ["measures", "decision"]
    assert norm.unless == ()


@pytest.mark.parametrize("words, count, unit", [
    ("3 months", 3, "months"), ("1 month", 1, "months"), ("14 days", 14, "days"), ("1 day", 1, "days"),
    ("2 weeks", 14, "days"), ("1 year", 12, "months"), ("2 years", 24, "months"),
])
def test_rider_until_a_period_after_a_fact(words, count, unit):
    norm = only_norm(f"""
        when dispute between A and B exists
        then A must not resort-to-war against B
        until {words} after the council recommends that A A1 O against B
        until B resort-to-war against A.
    """)
    clock, plain = norm.until
    assert clock.after == A.Period(count, unit, words)
    assert clock.fact.kind == "recommendation" and clock.fact.args[:2] == (C("council"), V("A"))
    assert plain.after is None and plain.fact.kind == "act"


def test_counts_as():
    ch = charter("""
        article 41 "Measures":
          the council decides measures M against T under article 41 counts as enforcement action against T.
          an armed attack by A on V counts as A use-force against V.
    """)
    first, second = ch.articles[0].rules
    assert isinstance(first, A.CountsAs)
    assert first.condition == A.Fact("measures", (C("council"), V("M"), V("T"), C("41")))
    assert first.head == A.Fact("enforcement", (V("T"),))
    assert second.head == A.Fact("act", (V("A"), C("use-force"), None, V("V")))
    assert first.guards == second.guards == ()


def test_counts_as_on_one_reading_and_less_grave_force():
    ch = charter("""
        article 51 "Self-defence":
          a less grave use of force by A on V in R counts as armed attack by A on V in R where IS-THRESHOLD is any-force.
          less grave use of force by A on V occurs counts as A use-force against V.
    """)
    first, second = ch.articles[0].rules
    assert first.condition == A.Fact("lesser_force", (V("A"), V("V"), V("R")))
    assert first.head == A.Fact("attack", (V("A"), V("V"), V("R")))
    assert first.guards == (A.SwitchCond("IS-THRESHOLD", "any-force"),)
    assert second.condition == A.Fact("lesser_force", (V("A"), V("V"), None))
    assert second.guards == ()
    sc = scenario("""
        on 1987-10-16: less grave use of force by IRN on USA.
        on 1987-10-20: less grave use of force by IRN on USA in gulf ends.
    """)
    assert [ev.facts[0][0] for ev in sc.events] == [
        A.Fact("lesser_force", (C("IRN"), C("USA"), None)), A.Fact("lesser_force", (C("IRN"), C("USA"), C("gulf")))]


def test_priority_lex_superior():
    ch = charter("""
        article 103 "Priority":
          this charter prevails over any other agreement (lex superior).
    """)
    (art,) = ch.articles
    assert art.rules == ()
    assert art.priorities == (A.Priority("superior", None, None),)


def test_priority_of_permissions_with_and_without_a_reading():
    ch = charter("""
        article 103 "Priority":
          the permissions of article 42 prevail over any other agreement where IS-ART103-SCOPE is authorizations (lex superior).
          the permissions of article 42 and article 51 prevail over any other agreement (lex superior).
    """)
    first, second = ch.articles[0].priorities
    assert first.permissions == (A.ArticleRef("42"),)
    assert first.guard == A.SwitchCond("IS-ART103-SCOPE", "authorizations")
    assert (first.principle, first.loser, first.over_this) == ("superior", None, None)
    assert second.permissions == (A.ArticleRef("42"), A.ArticleRef("51")) and second.guard is None


def test_priority_article_over_article():
    ch = charter("""
        article 51 "Self-defence":
          this article prevails over article 2(4) (lex specialis).
    """)
    (pr,) = ch.articles[0].priorities
    assert pr.principle == "specialis"
    assert pr.loser == A.ArticleRef("2(4)")


def test_comments_are_ignored():
    with_comments = charter("""
        # a comment on its own line
        action apply "apply". # a comment after a declaration
        article 1 "One": # after the heading
          # inside the article
          every member must apply.  # after the norm
    """)
    without = charter("""
        action apply "apply".
        article 1 "One":
          every member must apply.
    """)
    assert with_comments.actions == without.actions
    assert with_comments.articles[0].rules == without.articles[0].rules


def test_the_bundled_un_charter_parses():
    from pyrule.library import load_charter

    un = load_charter("un")
    nums = [a.num for a in un.articles]
    for num in ("2(4)", "25", "41", "42", "51", "103"):
        assert num in nums
    art51 = next(a for a in un.articles if a.num == "51")
    first = art51.rules[0]
    assert isinstance(first, A.Norm) and first.modality == "perm"
    assert [r.num for r in first.overriding] == ["2(4)"]


# ------------------------------------------------------------------ scenarios


def test_scenario_header_membership_and_states():
    sc = scenario("""
        membership un from data "un".
        state KWT "Kuwait" member of un from 1963-05-14.
        state XXA "Nowhere".
    """, header='scenario gulf "The Gulf" uses un, nato.')
    assert (sc.id, sc.title, sc.uses) == ("gulf", "The Gulf", ("un", "nato"))
    assert [(m.organisation, m.data) for m in sc.memberships] == [("un", "un")]
    assert sc.states[0] == A.StateDecl("KWT", "Kuwait", ("un",), dt.date(1963, 5, 14))
    assert sc.states[1] == A.StateDecl("XXA", "Nowhere", (), None)


def test_a_declared_membership_may_end():
    sc = scenario('state CHE "Switzerland" member of non-member, observer from 1945-10-24 until 2002-09-10.')
    (st,) = sc.states
    assert st == A.StateDecl("CHE", "Switzerland", ("non-member", "observer"), dt.date(1945, 10, 24),
                             until=dt.date(2002, 9, 10))
    assert [(s.line, s.column) for s in st.org_spans] == [(2, 35), (2, 47)]
    assert (st.until_span.line, st.until_span.column) == (2, 78)


def test_event_occurrence():
    sc = scenario("on 1990-08-02: armed attack by IRQ on KWT.")
    (ev,) = sc.events
    assert ev.date == dt.date(1990, 8, 2)
    assert ev.facts == ((A.Fact("attack", (C("IRQ"), C("KWT"), None)), None),)
    assert ev.resolution is None and ev.ends is False


def test_event_with_several_states():
    sc = scenario("on 1991-01-17: USA, GBR use-force against IRQ.")
    (ev,) = sc.events
    assert [f for f, _ in ev.facts] == [A.Fact("act", (C("USA"), C("use-force"), None, C("IRQ"))),
                                        A.Fact("act", (C("GBR"), C("use-force"), None, C("IRQ")))]


def test_event_several_states_cooperate():
    sc = scenario("on 1990-08-07: USA, GBR, FRA cooperate with KWT.")
    facts = [f for f, _ in sc.events[0].facts]
    assert facts == [A.Fact("cooperation", (C(x), C("KWT"))) for x in ("USA", "GBR", "FRA")]


def test_adoption_with_clauses_and_effective_date():
    sc = scenario("""
        on 1990-11-29: the council adopts "S/RES/678 (1990)":
          determines a breach-of-the-peace by IRQ;
          authorizes members cooperating with KWT to use-force against IRQ effective 1991-01-16.
    """)
    (ev,) = sc.events
    assert ev.resolution == "S/RES/678 (1990)"
    (f1, eff1), (f2, eff2) = ev.facts
    assert f1 == A.Fact("determination", (C("council"), C("breach-of-the-peace"), C("IRQ")))
    assert eff1 is None
    assert f2 == A.Fact("authorization", (C("council"), C("KWT"), C("use-force"), None, C("IRQ")))
    assert eff2 == dt.date(1991, 1, 16)


def test_ending_measures():
    sc = scenario("on 2003-05-22: the council ends measures trade-embargo against IRQ.")
    (ev,) = sc.events
    assert ev.ends is True
    ((fact, eff),) = ev.facts
    assert fact.kind == "measures"
    assert fact.args[:3] == (C("council"), C("trade-embargo"), C("IRQ"))
    assert fact.args[3] is None   # any article
    assert eff is None


@pytest.mark.parametrize("text, kind, args", [
    ("armed attack by IRQ on KWT ends", "attack", ("IRQ", "KWT", None)),
    ("AFG is unable or unwilling to prevent attacks by XAQ ends", "unwilling", ("AFG", "XAQ")),
    ("the council decides that IRQ cease-fire against KWT ends", "decision",
     ("council", "IRQ", "cease-fire", None, "KWT")),
])
def test_any_fact_can_be_ended(text, kind, args):
    (ev,) = scenario(f"on 1991-02-28: {text}.").events
    assert ev.ends is True
    ((fact, _),) = ev.facts
    assert fact.kind == kind
    assert tuple(None if a is None else a.value for a in fact.args) == args


def test_expectation_simple_with_sources():
    ex = expectation("expect on 1990-08-07: FRA must apply trade-embargo against IRQ (article 41, article 25).")
    assert ex.date == dt.date(1990, 8, 7)
    assert (ex.who, ex.subject, ex.modality, ex.negated, ex.contested) == ("one", "FRA", "obl", False, False)
    assert ex.act == A.ActSpec(C("apply"), C("trade-embargo"), C("IRQ"))
    assert [r.num for r in ex.sources] == ["41", "25"]
    assert ex.under == ()


def test_expectation_under_two_switches():
    ex = expectation("expect on 1990-09-15 under IS-UNTIL replacing under IS-ART43 no: KWT may use-force against IRQ.")
    assert ex.under == (A.SwitchCond("IS-UNTIL", "replacing"), A.SwitchCond("IS-ART43", "no"))
    assert ex.modality == "perm"


def test_expectation_not():
    ex = expectation("expect on 1990-08-05: not FRA must apply trade-embargo against IRQ.")
    assert ex.negated is True and ex.subject == "FRA"


def test_expectation_every_other_than_and():
    ex = expectation("expect on 1990-08-03: every member other than IRQ and KWT may give-assistance to KWT.")
    assert (ex.who, ex.subject, ex.other_than) == ("every", "member", ("IRQ", "KWT"))


def test_expectation_no_member():
    ex = expectation("expect on 1991-01-20: no member must contribute-forces.")
    assert (ex.who, ex.subject, ex.modality) == ("none", "member", "obl")
    assert ex.act == A.ActSpec(C("contribute-forces"), None, None)


def test_expectation_organ():
    ex = expectation("expect on 1990-08-02: the council has power to determine.")
    assert (ex.who, ex.subject, ex.modality) == ("organ", "council", "power")


def test_expectation_contested():
    ex = expectation("expect on 1990-09-15: KWT may use-force against IRQ is contested.")
    assert ex.contested is True and ex.negated is False


def test_violation_claims():
    ex = expectation("expect on 1990-08-02: violation by IRQ: use-force against KWT (article 2(4)).")
    assert ex.modality is None and ex.subject == "IRQ" and ex.negated is False
    assert ex.act == A.ActSpec(C("use-force"), None, C("KWT"))
    assert [r.num for r in ex.sources] == ["2(4)"]
    ex = expectation("expect on 1991-01-17: not violation by USA: use-force against IRQ.")
    assert ex.modality is None and ex.negated is True


def test_the_bundled_scenario_parses():
    from pyrule.library import load_scenario

    sc = load_scenario("iraq-kuwait-1990")
    assert sc.id == "iraq-kuwait-1990" and "un" in sc.uses
    assert any(ev.resolution and "661" in ev.resolution for ev in sc.events)
    assert len(sc.expectations) >= 10


# ------------------------------------------------------------------ spans


def at(node) -> tuple[int, int]:
    return (node.span.line, node.span.column)


def starts_by(node, line: int, column: int) -> bool:
    """The node's span begins on `line`, no later than `column` (a construct
    may begin at its keyword or at its first name)."""
    return node.span.line == line and 1 <= node.span.column <= column


SPAN_CHARTER = textwrap.dedent("""\
    charter t "T" in force 1945-10-24.
    action use-force "force".

    article 51 "Self-defence":
      when armed attack by A on V occurs
      then V may use-force against A, overriding article 2(4).
""")


def test_names_and_variables_have_exact_positions():
    ch = parse_charter(SPAN_CHARTER, "sd.charter")
    norm = ch.articles[0].rules[0]
    attack = norm.conditions[0]
    a_var, v_var, region = attack.args
    assert region is None
    assert a_var.span.file == "sd.charter"
    assert at(a_var) == (5, 24) and at(v_var) == (5, 29)
    assert (a_var.span.end_line, a_var.span.end_column) == (5, 25)
    assert at(norm.bearer.who) == (6, 8)
    assert at(norm.act.verb) == (6, 14)
    assert norm.act.verb.span.end_column == 14 + 9   # "use-force" is 9 wide
    assert at(norm.act.target) == (6, 32)
    assert str(a_var.span) == "sd.charter:5:24"


def test_construct_spans_begin_on_the_right_line():
    ch = parse_charter(SPAN_CHARTER, "sd.charter")
    assert ch.span.file == "sd.charter"
    assert starts_by(ch, 1, 9)                      # charter t ...
    assert starts_by(ch.actions[0], 2, 8)           # action use-force ...
    art = ch.articles[0]
    assert starts_by(art, 4, 9)                     # article 51 ...
    norm = art.rules[0]
    assert starts_by(norm, 5, 24)                   # when armed attack by A ...
    assert (norm.span.end_line) == 6
    assert starts_by(norm.conditions[0], 5, 24)     # armed attack by A on V
    ref = norm.overriding[0]
    assert starts_by(ref, 6, 54) and ref.span.column >= 46   # article 2(4)
    assert (ref.span.end_line, ref.span.end_column) == (6, 58)


def test_scenario_spans():
    text = textwrap.dedent("""\
        scenario s "S" uses un.
        on 1990-08-02: armed attack by IRQ on KWT.
        expect on 1990-08-02: KWT may use-force against IRQ.
    """)
    sc = parse_scenario(text, "s.scenario")
    ev = sc.events[0]
    assert starts_by(ev, 2, 4)
    fact = ev.facts[0][0]
    assert at(fact.args[0]) == (2, 32)
    assert at(fact.args[1]) == (2, 39)
    ex = sc.expectations[0]
    assert starts_by(ex, 3, 11)
    assert at(ex.act.target) == (3, 49)


def test_any_state_has_a_position():
    norm = only_norm("every member must not use-force against any state.")
    assert norm.act.target.span.line > 0


def test_voting_rule_periods_are_parsed():
    # "from DATE" in a voting rule is a period, not a preposition (both once used one alias)
    from pyrule.library import load_charter

    rules = [v for a in load_charter("un").articles if a.num == "27" for v in a.voting
             if isinstance(v, A.VotingRule)]
    periods = {(r.matter, r.quota.n): (r.start, r.until) for r in rules}
    assert periods[("other", 9)] == (dt.date(1965, 8, 31), None)
    assert periods[("other", 7)] == (None, dt.date(1965, 8, 31))
    assert periods[("procedural", 9)] == (dt.date(1965, 8, 31), None)


# ------------------------------------------------- the parse loop (parse_driver)
# The parser runs lark's tables and contextual lexer in its own loop
# (`pyrule.parse_driver`); lark's own parser only runs on texts with a syntax
# error. Both must give the same tree, positions included.


def lark_parse(text: str, file: str, start: str):
    """The tree lark's own parser (its lexer and loop) builds with the same callbacks."""
    from pyrule import parse as P

    P._BUILD.file = file
    return P._parser().parse(text, start=start)


def test_the_fast_parse_loop_is_in_use():
    from pyrule.parse import _driver

    assert _driver() is not None


def bundled_texts():
    from pyrule.resources import resource_path

    for folder, suffix, start in (("charters", ".charter", "charter_file"), ("scenarios", ".scenario", "scenario_file")):
        for path in sorted(resource_path(folder).iterdir()):
            if path.name.endswith(suffix):
                yield path.name, path.read_text(encoding="utf-8"), start


@pytest.mark.parametrize("name, text, start", list(bundled_texts()), ids=lambda x: x if isinstance(x, str)
                         and x.endswith(("charter", "scenario")) else "")
def test_the_parse_loop_builds_lark_s_tree_with_the_same_positions(name, text, start):
    parse = parse_charter if start == "charter_file" else parse_scenario
    assert repr(parse(text, name)) == repr(lark_parse(text, name, start))


def test_the_parse_loop_on_awkward_layout():
    text = ('charter t "T" in force 1945-10-24.   # a comment\n\n# another\n'
            'action apply "apply".\r\naction\tuse-force\n  "x"  .\n'
            'article 2(4) "p": every member must not use-force against any\n\n   state.\n'
            'article 3 "q":\n  when the council demands that A apply against B\n'
            '  then every member other than A and B must apply against A. # end')
    assert repr(parse_charter(text, "t.charter")) == repr(lark_parse(text, "t.charter", "charter_file"))
    target = parse_charter(text, "t.charter").articles[0].rules[0].act.target
    assert isinstance(target, A.AnyState)
    assert (target.span.line, target.span.column, target.span.end_line, target.span.end_column) == (7, 59, 9, 9)


def test_questions_and_assumptions_parse_as_before():
    from pyrule.parse import parse_assumption, parse_question

    q = "FRA must apply trade-embargo against IRQ on 1990-08-07"
    assert repr(parse_question(q)) == repr(lark_parse(q, "question", "question"))
    a = 'RUS abstains on "S/2022/155"'
    assert parse_assumption(a) == lark_parse(a, "--assume", "assumption")


@pytest.mark.parametrize("word", ["mustard", "nothing", "may-be", "anyone", "thenceforth", "is-a", "overridingly",
                                  "prevent-attacks", "unable-to-pay"])
def test_a_name_that_starts_with_a_keyword_is_a_name(word):
    norm = only_norm(f"every member must {word} against any state.")
    assert norm.modality == "obl" and norm.act.verb == C(word)


def test_no_terminal_starts_with_what_the_lexer_skips():
    """The parse loop skips whitespace and comments before it tries a
    state's terminals: that is lark's behaviour only while no terminal can
    begin with a blank or a '#'."""
    import re

    from pyrule.parse import _parser

    samples = ["a", "any state", "x", "A", "IRQ", "1", "1990-01-01", '"t"', "(", ".", "IS-X"]
    for term in _parser().terminals:
        if term.name in ("WS", "COMMENT"):
            continue
        regex = re.compile(term.pattern.to_regexp())
        for lead in " \t\r\n\f#":
            for sample in samples:
                assert not regex.match(lead + sample), (term.name, lead + sample)


def test_a_named_state_is_recommended_to_act():
    # "USA is ..." opens either this norm or a "counts as" rule about a membership
    # fact ("USA is a member counts as ..."): the parser tells them apart by "is
    # recommended to", read as one token
    rule = only_norm("USA is recommended to report.")
    assert rule.modality == "rec" and rule.bearer.who == C("USA") and not rule.conditions
    ch = charter('article 1 "One":\n  X is a member counts as X requests assistance.\n')
    (counts,) = ch.articles[0].rules
    assert isinstance(counts, A.CountsAs) and counts.condition.kind == "membership"
    spread = only_norm("when X requests assistance then X is\n   recommended   to report.")
    assert spread.modality == "rec"


def test_a_disputed_seat_and_the_voting_rule_for_it():
    sc = scenario("the representation of CHN is disputed from 1950-01-13 until 1971-10-25.")
    (sd,) = sc.seat_disputes
    assert (sd.code, sd.since, sd.until) == ("CHN", dt.date(1950, 1, 13), dt.date(1971, 10, 25))
    ch = charter("""
        article 27 "Voting":
          a vote cast for a disputed seat counts as an absence where IS-SEATS is lawful-government.
    """)
    (clause,) = ch.articles[0].voting
    assert clause == A.SeatVote(A.SwitchCond("IS-SEATS", "lawful-government"))


def test_an_expectation_of_an_obligation_that_leaves_the_means():
    sc = scenario("expect on 2001-09-11: FRA must give-assistance to USA, choosing its own means (article 5).")
    (ex,) = sc.expectations
    assert ex.modality == "oblm" and [r.num for r in ex.sources] == ["5"]
    (plain,) = scenario("expect on 2001-09-11: FRA must give-assistance to USA.").expectations
    assert plain.modality == "obl"


def test_only_must_can_leave_the_means_in_an_expectation():
    from pyrule.errors import CheckProblem
    with pytest.raises(CheckProblem) as info:
        scenario("expect on 2001-09-11: FRA may give-assistance to USA, choosing its own means.")
    assert "only an obligation ('must') can leave the choice of means" in info.value.message


# ------------------------------------------------------------------ where an act happens; vessels


def test_a_condition_may_say_where_an_act_happens():
    rule = only_norm("""\
        when X intercept against S in high-seas and Y fails to report to X in the waters of C
         and Z intercept against S in R
        then X must not intercept against S.
    """)
    high, omitted, anywhere = rule.conditions
    assert high.kind == "act" and high.args == (V("X"), C("intercept"), None, V("S"))
    assert high.place == A.Place(name=C("high-seas"))
    assert omitted.kind == "omission" and omitted.place == A.Place(part="waters", state=V("C"))
    assert anywhere.place == A.Place(name=V("R"))
    assert {v.name for v in anywhere.variables()} == {"Z", "S", "R"}


@pytest.mark.parametrize("where, place", [
    ("in high-seas", A.Place(name=C("high-seas"))),
    ("in the waters of MOZ", A.Place(part="waters", state=C("MOZ"))),
    ("in the airspace of IRQ", A.Place(part="airspace", state=C("IRQ"))),
    ("in the territory of KWT", A.Place(part="territory", state=C("KWT"))),
])
def test_a_scenario_records_where_an_act_happened(where, place):
    sc = scenario(f"on 1966-04-10: GBR intercept against vessel:JOANNA-V {where}.\n"
                  f"on 1966-04-11: GBR, FRA patrol {where} until 1966-04-20.\n")
    (fact, _), = sc.events[0].facts
    assert fact.args == (C("GBR"), C("intercept"), None, C("vessel:JOANNA-V")) and fact.place == place
    assert [(f.args[0].value, f.place, f.lasting) for f, _ in sc.events[1].facts] == \
        [("GBR", place, dt.date(1966, 4, 20)), ("FRA", place, dt.date(1966, 4, 20))]


def test_an_act_without_a_place_has_none():
    (fact, _), = scenario("on 1990-08-04: IRQ use-force troops against KWT.\n").events[0].facts
    assert fact.place is None


def test_vessels_flags_and_destinations():
    sc = scenario("""\
        state vessel:JOANNA-V "Joanna V".
        state aircraft:FLIGHT-1 "a flight".
        on 1966-04-05: vessel:JOANNA-V flies the flag of GRC.
        on 1966-04-05: vessel:JOANNA-V is bound for RHO.
        on 1966-05-01: aircraft:FLIGHT-1 flies the flag of GRC until 1966-06-01.
        on 1966-06-01: vessel:JOANNA-V is bound for RHO ends.
    """)
    assert [s.code for s in sc.states] == ["vessel:JOANNA-V", "aircraft:FLIGHT-1"]
    kinds = [(f.kind, tuple(a.value for a in f.args)) for ev in sc.events for f, _ in ev.facts]
    assert kinds == [("flag", ("vessel:JOANNA-V", "GRC")), ("destination", ("vessel:JOANNA-V", "RHO")),
                     ("flag", ("aircraft:FLIGHT-1", "GRC")), ("destination", ("vessel:JOANNA-V", "RHO"))]
    assert sc.events[-1].ends


def test_a_norms_own_act_has_no_place():
    from pyrule.errors import PyruleError

    with pytest.raises(PyruleError, match="unexpected 'in'"):
        charter('article 1 "One":\n  every member may intercept against any state in high-seas.\n')

# ------------------------------------------------------------------ the parties' votes not counted


def test_the_parties_votes_not_counted_under_an_article_or_a_chapter():
    ch = charter('''\
        article 15 "Disputes":
          in decisions under article 15 the votes of the parties to the dispute are not counted.
        article 16 "Sanctions":
          in decisions under article 16(4) the votes of the parties to the dispute are not counted.
          in decisions under chapter 6 the votes of the parties to the dispute are not counted.
          in decisions under chapter 6 a party to a dispute abstains.
        ''')
    (ex15,), (ex16, ex6, proviso) = ch.articles[0].voting, ch.articles[1].voting
    assert (ex15.scope, ex15.ref) == ("article", "15")
    assert (ex16.scope, ex16.ref) == ("article", "16(4)")
    assert (ex6.scope, ex6.ref) == ("chapter", "6")
    assert isinstance(proviso, A.Proviso) and proviso.chapter == 6      # the Art 27(3) form is unchanged
    assert (ex15.ref_span.line, ex15.ref_span.column) == (3, 30)
    assert ex15.span.line == 3


def test_a_vote_under_an_article_in_a_dispute():
    sc = scenario('''\
        on 1935-10-07: the league-council votes on "R" under article 15 in the dispute between ITA and ETH:
          for GBR; against ITA.
        ''')
    vote = sc.events[0].vote
    assert (vote.kind, vote.article, vote.chapter, vote.parties) == ("article", "15", None, ("ITA", "ETH"))
    assert (vote.chapter_span.line, vote.chapter_span.column) == (2, 62)


def test_the_exclusion_misspelt_is_a_syntax_error_with_its_position():
    from pyrule.errors import PyruleError

    with pytest.raises(PyruleError) as err:
        charter('''\
            article 15 "Disputes":
              in decisions under article 15 the votes of the parties to the dispute are not count.
            ''')
    text = str(err.value) + repr(getattr(err.value, "span", ""))
    assert "counted" in text
