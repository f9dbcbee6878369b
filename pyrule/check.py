"""Resolution and static checks: the stage before compilation.

Takes parsed charters and a scenario (a `Bundle`, or charters alone); gives
nothing back but raises the first user error it finds (`NameProblem`,
`CheckProblem`, `LoadProblem`), each with the span of the offending name and
a "did you mean" over the names that are declared: unknown actions, organs,
roles, articles, switches and positions, states; variables in a scenario;
head variables that no condition binds; duplicate articles, charters and
votes; charters that each claim to prevail over the other; "counts as" rules
that derive each other in a cycle (naming exactly the rules on it); roll
calls that do not add up; numbers past what the solver counts (quotas,
counts of votes, chapters) and labels with control characters; a charter or
article that prevails over itself; two positions of a switch with one name;
a role from a membership table that does not exist; a state declared twice,
or against the dates of the membership data; an act or attack with one
state on both sides; an ending that ends nothing. `pyrule.compile` assumes
all of this holds.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Iterable

from . import ast as A
from .errors import CheckProblem, LoadProblem, NameProblem, Related, did_you_mean
from .library import Bundle, Roster, membership_tables


def _unknown(what: str, name: str, span: A.Span, known: Iterable[str], cutoff: float = 0.6) -> NameProblem:
    known = sorted(set(known))
    guess = did_you_mean(name, known, cutoff)
    hint = f"did you mean '{guess}'?" if guess else None
    listing = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
    return NameProblem(f"unknown {what} '{name}'", span, expected=f"one of: {listing}" if known else None,
                       hint=hint)


class Names:
    """Everything the loaded charters declare, for lookups with suggestions."""

    def __init__(self, charters: Iterable[A.Charter]) -> None:
        self.actions: dict[str, A.Action] = {}
        self.measures: dict[str, A.Measure] = {}
        self.organs: dict[str, A.Organ] = {}
        self.roles: dict[str, A.Role] = {}
        self.switches: dict[str, A.Switch] = {}
        self.articles: dict[str, list[tuple[A.Charter, A.Article]]] = {}
        charters = list(charters)
        self.charter_ids = [ch.id for ch in charters]
        for ch in charters:
            for a in ch.actions:
                self.actions.setdefault(a.name, a)
            for m in ch.measures:
                self.measures.setdefault(m.name, m)
            for o in ch.organs:
                self.organs.setdefault(o.name, o)
            for r in ch.roles:
                self.roles.setdefault(r.name, r)
            for s in ch.switches:
                self.switches.setdefault(s.name, s)
            for art in ch.articles:
                self.articles.setdefault(art.num, []).append((ch, art))
        # the circumstances precluding wrongfulness the charters read
        # (`circumstance force-majeure precludes wrongfulness`): the pleas a record may invoke
        self.charters: dict[str, A.Charter] = {ch.id: ch for ch in charters}
        # where a charter says what a suspension for breach does (VCLT Art 60)
        self.suspension_law = [c for ch in charters for art in ch.articles for c in art.voting
                               if isinstance(c, A.SuspensionLaw)]
        self.circumstances: dict[str, A.Precluding] = {
            c.circumstance.value: c for ch in charters for art in ch.articles for c in art.voting
            if isinstance(c, A.Precluding)}
        # the named places the rules' conditions speak of (`in high-seas`):
        # the places a scenario may record an act at
        self.places: set[str] = set()
        self.place_parts: set[str] = set()     # waters, airspace, territory: the parts of a state rules read
        for ch in charters:
            for art in ch.articles:
                for rule in art.rules:
                    facts = [rule.condition, rule.head] if isinstance(rule, A.CountsAs) else \
                        [*rule.conditions, *(g.fact for g in (*rule.unless, *rule.until))]
                    self.places |= {f.place.name.value for f in facts
                                    if f.place is not None and isinstance(f.place.name, A.Const)}
                    self.place_parts |= {f.place.part for f in facts if f.place is not None and f.place.part}

    def organisations(self) -> set[str]:
        """The membership tables the charters' roles and seated organs name."""
        return {r.membership for r in self.roles.values()} | {o.seats for o in self.organs.values() if o.seats}

    def organisation(self, name: str, span: A.Span) -> None:
        known = self.organisations()
        if name not in known:
            raise _unknown("organisation", name, span, known)

    def action(self, term: A.Term | None) -> None:
        if isinstance(term, A.Const) and term.value not in self.actions:
            raise _unknown("action", term.value, term.span, self.actions)

    def objects(self) -> set[str]:
        """The objects of acts the rules name: heads and conditions."""
        out: set[str] = set()
        for found in self.articles.values():
            for _, art in found:
                for rule in art.rules:
                    facts = [rule.condition, rule.head] if isinstance(rule, A.CountsAs) else list(rule.conditions)
                    terms = [rule.act.obj] if isinstance(rule, A.Norm) else []
                    terms += [a for f in facts for p, a in zip(A.FACT_PLACES[f.kind], f.args) if p == "object"]
                    out |= {t.value for t in terms if isinstance(t, A.Const)}
        return out

    def circumstance(self, term: A.Const) -> None:
        if term.value not in self.circumstances:
            if not self.circumstances:
                raise CheckProblem(f"no loaded charter says that '{term.value}' precludes wrongfulness", term.span,
                                   hint="the general charter states the circumstances (force-majeure, distress, "
                                        "necessity): load it, or say it in a charter: "
                                        "'circumstance C precludes wrongfulness, save acts of use-force.'")
            raise _unknown("circumstance precluding wrongfulness", term.value, term.span, self.circumstances)

    def organ(self, name: str, span: A.Span) -> None:
        if name not in self.organs:
            raise _unknown("organ", name, span, self.organs)

    def role(self, name: str, span: A.Span) -> None:
        if name not in self.roles:
            raise _unknown("role", name, span, self.roles)

    def switch(self, cond: A.SwitchCond) -> None:
        self.switch_name(cond.switch, cond.span)
        positions = [p.name for p in self.switches[cond.switch].positions]
        if cond.position not in positions:
            raise _unknown(f"position of {cond.switch}", cond.position, cond.span, positions)

    def switch_name(self, name: str, span: A.Span) -> None:
        if name not in self.switches:
            raise _unknown("interpretation switch", name, span, self.switches)

    def article(self, ref: A.ArticleRef, within: A.Charter | None = None) -> None:
        found = self.articles.get(ref.num, [])
        if within is not None:
            found = [x for x in found if x[0] is within]
        if not found:
            pool = [a.num for a in within.articles] if within else list(self.articles)
            # article numbers are short: "52" is one edit from "51"
            raise _unknown("article", ref.num, ref.span, pool, cutoff=0.5)


