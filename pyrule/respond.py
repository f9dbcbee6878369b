"""Responses to an aggression: every pathway the loaded charters open.

Takes a scenario (or one armed attack, `armed attack by X on Y [in R] on D`),
a day and assumed votes; gives a `Response`: for each pathway (self-defence
and the treaty duties the attack triggers, the Council under Arts 39-42,
Uniting for Peace, regional action) its status, the votes it needs, who can
block it, and what it would oblige, permit or recommend, and for whom.

Nothing here is a table of the law. Each pathway is a set of hypothetical
events (a request for assistance, a draft adopted by the Council, a
referral, an Assembly recommendation), written as scenario text with the
attacker's and victim's codes as the parser gave them, parsed by the normal
parser and added to the scenario; the normal solve then says what follows,
and `pyrule.analysis.possible` whether each draft could pass on that day's
Council. What a pathway would create is read from the conclusions whose
grounds include its hypothetical text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from . import ast as A
from .analysis import Possibility, possible
from .api import answer_bundle, prepare
from .errors import CheckProblem, NameProblem, PyruleError, SyntaxProblem, did_you_mean
from .library import CHARTER_SUFFIX, Bundle, Roster, bundled, load_charter, load_membership, resource_dir
from .parse import parse_assumption, parse_scenario
from .results import Answer, Basis, Conclusion, Contest, EventBasis
from .words import group_words

SCHEMA = "pyrule.respond/1"
HYPOTHETICAL = "hypothetical"

# The labels of the hypothetical texts (pyrule's own strings, never a user's).
LABELS = {
    "art39": "respond: Art 39 determination (hypothetical)",
    "art40": "respond: Art 40 provisional measures (hypothetical)",
    "art41": "respond: Art 41 measures (hypothetical)",
    "art42": "respond: Art 42 authorization (hypothetical)",
    "referral": "respond: referral to the Assembly (hypothetical)",
    "assembly": "respond: Assembly recommendation (hypothetical)",
}
VOTE_SUFFIX = " [vote]"


# ------------------------------------------------------------------ the aggression


@dataclass(frozen=True)
class Aggression:
    attacker: str
    victim: str
    region: str | None
    day: dt.date


_EVENT_FORM = re.compile(r"^(?P<fact>.*?)\s+on\s+(?P<date>\S+)\s*$", re.DOTALL)


def _event_error(cls, message: str, text: str, col: int, width: int = 1, **kw) -> PyruleError:
    span = A.Span("--event", 1, col + 1, 1, col + 1 + max(width, 1))
    return cls(message, span, text=text, **kw)


def parse_event(text: str) -> Aggression:
    """`armed attack by RUS on EST in europe on 2026-03-01` -> an `Aggression`.
    The fact is read by the scenario grammar; errors point into `text`."""
    from .cli import parse_day

    text = text.strip()
    for k, ch in enumerate(text):
        if ch in "\r\n":
            raise _event_error(SyntaxProblem, "an event is one line", text.replace("\r", " ").replace("\n", " "), k)
    m = _EVENT_FORM.match(text)
    if m is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.group("date")):
        raise _event_error(SyntaxProblem, "an event ends with 'on YYYY-MM-DD'", text, len(text), 1,
                           hint="e.g. --event 'armed attack by RUS on EST in europe on 2026-03-01'")
    try:
        day = parse_day(m.group("date"))
    except ValueError as err:
        raise _event_error(SyntaxProblem, str(err), text, m.start("date"), len(m.group("date"))) from None
    fact_text = m.group("fact")
    prefix = f'scenario event "event" uses un.\non {day.isoformat()}: '
    with _pointing_into(text, day):
        scen = parse_scenario(prefix + fact_text + ".", "--event")
    facts = [f for ev in scen.events for f, _ in ev.facts]
    if len(facts) != 1 or facts[0].kind != "attack" or scen.events[0].ends:
        raise _event_error(SyntaxProblem, "pyrule respond needs an armed attack", text, 0, len(fact_text),
                           hint="e.g. --event 'armed attack by RUS on EST in europe on 2026-03-01'")
    shift = len(prefix.splitlines()[1])
    for arg in facts[0].args[:2]:
        if not isinstance(arg, A.Const):
            col = arg.span.column - shift - 1 if arg is not None and arg.span.line == 2 else 0
            raise _event_error(SyntaxProblem, "an attack names the states: a code such as IRQ, not a variable",
                               text, max(col, 0), len(getattr(arg, "name", "") or "x"))
    att, vic, reg = (a.value if isinstance(a, A.Const) else None for a in facts[0].args)
    assert att is not None and vic is not None
    return Aggression(att, vic, reg, day)


class _pointing_into:
    """Errors at the event's line of a scenario made from `--event` (its second
    line, `on DATE: FACT.`) point into the user's text instead."""

    def __init__(self, text: str, day: dt.date) -> None:
        self.text = text
        self.shift = len(f"on {day.isoformat()}: ")

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, err, tb) -> bool:
        if isinstance(err, PyruleError) and err.span is not None and err.span.file == "--event" \
                and err.span.line == 2:
            col = max(err.span.column - self.shift, 1)
            end = max(err.span.end_column - self.shift, col + 1) if err.span.end_line == 2 else col + 1
            err.span = A.Span("--event", 1, col, 1, end)
            err.text = self.text
        return False


def _walk(bases, seen: set[int]):
    for b in bases:
        if id(b) in seen:
            continue
        seen.add(id(b))
        yield b
        if isinstance(b, Basis):
            yield from _walk(b.facts, seen)


