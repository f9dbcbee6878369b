"""Syntax diagnostics: a Lark parse error to a `SyntaxProblem`.

Takes the error Lark raised (unexpected character, unexpected token or early
end of text), the source text, its file name and the parser; gives a
`SyntaxProblem` with the position, the tokens that would have been accepted
(in words), and a "did you mean" when the unexpected word is close to one of
the keywords accepted there. Only `pyrule.parse` calls this.
"""

from __future__ import annotations

import re

from lark import Lark
from lark.exceptions import (
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)

from . import ast as A
from .errors import SyntaxProblem, did_you_mean

_TERMINAL_WORDS = {
    "NAME": "a lower-case name", "STATE": "a three-letter state code such as IRQ",
    "VAR": "a variable such as A or T1", "DATE": "a date YYYY-MM-DD", "STRING": 'a "quoted title"',
    "ARTNUM": "an article number such as 51 or 2(4)", "SWITCH": "an interpretation id such as IS-UNTIL",
    "PREP": "against, with, to, from or for", "THREAT_KIND":
    "threat-to-the-peace, breach-of-the-peace, act-of-aggression or material-breach",
    "LEX_KIND": "superior, specialis or posterior", "IS_RECOMMENDED_TO": '"is recommended to"',
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


_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                 "thirteen", "fourteen", "fifteen")


def syntax_error(err: UnexpectedInput, text: str, file: str, parser: Lark) -> SyntaxProblem:
    """The diagnostic for a parse error Lark raised on `text`."""
    line, col = err.line or 1, err.column or 1
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
    accepted = set(getattr(err, "accepts", None) or err.expected or ())
    if str(tok) == "is" and "IS_RECOMMENDED_TO" in accepted:
        # the modality is one token: "is" alone means the rest of it is misspelt or missing
        hint = "did you mean 'is recommended to'?"
    elif "INT" in accepted and str(tok) in _NUMBER_WORDS:
        # a period written in words: `until three months after ...`
        hint = f"write the number in digits: '{_NUMBER_WORDS.index(str(tok)) + 1}'"
    elif keywords and re.fullmatch(r"[a-z][a-z-]*", str(tok)):
        guess = did_you_mean(str(tok), keywords)
        if guess:
            hint = f"did you mean '{guess}'?"
    return SyntaxProblem(f"unexpected {str(tok)!r}", span, expected=expected, hint=hint, text=text)