# ------------------------------------------------------------------ facts


def _check_fact(fact: A.Fact, names: Names, *, ground: bool) -> None:
    places = A.FACT_PLACES[fact.kind]
    for place, arg in zip(places, fact.args):
        if ground and isinstance(arg, A.Var):
            what = "a state code" if place in A.STATE_PLACES else "a lower-case name"
            raise CheckProblem(f"'{arg.name}' is a variable, but a scenario speaks of named states and things",
                               arg.span, expected=f"{what} for the {place}")
        if place.endswith("organ") and isinstance(arg, A.Const):
            names.organ(arg.value, arg.span)
        if place == "action":
            names.action(arg)
        if place == "role" and isinstance(arg, A.Const):
            names.role(arg.value, arg.span)
        if place == "organisation" and isinstance(arg, A.Const):
            names.organisation(arg.value, arg.span)
        if place == "article" and isinstance(arg, A.Const):
            names.article(A.ArticleRef(arg.value, arg.span))
    if fact.excluding:
        _check_exclusions(fact, names)
    if fact.purpose is not None and not ground:
        raise CheckProblem("what an act is for is recorded in a scenario, not asked by a rule's condition",
                           fact.purpose.span, hint="a charter says how far an authorization's purpose reaches: "
                                                   "'an authorization reaches only its purpose where IS-X is P.'")
    if fact.kind == "suspension":
        _check_suspension(fact, names, ground)
    if fact.plea is not None:
        if not ground:
            raise CheckProblem("the circumstance an act was done under is recorded in a scenario, not asked by a "
                               "rule's condition", fact.plea.span,
                               hint="a charter says what a circumstance does: 'circumstance C precludes wrongfulness.'")
        names.circumstance(fact.plea)
    if fact.chapter is not None:
        check_number(fact.chapter.chapter, fact.chapter.span, fact.span, "the chapter number", 1)
        if ground and fact.chapter.mode == "outside":
            raise CheckProblem("a record says under which chapter a text was adopted, not outside which",
                               fact.chapter.span, expected="'under chapter N'",
                               hint="'outside chapter N' is for a rule's condition: a clause recorded under "
                                    "another chapter")


def _check_suspension(fact: A.Fact, names: Names, ground: bool) -> None:
    """A suspension for breach (VCLT Art 60) is recorded by a scenario, of a
    loaded treaty, for the breach of one of its articles, where a loaded
    charter says what a suspension does."""
    party, treaty, other, article = fact.args
    if not ground:
        raise CheckProblem("a suspension is recorded in a scenario, not asked by a rule's condition", fact.span,
                           hint="what it does is the general rule's: 'a party may suspend a treaty towards a "
                                "party in material breach of it.' (general charter, VCLT Art 60)")
    assert isinstance(treaty, A.Const) and isinstance(article, A.Const)
    if treaty.value not in names.charters:
        raise _unknown("charter", treaty.value, treaty.span, names.charters)
    if treaty.value == "general":
        raise CheckProblem("general international law is no treaty a party suspends", treaty.span,
                           expected="a treaty the scenario loads")
    if isinstance(party, A.Const) and isinstance(other, A.Const) and party.value == other.value:
        raise CheckProblem(f"{party.value} cannot suspend a treaty towards itself", other.span)
    names.article(A.ArticleRef(article.value, article.span), within=names.charters[treaty.value])
    if not names.suspension_law:
        raise CheckProblem("no loaded charter says what a suspension for breach does", fact.span,
                           hint="the general charter does (Art 19, VCLT Art 60): load it, or say in a charter "
                                "'a party may suspend a treaty towards a party in material breach of it.'")


def _check_exclusions(fact: A.Fact, names: Names) -> None:
    """What an authorization excludes is a kind of the act it permits: any
    other exclusion would exclude nothing, without a word."""
    _check_excluded_kinds(fact.args[A.FACT_PLACES[fact.kind].index("action")], fact.excluding, names)


def _check_excluded_kinds(act: A.Term | None, excluding: tuple[A.Const, ...], names: Names) -> None:
    """Each excluded action is a kind of `act` (the act of a text or of a norm)."""
    for excl in excluding:
        names.action(excl)
        if not isinstance(act, A.Const) or act.value not in A.kinds_above(excl.value, names.actions) - {excl.value}:
            raise CheckProblem(f"'{excl.value}' is not a kind of {getattr(act, 'value', act)}, so excluding it "
                               f"changes nothing", excl.span,
                               hint=f"declare it: action {excl.value} \"...\" is a kind of {getattr(act, 'value', act)}.")


def _vars_of(fact: A.Fact) -> set[str]:
    return {v.name for v in fact.variables()}


def _head_vars(norm: A.Norm) -> list[A.Var]:
    out: list[A.Var] = []
    b = norm.bearer
    if isinstance(b, A.OneBearer) and isinstance(b.who, A.Var):
        out.append(b.who)
    if isinstance(b, A.RoleBearer):
        out.extend(t for t in b.other_than if isinstance(t, A.Var))
    for t in (norm.act.verb, norm.act.obj, norm.act.target):
        if isinstance(t, A.Var):
            out.append(t)
    return out