def _fact_names(x: "EventBasis | Basis") -> list[str | None] | None:
    """The names in the places of a fact: a stated one's, or for one a "counts
    as" rule derives, its head's with the variables bound from the fact
    beneath (itself stated or derived)."""
    if isinstance(x, EventBasis):
        return [a.value if isinstance(a, A.Const) else None for a in x.fact.fact.args]
    rule = x.rule.rule
    if not isinstance(rule, A.CountsAs) or not x.facts:
        return None
    below = _fact_names(x.facts[0])
    if below is None:
        return None
    binding = {mine.name: theirs for mine, theirs in zip(rule.condition.args, below)
               if isinstance(mine, A.Var) and theirs is not None}
    return [binding.get(a.name) if isinstance(a, A.Var) else (a.value if isinstance(a, A.Const) else None)
            for a in rule.head.args]


def _derived_attack(b: "EventBasis | Basis") -> tuple[str, str, str | None] | None:
    """The attack a "counts as" rule derived, its variables bound from the facts beneath."""
    if not isinstance(b, Basis) or not isinstance(b.rule.rule, A.CountsAs) or b.rule.rule.head.kind != "attack":
        return None
    args = _fact_names(b)
    return (args[0], args[1], args[2]) if args and args[0] and args[1] else None


def stated_aggressions(program) -> list[Aggression]:
    """The armed attacks a scenario states, by day."""
    out: dict[tuple[str, str], Aggression] = {}
    for info in program.fluents.values():
        f = info.fact
        if f.kind == "attack" and not info.event.ends:
            a = [x.value if isinstance(x, A.Const) else None for x in f.args]
            if a[0] and a[1] and ((a[0], a[1]) not in out or out[(a[0], a[1])].day > info.start):
                out[(a[0], a[1])] = Aggression(a[0], a[1], a[2], info.start)
    return sorted(out.values(), key=lambda g: (g.day, g.attacker, g.victim))


def find_aggressions(answer: Answer) -> list[Aggression]:
    """The armed attacks of a solved scenario: stated ones, and those that a
    "counts as" rule derives (on some reading), in order of their days."""
    found = {(g.attacker, g.victim): g for g in stated_aggressions(answer.program)}

    def note(att: str, vic: str, reg: str | None, day: dt.date) -> None:
        key = (att, vic)
        if key not in found or found[key].day > day:
            found[key] = Aggression(att, vic, reg, day)

    seen: set[int] = set()
    for c in answer.conclusions:
        for b in _walk(c.bases, seen):
            if isinstance(b, Basis):
                got = _derived_attack(b)
                if got:
                    note(*got, min(e.date for e in b.events()))
    return sorted(found.values(), key=lambda g: (g.day, g.attacker, g.victim))


# ------------------------------------------------------------------ the results


@dataclass(frozen=True)
class Item:
    """What a pathway would create: one status of one act, for a group of actors."""

    status: str
    actors: tuple[str, ...]
    group: str                      # the actors in words ("every member of un but RUS (192)")
    action: str
    object: str | None
    target: str | None
    articles: tuple[tuple[str, str], ...]
    contest: Contest | None
    start: dt.date
    end: dt.date | None
    example: Conclusion = field(compare=False, repr=False)


@dataclass(frozen=True)
class Passage:
    """Whether a draft could pass on the day's seats (brave/cautious), and who blocks it."""

    organ: str
    matter: str
    rule: str                       # the voting rule in force, in words
    seats: tuple[str, ...]
    permanent: tuple[str, ...]
    known: dict[str, str]           # state -> way, the votes taken as known
    possibility: Possibility | None
    best_case: str | None           # "adopted" | "not adopted" | "contested", every other seat for
    blocked_by: tuple[str, ...]     # whose vote defeats it even when every other seat votes for
    vetoes: tuple[str, ...] = ()    # the seats whose concurrence the rule needs (each can block alone)
    contest: Contest | None = None  # where the best case passes on some readings only
    prevailing_passes: bool | None = None   # ... whether it passes on the prevailing ones
    proviso: str | None = None      # the Art 27(3) proviso, and why it does not apply
    allies: dict[str, list[str]] = field(default_factory=dict)   # permanent seat -> treaties binding it to the attacker


@dataclass(frozen=True)
class Pathway:
    key: str
    title: str
    status: str                     # open | blocked | contested | needs-request | closed
    summary: str
    articles: tuple[tuple[str, str], ...]
    items: tuple[Item, ...]
    passage: Passage | None = None
    notes: tuple[str, ...] = ()
    hypothetical: tuple[str, ...] = ()    # the scenario lines added


@dataclass(frozen=True)
class Response:
    scenario: str
    title: str
    aggression: Aggression
    at: dt.date
    charters: tuple[str, ...]
    positions: list[dict[str, str]]
    pathways: tuple[Pathway, ...]
    never_obliged: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]   # action, the articles permitting it
    untriggered: tuple[str, ...]    # duties the charters give only on facts no pathway produces
    assumed: tuple[str, ...]
    # the scenarios the answers were read from: "self-defence" (the attack and
    # the request) and "pathways" (every hypothetical text), for `explain`
    bundles: dict[str, Bundle] = field(default_factory=dict, compare=False, repr=False)


# ------------------------------------------------------------------ building the bundle


def _treaty_tables(day: dt.date) -> list[tuple[str, dict[str, bool]]]:
    """The bundled charters in force on `day` whose roles rest on bundled
    tables, none of them the UN's, each with who is a member that day (code ->
    True): the regional treaties and their parties."""
    out = []
    for name, path in sorted(bundled("charters", CHARTER_SUFFIX).items()):
        ch = load_charter(str(path))
        if ch.in_force > day or (ch.until is not None and ch.until <= day):
            continue
        tables = {r.membership for r in ch.roles if not r.declared}
        if not tables or "un" in tables:     # a universal instrument (the UN's members), not a regional one
            continue
        members: dict[str, bool] = {}
        for t in sorted(tables):
            if (resource_dir("charters") / "membership" / f"{t}.tsv").is_file():
                for r in load_membership(A.MembershipSource(t, t)):
                    if r.start <= day and (r.end is None or day < r.end):
                        members[r.code] = True
        out.append((ch.id, members))
    return out


