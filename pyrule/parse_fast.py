"""A fast path for the commonest one-line scenario events.

Takes a scenario's text; gives the events of the lines it recognises -- the
same `Event` nodes, spans included, that the grammar would build for them --
and the text with those lines emptied (each kept as an empty line, so every
other line keeps its number). `pyrule.parse` parses the rest with the
grammar, and every error message comes from the grammar: a line that is not
exactly one of the forms below is left to it, and if the rest does not parse,
the whole text is parsed again by the grammar alone.

The forms (one event on one line, an optional comment after the period):

    on DATE: the ORGAN decides|demands|recommends that STATE VERB [OBJECT] [PREP STATE].
    on DATE: STATE VERB [OBJECT] [PREP STATE].
    on DATE: armed attack by STATE on STATE [in REGION] [occurs].
    on DATE: STATE requests assistance.
    on DATE: STATE cooperates with STATE.

A scenario of ten thousand such lines parses in a fraction of the time the
grammar takes; charters and every other form of event go to the grammar,
among them an act that says where it happened (`... in high-seas`, `... in
the waters of MOZ`) and any line that names a vessel or another non-state
actor (`vessel:JOANNA-V` is no STATE).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from . import ast as A

_LINE = re.compile(r"(?P<lead>[ \t]*)on[ \t]+(?P<date>\d{4}-\d{2}-\d{2})[ \t]*:(?P<body>[^\n#\"]*?)[ \t]*\.[ \t]*(?:#[^\n]*)?")
_WORD = re.compile(r"[^ \t]+")
_STATE = re.compile(r"[A-Z][A-Z][A-Z]")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_span = tuple.__new__        # a Span made without the named tuple's slower constructor
_CLAUSES = {"decides": "decision", "demands": "demand", "recommends": "recommendation"}
_PREPS = ("against", "with", "to", "from", "for")


class _Line:
    """The words of one line's event, each with its columns."""

    def __init__(self, file: str, number: int, words: list[tuple[str, int, int]], keywords: Iterable[str]) -> None:
        self.file, self.number, self.words, self.keywords = file, number, words, keywords

    def text(self, k: int) -> str | None:
        return self.words[k][0] if k < len(self.words) else None

    def span(self, k: int) -> A.Span:
        _, start, end = self.words[k]
        return _span(A.Span, (self.file, self.number, start, self.number, end))

    def const(self, k: int) -> A.Const:
        return A.Const(self.words[k][0], self.span(k))

    def state(self, k: int) -> bool:
        w = self.text(k)
        return w is not None and _STATE.fullmatch(w) is not None

    def name(self, k: int) -> bool:
        w = self.text(k)
        return w is not None and _NAME.fullmatch(w) is not None and w not in self.keywords

    def fact(self, kind: str, first: int, last: int, args: tuple, prep: str | None = None) -> A.Fact:
        a, b = self.span(first), self.span(last)
        return A.Fact(kind, args, _span(A.Span, (self.file, self.number, a.column, self.number, b.end_column)), prep)

    def act_tail(self, k: int) -> tuple[A.Const, A.Const | None, A.Const | None, str | None, int] | None:
        """VERB [OBJECT] [PREP STATE] from word k to the end; with the last word's index."""
        if not self.name(k):
            return None
        verb, n = self.const(k), len(self.words)
        obj = target = prep = None
        k += 1
        if k < n and self.text(k) not in _PREPS:
            if not self.name(k):
                return None
            obj, k = self.const(k), k + 1
        if k < n:
            if self.text(k) not in _PREPS or k + 2 != n or not self.state(k + 1):
                return None
            prep, target, k = self.text(k), self.const(k + 1), k + 2
        return (verb, obj, target, prep, k - 1) if k == n else None


def _fact(line: _Line) -> A.Fact | None:
    w = [x[0] for x in line.words]
    n = len(w)
    if n >= 6 and w[0] == "the" and line.name(1) and w[2] in _CLAUSES and w[3] == "that" and line.state(4):
        tail = line.act_tail(5)
        if tail is None:
            return None
        verb, obj, target, prep, last = tail
        return line.fact(_CLAUSES[w[2]], 1, last, (line.const(1), line.const(4), verb, obj, target), prep)
    if n >= 6 and w[:3] == ["armed", "attack", "by"] and line.state(3) and w[4] == "on" and line.state(5):
        rest = w[6:]
        if rest and rest[-1] == "occurs":
            rest = rest[:-1]
        if rest == []:
            return line.fact("attack", 3, 5, (line.const(3), line.const(5), None))
        if len(rest) == 2 and rest[0] == "in" and line.name(7):
            return line.fact("attack", 3, 7, (line.const(3), line.const(5), line.const(7)))
        return None
    if not line.state(0):
        return None
    if n == 3 and w[1:] == ["requests", "assistance"]:
        return line.fact("request", 0, 0, (line.const(0),))
    if n == 4 and w[1] in ("cooperates", "cooperate") and w[2] == "with" and line.state(3):
        return line.fact("cooperation", 0, 3, (line.const(0), line.const(3)))
    tail = line.act_tail(1)
    if tail is None:
        return None
    verb, obj, target, prep, last = tail
    return line.fact("act", 0, last, (line.const(0), verb, obj, target), prep)


def fast_events(text: str, file: str, keywords: Iterable[str]) -> tuple[list[A.Event], str]:
    """The events of the lines of one of the forms above, and the text with
    those lines emptied."""
    events: list[A.Event] = []
    lines = text.split("\n")
    for number, raw in enumerate(lines, start=1):
        if "on" not in raw:
            continue
        m = _LINE.fullmatch(raw)
        if m is None:
            continue
        try:
            date = dt.date.fromisoformat(m.group("date"))
        except ValueError:
            continue                    # the grammar's stage says what is wrong with it
        if date > A.LAST_DATE:
            continue
        offset = m.start("body")
        words = [(x.group(), offset + x.start() + 1, offset + x.end() + 1) for x in _WORD.finditer(m.group("body"))]
        fact = _fact(_Line(file, number, words, keywords))
        if fact is None:
            continue
        column = m.start("date") + 1
        events.append(A.Event(date, ((fact, None),), None, False,
                              _span(A.Span, (file, number, column, number, fact.span.end_column))))
        lines[number - 1] = ""
    return events, "\n".join(lines)