def check_charter(ch: A.Charter, names: Names) -> None:
    seen: dict[str, A.Article] = {}
    for art in ch.articles:
        if art.num in seen:
            raise CheckProblem(f"article {art.num} is written twice in charter '{ch.id}'", art.span,
                               related=(_related(seen[art.num].span, "first written here"),))
        seen[art.num] = art
    for kind, items in (("action", ch.actions), ("organ", ch.organs), ("role", ch.roles),
                        ("interpretation", ch.switches), ("measure", ch.measures)):
        first: dict[str, A.Span] = {}
        for item in items:
            if item.name in first:
                raise CheckProblem(f"{kind} '{item.name}' is declared twice", item.span,
                                   related=(_related(first[item.name], "first declared here"),))
            first[item.name] = item.span
    for role in ch.roles:
        _check_role_table(role)
    for act in ch.actions:
        for other in act.incompatible:
            names.action(other)
            if other.value == act.name:
                raise CheckProblem(f"action '{act.name}' cannot be incompatible with itself", other.span)
        if act.kind_of is not None:
            names.action(act.kind_of)
            _check_kinds(act, names)
    for measure in ch.measures:
        for action, _ in measure.forbids:
            names.action(action)
    for sw in ch.switches:
        if sum(p.prevailing for p in sw.positions) > 1:
            raise CheckProblem(f"{sw.name} marks more than one position as prevailing or settled", sw.span)
        _check_positions(sw)
    for art in ch.articles:
        for clause in art.voting:
            _check_voting(clause, names)
            if isinstance(clause, A.PartyExclusion) and clause.scope == "article":
                # the article itself, or a paragraph of it ("16(4)" of article 16)
                names.article(A.ArticleRef(_article_base(clause.ref), clause.ref_span), within=ch)
            if isinstance(clause, A.VotingRule) and clause.matter == "article":
                # matters under article N: votes recorded under it (`under article 15 in the dispute ...`)
                assert clause.article is not None
                names.article(A.ArticleRef(_article_base(clause.article), clause.article_span), within=ch)
        for pr in art.priorities:
            _check_self_priority(pr, art, ch)
            for ref in (pr.loser, *pr.permissions):
                if ref is not None:
                    names.article(ref, within=ch)
            if pr.guard is not None:
                names.switch(pr.guard)
        for rule in art.rules:
            if isinstance(rule, A.CountsAs):
                _check_fact(rule.condition, names, ground=False)
                _check_fact(rule.head, names, ground=False)
                if rule.head.place is not None:
                    raise CheckProblem("a fact a rule derives has no place: only a record says where an act happened",
                                       rule.head.place.span, hint="test the place in the condition instead")
                if rule.head.chapter is not None:
                    raise CheckProblem("a fact a rule derives has no chapter: only a text's record gives one",
                                       rule.head.chapter.span, hint="test the chapter in the condition instead")
                for g in rule.guards:
                    names.switch(g)
                free = [v for v in rule.head.variables() if v.name not in _vars_of(rule.condition)]
                if free:
                    raise CheckProblem(f"variable '{free[0].name}' is not bound by the condition", free[0].span,
                                       expected="a variable that appears in the fact before 'counts as'")
                continue
            _check_norm(rule, ch, names)


def _check_kinds(act: A.Action, names: Names) -> None:
    """An action may not be, through its kinds, a kind of itself."""
    seen = [act.name]
    up = act.kind_of
    while up is not None:
        if up.value in seen:
            chain = " > ".join(seen + [up.value])
            raise CheckProblem(f"action '{act.name}' would be a kind of itself: {chain}", act.kind_of.span,  # type: ignore[union-attr]
                               related=tuple(Related(names.actions[n].span, f"'{n}' declared here")
                                             for n in seen[1:] if n in names.actions))
        seen.append(up.value)
        parent = names.actions.get(up.value)
        up = parent.kind_of if parent is not None else None


def check_number(n: int, span: A.Span, fallback: A.Span, what: str, least: int = 0) -> None:
    """A number written in a text (a quota, a count of votes, a chapter) is
    within what the language accepts; numbers past it would wrap around in
    the solver's integers and give wrong answers without a word."""
    where = span if span.line else fallback
    if n > A.MAX_NUMBER:
        raise CheckProblem(f"{what} is too large: pyrule accepts numbers up to {A.MAX_NUMBER:,}", where,
                           expected=f"a number from {least} to {A.MAX_NUMBER:,}")
    if n < least:
        raise CheckProblem(f"{what} must be at least {least}", where,
                           expected=f"a number from {least} to {A.MAX_NUMBER:,}")


def _check_role_table(role: A.Role) -> None:
    """A role is drawn from a bundled membership table, or from an
    organisation whose members each scenario declares (`declared in
    scenarios`); a name that is neither would leave the role empty."""
    if role.declared:
        return
    tables = membership_tables()
    if role.membership in tables:
        return
    guess = did_you_mean(role.membership, tables)
    raise NameProblem(f"no membership table '{role.membership}' for the role '{role.name}'",
                      role.membership_span if role.membership_span.line else role.span,
                      expected=f"one of: {', '.join(tables)}",
                      hint=(f"did you mean '{guess}'? " if guess else "") +
                      f"(if each scenario declares the members instead, write: from membership "
                      f"{role.membership} declared in scenarios)")


def _check_positions(sw: A.Switch) -> None:
    """Each position of a switch has a name of its own: answers name them."""
    first: dict[str, A.Position] = {}
    for pos in sw.positions:
        if pos.name in first:
            raise CheckProblem(f"{sw.name} has two positions named '{pos.name}'", pos.span,
                               related=(Related(first[pos.name].span, "the first"),),
                               hint="give each position its own name")
        first[pos.name] = pos


def _check_self_priority(pr: A.Priority, art: A.Article, ch: A.Charter) -> None:
    """A charter or an article does not prevail over itself: its rules
    would defeat one another."""
    if pr.over_this is not None and pr.over_this == ch.id:
        raise CheckProblem(f"charter '{ch.id}' is said to prevail over itself", pr.span,
                           expected="the id of another charter, which this one defers to",
                           hint="to make this charter prevail over others, write: this charter prevails over "
                                "any other agreement (lex superior).")
    if pr.loser is not None and pr.loser.num == art.num:
        raise CheckProblem(f"article {art.num} is said to prevail over itself", pr.loser.span,
                           expected="another article of this charter")


def _check_members_and_majority(clause: A.VotingRule, names: Names) -> None:
    """`the members of the O2 and a majority of the other members` counts the
    seats of both organs (League Art 15(10)): each must have them, and O2 must
    be another organ, else there are no "other members"."""
    q = clause.quota
    assert q.organ is not None
    names.organ(q.organ, q.organ_span)
    if q.organ == clause.organ:
        raise CheckProblem(f"the members of the {q.organ} and a majority of the other members: the "
                           f"{clause.organ} cannot be both", q.organ_span,
                           expected="another organ, whose members sit among the deciding organ's "
                                    "(the league-council in the league-assembly)")
    for organ, span in ((clause.organ, clause.span), (q.organ, q.organ_span)):
        if names.organs[organ].seats is None:
            raise CheckProblem(f"the members of the {q.organ} and a majority of the other members counts the "
                               f"seats of the {organ}, which has none", span,
                               hint=f"declare them: organ {organ} \"...\" seated from membership NAME.")


def _article_base(num: str) -> str:
    """The article a paragraph belongs to: "15" for "15(6)"."""
    return num.split("(", 1)[0]