def _regional_charters(agg: Aggression) -> list[str]:
    """The regional treaties whose parties include the victim that day (those
    whose duties of assistance the attack could trigger)."""
    return [cid for cid, members in _treaty_tables(agg.day) if agg.victim in members]


def _allies(attacker: str, day: dt.date, permanent: list[str]) -> dict[str, list[str]]:
    """The permanent members bound to the attacker by a bundled treaty in force
    that day (from the treaties' membership tables): permanent member ->
    treaties."""
    out: dict[str, list[str]] = defaultdict(list)
    for cid, members in _treaty_tables(day):
        if attacker in members:
            for p in permanent:
                if p != attacker and p in members:
                    out[p].append(cid)
    return dict(out)


def _bundle_of(scenario: A.Scenario, charters: tuple[A.Charter, ...]) -> Bundle:
    """A bundle for a scenario made here (the same tables `load_bundle` takes)."""
    members = []
    for src in scenario.memberships:
        members.extend(load_membership(src))
    declared = {src.organisation for src in scenario.memberships}
    needed = [r.membership for ch in charters for r in ch.roles] + [o.seats for ch in charters for o in ch.organs
                                                                     if o.seats]
    for org in dict.fromkeys(needed):
        if org not in declared and (resource_dir("charters") / "membership" / f"{org}.tsv").is_file():
            members.extend(load_membership(A.MembershipSource(org, org, scenario.span)))
    return Bundle(scenario, charters, tuple(members))


def event_bundle(agg: Aggression, event_text: str, charters: tuple[str, ...] = ()) -> Bundle:
    """A scenario of one attack, with the UN Charter, Uniting for Peace (once in
    force) and the regional treaties of the attacker or the victim."""
    names = ["un"]
    ufp = load_charter("uniting-for-peace")
    if ufp.in_force <= agg.day:
        names.append("uniting-for-peace")
    names += _regional_charters(agg)
    loaded = {}
    for n in list(dict.fromkeys(names + list(charters))):
        ch = load_charter(n)
        loaded.setdefault(ch.id, ch)
    m = _EVENT_FORM.match(event_text.strip())
    fact = m.group("fact") if m else f"armed attack by {agg.attacker} on {agg.victim}"
    # an actor that is not a state (`group:ISIL`) is declared a non-State
    # group from the day (the code, as the grammar read it, is also its name)
    groups = "".join(f'state {code} "{code}" member of non-state from {agg.day.isoformat()}.\n'
                     for code in (agg.attacker,) if code.startswith(tuple(k + ":" for k in A.NON_STATE_KINDS)))
    text = (f'scenario event "armed attack by {agg.attacker} on {agg.victim} on {agg.day.isoformat()}" '
            f"uses {', '.join(loaded)}.\n"
            f"on {agg.day.isoformat()}: {fact}.\n"     # the user's words, already parsed once: errors point there
            + groups)
    with _pointing_into(event_text.strip(), agg.day):
        scen = parse_scenario(text, "--event")
    roster = Roster.of(_bundle_of(scen, tuple(loaded.values())))
    for code, where in ((agg.attacker, event_text.find(agg.attacker)), (agg.victim, event_text.rfind(agg.victim))):
        if code not in roster.names and not code.startswith(tuple(k + ":" for k in A.NON_STATE_KINDS)):
            guess = did_you_mean(code, roster.names)
            raise _event_error(NameProblem, f"unknown state '{code}'", event_text, max(where, 0), len(code),
                               hint=f"did you mean '{guess}'?" if guess else "a state code of the membership data")
    made = _bundle_of(scen, tuple(loaded.values()))
    return dataclasses.replace(made, sources=_sources(made, text))


def _until(bundle: Bundle, day: dt.date) -> Bundle:
    """The scenario as it stood on `day`: its events to that day, no expectations."""
    events = tuple(ev for ev in bundle.scenario.events if ev.date <= day)
    return dataclasses.replace(bundle, scenario=dataclasses.replace(bundle.scenario, events=events, expectations=()))


def _prepared(bundle: Bundle, day: dt.date, lines: list[str], tag: str):
    """`api.prepare` of a hypothetical bundle, or what an earlier run made of
    the same one from the cache of compiled programs (keyed by the texts of
    the scenario and charters, the day and the hypothetical lines)."""
    from . import cache

    if not cache.enabled() or not bundle.sources:
        return prepare(bundle)
    entry = cache.key(list(bundle.sources), "\0".join(["respond", tag, day.isoformat(), *lines]))
    got = cache.get(entry)
    if got is not None and hasattr(got, "cached_rules"):
        return got
    program = prepare(bundle)
    cache.put(entry, program.for_cache())
    return program


def _sources(bundle: Bundle, scenario_text: str) -> tuple[tuple[str, str], ...]:
    """What a hypothetical bundle is made of, for the cache's key: the
    scenario's text and each charter's file."""
    from pathlib import Path

    out = [("<scenario>", scenario_text)]
    for ch in bundle.charters:
        try:
            out.append((ch.path, Path(ch.path).read_text(encoding="utf-8")))
        except OSError:
            return ()
    return tuple(out)


