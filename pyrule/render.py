"""Rendering: typed results to terminal tables and JSON.

Takes an `Answer` (and the filters that produced a list of conclusions);
gives text for people (rich tables: one row per conclusion, actors with the
same conclusion grouped, the articles and dated events behind it, and for a
contested answer the outcome under each position) or a JSON document whose
schema is documented in the README (`"schema": "pyrule.query/1"`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import ast as A
from .results import Answer, Basis, BreachBasis, Conclusion, Contest, Decision, Defeat, EventBasis, contest_of
from .words import (PRINCIPLE_WORDS, STATUS_WORDS, action_words, article_words, contest_words, describe_fact,
                    group_words, last_day, prep_of, readings_words)

if TYPE_CHECKING:
    from .explain import Node
    from .respond import Episode, Item, Passage, Pathway, Response
    from .analysis import Changes, Possibility
    from .power import Index, Power, Sampling, SeatClass

QUERY_SCHEMA = "pyrule.query/1"
STATUS_STYLE = {"obl": "bold red", "oblm": "red", "forb": "bold magenta", "perm": "green", "rec": "cyan", "power": "blue"}


def console(stream=None) -> Console:
    c = Console(file=stream, highlight=False, soft_wrap=False)
    if not c.is_terminal:
        c = Console(file=stream, highlight=False, width=200, color_system=None)
    return c


def event_words(events: Iterable[EventBasis], limit: int = 8) -> str:
    """The dated events, at most `limit` of them and a count of the rest (a
    rule applied once per member can rest on 193 membership facts; the JSON
    lists every one)."""
    out = []
    events = list(events)
    for e in events[:limit] if len(events) > limit + 1 else events:
        res = f" ({e.fact.event.resolution})" if e.fact.event.resolution else ""
        out.append(f"{e.date.isoformat()} {e.describe()}{res}")
    if len(events) > len(out):
        out.append(f"… and {len(events) - len(out)} more (--format json lists them)")
    return "; ".join(out)


# ------------------------------------------------------------------ text


Window = tuple[dt.date, dt.date]


def scenario_window(scenario: A.Scenario) -> Window | None:
    """The days a scenario is about: its first to its last dated line."""
    days = [e.date for e in scenario.events] + [x.date for x in scenario.expectations]
    return (min(days), max(days)) if days else None


def _clip(c: Conclusion, window: Window | None) -> tuple[str, str]:
    """From and to as shown: a start before the window reads "≤ first day",
    an end after it is left open (the table is about the window)."""
    start, end = c.start.isoformat(), last_day(c.end)
    if window is None:
        return start, end
    if c.start < window[0]:
        start = f"≤ {window[0].isoformat()}"
    if c.end is not None and c.end > window[1]:
        end = ""
    return start, end


def _group(conclusions: list[Conclusion], window: Window | None,
           by_start: bool = True) -> list[tuple[list[str], Conclusion, tuple]]:
    """Actors who share the same conclusion, for the same days (as shown), on
    the same grounds, in the same answer sets: one row. Unless `by_start`,
    rows that differ only in the day they start (each member's admission, on
    which a rule about every member starts for it) are one row, its first day
    shown as the range of those days."""
    groups: dict[Any, list[Conclusion]] = defaultdict(list)
    for c in conclusions:
        shown = _clip(c, window)
        events = tuple(e.fact.id for e in c.events() if by_start or e.fact.fact.kind != "membership")
        key = (c.status, c.action, c.object, c.target, shown if by_start else shown[1], tuple(c.articles()),
               events, c.models)
        groups[key].append(c)
    rows = []
    for cs in groups.values():
        starts = sorted({_clip(x, window)[0] for x in cs})
        shown = (starts[0] if len(starts) == 1 else f"{starts[0]} … {starts[-1]}", _clip(cs[0], window)[1])
        rows.append((sorted(x.actor for x in cs), cs[0], shown))
    rows.sort(key=lambda r: (max(r[1].start, window[0]) if window else r[1].start, r[1].action,
                             r[1].target or "", r[1].status, r[0][0]))
    return rows


def _actors_words(actors: list[str], limit: int = 6) -> str:
    if len(actors) <= limit:
        return ", ".join(actors)
    return f"{len(actors)} states: " + ", ".join(actors[:limit]) + ", …"


CONCLUSION_COLUMNS = ("status", "actor", "action", "from", "to", "articles", "because of", "answer")
# Above this many rows a table is printed in plain aligned columns: rich lays a
# table out at about half a millisecond a row (measured: 17,934 rows took 13 s
# of a 16 s query), plain columns take a few microseconds.
LONG_TABLE = 2000


def conclusion_rows(conclusions: list[Conclusion], window: Window | None,
                    positions: list[dict[str, str]], by_start: bool = True,
                    naming: Callable[[list[str]], str] | None = None) -> list[tuple[str, ...]]:
    """The cells of the conclusions table, as text (status first). `naming`
    says a group of actors in words (the members of an organisation but a
    few) where it can, else None."""
    many = len({b.rule.charter.id for c in conclusions for b in c.bases}) > 1
    rows = []
    for actors, c, (start, end) in _group(conclusions, window, by_start):
        shared = [e for e in c.events() if by_start or len(actors) == 1 or e.fact.fact.kind != "membership"]
        articles, events = article_words(c.articles(), many), event_words(shared)
        who = (naming(actors) if naming and len(actors) > 1 else None) or _actors_words(actors)
        others: dict[str, set[str]] = defaultdict(set)
        for basis, ks in c.other_bases():
            others[article_words(basis.articles(), many)].add(readings_words(contest_of(ks, positions)))
        for arts, readings in others.items():
            articles += f"; also {arts} under {' or '.join(sorted(readings))}"
        rows.append((status_words(c), who,
                     action_words(c.action, c.object, c.target, prep_of(c)), start, end,
                     articles, events, contest_words(c.contest)))
    return rows


def status_words(c: Conclusion) -> str:
    """"obliged", ...; "permitted (entailed)" for a permission that only
    follows from duties (what one must do, one may do)."""
    return STATUS_WORDS[c.status] + (" (entailed)" if c.entailed else "")


def print_table(out: Console, title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]],
                styles: dict[str, str] | None = None, last: int | None = None) -> None:
    """A titled table: drawn by rich, or above LONG_TABLE rows in plain
    columns with column `last` (the one long cell) moved to the end. `styles`
    colours the first cell by its text."""
    if len(rows) > LONG_TABLE:
        out.print(Text(f"{title} · {len(rows)} rows, in plain columns (narrow it with --actor, --action, "
                       "--target, --status or --at)", style="italic"))
        order = list(range(len(columns)))
        if last is not None:
            order.append(order.pop(last))
        out.out(plain_table([columns[i] for i in order], [[r[i] for i in order] for r in rows]), highlight=False)
        return
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for first, *rest in rows:
        table.add_row(Text(first, style=styles[first]) if styles else first, *rest)
    out.print(table)


def plain_table(headers: Iterable[str], rows: list) -> str:
    """Rows in aligned columns, a header and a rule under it; the last column
    is not padded (no wrapping: long cells make long lines)."""
    headers = tuple(headers)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    last = len(headers) - 1

    def line(cells) -> str:
        return "  ".join(c if i == last else c.ljust(widths[i]) for i, c in enumerate(cells)).rstrip()

    return "\n".join([line(headers), line("-" * w for w in widths)] + [line(r) for r in rows])


def header(answer: Answer) -> str:
    n = len(answer.positions)
    seen: dict[str, set] = defaultdict(set)
    for pos in answer.positions:
        for s, p in pos.items():
            seen[s].add(p)
    varied = {s for s, ps in seen.items() if len(ps) > 1 or any(s not in pos for pos in answer.positions)}
    open_switches = sorted(varied)
    fixed = sorted({(s, p) for s, ps in seen.items() if s not in varied for p in ps})
    parts = [f"{n} answer set{'s' if n != 1 else ''}"]
    if answer.groups:
        parts = [f"{answer.combinations:,} combinations of readings, solved as {len(answer.groups)} groups of "
                 f"switches that do not interact ({n} answer sets)"]
    if open_switches:
        parts.append("open: " + ", ".join(open_switches))
    fixed = [(s, p) for s, p in fixed if s not in answer.idle]
    switches = answer.program.switches
    settled = [(s, p) for s, p in fixed if switches[s].settled == p]
    chosen = [(s, p) for s, p in fixed if switches[s].settled != p]
    if chosen:
        parts.append("fixed: " + ", ".join(f"{s}={p}" for s, p in chosen))
    if settled:
        parts.append("settled: " + ", ".join(f"{s}={p}" for s, p in settled))
    if answer.idle:
        parts.append("not engaged here: " + ", ".join(answer.idle))
    return " · ".join(parts)


def print_query(out: Console, answer: Answer, scenario: A.Scenario, conclusions: list[Conclusion],
                filters: dict[str, Any], by_start: bool = False) -> None:
    loaded = list(dict.fromkeys(r.charter.id for r in answer.program.rules.values()))
    charters = ", ".join(loaded)
    out.print(Text(f"{scenario.title} ({scenario.id}) · charters: {charters} · {header(answer)}", style="bold"))
    shown = {k: v for k, v in filters.items() if v}
    what = ", ".join(f"{k}={v}" for k, v in shown.items()) or "no filter"
    window = None if filters.get("at") else scenario_window(scenario)
    if window:
        conclusions = [c for c in conclusions if c.start <= window[1] and (c.end is None or c.end > window[0])]
        what += f" · days {window[0].isoformat()} to {window[1].isoformat()} (use --at for one day)"
    decisions = decisions_table(answer, filters.get("at")) if not filters.get("actor") else None
    if decisions is not None:
        out.print(decisions)
    entailed = [c for c in conclusions if c.entailed]
    if entailed and filters.get("status") != "perm":
        conclusions = [c for c in conclusions if not c.entailed]
        what += (f" · {len(entailed)} permission(s) that only duties entail not listed "
                 "(--status permitted lists them)")
    if not conclusions:
        out.print(f"No conclusion matches ({what}).")
    else:
        print_table(out, f"{len(conclusions)} conclusion(s) · {what}", CONCLUSION_COLUMNS,
                    conclusion_rows(conclusions, window, answer.positions, by_start,
                                    None if by_start else _naming(answer, filters.get("at") or
                                                                  (window[1] if window else None))),
                    styles={word: STATUS_STYLE[key] for key, word in STATUS_WORDS.items()}
                    | {STATUS_WORDS["perm"] + " (entailed)": "dim green"},
                    last=CONCLUSION_COLUMNS.index("because of"))
    # "article 1", or "navigation article 1" where several charters are loaded
    many = len(loaded) > 1

    def article_of(basis) -> str:
        return f"{basis.rule.charter.id + ' ' if many else ''}article {basis.article}"

    violations = [v for v in answer.violations if _keep(v, filters)]
    if violations:
        print_table(out, "Violations", ("actor", "act", "on", "breaks", "answer"), [
            (v.actor, _placed(action_words(v.action, v.object, v.target, prep_of(v)), v), v.start.isoformat(),
             f"{'forbidden by' if v.kind == 'forb' else 'obliged by'} {article_of(v.basis)}",
             contest_words(v.contest)) for v in violations])
    excuses = [x for x in answer.excuses if _keep(x, filters)]
    if excuses:     # what a circumstance precluding wrongfulness kept from being a violation
        print_table(out, "Excused (wrongfulness precluded)", ("actor", "act", "from", "to", "would break",
                                                               "excused by", "answer"), [
            (x.actor, _placed(action_words(x.action, x.object, x.target, prep_of(x)), x), x.start.isoformat(),
             last_day(x.end), f"{'forbidden by' if x.kind == 'forb' else 'obliged by'} {article_of(x.basis)}",
             f"{x.circumstance} ({x.article[0] + ' ' if many else ''}article {x.article[1]})",
             contest_words(x.contest)) for x in excuses])
    suspensions = [x for x in answer.suspensions if _keep(x, filters)]
    if suspensions:     # what a suspension for breach (VCLT Art 60) suspends
        print_table(out, "Suspended for breach", ("actor", "action", "from", "to", "under", "suspension",
                                                   "breach it rests on", "answer"), [
            (x.actor, action_words(x.action, x.object, x.target, prep_of(x)), x.start.isoformat(), last_day(x.end),
             article_of(x.duty), f"{_on_record(x.by)} ({x.law[0]} article {x.law[1]})",
             f"{describe_fact(_breach_words(x.breach))} ({_on_record(x.breach.act)})",
             contest_words(x.contest)) for x in suspensions])
    conflicts = [c for c in answer.conflicts if _keep(c, filters)]
    if conflicts:
        print_table(out, "Unresolved conflicts", ("actor", "action", "from", "to", "obliged or permitted by",
                                                  "forbidden by"), [
            (c.actor, action_words(c.action, c.object, c.target), c.start.isoformat(), last_day(c.end),
             ("permitted by " if c.kind == "perm" else "obliged by ") + article_of(c.obliging),
             article_of(c.forbidding) + (f" (obliges {c.incompatible}: not both)" if c.incompatible else ""))
            for c in conflicts])


def _on_record(b: EventBasis | Basis) -> str:
    """The day a fact on record began (a derived one: the day beneath it)."""
    while isinstance(b, Basis):
        b = b.facts[0]      # type: ignore[assignment]
    return b.date.isoformat() if isinstance(b, EventBasis) else "…"


def _breach_words(b: BreachBasis) -> A.Fact:
    """A breach as `A has violated article N of C against V`."""
    return A.Fact("breached", b.fact.args)


def _naming(answer: Answer, day: dt.date | None) -> Callable[[list[str]], str | None] | None:
    """Groups of actors said as the members of an organisation on `day`
    ("every member of un but IRQ (158)"), where they are that."""
    if day is None:
        return None
    prog = answer.program

    def name(actors: list[str]) -> str | None:
        words = group_words(actors, prog.roster, prog.roles, day)
        return words if words.startswith("every member") else None

    return name


def _keep(item, filters: dict[str, Any]) -> bool:
    if filters.get("actor") and item.actor != filters["actor"]:
        return False
    if filters.get("action") and item.action != filters["action"]:
        return False
    if filters.get("target") and item.target != filters["target"]:
        return False
    at = filters.get("at")
    if at and not (item.start <= at and (item.end is None or at < item.end)):
        return False
    return True


# ------------------------------------------------------------------ json


def _span(span: A.Span) -> str | None:
    """file:line:column, or None for what no file line states (dated membership)."""
    return None if span == A.NOWHERE else f"{span.file}:{span.line}:{span.column}"


def basis_json(b: Basis) -> dict[str, Any]:
    return {
        "entailed": b.entailed,     # a permission this rule entails by obliging the act
        "charter": b.rule.charter.id,
        "article": b.rule.article.num,
        "title": b.rule.article.title,
        "rule_at": _span(b.rule.rule.span),
        "cites": [r.num for r in b.rule.rule.citing] if isinstance(b.rule.rule, A.Norm) else [],
        "grounds": [basis_json(f) if isinstance(f, Basis) else breach_json(f) if isinstance(f, BreachBasis)
                    else event_json(f) for f in b.facts],
    }


def unread_json(info) -> dict[str, Any]:
    """A fact no rule of the loaded charters reads (see findings.unread_facts)."""
    return {"date": info.start.isoformat(), "fact": describe_fact(info.fact), "resolution": info.event.resolution,
            "at": _span(info.fact.span)}


def breach_json(b: BreachBasis) -> dict[str, Any]:
    """A violation a rule reads: what it is, the rule broken, the act."""
    return {"violation": describe_fact(b.fact), "breaks": basis_json(b.violated),
            "act": [event_json(e) for e in b.events()]}


def _placed(words: str, v) -> str:
    """The act's words, with where the act the violation rests on happened
    (`in high-seas`), if the scenario says."""
    place = v.event.fact.fact.place if isinstance(v.event, EventBasis) else None
    return f"{words} {place.words()}" if place is not None else words


def event_json(e: EventBasis) -> dict[str, Any]:
    return {"date": e.date.isoformat(), "fact": e.describe(), "resolution": e.fact.event.resolution,
            "event_at": _span(e.fact.event.span)}


def contest_json(contest: Contest | None) -> dict[str, Any] | None:
    if contest is None:
        return None
    return {"switches": list(contest.switches),
            "outcomes": [{"positions": dict(zip(contest.switches, pos)), "holds": holds}
                         for pos, holds in contest.outcomes]}


def conclusion_json(c: Conclusion, positions: list[dict[str, str]]) -> dict[str, Any]:
    return {"status": c.status, "status_text": STATUS_WORDS[c.status], "actor": c.actor, "action": c.action,
            "object": c.object, "target": c.target, "from": c.start.isoformat(), "to": last_day(c.end) or None,
            "settled": c.settled, "contested": contest_json(c.contest), "entailed": c.entailed,
            "articles": [{"charter": ch, "article": n} for ch, n in c.articles()],
            "sources": [basis_json(b) for b in c.firm_bases()],
            "sources_on_some_readings": [dict(basis_json(b), holds_under=contest_json(contest_of(ks, positions)))
                                         for b, ks in c.other_bases()]}


def solved_apart_json(answer: Answer) -> dict[str, Any]:
    """`solved_apart`, only where switches were solved apart (see `pyrule.solve`)."""
    if not answer.groups:
        return {}
    return {"solved_apart": {"groups": [list(g) for g in answer.groups], "combinations": answer.combinations}}


def answer_sets_json(answer: Answer) -> list[dict[str, str]]:
    """The switch positions of each answer set, without the switches nothing
    engages (held at one position that changes nothing; see `not_engaged`)."""
    return [{s: p for s, p in pos.items() if s not in answer.idle} for pos in answer.positions]


def query_doc(answer: Answer, scenario: A.Scenario, conclusions: list[Conclusion],
              filters: dict[str, Any]) -> dict[str, Any]:
    """The JSON document of a query (README, "JSON output"), as Python values."""
    return {
        "schema": QUERY_SCHEMA,
        "scenario": {"id": scenario.id, "title": scenario.title, "file": scenario.path,
                     "charters": sorted({r.charter.id for r in answer.program.rules.values()})},
        "filters": {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in filters.items()},
        "answer_sets": answer_sets_json(answer),
        **solved_apart_json(answer),
        "not_engaged": list(answer.idle),
        "conclusions": [conclusion_json(c, answer.positions) for c in conclusions],
        "violations": [{"kind": v.kind, "actor": v.actor, "action": v.action, "object": v.object,
                        "target": v.target, "from": v.start.isoformat(), "to": last_day(v.end) or None,
                        "act": event_json(v.event), "breaks": basis_json(v.basis),
                        # where a "counts as" rule made the act from the fact (Art 2(4): force)
                        "act_by": basis_json(v.act) if isinstance(v.act, Basis) else None,
                        "contested": contest_json(v.contest)}
                       for v in answer.violations if _keep(v, filters)],
        # what a suspension for breach suspends (VCLT Art 60)
        "suspended": [{"actor": x.actor, "action": x.action, "object": x.object, "target": x.target,
                       "from": x.start.isoformat(), "to": last_day(x.end) or None,
                       "under": basis_json(x.duty), "suspension": event_json(x.by) if isinstance(x.by, EventBasis) else basis_json(x.by),
                       "breach": breach_json(x.breach), "law": {"charter": x.law[0], "article": x.law[1]},
                       "contested": contest_json(x.contest)}
                      for x in answer.suspensions if _keep(x, filters)],
        # what would be a violation but for a circumstance precluding wrongfulness
        "excused": [{"kind": x.kind, "actor": x.actor, "action": x.action, "object": x.object,
                     "target": x.target, "from": x.start.isoformat(), "to": last_day(x.end) or None,
                     "act": event_json(x.event), "would_break": basis_json(x.basis),
                     "circumstance": x.circumstance,
                     "precluded_by": {"charter": x.article[0], "article": x.article[1]},
                     "contested": contest_json(x.contest)}
                    for x in answer.excuses if _keep(x, filters)],
        "conflicts": [{"kind": c.kind, "actor": c.actor, "action": c.action, "object": c.object, "target": c.target,
                       "from": c.start.isoformat(), "to": last_day(c.end) or None,
                       # "kind": "obl", a duty stands against the prohibition (or an incompatible
                       # duty); "perm": a permission does ("obliged_by" then names it)
                       "obliged_by": basis_json(c.obliging), "forbidden_by": basis_json(c.forbidding),
                       "incompatible_with": c.incompatible, "contested": contest_json(c.contest)}
                      for c in answer.conflicts if _keep(c, filters)],
        "defeated": [defeat_json(d) for d in answer.defeats if _keep(d, filters)],
        "decisions": [decision_json(d, answer.positions) for d in answer.decisions],
    }


def defeat_json(d: Defeat) -> dict[str, Any]:
    return {"actor": d.actor, "action": d.action, "object": d.object, "target": d.target,
            "from": d.start.isoformat(), "to": last_day(d.end) or None,
            "principle": d.principle, "principle_text": PRINCIPLE_WORDS.get(d.principle, d.principle),
            "overridden": basis_json(d.loser), "by": basis_json(d.winner), "incompatible_with": d.via,
            "contested": contest_json(d.contest)}


# ------------------------------------------------------------------ decisions


def decision_words(d: Decision, positions: list[dict[str, str]]) -> str:
    if d.contest is not None:
        return contest_words(d.contest, "adopted", "not adopted")
    return "adopted" if d.adopted_in else "not adopted"


def decisions_table(answer: Answer, until: dt.date | None = None) -> Table | None:
    shown = [d for d in answer.decisions if until is None or d.date <= until]
    if not shown:
        return None
    table = Table(title="Decisions (adoption derived from the votes)", title_justify="left")
    for col in ("draft", "organ", "on", "votes", "counted as", "outcome", "blocked by", "rule"):
        table.add_column(col, overflow="fold")
    for d in shown:
        def count(w: str) -> str:
            lo, hi = d.tally_range.get(w, (0, 0))
            return str(lo) if lo == hi else f"{lo}–{hi}"
        votes = ", ".join(f"{count(w)} {word}" for w, word in (("yes", "for"), ("no", "against")))
        counted = " / ".join(sorted(d.counted_as))
        blocked = ", ".join(sorted(d.blocked_by))
        rules = ", ".join(f"article {n}" for _, n in d.articles)
        table.add_row(d.symbol, d.organ, d.date.isoformat(), votes, counted,
                      decision_words(d, answer.positions), blocked, rules)
    return table


def decision_json(d: Decision, positions: list[dict[str, str]]) -> dict[str, Any]:
    return {"draft": d.symbol, "organ": d.organ, "date": d.date.isoformat(), "adopted": d.adopted(),
            "contested": contest_json(d.contest), "votes": d.tallies,
            "counted_as": sorted(d.counted_as), "blocked_by": sorted(d.blocked_by),
            "void_votes": sorted(d.voided), "uncounted_votes": sorted(d.uncounted), "articles": [{"charter": c, "article": n} for c, n in d.articles]}


# ------------------------------------------------------------------ what if


def print_changes(out: Console, said: list[str], changes: Changes, filters: dict[str, Any]) -> None:
    out.print(Text("What if " + "; ".join(said) + "?", style="bold"))
    for before, after in changes.decisions:
        out.print(f"  {after.symbol}: {'adopted' if before.adopted() else 'not adopted' if before.adopted() is False else 'contested'}"
                  f" → {'adopted' if after.adopted() else 'not adopted' if after.adopted() is False else 'contested'}")
    if not changes.decisions:
        out.print("  no decision changes")
    for sign, items in (("+", changes.gained), ("-", changes.lost)):
        kept = [c for c in items if _keep(c, filters)]
        for c in sorted(kept, key=lambda c: (c.actor, c.start, c.action))[:40]:
            out.print(f"  {sign} {c.actor} {STATUS_WORDS[c.status]}: "
                      f"{action_words(c.action, c.object, c.target, prep_of(c))} from {c.start.isoformat()}"
                      + (f" to {last_day(c.end)}" if c.end else "")
                      + f" (article {', '.join(n for _, n in c.articles())})")
        if len(kept) > 40:
            out.print(f"  {sign} … and {len(kept) - 40} more")
    if not changes.gained and not changes.lost:
        out.print("  no conclusion changes")
    out.print()


def changes_json(changes: Changes, filters: dict[str, Any]) -> dict[str, Any]:
    return {"decisions": [{"draft": a.symbol, "before": b.adopted(), "after": a.adopted()}
                          for b, a in changes.decisions],
            "gained": [conclusion_json(c, []) for c in changes.gained if _keep(c, filters)],
            "lost": [conclusion_json(c, []) for c in changes.lost if _keep(c, filters)]}


# ------------------------------------------------------------------ possibility and power


def print_possibility(out: Console, p: Possibility) -> None:
    out.print(Text(f"{p.draft}: could it pass?", style="bold"))
    out.print(f"  unknown votes: {', '.join(p.unknown) or 'none'}")
    verdict = ("it must pass, however the unknown votes go" if p.must_pass else
               "it could pass, but need not" if p.could_pass else
               "it cannot pass, however the unknown votes go")
    out.print(f"  {verdict}")
    out.print(f"  decisive votes: {', '.join(p.decisive) or 'none'}"
              + ("  (each can, in some completion of the others, alone carry or sink it)" if p.decisive else ""))
    if p.open_switches:
        out.print(f"  answers range over the open readings {', '.join(p.open_switches)}; "
                  "fix them with --profile prevailing or --set")


def possibility_json(p: Possibility) -> str:
    return json.dumps({"schema": "pyrule.possible/1", "draft": p.draft, "unknown": list(p.unknown),
                       "could_pass": p.could_pass, "must_pass": p.must_pass, "decisive": list(p.decisive),
                       "open_switches": list(p.open_switches)}, indent=2)


def print_power(out: Console, p: Power, by_seat: bool = False) -> None:
    """One row per class of interchangeable seats (the indices of each of its
    seats), or with `by_seat` one row per seat; then the minimal winning
    coalitions by class, or, for an estimate, how it was drawn."""
    out.print(Text(f"Voting power in the {p.organ} on {p.on.isoformat()} ({p.matter} matters)", style="bold"))
    alike = "all alike" if len(p.classes) == 1 else f"in {len(p.classes)} classes"
    head = [f"{len(p.seats)} seats, {alike}"]
    if p.sampling is None:
        head += [f"exact, over {_big(p.vectors)} vectors of yes-votes",
                 f"{_big(p.winning or 0)} winning coalitions", f"{_big(p.minimal_count or 0)} minimal winning"]
    else:
        head += [f"estimated: {p.sampling.orderings:,} random orderings, {p.sampling.coalitions:,} random "
                 f"coalitions (seed {p.sampling.seed}); 95% confidence intervals in brackets"]
    out.print("  " + " · ".join(head))
    out.print(f"  rule read under: {', '.join(f'{s}={v}' for s, v in sorted(p.positions.items())) or 'no switch'}")
    out.print(_seat_table(p) if by_seat else _class_table(p))
    if p.sampling is None:
        _print_minimal(out, p)
    else:
        _print_sampling(out, p)


def _index(x: Index, estimated: bool) -> str:
    if not estimated or x.interval is None:
        return f"{x.value:.5f}"
    return f"{x.value:.5f} [{x.interval[0]:.5f}, {x.interval[1]:.5f}]"


def _big(n: int) -> str:
    """An exact count, or its order of magnitude past 10^15."""
    if n < 10 ** 15:
        return f"{n:,}"
    mantissa, exponent = f"{Decimal(n):.2e}".split("e")
    return f"≈{mantissa}e{int(exponent)}"


def _class_table(p: Power) -> Table:
    estimated = p.sampling is not None
    table = Table(title_justify="left")
    columns = ["class", "seats", "Shapley-Shubik, each", "Banzhaf (normalised), each",
               *([] if estimated else ["swings, each"]), "S-S together", "members"]
    for col in columns:
        table.add_column(col, justify="left" if col in ("class", "members") else "right")
    for c in sorted(p.classes, key=lambda c: (-c.shapley_shubik.value, c.name)):
        members = " ".join(c.seats) if len(c.seats) <= 12 else f"{' '.join(c.seats[:10])} … ({len(c.seats)})"
        swings = [] if estimated else [_big(c.swings or 0)]
        table.add_row(c.name, str(len(c.seats)), _index(c.shapley_shubik, estimated), _index(c.banzhaf, estimated),
                      *swings, f"{c.shapley_shubik.value * len(c.seats):.5f}", members)
    return table


def _seat_table(p: Power) -> Table:
    estimated = p.sampling is not None
    of = {s: c for c in p.classes for s in c.seats}
    table = Table(title_justify="left")
    for col in ("seat", "class", "Shapley-Shubik", "Banzhaf (normalised)", *([] if estimated else ["swings"])):
        table.add_column(col, justify="left" if col in ("seat", "class") else "right")
    for s in p.seats:
        c = of[s.seat]
        table.add_row(s.seat, c.name, _index(c.shapley_shubik, estimated), _index(c.banzhaf, estimated),
                      *([] if estimated else [_big(s.swings or 0)]))
    return table


def _print_minimal(out: Console, p: Power, shown: int = 8) -> None:
    if not p.minimal_shapes:
        out.print(f"  no coalition wins (does the {p.organ} decide {p.matter} matters on that day?)")
        return
    out.print("  minimal winning coalitions:")
    for shape in p.minimal_shapes[:shown]:
        out.print(f"    {_shape_words(p, shape.counts)}  ({_big(shape.coalitions)})")
    if len(p.minimal_shapes) > shown:
        out.print(f"    … and {len(p.minimal_shapes) - shown} more shapes (--format json lists them)")


def _shape_words(p: Power, counts: tuple[int, ...]) -> str:
    if len(p.classes) == 1:
        n = len(p.classes[0].seats)
        return f"all {n} seats" if counts[0] == n else f"any {counts[0]} of the {n} seats"
    parts = [(f"all {k}" if k == len(c.seats) else f"{k} of {len(c.seats)}") + f" {c.name}"
             for c, k in zip(p.classes, counts) if k]
    return " + ".join(parts) or "nobody"


def _print_sampling(out: Console, p: Power) -> None:
    sampling = p.sampling
    assert sampling is not None
    share = sampling.winning_share
    low, high = share.interval or (share.value, share.value)
    out.print(f"  winning coalitions: {share.value:.3%} of all 2^{len(p.seats)} [{low:.3%}, {high:.3%}]")
    out.print(f"  estimated because the exact count needs {_big(p.vectors)} vectors of yes-votes, "
              f"more than --max-vectors {sampling.max_vectors:,}")
    if sampling.stopped:
        out.print(f"  stopped at the time limit after {sampling.orderings:,} of the {sampling.asked:,} "
                  "samples asked for: the intervals are as wide as that allows")


def power_json(p: Power) -> str:
    names = [c.name for c in p.classes]
    of = {s: c for c in p.classes for s in c.seats}
    return json.dumps({
        "schema": "pyrule.power/1", "organ": p.organ, "date": p.on.isoformat(), "matter": p.matter,
        "positions": p.positions, "method": p.method, "vectors": p.vectors,
        "winning_coalitions": p.winning,
        "minimal_winning_coalitions": None if p.minimal_winning is None else [sorted(c) for c in p.minimal_winning],
        "minimal_winning_count": p.minimal_count,
        "minimal_winning_by_class": [{"counts": dict(zip(names, s.counts)), "coalitions": s.coalitions}
                                     for s in p.minimal_shapes],
        "classes": [_class_json(c) for c in p.classes],
        "sampling": None if p.sampling is None else _sampling_json(p.sampling),
        "seats": [{"seat": s.seat, "class": s.group, "shapley_shubik": s.shapley_shubik, "banzhaf": s.banzhaf,
                   "swings": s.swings, "shapley_shubik_ci": _ci(of[s.seat].shapley_shubik),
                   "banzhaf_ci": _ci(of[s.seat].banzhaf)} for s in p.seats]}, indent=2)


def _ci(x: Index) -> list[float] | None:
    return None if x.interval is None else list(x.interval)


def _class_json(c: SeatClass) -> dict[str, Any]:
    indices = {"shapley_shubik": c.shapley_shubik, "banzhaf": c.banzhaf, "banzhaf_absolute": c.banzhaf_absolute}
    doc: dict[str, Any] = {"name": c.name, "marks": list(c.marks), "size": len(c.seats), "seats": list(c.seats)}
    doc.update({k: x.value for k, x in indices.items()})
    doc["swings"] = c.swings
    doc.update({f"{k}_exact": None if x.exact is None else str(x.exact) for k, x in indices.items()})
    doc.update({f"{k}_ci": _ci(x) for k, x in indices.items()})
    return doc


def _sampling_json(s: Sampling) -> dict[str, Any]:
    return {"orderings": s.orderings, "coalitions": s.coalitions, "asked": s.asked, "seed": s.seed,
            "confidence": 0.95, "stopped_at_time_limit": s.stopped, "max_vectors": s.max_vectors,
            "winning_share": s.winning_share.value, "winning_share_ci": _ci(s.winning_share)}


# ------------------------------------------------------------------ explanation trees

TREE_STYLE = {"holds": "bold", "rule": "bold cyan", "overrides": "magenta", "missing": "red", "gap": "red",
              "branch": "yellow", "vote": "green", "event": "", "derived": "cyan", "question": "bold"}


def print_tree(out: Console, root) -> None:
    from rich.tree import Tree

    def label(node) -> Text:
        text = Text(node.text, style=TREE_STYLE.get(node.kind, ""))
        if node.at:
            text.append(f"  {node.at}", style="dim")
        return text

    def grow(branch, node) -> None:
        for child in node.children:
            grow(branch.add(label(child)), child)

    tree = Tree(label(root))
    grow(tree, root)
    out.print(tree)


# ------------------------------------------------------------------ consistency findings

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def print_findings(out: Console, findings, charters: list[str]) -> None:
    from .errors import source_line

    out.print(Text(f"pyrule check: {', '.join(charters)}", style="bold"))
    for f in findings:
        out.print(Text(f"{f.severity} {f.code}: ", style=SEVERITY_STYLE[f.severity]) + Text(f.message))
        for span, note in f.positions:
            line = source_line(span)
            out.print(Text(f"  {span.file}:{span.line}:{span.column}: {note}", style="dim"))
            if line is not None:
                out.print(Text(f"    {line.strip()}"))
        if f.witness:
            out.print(Text("  witness scenario (save it and run `pyrule query --scenario FILE`):", style="dim"))
            for line in f.witness.splitlines():
                out.print(Text(f"    {line}"))
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    out.print(f"{errors} error(s), {warnings} warning(s)")


def findings_json(findings, charters: list[str]) -> str:
    return json.dumps({"schema": "pyrule.check/1", "charters": charters, "findings": [
        {"severity": f.severity, "code": f.code, "message": f.message,
         "positions": [{"at": f"{s.file}:{s.line}:{s.column}", "note": n} for s, n in f.positions],
         "articles": [{"charter": c, "article": a} for c, a in f.articles], "principle": f.principle,
         "witness": f.witness, **f.detail} for f in findings]}, indent=2, ensure_ascii=False)


# ------------------------------------------------------------------ switches


def switches_doc(charters: list[A.Charter], uses: dict[str, list[tuple[str, str]]]) -> dict[str, Any]:
    """The contested points the charters declare: the question, the positions
    (which prevails, which is settled) and the articles that turn on each."""
    return {"schema": "pyrule.switches/1", "switches": [
        {"switch": sw.name, "charter": ch.id, "question": sw.question,
         "positions": [{"name": p.name, "text": p.title, "prevailing": p.prevailing, "settled": p.settled}
                       for p in sw.positions],
         "articles": [{"charter": c, "article": a} for c, a in uses.get(sw.name, [])],
         "declared_at": _span(sw.span)}
        for ch in charters for sw in ch.switches]}


def print_switches(out: Console, doc: dict[str, Any]) -> None:
    many = len({s["charter"] for s in doc["switches"]}) > 1
    rows = []
    for s in doc["switches"]:
        marks = {p["name"]: " (settled)" if p["settled"] else " (prevailing)" if p["prevailing"] else ""
                 for p in s["positions"]}
        positions = "\n".join(f"{p['name']}{marks[p['name']]}: {p['text']}" for p in s["positions"])
        articles = article_words(((a["charter"], a["article"]) for a in s["articles"]), many) or "—"
        rows.append((s["switch"], s["charter"], s["question"], positions, articles))
    table = Table(title="Interpretation switches (contested points)", title_justify="left", show_lines=True)
    for col in ("switch", "charter", "question", "positions", "articles"):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*row)
    out.print(table)
    out.print("A query reports an answer that differs by position as contested, with the answer under "
              "each; --set IS-X=POSITION or --profile prevailing fixes positions.")


# ------------------------------------------------------------------ explanations

EXPLAIN_SCHEMA = "pyrule.explain/1"


def tree_json(root: "Node", answer: Answer) -> dict[str, Any]:
    return {"schema": EXPLAIN_SCHEMA, "answer_sets": answer_sets_json(answer), **solved_apart_json(answer),
            "not_engaged": list(answer.idle),
            "tree": root.to_json()}


def tree_dot(root: "Node") -> str:
    lines = ["digraph explanation {", '  rankdir=LR; node [shape=box, fontname="Helvetica", fontsize=10];']
    counter = [0]

    def walk(node: Node) -> str:
        counter[0] += 1
        name = f"n{counter[0]}"
        label = node.text.replace("\\", "\\\\").replace('"', '\\"')
        if node.at:
            label += f"\\n{node.at}"
        shape = {"rule": "box", "event": "note", "missing": "octagon", "overrides": "box",
                 "gap": "octagon", "branch": "diamond"}.get(node.kind, "ellipse")
        lines.append(f'  {name} [label="{label}", shape={shape}];')
        for child in node.children:
            lines.append(f"  {name} -> {walk(child)};")
        return name

    walk(root)
    lines.append("}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ respond


def _claim_words(i: "Item", day: dt.date) -> str:
    """An item as a claim `pyrule explain` reads (for its first actor)."""
    verb = {"obl": "must", "oblm": "must", "forb": "must not", "perm": "may", "rec": "is recommended to",
            "power": "has power to"}[i.status]
    who = i.actors[0]
    who = f"the {who}" if who in ("council", "assembly") or not who.isupper() and ":" not in who else who
    return f"{who} {verb} {action_words(i.action, i.object, i.target, prep_of(i.example))} on {day.isoformat()}"


def _item_row(i: "Item", many: bool) -> tuple[str, ...]:
    status = STATUS_WORDS[i.status]
    return (status, i.group, action_words(i.action, i.object, i.target, prep_of(i.example)),
            article_words(i.articles, many), contest_words(i.contest))


STATUS_LABEL = {"open": "OPEN", "blocked": "BLOCKED", "contested": "CONTESTED", "closed": "CLOSED",
                "no duty": "NO DUTY"}


def _vote_words(p: "Passage") -> list[str]:
    out = [f"votes needed: {p.rule}, on the Council of that day: {len(p.seats)} seats "
           f"({', '.join(p.seats)}); permanent: {', '.join(p.permanent) or 'none'}"]
    if p.vetoes:
        out.append(f"who can block it: each of {', '.join(p.vetoes)} by voting against (veto)")
    if p.known:
        out.append("votes taken as known: " + ", ".join(f"{s} {A.BALLOT_WORDS[w]}" for s, w in sorted(p.known.items())))
    poss = p.possibility
    if poss is not None:
        if not poss.could_pass:
            said = "passes in no outcome of the other votes"
        elif poss.must_pass:
            said = "passes in every outcome of the other votes"
        else:
            said = "passes in some outcomes of the other votes, not all"
        if poss.decisive:
            said += f"; decisive: {', '.join(poss.decisive)}"
        out.append(f"could it pass ({len(poss.unknown)} unknown votes): {said}")
    return out


def print_response(out: Console, r: "Response") -> None:
    """`pyrule respond`: one section per pathway, then what no pathway makes obligatory."""
    def say(text: str) -> None:
        out.print(text, markup=False, highlight=False)

    agg = r.aggression
    attack = f"armed attack by {agg.attacker} on {agg.victim}" + (f" in {agg.region}" if agg.region else "")
    out.print(Text(f"pyrule respond · {attack} on {agg.day.isoformat()} · {r.title} ({r.scenario}) · charters: "
                   f"{', '.join(r.charters)} · on {r.at.isoformat()}", style="bold"))
    if r.assumed:
        out.print("assumed: " + "; ".join(r.assumed), markup=False)
    many = len(r.charters) > 1
    for n, p in enumerate(r.pathways, 1):
        out.print()
        out.print(Text(f"{n}. {p.title} — {STATUS_LABEL.get(p.status, p.status.upper())}: {p.summary}",
                       style="bold"))
        if p.articles:
            say(f"   articles: {article_words(p.articles, True)}")
        if p.passage is not None:
            for line in _vote_words(p.passage):
                say(f"   {line}")
        for note in p.notes:
            say(f"   note: {note}")
        if p.items:
            table = Table(show_lines=False, expand=False, box=None, padding=(0, 1), show_header=True)
            for col in ("status", "who", "act", "articles", "answer"):
                table.add_column(col, overflow="fold")
            for row in (_item_row(i, many) for i in p.items):
                table.add_row(Text(row[0], style=STATUS_STYLE.get(next(k for k, v in STATUS_WORDS.items()
                                                                       if v == row[0]), "")), *row[1:])
            say("   it would create:" if p.passage is not None or p.key == "uniting-for-peace" else "   it creates:")
            out.print(table)
        for line in p.hypothetical:
            say(f"   hypothetical: {line}")
    out.print()
    if r.never_obliged:
        out.print(Text("What no pathway makes obligatory:", style="bold"))
        for act, arts in r.never_obliged:
            say(f"   {act}: permitted to members (by {article_words(arts, True)}), obligatory in no pathway")
    for line in r.untriggered:
        say(f"   {line}")


def _item_json(i: "Item", positions: list[dict[str, str]], day: dt.date) -> dict[str, Any]:
    return {"status": i.status, "status_text": STATUS_WORDS[i.status], "actors": list(i.actors), "group": i.group,
            "action": i.action, "object": i.object, "target": i.target,
            "articles": [{"charter": c, "article": n} for c, n in i.articles],
            "from": i.start.isoformat(), "to": last_day(i.end) or None,
            "settled": i.contest is None, "contested": contest_json(i.contest),
            "claim": _claim_words(i, day)}


def _passage_json(p: "Passage | None") -> dict[str, Any] | None:
    if p is None:
        return None
    poss = p.possibility
    return {"organ": p.organ, "matter": p.matter, "rule": p.rule, "seats": list(p.seats),
            "permanent": list(p.permanent), "vetoes": list(p.vetoes),
            "known": {s: A.BALLOT_WORDS[w] for s, w in sorted(p.known.items())},
            "every_other_seat_for": p.best_case, "blocked_by": list(p.blocked_by),
            "contested": contest_json(p.contest), "passes_on_prevailing_reading": p.prevailing_passes,
            "could_pass": poss.could_pass if poss else None, "must_pass": poss.must_pass if poss else None,
            "decisive": list(poss.decisive) if poss else [], "unknown": list(poss.unknown) if poss else [],
            "proviso": p.proviso, "allies": {k: list(v) for k, v in sorted(p.allies.items())}}


def response_doc(r: "Response") -> dict[str, Any]:
    """`pyrule respond --format json`: schema pyrule.respond/1 (see the README, "pyrule respond")."""
    agg = r.aggression
    return {
        "schema": "pyrule.respond/1",
        "scenario": {"id": r.scenario, "title": r.title, "charters": list(r.charters)},
        "aggression": {"attacker": agg.attacker, "victim": agg.victim, "region": agg.region,
                       "day": agg.day.isoformat()},
        "at": r.at.isoformat(),
        "assumed": list(r.assumed),
        "answer_sets": r.positions,
        "pathways": [{"key": p.key, "title": p.title, "status": p.status, "summary": p.summary,
                      "articles": [{"charter": c, "article": n} for c, n in p.articles],
                      "vote": _passage_json(p.passage), "notes": list(p.notes),
                      "hypothetical": list(p.hypothetical),
                      "items": [_item_json(i, r.positions, r.at) for i in p.items]} for p in r.pathways],
        "never_obligatory": [{"action": act, "permitted_by": [{"charter": c, "article": n} for c, n in arts]}
                             for act, arts in r.never_obliged],
        "untriggered": list(r.untriggered),
    }


EPISODE_KEYS = ("self-defence", "art39", "art40", "art41", "art42", "uniting-for-peace", "regional")


def _cell(p: "Pathway | None") -> str:
    if p is None:
        return "—"
    if p.status == "blocked" and p.passage is not None:
        return "blocked: " + ", ".join(p.passage.blocked_by)
    if p.status == "open" and p.passage is not None and p.passage.contest is not None:
        return "open (contested)"
    return p.status


def shield(r: "Response") -> list[str]:
    """The permanent seats on the attacker's side that day: its own, and those
    of the permanent members a treaty binds to it."""
    p = next((p.passage for p in r.pathways if p.passage is not None and p.passage.matter == "other"), None)
    if p is None:
        return []
    return sorted({s for s in p.vetoes if s == r.aggression.attacker or s in p.allies})


def print_episodes(out: Console, episodes: "list[Episode]") -> None:
    rows = []
    for e in episodes:
        r = e.response
        by = {p.key: p for p in r.pathways}
        agg = r.aggression
        rows.append((e.scenario, f"{agg.attacker} on {agg.victim}", agg.day.isoformat(),
                     ", ".join(shield(r)) or "—", *(_cell(by.get(k)) for k in EPISODE_KEYS)))
    print_table(out, f"Pathways on the day of the first armed attack, {len(rows)} bundled episodes",
                ("episode", "attack", "day", "P5: attacker or its treaty partners", "self-defence", "Art 39", "Art 40", "Art 41",
                 "Art 42", "Uniting for Peace", "regional"), rows)


def episodes_doc(episodes: "list[Episode]") -> dict[str, Any]:
    return {"schema": "pyrule.respond/1", "episodes": [
        {"scenario": e.scenario, "title": e.title,
         "aggression": {"attacker": e.response.aggression.attacker, "victim": e.response.aggression.victim,
                        "day": e.response.aggression.day.isoformat()},
         "attackers_vetoes": shield(e.response),
         "pathways": [{"key": p.key, "status": p.status, "summary": p.summary,
                       "blocked_by": list(p.passage.blocked_by) if p.passage else [],
                       "vetoes": list(p.passage.vetoes) if p.passage else []} for p in e.response.pathways]}
        for e in episodes]}
