"""User-facing errors.

Takes a message and one or more source spans; gives a diagnostic printed like
a compiler's: `file:line:col: error: message`, the offending line with a caret
under the column, what was expected, and a "did you mean" where one fits.
Every error a user can cause is a `PyruleError`; the command line prints it
and exits with its `exit_code`, never with a traceback.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .ast import Span


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest known name to a misspelt one, if any is close enough."""
    choices = sorted(set(choices))
    match = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    if not match:
        match = difflib.get_close_matches(word.lower(), [c.lower() for c in choices], n=1, cutoff=cutoff)
        if match:
            match = [c for c in choices if c.lower() == match[0]]
    return match[0] if match else None


def source_line(span: Span, text: str | None = None) -> str | None:
    if text is None:
        try:
            text = Path(span.file).read_text(encoding="utf-8")
        except OSError:
            return None
    lines = text.splitlines()
    if 1 <= span.line <= len(lines):
        return lines[span.line - 1]
    return None


@dataclass(frozen=True)
class Related:
    span: Span
    note: str


class PyruleError(Exception):
    """Base of every error a user's input can cause."""

    exit_code = 2
    kind = "error"

    def __init__(self, message: str, span: Span | None = None, *, expected: str | None = None,
                 hint: str | None = None, related: tuple[Related, ...] = (),
                 text: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.expected = expected
        self.hint = hint
        self.related = related
        self.text = text

    def render(self) -> str:
        out: list[str] = []
        where = f"{self.span}: " if self.span else ""
        out.append(f"{where}{self.kind}: {self.message}")
        if self.span:
            out.extend(_excerpt(self.span, self.text))
        if self.expected:
            out.append(f"  expected: {self.expected}")
        if self.hint:
            out.append(f"  {self.hint}")
        for rel in self.related:
            out.append(f"{rel.span}: note: {rel.note}")
            out.extend(_excerpt(rel.span, None))
        return "\n".join(out)

    def __str__(self) -> str:
        return self.render()


def _excerpt(span: Span, text: str | None) -> list[str]:
    line = source_line(span, text)
    if line is None:
        return []
    # a control character (a NUL byte, say) is shown, not sent to the terminal;
    # one character for one, so that the caret stays under its column
    line = "".join(("\ufffd" if ch != "\t" else " ") if unicodedata.category(ch) == "Cc" else ch for ch in line)
    gutter = f"{span.line:>4} | "
    width = 1
    if span.end_line == span.line and span.end_column > span.column:
        width = span.end_column - span.column
    caret = " " * (len(gutter) + max(span.column - 1, 0)) + "^" + "~" * (width - 1)
    return [gutter + line, caret]


class SyntaxProblem(PyruleError):
    """The text does not follow the grammar."""


class NameProblem(PyruleError):
    """A name that nothing declares: a role, action, organ, article, state, switch."""


class CheckProblem(PyruleError):
    """A well-formed text that breaks a rule of the language (arity, dates, variables)."""


class LoadProblem(PyruleError):
    """A file or bundled name that cannot be found or read."""


class OutputProblem(PyruleError):
    """A file the user asked pyrule to write that cannot be written (a
    missing folder, no permission, a full device)."""