def _with(bundle: Bundle, lines: list[str]) -> Bundle:
    """The bundle with hypothetical scenario lines added (parsed by the normal parser)."""
    if not lines:
        return bundle
    text = f'scenario {HYPOTHETICAL} "hypothetical events" uses un.\n' + "\n".join(lines) + "\n"
    extra = parse_scenario(text, "<respond>")
    scen = bundle.scenario
    return dataclasses.replace(bundle, scenario=dataclasses.replace(scen, events=scen.events + extra.events))


# ------------------------------------------------------------------ votes


_WAYS = {"yes": "for", "no": "against", "abstain": "abstain", "pnv": "not voting", "absent": "absent"}


def parse_positions(texts: tuple[str, ...]) -> dict[str, str]:
    """--assume 'CHN votes against' (of every Council draft) -> {"CHN": "no"}."""
    out: dict[str, str] = {}
    for text in texts:
        body = text.strip()
        if re.search(r"\bon\s+\S", body):
            state, way, _, _, _ = parse_assumption(body)
        else:
            state, way, _, _, _ = parse_assumption(body + ' on "respond"')
        if out.get(state, way) != way:
            raise CheckProblem(f"two assumptions about {state}'s vote: {_WAYS[out[state]]} and {_WAYS[way]}",
                               hint="give one of them")
        out[state] = way
    return out


def _roll(seats: list[str], known: dict[str, str], rest: str) -> str:
    by: dict[str, list[str]] = defaultdict(list)
    for s in seats:
        by[known.get(s, rest)].append(s)
    parts = [f"{_WAYS[w] if w != 'unknown' else 'unknown'} {', '.join(sorted(ss))}" for w, ss in by.items() if ss]
    return "; ".join(parts)


def _rule_of(charters: tuple[A.Charter, ...], organ: str, matter: str, day: dt.date) -> A.VotingRule | None:
    for ch in charters:
        for art in ch.articles:
            for v in art.voting:
                if isinstance(v, A.VotingRule) and v.organ == organ and v.matter in (matter, "all") \
                        and (v.start is None or v.start <= day) and (v.until is None or day < v.until):
                    return v
    return None


def _proviso_words(charters: tuple[A.Charter, ...], attacker: str, seated: bool) -> str | None:
    for ch in charters:
        for art in ch.articles:
            for v in art.voting:
                if isinstance(v, A.Proviso):
                    return (f"the proviso of {ch.id} article {art.num} (a party to a dispute abstains) reaches only "
                            f"decisions under chapter {v.chapter}; these drafts are not, so "
                            + (f"{attacker} votes and its vote counts" if seated else
                               f"a party that sits votes (and {attacker} has no seat that day)"))
    return None


def _rule_words(charters: tuple[A.Charter, ...], organ: str, matter: str, day: dt.date) -> str:
    for ch in charters:
        for art in ch.articles:
            for v in art.voting:
                if isinstance(v, A.VotingRule) and v.organ == organ and v.matter in (matter, "all") \
                        and (v.start is None or v.start <= day) and (v.until is None or day < v.until):
                    q = v.quota
                    quota = {"count": f"{q.n} affirmative votes", "two_thirds": "two-thirds of the members present "
                             "and voting", "majority": "a majority of the members present and voting",
                             "unanimity": "unanimity of the members voting", "consensus": "consensus",
                             "two_thirds_members": "two-thirds of the members",
                             "members_and_majority": f"the members of the {q.organ} and a majority of the other "
                                                     "members"}.get(q.kind, q.kind)
                    conc = f" including the concurring votes of every {v.concurring}" if v.concurring else ""
                    return f"{quota}{conc} ({ch.id} article {art.num})"
    return "no voting rule of the loaded charters"


# ------------------------------------------------------------------ grouping


def _items(answer: Answer, conclusions: list[Conclusion], day: dt.date) -> tuple[Item, ...]:
    """Conclusions holding on `day`, one item per status of one act and its readings."""
    prog = answer.program
    groups: dict[tuple, list[Conclusion]] = defaultdict(list)
    for c in conclusions:
        if c.entailed or not c.covers(day):
            continue
        groups[(c.status, c.action, c.object, c.target, c.models, tuple(c.articles()))].append(c)
    out = []
    for (status, action, obj, target, _, arts), cs in groups.items():
        actors = sorted({c.actor for c in cs})
        out.append(Item(status, tuple(actors), group_words(actors, prog.roster, prog.roles, day),
                        action, obj, target, arts, cs[0].contest, min(c.start for c in cs),
                        cs[0].end, cs[0]))
    order = {"obl": 0, "oblm": 1, "forb": 2, "perm": 3, "rec": 4, "power": 5}
    out.sort(key=lambda i: (order.get(i.status, 9), i.action, i.target or "", i.group))
    return tuple(out)


_LABELS_OF: dict[int, tuple[Conclusion, frozenset[str | None]]] = {}


def _rests_on(c: Conclusion, label: str) -> bool:
    """Whether one of the conclusion's grounds is a fact of the text adopted as `label`."""
    got = _LABELS_OF.get(id(c))
    if got is None or got[0] is not c:
        got = _LABELS_OF[id(c)] = (c, frozenset(e.fact.event.resolution for b in c.bases for e in b.events()))
    return label in got[1]


# ------------------------------------------------------------------ respond


