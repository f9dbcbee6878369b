"""A fast loop for the LALR parser that `pyrule.parse` builds with Lark.

Takes a `Lark` object (LALR, contextual lexer, the AST builder inlined as its
callbacks); gives `Driver.parse(text, start)`: the value the callbacks build,
or `NotParsed` where the text has a syntax error, so that lark's own parser is
run on it to report the error.

Nothing here knows the pyrule language. The lexer regexes, keywords, parse
tables and callbacks are all read from the Lark object, so the driver accepts
what lark accepts and calls the same callbacks, in the same order, with the
same children. It only does lark's work with less overhead per token:

- one compiled regex per parser state: that state's terminals, in the order
  lark's contextual lexer tries them, behind an atomic group that skips the
  ignored terminals (whitespace, comments);
- the keywords a name-like match stands for, looked up in a dict per state
  (lark's "unless" callbacks);
- no `Token` for the terminals no rule keeps (keywords, punctuation);
- one loop for lexer and parser, no generator between them;
- no callback call for a `?rule` that passes its only child through.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from lark import Lark, Token
from lark.lexer import BasicLexer, ContextualLexer, PatternStr, UnlessCallback
from lark.parsers.lalr_analysis import Shift
from lark.parse_tree_builder import ExpandSingleChild


class NotParsed(Exception):
    """The text does not parse: lark's own parser says where and why."""


# A reduction: (children to pop, rule name to go to, callback or None = keep the child).
_Reduce = tuple[int, str, Callable[[list], Any] | None]


class Driver:
    """Lark's LALR tables and contextual lexer, run in one loop."""

    def __init__(self, lark: Lark) -> None:
        lexer = lark.parser.lexer
        parser = lark.parser.parser.parser
        assert isinstance(lexer, ContextualLexer), "the driver needs lark's contextual lexer"
        table, callbacks = parser.parse_table, parser.callbacks
        kept = {sym.name for rule in lark.rules for sym in rule.expansion if sym.is_term and not sym.filter_out}

        reductions: dict[Any, _Reduce] = {}
        for rule, callback in callbacks.items():
            only = rule.expansion[0] if len(rule.expansion) == 1 else None
            passes = (only is not None and isinstance(callback, ExpandSingleChild) and not rule.alias
                      and (not only.is_term or not only.filter_out) and not only.name.startswith("_"))
            reductions[rule] = (len(rule.expansion), rule.origin.name, None if passes else callback)

        lexers: dict[int, tuple] = {}
        self._states: list[tuple] = []
        for state in range(max(table.states) + 1):
            actions = {name: (arg if action is Shift else reductions[arg])
                       for name, (action, arg) in table.states.get(state, {}).items()}
            basic = lexer.lexers.get(state)
            if id(basic) not in lexers:
                lexers[id(basic)] = _state_lexer(basic) if basic is not None else (None, {}, frozenset())
            self._states.append((*lexers[id(basic)], actions))
        self._start, self._end = table.start_states, table.end_states
        self._kept = frozenset(kept)
        ignored = [t for t in lexer.root_lexer.terminals if t.name in lexer.root_lexer.ignore_types]
        self._skip = re.compile(_skip_pattern(ignored)).match

    def parse(self, text: str, start: str) -> Any:
        states, kept, skip = self._states, self._kept, self._skip
        state, end_state = self._start[start], self._end[start]
        stack: list[int] = [state]
        values: list[Any] = []
        count, rindex, size_of_text = text.count, text.rindex, len(text)
        pos, line, line_start = 0, 1, 0
        while True:
            match, keywords, multiline, actions = states[state]
            m = match(text, pos)
            if m is not None:
                kind = m.lastgroup
                begin = m.start(kind)
                if begin != pos:        # skipped whitespace or comments: count their lines
                    newlines = count("\n", pos, begin)
                    if newlines:
                        line += newlines
                        line_start = rindex("\n", pos, begin) + 1
                pos = m.end()
                value = m.group(kind)
                if kind in keywords:
                    kind = keywords[kind].get(value, kind)
                if kind not in kept:
                    token = None
                elif kind in multiline and "\n" in value:
                    first_line, first_column = line, begin - line_start + 1
                    line += value.count("\n")
                    line_start = rindex("\n", begin, pos) + 1
                    token = Token(kind, value, begin, first_line, first_column, line, pos - line_start + 1, pos)
                else:
                    token = Token(kind, value, begin, line, begin - line_start + 1, line,
                                  pos - line_start + 1, pos)
            elif skip(text, pos).end() == size_of_text:
                kind, token = "$END", None
            else:
                raise NotParsed
            while True:
                action = actions.get(kind)
                if action is None:
                    raise NotParsed
                if action.__class__ is int:
                    stack.append(action)
                    values.append(token)
                    state = action
                    break
                size, goto, callback = action
                if callback is None:
                    del stack[-1]
                else:
                    if size:
                        children = values[-size:]
                        del values[-size:]
                        del stack[-size:]
                    else:
                        children = []
                    values.append(callback(children))
                state = states[stack[-1]][3][goto]
                stack.append(state)
                actions = states[state][3]
                if state == end_state and kind == "$END":
                    return values[-1]


def _skip_pattern(ignored: list) -> str:
    return "(?>(?:" + "|".join(t.pattern.to_regexp() for t in ignored) + ")*)" if ignored else ""


def _state_lexer(basic: BasicLexer) -> tuple:
    """(match, keywords by terminal, terminals that may span lines) for one state's lexer."""
    scanner = basic.scanner
    ignored = [t for t in scanner.terminals if t.name in basic.ignore_types]
    terminals = [t for t in scanner.terminals if t.name not in basic.ignore_types]
    alternatives = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals) or "(?!)"
    keywords = {}
    for name, callback in basic.callback.items():
        assert isinstance(callback, UnlessCallback), "only lark's keyword callbacks are supported"
        assert all(isinstance(t.pattern, PatternStr) and not t.pattern.flags for t in callback.scanner.terminals)
        keywords[name] = {t.pattern.value: t.name for t in callback.scanner.terminals}
    pattern = re.compile(_skip_pattern(ignored) + "(?:" + alternatives + ")", basic.g_regex_flags)
    return pattern.match, keywords, basic.newline_types
