"""The cache of compiled programs (pyrule.cache): a second run of the same
files skips parsing, checking and compiling and answers the same; any change
to a file, to pyrule or to its rules makes a new entry; damaged entries and
unsafe folders are not trusted; concurrent runs are safe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pyrule import api, cache, parse

REPO = Path(__file__).resolve().parent.parent

CHARTER = """\
charter mini "Mini" in force 1945-10-24.
role member "Member" from membership un.
action use-force "use force".
article 51 "Self-defence":
  when armed attack by A on V occurs then V may use-force against A.
"""
SCENARIO = """\
scenario mini-case "Mini case" uses mini.
state AAA "A" member of un from 1945-10-24.
state BBB "B" member of un from 1945-10-24.
on 1990-08-02: armed attack by AAA on BBB.
"""


@pytest.fixture
def files(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("PYRULE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "mini.charter").write_text(CHARTER, encoding="utf-8")
    (tmp_path / "mini-case.scenario").write_text(SCENARIO, encoding="utf-8")
    return tmp_path


def rows(answer: api.Answer) -> set[tuple]:
    return {(c.status, c.actor, c.action, c.target, c.start, c.end) for c in answer.conclusions}


class Parses:
    """Counts the files parsed."""

    def __init__(self, monkeypatch) -> None:
        self.count = 0
        real = parse.parse_scenario

        def counting(text: str, file: str):
            self.count += 1
            return real(text, file)

        monkeypatch.setattr(parse, "parse_scenario", counting)


def test_a_second_run_takes_the_program_from_the_cache(files, monkeypatch):
    parses = Parses(monkeypatch)
    first = api.run(str(files / "mini-case.scenario"))
    assert parses.count == 1
    second = api.run(str(files / "mini-case.scenario"))
    assert parses.count == 1, "the second run parsed the scenario again"
    assert rows(first) == rows(second) == {("perm", "BBB", "use-force", "AAA", first.conclusions[0].start, None)}
    # the answer still knows its sources (articles and the dated events)
    (c,) = second.conclusions
    assert c.articles() == [("mini", "51")] and [e.describe() for e in c.events()] == ["armed attack by AAA on BBB"]


def test_the_bundled_scenario_answers_the_same_from_the_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("PYRULE_CACHE_DIR", str(tmp_path / "cache"))
    fresh = api.run("iraq-kuwait-1990", use_cache=False)
    api.run("iraq-kuwait-1990")
    cached = api.run("iraq-kuwait-1990")
    assert rows(fresh) == rows(cached) and len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    assert [d.symbol for d in fresh.decisions] == [d.symbol for d in cached.decisions]


@pytest.mark.parametrize("changed", ["mini-case.scenario", "mini.charter"])
def test_a_changed_file_is_compiled_again(files, monkeypatch, changed):
    api.run(str(files / "mini-case.scenario"))
    path = files / changed
    if changed.endswith(".scenario"):
        path.write_text(SCENARIO + "on 1990-09-01: armed attack by BBB on AAA.\n", encoding="utf-8")
    else:
        path.write_text(CHARTER.replace("V may use-force", "V must use-force"), encoding="utf-8")
    parses = Parses(monkeypatch)
    answer = api.run(str(files / "mini-case.scenario"))
    assert parses.count == 1
    statuses = {(c.status, c.actor) for c in answer.conclusions}
    # (a duty entails the permission to do what it obliges)
    assert statuses == ({("perm", "BBB"), ("perm", "AAA")} if changed.endswith(".scenario")
                        else {("obl", "BBB"), ("perm", "BBB")})
    assert len(list((files / "cache").glob("*.pickle"))) == 2


def test_no_cache_and_the_environment_skip_it(files, monkeypatch):
    parses = Parses(monkeypatch)
    api.run(str(files / "mini-case.scenario"))
    api.run(str(files / "mini-case.scenario"), use_cache=False)
    monkeypatch.setenv("PYRULE_NO_CACHE", "1")
    api.run(str(files / "mini-case.scenario"))
    assert parses.count == 3


def test_the_cli_flag(files, cli, monkeypatch):
    parses = Parses(monkeypatch)
    for args in ((), ("--no-cache",), ()):
        result = cli("query", "-s", str(files / "mini-case.scenario"), *args)
        assert result.exit_code == 0, result.text
        assert "use-force against AAA" in result.stdout
    assert parses.count == 2


def test_a_damaged_entry_is_made_again(files, monkeypatch):
    api.run(str(files / "mini-case.scenario"))
    (entry,) = (files / "cache").glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    parses = Parses(monkeypatch)
    answer = api.run(str(files / "mini-case.scenario"))
    assert parses.count == 1 and rows(answer)
    assert entry.read_bytes() != b"not a pickle"


def test_a_folder_others_may_write_to_is_not_used(files, monkeypatch):
    folder = files / "cache"
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    parses = Parses(monkeypatch)
    api.run(str(files / "mini-case.scenario"))
    api.run(str(files / "mini-case.scenario"))
    assert parses.count == 2
    assert not list(folder.glob("*.pickle"))


def test_the_key_depends_on_pyrule_itself(monkeypatch):
    sources = [("a.scenario", "text")]
    before = cache.key(sources)
    assert cache.key(sources) == before
    monkeypatch.setattr(cache, "fingerprint", lambda: "another build of pyrule")
    assert cache.key(sources) != before
    # and on names as well as texts, and where one ends and the next begins
    assert cache.key([("a", "bc")]) != cache.key([("ab", "c")])


def test_the_fingerprint_covers_the_rules_and_the_grammar():
    from pyrule.resources import resource_dir

    cache.fingerprint.cache_clear()
    assert cache.fingerprint() == cache.fingerprint()
    covered = {p.name for p in resource_dir("rules").glob("*.lp")}
    assert {"norms.lp", "final.lp"} <= covered


def test_concurrent_runs_share_the_cache_safely(files):
    scen = str(files / "mini-case.scenario")
    env = dict(os.environ, PYRULE_CACHE_DIR=str(files / "cache"))
    procs = [subprocess.Popen([sys.executable, str(REPO / "cli.py"), "query", "-s", scen, "--format", "json"],
                              cwd=files, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
    assert len({o[0] for o in outs}) == 1
    assert len(list((files / "cache").glob("*.pickle"))) == 1
    assert not list((files / "cache").glob(".tmp-*"))
