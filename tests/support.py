"""Helpers several test files share: a time bound for tests that must not
hang (test_fuzz, test_guards), and the rows of a rich table (test_cli,
test_respond)."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator


class TooSlow(BaseException):
    """A block ran past its time bound (a BaseException, so that neither
    pyrule's nor click's handlers take it for an error of the input)."""


@contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (SIGALRM: the tests run in the main thread)."""
    def stop(signum, frame):
        raise TooSlow(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def table_rows(text: str) -> list[str]:
    """The rows of the (first) rich table in the output, each with its wrapped
    continuation lines joined, cells separated by '│'."""
    rows: list[list[str]] = []
    for line in text.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells[0] or not rows:
            rows.append(cells)
        else:
            rows[-1] = [(a + " " + b).strip() for a, b in zip(rows[-1], cells)]
    return [" │ ".join(r) for r in rows]
