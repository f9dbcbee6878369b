"""A fast loop for the LALR parser that `pyrule.parse` builds with Lark.

Takes a `Lark` object (LALR, contextual lexer, the AST builder inlined as its
callbacks); gives `Driver.parse(text, start)`: the value the callbacks build,
or `NotParsed` when the text has a syntax error, so that lark's own parser
runs on it and reports the error.

Nothing here knows the pyrule language. The lexer regexes, keywords, parse
tables and callbacks are all read from the Lark object, so the driver accepts
what lark accepts and calls the same callbacks, in the same order, with the
same children. It only does lark's work with less overhead per token:

- one compiled regex per parser state: that state's terminals, in the order
  lark's contextual lexer tries them, after a possessive group that skips
  the ignored terminals (whitespace, comments) - none of the grammar's
  terminals starts with a space or a '#';
- the keywords a name-like match stands for, looked up in a dict per state
  (lark's "unless" callbacks);
- no `Token` for the terminals no rule keeps (keywords, punctuation), and
  the others made without `Token`'s slow constructor; line numbers from the
  offset of the next newline;
- one loop for lexer and parser, no generator between them;
- no callback for a `?rule` that passes on its one kept child.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from lark import Lark, Token
from lark.lexer import BasicLexer, ContextualLexer, PatternStr, UnlessCallback
from lark.parse_tree_builder import ExpandSingleChild
from lark.parsers.lalr_analysis import Shift


class NotParsed(Exception):
    """The text does not parse: lark's own parser says where and why."""


# A reduction: (children to pop, rule name to go to, callback or None: the one child is the value).
_Reduce = tuple[int, str, Callable[[list], Any] | None]


class Driver:
    """Lark's LALR tables and contextual lexer, run in one loop."""

    def __init__(self, lark: Lark) -> None:
        lexer = lark.parser.lexer
        parser = lark.parser.parser.parser
        assert isinstance(lexer, ContextualLexer), "the driver needs lark's contextual lexer"
        table = parser.parse_table
        reductions = {rule: _reduction(rule, callback) for rule, callback in parser.callbacks.items()}
        n_states = max(table.states) + 1
        self._actions: list[dict[str, int | _Reduce]] = []
        self._gotos: list[dict[str, int]] = []
        for state in range(n_states):
            row = table.states.get(state, {})
            # terminals (upper case, and $END) are read; rules are gone to after a reduction
            self._actions.append({name: arg if action is Shift else reductions[arg]
                                  for name, (action, arg) in row.items() if name.isupper()})
            self._gotos.append({name: arg for name, (action, arg) in row.items() if not name.isupper()})
        self._lexers = _StateLexers(lexer)
        self._start, self._end = table.start_states, table.end_states
        self._kept = frozenset(sym.name for rule in lark.rules for sym in rule.expansion
                               if sym.is_term and not sym.filter_out)
        ignored = [t for t in lexer.root_lexer.terminals if t.name in lexer.root_lexer.ignore_types]
        self._skip = re.compile(_skip_pattern(ignored)).match

    def parse(self, text: str, start: str) -> Any:
        """What the callbacks build for `text` from rule `start`; `NotParsed`
        at the first token no action or lexer accepts."""
        lexers, actions_of, gotos, kept = self._lexers, self._actions, self._gotos, self._kept
        state, end_state = self._start[start], self._end[start]
        stack: list[int] = [state]
        values: list[Any] = []
        actions = actions_of[state]
        new_token = str.__new__
        # line, line_start: the line of the last token made and its offset; newline:
        # the offset of the next newline, len(text) if none (find's -1 wraps to it)
        find, no_newline = text.find, len(text) + 1
        pos, line, line_start = 0, 1, 0
        newline = find("\n") % no_newline
        while True:
            match, keywords = lexers[state]
            m = match(text, pos)
            if m is not None:
                kind = m.lastgroup
                begin, pos = m.span(kind)
                if kind in keywords:
                    kind = keywords[kind].get(m.group(kind), kind)
                if kind in kept:
                    # a Token as lark's lexer makes it, without its slow constructor
                    value = text[begin:pos]
                    token = new_token(Token, value)
                    token.type, token.value, token.start_pos, token.end_pos = kind, value, begin, pos
                    while newline < begin:
                        line, line_start = line + 1, newline + 1
                        newline = find("\n", line_start) % no_newline
                    token.line, token.column = line, begin - line_start + 1
                    while newline < pos:    # a token that spans lines
                        line, line_start = line + 1, newline + 1
                        newline = find("\n", line_start) % no_newline
                    token.end_line, token.end_column = line, pos - line_start + 1
                else:
                    token = None
            elif self._skip(text, pos).end() == len(text):
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
                    actions = actions_of[state]
                    break
                size, goto, callback = action
                if size == 1:
                    if callback is not None:
                        values[-1] = callback(values[-1:])
                    state = stack[-1] = gotos[stack[-2]][goto]
                else:
                    if size:
                        children = values[-size:]
                        del values[-size:]
                        del stack[-size:]
                    else:
                        children = []
                    values.append(callback(children))
                    state = gotos[stack[-1]][goto]
                    stack.append(state)
                actions = actions_of[state]
                if state == end_state and kind == "$END":
                    return values[-1]


def _reduction(rule: Any, callback: Callable[[list], Any]) -> _Reduce:
    """How to reduce by a rule. A `?rule` with one kept child (the others are
    keywords) gives that child: with no call when it is the only symbol, else
    with `itemgetter` (lark's callback would filter the children and return
    the one left); any other rule calls lark's callback."""
    size = len(rule.expansion)
    if rule.options.expand1 and not rule.alias and not rule.options.keep_all_tokens:
        kept = [i for i, sym in enumerate(rule.expansion) if not (sym.is_term and sym.filter_out)]
        if len(kept) == 1 and not rule.expansion[kept[0]].name.startswith("_"):
            assert ExpandSingleChild in (type(callback), type(getattr(callback, "node_builder", None)))
            return (size, rule.origin.name, None if size == 1 else itemgetter(kept[0]))
    return (size, rule.origin.name, callback)


def _skip_pattern(ignored: list) -> str:
    return "(?:" + "|".join(t.pattern.to_regexp() for t in ignored) + ")*+" if ignored else ""


class _StateLexers(dict):
    """The lexer of each parser state, (match, keywords by terminal), made
    when the state is first reached (as lark makes its own)."""

    def __init__(self, lexer: ContextualLexer) -> None:
        super().__init__()
        self._lark_lexers = lexer.lexers
        self._made: dict[int, tuple] = {}

    def __missing__(self, state: int) -> tuple:
        basic = self._lark_lexers.get(state)
        made = self._made.get(id(basic))
        if made is None:
            made = self._made[id(basic)] = _state_lexer(basic) if basic is not None else (_NEVER, {})
        self[state] = made
        return made


def _state_lexer(basic: BasicLexer) -> tuple:
    """(match, keywords by terminal) for one state's lexer."""
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
    return pattern.match, keywords


_NEVER = re.compile("(?!)").match
