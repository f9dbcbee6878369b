"""Parsing: charter and scenario text to the typed syntax tree.

Takes source text (and the file name to report); gives a `Charter` or a
`Scenario` from `pyrule.ast`, or raises `SyntaxProblem` with the position, the
line and a caret, the tokens that would have been accepted, and a "did you
mean" when the unexpected word is close to a keyword. The grammar is the data
file `grammars/pyrule.lark`; this module only maps its rules to AST nodes.

Lark builds the LALR tables and the contextual lexer; `pyrule.parse_driver`
runs them in one fast loop that calls the AST builder below as each rule is
reduced (no parse tree is built). When the text has a syntax error, lark's
own parser runs on it to raise the error, and `pyrule.parse_errors` turns it
into a `SyntaxProblem`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from typing import Any

from lark import Lark, Token
from lark.exceptions import UnexpectedInput

from . import ast as A
from .errors import CheckProblem, PyruleError, SyntaxProblem
from .gcpause import collector_paused
from .parse_driver import Driver, NotParsed
from .parse_errors import syntax_error
from .parse_fast import fast_events
from .resources import resource_path

_GRAMMAR = resource_path("grammars", "pyrule.lark").read_text(encoding="utf-8")
_STARTS = ["charter_file", "scenario_file", "assumption", "question"]

KEYWORDS = frozenset(re.findall(r'"([a-z][a-z-]*)"', _GRAMMAR))
# Words the grammar uses only where no name can stand (a ballot list), so that
# they may name an action as well: `GBR must abstain "S/3710"` (Art 27(3)),
# or a circumstance ("distress", which a fact's form uses only after
# "extreme humanitarian": `... under distress`, ARSIWA Art 24).
NAMEABLE = frozenset({"abstain", "distress"})


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    """The LALR parser with the AST builder inlined (no parse tree is built).

    cache=True: Lark keeps the LALR tables in a temporary file named by the
    grammar's hash, so the command line starts fast."""
    return Lark(_GRAMMAR, parser="lalr", lexer="contextual", maybe_placeholders=False, start=_STARTS,
                transformer=_BUILD, cache=True)


@functools.lru_cache(maxsize=1)
def _driver() -> Driver | None:
    """The fast loop over the parser's tables, or None if this version of
    lark is not laid out as the driver expects (lark's own loop then parses)."""
    try:
        return Driver(_parser())
    except (AttributeError, AssertionError, KeyError, TypeError):
        return None


_new_tuple = tuple.__new__


def _span(file: str, tok: Token) -> A.Span:
    return _new_tuple(A.Span, (file, tok.line, tok.column, tok.end_line, tok.end_column))


