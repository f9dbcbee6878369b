"""Do pyrule and the hand-written ASP conclude the same on a synthetic case?

Both outputs are normalised to a set of (status, actor, action, target,
first day, last day) -- last day None for "no end in view" -- where day
ranges of the same (status, actor, action, target) that overlap or touch are
merged. Run from the repository root:

    python bench/compare.py [--events N] [--norms K] [--seed S] [--skew X]
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


def diff(pyrule: set[tuple], hand: set[tuple], sample: int = 10) -> str:
    only_p, only_h = sorted(pyrule - hand, key=str), sorted(hand - pyrule, key=str)
    lines = [f"pyrule: {len(pyrule)} conclusions, hand: {len(hand)}; "
             f"only in pyrule: {len(only_p)}, only in hand: {len(only_h)}"]
    lines += [f"  pyrule only: {r}" for r in only_p[:sample]]
    lines += [f"  hand only:   {r}" for r in only_h[:sample]]
    return "\n".join(lines)


def run_both(case):
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
    info = {"defeats": len(answer.defeats), "conflicts": len(answer.conflicts),
            "by role-bearer norms": sum(1 for c in answer.conclusions for b in c.bases
                                        if type(b.rule.rule.bearer).__name__ == "RoleBearer"),
            "with an end (unless or defeat)": sum(1 for c in answer.conclusions if c.end is not None)}
    return normalise(pyrule_rows(answer)), normalise(rows), info


def main() -> int:
    import synthetic

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--norms", type=int, default=1_000)
    ap.add_argument("--skew", type=float, default=None,
                    help="Zipf exponent of states and actions (default: synthetic.py's); a higher one makes a "
                         "small case denser, so that it exercises more")
    args = ap.parse_args()
    if args.skew is not None:
        synthetic.STATE_SKEW = synthetic.ACTION_SKEW = args.skew
    case = synthetic.generate(args.seed, args.events, args.norms)
    p, h, info = run_both(case)
    print(diff(p, h))
    print("exercised: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    print("EQUAL" if p == h else "DIFFERENT")
    return 0 if p == h else 1


if __name__ == "__main__":
    sys.exit(main())
