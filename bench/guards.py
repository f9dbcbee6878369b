"""Timing the resource guards of issue 18 item 3 (bench/RESULTS.md, "Resource guards").

Each case is a `pyrule` command run in a fresh process (`python cli.py ...`,
no cache), timed by /usr/bin/time: wall seconds and peak resident memory,
the median of --runs runs. The inputs come from bench/guards_inputs.py.

    python bench/guards.py [--runs 3] [--only NAME]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import guards_inputs as inputs  # noqa: E402


def cases(folder: Path) -> list[tuple[str, list[str]]]:
    states1000 = inputs.states(folder, 1000)
    states100 = inputs.states(folder, 100)
    disputes40 = inputs.disputes(folder, 40)
    disputes10 = inputs.disputes(folder, 10)
    out = [
        ("1,000 states each attacking the next: query", ["query", "-s", str(states1000)]),
        ("100 states each attacking the next: query", ["query", "-s", str(states100)]),
        ("four independent conditions, 40 disputes: query", ["query", "-s", str(disputes40)]),
        ("four independent conditions, 40 disputes, estimate off, --max-memory 2000: query",
         ["--max-ground", "0", "--max-memory", "2000", "query", "-s", str(disputes40)]),
        ("four independent conditions, 10 disputes: query", ["query", "-s", str(disputes10)]),
    ]
    for n in (12, 18, 20):
        path = inputs.switches(folder, n)
        out.append((f"{n} independent engaged switches: query", ["query", "-s", str(path)]))
    out.append(("20 independent engaged switches: test (5 expectations)", ["test", str(inputs.switches(folder, 20))]))
    out.append(("20 switches, 8 of them interacting: query",
                ["query", "-s", str(inputs.switches(folder, 20, interacting=8))]))
    out.append(("20 switches, 13 of them interacting: query",
                ["query", "-s", str(inputs.switches(folder, 20, interacting=13))]))
    return out


def run(args: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak resident MB, exit code."""
    env = dict(os.environ, PYRULE_NO_CACHE="1", PYTHONPATH=str(REPO))
    proc = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M", sys.executable, str(REPO / "cli.py"), *args],
                          capture_output=True, text=True, env=env, timeout=900)
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("TIME ")][-1]
    _, secs, kb = line.split()
    return float(secs), int(kb) // 1024, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default=None, help="run only the cases whose name contains this")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print("| case | exit | median s | peak MB |")
        print("|---|---|---|---|")
        for name, args in cases(Path(tmp)):
            if opts.only and opts.only not in name:
                continue
            got = [run(args) for _ in range(opts.runs)]
            codes = sorted({c for _, _, c in got})
            print(f"| {name} | {', '.join(map(str, codes))} | {statistics.median(t for t, _, _ in got):.2f} | "
                  f"{max(m for _, m, _ in got):,} |", flush=True)


if __name__ == "__main__":
    main()
