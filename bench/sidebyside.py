"""This checkout against another, side by side, in CPU seconds.

On a shared machine a full `bench/run.py` run of one checkout and a later
run of another can differ by 30% from load alone. This script alternates
the two checkouts run by run (a fresh process each time) on the synthetic
case end to end (parse, compile, solve, read) and on the bundled Iraq-Kuwait
case in process, and prints the medians.

    python bench/sidebyside.py --against /tmp/old-pyrule [--runs 4] [--events 10000] [--norms 1000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r'''
import json, sys, time
root, events, norms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sys.path[:0] = [root + "/bench", root]
from synthetic import generate
from pyrule import api
from pyrule.compile import compile_bundle
from pyrule.library import Bundle, load_membership
from pyrule.parse import parse_charter, parse_scenario
from pyrule.results import build_answer
from pyrule.solve import solve
case = generate(1, events, norms)
ct, st = case.charter_text(), case.scenario_text()
t0 = time.process_time()
ch, sc = parse_charter(ct, "syn.charter"), parse_scenario(st, "syn-case.scenario")
t1 = time.process_time()
program = compile_bundle(Bundle(sc, (ch,), tuple(load_membership(sc.memberships[0]))))
t2 = time.process_time()
solution = solve(program)
t3 = time.process_time()
answer = build_answer(program, solution)
t4 = time.process_time()
api.run("iraq-kuwait-1990")
b0 = time.process_time()
api.run("iraq-kuwait-1990")
b1 = time.process_time()
print(json.dumps({"synthetic": t4 - t0, "parse": t1 - t0, "compile": t2 - t1, "solve": t3 - t2,
                  "results": t4 - t3, "conclusions": len(answer.conclusions), "bundled": b1 - b0}))
'''


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", required=True, help="another checkout of pyrule")
    ap.add_argument("--runs", type=int, default=4)
    ap.add_argument("--events", type=int, default=10000)
    ap.add_argument("--norms", type=int, default=1000)
    args = ap.parse_args()
    roots = {"this": str(ROOT), "other": str(Path(args.against).resolve())}
    got: dict[str, list[dict]] = {k: [] for k in roots}
    for k in range(args.runs):
        # which goes first alternates too, so a drift in the machine's load is shared
        for name, root in (list(roots.items()) if k % 2 == 0 else list(roots.items())[::-1]):
            out = subprocess.run([sys.executable, "-c", CHILD, root, str(args.events), str(args.norms)],
                                 capture_output=True, text=True, check=True)
            got[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
    keys = ("synthetic", "parse", "compile", "solve", "results", "bundled")
    print(f"{'':10}" + "".join(f"{k:>11}" for k in keys) + "  conclusions")
    for name, runs in got.items():
        meds = [statistics.median(r[k] for r in runs) for k in keys]
        print(f"{name:10}" + "".join(f"{m:11.3f}" for m in meds) + f"  {runs[0]['conclusions']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
