"""Parsing: charter and scenario text to the typed syntax tree.

Takes source text (and the file name to report); gives a `Charter` or a
`Scenario` from `pyrule.ast`, or raises `SyntaxProblem` with the position, the
line and a caret, the tokens that would have been accepted, and a "did you
mean" when the unexpected word is close to a keyword. The grammar is the data
file `grammars/pyrule.lark`; this module only maps its rules to AST nodes.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import re
from typing import Any

from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from . import ast as A
from .errors import CheckProblem, PyruleError, SyntaxProblem, did_you_mean
from .resources import resource_path


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    """The LALR parser with the AST builder inlined (no parse tree is built).

    cache=True: Lark keeps the LALR tables in a temporary file named by the
    grammar's hash, so the command line starts fast."""
    grammar = resource_path("grammars", "pyrule.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", maybe_placeholders=False, start=["charter_file", "scenario_file", "assumption", "question"],
                transformer=_INLINE, cache=True)



KEYWORDS = frozenset(re.findall(r'"([a-z][a-z-]*)"', resource_path("grammars", "pyrule.lark")
                                .read_text(encoding="utf-8")))

_TERMINAL_WORDS = {
    "NAME": "a lower-case name", "STATE": "a three-letter state code such as IRQ",
    "VAR": "a variable such as A or T1", "DATE": "a date YYYY-MM-DD", "STRING": 'a "quoted title"',
    "ARTNUM": "an article number such as 51 or 2(4)", "SWITCH": "an interpretation id such as IS-UNTIL",
    "PREP": "against, with, to, from or for", "THREAT_KIND":
    "threat-to-the-peace, breach-of-the-peace or act-of-aggression",
    "LEX_KIND": "superior, specialis or posterior",
}


def _describe_expected(expected: set[str], parser: Lark) -> tuple[str, list[str]]:
    words: list[str] = []
    keywords: list[str] = []
    by_name = {t.name: t for t in parser.terminals}
    for name in sorted(expected):
        if name in _TERMINAL_WORDS:
            words.append(_TERMINAL_WORDS[name])
            continue
        term = by_name.get(name)
        if term is not None and term.pattern.type == "str":
            keywords.append(term.pattern.value)
            words.append(repr(term.pattern.value).replace("'", '"'))
        else:
            words.append(name.lower())
    uniq = list(dict.fromkeys(words))
    return ", ".join(uniq) if len(uniq) < 12 else ", ".join(uniq[:12]) + ", ...", keywords


def _span(file: str, meta: Any) -> A.Span:
    return A.Span(file, getattr(meta, "line", 0) or 0, getattr(meta, "column", 0) or 0,
                  getattr(meta, "end_line", 0) or 0, getattr(meta, "end_column", 0) or 0)


def _date(tok: Token, file: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(tok))
    except ValueError:
        raise CheckProblem(f"'{tok}' is not a real calendar date", _span(file, tok),
                           expected="a date YYYY-MM-DD that exists")


def _string(tok: Token) -> str:
    return str(tok)[1:-1]


def _term(tok: Token, file: str) -> A.Term:
    if tok.type == "VAR":
        return A.Var(str(tok), _span(file, tok))
    return A.Const(str(tok), _span(file, tok))


class _Pos:
    """The position of a rule's text, from its first and last positioned
    child (tokens and AST nodes; keywords carry no position)."""

    __slots__ = ("line", "column", "end_line", "end_column")

    def __init__(self, children: Any) -> None:
        self.line = self.column = self.end_line = self.end_column = 0
        first = _edge(children, 0)
        if first is not None:
            self.line, self.column = first[0], first[1]
            last = _edge(children, -1)
            assert last is not None
            self.end_line, self.end_column = last[2], last[3]


def _edge(items: Any, end: int) -> tuple[int, int, int, int] | None:
    """The position of the first (end=0) or last (end=-1) positioned item."""
    for x in (items if end == 0 else reversed(items)):
        if isinstance(x, Token):
            return (x.line, x.column, x.end_line, x.end_column)
        if isinstance(x, (tuple, list)):
            found = _edge(x, end)
            if found is not None:
                return found
            continue
        span = getattr(x, "span", None)
        if span is not None and span.line:
            return (span.line, span.column, span.end_line, span.end_column)
    return None