def _date(tok: Token, file: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(tok)
    except ValueError:
        raise CheckProblem(f"'{tok}' is not a real calendar date", _span(file, tok),
                           expected="a date YYYY-MM-DD that exists") from None
    if day > A.LAST_DATE:
        raise CheckProblem(f"'{tok}' is too late: pyrule reckons days up to {A.LAST_DATE.isoformat()}",
                           _span(file, tok), expected=f"a date up to {A.LAST_DATE.isoformat()}")
    return day


def _int(tok: Token) -> int:
    """A number as written; one too long for Python to read is taken as one
    past the largest the language accepts (the checker says it is too large)."""
    digits = tok.lstrip("0") or "0"
    return int(digits) if len(digits) <= 18 else A.MAX_NUMBER + 1


def _string(tok: Token) -> str:
    return str(tok)[1:-1]


def _term(tok: Token, file: str) -> A.Term:
    span = _new_tuple(A.Span, (file, tok.line, tok.column, tok.end_line, tok.end_column))
    return A.Var(tok.value, span) if tok.type == "VAR" else A.Const(tok.value, span)


def _edge(items: Any, end: int) -> Any:
    """The first (end=0) or last (end=-1) positioned item: a token, or the
    span of an AST node (keywords carry no position); both have `line`,
    `column`, `end_line` and `end_column`."""
    for x in (items if end == 0 else reversed(items)):
        kind = x.__class__
        if kind is Token:
            return x
        if kind is tuple or kind is list:
            found = _edge(x, end)
            if found is not None:
                return found
        elif kind is not str and x is not None:
            span = getattr(x, "span", None)
            if span is not None and span.line:
                return span
    return None


def _act_parts(c: list) -> tuple:
    """(verb, object, target, preposition) from the children `verb object? target?`."""
    obj = target = prep = None
    for x in c[1:]:
        if x[0] == "object":
            obj = x[1]
        elif x[0] == "target":
            _, target, prep = x
    return c[0], obj, target, prep


class _Build:
    """Maps grammar rules (by name) to AST nodes: each method takes the rule's
    already-built children. Lark's callbacks call it as each rule is reduced,
    so no parse tree is ever built. Helpers start with an underscore, so that
    no grammar rule can reach them."""

    def __init__(self, file: str) -> None:
        self.file = file

    def _sp(self, c: list) -> A.Span:
        """The span of a rule's text: from its first to its last positioned child."""
        first = _edge(c, 0)
        if first is None:
            return A.Span(self.file, 0, 0, 0, 0)
        last = _edge(c, -1)
        return _new_tuple(A.Span, (self.file, first.line, first.column, last.end_line, last.end_column))

    def _name(self, tok: Token) -> A.Term:
        if tok.value in KEYWORDS and tok.type == "NAME" and tok.value not in NAMEABLE:
            raise SyntaxProblem(f"'{tok}' is a reserved word and cannot be used as a name",
                                _span(self.file, tok))
        return _term(tok, self.file)

    # ---- charters
    def charter_header(self, c):
        until = _date(c[3], self.file) if len(c) > 3 else None
        if until is not None and until <= _date(c[2], self.file):
            raise CheckProblem("the charter would end before it enters into force", _span(self.file, c[3]),
                               expected="a date after the entry into force")
        return ("header", str(c[0]), _string(c[1]), _date(c[2], self.file), self._sp(c), until)

    def organ_decl(self, c):
        return A.Organ(str(c[0]), _string(c[1]), self._sp(c), str(c[2]) if len(c) > 2 else None)

    def seating(self, c):
        return c[0]

    # ---- voting rules
    def m_procedural(self, c): return "procedural"
    def m_other(self, c): return "other"
    def m_all(self, c): return "all"
    def m_article(self, c): return ("article", str(c[0]), _span(self.file, c[0]))
    def q_count(self, c): return A.Quota("count", _int(c[0]), _span(self.file, c[0]))
    def q_unanimity(self, c): return A.Quota("unanimity")
    def q_consensus(self, c): return A.Quota("consensus")
    def q_two_thirds(self, c): return A.Quota("two_thirds")
    def q_two_thirds_members(self, c): return A.Quota("two_thirds_members")
    def q_majority(self, c): return A.Quota("majority")

    def q_members_and_majority(self, c):
        return A.Quota("members_and_majority", organ=str(c[0]), organ_span=_span(self.file, c[0]))

    def concurring(self, c):
        return ("concurring", str(c[0]))

    def period_from(self, c):
        return ("period", _date(c[0], self.file), _date(c[1], self.file) if len(c) > 1 else None)

    def period_until(self, c):
        return ("period", None, _date(c[0], self.file))

    def voting_rule(self, c):
        organ, matter, quota = str(c[0]), c[1], c[2]
        extra = {x[0]: x for x in c[3:]}
        start, until = extra["period"][1:] if "period" in extra else (None, None)
        role = extra["concurring"][1] if "concurring" in extra else None
        if isinstance(matter, tuple):           # matters under article N
            return A.VotingRule(organ, "article", quota, role, start, until, self._sp(c), matter[1], matter[2])
        return A.VotingRule(organ, matter, quota, role, start, until, self._sp(c))

    def w_absent(self, c): return "absent"
    def w_abstain(self, c): return "abstain"

    def vote_counts_as(self, c):
        return A.VoteCountsAs(c[0], str(c[1]), c[2], self._sp(c))

    def double_veto(self, c):
        return A.DoubleVeto(c[0], self._sp(c))

    def proviso_void(self, c):
        return c[0]

    def procedural_text(self, c):
        return A.ProceduralText(c[0], self._sp(c))

    def p_referral(self, c): return "referral"

    def seat_vote(self, c):
        return A.SeatVote(c[0], self._sp(c))

    def seat_dispute(self, c):
        until = _date(c[2][1], self.file) if len(c) > 2 else None
        return A.SeatDispute(str(c[0]), _date(c[1], self.file), until, self._sp(c), _span(self.file, c[0]))

    def proviso(self, c):
        return A.Proviso(_int(c[0]), c[1] if len(c) > 1 else None, self._sp(c), _span(self.file, c[0]))

    def party_exclusion(self, c):
        scope, ref, span = c[0]
        whole = self._sp(c)         # keywords carry no position: the clause is placed at its number
        return A.PartyExclusion(scope, ref, whole if whole.line else span, span)

    def scope_chapter(self, c):
        return ("chapter", str(_int(c[0])), _span(self.file, c[0]))

    def scope_article(self, c):
        return ("article", str(c[0]), _span(self.file, c[0]))

    def role_decl(self, c):
        return A.Role(str(c[0]), _string(c[1]), str(c[2]), self._sp(c), _span(self.file, c[2]), len(c) > 3)

    def declared(self, c):
        return True

    def action_decl(self, c):
        self._name(c[0])
        kind = next((x[1] for x in c[2:] if isinstance(x, tuple) and x[0] == "kind"), None)
        others = next((x[1] for x in c[2:] if isinstance(x, tuple) and x[0] == "incompatible"), ())
        return A.Action(str(c[0]), _string(c[1]), self._sp(c), others, kind)

    def kind_of(self, c):
        return ("kind", A.Const(str(c[0]), _span(self.file, c[0])))

    def incompatible(self, c):
        return ("incompatible", tuple(A.Const(str(t), _span(self.file, t)) for t in c))

    def measure_decl(self, c):
        self._name(c[0])
        return A.Measure(str(c[0]), _string(c[1]), tuple(c[2:]), self._sp(c))

    def measure_act(self, c):
        return (A.Const(str(c[0]), _span(self.file, c[0])), c[1][1])

    def s_prevailing(self, c): return "prevailing"
    def s_settled(self, c): return "settled"

    def position(self, c):
        standing = c[2] if len(c) > 2 else None
        return A.Position(str(c[0]), _string(c[1]), standing in ("prevailing", "settled"), self._sp(c),
                          standing == "settled")

    def switch_decl(self, c):
        return A.Switch(str(c[0]), _string(c[1]), tuple(c[2:]), self._sp(c))

    def principle(self, c):
        return str(c[1])

    def priority_decl(self, c):
        if len(c) == 1:
            return A.Priority(c[0], None, None, self._sp(c))
        return A.Priority(c[1], A.ArticleRef("this", self._sp(c)), c[0], self._sp(c))

    def deference(self, c):
        return A.Priority(c[1], None, None, self._sp(c), over_this=str(c[0]))

    def permission_priority(self, c):
        refs = tuple(x for x in c if isinstance(x, A.ArticleRef))
        guard = next((x for x in c if isinstance(x, A.SwitchCond)), None)
        return A.Priority(c[-1], None, None, self._sp(c), permissions=refs, guard=guard)

    def artref(self, c):
        return A.ArticleRef(str(c[0]), self._sp(c))

    def article(self, c):
        rules = tuple(x for x in c[2:] if isinstance(x, (A.Norm, A.CountsAs)))
        prios = tuple(x for x in c[2:] if isinstance(x, A.Priority))
        voting = tuple(x for x in c[2:] if isinstance(x, (A.VotingRule, A.VoteCountsAs, A.DoubleVeto, A.Proviso,
                                                           A.SeatVote, A.ProceduralText, A.PurposeReach,
                                                           A.PartyExclusion, A.Precluding,
                                                           A.SuspensionLaw)))
        span = self._sp(c)
        # (a statement made of keywords only has no position of its own: it is the article's)
        voting = tuple(dataclasses.replace(x, span=span) if isinstance(x, A.ProceduralText) and not x.span.line
                       or isinstance(x, A.SuspensionLaw) else x for x in voting)
        return A.Article(str(c[0]), _string(c[1]), rules, prios, span, voting)

    def when_clause(self, c):
        return ("when", tuple(c))

    def switch_cond(self, c):
        return A.SwitchCond(str(c[0]), str(c[1]), self._sp(c))

    def bearer_role(self, c):
        return A.RoleBearer(str(c[0]), c[1] if len(c) > 1 else (), self._sp(c))

    def bearer_one(self, c):
        return A.OneBearer(_term(c[0], self.file), self._sp(c))

    def bearer_organ(self, c):
        return A.OrganBearer(str(c[0]), self._sp(c))

    def other_than(self, c):
        return tuple(_term(x, self.file) for x in c)

    def forb(self, c): return "forb"
    def obl(self, c): return "obl"
    def perm(self, c): return "perm"
    def rec(self, c): return "rec"
    def power(self, c): return "power"

    def verb(self, c):
        return self._name(c[0])

    def object(self, c):
        if c[0].type == "STRING":        # a draft: "S/3710"
            return ("object", A.Const(_string(c[0]), _span(self.file, c[0])))
        return ("object", self._name(c[0]))

    def target(self, c):
        return ("target", _term(c[-1], self.file), c[0][1])

    def p_against(self, c): return ("prep", "against")
    def p_with(self, c): return ("prep", "with")
    def p_to(self, c): return ("prep", "to")
    def p_from(self, c): return ("prep", "from")
    def p_for(self, c): return ("prep", "for")

    def any_target(self, c):
        return ("target", A.AnyState(_span(self.file, c[1])), c[0][1])

    def act_spec(self, c):
        verb, obj, target, prep = _act_parts(c)
        return A.ActSpec(verb, obj, target, self._sp(c), prep=prep)

    def overriding(self, c):
        return ("overriding", tuple(c))

    def citing(self, c):
        return ("citing", tuple(c))

    def guarded(self, c):
        return A.Guarded(c[0], c[1] if len(c) > 1 else None, self._sp(c))

    def unless(self, c):
        return ("unless", c[0])

    def until(self, c):
        return ("until", c[0])

    def until_after(self, c):
        return ("until", dataclasses.replace(c[1], after=c[0]))

    def _lapse(self, c, unit: str, factor: int, word: str):
        n = int(c[0])
        span = self._sp(c)
        if n < 1:
            raise CheckProblem(f"a period of {n} {word}s ends the day it begins", span,
                               expected="a number of at least 1", hint="to end the norm on the day of the fact, "
                               "write 'until FACT'")
        return A.Period(n * factor, unit, f"{n} {word}{'s' if n != 1 else ''}", span)

    def lapse_days(self, c): return self._lapse(c, "days", 1, "day")
    def lapse_weeks(self, c): return self._lapse(c, "days", 7, "week")
    def lapse_months(self, c): return self._lapse(c, "months", 1, "month")
    def lapse_years(self, c): return self._lapse(c, "months", 12, "year")

    def norm(self, c):
        conds: tuple = ()
        rest = list(c)
        if rest and isinstance(rest[0], tuple) and rest[0][0] == "when":
            conds = rest.pop(0)[1]
        bearer, modality, act = rest[0], rest[1], rest[2]
        riders = [r for r in rest[3:] if r != ("means",)]
        if ("means",) in rest[3:]:
            if modality != "obl":
                raise CheckProblem("only an obligation ('must') can leave the choice of means", self._sp(c))
            modality = "oblm"
        facts = tuple(x for x in conds if isinstance(x, A.Fact))
        guards = tuple(x for x in conds if isinstance(x, A.SwitchCond))

        def collect(kind):
            out = []
            for r in riders:
                if r[0] == kind:
                    out.extend(r[1] if isinstance(r[1], tuple) else (r[1],))
            return tuple(out)

        return A.Norm(facts, guards, bearer, modality, act, collect("overriding"), collect("citing"),
                      collect("unless"), collect("until"), self._sp(c), collect("excluding"),
                      ("retroactive",) in riders)

    def retroactive(self, c):
        return ("retroactive",)

    def excluding_rider(self, c):
        return ("excluding", tuple(c))

    def counts_as(self, c):
        return A.CountsAs(c[0], c[1], self._sp(c), tuple(c[2:]))

    def charter_file(self, c):
        _, cid, title, in_force, span, until = c[0]
        items = c[1:]
        pick = lambda cls: tuple(x for x in items if isinstance(x, cls))  # noqa: E731
        return A.Charter(cid, title, in_force, pick(A.Organ), pick(A.Role), pick(A.Action),
                         pick(A.Switch), pick(A.Article), pick(A.Priority), self.file, span, pick(A.Measure), until)

    # ---- facts
    def _fact(self, c, kind, args):
        return A.Fact(kind, tuple(args), self._sp(c))

    def attack(self, c):
        region = _term(c[2], self.file) if len(c) > 2 else None
        return self._fact(c, "attack", [_term(c[0], self.file), _term(c[1], self.file), region])

    def lesser_force(self, c):
        region = _term(c[2], self.file) if len(c) > 2 else None
        return self._fact(c, "lesser_force", [_term(c[0], self.file), _term(c[1], self.file), region])

    def force(self, c):
        region = scale = harm = None
        for x in c[2:]:
            if isinstance(x, tuple):
                if x[0] == "scale":
                    scale = x[1]
                else:
                    harm = x[1]
            else:
                region = _term(x, self.file)
        return self._fact(c, "force", [_term(c[0], self.file), _term(c[1], self.file), region, scale, harm])

    def force_scale(self, c):
        return ("scale", A.Const(str(c[0]), _span(self.file, c[0])))

    def force_harm(self, c):
        return ("harm", A.Const(str(c[0]), _span(self.file, c[0])))

    def threat(self, c):
        return self._fact(c, "threat", [_term(c[0], self.file), _term(c[1], self.file), c[2]])

    def i_imminent(self, c):
        return A.Const("imminent", self._sp(c))

    def i_feared(self, c):
        return A.Const("feared", self._sp(c))

    def case(self, c):
        return self._fact(c, "case", [A.Const(str(c[0]), _span(self.file, c[0])), _term(c[1], self.file),
                                         _term(c[2], self.file)])

    def membership(self, c):
        if len(c) > 2:                      # "X is a member of G"
            if str(c[1]) != "member":
                raise CheckProblem(f"'of' after a role: membership of an organisation is written 'is a member of'",
                                   _span(self.file, c[1]), expected="'X is a member of ORGANISATION'",
                                   hint=f"or, for the role, 'X is a {c[1]}' alone")
            return self._fact(c, "member_of", [_term(c[0], self.file), c[2]])
        return self._fact(c, "membership", [_term(c[0], self.file), A.Const(str(c[1]), _span(self.file, c[1]))])

    def member_of(self, c):
        return _term(c[0], self.file)

    def own_means(self, c):
        return ("means",)

    def dispute(self, c):
        return self._fact(c, "dispute", [_term(c[0], self.file), _term(c[1], self.file)])

    def pending(self, c):
        return self._fact(c, "pending", [_term(c[0], self.file), _term(c[1], self.file), _term(c[2], self.file)])

    def request(self, c):
        return self._fact(c, "request", [_term(c[0], self.file)])

    def request_from(self, c):
        if len(c) == 2 and c[1].type != "NAME":         # from a state (or a variable)
            return self._fact(c, "request_from", [_term(c[0], self.file), _term(c[1], self.file), None])
        return self._fact(c, "request_from", [_term(c[0], self.file), None,
                                              A.Const(str(c[1]), _span(self.file, c[1]))])

    def consultation(self, c):
        organ = A.Const(str(c[1]), _span(self.file, c[1])) if len(c) > 1 else None
        return self._fact(c, "consultation", [_term(c[0], self.file), organ])

    def consent(self, c):
        return self._fact(c, "consent", [_term(c[0], self.file), c[1], _term(c[2], self.file)])

    def breach(self, c, kind: str = "breach"):
        charter = next((A.Const(str(x), _span(self.file, x)) for x in c[2:] if getattr(x, "type", "") == "NAME"), None)
        target = next((_term(x, self.file) for x in c[2:] if getattr(x, "type", "") != "NAME"), None)
        return self._fact(c, kind, [_term(c[0], self.file), charter, A.Const(str(c[1]), _span(self.file, c[1])),
                                    target])

    def breached(self, c):
        return self.breach(c, "breached")

    def government(self, c):
        return self._fact(c, "government", [_term(c[0], self.file), _term(c[1], self.file)])

    def invitation(self, c):
        return self._fact(c, "consent", [_term(c[0], self.file), A.Const("invitation", _span(self.file, c[0])),
                                         _term(c[1], self.file)])

    def scope_force(self, c):
        return A.Const("force", self._sp(c))

    def scope_presence(self, c):
        return A.Const("presence", self._sp(c))

    def party_vote(self, c):
        organ = A.Const(str(c[1]), _span(self.file, c[1]))
        chapter = A.Const(str(int(c[3])), _span(self.file, c[3]))
        return self._fact(c, "party_vote", [_term(c[0], self.file), organ, c[2][1], chapter])

    def internal_conflict(self, c):
        return self._fact(c, "internal_conflict", [_term(c[0], self.file)])

    def extradition(self, c):
        return self._fact(c, "extradition", [_term(c[0], self.file), c[1][1], _term(c[2], self.file)])

    def cooperation(self, c):
        return self._fact(c, "cooperation", [_term(c[0], self.file), _term(c[1], self.file)])

    def domestic(self, c):
        return self._fact(c, "domestic", [_term(c[0], self.file)])

    def distress(self, c):
        return self._fact(c, "distress", [_term(c[0], self.file)])

    def unwilling(self, c):
        return self._fact(c, "unwilling", [_term(c[0], self.file), _term(c[1], self.file)])

    def enforcement(self, c):
        return self._fact(c, "enforcement", [_term(c[0], self.file)])

    def act(self, c, kind: str = "act"):
        span = self._sp(c)
        plea = c[-1][1] if isinstance(c[-1], tuple) and c[-1][0] == "plea" else None
        if plea is not None:
            c = c[:-1]
        purpose = c[-1][1] if isinstance(c[-1], tuple) and c[-1][0] == "purpose" else None
        if purpose is not None:
            c = c[:-1]
        place = c[-1] if isinstance(c[-1], A.Place) else None
        verb, obj, target, prep = _act_parts(c[1:-1] if place else c[1:])
        return A.Fact(kind, (_term(c[0], self.file), verb, obj, target), span, prep, place=place,
                      purpose=purpose, plea=plea)

    def purpose(self, c):
        return ("purpose", A.Const(str(c[0]), _span(self.file, c[0])))

    def plea(self, c):
        return ("plea", self._name(c[0]))

    def precluding(self, c):
        return A.Precluding(self._name(c[0]), c[1] if len(c) > 1 else (), self._sp(c))

    def save_acts(self, c):
        return tuple(c)

    def suspension_law(self, c):
        return A.SuspensionLaw(c[0] if c else (), self._sp(c))

    def suspension(self, c):
        treaty = A.Const(str(c[1]), _span(self.file, c[1]))
        article = A.Const(str(c[3]), _span(self.file, c[3]))
        return self._fact(c, "suspension", [_term(c[0], self.file), treaty, _term(c[2], self.file), article])

    def purpose_reach(self, c):
        return A.PurposeReach(c[0], self._sp(c))

    def omission(self, c):
        return self.act(c, "omission")

    def place_named(self, c):
        return A.Place(name=_term(c[0], self.file), span=self._sp(c))

    def place_of_state(self, c):
        return A.Place(part=c[0], state=_term(c[1], self.file), span=self._sp(c))

    def pp_waters(self, c): return "waters"
    def pp_airspace(self, c): return "airspace"
    def pp_territory(self, c): return "territory"

    def flag(self, c):
        return self._fact(c, "flag", [_term(c[0], self.file), _term(c[1], self.file)])

    def destination(self, c):
        return self._fact(c, "destination", [_term(c[0], self.file), _term(c[1], self.file)])

    def agreement(self, c):
        return self._fact(c, "agreement", [_term(c[0], self.file), A.Const(str(c[1]), _span(self.file, c[1]))])

    def organ_fact(self, c):
        organ = _term(c[0], self.file)
        clause = c[1]
        if len(clause) > 5 and clause[5]:
            raise CheckProblem("'for the purpose of' belongs to the clause of a text, not to a rule's condition",
                               clause[5].span, hint="a charter says how far a purpose reaches: 'an authorization "
                                                    "reaches only its purpose where IS-X is P.'")
        if len(clause) > 3 and clause[3]:
            raise CheckProblem("'excluding' belongs to the clause of a text, not to a rule's condition",
                               clause[3][0].span, hint="a rule reads the authorization; the text says what it excludes")
        return A.Fact(clause[0], (organ, *clause[1]), self._sp(c), clause[2] if len(clause) > 2 else None,
                      chapter=clause[4] if len(clause) > 4 else None)

    def determines(self, c):
        finding = A.Const(str(c[0]), _span(self.file, c[0]))
        return ("determination", [finding, _term(c[1], self.file) if len(c) > 1 else None])

    def decides_measures(self, c):
        return ("measures", [c[0][1], _term(c[1], self.file), A.Const(c[2].num, c[2].span)])

    def terminates(self, c):
        return ("termination", [c[0][1], _term(c[1], self.file)])

    def all_members(self, c):
        return A.Const(A.ALL_MEMBERS, self._sp(c))

    def all_states(self, c):
        return A.Const(A.ALL_STATES, self._sp(c))

    def _addressed(self, kind, c):
        tag = c[-1] if c and isinstance(c[-1], A.ChapterTag) else None
        if tag is not None:
            c = c[:-1]
        verb, obj, target, prep = _act_parts(c[1:])
        who = c[0] if isinstance(c[0], A.Const) else _term(c[0], self.file)
        return (kind, [who, verb, obj, target], prep, (), tag)

    def chapter_under(self, c):
        return A.ChapterTag("under", _int(c[0]), _span(self.file, c[0]))

    def chapter_outside(self, c):
        return A.ChapterTag("outside", _int(c[0]), _span(self.file, c[0]))

    def adopted_under(self, c):
        return A.ChapterTag("under", _int(c[0]), _span(self.file, c[0]))

    def decides_that(self, c): return self._addressed("decision", c)
    def indicates(self, c): return self._addressed("provisional_measure", c)
    def adjudges(self, c): return self._addressed("judgment", c)

    def authorizes_members_of(self, c):
        verb, obj, target, prep = _act_parts(c[1:])
        return ("members_authorization", [_term(c[0], self.file), verb, obj, target], prep)

    def authorizes_organ(self, c):
        verb, obj, target, prep = _act_parts(c[1:])
        return ("organ_authorization", [A.Const(str(c[0]), _span(self.file, c[0])), verb, obj, target], prep)
    def demands(self, c): return self._addressed("demand", c)
    def calls_upon(self, c): return self._addressed("call", c)
    def recommends(self, c): return self._addressed("recommendation", c)
    def authorizes(self, c):
        excluding = c[-1][1] if c and isinstance(c[-1], tuple) and c[-1][0] == "excluding" else ()
        if excluding:
            c = c[:-1]
        purpose = c[-1][1] if c and isinstance(c[-1], tuple) and c[-1][0] == "purpose" else None
        if purpose is not None:
            c = c[:-1]
        kind, args, prep, _, _ = self._addressed("authorization", c)
        return (kind, args, prep, excluding, None, purpose)

    def exclusion(self, c):
        return ("excluding", tuple(c))

    def stance_clause(self, c):
        verb, obj, target, prep = _act_parts(c[2:])
        return ("statement", [c[0], _term(c[1], self.file), verb, obj, target, None], prep)

    def president_fact(self, c):
        organ = _term(c[0], self.file)
        kind, args, prep = c[1]
        return A.Fact(kind, (organ, *args[:-1], A.Const("president", organ.span)), self._sp(c), prep)

    def _stance(self, word, c):
        return A.Const(word, self._sp(c))

    def st_condemns(self, c): return self._stance("condemns", c)
    def st_deplores(self, c): return self._stance("deplores", c)
    def st_welcomes(self, c): return self._stance("welcomes", c)
    def st_commends(self, c): return self._stance("commends", c)

    def statement_event(self, c):
        organ = A.Const(str(c[0]), _span(self.file, c[0]))
        facts = self._clauses(organ, c[2:], None)
        for fact, _ in facts:
            if fact.kind != "statement":
                raise CheckProblem("a president's statement binds no one: it may condemn, deplore, welcome or "
                                   "commend an act, not decide, demand, call or authorize", fact.span,
                                   hint=f'record a text the {organ.value} adopts for that: the {organ.value} '
                                        f'adopts "LABEL": ...')
        facts = tuple((dataclasses.replace(f, args=(*f.args[:-1], A.Const("president", f.span))), eff)
                      for f, eff in facts)
        return ("occurs", facts, _string(c[1]))

    def refers(self, c):
        return ("referral", [A.Const(str(c[0]), _span(self.file, c[0]))])

    def reports(self, c):
        return ("report", [_term(c[0], self.file), _term(c[1], self.file)])

    # ---- scenarios
    def scenario_header(self, c):
        return ("header", str(c[0]), _string(c[1]), tuple(str(x) for x in c[2:]), self._sp(c))

    def membership_decl(self, c):
        return A.MembershipSource(str(c[0]), _string(c[1]), self._sp(c))

    def state_decl(self, c):
        span = self._sp(c)
        until, until_span = None, A.NOWHERE
        if isinstance(c[-1], tuple):                   # `until DATE`
            tok = c[-1][1]
            until, until_span, c = _date(tok, self.file), _span(self.file, tok), c[:-1]
        if len(c) > 2:
            orgs = c[2:-1]
            return A.StateDecl(str(c[0]), _string(c[1]), tuple(str(x) for x in orgs), _date(c[-1], self.file),
                               span, until, tuple(_span(self.file, x) for x in orgs), until_span)
        return A.StateDecl(str(c[0]), _string(c[1]), (), None, span)

    def state_until(self, c):
        return ("until", c[0])

    def many_act(self, c):
        return ("act", c)

    def many_coop(self, c):
        return ("cooperation", c)

    def many_subjects(self, c):
        states, (kind, tail) = c[:-1], c[-1]
        facts = []
        for st in states:
            if kind == "act":
                place = tail[-1] if tail and isinstance(tail[-1], A.Place) else None
                verb, obj, target, prep = _act_parts(tail[:-1] if place else tail)
                facts.append(A.Fact("act", (_term(st, self.file), verb, obj, target), self._sp(c), prep,
                                    place=place))
            else:
                facts.append(self._fact(c, "cooperation", [_term(st, self.file), _term(tail[0], self.file)]))
        return tuple(facts)

    def subjects_fact(self, c):
        return c[0]

    def occurrence(self, c):
        lasting = c[1] if len(c) > 1 else None
        facts = c[0] if isinstance(c[0], tuple) else (c[0],)
        if lasting is not None:
            facts = tuple(dataclasses.replace(f, lasting=lasting) for f in facts)
        return ("occurs", tuple((f, None) for f in facts), None)

    def lasting_until(self, c):
        return _date(c[0], self.file)

    def lasting_on(self, c):
        return A.CONTINUING

    def effective(self, c):
        return _date(c[0], self.file)

    def res_clause(self, c):
        kind, args, *rest = c[0]
        return (kind, args, c[1] if len(c) > 1 else None, self._sp(c), rest[0] if rest else None,
                rest[1] if len(rest) > 1 else (), rest[2] if len(rest) > 2 else None,
                rest[3] if len(rest) > 3 else None)

    @staticmethod
    def _clauses(organ: A.Const, clauses, chapter: A.ChapterTag | None) -> tuple:
        """The facts of a text's clauses; a clause with no chapter of its own
        is recorded under the text's (`adopts "R" under chapter 7`)."""
        return tuple((A.Fact(kind, (organ, *args), span, prep, excluding=excl, chapter=tag or chapter,
                             purpose=purpose), eff)
                     for kind, args, eff, span, prep, excl, tag, purpose in clauses)

    def adoption(self, c):
        organ = A.Const(str(c[0]), _span(self.file, c[0]))
        chapter = c[2] if isinstance(c[2], A.ChapterTag) else None
        return ("occurs", self._clauses(organ, c[3:] if chapter else c[2:], chapter), _string(c[1]))

    # ---- votes
    def b_yes(self, c): return "yes"
    def b_no(self, c): return "no"
    def b_abstain(self, c): return "abstain"
    def b_pnv(self, c): return "pnv"
    def b_absent(self, c): return "absent"
    def b_unknown(self, c): return "unknown"

    def roll(self, c):
        return ("roll", c[0], tuple(A.Const(str(t), _span(self.file, t)) for t in c[1:]))

    def count(self, c):
        return ("count", c[1], (_int(c[0]), _span(self.file, c[0])))

    def ballots(self, c):
        return tuple(c)

    def k_procedural(self, c):
        return ("procedural", None, (), A.NOWHERE)

    def k_under(self, c):
        return ("under", _int(c[0]), (), _span(self.file, c[0]))

    def k_chapter(self, c):
        return ("chapter", _int(c[0]), (str(c[1]), str(c[2])), _span(self.file, c[0]))

    def k_article(self, c):
        return ("article", str(c[0]), (str(c[1]), str(c[2])), _span(self.file, c[0]))

    def text(self, c):
        return tuple(c)

    def vote(self, c):
        organ = A.Const(str(c[0]), _span(self.file, c[0]))
        symbol = _string(c[1])
        rest = list(c[2:])
        kind, chapter, parties, chapter_span = rest.pop(0) if rest and isinstance(rest[0], tuple) and rest[0] \
            and rest[0][0] in ("procedural", "chapter", "under", "article") else ("unstated", None, (), A.NOWHERE)
        if kind == "under":     # the record's chapter, no dispute: what the text does decides the matter
            kind = "unstated"
        article = None
        if kind == "article":   # a decision under an article of the charter, in a dispute
            article, chapter = chapter, None
        ballots = rest.pop(0)
        clauses = rest.pop(0) if rest else ()
        vote = A.Vote(organ.value, symbol, kind, chapter, parties,
                      tuple((w, states) for tag, w, states in ballots if tag == "roll"),
                      tuple((w, n[0]) for tag, w, n in ballots if tag == "count"), self._sp(c), chapter_span,
                      tuple(n[1] for tag, _, n in ballots if tag == "count"), article=article)
        tag = A.ChapterTag("under", chapter, chapter_span) if chapter is not None else None
        return ("vote", self._clauses(organ, clauses, tag), symbol, vote)

    def preliminary_vote(self, c):
        organ = A.Const(str(c[0]), _span(self.file, c[0]))
        draft = _string(c[1])
        ballots = c[2]
        vote = A.Vote(organ.value, f"{draft} (preliminary question)", "preliminary", None, (),
                      tuple((w, states) for tag, w, states in ballots if tag == "roll"),
                      tuple((w, n[0]) for tag, w, n in ballots if tag == "count"), self._sp(c), A.NOWHERE,
                      tuple(n[1] for tag, _, n in ballots if tag == "count"), draft, _span(self.file, c[1]))
        return ("vote", (), vote.symbol, vote)

    def ending(self, c):
        organ = A.Const(str(c[0]), _span(self.file, c[0]))
        fact = A.Fact("measures", (organ, c[1][1], _term(c[2], self.file), None), self._sp(c))
        return ("ends", ((fact, None),), None)

    def fact_ends(self, c):
        return ("ends", ((c[0], None),), None)

    def dated(self, c):
        date = _date(c[0], self.file)
        what, facts, res, *vote = c[1]
        return A.Event(date, facts, res, what == "ends", self._sp(c), vote[0] if vote else None)

    def under(self, c):
        return A.SwitchCond(str(c[0]), str(c[1]), self._sp(c))

    def negated(self, c): return ("not",)
    def contested(self, c): return ("contested", self._switches(c))

    def _switches(self, c) -> tuple:
        return tuple(A.SwitchCond(str(t), "", _span(self.file, t)) for t in c)

    def sources(self, c):
        return ("sources", tuple(c))

    def who_one(self, c): return ("who", "one", str(c[0]), (), _span(self.file, c[0]))
    def who_every(self, c):
        others = c[1] if len(c) > 1 else ()
        return ("who", "every", str(c[0]), tuple(o.value for o in others if isinstance(o, A.Const)),
                _span(self.file, c[0]))
    def who_none(self, c): return ("who", "none", str(c[0]), (), _span(self.file, c[0]))
    def who_organ(self, c): return ("who", "organ", str(c[0]), (), _span(self.file, c[0]))

    def claim_means(self, c):
        return ("means",)

    def claim(self, c):
        flags = {x[0]: x for x in c if isinstance(x, tuple)}
        who = flags["who"]
        modality = next(x for x in c if isinstance(x, str))
        act = next(x for x in c if isinstance(x, A.ActSpec))
        if "means" in flags:
            if modality != "obl":
                raise CheckProblem("only an obligation ('must') can leave the choice of means", self._sp(c))
            modality = "oblm"
        return dict(negated="not" in flags, who=who[1], subject=who[2], other_than=who[3], subject_span=who[4],
                    modality=modality, act=act, contested="contested" in flags,
                    contested_on=flags["contested"][1] if "contested" in flags else (),
                    sources=flags.get("sources", ("sources", ()))[1])

    def violation_claim(self, c):
        flags = {x[0]: x for x in c if isinstance(x, tuple)}
        subject = next(x for x in c if isinstance(x, Token))
        act = next(x for x in c if isinstance(x, A.ActSpec))
        return dict(negated="not" in flags, who="one", subject=str(subject), other_than=(),
                    subject_span=_span(self.file, subject),
                    modality=None, act=act, contested="contested" in flags,
                    contested_on=flags["contested"][1] if "contested" in flags else (),
                    sources=flags.get("sources", ("sources", ()))[1], claim="violation")

    def conflict_claim(self, c):
        return {**self.violation_claim(c), "claim": "conflict"}

    def excused_claim(self, c):
        return {**self.violation_claim(c), "claim": "excused"}

    def defeat_claim(self, c):
        refs = [x for x in c if isinstance(x, A.ArticleRef)]
        return {**self.violation_claim(c), "claim": "defeat", "winner": refs[0], "loser": refs[1]}

    def unread_claim(self, c):
        fact = next(x for x in c if isinstance(x, A.Fact))
        return dict(negated=isinstance(c[0], tuple), who="fact", subject="", other_than=(),
                    subject_span=fact.span, modality=None, act=None, contested=False, sources=(),
                    claim="unread", fact=fact)

    def authorizes_claim(self, c):
        negated = isinstance(c[0], tuple) and c[0][0] == "not"
        rest = c[1:] if negated else c
        resolution, verb = rest[0], rest[1]
        parts = [x for x in rest[2:] if isinstance(x, tuple)]
        subject = next(x for x in rest[2:] if isinstance(x, Token))
        obj = next((x[1] for x in parts if x[0] == "object"), None)
        target = next((x for x in parts if x[0] == "target"), None)
        act = A.ActSpec(verb, obj, target[1] if target else None, self._sp(rest[1:]),
                        prep=target[2] if target else None)
        return dict(negated=negated, who="one", subject=str(subject), other_than=(),
                    subject_span=_span(self.file, subject), modality="perm", act=act, contested=False,
                    sources=(), claim="authorizes", resolution=_string(resolution),
                    resolution_span=_span(self.file, resolution))

    def complies_claim(self, c):
        negated = isinstance(c[0], tuple) and c[0][0] == "not"
        rest = c[1:] if negated else c
        subject, ref = rest[0], rest[1]
        named = next((x for x in rest[2:] if isinstance(x, Token)), None)
        charter = str(named) if named is not None else None
        act = next((x for x in rest[2:] if isinstance(x, A.ActSpec)), None)
        return dict(negated=negated, who="one", subject=str(subject), other_than=(),
                    subject_span=_span(self.file, subject), modality=None, act=act, contested=False,
                    sources=(), claim="complies", article=ref, charter=charter,
                    charter_span=_span(self.file, named) if named is not None else A.NOWHERE)

    def adopt_claim(self, c):
        negated = isinstance(c[0], tuple) and c[0][0] == "not"
        who = c[1] if negated else c[0]
        draft = c[-1]
        if who[1] != "organ":
            raise CheckProblem("only an organ adopts a text: 'the ORGAN may adopt \"DRAFT\"'", who[4],
                               expected="'the' and an organ's name, such as 'the council'")
        return dict(negated=negated, who="draft", subject=_string(draft), other_than=(),
                    subject_span=_span(self.file, draft), modality=None, act=None, contested=False,
                    sources=(), claim="adopt", charter=who[2], charter_span=who[4])

    def assumption(self, c):
        return (str(c[0]), c[1], _string(c[2]), _span(self.file, c[0]), _span(self.file, c[2]))

    def question(self, c):
        return A.Expectation(_date(c[1], self.file), (), span=self._sp(c), **c[0])

    def o_adopted(self, c): return "adopted"
    def o_failed(self, c): return "failed"
    def o_contested(self, c): return ("contested", self._switches(c))

    def decision_claim(self, c):
        flags = {x[0]: x for x in c if isinstance(x, tuple)}
        contested = isinstance(c[1], tuple)
        return dict(negated=c[1] == "failed", who="draft", subject=_string(c[0]), other_than=(),
                    subject_span=_span(self.file, c[0]), modality=None, act=None,
                    contested=contested, contested_on=c[1][1] if contested else (),
                    sources=flags.get("sources", ("sources", ()))[1], claim="decision")

    def expectation(self, c):
        date = _date(c[0], self.file)
        unders = tuple(x for x in c[1:-1] if isinstance(x, A.SwitchCond))
        return A.Expectation(date, unders, span=self._sp(c), **c[-1])

    def scenario_file(self, c):
        _, sid, title, uses, span = c[0]
        items = c[1:]
        pick = lambda cls: tuple(x for x in items if isinstance(x, cls))  # noqa: E731
        return A.Scenario(sid, title, uses, pick(A.MembershipSource), pick(A.StateDecl), pick(A.Event),
                          pick(A.Expectation), self.file, span, pick(A.SeatDispute))


_BUILD = _Build("<text>")


def _parse(text: str, file: str, start: str) -> Any:
    _BUILD.file = file
    with collector_paused():
        try:
            driver = _driver()
            if driver is not None:
                try:
                    return driver.parse(text, start)
                except NotParsed:
                    pass
            # A syntax error: lark's own parser runs the same tables and callbacks
            # on the text to raise it (and would give the same tree if it parsed).
            return _parser().parse(text, start=start)
        except UnexpectedInput as err:
            raise syntax_error(err, text, file, _parser()) from None
        except PyruleError as err:
            err.text = text
            raise


def parse_charter(text: str, file: str = "<charter>") -> A.Charter:
    return _parse(text, file, "charter_file")


def parse_scenario(text: str, file: str = "<scenario>") -> A.Scenario:
    """The grammar parses what `pyrule.parse_fast` does not recognise; if
    that does not parse, the grammar alone parses the whole text, so every
    error is the grammar's own."""
    with collector_paused():
        events, rest = fast_events(text, file, KEYWORDS)
    if not events:
        return _parse(text, file, "scenario_file")
    try:
        scenario = _parse(rest, file, "scenario_file")
    except PyruleError:
        return _parse(text, file, "scenario_file")
    merged = sorted((*scenario.events, *events), key=lambda ev: ev.span.line)
    return dataclasses.replace(scenario, events=tuple(merged))


def parse_question(text: str) -> A.Expectation:
    """`FRA must apply trade-embargo against IRQ on 1990-08-07` -> an expectation-like claim."""
    return _parse(text.strip().rstrip("."), "question", "question")


def parse_assumption(text: str) -> tuple[str, str, str, A.Span, A.Span]:
    """`RUS abstains on S/2022/155` -> (state, way, draft, spans)."""
    text = re.sub(r'\bon\s+(?!")(\S+)\s*$', r'on "\1"', text.strip())   # the draft may be unquoted
    return _parse(text, "--assume", "assumption")