def _check_voting(clause: A.VotingClause, names: Names) -> None:
    if isinstance(clause, A.VotingRule):
        names.organ(clause.organ, clause.span)
        if clause.quota.kind == "two_thirds_members" and names.organs[clause.organ].seats is None:
            raise CheckProblem(f"two-thirds of the members of the {clause.organ} needs its seats",
                               clause.span, hint=f"declare them: organ {clause.organ} \"...\" seated from membership NAME.")
        if clause.quota.kind == "members_and_majority":
            _check_members_and_majority(clause, names)
        if clause.concurring:
            names.role(clause.concurring, clause.span)
        if clause.start and clause.until and clause.until <= clause.start:
            raise CheckProblem("the rule ends before it starts", clause.span)
        if clause.quota.kind == "count":
            if not clause.quota.n:
                raise CheckProblem("a decision needs at least one affirmative vote",
                                   clause.quota.span if clause.quota.span.line else clause.span)
            check_number(clause.quota.n, clause.quota.span, clause.span, "the number of affirmative votes", 1)
    elif isinstance(clause, A.VoteCountsAs):
        names.role(clause.role, clause.span)
        names.switch(clause.guard)
    elif isinstance(clause, (A.DoubleVeto, A.SeatVote, A.PurposeReach)):
        names.switch(clause.guard)
    elif isinstance(clause, (A.Precluding, A.SuspensionLaw)):
        for act in clause.save:
            names.action(act)
    elif isinstance(clause, A.PartyExclusion):
        if clause.scope == "chapter":
            check_number(int(clause.ref), clause.ref_span, clause.span, "the chapter number", 1)
    elif isinstance(clause, A.Proviso):
        check_number(clause.chapter, clause.chapter_span, clause.span, "the chapter number", 1)
        if clause.void:
            names.switch(clause.void)


def _check_norm(norm: A.Norm, ch: A.Charter, names: Names) -> None:
    if norm.excluding:
        if norm.modality in ("obl", "oblm"):
            raise CheckProblem("a duty does not reach the kinds of its act, so it has none to exclude",
                               norm.excluding[0].span, hint="'excluding' limits a prohibition, permission, "
                               "recommendation or power")
        _check_excluded_kinds(norm.act.verb, norm.excluding, names)
    bound: set[str] = set()
    for cond in norm.conditions:
        _check_fact(cond, names, ground=False)
        bound |= _vars_of(cond)
    for g in norm.guards:
        names.switch(g)
    for rider in (*norm.unless, *norm.until):
        _check_fact(rider.fact, names, ground=False)
        if rider.guard:
            names.switch(rider.guard)
    for var in _head_vars(norm):
        if var.name not in bound:
            raise CheckProblem(f"variable '{var.name}' is not bound by any condition of this norm", var.span,
                               expected="a variable that appears after 'when'",
                               hint=(f"bound here: {', '.join(sorted(bound))}" if bound else
                                     "this norm has no 'when' conditions"))
    b = norm.bearer
    if isinstance(b, A.RoleBearer):
        names.role(b.role, b.span)
    if isinstance(b, A.OrganBearer):
        names.organ(b.organ, b.span)
    names.action(norm.act.verb)
    for ref in (*norm.overriding, *norm.citing):
        names.article(ref, within=ch)


def _related(span: A.Span, note: str) -> Related:
    return Related(span, note)


# ------------------------------------------------------------------ scenarios


def _check_period(what: str, since: dt.date | None, until: dt.date | None, span: A.Span) -> None:
    """A stretch `from SINCE until UNTIL` written in a scenario ends after it begins."""
    if since is not None and until is not None and until <= since:
        raise CheckProblem(f"{what} would end ({until}) before it begins ({since})", span,
                           expected="a date after the 'from' date")


def check_scenario(sc: A.Scenario, names: Names, states: dict[str, str],
                   charter_ids: Iterable[str]) -> None:
    charter_ids = list(charter_ids)
    known_orgs = names.organisations()
    for ms in sc.memberships:
        if ms.organisation not in known_orgs:
            raise _unknown("organisation", ms.organisation, ms.span, known_orgs)
    declared: dict[str, A.StateDecl] = {}
    for st in sc.states:
        if st.code in declared:
            raise CheckProblem(f"state {st.code} is declared twice", st.span,
                               related=(Related(declared[st.code].span, "first declared here"),),
                               hint="declare each state once; list its organisations in one declaration "
                                    "(member of un, non-state from DATE)")
        declared[st.code] = st
        for k, (org, span) in enumerate(zip(st.member_of, st.org_spans)):
            if org not in known_orgs:
                raise _unknown("organisation", org, span, known_orgs)
            if org in st.member_of[:k]:
                raise CheckProblem(f"{st.code} is declared a member of {org} twice", span)
        _check_period(f"{st.code}'s membership", st.since, st.until, st.until_span)
    for sd in sc.seat_disputes:
        if sd.code not in states:
            raise _unknown("state", sd.code, sd.code_span, states)
        _check_period(f"the dispute over {sd.code}'s representation", sd.since, sd.until, sd.span)

    def state(term: A.Term | None) -> None:
        if isinstance(term, A.Const) and term.value not in states and term.value not in A.GROUP_ADDRESSEES:
            raise _unknown("state", term.value, term.span, states)

    objects = set(names.measures) | names.objects()    # what an expectation may name as an act's object
    for ev in sc.events:
        for fact, eff in ev.facts:
            if fact.kind in A.FOUND_KINDS:
                raise CheckProblem("a violation is what pyrule finds, not a fact a scenario states", fact.span,
                                   hint="record the act (or the omission); the charters' rules say whether it "
                                        "violates an article")
            if fact.kind == "member_of":
                raise CheckProblem("who belongs to an organisation is read from its membership table, not stated",
                                   fact.span, hint='load the table (membership nato from data "nato".) or declare '
                                                   'the state: state XAA "..." member of nato from DATE.')
            if fact.kind == "members_authorization":
                loaded = {ms.organisation for ms in sc.memberships} | {o for st in sc.states for o in st.member_of}
                org = fact.args[1]
                if isinstance(org, A.Const) and org.value not in loaded:
                    names.organisation(org.value, org.span)
                    raise CheckProblem(f"no membership of {org.value} is loaded, so no state would be authorized",
                                       org.span, hint=f'load it: membership {org.value} from data "{org.value}".')
            if fact.kind in A.RECORDED_KINDS:
                raise CheckProblem("who is a party in a vote is read from the vote's record, not stated",
                                   fact.span, hint="record the vote: the council votes on \"DRAFT\" under chapter 6 "
                                                   "in the dispute between XXX and YYY: ...")
            _check_fact(fact, names, ground=True)
            if fact.kind == "force" and fact.args[3] is None and not ev.ends:
                raise CheckProblem("give the scale of the force: the charters class it by its scale and effects",
                                   fact.span, expected="'on a small scale' or 'on a large scale' (and, if known, "
                                                       "'causing minor harm' or 'causing grave harm')",
                                   hint="or record it as classed already: 'armed attack by A on V', "
                                        "'less grave use of force by A on V'")
            for place, arg in zip(A.FACT_PLACES[fact.kind], fact.args):
                if place in A.STATE_PLACES:
                    state(arg)
                elif place in ("object", "measure") and isinstance(arg, A.Const):
                    if place == "measure" and names.measures and arg.value not in names.measures:
                        raise _unknown("measure", arg.value, arg.span, names.measures)
                    objects.add(arg.value)
            _check_not_against_itself(fact)
            if fact.place is not None:
                _check_place(fact.place, names, state)
            if eff is not None and eff < ev.date:
                raise CheckProblem("a clause cannot take effect before the day it is adopted", ev.span)
    _check_endings(sc)
    _check_purposes(sc)
    _check_mutual_suspensions(sc)
    drafts = {ev.vote.symbol for ev in sc.events if ev.vote}
    for ev in sc.events:
        for label in {ev.resolution, ev.vote.symbol if ev.vote else None} - {None}:
            _check_label(label, ev.vote.span if ev.vote else ev.span)  # type: ignore[arg-type]
        if ev.vote:
            _check_vote_numbers(ev.vote)
            names.organ(ev.vote.organ, ev.vote.span)
            for party in ev.vote.parties:
                state(A.Const(party, ev.vote.span))
            if len(set(ev.vote.parties)) < len(ev.vote.parties):
                raise CheckProblem(f"a dispute between {ev.vote.parties[0]} and itself", ev.vote.span,
                                   expected="the two parties to the dispute, each once")
            if ev.vote.article is not None:
                # an article of a loaded charter (a paragraph of one: "15(10)")
                names.article(A.ArticleRef(_article_base(ev.vote.article), ev.vote.chapter_span))
    objects |= drafts
    resolutions = {ev.resolution for ev in sc.events if ev.resolution} | drafts
    for ex in sc.expectations:
        check_claim(ex, names, state, objects, drafts, resolutions)