def respond(scenario: str | None = None, event: str | None = None, at: dt.date | None = None,
            assumptions: tuple[str, ...] = (), charters: tuple[str, ...] = ()) -> Response:
    """Every pathway open on the day (`at`, else the day of the first armed attack)."""
    known_votes = parse_positions(assumptions)
    if event is not None:
        agg = parse_event(event)
        bundle = event_bundle(agg, event, charters)
    else:
        from .api import load

        bundle, program = load(scenario or "iraq-kuwait-1990", tuple(charters))
        # the attacks the scenario states; failing those, the ones its
        # charters' rules derive from what it records (solved)
        found = stated_aggressions(program)
        if not found or (at is not None and not [g for g in found if g.day <= at]):
            found = find_aggressions(answer_bundle(bundle, program=program))
        if at is not None:
            found = [g for g in found if g.day <= at] or found
        if not found:
            raise CheckProblem(f"no armed attack in scenario '{bundle.scenario.id}'"
                               + (f" on or before {at.isoformat()}" if at else ""), bundle.scenario.span,
                               hint="give one with --event 'armed attack by X on Y on YYYY-MM-DD'")
        agg = found[0]
        ufp = load_charter("uniting-for-peace")
        if ufp.in_force <= (at or agg.day) and all(ch.id != ufp.id for ch in bundle.charters):
            bundle = _bundle_of(bundle.scenario, bundle.charters + (ufp,))
        from .library import sources_of

        read = sources_of(scenario or "iraq-kuwait-1990", tuple(charters))
        bundle = dataclasses.replace(bundle, sources=_sources(bundle, read[0][1]) if read else ())
    day = at or agg.day
    if day < agg.day:
        raise CheckProblem(f"--at {day.isoformat()} is before the attack of {agg.day.isoformat()}")
    if event is not None:
        with _pointing_into(event.strip(), agg.day):      # the checker's word on the attack itself
            return _respond(bundle, agg, day, known_votes, tuple(assumptions))
    return _respond(bundle, agg, day, known_votes, tuple(assumptions))


def _respond(bundle: Bundle, agg: Aggression, day: dt.date, known: dict[str, str],
             assumed: tuple[str, ...]) -> Response:
    base = _until(bundle, day)
    roster = base.roster()
    un = next((ch for ch in base.charters if ch.id == "un"), None)
    un_on = un is not None and un.in_force <= day
    ufp_on = any(ch.id == "uniting-for-peace" and ch.in_force <= day for ch in base.charters)
    d = day.isoformat()
    A_, V = agg.attacker, agg.victim

    # 1. self-defence: the attack, and the victim's request for assistance
    requested = any(f.kind == "request" and isinstance(f.args[0], A.Const) and f.args[0].value == V
                    for ev in base.scenario.events for f, _ in ev.facts)
    sd_lines = [] if requested else [f"on {d}: {V} requests assistance."]
    sd_bundle = _with(base, sd_lines)
    sd = answer_bundle(sd_bundle, program=_prepared(sd_bundle, day, sd_lines, "self-defence"))

    # 2. the Council's drafts, Uniting for Peace: adopted (what each would
    # create), and voted on with every other seat for (who blocks it)
    # the Council's seats that day, from the table its organ declaration
    # names; the permanent ones, those whose concurrence its rule requires
    table = next((o.seats for ch in base.charters for o in ch.organs if o.name == "council" and o.seats), None)
    seats = sorted(roster.holders(table, day)) if un_on and table else []
    rule = _rule_of(base.charters, "council", "other", day)
    roles = {r.name: r.membership for ch in base.charters for r in ch.roles}
    p5 = sorted(roster.holders(roles[rule.concurring], day) & set(seats)) \
        if rule is not None and rule.concurring in roles else []
    drafts: dict[str, str] = {}
    if un_on:
        drafts = {
            "art39": f"determines a breach-of-the-peace by {A_}",
            "art40": f"demands that {A_} cease-fire against {V}; demands that {A_} withdraw from {V}",
            "art41": f"decides measures trade-embargo against {A_} under article 41",
            "art42": f"authorizes members cooperating with {V} to use-force against {A_}",
        }
    council_known = {s: w for s, w in known.items() if s in seats}
    if A_ in seats and A_ not in council_known:
        council_known[A_] = "no"
    stray = sorted(set(known) - set(seats))
    if stray and seats:
        raise NameProblem(f"{', '.join(stray)} {'has' if len(stray) == 1 else 'have'} no seat on the council on {d}",
                          hint=f"the seats that day: {', '.join(seats)}")
    lines = []
    for key, clauses in drafts.items():
        lines.append(f'on {d}: the council adopts "{LABELS[key]}": {clauses}.')
    if ufp_on:
        lines.append(f'on {d}: the council adopts "{LABELS["referral"]}": refers the matter to the assembly.')
        lines.append(f'on {d}: the assembly adopts "{LABELS["assembly"]}": '
                     f"recommends that members apply trade-embargo against {A_}; "
                     f"recommends that members use-force against {A_}.")
    if seats:
        for key in list(drafts) + (["referral"] if ufp_on else []):
            kind = " as a procedural matter" if key == "referral" else ""
            lines.append(f'on {d}: the council votes on "{LABELS[key]}{VOTE_SUFFIX}"{kind}: '
                         f"{_roll(seats, council_known, 'yes')}.")
    pw_bundle = _with(base, lines)
    pw = answer_bundle(pw_bundle, program=_prepared(pw_bundle, day, lines, "pathways")) if lines else sd

    # 3. could each draft pass? (unknown votes but the known ones)
    passages: dict[str, Passage] = {}
    allies = _allies(A_, day, p5) if seats else {}
    if seats:
        # adoption turns on the votes, the seats and the voting rules alone: each
        # question is asked of its one vote without the other events (fewer
        # readings engaged, fewer ballots to guess), once for each kind of
        # matter (the drafts of one kind have the same roll and the same rule,
        # so the same answer)
        votes_only = dataclasses.replace(base, scenario=dataclasses.replace(base.scenario, events=()))

        def ask(key: str) -> Possibility:
            kind = " as a procedural matter" if key == "referral" else ""
            line = [f'on {d}: the council votes on "{LABELS[key]}"{kind}: {_roll(seats, council_known, "unknown")}.']
            vb = _with(votes_only, line)
            return possible(vb, LABELS[key], program=_prepared(vb, day, line, "vote"))

        decisions = {dec.symbol: dec for dec in pw.decisions}
        asked: dict[str, Possibility] = {}
        for key in list(drafts) + (["referral"] if ufp_on else []):
            matter = "procedural" if key == "referral" else "other"
            poss = None
            if len(council_known) < len(seats):
                if matter not in asked:
                    asked[matter] = ask(key)
                poss = dataclasses.replace(asked[matter], draft=LABELS[key])
            dec = decisions.get(LABELS[key] + VOTE_SUFFIX)
            best = None
            blocked: tuple[str, ...] = ()
            prevailing = None
            if dec is not None:
                n = len(pw.positions)
                best = ("adopted" if len(dec.adopted_in) == n else "not adopted" if not dec.adopted_in
                        else "contested")
                blocked = tuple(sorted(dec.blocked_by))
                if dec.contest is not None:
                    sws = pw.program.switches
                    want = tuple(sws[sw].prevailing for sw in dec.contest.switches)
                    prevailing = next((holds for pos, holds in dec.contest.outcomes if pos == want), None)
            rule = _rule_of(base.charters, "council", matter, day)
            vetoes: tuple[str, ...] = ()
            if rule is not None and rule.concurring and rule.concurring in pw.program.roles:
                vetoes = tuple(sorted(roster.holders(pw.program.roles[rule.concurring], day) & set(seats)))
            passages[key] = Passage("council", matter, _rule_words(base.charters, "council", matter, day),
                                    tuple(seats), tuple(p5), dict(council_known), poss, best, blocked, vetoes,
                                    dec.contest if dec is not None else None, prevailing,
                                    _proviso_words(base.charters, A_, A_ in seats) if matter == "other" else None,
                                    allies)

    pathways: list[Pathway] = []
    pathways.append(_self_defence(sd, agg, day, requested, sd_lines))
    council_blocked = False
    titles = {"art39": "Council: determination (Art 39)", "art40": "Council: provisional measures (Art 40)",
              "art41": "Council: measures not involving armed force (Art 41)",
              "art42": "Council: action by force, or an authorization (Art 42)"}
    for key in drafts:
        p = _council(pw, key, titles[key], passages.get(key), day, agg, lines)
        council_blocked = council_blocked or p.status == "blocked"
        pathways.append(p)
    if un_on and not seats:
        pathways.append(Pathway("council", "Council", "closed", f"no seats of the Council on record for {d}", (),
                                ()))
    if ufp_on:
        pathways.append(_uniting(pw, passages.get("referral"), day, council_blocked, base.charters, lines))
    pathways.append(_regional(sd, pw, agg, day, base, pathways))
    never, untriggered = _never_obliged(sd, pw, day, agg, base.charters)
    _LABELS_OF.clear()
    return Response(bundle.scenario.id, bundle.scenario.title, agg, day,
                    tuple(ch.id for ch in base.charters), pw.positions, tuple(pathways), never, untriggered,
                    assumed, {"self-defence": sd_bundle, "pathways": pw_bundle if lines else sd_bundle})


