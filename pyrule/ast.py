"""The typed syntax tree of charters and scenarios.

Takes nothing: this module only defines the frozen dataclasses that the parser
(`pyrule.parse`) builds and that the checker and compiler read. Every node
carries a `Span` so that any later diagnostic can point back at the source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple, Union


class Span(NamedTuple):
    """Where a node's text is: file, first line and column, last line and column.
    (A named tuple: the parser makes one for every name it reads.)"""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NOWHERE = Span("<none>", 0, 0, 0, 0)


# ---------------------------------------------------------------- terms


@dataclass(frozen=True)
class Var:
    """A variable of a charter rule: `A`, `V`, `T1`."""

    name: str
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Const:
    """A name: a state code (`IRQ`), an action, a measure, an organ."""

    value: str
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class AnyState:
    """The target `any state` of a universal prohibition."""

    span: Span = field(default=NOWHERE, compare=False)


Term = Union[Var, Const]


# ---------------------------------------------------------------- facts

# Each kind of fact and the names of its places, in order. This table is the
# single definition of the fact vocabulary: the parser builds facts with these
# places, the checker validates them, the compiler numbers them 1..n.
FACT_PLACES: dict[str, tuple[str, ...]] = {
    "attack": ("attacker", "victim", "region"),
    "lesser_force": ("attacker", "victim", "region"),
    "force": ("attacker", "victim", "region", "scale", "harm"),
    "threat": ("attacker", "victim", "imminence"),
    "case": ("case", "party", "other party"),
    "membership": ("state", "role"),
    "dispute": ("party", "other party"),
    "pending": ("party", "other party", "organ"),
    "request": ("requesting state",),
    "extradition": ("requesting state", "persons", "requested state"),
    "cooperation": ("state", "partner"),
    "domestic": ("state",),
    "distress": ("state",),
    "unwilling": ("territorial state", "group"),
    "enforcement": ("target",),
    "agreement": ("state", "organ"),
    "act": ("actor", "action", "object", "target"),
    "omission": ("actor", "action", "object", "target"),
    "determination": ("organ", "finding", "state"),
    "measures": ("organ", "measure", "target", "article"),
    "termination": ("organ", "measure", "target"),
    "decision": ("organ", "addressee", "action", "object", "target"),
    "demand": ("organ", "addressee", "action", "object", "target"),
    "call": ("organ", "addressee", "action", "object", "target"),
    "recommendation": ("organ", "addressee", "action", "object", "target"),
    "authorization": ("organ", "partner", "action", "object", "target"),
    "referral": ("organ", "to organ"),
    # an organ's report on a dispute between two parties (Covenant Arts 12, 15(4))
    "report": ("organ", "party", "other party"),
    "request_from": ("requesting state", "requested", "role"),
    "consultation": ("requesting state", "organ"),
    "consent": ("territorial state", "scope", "invited"),
    "government": ("government", "territorial state"),
    # a violation the engine finds (final.lp), read by contrary-to-duty rules
    "breach": ("actor", "charter", "violated article", "target"),
    "breached": ("actor", "charter", "violated article", "target"),
    "internal_conflict": ("state",),
    "organ_authorization": ("organ", "authorized organ", "action", "object", "target"),
    "members_authorization": ("organ", "organisation", "action", "object", "target"),
    # a state's membership of an organisation (a membership table), by the
    # organisation's name: "X is a member of nato"
    "member_of": ("state", "organisation"),
    "provisional_measure": ("organ", "addressee", "action", "object", "target"),
    "judgment": ("organ", "addressee", "action", "object", "target"),
    # what an organ says of an act: condemns, deplores, welcomes, commends;
    # "president" if its president said it (a statement agreed without a
    # vote), empty if the organ adopted it in a text
    "statement": ("organ", "stance", "actor", "action", "object", "target", "instrument"),
    "party_vote": ("party", "organ", "draft", "chapter"),
    # a vessel's (or an aircraft's) flag, and where it is bound: "vessel:JOANNA-V
    # flies the flag of GRC", "vessel:JOANNA-V is bound for RHO" (until ended)
    "flag": ("vessel", "flag state"),
    "destination": ("vessel", "destination"),
    # a party's suspension of its obligations under a treaty towards another
    # party, for that party's breach of an article of it (VCLT Art 60): "USA
    # suspends its obligations under anzus towards NZL for breach of article
    # 4" (until ended); whether it suspends them is the general rule's
    "suspension": ("suspending state", "treaty", "party in breach", "breached article"),
}

# Kinds of fact that last their one day unless a scenario says otherwise
# (`until DATE`, `continuing`): what someone does; the rest hold until ended.
ONE_DAY_KINDS = frozenset({"act", "omission", "party_vote"})

# Kinds of fact the compiler makes from the record (a vote), never written
# in a scenario.
RECORDED_KINDS = frozenset({"party_vote"})

# Kinds of fact the engine itself finds (a violation), which rules may read
# and a scenario cannot state.
FOUND_KINDS = frozenset({"breach", "breached"})

# Places that a fact's form leaves empty on purpose, so that in a condition
# an empty one means "none", not "any": a request "from X" is not one "from
# the members of R" (and the reverse); "requests consultations" is not a
# request for consultations "with the council". (Any other place left out of
# a condition, such as an attack's region, matches any value.)
ABSENT_PLACES: frozenset[tuple[str, int]] = frozenset({("request_from", 1), ("request_from", 2),
                                                      ("consultation", 1), ("statement", 6)})

# The last day a text may name: the day after it (9999-12-31) stands for "no
# end" in the solver, so a fact from that day would never hold.
LAST_DATE = dt.date(9999, 12, 30)

# The largest number the language accepts (quotas, vote counts, chapters):
# far more than any organ has seats, and far below the solver's integers.
MAX_NUMBER = 1_000_000

# The addressees of a clause that speaks to every member, or every state, at
# once: groups, not actors.
ALL_MEMBERS = "members"
ALL_STATES = "states"
GROUP_ADDRESSEES = (ALL_MEMBERS, ALL_STATES)

# Places that hold a state (checked against declared states in scenarios).
STATE_PLACES = {"attacker", "victim", "party", "other party", "requesting state", "requested state", "state",
                "territorial state", "group", "partner", "target", "actor", "addressee", "requested", "invited",
                "government", "vessel", "flag state", "destination", "suspending state", "party in breach"}

# The kinds of actor an id names that is not a state's code (group:NORTHERN-FRONT).
NON_STATE_KINDS = ("group", "authority", "force", "movement", "government", "vessel", "aircraft")

# The kinds of fact that may say where they happen (`... in high-seas`, `...
# in the waters of MOZ`): what someone does or fails to do.
PLACED_KINDS = frozenset({"act", "omission"})
# The parts of a state a place may name: `in the waters of MOZ`
PLACE_PARTS = ("waters", "airspace", "territory")


# A fact a scenario records as lasting until an event ends it (`... continuing.`).
CONTINUING = dt.date.max


@dataclass(frozen=True)
class Fact:
    kind: str
    args: tuple[Term | None, ...]
    span: Span = field(default=NOWHERE, compare=False)
    prep: str | None = field(default=None, compare=False)   # "against", "from"...: for display only
    # in a scenario: the first day the fact no longer holds (`until DATE`), or
    # CONTINUING (it holds until an event ends it); None: as its kind does
    # (an act its one day, anything else until ended)
    lasting: dt.date | None = field(default=None, compare=False)
    # an authorization's exclusions: the kinds of the act it does not permit
    # ("... to use-force against LBY excluding occupy")
    excluding: tuple[Const, ...] = field(default=(), compare=False)
    # a clause's chapter of the Charter (IS-ART25-SCOPE): in a scenario the
    # chapter the record puts it under; in a rule's condition, the chapter
    # it asks for ("under") or one it must not be under ("outside")
    chapter: "ChapterTag | None" = field(default=None, compare=False)
    # what an act, or an authorization, is for ("for the purpose of P")
    purpose: "Const | None" = field(default=None, compare=False)
    # where an act (or an omission) happens: `in high-seas`, `in the waters
    # of MOZ` (a scenario's record, or what a rule's condition asks; None: not
    # said, which a condition reads as "anywhere")
    place: "Place | None" = None
    # a circumstance precluding wrongfulness the record invokes for an act or
    # an omission (`... under force-majeure`; ARSIWA Arts 20-25): a name a
    # loaded charter's `circumstance C precludes wrongfulness` statement reads
    plea: "Const | None" = field(default=None, compare=False)

    def variables(self) -> list[Var]:
        out = [a for a in self.args if isinstance(a, Var)]
        if self.place is not None:
            out += [a for a in (self.place.name, self.place.state) if isinstance(a, Var)]
        return out


@dataclass(frozen=True)
class Place:
    """Where an act happens: a named place or region (`high-seas`,
    `persian-gulf`, or a variable in a rule), or a part of a state (`the
    waters of MOZ`: `part` is waters, airspace or territory)."""

    name: Term | None = None
    part: str | None = None
    state: Term | None = None
    span: Span = field(default=NOWHERE, compare=False)

    def words(self) -> str:
        if self.part is not None:
            st = self.state.value if isinstance(self.state, Const) else getattr(self.state, "name", "?")
            return f"in the {self.part} of {st}"
        nm = self.name.value if isinstance(self.name, Const) else getattr(self.name, "name", "?")
        return f"in {nm}"


@dataclass(frozen=True)
class ChapterTag:
    """`under chapter 7` (a record's, or a condition asking for it) or
    `outside chapter 7` (a condition: recorded under another chapter)."""

    mode: str                      # "under" | "outside"
    chapter: int
    span: Span = field(default=NOWHERE, compare=False)

    def words(self) -> str:
        return f"{self.mode} chapter {self.chapter}"


# the kinds of clause that may carry a chapter tag
CHAPTER_KINDS = frozenset({"decision", "demand", "call"})


@dataclass(frozen=True)
class SwitchCond:
    switch: str
    position: str
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Period:
    """A stretch of time a rider counts from the day its fact arose (`until 3
    months after ...`): a number of days or of calendar months (weeks and
    years are written as days and months)."""

    count: int
    unit: str                   # "days" | "months"
    words: str                  # as written ("3 months", "14 days", "1 year")
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Guarded:
    """A fact in an `unless` or `until` rider, optionally only under one
    position; an `until` rider may end its norm a period after the fact
    arose instead of on that day (`until 3 months after FACT`)."""

    fact: Fact
    guard: SwitchCond | None
    span: Span = field(default=NOWHERE, compare=False)
    after: Period | None = None


# ---------------------------------------------------------------- norms


@dataclass(frozen=True)
class RoleBearer:
    role: str
    other_than: tuple[Term, ...]
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class OneBearer:
    who: Term
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class OrganBearer:
    organ: str
    span: Span = field(default=NOWHERE, compare=False)


Bearer = Union[RoleBearer, OneBearer, OrganBearer]

@dataclass(frozen=True)
class Modality:
    """A deontic position: its code in the ASP, its words in a norm, the word
    for a conclusion's status, and the names `--status` accepts for it."""

    code: str
    words: str
    status: str
    names: tuple[str, ...]


# The one table of the modalities.
MODALITY_TABLE = (
    Modality("obl", "must", "obliged", ("obl", "obliged", "must")),
    Modality("oblm", "must, choosing its own means,", "obliged (own means)", ("oblm", "own-means")),
    Modality("forb", "must not", "forbidden", ("forb", "forbidden")),
    Modality("perm", "may", "permitted", ("perm", "permitted", "may")),
    Modality("rec", "is recommended to", "recommended", ("rec", "recommended")),
    Modality("power", "has power to", "empowered", ("power", "empowered")),
)
MODALITIES = tuple(m.code for m in MODALITY_TABLE)
MODALITY_WORDS = {m.code: m.words for m in MODALITY_TABLE}
STATUS_WORDS = {m.code: m.status for m in MODALITY_TABLE}
STATUS_NAMES = {name: m.code for m in MODALITY_TABLE for name in m.names}


@dataclass(frozen=True)
class ActSpec:
    verb: Term
    obj: Term | None
    target: Term | AnyState | None
    span: Span = field(default=NOWHERE, compare=False)
    prep: str | None = field(default=None, compare=False)   # for display only


@dataclass(frozen=True)
class ArticleRef:
    num: str
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Norm:
    conditions: tuple[Fact, ...]
    guards: tuple[SwitchCond, ...]
    bearer: Bearer
    modality: str
    act: ActSpec
    overriding: tuple[ArticleRef, ...]
    citing: tuple[ArticleRef, ...]
    unless: tuple[Guarded, ...]
    until: tuple[Guarded, ...]
    span: Span = field(default=NOWHERE, compare=False)
    # kinds of the act the norm does not reach (`, excluding use-excessive-force`)
    excluding: tuple[Const, ...] = ()
    # `, from the day its situation arose`: holds from the earliest start of
    # the facts it rests on (norms.lp), not the latest
    retroactive: bool = False


@dataclass(frozen=True)
class CountsAs:
    condition: Fact
    head: Fact
    span: Span = field(default=NOWHERE, compare=False)
    guards: tuple[SwitchCond, ...] = ()     # `... where IS-X is P`: on that reading only

    def head_for(self, values: tuple) -> tuple | None:
        """The places of the fact this rule derives from a fact whose places
        are `values` (names, None for an empty place), or None if that fact
        does not meet the condition."""
        bound: dict[str, object] = {}
        for j, arg in enumerate(self.condition.args):
            value = values[j] if j < len(values) else None
            if isinstance(arg, Const) and arg.value != value:
                return None
            if isinstance(arg, Var) and bound.setdefault(arg.name, value) != value:
                return None
        return tuple(bound.get(a.name) if isinstance(a, Var) else a.value if isinstance(a, Const) else None
                     for a in self.head.args)


@dataclass(frozen=True)
class Priority:
    """`this charter prevails over any other agreement` (winner None = this
    charter: its binding rules prevail), `the permissions of article X
    prevail over any other agreement [where S is P]`, or `article X prevails
    over article Y`."""

    principle: str
    winner: ArticleRef | None
    loser: ArticleRef | None
    span: Span = field(default=NOWHERE, compare=False)
    over_this: str | None = None     # `the charter un prevails over this charter` (NAT Art 7)
    permissions: tuple[ArticleRef, ...] = ()   # `the permissions of article 42 prevail over ...`
    guard: SwitchCond | None = None             # `... where IS-ART103-SCOPE is authorizations`


@dataclass(frozen=True)
class Quota:
    """How many votes carry a decision: `count` (n affirmative votes),
    `unanimity` (no member voting against, some for), `consensus` (no member
    against), `two_thirds` or `majority` (of the members present and voting),
    `two_thirds_members` (of every member seated that day, present or not,
    less the parties whose votes are not counted), `members_and_majority`
    (the members of `organ` voting all for and some for, and a majority of
    every other member seated that day; the parties left out of both)."""

    kind: str
    n: int | None = None
    span: Span = field(default=NOWHERE, compare=False)   # where the number is written
    organ: str | None = None                             # members_and_majority: the other organ
    organ_span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class VotingRule:
    """`the council decides other matters by 9 affirmative votes including the
    concurring votes of every permanent-member from 1965-08-31.`"""

    organ: str
    matter: str                    # "procedural" | "other" | "all" | "article"
    quota: Quota
    concurring: str | None         # role whose members' concurrence is required
    start: dt.date | None
    until: dt.date | None
    span: Span = field(default=NOWHERE, compare=False)
    article: str | None = None     # matter "article": `matters under article 15`
    article_span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class VoteCountsAs:
    """`the absence of a permanent-member counts as a negative vote where IS-ABSENCE is blocks.`"""

    way: str                       # "absent" | "abstain"
    role: str
    guard: SwitchCond
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class DoubleVeto:
    """Whether a matter is procedural is itself decided as another matter, under a switch."""

    guard: SwitchCond
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class ProceduralText:
    """A text whose clauses are all of this kind is a procedural matter
    (`a text that only refers the matter is a procedural matter.`)."""

    kind: str                      # a kind of fact: "referral"
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Proviso:
    """In decisions under chapter N a party to a dispute abstains (Art 27(3));
    a vote cast against this is void under a switch."""

    chapter: int
    void: SwitchCond | None
    span: Span = field(default=NOWHERE, compare=False)
    chapter_span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class PartyExclusion:
    """In decisions under an article (or a chapter) the votes of the parties
    to the dispute are not counted, on every reading (League Covenant Arts
    15(6), 15(10)): a party's ballot is neither for nor against, and does not
    count among the members voting."""

    scope: str                     # "article" | "chapter"
    ref: str                       # the article's number ("15") or the chapter's ("6")
    span: Span = field(default=NOWHERE, compare=False)
    ref_span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class SeatVote:
    """A vote cast for a seat whose representation is disputed counts as an
    absence, under a switch (IS-SEATS)."""

    guard: SwitchCond
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class PurposeReach:
    """`an authorization reaches only its purpose where IS-X is P.`: on that
    reading an act recorded for another purpose is not covered by what an
    authorization given for a purpose permits."""

    guard: SwitchCond
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Precluding:
    """`circumstance force-majeure precludes wrongfulness, save acts of use-force.`: an act
    or omission the record says was done under the circumstance breaks no
    rule (ARSIWA Arts 20-25), save the acts named and their kinds, whose
    prohibition no circumstance lifts (Art 26: peremptory norms). The duty
    itself stands (Art 27(a))."""

    circumstance: Const
    save: tuple[Const, ...] = ()
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class SuspensionLaw:
    """`a party may suspend a treaty towards a party in material breach of
    it, save acts of use-force.`: a suspension a scenario records (`X
    suspends its obligations under C towards Y for breach of article N`)
    suspends X's obligations and prohibitions under C towards Y from the day
    both it and Y's breach of that article (as pyrule finds it) stand, save
    those about the acts named and their kinds (VCLT Art 60)."""

    save: tuple[Const, ...] = ()
    span: Span = field(default=NOWHERE, compare=False)


# (the clauses of an article that compile to facts about the article rather
# than to rules: how its organs decide, how far its authorizations reach, and
# which circumstances preclude wrongfulness)
VotingClause = Union[VotingRule, VoteCountsAs, DoubleVeto, Proviso, SeatVote, ProceduralText, PurposeReach,
                     PartyExclusion, Precluding, SuspensionLaw]


@dataclass(frozen=True)
class Article:
    num: str
    title: str
    rules: tuple[Norm | CountsAs, ...]
    priorities: tuple[Priority, ...]
    span: Span = field(default=NOWHERE, compare=False)
    voting: tuple[VotingClause, ...] = ()


@dataclass(frozen=True)
class Organ:
    name: str
    title: str
    span: Span = field(default=NOWHERE, compare=False)
    seats: str | None = None       # the membership table of its seats


@dataclass(frozen=True)
class Role:
    name: str
    title: str
    membership: str
    span: Span = field(default=NOWHERE, compare=False)
    membership_span: Span = field(default=NOWHERE, compare=False)
    declared: bool = False         # `... declared in scenarios`: no table; scenarios declare the members


@dataclass(frozen=True)
class Action:
    name: str
    title: str
    span: Span = field(default=NOWHERE, compare=False)
    incompatible: tuple[Const, ...] = ()     # actions no one can do together with this one
    kind_of: Const | None = None             # the action this one is a kind of


def kinds_above(action: str, actions: dict[str, Action]) -> set[str]:
    """The action and every action it is a kind of (`... is a kind of ...`)."""
    out = {action}
    decl = actions.get(action)
    while decl is not None and decl.kind_of is not None and decl.kind_of.value not in out:
        out.add(decl.kind_of.value)
        decl = actions.get(decl.kind_of.value)
    return out


@dataclass(frozen=True)
class Measure:
    """`measure arms-embargo "..." forbids supply-arms to the target.`: a
    measure an organ may decide; a duty to apply it against a state forbids
    the acts named towards that state."""

    name: str
    title: str
    forbids: tuple[tuple[Const, str], ...] = ()    # (action, preposition) towards the target
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Position:
    name: str
    title: str
    prevailing: bool
    span: Span = field(default=NOWHERE, compare=False)
    settled: bool = False          # settled implies prevailing


@dataclass(frozen=True)
class Switch:
    name: str
    question: str
    positions: tuple[Position, ...]
    span: Span = field(default=NOWHERE, compare=False)

    @property
    def prevailing(self) -> str | None:
        return next((p.name for p in self.positions if p.prevailing), None)

    @property
    def settled(self) -> str | None:
        return next((p.name for p in self.positions if p.settled), None)


@dataclass(frozen=True)
class Charter:
    id: str
    title: str
    in_force: dt.date
    organs: tuple[Organ, ...]
    roles: tuple[Role, ...]
    actions: tuple[Action, ...]
    switches: tuple[Switch, ...]
    articles: tuple[Article, ...]
    priorities: tuple[Priority, ...]
    path: str
    span: Span = field(default=NOWHERE, compare=False)
    measures: tuple[Measure, ...] = ()
    until: dt.date | None = None        # the first day it no longer binds (None: still in force)


# ---------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class MembershipSource:
    organisation: str
    data: str
    span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class SeatDispute:
    """`the representation of CHN is disputed from DATE [until DATE].`"""

    code: str
    since: dt.date
    until: dt.date | None
    span: Span = field(default=NOWHERE, compare=False)
    code_span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class StateDecl:
    code: str
    name: str
    member_of: tuple[str, ...]          # organisations it is a member of, from `since`
    since: dt.date | None
    span: Span = field(default=NOWHERE, compare=False)
    until: dt.date | None = None        # the first day it is no longer a member (None: still is)
    org_spans: tuple[Span, ...] = field(default=(), compare=False)   # where each of member_of is written
    until_span: Span = field(default=NOWHERE, compare=False)


BALLOT_WAYS = ("yes", "no", "abstain", "pnv", "absent", "unknown")
BALLOT_WORDS = {"yes": "for", "no": "against", "abstain": "abstain", "pnv": "not voting",
                "absent": "absent", "unknown": "unknown"}


@dataclass(frozen=True)
class Vote:
    """A recorded vote of an organ on a draft: a roll call (states by way of
    voting) or, for a plenary organ, counts; adoption is derived."""

    organ: str
    symbol: str
    kind: str                               # "other" | "procedural" | "chapter" | "article" | "preliminary";
                                            # "unstated": what the text does decides (procedural or other)
    chapter: int | None
    parties: tuple[str, ...]                # parties to the dispute (chapter and article votes)
    roll: tuple[tuple[str, tuple[Const, ...]], ...]   # (way, states)
    counts: tuple[tuple[str, int], ...]     # (way, number)
    span: Span = field(default=NOWHERE, compare=False)
    chapter_span: Span = field(default=NOWHERE, compare=False)
    count_spans: tuple[Span, ...] = field(default=(), compare=False)   # where each count is written
    question: str | None = None             # "preliminary": the draft whose classification it decides
    question_span: Span = field(default=NOWHERE, compare=False)
    article: str | None = None              # "article": the article the decision is under ("15")


@dataclass(frozen=True)
class Event:
    """Something that happens on a day: it starts one or more facts.

    `resolution` names the adopted text the facts come from, `effective`
    a later date from which a clause takes effect."""

    date: dt.date
    facts: tuple[tuple[Fact, dt.date | None], ...]
    resolution: str | None
    ends: bool = False
    span: Span = field(default=NOWHERE, compare=False)
    vote: Vote | None = None


@dataclass(frozen=True)
class Expectation:
    date: dt.date
    under: tuple[SwitchCond, ...]
    negated: bool
    who: str                      # "one" | "every" | "none" | "organ" | "draft"
    subject: str                  # state code, role name, organ name or draft symbol
    other_than: tuple[str, ...]
    modality: str | None          # None for a violation or decision claim
    act: ActSpec | None           # None for a decision claim
    contested: bool
    sources: tuple[ArticleRef, ...]
    span: Span = field(default=NOWHERE, compare=False)
    subject_span: Span = field(default=NOWHERE, compare=False)
    # what is claimed: "norm" (X must/may ... ACT), "violation", "decision"
    # (a draft is adopted), "conflict", "defeat" (`winner` prevails over
    # `loser`), "unread" (`fact` is read by no rule), "authorizes" (the text
    # adopted as `resolution` permits the act), "complies" (no violation of
    # `article`; with `act`, the act done meets its duty), "adopt" (the organ
    # could adopt the draft `subject`)
    claim: str = "norm"
    contested_on: tuple[SwitchCond, ...] = ()   # "is contested on IS-X": the switches it turns on (no position)
    winner: ArticleRef | None = None
    loser: ArticleRef | None = None
    fact: Fact | None = None
    resolution: str | None = None
    resolution_span: Span = field(default=NOWHERE, compare=False)
    article: ArticleRef | None = None
    charter: str | None = None                  # of `article`, where named ("article 5 of nato")
    charter_span: Span = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    uses: tuple[str, ...]
    memberships: tuple[MembershipSource, ...]
    states: tuple[StateDecl, ...]
    events: tuple[Event, ...]
    expectations: tuple[Expectation, ...]
    path: str
    span: Span = field(default=NOWHERE, compare=False)
    seat_disputes: tuple["SeatDispute", ...] = ()