def _check_mutual_suspensions(sc: A.Scenario) -> None:
    """pyrule judges the breach a suspension rests on as it stands without
    suspensions (final.lp), which is right only if the party in breach has
    not itself suspended the treaty towards the suspending party: two
    suspensions of one treaty between the same two parties, each way, are
    refused rather than misjudged."""
    seen: dict[tuple, A.Fact] = {}
    for ev in sc.events:
        for f, _ in ev.facts:
            if f.kind != "suspension" or ev.ends:
                continue
            x, c, y, _ = (a.value if isinstance(a, A.Const) else None for a in f.args)
            other = seen.get((y, c, x))
            if other is not None:
                raise CheckProblem(f"{x} and {y} each suspend {c} towards the other: pyrule cannot weigh "
                                   "suspensions both ways", f.span,
                                   related=(Related(other.span, "the other suspension"),),
                                   hint="record the suspension whose ground came first; the other party's "
                                        "non-performance is then answered by it")
            seen[(x, c, y)] = f


def _check_purposes(sc: A.Scenario) -> None:
    """An act recorded for a purpose close to, but not the same as, the
    purpose of an authorization is a misspelling until shown otherwise: it
    would silently fall outside the authorization."""
    import difflib

    purposes = {f.purpose.value for ev in sc.events for f, _ in ev.facts if f.purpose and f.kind != "act"}
    for ev in sc.events:
        for f, _ in ev.facts:
            if f.kind == "act" and f.purpose and f.purpose.value not in purposes:
                near = difflib.get_close_matches(f.purpose.value, sorted(purposes), n=1, cutoff=0.85)
                if near:
                    raise CheckProblem(f"'{f.purpose.value}' is not the purpose of any authorization here",
                                       f.purpose.span, expected=f"one of: {', '.join(sorted(purposes))}, "
                                                                 "or another purpose", hint=f"did you mean '{near[0]}'?")


def check_claim(ex: A.Expectation, names: Names, state, objects: set[str], drafts: set[str],
                resolutions: set[str]) -> None:
    """The names an expectation (or a question to `explain`) uses are known:
    states, roles, organs, actions, objects, articles, switches, drafts."""
    for u in ex.under:
        names.switch(u)
    for sw in ex.contested_on:
        names.switch_name(sw.switch, sw.span)
    if ex.claim == "unread":
        assert ex.fact is not None
        _check_fact(ex.fact, names, ground=True)
        return
    if ex.claim == "adopt":
        assert ex.charter is not None
        names.organ(ex.charter, ex.charter_span)
    if ex.who == "draft":
        if ex.subject not in drafts:
            raise _unknown("draft (no vote on it in this scenario)", ex.subject, ex.subject_span, drafts)
        return
    if ex.claim == "authorizes" and ex.resolution not in resolutions:
        raise _unknown("text (no text of this scenario is adopted under that symbol)", ex.resolution or "",
                       ex.resolution_span, resolutions)
    for ref in (ex.winner, ex.loser, ex.article):
        if ref is not None:
            names.article(ref)
    if ex.charter is not None and ex.claim == "complies" and ex.charter not in names.charter_ids:
        raise _unknown("charter", ex.charter, ex.charter_span, names.charter_ids)
    if ex.act is None:
        if ex.who == "one":
            state(A.Const(ex.subject, ex.subject_span))
        return
    if ex.who == "one":
        state(A.Const(ex.subject, ex.subject_span))
    elif ex.who in ("every", "none"):
        names.role(ex.subject, ex.subject_span)
    elif ex.who == "organ":
        names.organ(ex.subject, ex.subject_span)
    names.action(ex.act.verb)
    if isinstance(ex.act.target, A.Const):
        state(ex.act.target)
    if isinstance(ex.act.obj, A.Const) and ex.act.obj.value not in objects:
        # a misspelt measure would match nothing, and a negative expectation pass for the wrong reason
        raise _unknown("object (no measure or fact of this scenario names it)", ex.act.obj.value,
                       ex.act.obj.span, objects)
    for ref in ex.sources:
        names.article(ref)
    for t in (ex.act.verb, ex.act.obj, ex.act.target):
        if isinstance(t, A.Var):
            raise CheckProblem(f"'{t.name}' is a variable; an expectation names states and actions",
                               t.span)