def _arts(items) -> tuple[tuple[str, str], ...]:
    return tuple(dict.fromkeys(a for i in items for a in i.articles))


def _self_defence(answer: Answer, agg: Aggression, day: dt.date, requested: bool, lines: list[str]) -> Pathway:
    """The victim's right, collective self-defence and treaty duties: the
    conclusions resting on the attack (and the request)."""
    # the conclusions resting on the attack (stated, or derived by a rule from
    # force the scenario records) or on the victim's request for assistance
    def grounds(c: Conclusion) -> bool:
        for x in _walk(c.bases, set()):
            if isinstance(x, EventBasis):
                f = x.fact.fact
                names = [y.value if isinstance(y, A.Const) else None for y in f.args]
                if f.kind == "attack" and names[:2] == [agg.attacker, agg.victim]:
                    return True
                if f.kind in ("request", "request_from") and names[0] == agg.victim:
                    return True
            elif _derived_attack(x) is not None and _derived_attack(x)[:2] == (agg.attacker, agg.victim):
                return True
        return False

    chosen = [c for c in answer.conclusions if c.status in ("obl", "oblm", "perm", "rec")
              and c.actor != agg.attacker and c.start <= day and c.covers(day) and grounds(c)]
    items = _items(answer, chosen, day)
    own = [i for i in items if i.status == "perm" and agg.victim in i.actors and i.action == "use-force"
           and i.target == agg.attacker]
    from .words import contest_words

    settled = [i for i in own if i.contest is None]
    status = "open" if settled else "contested" if own else "closed"
    summary = (f"{agg.victim} may use force against {agg.attacker} in self-defence" if settled
               else f"{agg.victim} may use force against {agg.attacker} in self-defence on some readings only "
                    f"({contest_words(own[0].contest)})" if own
               else f"no right of self-defence of {agg.victim} on {day.isoformat()}")
    notes = []
    if lines:
        notes.append(f"collective self-defence read on {agg.victim}'s request for assistance (hypothetical; "
                     "none is on record)")
    return Pathway("self-defence", "Self-defence and treaty duties of assistance", status, summary, _arts(items),
                   items, notes=tuple(notes), hypothetical=tuple(lines))