class _Build:
    """Maps grammar rules (by name) to AST nodes: each method takes the rule's
    position and its already-built children. Lark calls it while parsing
    (see `_Inline`), so no parse tree is ever built."""

    def __init__(self, file: str) -> None:
        self.file = file

    def sp(self, meta: Any) -> A.Span:
        return _span(self.file, meta)

    def t(self, tok: Token) -> A.Term:
        if str(tok) in KEYWORDS and tok.type == "NAME":
            raise SyntaxProblem(f"'{tok}' is a reserved word and cannot be used as a name",
                                _span(self.file, tok))
        return _term(tok, self.file)

    # ---- charters
    def charter_header(self, meta, c):
        return ("header", str(c[0]), _string(c[1]), _date(c[2], self.file), self.sp(meta))

    def organ_decl(self, meta, c):
        return A.Organ(str(c[0]), _string(c[1]), self.sp(meta), str(c[2]) if len(c) > 2 else None)

    def seating(self, meta, c):
        return c[0]

    # ---- voting rules
    def m_procedural(self, meta, c): return "procedural"
    def m_other(self, meta, c): return "other"
    def m_all(self, meta, c): return "all"
    def q_count(self, meta, c): return A.Quota("count", int(c[0]))
    def q_unanimity(self, meta, c): return A.Quota("unanimity")
    def q_consensus(self, meta, c): return A.Quota("consensus")
    def q_two_thirds(self, meta, c): return A.Quota("two_thirds")
    def q_majority(self, meta, c): return A.Quota("majority")

    def concurring(self, meta, c):
        return ("concurring", str(c[0]))

    def period_from(self, meta, c):
        return ("period", _date(c[0], self.file), _date(c[1], self.file) if len(c) > 1 else None)

    def period_until(self, meta, c):
        return ("period", None, _date(c[0], self.file))

    def voting_rule(self, meta, c):
        organ, matter, quota = str(c[0]), c[1], c[2]
        extra = {x[0]: x for x in c[3:]}
        start, until = extra["period"][1:] if "period" in extra else (None, None)
        role = extra["concurring"][1] if "concurring" in extra else None
        return A.VotingRule(organ, matter, quota, role, start, until, self.sp(meta))

    def w_absent(self, meta, c): return "absent"
    def w_abstain(self, meta, c): return "abstain"

    def vote_counts_as(self, meta, c):
        return A.VoteCountsAs(c[0], str(c[1]), c[2], self.sp(meta))

    def double_veto(self, meta, c):
        return A.DoubleVeto(c[0], self.sp(meta))

    def proviso_void(self, meta, c):
        return c[0]

    def proviso(self, meta, c):
        return A.Proviso(int(c[0]), c[1] if len(c) > 1 else None, self.sp(meta))

    def role_decl(self, meta, c):
        return A.Role(str(c[0]), _string(c[1]), str(c[2]), self.sp(meta))

    def action_decl(self, meta, c):
        self.t(c[0])
        return A.Action(str(c[0]), _string(c[1]), self.sp(meta))

    def s_prevailing(self, meta, c): return "prevailing"
    def s_settled(self, meta, c): return "settled"

    def position(self, meta, c):
        standing = c[2] if len(c) > 2 else None
        return A.Position(str(c[0]), _string(c[1]), standing in ("prevailing", "settled"), self.sp(meta),
                          standing == "settled")

    def switch_decl(self, meta, c):
        return A.Switch(str(c[0]), _string(c[1]), tuple(c[2:]), self.sp(meta))

    def principle(self, meta, c):
        return str(c[1])

    def priority_decl(self, meta, c):
        if len(c) == 1:
            return A.Priority(c[0], None, None, self.sp(meta))
        return A.Priority(c[1], A.ArticleRef("this", self.sp(meta)), c[0], self.sp(meta))

    def deference(self, meta, c):
        return A.Priority(c[1], None, None, self.sp(meta), over_this=str(c[0]))

    def artref(self, meta, c):
        return A.ArticleRef(str(c[0]), self.sp(meta))

    def article(self, meta, c):
        rules = tuple(x for x in c[2:] if isinstance(x, (A.Norm, A.CountsAs)))
        prios = tuple(x for x in c[2:] if isinstance(x, A.Priority))
        voting = tuple(x for x in c[2:] if isinstance(x, (A.VotingRule, A.VoteCountsAs, A.DoubleVeto, A.Proviso)))
        return A.Article(str(c[0]), _string(c[1]), rules, prios, self.sp(meta), voting)

    def when_clause(self, meta, c):
        return ("when", tuple(c))

    def switch_cond(self, meta, c):
        return A.SwitchCond(str(c[0]), str(c[1]), self.sp(meta))

    def bearer_role(self, meta, c):
        return A.RoleBearer(str(c[0]), c[1] if len(c) > 1 else (), self.sp(meta))

    def bearer_one(self, meta, c):
        return A.OneBearer(_term(c[0], self.file), self.sp(meta))

    def bearer_organ(self, meta, c):
        return A.OrganBearer(str(c[0]), self.sp(meta))

    def other_than(self, meta, c):
        return tuple(_term(x, self.file) for x in c)

    def forb(self, meta, c): return "forb"
    def obl(self, meta, c): return "obl"
    def perm(self, meta, c): return "perm"
    def rec(self, meta, c): return "rec"
    def power(self, meta, c): return "power"

    def verb(self, meta, c):
        return self.t(c[0])

    def object(self, meta, c):
        return ("object", self.t(c[0]))

    def target(self, meta, c):
        return ("target", _term(c[-1], self.file), c[0][1])

    def p_against(self, meta, c): return ("prep", "against")
    def p_with(self, meta, c): return ("prep", "with")
    def p_to(self, meta, c): return ("prep", "to")
    def p_from(self, meta, c): return ("prep", "from")
    def p_for(self, meta, c): return ("prep", "for")

    def any_target(self, meta, c):
        return ("target", A.AnyState(_span(self.file, c[1])), c[0][1])

    def act_spec(self, meta, c):
        verb = c[0]
        obj = next((x[1] for x in c[1:] if x[0] == "object"), None)
        tgt = next((x for x in c[1:] if x[0] == "target"), None)
        return A.ActSpec(verb, obj, tgt[1] if tgt else None, self.sp(meta) if meta else A.NOWHERE,
                         prep=tgt[2] if tgt else None)

    def overriding(self, meta, c):
        return ("overriding", tuple(c))

    def citing(self, meta, c):
        return ("citing", tuple(c))

    def guarded(self, meta, c):
        return A.Guarded(c[0], c[1] if len(c) > 1 else None, self.sp(meta))

    def unless(self, meta, c):
        return ("unless", c[0])

    def until(self, meta, c):
        return ("until", c[0])

    def norm(self, meta, c):
        conds: tuple = ()
        rest = list(c)
        if rest and isinstance(rest[0], tuple) and rest[0][0] == "when":
            conds = rest.pop(0)[1]
        bearer, modality, act = rest[0], rest[1], rest[2]
        riders = [r for r in rest[3:] if r != ("means",)]
        if ("means",) in rest[3:]:
            if modality != "obl":
                raise CheckProblem("only an obligation ('must') can leave the choice of means", self.sp(meta))
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
                      collect("unless"), collect("until"), self.sp(meta))

    def counts_as(self, meta, c):
        return A.CountsAs(c[0], c[1], self.sp(meta))

    def charter_file(self, meta, c):
        _, cid, title, in_force, span = c[0]
        items = c[1:]
        pick = lambda cls: tuple(x for x in items if isinstance(x, cls))  # noqa: E731
        return A.Charter(cid, title, in_force, pick(A.Organ), pick(A.Role), pick(A.Action),
                         pick(A.Switch), pick(A.Article), pick(A.Priority), self.file, span)

    # ---- facts
    def _fact(self, meta, kind, args):
        return A.Fact(kind, tuple(args), self.sp(meta))

    def attack(self, meta, c):
        region = _term(c[2], self.file) if len(c) > 2 else None
        return self._fact(meta, "attack", [_term(c[0], self.file), _term(c[1], self.file), region])

    def case(self, meta, c):
        return self._fact(meta, "case", [A.Const(str(c[0]), _span(self.file, c[0])), _term(c[1], self.file),
                                         _term(c[2], self.file)])

    def membership(self, meta, c):
        return self._fact(meta, "membership", [_term(c[0], self.file), A.Const(str(c[1]), _span(self.file, c[1]))])

    def own_means(self, meta, c):
        return ("means",)

    def dispute(self, meta, c):
        return self._fact(meta, "dispute", [_term(c[0], self.file), _term(c[1], self.file)])

    def request(self, meta, c):
        return self._fact(meta, "request", [_term(c[0], self.file)])

    def cooperation(self, meta, c):
        return self._fact(meta, "cooperation", [_term(c[0], self.file), _term(c[1], self.file)])

    def domestic(self, meta, c):
        return self._fact(meta, "domestic", [_term(c[0], self.file)])

    def enforcement(self, meta, c):
        return self._fact(meta, "enforcement", [_term(c[0], self.file)])

    def act(self, meta, c):
        spec = self.act_spec(meta, c[1:])
        return A.Fact("act", (_term(c[0], self.file), spec.verb, spec.obj, spec.target), self.sp(meta),
                      spec.prep)

    def omission(self, meta, c):
        spec = self.act_spec(meta, c[1:])
        return A.Fact("omission", (_term(c[0], self.file), spec.verb, spec.obj, spec.target), self.sp(meta),
                      spec.prep)

    def agreement(self, meta, c):
        return self._fact(meta, "agreement", [_term(c[0], self.file), A.Const(str(c[1]), _span(self.file, c[1]))])

    def organ_fact(self, meta, c):
        organ = A.Const(str(c[0]), _span(self.file, c[0]))
        kind, args, *prep = c[1]
        return A.Fact(kind, (organ, *args), self.sp(meta), prep[0] if prep else None)

    def determines(self, meta, c):
        finding = A.Const(str(c[0]), _span(self.file, c[0]))
        return ("determination", [finding, _term(c[1], self.file) if len(c) > 1 else None])

    def decides_measures(self, meta, c):
        return ("measures", [c[0][1], _term(c[1], self.file), A.Const(c[2].num, c[2].span)])

    def all_members(self, meta, c):
        return A.Const(A.ALL_MEMBERS, self.sp(meta))

    def _addressed(self, kind, c):
        spec = self.act_spec(None, c[1:])
        who = c[0] if isinstance(c[0], A.Const) else _term(c[0], self.file)
        return (kind, [who, spec.verb, spec.obj, spec.target], spec.prep)

    def decides_that(self, meta, c): return self._addressed("decision", c)
    def demands(self, meta, c): return self._addressed("demand", c)
    def calls_upon(self, meta, c): return self._addressed("call", c)
    def recommends(self, meta, c): return self._addressed("recommendation", c)
    def authorizes(self, meta, c): return self._addressed("authorization", c)

    def refers(self, meta, c):
        return ("referral", [A.Const(str(c[0]), _span(self.file, c[0]))])

    # ---- scenarios
    def scenario_header(self, meta, c):
        return ("header", str(c[0]), _string(c[1]), tuple(str(x) for x in c[2:]), self.sp(meta))

    def membership_decl(self, meta, c):
        return A.MembershipSource(str(c[0]), _string(c[1]), self.sp(meta))

    def state_decl(self, meta, c):
        if len(c) > 2:
            return A.StateDecl(str(c[0]), _string(c[1]), tuple(str(x) for x in c[2:-1]), _date(c[-1], self.file),
                               self.sp(meta))
        return A.StateDecl(str(c[0]), _string(c[1]), (), None, self.sp(meta))

    def many_act(self, meta, c):
        return ("act", c)

    def many_coop(self, meta, c):
        return ("cooperation", c)

    def many_subjects(self, meta, c):
        states, (kind, tail) = c[:-1], c[-1]
        facts = []
        for st in states:
            if kind == "act":
                spec = self.act_spec(meta, tail)
                facts.append(A.Fact("act", (_term(st, self.file), spec.verb, spec.obj, spec.target),
                                    self.sp(meta), spec.prep))
            else:
                facts.append(self._fact(meta, "cooperation", [_term(st, self.file), _term(tail[0], self.file)]))
        return tuple(facts)

    def subjects_fact(self, meta, c):
        return c[0]

    def occurrence(self, meta, c):
        facts = c[0] if isinstance(c[0], tuple) else (c[0],)
        return ("occurs", tuple((f, None) for f in facts), None)

    def effective(self, meta, c):
        return _date(c[0], self.file)

    def res_clause(self, meta, c):
        kind, args, *prep = c[0]
        return (kind, args, c[1] if len(c) > 1 else None, self.sp(meta), prep[0] if prep else None)

    def adoption(self, meta, c):
        organ = A.Const(str(c[0]), _span(self.file, c[0]))
        facts = tuple((A.Fact(kind, (organ, *args), span, prep), eff) for kind, args, eff, span, prep in c[2:])
        return ("occurs", facts, _string(c[1]))

    # ---- votes
    def b_yes(self, meta, c): return "yes"
    def b_no(self, meta, c): return "no"
    def b_abstain(self, meta, c): return "abstain"
    def b_pnv(self, meta, c): return "pnv"
    def b_absent(self, meta, c): return "absent"
    def b_unknown(self, meta, c): return "unknown"

    def roll(self, meta, c):
        return ("roll", c[0], tuple(A.Const(str(t), _span(self.file, t)) for t in c[1:]))

    def count(self, meta, c):
        return ("count", c[1], int(c[0]))

    def ballots(self, meta, c):
        return tuple(c)

    def k_procedural(self, meta, c):
        return ("procedural", None, ())

    def k_chapter(self, meta, c):
        return ("chapter", int(c[0]), (str(c[1]), str(c[2])))

    def text(self, meta, c):
        return tuple(c)

    def vote(self, meta, c):
        organ = A.Const(str(c[0]), _span(self.file, c[0]))
        symbol = _string(c[1])
        rest = list(c[2:])
        kind, chapter, parties = rest.pop(0) if rest and isinstance(rest[0], tuple) and rest[0] and \
            rest[0][0] in ("procedural", "chapter") else ("other", None, ())
        ballots = rest.pop(0)
        clauses = rest.pop(0) if rest else ()
        vote = A.Vote(organ.value, symbol, kind, chapter, parties,
                      tuple((w, states) for tag, w, states in ballots if tag == "roll"),
                      tuple((w, n) for tag, w, n in ballots if tag == "count"), self.sp(meta))
        facts = tuple((A.Fact(kind_, (organ, *args), span, prep), eff) for kind_, args, eff, span, prep in clauses)
        return ("vote", facts, symbol, vote)

    def ending(self, meta, c):
        organ = A.Const(str(c[0]), _span(self.file, c[0]))
        fact = A.Fact("measures", (organ, c[1][1], _term(c[2], self.file), None), self.sp(meta))
        return ("ends", ((fact, None),), None)

    def dated(self, meta, c):
        date = _date(c[0], self.file)
        what, facts, res, *vote = c[1]
        return A.Event(date, facts, res, what == "ends", self.sp(meta), vote[0] if vote else None)

    def under(self, meta, c):
        return A.SwitchCond(str(c[0]), str(c[1]), self.sp(meta))

    def negated(self, meta, c): return ("not",)
    def contested(self, meta, c): return ("contested",)

    def sources(self, meta, c):
        return ("sources", tuple(c))

    def who_one(self, meta, c): return ("who", "one", str(c[0]), (), _span(self.file, c[0]))
    def who_every(self, meta, c):
        others = c[1] if len(c) > 1 else ()
        return ("who", "every", str(c[0]), tuple(o.value for o in others if isinstance(o, A.Const)),
                _span(self.file, c[0]))
    def who_none(self, meta, c): return ("who", "none", str(c[0]), (), _span(self.file, c[0]))
    def who_organ(self, meta, c): return ("who", "organ", str(c[0]), (), _span(self.file, c[0]))

    def claim(self, meta, c):
        flags = {x[0]: x for x in c if isinstance(x, tuple)}
        who = flags["who"]
        modality = next(x for x in c if isinstance(x, str))
        act = next(x for x in c if isinstance(x, A.ActSpec))
        return dict(negated="not" in flags, who=who[1], subject=who[2], other_than=who[3], subject_span=who[4],
                    modality=modality, act=act, contested="contested" in flags,
                    sources=flags.get("sources", ("sources", ()))[1])

    def violation_claim(self, meta, c):
        flags = {x[0]: x for x in c if isinstance(x, tuple)}
        subject = next(x for x in c if isinstance(x, Token))
        act = next(x for x in c if isinstance(x, A.ActSpec))
        return dict(negated="not" in flags, who="one", subject=str(subject), other_than=(),
                    subject_span=_span(self.file, subject),
                    modality=None, act=act, contested=False,
                    sources=flags.get("sources", ("sources", ()))[1])

    def assumption(self, meta, c):
        return (str(c[0]), c[1], _string(c[2]), _span(self.file, c[0]), _span(self.file, c[2]))

    def question(self, meta, c):
        return A.Expectation(_date(c[1], self.file), (), span=self.sp(meta), **c[0])

    def o_adopted(self, meta, c): return "adopted"
    def o_failed(self, meta, c): return "failed"
    def o_contested(self, meta, c): return "contested"

    def decision_claim(self, meta, c):
        flags = {x[0]: x for x in c if isinstance(x, tuple)}
        return dict(negated=c[1] == "failed", who="draft", subject=_string(c[0]), other_than=(),
                    subject_span=_span(self.file, c[0]), modality=None, act=None,
                    contested=c[1] == "contested", sources=flags.get("sources", ("sources", ()))[1])

    def expectation(self, meta, c):
        date = _date(c[0], self.file)
        unders = tuple(x for x in c[1:-1] if isinstance(x, A.SwitchCond))
        return A.Expectation(date, unders, span=self.sp(meta), **c[-1])

    def scenario_file(self, meta, c):
        _, sid, title, uses, span = c[0]
        items = c[1:]
        pick = lambda cls: tuple(x for x in items if isinstance(x, cls))  # noqa: E731
        return A.Scenario(sid, title, uses, pick(A.MembershipSource), pick(A.StateDecl), pick(A.Event),
                          pick(A.Expectation), self.file, span)