def _check_place(place: A.Place, names: Names, state) -> None:
    """A recorded place is a state's part (`the waters of MOZ`: a known
    state) or a place some loaded rule names (`high-seas`): a name no rule
    reads would change no answer, so it is taken for a misspelling."""
    if place.part is not None:
        state(place.state)
        if place.part not in names.place_parts:
            raise CheckProblem(f"no rule of the loaded charters reads an act in the {place.part} of a state",
                               place.span, expected="a place a rule names: " + (
                                   ", ".join([*sorted(names.places), *(f"the {p} of X" for p in sorted(names.place_parts))])
                                   or "none"),
                               hint="leave the place out, or load a charter whose rules read it")
        return
    name = place.name
    if isinstance(name, A.Var):
        raise CheckProblem(f"'{name.name}' is a variable, but a scenario speaks of named places", name.span,
                           expected="a place's name (high-seas) or 'the waters|airspace|territory of XXX'")
    if name.value not in names.places:  # type: ignore[union-attr]
        raise _unknown("place", name.value, name.span, names.places)  # type: ignore[union-attr]


def _check_not_against_itself(fact: A.Fact) -> None:
    """A recorded fact does not name one state on both sides: an act against
    oneself, an attack on oneself, a dispute with oneself. (What an organ
    says is left alone: the checker does not read the sense of its clauses.)"""
    if fact.kind not in _KIND_WORDS:
        return
    named: dict[str, str] = {}
    for place, arg in zip(A.FACT_PLACES[fact.kind], fact.args):
        if place in A.STATE_PLACES and isinstance(arg, A.Const) and arg.value != A.ALL_MEMBERS:
            if arg.value in named:
                raise CheckProblem(f"{arg.value} is both the {named[arg.value]} and the {place} of this "
                                   f"{_KIND_WORDS.get(fact.kind, fact.kind)}", arg.span,
                                   expected=f"a state other than {arg.value}")
            named[arg.value] = place


# the kinds of fact with two sides, and what each is called in a message
_KIND_WORDS = {"attack": "attack", "lesser_force": "use of force", "force": "use of force", "threat": "threat", "act": "act",
               "omission": "omission", "cooperation": "cooperation", "dispute": "dispute", "pending": "dispute",
               "report": "report",
               "extradition": "request", "unwilling": "fact", "case": "case", "government": "government"}


def _may_end(ending: A.Fact, fact: A.Fact) -> bool:
    """Whether an ending (`... ends.`) names this recorded fact: the same
    kind, and the same value in every place the ending fills."""
    return ending.kind == fact.kind and all(
        e is None or (isinstance(e, A.Const) and isinstance(f, A.Const) and e.value == f.value)
        for e, f in zip(ending.args, fact.args))


def _check_endings(sc: A.Scenario) -> None:
    """An ending ends facts the scenario records as begun by its day; one
    that matches none (a wrong state, a wrong date, a fact only a "counts
    as" rule derives) would end nothing, without a word. So does a clause
    that terminates measures no earlier text of its organ decided."""
    for ev in sc.events:
        for fact, eff in ev.facts:
            if fact.kind == "termination" and not ev.ends:
                organ, measure, target = fact.args
                wanted = A.Fact("measures", (organ, measure, target, None))
                if not any(_may_end(wanted, f) and (e or other.date) <= (eff or ev.date)
                           for other in sc.events if not other.ends for f, e in other.facts):
                    raise CheckProblem(f"nothing to terminate: no text of the {organ.value} decides measures "  # type: ignore[union-attr]
                                       f"{measure.value} against {target.value} by "  # type: ignore[union-attr]
                                       f"{(eff or ev.date).isoformat()}", fact.span,
                                       hint="a clause that terminates measures ends those an earlier text decided")
    for ev in sc.events:
        if not ev.ends:
            continue
        for ending, _ in ev.facts:
            if ending.kind == "membership":
                continue
            begun = [(other, f, eff or other.date) for other in sc.events if not other.ends
                     for f, eff in other.facts if _may_end(ending, f)]
            if any(start <= ev.date for _, _, start in begun):
                continue
            later = min((start for _, _, start in begun), default=None)
            what = describe_ending(ending)
            raise CheckProblem(f"nothing to end: no {what} is recorded as begun by {ev.date.isoformat()}",
                               ending.span,
                               hint=(f"the first one begins on {later.isoformat()}" if later else
                                     "an ending ends a fact an earlier event of the scenario records"))


def describe_ending(fact: A.Fact) -> str:
    from .results import describe_fact

    return describe_fact(fact) if fact.kind != "measures" else \
        f"measures {fact.args[1].value} against {fact.args[2].value}"  # type: ignore[union-attr]


def _check_label(label: str, span: A.Span) -> None:
    """The label of a text put to the vote or adopted names it in every
    answer: no control characters (a NUL byte, a tab) and not empty."""
    bad = next((ch for ch in label if unicodedata.category(ch) == "Cc"), None)
    if bad is not None:
        raise CheckProblem(f"the label {label!r} has a control character ({bad!r})", span,
                           expected='a label such as "S/RES/678 (1990)", in printable characters')
    if not label.strip():
        raise CheckProblem("the label of a text is empty", span, expected='a label such as "S/RES/678 (1990)"')


def _check_vote_numbers(vote: A.Vote) -> None:
    if vote.chapter is not None:
        check_number(vote.chapter, vote.chapter_span, vote.span, "the chapter number", 1)
    spans = vote.count_spans or (A.NOWHERE,) * len(vote.counts)
    for (way, n), span in zip(vote.counts, spans):
        check_number(n, span, vote.span, f"the number of votes {A.BALLOT_WORDS[way]}")


