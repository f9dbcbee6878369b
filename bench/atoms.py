"""Where pyrule's grounding goes: ground atoms per predicate, pyrule against hand-direct.

Grounds the synthetic case with pyrule (compiled without the cache, grounded
by pyrule.solve.ground) and with hand-direct (bench/hand_direct.py), in two
fresh processes under an address-space cap, and counts the ground atoms of
each predicate (clingo's symbolic atoms). Predicates are grouped: pyrule's
generated rules' own predicates (n1, n2, ...) are one row, the facts' action
predicates (f_demand__a17, ...) another; likewise hand-direct's n<R>, o<R>,
x<R>, xm<R>, d_a<K> and e_a<K>.

    python bench/atoms.py [--events 10000] [--norms 1000] [--top 14]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = r'''
import json, re, sys, time
from collections import Counter
sys.path[:0] = [sys.argv[4], sys.argv[5]]
kind, folder = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
if kind == "pyrule":
    from pyrule.api import load, positions_for
    from pyrule.solve import ground
    bundle, program = load(folder + "/syn-case.scenario", (), use_cache=False)
    ctl = ground(program, positions_for(program, None, {}))
else:
    import clingo
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], open(folder + "/direct.facts.lp").read())
    ctl.add("base", [], open(folder + "/direct.lp").read())
    ctl.ground([("base", [])])
t1 = time.perf_counter()
group = re.compile(sys.argv[3])
count = Counter()
for sig in ctl.symbolic_atoms.signatures:
    name, arity, _ = sig
    n = sum(1 for _ in ctl.symbolic_atoms.by_signature(name, arity))
    m = group.fullmatch(name)
    count[(m.group(1) if m else name) + f"/{arity}"] += n
print(json.dumps({"seconds": t1 - t0, "atoms": dict(count)}))
'''

def _group_pattern(kind: str) -> str:
    # one capturing group: the prefix that names the group
    return r"(n(?=\d)|f_demand__a(?=\d))\d+" if kind == "pyrule" else r"(n(?=\d)|o(?=\d)|x(?=\d)|xm(?=\d)|d_a(?=\d)|e_a(?=\d))\d+"


def measure(kind: str, folder: Path, mem_gb: float) -> dict:
    def cap() -> None:
        lim = int(mem_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (lim, lim))

    out = subprocess.run([sys.executable, "-c", CHILD, kind, str(folder), _group_pattern(kind), str(HERE), str(ROOT)],
                         capture_output=True, text=True, preexec_fn=cap, cwd=ROOT, timeout=900)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    sys.path[:0] = [str(HERE), str(ROOT)]
    import hand_direct
    import synthetic
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--norms", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--top", type=int, default=14)
    ap.add_argument("--mem-gb", type=float, default=8.0)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pyrule-atoms-"))
    case = synthetic.generate(args.seed, args.events, args.norms)
    (folder / "syn.charter").write_text(case.charter_text())
    (folder / "syn-case.scenario").write_text(case.scenario_text())
    (folder / "direct.facts.lp").write_text(hand_direct.facts(case))
    (folder / "direct.lp").write_text(hand_direct.rules(case))
    print(f"# ground atoms per predicate, {args.events:,} events, {args.norms:,} norms, seed {args.seed}")
    for kind in ("pyrule", "direct"):
        got = measure(kind, folder, args.mem_gb)
        if "error" in got:
            print(f"\n{kind}: failed: {got['error']}")
            continue
        atoms = Counter(got["atoms"])
        total = sum(atoms.values())
        print(f"\n{kind}: {total:,} symbolic atoms (grounded in {got['seconds']:.1f} s, compiling included for pyrule)\n")
        print("| predicate | atoms | share |\n|---|---|---|")
        for name, n in atoms.most_common(args.top):
            label = {"n/": "n<R>/", "f_demand__a/": "f_demand__a<K>/", "o/": "o<R>/", "x/": "x<R>/",
                     "xm/": "xm<R>/", "d_a/": "d_a<K>/", "e_a/": "e_a<K>/"}
            shown = next((v + name.split("/")[1] for k, v in label.items() if name.startswith(k)), name)
            print(f"| {shown} | {n:,} | {n / total:.1%} |")
        rest = total - sum(n for _, n in atoms.most_common(args.top))
        if rest:
            print(f"| (the others) | {rest:,} | {rest / total:.1%} |")
    import shutil
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