def _council(answer: Answer, key: str, title: str, passage: Passage | None, day: dt.date, agg: Aggression,
             lines: list[str]) -> Pathway:
    label = LABELS[key]
    chosen = [c for c in answer.conclusions if _rests_on(c, label)]
    items = _items(answer, chosen, day)
    status, summary = _passage_status(passage)
    mine = tuple(line for line in lines if f'"{label}' in line)
    notes = []
    if passage is not None:
        if agg.attacker in passage.vetoes:
            notes.append(f"{agg.attacker}, the attacker, holds a permanent seat: its vote against is a veto")
        for seat, treaties in sorted(passage.allies.items()):
            if seat in passage.vetoes:
                notes.append(f"{seat} is bound to {agg.attacker} by {', '.join(treaties)}: a permanent seat, its vote "
                             "against would be a veto (taken as unknown unless assumed)")
        against = sorted(s for s, w in passage.known.items() if w == "no" and s != agg.attacker)
        if against:
            notes.append(f"assumed against: {', '.join(against)}"
                         + (" (a veto)" if any(s in passage.vetoes for s in against) else ""))
        if passage.proviso:
            notes.append(passage.proviso)
    notes += _overrides(answer, {label}, day)
    return Pathway(key, title, status, summary, _arts(items), items, passage, tuple(notes), mine)


def _overrides(answer: Answer, labels: set[str], day: dt.date) -> list[str]:
    """What the texts would override that day (an exception to Art 2(4), Art
    103 over a treaty duty, ...), and what would override them, grouped over
    the actors: from the defeats the solve reports whose winning (or losing)
    rule rests on one of the texts."""
    from .words import PRINCIPLE_WORDS, action_words

    groups: dict[tuple, set[str]] = defaultdict(set)
    for d in answer.defeats:
        if not d.covers(day):
            continue
        wins = any(e.fact.event.resolution in labels for e in d.winner.events())
        loses = any(e.fact.event.resolution in labels for e in d.loser.events())
        if not (wins or loses):
            continue
        key = (wins, f"{d.winner.rule.charter.id} article {d.winner.article}",
               f"{d.loser.rule.charter.id} article {d.loser.article}", action_words(d.action, d.object, d.target),
               PRINCIPLE_WORDS.get(d.principle, d.principle), d.contest is not None)
        groups[key].add(d.actor)
    prog = answer.program
    out = []
    for (wins, win, lose, act, principle, contested), actors in sorted(groups.items(), reverse=True):
        who = group_words(sorted(actors), prog.roster, prog.roles, day)
        how = f"({principle}{'; on some readings' if contested else ''})"
        out.append(f"{win} would prevail over {lose} for {who}: {act} {how}" if wins else
                   f"what {lose} would say is overridden by {win} for {who}: {act} {how}")
    return out


def _passage_status(p: Passage | None) -> tuple[str, str]:
    if p is None:
        return "open", "no vote data"
    if p.best_case == "not adopted" and not p.blocked_by:
        return "blocked", (f"cannot pass on the {len(p.seats)} seats on record for the day ({', '.join(p.seats)}), "
                           f"even all voting for it: it needs {p.rule} (the seat data may not reach that day)")
    if p.best_case == "not adopted":
        who = ", ".join(p.blocked_by)
        vetoes = [s for s in p.blocked_by if s in p.vetoes]
        return "blocked", f"blocked by {who}" + (" (veto)" if vetoes else "") + \
            " even if every other seat votes for it"
    if p.best_case == "contested" and p.contest is not None:
        from .words import contest_words

        readings = contest_words(p.contest, "passes", "fails")
        if p.prevailing_passes:
            return "open", (f"passes on the prevailing reading; {', '.join(p.blocked_by)} can block it on another"
                            if p.blocked_by else "passes on the prevailing reading") + f" ({readings})"
        return "contested", f"passes on some readings only ({readings})"
    if p.possibility is None:
        return "open", "passes on the votes given"
    if p.possibility.must_pass:
        return "open", "passes on every outcome of the unknown votes"
    return "open", "can pass: it needs " + p.rule + (
        f"; any of {', '.join(p.vetoes)} can block it by voting against" if p.vetoes else "")


def _uniting(answer: Answer, passage: Passage | None, day: dt.date, council_blocked: bool,
             charters: tuple[A.Charter, ...], lines: list[str]) -> Pathway:
    chosen = [c for c in answer.conclusions
              if _rests_on(c, LABELS["referral"]) or _rests_on(c, LABELS["assembly"])]
    items = _items(answer, chosen, day)
    status, summary = _passage_status(passage)
    notes = [f"the referral is a procedural matter, decided by {passage.rule if passage else 'the voting rule'}"
             + ("; no seat's vote is a veto" if passage and not passage.vetoes and passage.contest is None else
                "; whether a permanent member can veto it turns on the reading" if passage and passage.contest
                else ""),
             "the Assembly decides by " + _rule_words(charters, "assembly", "other", day),
             "what it adopts is recommended, never obligatory: "
             + ("no duty of a member rests on it" if not any(i.status in ("obl", "oblm") and i.actors != ("assembly",)
                                                            for i in items)
                else "a duty rests on it: see the items")]
    notes += _overrides(answer, {LABELS["referral"], LABELS["assembly"]}, day)
    if not council_blocked:
        notes.append("the Council is not blocked on these votes: Uniting for Peace is the route when it is")
    mine = tuple(line for line in lines if LABELS["referral"] in line or LABELS["assembly"] in line)
    return Pathway("uniting-for-peace", "Uniting for Peace (GA res 377 A (V))", status, summary, _arts(items),
                   items, passage, tuple(notes), mine)