def check_roll_call(vote: A.Vote, day_of_vote: dt.date, seated: set[str], organ: A.Organ) -> None:
    """A roll call must name every member of the organ on the day of the vote
    exactly once, and nobody else; counts may not exceed the seats."""
    seen: dict[str, str] = {}
    for way, states in vote.roll:
        for st in states:
            if st.value in seen:
                raise CheckProblem(f"{st.value} is listed twice in the roll call "
                                   f"({A.BALLOT_WORDS[seen[st.value]]} and {A.BALLOT_WORDS[way]})", st.span)
            seen[st.value] = way
            if st.value not in seated:
                raise CheckProblem(f"{st.value} does not sit on the {organ.name} on {day_of_vote.isoformat()}",
                                   st.span, expected=f"one of: {', '.join(sorted(seated))}")
    if vote.counts:
        total = sum(n for _, n in vote.counts) + len(seen)
        if total > len(seated):
            raise CheckProblem(f"{total} votes counted, but the {organ.name} has {len(seated)} members on "
                               f"{day_of_vote.isoformat()}", vote.span)
        return
    missing = sorted(seated - set(seen))
    if missing:
        raise CheckProblem(f"the roll call does not add up: {', '.join(missing)} "
                           f"{'sits' if len(missing) == 1 else 'sit'} on the {organ.name} on "
                           f"{day_of_vote.isoformat()} but {'is' if len(missing) == 1 else 'are'} not listed",
                           vote.span, hint="list them under for, against, abstain, not voting or absent")


# ------------------------------------------------------------------ whole bundles


def check_charters(charters: tuple[A.Charter, ...]) -> Names:
    """Every check on charters loaded together; gives their names."""
    ids = [c.id for c in charters]
    dup = next((i for i in ids if ids.count(i) > 1), None)
    if dup is not None:
        raise LoadProblem(f"charter '{dup}' is loaded twice")
    names = Names(charters)
    for ch in charters:
        check_charter(ch, names)
    _check_priorities(charters)
    _check_counts_as_cycles(charters)
    _check_violation_cycles(charters, names)
    return names


def check_bundle(bundle: Bundle) -> None:
    """Every check on a scenario with its charters and membership data."""
    names = check_charters(bundle.charters)
    roster = bundle.roster()
    check_scenario(bundle.scenario, names, roster.names, [c.id for c in bundle.charters])
    _check_declared_against_data(bundle)
    seen: dict[str, A.Vote] = {}
    for ev in bundle.scenario.events:
        if ev.vote is None:
            continue
        if ev.vote.symbol in seen:
            raise CheckProblem(f"there is already a vote on '{ev.vote.symbol}'", ev.vote.span,
                               related=(Related(seen[ev.vote.symbol].span, "the first vote"),))
        seen[ev.vote.symbol] = ev.vote
        _check_vote(ev, ev.vote, names, roster)
    _check_preliminary_questions(bundle.scenario)


def _check_preliminary_questions(sc: A.Scenario) -> None:
    """A preliminary vote (whether a draft is procedural) is about a draft the
    same organ votes on that day, put as procedural or left for its text to
    class; any other would decide nothing."""
    votes = {ev.vote.symbol: (ev, ev.vote) for ev in sc.events if ev.vote and ev.vote.kind != "preliminary"}
    for ev in sc.events:
        pre = ev.vote
        if pre is None or pre.kind != "preliminary":
            continue
        assert pre.question is not None
        got = votes.get(pre.question)
        if got is None:
            guess = did_you_mean(pre.question, list(votes))
            raise CheckProblem(f"no vote on '{pre.question}' in this scenario for the preliminary question to decide",
                               pre.question_span, hint=f"did you mean '{guess}'?" if guess else
                               "record the vote on the draft itself, the same day")
        draft_ev, draft = got
        if draft_ev.date != ev.date or draft.organ != pre.organ:
            raise CheckProblem(f"the preliminary question on '{pre.question}' must be put to the {draft.organ} on "
                               f"the day of the vote on it ({draft_ev.date.isoformat()})", pre.span)
        if draft.kind not in ("procedural", "unstated"):
            raise CheckProblem(f"'{pre.question}' is recorded as a {draft.kind} matter, so no preliminary question "
                               f"arises", pre.question_span,
                               hint="a preliminary question is put on a draft said to be procedural")


def _check_declared_against_data(bundle: Bundle) -> None:
    """A state the loaded membership data has may be declared (to give it the
    name it had then, or a membership the data does not have), but not a
    member of an organisation whose table already dates its membership,
    unless the declaration says just what the table says: the table would
    still count, and the answers would not be the ones the writer meant."""
    rows: dict[tuple[str, str], list[tuple[dt.date, dt.date | None]]] = {}
    for m in bundle.members:
        rows.setdefault((m.code, m.organisation), []).append((m.start, m.end))
    for st in bundle.scenario.states:
        for org, span in zip(st.member_of, st.org_spans or (st.span,) * len(st.member_of)):
            known = rows.get((st.code, org))
            if not known or (st.since, st.until) in known:
                continue
            dates = "; ".join(f"from {a.isoformat()}" + (f" until {b.isoformat()}" if b else "") for a, b in known)
            raise CheckProblem(f"the membership data already dates {st.code}'s membership of {org} ({dates}); "
                               f"this declaration says otherwise", span,
                               hint=f"leave 'member of {org}' out: the data gives it (a declaration may give "
                                    f"the state's name then, or memberships the data does not have)")


def _check_vote(ev: A.Event, vote: A.Vote, names: Names, roster: Roster) -> None:
    organ = names.organs[vote.organ]
    if organ.seats is None:
        raise CheckProblem(f"the {organ.name} has no seats to vote with", vote.span,
                           hint=f'declare them: organ {organ.name} "{organ.title}" seated from membership NAME.')
    seated = roster.holders(organ.seats, ev.date)
    if not seated:
        raise CheckProblem(f"no membership data says who sits on the {organ.name} on {ev.date.isoformat()}",
                           vote.span, hint=f'load it in the scenario: membership {organ.seats} from data "..."')
    if any(way == "unknown" for way, _ in vote.counts):
        raise CheckProblem("unknown votes must be named, not counted", vote.span, hint="write: unknown ABC, DEF")
    check_roll_call(vote, ev.date, seated, organ)
    if vote.counts:
        _check_counted_against_members(ev, vote, names, roster, seated)


def _check_counted_against_members(ev: A.Event, vote: A.Vote, names: Names, roster: Roster,
                                   seated: set[str]) -> None:
    """Votes counted, not named, are another organ's members' or the others'
    for all the roll call tells: where `the members of the O2 and a majority
    of the other members` may decide the vote, each member of the O2 who sits
    must be named, so that the counts are the others' alone."""
    named = {st.value for _, states in vote.roll for st in states}
    for ch in names.charters.values():
        for art in ch.articles:
            for rule in art.voting:
                if not (isinstance(rule, A.VotingRule) and rule.organ == vote.organ
                        and rule.quota.kind == "members_and_majority" and rule.quota.organ in names.organs
                        and (rule.start is None or rule.start <= ev.date)
                        and (rule.until is None or ev.date < rule.until)
                        and (rule.matter != "article" or (vote.kind == "article" and vote.article == rule.article))):
                    continue
                o2 = names.organs[rule.quota.organ]
                missing = sorted((roster.holders(o2.seats, ev.date) & seated) - named) if o2.seats else []
                if missing:
                    raise CheckProblem(f"{', '.join(missing)} {'sits' if len(missing) == 1 else 'sit'} on the "
                                       f"{o2.name} on {ev.date.isoformat()}, whose members' votes article "
                                       f"{art.num} of {ch.id} counts apart, but "
                                       f"{'is' if len(missing) == 1 else 'are'} not named", vote.span,
                                       hint="name the members of the " + o2.name + " (for ABC, DEF; ...); "
                                            "only the other members' votes may be counted (42 for)")


