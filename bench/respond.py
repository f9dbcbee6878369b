"""pyrule's `respond` benchmark (issue 17: under 2 s on Iraq-Kuwait).

Every run is a fresh subprocess (bench/run.py's `spawn`), so that its peak
memory (the child's ru_maxrss) is its own; the cases are interleaved (one
run of each in turn, R rounds), so that a busy spell of the shared machine
falls on all of them alike. Per case: the median wall clock of the whole
process (imports included) with min and max, the median CPU time (user and
system, of the child: less sensitive than the wall clock to the other work
on a shared machine) and the median peak memory; the load average at the end.

  iraq-kuwait        `pyrule respond -s iraq-kuwait-1990` (the bundled
                     scenario: its first attack, 2 Aug 1990) -- the target
  iraq-kuwait-event  `pyrule respond --event 'armed attack by IRQ on KWT on 1990-08-02'`
  rus-est            `pyrule respond --event 'armed attack by RUS on EST in europe on 2026-03-01'`
                     (UN, Uniting for Peace, NATO, TEU 42(7): 24+ answer sets)

The cache of compiled programs is left as the user has it: `respond` builds
its hypothetical bundles in memory and does not use it.

    python bench/respond.py [--repeat R] [--timeout SECONDS] [--markdown]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from run import spawn  # noqa: E402  (bench/run.py)

CASES = {
    "iraq-kuwait": ("-s", "iraq-kuwait-1990"),
    "iraq-kuwait-event": ("--event", "armed attack by IRQ on KWT on 1990-08-02"),
    "rus-est": ("--event", "armed attack by RUS on EST in europe on 2026-03-01"),
}
TARGET = {"iraq-kuwait": 2.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5, help="rounds (each runs every case once)")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--mem-gb", type=float, default=4.0)
    ap.add_argument("--cases", nargs="*", default=list(CASES))
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = ap.parse_args()
    walls: dict[str, list[float]] = {c: [] for c in args.cases}
    peaks: dict[str, list[float]] = {c: [] for c in args.cases}
    cpus: dict[str, list[float]] = {c: [] for c in args.cases}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.repeat):
            for case in args.cases:
                out, err = Path(tmp) / f"{case}.{k}.out", Path(tmp) / f"{case}.{k}.err"
                cmd = [sys.executable, str(ROOT / "cli.py"), "respond", *CASES[case]]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                code, wall, rss = spawn(cmd, args.timeout, int(args.mem_gb * 2**30), out, err)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpus[case].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
                if code != 0:
                    sys.exit(f"{case}: exit {code}: {err.read_text(errors='replace')[-2000:]}")
                walls[case].append(wall)
                peaks[case].append(rss)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = f"pyrule respond, {args.repeat} interleaved rounds, {stamp}, {platform.python_version()}, " \
           f"{platform.machine()}, load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    rows = []
    for case in args.cases:
        w = walls[case]
        target = f"< {TARGET[case]:g} s: {'met' if statistics.median(w) < TARGET[case] else 'NOT met'}" \
            if case in TARGET else ""
        rows.append((case, f"{statistics.median(w):.2f} s", f"{min(w):.2f}-{max(w):.2f} s",
                     f"{statistics.median(cpus[case]):.2f} s", f"{statistics.median(peaks[case]):.0f} MB", target))
    if args.markdown:
        print(head + "\n")
        print("| case | median (cold CLI) | min-max | CPU | peak | target |\n|---|---|---|---|---|---|")
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        print(head)
        for r in rows:
            print("  ".join(f"{c:<20}" for c in r).rstrip())


if __name__ == "__main__":
    main()
