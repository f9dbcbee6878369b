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

REPO = Path(__file__).resolve().parent.parent


def _runner() -> CliRunner:
    # click >= 8.2 always keeps stderr apart (result.stderr) and offers the
    # interleaved text as result.output; older versions need mix_stderr=False.
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


@pytest.fixture
def cli() -> Callable[..., Result]:
    """`cli("query", "--actor", "FRA")` runs `pyrule query --actor FRA`."""
    runner = _runner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, list(args), catch_exceptions=True)

    return invoke


def all_text(result: Result) -> str:
    """Everything the command printed, on either stream."""
    out = result.stdout or ""
    try:
        err = result.stderr or ""
    except ValueError:  # old click with mixed streams
        err = ""
    return out + err


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """`write("x.charter", text)` writes dedented text into tmp_path and
    gives the path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def iraq_kuwait() -> api.Answer:
    """The answer of the bundled Iraq–Kuwait scenario, all switches open."""
    return api.run("iraq-kuwait-1990")


@pytest.fixture(scope="session")
def iraq_kuwait_scenario():
    from pyrule.library import load_scenario

    return load_scenario("iraq-kuwait-1990")