def _regional(sd: Answer, pw: Answer, agg: Aggression, day: dt.date, base: Bundle,
              pathways: list[Pathway]) -> Pathway:
    """Regional treaties (their duties from the self-defence solve) and what
    regional enforcement action needs (Art 53, from the Council's powers)."""
    regional = [ch.id for ch in base.charters if ch.id not in ("un", "uniting-for-peace")]
    treaty_items = tuple(i for p in pathways if p.key == "self-defence" for i in p.items
                         if any(ch != "un" for ch, _ in i.articles))
    power53 = [c for c in pw.conclusions if c.actor == "council" and c.status == "power" and c.covers(day)
               and any(n == "53" for _, n in c.articles())]
    council = [p for p in pathways if p.key in ("art41", "art42")]
    notes = []
    if power53:
        notes.append("regional enforcement action needs the Council's authorization (un article 53): "
                     + "; ".join(f"{p.title}: {p.status} ({p.summary})" for p in council))
    status = "open" if treaty_items else ("closed" if not regional else "no duty")
    summary = (f"treaty duties of assistance engaged: {', '.join(sorted({ch for i in treaty_items for ch, _ in i.articles if ch != 'un'}))}"
               if treaty_items else ("no regional treaty of the victim is loaded" if not regional
                                     else "the loaded regional treaties engage no duty"))
    if treaty_items:
        notes.insert(0, "the duties of assistance these treaties give are listed under self-defence")
    return Pathway("regional", "Regional action (Chapter VIII, regional treaties)", status, summary,
                   _arts(treaty_items) + tuple(("un", "53") for _ in power53[:1]), (), notes=tuple(notes))


def _reading_articles(answer: Answer, labels: set[str]) -> set[tuple[str, str]]:
    """The articles whose rules read a fact of the hypothetical texts directly."""
    out: set[tuple[str, str]] = set()
    seen: set[int] = set()
    for c in answer.conclusions:
        for b in _walk(c.bases, seen):
            if isinstance(b, Basis) and any(isinstance(f, EventBasis) and f.fact.event.resolution in labels
                                            for f in b.facts):
                out.add((b.rule.charter.id, b.rule.article.num))
    return out


def _never_obliged(sd: Answer, pw: Answer, day: dt.date, agg: Aggression, charters: tuple[A.Charter, ...]):
    """Acts some pathway permits to members other than the parties, that none
    makes obligatory; and the duties of members that the articles among those
    the Council's texts engage (from the first to the last by number) give
    only on facts no pathway produced (Art 43's special agreements, say)."""
    parties = {agg.attacker, agg.victim}
    permitted: dict[str, set[tuple[str, str]]] = defaultdict(set)
    obliged: set[str] = set()
    kinds: set[str] = set()
    organs = set(pw.program.organs) if hasattr(pw.program, "organs") else set()
    for ans in (sd, pw):
        for info in ans.program.fluents.values():
            kinds.add(info.fact.kind)
        for c in ans.conclusions:
            if not c.covers(day) or c.actor in parties or c.actor in organs:
                continue
            if c.status in ("obl", "oblm"):
                if c.start >= agg.day:
                    obliged.add(c.action)
            elif c.status == "perm" and not c.entailed and c.start >= agg.day:
                for a in c.articles():
                    permitted[c.action].add(a)
    never = tuple((act, tuple(sorted(arts))) for act, arts in sorted(permitted.items()) if act not in obliged)
    from .words import describe_fact

    nums: dict[str, list[int]] = defaultdict(list)
    council = {LABELS[k] for k in ("art39", "art40", "art41", "art42")}
    for ch, n in _reading_articles(pw, council):
        m = re.match(r"\d+", n)
        if m:
            nums[ch].append(int(m.group()))
    untriggered = []
    for ch in charters:
        if ch.id not in nums:
            continue
        lo, hi = min(nums[ch.id]), max(nums[ch.id])
        for art in ch.articles:
            m = re.match(r"\d+", art.num)
            if not m or not lo <= int(m.group()) <= hi:
                continue
            for r in art.rules:
                if not isinstance(r, A.Norm) or r.modality not in ("obl", "oblm") or isinstance(r.bearer, A.OrganBearer):
                    continue
                missing = [f for f in r.conditions if f.kind not in kinds]
                verb = r.act.verb.value if isinstance(r.act.verb, A.Const) else None
                if missing and verb and verb not in obliged:
                    untriggered.append(f"{verb}: {ch.id} article {art.num} obliges it only when "
                                       + " and ".join(describe_fact(f) for f in missing)
                                       + ", and no such fact is on record or in any pathway")
    return never, tuple(dict.fromkeys(untriggered))


def explain_item(r: Response, claim: str):
    """`explain` of a claim (an item's `claim`, or any other) against the
    hypothetical scenario it comes from: the attack and the request first,
    then the one with the pathways' texts. Gives (which, tree)."""
    from .explain import explain as build
    from .parse import parse_question

    ex = parse_question(claim)
    tried = []
    for which in ("self-defence", "pathways"):
        bundle = r.bundles[which]
        answer = answer_bundle(bundle, explaining=True, program=prepare(bundle))
        root = build(answer, ex, bundle)
        tried.append((which, root))
        first = root.children[0].text if root.children else ""
        if "does not hold" not in first and "not hold" not in first:
            return which, root
    return tried[-1]


# ------------------------------------------------------------------ across history


@dataclass(frozen=True)
class Episode:
    scenario: str
    title: str
    response: Response | None
    note: str | None = None


def respond_all(assumptions: tuple[str, ...] = ()) -> list[Episode]:
    """`respond` on the day of the first armed attack of each bundled scenario that has one."""
    from .library import SCENARIO_SUFFIX, load_scenario

    out = []
    for name, path in sorted(bundled("scenarios", SCENARIO_SUFFIX).items()):
        scen = load_scenario(str(path))
        if "hypothetical" in scen.id or "hypothetical" in scen.title.lower():
            continue        # made-up cases are not history
        try:
            r = respond(str(path), assumptions=assumptions)
        except CheckProblem as err:
            if "no armed attack" in err.message:
                continue
            raise
        out.append(Episode(scen.id, scen.title, r))
    return out
