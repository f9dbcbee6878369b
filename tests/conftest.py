"""Shared fixtures for pyrule's test suites.

- `cli`: invoke the click command line in-process and get click's `Result`
  (exit code, stdout and stderr kept apart, any exception kept).
- `write`: write a charter or scenario text into the test's tmp_path.
- `iraq_kuwait`: the solved answer of the bundled Iraq–Kuwait scenario,
  computed once per session (a solve takes about half a second).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result

from pyrule import api
from pyrule.cli import main


def _runner() -> CliRunner:
    # click >= 8.2 always keeps stderr apart (result.stderr) and offers the
    # interleaved text as result.output; older versions need mix_stderr=False.
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def all_text(result: Result) -> str:
    """Everything the command printed, on either stream."""
    out = result.stdout or ""
    try:
        err = result.stderr or ""
    except ValueError:  # old click with mixed streams: stderr is in stdout
        err = ""
    return out + err


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory) -> None:
    """The tests' compiled programs go to a cache of their own, not the user's."""
    import os

    os.environ["PYRULE_CACHE_DIR"] = str(tmp_path_factory.mktemp("pyrule-cache"))
    os.environ.pop("PYRULE_NO_CACHE", None)


@pytest.fixture
def cli() -> Callable[..., Result]:
    """`cli("query", "--actor", "FRA")` runs `pyrule query --actor FRA`; the
    result also has `.text`, stdout and stderr together."""
    runner = _runner()

    def invoke(*args: str) -> Result:
        result = runner.invoke(main, list(args), catch_exceptions=True)
        result.text = all_text(result)  # type: ignore[attr-defined]
        return result

    return invoke


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """`write("x.charter", text)` writes dedented text into tmp_path and
    gives the path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


class _ShortAnswer(api.Answer):
    """An `Answer` whose repr is one line: pytest prints the arguments of a
    failing test, and the full repr of a solved scenario runs to megabytes."""

    def __repr__(self) -> str:
        return (f"<Answer: {len(self.positions)} answer sets, {len(self.conclusions)} conclusions, "
                f"{len(self.violations)} violations, {len(self.conflicts)} conflicts>")


def short_repr(answer: api.Answer) -> api.Answer:
    answer.__class__ = _ShortAnswer
    return answer


@pytest.fixture(scope="session")
def iraq_kuwait() -> api.Answer:
    """The answer of the bundled Iraq–Kuwait scenario, all switches open."""
    return short_repr(api.run("iraq-kuwait-1990"))