def _check_priorities(charters: tuple[A.Charter, ...]) -> None:
    """Two charters may not both claim to prevail over the other."""
    claims: dict[str, list[tuple[str | None, A.Priority]]] = {}
    for ch in charters:
        for art in ch.articles:
            for pr in art.priorities:
                if pr.loser is None and pr.over_this is None:
                    claims.setdefault(ch.id, []).append((None, pr))        # over every other
                elif pr.over_this is not None:
                    claims.setdefault(pr.over_this, []).append((ch.id, pr))  # over this one
    ids = [c.id for c in charters]
    for a in ids:
        for b in ids:
            if a >= b:
                continue
            ab = [pr for over, pr in claims.get(a, []) if over in (None, b)]
            ba = [pr for over, pr in claims.get(b, []) if over in (None, a)]
            if ab and ba:
                raise CheckProblem(f"charters '{a}' and '{b}' each claim to prevail over the other", ab[0].span,
                                   related=(Related(ba[0].span, f"'{b}' claims priority here"),))


def _may_feed(head: A.Fact, cond: A.Fact, roles: dict[str, str]) -> bool:
    """Whether a fact derived as `head` could match the condition `cond`:
    the same kind, and no place where both name different things."""
    if head.kind != cond.kind:
        return False
    for j, (h, c) in enumerate(zip(head.args, cond.args)):
        if isinstance(h, A.Const) and isinstance(c, A.Const):
            hv, cv = h.value, c.value
            if head.kind == "membership" and j == 1:
                hv, cv = roles.get(hv, hv), roles.get(cv, cv)
            if hv != cv:
                return False
        elif (h is None) != (c is None) and not isinstance(h, A.Var) and not isinstance(c, A.Var):
            return False
    return True


def _check_violation_cycles(charters: tuple[A.Charter, ...], names: Names) -> None:
    """A rule that reads a violation ("when A violates article N ...") is
    stratified by construction: the articles it reads lie below its own.
    A rule that would depend on the violation of its own article, directly or
    through other such rules, is an error naming the rules on the cycle."""
    readers: dict[tuple[str, str], list[tuple[A.Norm, A.Fact]]] = {}
    for ch in charters:
        for art in ch.articles:
            for rule in art.rules:
                if isinstance(rule, A.Norm):
                    for cond in rule.conditions:
                        if cond.kind in A.FOUND_KINDS:
                            _check_violated_article(cond, charters, names)
                            readers.setdefault((ch.id, art.num), []).append((rule, cond))
    ids = [ch.id for ch in charters]

    def read_by(cond: A.Fact) -> list[tuple[str, str]]:
        charter, article = cond.args[1], cond.args[2]
        assert isinstance(article, A.Const)
        within = [charter.value] if isinstance(charter, A.Const) else ids
        return [(c, article.value) for c in within]

    for start in readers:
        stack: list[tuple[tuple[str, str], list[A.Norm]]] = [(start, [])]
        seen: set[tuple[str, str]] = set()
        while stack:
            node, trail = stack.pop()
            for rule, cond in readers.get(node, []):
                for below in read_by(cond):
                    if below == start:
                        on = trail + [rule]
                        raise CheckProblem(
                            f"this rule depends on the violation of its own article {start[1]} ({start[0]})"
                            + (f", through {len(on) - 1} other rule(s)" if len(on) > 1 else "")
                            + ": what it says would decide whether it is broken", on[0].span,
                            related=tuple(Related(r.span, "part of the cycle") for r in on[1:]),
                            hint="a rule about a violation belongs to another article (state responsibility "
                                 "reads the primary rule it follows)")
                    if below not in seen:
                        seen.add(below)
                        stack.append((below, trail + [rule]))


def _check_violated_article(cond: A.Fact, charters: tuple[A.Charter, ...], names: Names) -> None:
    """The article a violation condition names is an article of a loaded
    charter (of the one it names, if it names one): else it would never be
    violated, without a word."""
    charter, article = cond.args[1], cond.args[2]
    assert isinstance(article, A.Const)
    within = None
    if isinstance(charter, A.Const):
        within = next((ch for ch in charters if ch.id == charter.value), None)
        if within is None:
            raise _unknown("charter (not loaded)", charter.value, charter.span, [ch.id for ch in charters])
    names.article(A.ArticleRef(article.value, article.span), within=within)


def _check_counts_as_cycles(charters: tuple[A.Charter, ...]) -> None:
    """"Counts as" rules that could derive each other in a cycle would derive
    facts without end; the error names exactly the rules on the cycle."""
    roles = {r.name: r.membership for ch in charters for r in ch.roles}
    rules = [r for ch in charters for art in ch.articles for r in art.rules if isinstance(r, A.CountsAs)]
    feeds = {k: [m for m, other in enumerate(rules) if _may_feed(rule.head, other.condition, roles)]
             for k, rule in enumerate(rules)}
    state: dict[int, int] = {}          # 1: on the path being walked, 2: done
    path: list[int] = []

    def walk(k: int) -> list[int] | None:
        state[k] = 1
        path.append(k)
        for m in feeds[k]:
            if state.get(m) == 1:
                return path[path.index(m):]
            if m not in state:
                found = walk(m)
                if found:
                    return found
        path.pop()
        state[k] = 2
        return None

    for k in range(len(rules)):
        if k not in state:
            cycle = walk(k)
            if cycle:
                first, rest = rules[cycle[0]], [rules[m] for m in cycle[1:]]
                what = "derives itself, a cycle" if not rest else \
                    f"and {len(rest)} other rule(s) derive each other in a cycle"
                raise CheckProblem(f"this 'counts as' rule {what}: the facts derived would never end", first.span,
                                   related=tuple(Related(r.span, "part of the cycle") for r in rest))
