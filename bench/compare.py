"""Do pyrule and the two hand-written ASP encodings conclude the same on a synthetic case?

The three are pyrule, bench/hand.lp (norms as data, facts from
bench/hand_facts.py) and hand-direct (one rule per norm, bench/hand_direct.py).
All outputs are normalised to a set of (status, actor, action, target,
first day, last day) -- last day None for "no end in view" -- where day
ranges of the same (status, actor, action, target) that overlap or touch are
merged. Run from the repository root:

    python bench/compare.py [--events N] [--norms K] [--seed S] [--skew X]
    python bench/compare.py --sizes 1000x1000,10000x100,10000x1000   # several sizes, one line each
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import defaultdict
from pathlib import Path
from typing import Iterable

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

INF = 3652059   # date(9999, 12, 31).toordinal(), pyrule's "no end"


def normalise(rows: Iterable[tuple]) -> set[tuple]:
    """rows: (status, actor, action, target, start, end) with day numbers and
    an exclusive end (>= INF for none)."""
    spans: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for st, x, a, y, s, e in rows:
        spans[(st, x, a, y)].append((s, min(e, INF)))
    out = set()
    for key, ivs in spans.items():
        ivs.sort()
        cur_s, cur_e = ivs[0]
        for s, e in ivs[1:]:
            if s <= cur_e:
                cur_e = max(cur_e, e)
            else:
                out.add((*key, cur_s, cur_e))
                cur_s, cur_e = s, e
        out.add((*key, cur_s, cur_e))
    return {(st, x, a, y, dt.date.fromordinal(s).isoformat(),
             None if e >= INF else dt.date.fromordinal(e - 1).isoformat())
            for st, x, a, y, s, e in out}


def pyrule_rows(answer) -> list[tuple]:
    return [(c.status, c.actor, c.action, c.target, c.start.toordinal(),
             c.end.toordinal() if c.end else INF) for c in answer.conclusions]


def diff(pyrule: set[tuple], hand: set[tuple], sample: int = 10, names: tuple[str, str] = ("pyrule", "hand")) -> str:
    a, b = names
    only_p, only_h = sorted(pyrule - hand, key=str), sorted(hand - pyrule, key=str)
    lines = [f"{a}: {len(pyrule)} conclusions, {b}: {len(hand)}; "
             f"only in {a}: {len(only_p)}, only in {b}: {len(only_h)}"]
    lines += [f"  {a} only: {r}" for r in only_p[:sample]]
    lines += [f"  {b} only:   {r}" for r in only_h[:sample]]
    return "\n".join(lines)


def run_all(case):
    """pyrule's, hand.lp's and hand-direct's conclusions, normalised, and what the case exercised."""
    from hand_direct import facts as direct_facts, rules as direct_rules, run_direct
    from hand_facts import facts, run_hand
    from pyrule.compile import compile_bundle
    from pyrule.library import Bundle, load_membership
    from pyrule.parse import parse_charter, parse_scenario
    from pyrule.results import build_answer
    from pyrule.solve import solve

    ch = parse_charter(case.charter_text(), "syn.charter")
    sc = parse_scenario(case.scenario_text(), "syn-case.scenario")
    program = compile_bundle(Bundle(sc, (ch,), tuple(load_membership(sc.memberships[0]))))
    answer = build_answer(program, solve(program))
    rows, _, _ = run_hand(facts(case))
    drows, _, _ = run_direct(direct_facts(case), direct_rules(case))
    info = {"defeats": len(answer.defeats), "conflicts": len(answer.conflicts),
            "by role-bearer norms": sum(1 for c in answer.conclusions for b in c.bases
                                        if type(b.rule.rule.bearer).__name__ == "RoleBearer"),
            "with an end (unless or defeat)": sum(1 for c in answer.conclusions if c.end is not None)}
    return normalise(pyrule_rows(answer)), normalise(rows), normalise(drows), info


def run_both(case):
    """pyrule's and hand.lp's conclusions (kept for callers of the two-way check)."""
    p, h, _, info = run_all(case)
    return p, h, info


def check(case) -> bool:
    p, h, d, info = run_all(case)
    print(diff(p, h, names=("pyrule", "hand.lp")))
    print(diff(p, d, names=("pyrule", "hand-direct")))
    print("exercised: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    same = p == h == d
    print(("EQUAL" if same else "DIFFERENT") + f" (pyrule, hand.lp, hand-direct: {len(p)}, {len(h)}, {len(d)} conclusions)")
    return same


def main() -> int:
    import synthetic

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--norms", type=int, default=1_000)
    ap.add_argument("--skew", type=float, default=None,
                    help="Zipf exponent of states and actions (default: synthetic.py's); a higher one makes a "
                         "small case denser, so that it exercises more")
    ap.add_argument("--sizes", default=None,
                    help="comma-separated EVENTSxNORMS to check in turn (instead of --events/--norms)")
    args = ap.parse_args()
    if args.skew is not None:
        synthetic.STATE_SKEW = synthetic.ACTION_SKEW = args.skew
    sizes = ([tuple(int(x) for x in s.split("x")) for s in args.sizes.split(",")] if args.sizes
             else [(args.events, args.norms)])
    ok = True
    for events, norms in sizes:
        print(f"== {events} events, {norms} norms, seed {args.seed}", flush=True)
        ok &= check(synthetic.generate(args.seed, events, norms))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