class _Inline:
    """The inlined transformer Lark calls with each rule's children."""

    def __init__(self) -> None:
        self.builder = _Build("<text>")

    def __getattr__(self, name: str) -> Any:
        method = getattr(_Build, name, None)
        if method is None or name.startswith("_"):
            raise AttributeError(name)
        builder = self.builder
        return lambda children: method(builder, _Pos(children), children)


_INLINE = _Inline()


def _syntax_error(err: UnexpectedInput, text: str, file: str) -> SyntaxProblem:
    line, col = err.line or 1, err.column or 1
    parser = _parser()
    if isinstance(err, UnexpectedCharacters):
        bad = text.splitlines()[line - 1][col - 1:col] if text.splitlines() else ""
        expected, _ = _describe_expected(set(err.allowed or ()), parser)
        msg = f"unexpected character {bad!r}"
        span = A.Span(file, line, col, line, col + 1)
        return SyntaxProblem(msg, span, expected=expected or None, text=text)
    if isinstance(err, UnexpectedEOF):
        expected, _ = _describe_expected(set(err.expected or ()), parser)
        lines = text.splitlines() or [""]
        span = A.Span(file, len(lines), len(lines[-1]) + 1, len(lines), len(lines[-1]) + 2)
        return SyntaxProblem("the text ends too early", span, expected=expected, text=text)
    assert isinstance(err, UnexpectedToken)
    tok = err.token
    expected, keywords = _describe_expected(set(getattr(err, "accepts", None) or err.expected or ()), parser)
    if tok.type == "$END":
        lines = text.splitlines() or [""]
        span = A.Span(file, len(lines), len(lines[-1]) + 1, len(lines), len(lines[-1]) + 2)
        return SyntaxProblem("the text ends too early (a missing '.'?)", span, expected=expected, text=text)
    span = A.Span(file, tok.line, tok.column, tok.end_line or tok.line,
                  tok.end_column or tok.column + len(str(tok)))
    hint = None
    if keywords and re.fullmatch(r"[a-z][a-z-]*", str(tok)):
        guess = did_you_mean(str(tok), keywords)
        if guess:
            hint = f"did you mean '{guess}'?"
    return SyntaxProblem(f"unexpected {str(tok)!r}", span, expected=expected, hint=hint, text=text)


def _parse(text: str, file: str, start: str) -> Any:
    parser = _parser()
    _INLINE.builder.file = file
    # The parse allocates many small objects that all live on: the cyclic
    # garbage collector finds nothing to free and only slows large files.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return parser.parse(text, start=start)
    except UnexpectedInput as err:
        raise _syntax_error(err, text, file) from None
    except PyruleError as err:
        err.text = text
        raise
    finally:
        if collecting:
            gc.enable()


def parse_charter(text: str, file: str = "<charter>") -> A.Charter:
    return _parse(text, file, "charter_file")


def parse_scenario(text: str, file: str = "<scenario>") -> A.Scenario:
    return _parse(text, file, "scenario_file")


def parse_question(text: str) -> A.Expectation:
    """`FRA must apply trade-embargo against IRQ on 1990-08-07` -> an expectation-like claim."""
    return _parse(text.strip().rstrip("."), "question", "question")


def parse_assumption(text: str) -> tuple[str, str, str, A.Span, A.Span]:
    """`RUS abstains on S/2022/155` -> (state, way, draft, spans)."""
    text = re.sub(r'\bon\s+(?!")(\S+)\s*$', r'on "\1"', text.strip())   # the draft may be unquoted
    return _parse(text, "--assume", "assumption")
